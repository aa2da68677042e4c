"""Hugging Face datasets: explicit Features, built without the cache, exported safely and reloaded offline."""

import os
import stat
import subprocess
import sys

import datasets
import pytest
import yaml

import corpus_kz
from corpus_kz import vocab as V
from corpus_kz.cli import main
from corpus_kz.formats import hf
from corpus_kz.formats.hf import CONFIGS, load_dataset
from corpus_kz.records import LAYERS
from corpus_kz.storage.outputs import MARKER
from corpus_kz.storage import Layout

from ..helpers import ROOT, make_event_corpus, make_user_corpus, snapshot


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("hf") / "export"
    assert main(["export", "hf", "--out", str(out), "--quiet"]) == 0
    return out


def _reload(directory, config, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    # A fresh cache per load: a directory with a configs: block can otherwise be served stale.
    return datasets.load_dataset(str(directory.resolve()), config, split="train", cache_dir=str(tmp_path / "cache"))


def test_the_documents_config_is_the_old_name_of_nested(exported, corpus, tmp_path, monkeypatch):
    """Before 0.4 the nested config was called documents, a word that means the metadata table in pandas."""
    with pytest.deprecated_call(match="the config 'documents' is deprecated .* use 'nested'"):
        old = corpus_kz.load_dataset("documents")
    assert old.to_list() == load_dataset("nested").to_list()
    assert _reload(exported, "documents", tmp_path, monkeypatch).to_list() == old.to_list()


def test_nested_config_has_nested_spans_and_class_labels(corpus):
    ds = corpus_kz.load_dataset()
    assert ds.num_rows == 5 and ds["doc_id"] == corpus.doc_ids
    feats = ds.features
    assert feats["event"].names == list(V.EVENTS)
    assert feats["quotes"].feature["type"].names == list(V.QUOTE_TYPES)
    assert feats["attributions"].feature["speaker_role"].names == list(V.ROLES)
    assert feats["attributions"].feature["act"].names == ["assertion", "belief", "demand", "promise"]
    assert feats["frames"].feature["aspect"].names == ["trigger", "root_cause"]
    assert feats["mentions"].feature["form"].names == ["name", "nominal"]
    row = ds[0]
    assert row["text"] == corpus[0].text
    q = row["quotes"][0]
    assert row["text"][q["start"]:q["end"]] == q["text"]
    assert len(row["mentions"]) == len(corpus[0].mentions)
    # The nested record features are the records' file shape: the same field names, in order.
    assert list(feats["figures"].feature) == ["start", "end", "text", "id", "number", "value", "qualifier",
                                              "quantity", "unit", "event", "source", "origin", "confidence"]


def test_nested_labels_are_encoded_even_after_a_null(corpus):
    # The first attribution of the first document has a group source with a role; later ones have none.
    ds = corpus_kz.load_dataset()
    roles = ds.features["attributions"].feature["speaker_role"]
    for row, doc in zip(ds, corpus):
        for got, a in zip(row["attributions"], doc.attributions):
            assert got["speaker_role"] == (None if a.speaker_role is None else roles.str2int(a.speaker_role))


@pytest.mark.parametrize("config", CONFIGS)
def test_flat_configs_row_counts(corpus, config):
    ds = load_dataset(config, corpus)
    expected = {"nested": len(corpus), "entities": len(corpus.registry),
                "sentences": sum(len(d.sentences) for d in corpus)}.get(
        config, sum(len(getattr(d, config)) for d in corpus) if config in LAYERS else None)
    assert ds.num_rows == expected


def test_flat_configs_are_the_pandas_views(corpus):
    # One source of rows: the HF config and the pandas view agree cell for cell, labels decoded.
    for config in ("quotes", "attributions", "figures"):
        ds = load_dataset(config, corpus)
        df = getattr(corpus, config)()
        assert list(ds.features) == list(df.columns)
        decoded = [{k: (ds.features[k].int2str(v) if isinstance(ds.features[k], datasets.ClassLabel) and v is not None
                        else v) for k, v in row.items()} for row in ds]
        df["published"] = df["published"].dt.date  # a date32 in datasets, a datetime in pandas
        expected = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        assert decoded == expected


def test_attributions_config_resolves_speakers(corpus):
    ds = load_dataset("attributions", corpus)
    row = next(r for r in ds if r["doc_id"] == "aljazeera_2022_zhovtis_interview"
               and r["quote"] == "foreign-sponsored terrorists")
    assert (row["speaker_id"], row["speaker"], ds.features["act"].int2str(row["act"])) == (
        "tokayev", "Kassym-Jomart Tokayev", "assertion")  # inside an interviewer's question (§3)


def test_class_labels_as_strings_as_the_readme_shows(corpus):
    ds = corpus_kz.load_dataset("quotes")
    assert ds.filter(lambda r: r["speaker_role"] == "official").num_rows == 0  # the trap the README warns of
    role = ds.features["speaker_role"]
    officials = ds.filter(lambda r: r["speaker_role"] == role.str2int("official"))
    q = corpus.quotes()
    assert officials.num_rows == int((q.speaker_role == "official").sum()) > 0
    assert role.int2str(officials[0]["speaker_role"]) == "official"


def test_load_dataset_takes_a_path(tmp_path):
    root = make_user_corpus(tmp_path / "mine")
    ds = corpus_kz.load_dataset("figures", root)
    assert ds["text"] == ["12 people"] and ds["source"] == ["Officials"]


def test_unknown_config_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown config 'tweets'; expected one of nested"):
        load_dataset("tweets")
    root = make_user_corpus(tmp_path / "mine")
    with pytest.raises(ValueError, match="the config comes first: load_dataset"):
        corpus_kz.load_dataset(str(root), "quotes")  # arguments swapped


@pytest.mark.parametrize("config", ["nested", "quotes", "attributions", "figures", "entities"])
def test_export_reloads_offline_with_the_same_rows(exported, config, tmp_path, monkeypatch):
    reloaded = _reload(exported, config, tmp_path, monkeypatch)
    built = load_dataset(config)
    assert reloaded.features == built.features
    assert reloaded.to_list() == built.to_list()


def test_export_default_config_is_nested(exported, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    reloaded = datasets.load_dataset(str(exported.resolve()), cache_dir=str(tmp_path / "cache"))
    assert list(reloaded) == ["train"]
    assert reloaded["train"].to_list() == load_dataset("nested").to_list()


def test_export_files_have_normal_permissions_and_no_temp_files(exported):
    names = sorted(str(p.relative_to(exported)) for p in exported.rglob("*"))
    assert names == sorted([MARKER, "README.md", *CONFIGS, *(f"{c}/train.parquet" for c in CONFIGS)])
    umask = os.umask(0)
    os.umask(umask)
    for p in exported.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == ((0o777 if p.is_dir() else 0o666) & ~umask), (p, oct(mode))
    assert not [p for p in exported.parent.iterdir() if p.name.startswith(".")]  # no temporary sibling left


def test_dataset_card(exported, corpus):
    card = (exported / "README.md").read_text()
    assert card.startswith("---\n")
    header = yaml.safe_load(card.split("---\n")[1])
    assert [c["config_name"] for c in header["configs"]] == [*CONFIGS, "documents"]
    assert header["configs"][0]["default"] is True
    assert {i["config_name"] for i in header["dataset_info"]} == {*CONFIGS, "documents"}
    # The nested config's old name reads the same file until 0.5.
    assert header["configs"][-1]["data_files"] == [{"split": "train", "path": "nested/train.parquet"}]
    assert "- `documents`: the old name of `nested`, kept until corpus_kz 0.5." in card
    assert header["license"] == "cc-by-4.0" and header["size_categories"] == ["n<1K"]
    for section in ("## Motivation", "## Composition", "## Collection", "## Annotation process",
                    "## Known limitations", "## Licence", "## Citation", "Pooled agreement"):
        assert section in card
    assert "<!--" not in card  # every marker of the datasheet was filled
    assert f"| **total** | | | | | {sum(len(d.zones) for d in corpus)} | " in card
    assert f"Version {corpus_kz.__version__} (gold v2" in card and "citation:" not in card.split("---")[1]
    assert 'role.str2int("official")' in card


def test_a_user_corpus_gets_a_card_that_describes_it(tmp_path):
    root = make_user_corpus(tmp_path / "my_corpus")
    out = tmp_path / "out"
    assert main(["export", "hf", str(root), "--out", str(out), "--quiet"]) == 0
    card = (out / "README.md").read_text()
    assert "# my_corpus" in card and "2 documents" in card
    assert "Zhanaozen" not in card and "CABAR" not in card  # nothing of the bundled datasheet
    # It declares no events, and says so rather than describe the bundled corpus's.
    assert "declares no events of its own (`seeds/events.json`); its documents name events of the bundled corpus: " \
           "qantar_2022 (2 documents)." in card
    assert "has no datasheet" in card and Layout.DATASHEET in card
    assert "## Composition" in card and "| my_article | My Outlet |" in card
    header = yaml.safe_load(card.split("---\n")[1])
    assert header["pretty_name"] == "my_corpus" and "license" not in header
    # It does not pass off the bundled corpus's citation as its own, and has no empty paragraph.
    assert "over five news texts" not in card and "gives no citation" in card and "# my_corpus\n\n2 documents" in card
    # A layer with no records (no frames here) exports as an empty config with its features.
    assert (out / "frames" / "train.parquet").is_file()


def test_export_refuses_a_non_empty_directory_that_is_no_export(tmp_path, capsys):
    target = tmp_path / "notes"
    target.mkdir()
    (target / "README.md").write_text("my own notes\n")
    assert main(["export", "hf", "--out", str(target), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "is not empty and holds more than an earlier corpus_kz export" in err and "--force" in err
    assert (target / "README.md").read_text() == "my own notes\n"
    assert main(["export", "hf", "--out", str(target), "--quiet", "--force"]) == 0
    assert (target / MARKER).is_file() and (target / "README.md").read_text().startswith("---")


def test_export_into_the_checkout_is_refused_even_with_force(capsys):
    before = (ROOT / "README.md").read_bytes()
    assert main(["export", "hf", "--out", str(ROOT), "--quiet", "--force"]) == 2
    assert "holds the corpus (" in capsys.readouterr().err
    assert (ROOT / "README.md").read_bytes() == before


def test_a_file_added_to_an_earlier_export_is_not_lost(tmp_path, corpus, capsys):
    target = tmp_path / "e"
    hf.export(target, corpus, progress=False)
    (target / "NOTES.txt").write_text("mine")
    assert main(["export", "hf", "--out", str(target), "--quiet"]) == 2
    assert "holds more than an earlier corpus_kz export" in capsys.readouterr().err
    assert (target / "NOTES.txt").read_text() == "mine"


def test_export_inside_the_corpus_is_refused_even_with_force(tmp_path, capsys):
    from ..helpers import copy_corpus

    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    for inside in (corpus / "annotations", corpus / "seeds" / "x", corpus):
        assert main(["export", "hf", str(corpus), "--out", str(inside), "--quiet", "--force"]) == 2
        assert "holds the corpus (" in capsys.readouterr().err
    assert snapshot(corpus) == before
    assert main(["export", "hf", str(corpus), "--out", str(corpus / "out"), "--quiet"]) == 0  # beside its files


def test_export_into_a_file_is_refused(tmp_path, capsys):
    f = tmp_path / "x"
    f.write_text("x")
    assert main(["export", "hf", "--out", str(f), "--quiet"]) == 2
    assert "is a file" in capsys.readouterr().err


def test_reexport_replaces_the_whole_directory(tmp_path, corpus):
    target = tmp_path / "e"
    hf.export(target, corpus, progress=False)
    hf.export(target, corpus, progress=False)  # an earlier export is replaced without --force
    (target / "zones" / "stale.parquet").write_bytes(b"old")  # something the export did not write
    with pytest.raises(hf.ExportError):
        hf.export(target, corpus, progress=False)
    hf.export(target, corpus, progress=False, force=True)
    assert not (target / "zones" / "stale.parquet").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["e"]


def test_an_export_that_fails_half_way_leaves_the_old_one(tmp_path, corpus, monkeypatch):
    target = tmp_path / "e"
    hf.export(target, corpus, progress=False)
    before = snapshot(target)
    real = hf._batches
    calls = []

    def failing(c, config, encode=True):
        calls.append(config)
        if len(calls) == 4:
            raise KeyboardInterrupt  # as a kill or Ctrl-C would, part-way
        return real(c, config, encode)

    monkeypatch.setattr(hf, "_batches", failing)
    with pytest.raises(KeyboardInterrupt):
        hf.export(target, corpus, progress=False)
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["e"]  # the half-built sibling is gone


def test_a_killed_export_leaves_the_old_export_or_the_new_one(tmp_path, corpus):
    import subprocess
    import sys
    import time

    new_export = ("import sys, corpus_kz; from corpus_kz.formats.hf import export; "
                  "export(sys.argv[1], corpus_kz.load()[0:2], progress=False)")
    target, reference = tmp_path / "e", tmp_path / "reference"
    hf.export(target, corpus, progress=False)
    old = snapshot(target)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", new_export, str(reference)], check=True)
    new, duration = snapshot(reference), time.perf_counter() - started
    assert new != old
    seen = set()
    for fraction in (0.3, 0.6, 0.8, 0.95):
        proc = subprocess.Popen([sys.executable, "-c", new_export, str(target)])
        time.sleep(duration * fraction)
        proc.kill()  # SIGKILL: no handler runs, nothing is cleaned up
        proc.wait()
        now = snapshot(target)
        assert now in (old, new), f"a mix after a kill at {fraction:.0%} of the export"
        seen.add("new" if now == new else "old")
        if now == new:
            hf.export(target, corpus, progress=False)  # back to the old one for the next round
    assert "old" in seen  # the kills did land part-way
    hf.export(target, corpus, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e", "reference"]  # leftovers of the kills are gone


def test_provenance_features_and_values(corpus):
    from dataclasses import replace

    from corpus_kz import Corpus

    doc = corpus["rferl_2020_kordai_returning"]
    f1 = doc.figures[0]
    doc = replace(doc, figures=(replace(f1, origin="predicted:number_words", confidence=0.25), *doc.figures[1:]))
    predicted = Corpus([doc], corpus.registry)
    ds = load_dataset("nested", predicted)
    record = ds.features["figures"].feature
    assert (record["origin"], record["confidence"]) == (datasets.Value("string"), datasets.Value("float64"))
    got = ds[0]["figures"]
    assert (got[0]["origin"], got[0]["confidence"]) == ("predicted:number_words", 0.25)
    assert {(f["origin"], f["confidence"]) for f in got[1:]} == {("gold", None)}  # gold is "gold", never null
    flat = load_dataset("figures", predicted)
    assert (flat.features["origin"], flat.features["confidence"]) == (datasets.Value("string"),
                                                                      datasets.Value("float64"))
    assert (flat[0]["origin"], flat[0]["confidence"]) == ("predicted:number_words", 0.25)
    assert set(flat["origin"][1:]) == {"gold"} and set(flat["confidence"][1:]) == {None}


def test_a_corpus_built_in_memory_has_a_card_from_its_own_metadata(corpus, tmp_path):
    """The card reads corpus.metadata, never a directory: a corpus with no path gets one, with what it carries."""
    from corpus_kz import Corpus

    bare = Corpus(corpus[0:2], corpus.registry)
    card = (hf.export(tmp_path / "bare", bare, progress=False) / "README.md").read_text()
    assert "This corpus directory has no datasheet" in card and "Pooled agreement" not in card
    carried = Corpus(corpus[0:2], corpus.registry, metadata=corpus.metadata)
    card = (hf.export(tmp_path / "carried", carried, progress=False) / "README.md").read_text()
    assert "## Motivation" in card and "| quotes | 174 / 177 |" in card


def test_a_corpus_s_own_events_are_its_event_class_labels(tmp_path):
    mine = corpus_kz.load(make_event_corpus(tmp_path / "mine"))
    nested, figures = load_dataset("nested", mine), load_dataset("figures", mine)
    declared = ["almaty_2019", "shymkent_2019"]
    assert nested.features["event"].names == declared == figures.features["event"].names
    assert nested.features["figures"].feature["event"].names == declared
    assert [nested.features["event"].int2str(i) for i in nested["event"]] == ["almaty_2019"]
    assert figures.features["event"].int2str(figures[0]["event"]) == "almaty_2019"
    assert hf.features("quotes", mine)["event"].names == declared
    assert hf.features("quotes")["event"].names == list(V.EVENTS)  # without a corpus, the bundled one's
    out = hf.export(tmp_path / "export", mine, progress=False)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "| almaty_2019 | A protest in Almaty in 2019 | 2019-06-09 | 2019-06-10 | Almaty | 1 |" in card
    assert "| shymkent_2019 | A protest in Shymkent in 2019 | 2019-06-10 | 2019-06-10 | Shymkent | 0 |" in card


def _readme_label_block() -> str:
    """README's snippet that reads the labels of an export (the block after its ``corpus_kz.label`` advice)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("The same on an export (`corpus-kz export hf --out DIR`):", 1)[1]
    return after.split("```python\n", 1)[1].split("```", 1)[0]


def test_readme_label_snippet_reads_every_row_of_the_export(exported, corpus, tmp_path):
    """Issue 18: README advised ``role.int2str(row["speaker_role"])``, a ValueError on a quote without a role."""
    block = _readme_label_block()
    assert '"/abs/DIR"' in block and "corpus_kz.label(" in block
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_DATASETS_CACHE": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", block.replace("/abs/DIR", str(exported.resolve()))],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    quotes = corpus.quotes()
    expected = [f"{q} {r if isinstance(r, str) else None}" for q, r in zip(quotes.quote_id, quotes.speaker_role)]
    assert out.stdout.splitlines() == expected
    assert sum(line.endswith(" None") for line in expected) == quotes.speaker_role.isna().sum() > 0


def test_label_reads_every_classlabel_of_every_config(corpus):
    """``label`` is ``int2str`` where there is a value and None where there is none, in the flat and nested rows."""
    for config in CONFIGS:
        ds = load_dataset(config)
        strings = hf.rows(corpus, config)
        for name, feature in ds.features.items():
            if isinstance(feature, datasets.ClassLabel):
                assert [corpus_kz.label(feature, v) for v in ds[name]] == [r[name] for r in strings], (config, name)
    mentions = load_dataset("nested").features["mentions"]
    form = (mentions.feature if hasattr(mentions, "feature") else mentions[0])["form"]
    nested = load_dataset("nested")[0]["mentions"]
    ids = nested["form"] if isinstance(nested, dict) else [m["form"] for m in nested]
    assert corpus_kz.label(form, ids) == [m["form"] for m in hf.rows(corpus, "nested")[0]["mentions"]]
    assert corpus_kz.label(form, -1) is None and corpus_kz.label(form, None) is None
    with pytest.raises(ValueError):
        corpus_kz.label(form, len(form.names))  # an id out of range is still an error, not a null
