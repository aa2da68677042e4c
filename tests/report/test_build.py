"""corpus-kz report: one self-contained HTML page and a Markdown twin, whose findings match the texts."""

import dataclasses
import re
import sys

import pytest

import corpus_kz
from corpus_kz.cli import main
from corpus_kz.report.build import MAX_CELL, MAX_DOCUMENT_VIEWS, MAX_ROWS, _cell, sections, write_report
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
        "documents.png", "figure_claims.png", "frame_heatmap.png", "share_of_voice.png", "timeline.png"]
    md = (report / "report.md").read_text(encoding="utf-8")
    assert "Made with corpus_kz" in md and "from the bundled corpus." in md
    for name in ("documents", "share_of_voice", "frame_heatmap", "figure_claims", "timeline"):
        assert f"(figures/{name}.png)" in md


def test_html_is_self_contained(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    images = re.findall(r'<img [^>]*src="([^"]*)"', page)
    assert len(images) == 5 and all(src.startswith("data:image/png;base64,") for src in images)
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
    # two sources of one text: some 2,000 in Aqtau (RFE/RL's correspondent) and some 300 in Shetpe (prosecutors)
    assert ("| Zhanaozen oil workers' clashes with police | participants | people | both | 2 | 300 | 2,000 | 6.667 | rferl_2011_zhanaozen_unrest | "
            "300 (about, “some 300 people”) – Kazakh prosecutors, RFE/RL; 1000 (exact, “1,000 oil workers”) – "
            "Yevgeniy Zhovtis, Al Jazeera (repost); 2000 (about, “some 2,000 people”) – Kazis Toguzbaev, "
            "RFE/RL |") in md
    # the documents, with their records counted (the README's corpus-kz info table)
    assert "| rferl_2020_kordai_returning | RFE/RL | Clashes between Kazakhs and Dungans in Kordai district | report | – | 74 | 16 | 18 | 6 |" in md


def test_sections_are_the_analyses():
    parts = {s.title: s for s in sections()}
    assert list(parts) == ["The corpus", "Whose voices are reported", "Who frames the events how",
                           "Which numbers the sources claim, and where they disagree", "Entities, names and dates",
                           "Method"]
    tables = dict(parts["Whose voices are reported"].tables)
    official = tables["Share of voice by speaker role"].set_index("speaker_role").loc["official"]
    assert (official.attributions, official.words) == (50, 627)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A report on 25 copies of the bundled documents: more than are highlighted one by one."""
    bundled = corpus_kz.load()
    copies = [dataclasses.replace(bundled[i % 5], doc_id=f"copy{i:02d}_{bundled[i % 5].doc_id}") for i in range(25)]
    corpus = corpus_kz.Corpus(copies, bundled.registry)
    assert len(corpus) > MAX_DOCUMENT_VIEWS
    out = write_report(tmp_path_factory.mktemp("large") / "report", corpus, progress=False)
    return out["markdown"].read_text(encoding="utf-8"), out["html"].read_text(encoding="utf-8")


def test_a_large_corpus_lists_its_documents_instead_of_highlighting_each(large):
    md, page = large
    assert "<details>" not in page and "spans highlighted" not in page
    assert "25 documents: too many to show one by one" in md
    assert "| copy01_rferl_2020_kordai_returning | RFE/RL | Clashes between Kazakhs and Dungans in Kordai district | report | – | 74 | 16 | 18 | 6 |" in md
    # per outlet and event, summed from the views: five copies of each text, RFE/RL's two on different events
    assert "| RFE/RL | Clashes between Kazakhs and Dungans in Kordai district | 5 | 370 | 80 | 90 | 30 |" in md
    assert "| Al Jazeera (repost) | January 2022 unrest in Kazakhstan | 5 | 460 | 230 | 65 | 140 |" in md
    # per outlet and event instead of per document, and each claim once with the documents making it
    assert "### Domestic against interethnic, by outlet and event" in md
    assert "| Clashes between Kazakhs and Dungans in Kordai district | participants | people | 400 | about | about 400 people | Ministry of Internal Affairs of " \
           "Kazakhstan | official | CABAR.asia | 5 |" in md
    assert "300 (about, “around 300 people”) – authorities of Kazakhstan, RFE/RL (5 documents); 400 (about, " \
           "“about 400 people”) – Ministry of Internal Affairs of Kazakhstan, CABAR.asia (5 documents)" in md


def test_tables_and_cells_are_cut_to_a_readable_size(large):
    md, _ = large
    tables = re.findall(r"### [^\n]*\n\n((?:\|[^\n]*\n)+)", md)
    assert tables and max(len(t.splitlines()) for t in tables) == MAX_ROWS + 2  # header and rule
    within = [line for line in md.splitlines() if line.startswith("| Zhanaozen oil workers' clashes with police | participants | people | both")]
    # the five documents whose two sources differ, and each claim once: the row stays short
    assert len(within) == 1 and len(within[0]) < 2 * MAX_CELL
    assert within[0].count("copy") == 5


def test_numbers_read_as_numbers():
    # Tokayev's "20,000 fighters" is a count, not 2e+04; ratios and shares keep three or four digits.
    assert [_cell(v) for v in (20000.0, 4500.0, 6.666666, 55.0, 0.05714, float("nan"))] == [
        "20,000", "4,500", "6.667", "55", "0.0571", "–"]


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


def test_the_header_names_the_corpus_never_an_absolute_path(tmp_path, monkeypatch):
    """Issue 18: the header showed the corpus's absolute path, the user's home directory with it."""
    from corpus_kz.report.build import source_name

    home = tmp_path / "home" / "me"
    corpus = make_user_corpus(home / "work" / "mine")
    monkeypatch.setenv("HOME", str(home))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = tmp_path / "rep"
    assert main(["report", str(corpus), "--out", str(out), "--quiet"]) == 0
    for page in ("report.md", "report.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "from mine." in text and str(tmp_path) not in text, page
    loaded = corpus_kz.load(corpus)
    monkeypatch.chdir(home)
    assert source_name(loaded) == "work/mine"  # inside the working directory: the path from there
    monkeypatch.chdir(tmp_path)  # above the home directory: the path from here would show it
    assert source_name(loaded) == "mine"
    monkeypatch.chdir(corpus)
    assert source_name(loaded) == "mine"
    assert source_name(corpus_kz.load()) == "the bundled corpus"
    assert source_name(corpus_kz.Corpus([])) == "a corpus in memory"


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
    assert 'pip install -e ".[report]" (in the checkout' in err and "'matplotlib>=3.7'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_a_corpus_with_no_documents_gets_a_report(tmp_path):
    empty = tmp_path / "empty"
    (empty / Layout.SEEDS).mkdir(parents=True)
    (empty / Layout.MANIFEST).write_text("[]")
    (empty / Layout.REGISTRY).parent.mkdir(parents=True)
    (empty / Layout.REGISTRY).write_text("[]")
    assert main(["report", str(empty), "--out", str(tmp_path / "r"), "--quiet"]) == 0
    assert (tmp_path / "r" / "report.md").read_text(encoding="utf-8").startswith("# corpus_kz report: 0 documents")
