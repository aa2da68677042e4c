"""corpus-kz report: one self-contained HTML page and a Markdown twin, whose findings match the texts."""

import re
import sys

import pytest

from corpus_kz.cli import main
from corpus_kz.report.build import sections
from corpus_kz.storage import Layout

from ..helpers import copy_corpus, make_user_corpus, snapshot


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("r") / "report"
    assert main(["report", "--out", str(out), "--quiet"]) == 0
    return out


def test_writes_html_markdown_and_figures(report):
    assert sorted(p.name for p in report.iterdir()) == [".corpus_kz-export.json", "figures", "report.html",
                                                         "report.md"]
    assert sorted(p.name for p in (report / "figures").iterdir()) == [
        "figure_claims.png", "frame_heatmap.png", "share_of_voice.png", "timeline.png"]
    md = (report / "report.md").read_text(encoding="utf-8")
    for name in ("share_of_voice", "frame_heatmap", "figure_claims", "timeline"):
        assert f"(figures/{name}.png)" in md


def test_html_is_self_contained(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    images = re.findall(r'<img [^>]*src="([^"]*)"', page)
    assert len(images) == 4 and all(src.startswith("data:image/png;base64,") for src in images)
    assert not re.search(r"<(?:link|script|iframe)\b", page)
    assert "href=" not in page and "url(" not in page
    assert page.count("<details>") == 5  # each document with its spans highlighted


def test_findings_match_the_texts(report):
    md = (report / "report.md").read_text(encoding="utf-8")
    # the agreement table the README shows
    assert "| quotes | 174 / 177 | 0.974 | 0.992 | 0.997 |" in md
    # the participant counts that disagree (CABAR 400, RFE/RL 300) and the Zhanaozen toll years apart
    assert ("300 (about, “around 300 people”) – authorities of Kazakhstan, RFE/RL; 400 (about, “about 400 people”) "
            "– Ministry of Internal Affairs of Kazakhstan, CABAR.asia") in md
    assert ("13 (at_least, “at least 13 people”) – author, RFE/RL; 15 (at_least, “at least 15 people”) – Yevgeniy "
            "Zhovtis, Al Jazeera (repost)") in md
    # who says the trigger was domestic and the roots interethnic
    assert "| yergali | Azamat Yergali | journalist | domestic | interethnic | True |" in md
    # only officials deny the interethnic frame, and they lean domestic
    assert "| official | 9 | 0 | 1 | 1 | domestic |" in md
    assert "| (no source) | 10 | 130 | 5.7% | 3.6% |" in md


def test_sections_are_the_analyses():
    parts = {s.title: s for s in sections()}
    assert list(parts) == ["The corpus", "Whose voices are reported", "Who frames the events how",
                           "Which numbers the sources claim, and where they disagree", "Entities, names and dates",
                           "Method"]
    tables = dict(parts["Whose voices are reported"].tables)
    official = tables["Share of voice by speaker role"].set_index("speaker_role").loc["official"]
    assert (official.attributions, official.words) == (50, 627)


def test_a_users_own_corpus_gets_a_report(tmp_path, capsys):
    corpus = make_user_corpus(tmp_path / "mine")
    out = tmp_path / "rep"
    assert main(["report", str(corpus), "--out", str(out), "--quiet"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# corpus_kz report: 2 documents")
    assert "None in this corpus." in md  # an empty table says so
    assert "no datasheet" in md and "No agreement figures" in md
    assert "| 12 | exact |" in md  # its one figure, "12 people" detained
    unannotated = make_user_corpus(tmp_path / "raw", annotate=False)
    assert main(["report", str(unannotated), "--out", str(tmp_path / "rep2"), "--quiet"]) == 0


def test_never_overwrites_a_users_directory(tmp_path, capsys):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    before = snapshot(out)
    assert main(["report", "--out", str(out), "--quiet"]) == 2
    assert "not empty and holds more than an earlier corpus_kz report" in capsys.readouterr().err
    assert snapshot(out) == before
    assert main(["report", "--out", str(out), "--quiet", "--force"]) == 0
    assert not (out / "mine.txt").exists()
    assert main(["report", "--out", str(out), "--quiet"]) == 0  # an earlier report is replaced without --force
    assert [p.name for p in tmp_path.iterdir()] == ["notes"]  # nothing left beside it


def test_refuses_to_write_into_the_corpus(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    assert main(["report", str(corpus), "--out", str(corpus / "annotations" / "report"), "--force"]) == 2
    assert "holds the corpus (" in capsys.readouterr().err
    assert snapshot(corpus) == before


def test_without_matplotlib_the_error_says_what_to_install(tmp_path, monkeypatch, capsys):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["report", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'corpus_kz[report]'" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_a_corpus_with_no_documents_gets_a_report(tmp_path):
    empty = tmp_path / "empty"
    (empty / Layout.SEEDS).mkdir(parents=True)
    (empty / Layout.MANIFEST).write_text("[]")
    (empty / Layout.REGISTRY).parent.mkdir(parents=True)
    (empty / Layout.REGISTRY).write_text("[]")
    assert main(["report", str(empty), "--out", str(tmp_path / "r"), "--quiet"]) == 0
    assert (tmp_path / "r" / "report.md").read_text(encoding="utf-8").startswith("# corpus_kz report: 0 documents")
