"""Hugging Face datasets: explicit Features, built without the cache, exported and reloaded offline."""

import datasets
import pytest
import yaml

import corpus_kz
from corpus_kz import vocab as V
from corpus_kz.cli import main
from corpus_kz.hf import CONFIGS, load_dataset


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("hf")
    assert main(["export", "hf", str(out), "--quiet"]) == 0
    return out


def test_documents_config_has_nested_spans_and_class_labels(corpus):
    ds = corpus_kz.load_dataset()
    assert ds.num_rows == 5 and ds["doc_id"] == corpus.doc_ids
    feats = ds.features
    assert feats["event"].names == list(V.EVENTS)
    assert feats["quotes"].feature["type"].names == list(V.QUOTE_TYPES)
    assert feats["attributions"].feature["speaker_role"].names == list(V.ROLES)
    row = ds[0]
    assert row["text"] == corpus[0].text
    q = row["quotes"][0]
    assert row["text"][q["start"]:q["end"]] == q["text"]
    assert len(row["mentions"]) == len(corpus[0].mentions)


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
    expected = {"documents": len(corpus), "entities": len(corpus.entities_by_id),
                "sentences": sum(len(d.sentences) for d in corpus)}.get(
        config, sum(len(getattr(d, config, ())) for d in corpus))
    assert ds.num_rows == expected


def test_unknown_config_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown config 'tweets'; expected one of documents"):
        load_dataset("tweets")


@pytest.mark.parametrize("config", ["documents", "quotes", "figures", "entities"])
def test_export_reloads_offline_with_the_same_rows(exported, config, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    # A fresh cache per load: a directory with a configs: block can otherwise be served stale.
    reloaded = datasets.load_dataset(str(exported.resolve()), config, split="train", cache_dir=str(tmp_path / "cache"))
    built = load_dataset(config)
    assert reloaded.features == built.features
    assert reloaded.to_list() == built.to_list()


def test_export_default_config_is_documents(exported, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    reloaded = datasets.load_dataset(str(exported.resolve()), cache_dir=str(tmp_path / "cache"))
    assert list(reloaded) == ["train"]
    assert reloaded["train"].to_list() == load_dataset("documents").to_list()


def test_dataset_card(exported, corpus):
    card = (exported / "README.md").read_text()
    assert card.startswith("---\n")
    header = yaml.safe_load(card.split("---\n")[1])
    assert [c["config_name"] for c in header["configs"]] == list(CONFIGS)
    assert header["configs"][0]["default"] is True
    assert {i["config_name"] for i in header["dataset_info"]} == set(CONFIGS)
    for section in ("### Motivation", "### Composition", "### Collection", "### Annotation process",
                    "### Known limitations", "### Licence", "### Citation", "Pooled agreement"):
        assert section in card
    total_quotes = sum(len(d.quotes) for d in corpus)
    assert f"| **total** | | | | | {sum(len(d.zones) for d in corpus)} | " in card
    assert str(total_quotes) in card
