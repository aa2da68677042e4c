"""corpus-kz add: an article joins a corpus of your own; the bundled corpus is never touched."""

import json

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
    assert main(["add", str(_article(tmp_path, "b.txt")), "--out", str(mine), "--outlet", "X",
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
