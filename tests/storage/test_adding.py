"""corpus-kz add: an article joins a corpus of your own; the bundled corpus is never touched."""

import json
from pathlib import Path

import pytest

import corpus_kz
from corpus_kz.cli import main
from corpus_kz.storage import Layout

from ..helpers import ROOT, copy_corpus, snapshot

ARTICLE = "Protest in Aktau\n\nOfficials said that 12 people were detained in Aktau on Monday.\n"


def _article(tmp_path, name="aktau_protest.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_corpus_is_created_and_loads(tmp_path, capsys):
    art = _article(tmp_path)
    mine = tmp_path / "mine"
    assert main(["add", str(art), "--out", str(mine), "--outlet", "My Outlet", "--event", "qantar_2022",
                 "--published", "2022-01-10", "--note", "copied from the web"]) == 0
    corpus = corpus_kz.load(mine)
    doc = corpus["aktau_protest"]
    assert doc.text == ARTICLE and doc.published.isoformat() == "2022-01-10" and doc.notes == ("copied from the web",)
    assert (doc.outlet, doc.event, doc.genre, doc.language, doc.mentions) == ("My Outlet", "qantar_2022", "report",
                                                                              "en", ())
    assert (mine / Layout.SEEDS / "aktau_protest.txt").read_bytes() == ARTICLE.encode()


def test_an_existing_corpus_grows_and_its_sums_follow(tmp_path, corpus):
    mine = copy_corpus(tmp_path / "c")
    art = _article(tmp_path)
    assert main(["add", str(art), "--out", str(mine), "--outlet", "X", "--event", "kordai_2020",
                 "--doc-id", "extra_one"]) == 0
    grown = corpus_kz.load(mine)
    assert len(grown) == len(corpus) + 1 and grown.doc_ids[-1] == "extra_one"
    assert "extra_one.txt" in (mine / Layout.SHA256SUMS).read_text()
    assert [d.doc_id for d in grown][:5] == corpus.doc_ids  # the annotated documents are as they were


def test_refusals_change_nothing(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    before = snapshot(mine)
    art = _article(tmp_path, "cabar_2020_masanchi.txt")
    cases = [
        (["--out", str(mine), "--outlet", "X", "--event", "kordai_2020"], "already in the corpus"),
        (["--out", str(mine), "--outlet", "X", "--event", "kordai_2020", "--doc-id", "n2", "--published", "2022-13-01"],
         "expected a calendar date YYYY-MM-DD"),
        (["--out", str(mine), "--outlet", "", "--event", "kordai_2020", "--doc-id", "n3"], "outlet"),
        (["--out", str(mine), "--outlet", "X", "--event", "kordai_2020", "--doc-id", "../evil"], "doc_id"),
        (["--out", str(ROOT), "--outlet", "X", "--event", "kordai_2020"], "never changed"),
    ]
    for extra, message in cases:
        assert main(["add", str(art), *extra]) == 2, extra
        assert message in capsys.readouterr().err, extra
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Almaty café".encode("latin-1"))
    assert main(["add", str(bad), "--out", str(mine), "--outlet", "X", "--event", "kordai_2020"]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert snapshot(mine) == before


def test_a_corpus_that_would_not_load_is_rolled_back(tmp_path, capsys):
    mine = tmp_path / "mine"
    assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--outlet", "X", "--event", "qantar_2022"]) == 0
    (mine / Layout.REGISTRY).write_text("{broken")  # a fault the new article did not cause
    before = snapshot(mine)
    assert main(["add", str(_article(tmp_path, "b.txt", "Another article.\n")), "--out", str(mine), "--outlet", "X",
                 "--event", "qantar_2022"]) == 2
    assert "would not load" in capsys.readouterr().err
    assert snapshot(mine) == before
    assert json.loads((mine / Layout.MANIFEST).read_text())[-1]["doc_id"] == "aktau_protest"


def test_the_bundled_corpus_data_is_never_a_target(tmp_path, capsys):
    art = _article(tmp_path)
    for inside in (ROOT / Layout.SEEDS / "more", ROOT / Layout.ANNOTATIONS / "newc"):
        assert main(["add", str(art), "--out", str(inside), "--outlet", "X", "--event", "qantar_2022"]) == 2
        assert "never changed" in capsys.readouterr().err
        assert not inside.exists()


def test_a_failed_add_takes_back_everything_it_made(tmp_path, capsys):
    mine = tmp_path / "half"
    (mine / Layout.DOCS).mkdir(parents=True)
    (mine / Layout.DOCS / "orphan.json").write_text("{}")  # an annotation file no manifest entry names
    before = snapshot(mine)
    assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--outlet", "X", "--event", "qantar_2022"]) == 2
    assert "would not load" in capsys.readouterr().err
    assert snapshot(mine) == before and sorted(p.name for p in mine.iterdir()) == ["annotations"]
    assert not (mine / Layout.MANIFEST).exists() and not (mine / Layout.REGISTRY).exists()


def test_a_badly_written_manifest_is_named(tmp_path, capsys):
    mine = tmp_path / "m"
    (mine / Layout.SEEDS).mkdir(parents=True)
    for bad, says in (('{"a": 1}', "expected a JSON array of manifest entries"), ("[1, 2", "JSON")):
        (mine / Layout.MANIFEST).write_text(bad)
        assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--outlet", "X",
                     "--event", "qantar_2022"]) == 2
        err = capsys.readouterr().err
        assert says in err and "internal error" not in err


# -- bulk in: a folder, a CSV, JSONL or Parquet table --------------------------------

def _rows(n, **extra):
    return [{"uid": f"r{i}", "body": f"Article {i}.\n\nPolice said that {i} people were detained.\n", **extra}
            for i in range(n)]


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_table_of_articles_joins_the_corpus_and_its_sums(tmp_path, capsys, corpus):
    import pandas as pd

    mine = copy_corpus(tmp_path / "c")
    rows = _rows(3, url="http://example.org")
    rows[0].update(outlet="Vlast", published="2022-01-06", notes="machine translated")
    pd.DataFrame(rows).to_csv(tmp_path / "a.csv", index=False)
    assert main(["add", str(tmp_path / "a.csv"), "--out", str(mine), "--text-column", "body", "--id-column", "uid",
                 "--outlet", "Fallback", "--event", "qantar_2022", "--language", "ru"]) == 0
    out = capsys.readouterr().out
    assert "added 3 articles" in out and "not read: the columns url" in out
    grown = corpus_kz.load(mine)
    assert grown.doc_ids == [*corpus.doc_ids, "r0", "r1", "r2"]
    r0, r1 = grown["r0"], grown["r1"]
    assert (r0.outlet, r0.published.isoformat(), r0.notes, r0.language) == ("Vlast", "2022-01-06",
                                                                            ("machine translated",), "ru")
    assert (r1.outlet, r1.published, r1.event, r1.text) == ("Fallback", None, "qantar_2022", rows[1]["body"])
    sums = (mine / Layout.SHA256SUMS).read_text()
    assert all(f"{grown[d].sha256}  {d}.txt\n" in sums for d in ("r0", "r1", "r2"))
    assert not [p for p in mine.iterdir() if p.name.startswith(".")]  # no staging left


def test_jsonl_and_parquet_and_a_folder_are_added_alike(tmp_path, capsys):
    import pandas as pd

    rows = _rows(2, event="kordai_2020", outlet="X")
    _jsonl(tmp_path / "a.jsonl", rows)
    pd.DataFrame(rows).to_parquet(tmp_path / "a.parquet")
    folder = tmp_path / "texts"
    folder.mkdir()
    for r in rows:
        (folder / f"{r['uid']}.txt").write_text(r["body"], encoding="utf-8")
    for source, extra in ((tmp_path / "a.jsonl", []), (tmp_path / "a.parquet", []),
                          (folder, ["--outlet", "X", "--event", "kordai_2020"])):
        mine = tmp_path / f"c_{source.name}"
        assert main(["add", str(source), "--out", str(mine), "--text-column", "body", "--quiet", *extra]
                    + (["--column", "doc_id=uid"] if source != folder else [])) == 0, source
        loaded = corpus_kz.load(mine)
        assert loaded.doc_ids == ["r0", "r1"] and [d.text for d in loaded] == [r["body"] for r in rows]
    capsys.readouterr()


def test_a_bad_row_is_named_by_file_line_and_field_and_nothing_is_added(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    before = snapshot(mine)
    rows = _rows(4, outlet="X", event="qantar_2022")
    rows[2]["event"] = "astana_protest_2030"  # not an event the corpus declares
    rows[3]["published"] = "12/01/2022"
    table = _jsonl(tmp_path / "a.jsonl", rows)
    assert main(["add", str(table), "--out", str(mine), "--text-column", "body", "--id-column", "uid"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{table}, line 3: record r2: field 'event': found 'astana_protest_2030', expected an event "
                   f"that {mine / 'seeds' / 'events.json'} declares: zhanaozen_2011, kordai_2020, qantar_2022",
                   f"{table}, line 4: record r3: field 'published': found '12/01/2022', expected an ISO date "
                   "YYYY-MM-DD or null",
                   "2 problems found; nothing was added"]
    assert snapshot(mine) == before


def test_duplicates_by_text_are_skipped_with_a_line_and_a_rerun_adds_nothing(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    bundled = (mine / Layout.SEEDS / "000_74345c06c20bc3f8.txt").read_text(encoding="utf-8")
    rows = _rows(3, outlet="X", event="qantar_2022")
    rows.append({"uid": "again", "body": rows[0]["body"], "outlet": "X", "event": "qantar_2022"})
    rows.append({"uid": "bundled_again", "body": bundled, "outlet": "X", "event": "qantar_2022"})
    table = _jsonl(tmp_path / "a.jsonl", rows)
    command = ["add", str(table), "--out", str(mine), "--text-column", "body", "--id-column", "uid"]
    assert main(command) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"skipped {table}, line 4: the same text as {table}, line 1",
                       f"skipped {table}, line 5: its text is already in the corpus as cabar_2020_masanchi"]
    assert "added 3 articles" in out[2] and "(2 skipped as duplicates)" in out[2]
    after = snapshot(mine)
    assert main(command) == 0  # the import run again
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 6 and out[-1].startswith("nothing added") and "5 skipped" in out[-1]
    assert snapshot(mine) == after


def test_a_doc_id_taken_or_given_twice_is_refused(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    before = snapshot(mine)
    rows = _rows(3, outlet="X", event="qantar_2022")
    rows[1]["uid"] = "cabar_2020_masanchi"
    rows[2]["uid"] = "r0"
    table = _jsonl(tmp_path / "a.jsonl", rows)
    assert main(["add", str(table), "--out", str(mine), "--text-column", "body", "--id-column", "uid"]) == 2
    err = capsys.readouterr().err
    assert (f"{table}, line 2: record cabar_2020_masanchi: field 'doc_id': found 'cabar_2020_masanchi', already in "
            "the corpus") in err
    assert f"{table}, line 3: record r0: field 'doc_id': found duplicate id 'r0', expected unique doc_ids ({table}, line 1 has it too)" in err
    assert snapshot(mine) == before


def test_options_that_do_not_fit_the_source_are_refused(tmp_path, capsys):
    table = _jsonl(tmp_path / "a.jsonl", _rows(1))
    mine = tmp_path / "c"
    for extra, says in ((["--doc-id", "x"], "--doc-id names the one article of a text file"),
                        (["--column", "outlet"], "expected FIELD=COLUMN"),
                        (["--column", "author=by"], "no field 'author' to read from a column")):
        assert main(["add", str(table), "--out", str(mine), *extra]) == 2
        assert says in capsys.readouterr().err
    assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--event", "qantar_2022"]) == 2
    assert "a text file carries no metadata; give its --outlet and --event" in capsys.readouterr().err
    assert not mine.exists()


def test_help_states_the_duplicates_policy(capsys):
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Duplicates are skipped, each with a line saying so" in out and "--text-column" in out


def test_what_a_killed_add_left_is_cleared_and_two_adds_at_once_are_refused(tmp_path, capsys):
    import fcntl
    import os

    mine = tmp_path / "mine"
    assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--outlet", "X", "--event", "qantar_2022"]) == 0
    stale = mine / ".seeds.abc123.tmp"  # a staging directory a kill left
    stale.mkdir()
    (stale / "half.txt").write_text("half")
    fd = os.open(mine, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another add at work
    try:
        assert main(["add", str(_article(tmp_path, "b.txt", "B.\n")), "--out", str(mine), "--outlet", "X",
                     "--event", "qantar_2022"]) == 2
        assert "another `corpus-kz add` is adding to this corpus" in capsys.readouterr().err
    finally:
        os.close(fd)
    assert main(["add", str(_article(tmp_path, "b.txt", "B.\n")), "--out", str(mine), "--outlet", "X",
                 "--event", "qantar_2022"]) == 0
    assert not stale.exists() and corpus_kz.load(mine).doc_ids == ["aktau_protest", "b"]
    # Where two directories cannot be exchanged in one step, a kill between the two renames leaves the old
    # seeds aside and none in place: the next add puts them back first.
    (mine / Layout.SEEDS).rename(mine / ".seeds.old.x1y2.tmp")
    assert main(["add", str(_article(tmp_path, "c.txt", "C.\n")), "--out", str(mine), "--outlet", "X",
                 "--event", "qantar_2022"]) == 0
    assert corpus_kz.load(mine).doc_ids == ["aktau_protest", "b", "c"]


def test_the_rest_of_seeds_is_kept_as_it_was(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    (mine / Layout.SEEDS / "manifest.schema.json").write_text("{}\n")
    (mine / Layout.SEEDS / "raw").mkdir()
    (mine / Layout.SEEDS / "raw" / "scan.pdf").write_bytes(b"%PDF")
    (mine / Layout.SEEDS / "latest.txt").symlink_to("000_74345c06c20bc3f8.txt")
    before = snapshot(mine)
    assert main(["add", str(_article(tmp_path)), "--out", str(mine), "--outlet", "X", "--event", "qantar_2022"]) == 0
    after = snapshot(mine)
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed == {Path(Layout.MANIFEST), Path(Layout.SHA256SUMS), Path(Layout.seed("aktau_protest.txt"))}
    assert (mine / Layout.SEEDS / "latest.txt").is_symlink()


def test_a_bulk_add_to_a_corpus_that_would_not_load_is_taken_back(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    (mine / Layout.REGISTRY).write_text("{broken")
    before = snapshot(mine)
    table = _jsonl(tmp_path / "a.jsonl", _rows(20, outlet="X", event="qantar_2022"))
    assert main(["add", str(table), "--out", str(mine), "--text-column", "body", "--id-column", "uid"]) == 2
    assert "would not load" in capsys.readouterr().err
    assert snapshot(mine) == before and not [p for p in mine.iterdir() if p.name.startswith(".")]


def test_a_store_is_not_added_to(tmp_path, capsys):
    store = tmp_path / "store"
    store.mkdir()
    (store / Layout.STORE).write_text("{}")
    assert main(["add", str(_article(tmp_path)), "--out", str(store), "--outlet", "X", "--event", "qantar_2022"]) == 2
    assert "is a columnar store" in capsys.readouterr().err and sorted(p.name for p in store.iterdir()) == ["store.json"]


def test_an_event_of_the_corpus_s_own_is_added_and_one_it_does_not_declare_is_refused(tmp_path, capsys):
    mine = copy_corpus(tmp_path / "c")
    events = json.loads((mine / "seeds" / "events.json").read_text(encoding="utf-8"))
    events.append({"event_id": "almaty_2019", "name": "Rallies in Almaty after the election",
                   "start": "2019-06-09", "end": "2019-06-12", "places": ["Almaty"]})
    (mine / "seeds" / "events.json").write_text(json.dumps(events), encoding="utf-8")
    article = tmp_path / "rally.txt"
    article.write_text("Police said 500 people were detained in Almaty.\n", encoding="utf-8")
    assert main(["add", str(article), "--out", str(mine), "--outlet", "X", "--event", "astana_2030"]) == 2
    assert "an event that" in capsys.readouterr().err and "almaty_2019" not in corpus_kz.load(mine).doc_ids
    assert main(["add", str(article), "--out", str(mine), "--outlet", "X", "--event", "almaty_2019"]) == 0
    assert corpus_kz.load(mine)["rally"].event == "almaty_2019"
