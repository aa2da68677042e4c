"""Attribution corpora in brat: the reader, scoring by hand, broken files refused, and PolNeAR.

The PolNeAR tests read ``../shared/polnear-dev`` beside the checkout at run time and skip where it is
absent; nothing of its texts is copied here (the brat fixtures below are written from scratch).
"""

from __future__ import annotations

import math

import pytest

import corpus_kz
from corpus_kz import CorpusError
from corpus_kz.annotate import baseline
from corpus_kz.scoring.brat_attributions import (attributions_of, is_quoted, read_brat_attributions, score_brat,
                                                 trim_marks)
from corpus_kz.scoring.evaluate import EvaluationError, score_table

from ..helpers import ROOT
from .helpers import LEVELS, every_score

POLNEAR = ROOT.parent / "shared" / "polnear-dev"


# -- brat corpora ----------------------------------------------------------------------------------

BRAT_TEXT = ('Ivan Petrov said: "We will strike." Officials said the port was closed, and "all is calm," '
             'they added. It was reported that 12 were held.\n')


def brat_offsets(sub: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = BRAT_TEXT.index(sub, start + 1)
    return start, start + len(sub)


def t_line(tid: str, label: str, *subs: str) -> str:
    frags = [brat_offsets(s) for s in subs]
    return f"{tid}\t{label} " + ";".join(f"{s} {e}" for s, e in frags) + "\t" + " ".join(subs)


def write_brat(directory, ann: str, text: str = BRAT_TEXT, name: str = "wire_1"):
    directory.mkdir(exist_ok=True)
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / f"{name}.ann").write_text(ann, encoding="utf-8")
    return directory


ANN = "\n".join([
    t_line("T1", "Source", "Ivan Petrov"), t_line("T2", "Cue", "said"), t_line("T3", "Content", '"We will strike."'),
    t_line("T4", "Attribution", "said"), "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    # A discontinuous content, then a second content span of the same attribution (Content2).
    t_line("T5", "Source", "Officials"), t_line("T6", "Cue", "said the"),
    t_line("T7", "Content", "the port", "was closed"), t_line("T8", "Content", '"all is calm,"'),
    t_line("T9", "Attribution", "Officials"), "E2\tAttribution:T9 Content:T7 Cue:T6 Source:T5 Content2:T8",
    t_line("T10", "Cue", "It was reported"), t_line("T11", "Content", "12 were held"),
    t_line("T12", "Attribution-no-source", "It was reported"), "E3\tAttribution-no-source:T12 Cue:T10 Content:T11",
    "E4\tAttribution-no-source:T12 ",                   # a stray event without content: no attribution
    t_line("T13", "Discuss", "they added"), t_line("T14", "Discard", "It was"),
    "A1\tNegated E1", "#1\tAnnotatorNotes T1\ta note", "R1\tAlias Arg1:T1 Arg2:T5", ""])


def test_the_brat_reader_reads_attributions(tmp_path):
    write_brat(tmp_path / "brat", ANN)
    ((doc_id, text, atts),) = read_brat_attributions(tmp_path / "brat")
    assert doc_id == "wire_1" and text == BRAT_TEXT and len(atts) == 3
    shown = [{k: v and [text[s:e] for s, e in v] for k, v in a.items()} for a in atts]
    assert shown[0] == {"content": ['"We will strike."'], "cue": ["said"], "source": ["Ivan Petrov"]}
    # The discontinuous content (with its space left out) and Content2, in text order.
    assert shown[1] == {"content": ["the port", "was closed", '"all is calm,"'], "cue": ["said the"],
                        "source": ["Officials"]}
    assert shown[2] == {"content": ["12 were held"], "cue": ["It was reported"], "source": None}
    assert [is_quoted(text, a["content"]) for a in atts] == [True, True, False]
    assert [text[s:e] for s, e in trim_marks(text, atts[0]["content"])] == ["We will strike."]


def test_score_brat_by_hand(tmp_path):
    directory = write_brat(tmp_path / "brat", ANN)
    ((_, text, gold),) = read_brat_attributions(directory)
    perfect = score_brat(directory, lambda t: gold)
    assert all(v == 1.0 for k, v in every_score(perfect) if "recall_mixed" not in k)
    assert perfect["attributions"]["gold_by_type"] == {"direct": 2, "indirect": 1}
    # The first content without its marks (exact after trimming); the second by its first fragment only:
    # 8 of the 8 + 10 + 14 = 32 covered characters (0.25, below 0.3); the third missed; one false alarm.
    predicted = [{"content": [brat_offsets("We will strike.")], "cue": [brat_offsets("said")],
                  "source": [brat_offsets("they")]},
                 {"content": [brat_offsets("the port")], "cue": None, "source": None},
                 {"content": [brat_offsets("they added")], "cue": None, "source": None}]
    r = score_brat(directory, lambda t: predicted)
    s = r["layers"]["attributions"]
    assert [s[lv]["matched"] for lv in LEVELS] == [1, 1, 1]
    assert s["exact"]["precision"] == 1 / 3 and s["exact"]["recall"] == 1 / 3
    assert r["attributions"]["exact"]["speaker_accuracy"] == 0.0 and r["attributions"]["exact"]["cue_accuracy"] == 1.0
    assert r["attributions"]["0.3"]["recall_direct"] == 0.5 and r["attributions"]["0.3"]["recall_indirect"] == 0.0
    untrimmed = score_brat(directory, lambda t: predicted, trim=False)
    assert untrimmed["layers"]["attributions"]["exact"]["matched"] == 0
    assert untrimmed["layers"]["attributions"]["0.8"]["matched"] == 1       # 15 of 17 characters
    assert "| attributions | 3 | 3 |" in score_table(r)
    with pytest.raises(EvaluationError, match="prediction 0, content"):
        score_brat(directory, lambda t: [{"content": [(0, 10_000)]}])
    with pytest.raises(EvaluationError, match="expected a list"):
        score_brat(directory, lambda t: None)


@pytest.mark.parametrize("ann, found", [
    ("T1\tContent 0 9999\tx\n", "START < END <= 138"),
    ("T1\tContent 0 4\tIvan\nE1\tAttribution:T1 Content:T9\n", "'T9'"),
    ("T1\tContent 0 4\tPetr\n", "'Petr'"),
    ("T1\tContent\n", "ID<TAB>Label START END<TAB>text"),
    ("T1\tContent 0 4;x y\tIvan\n", "4;x y"),  # the line is malformed: offsets are digits
])
def test_broken_ann_files_are_refused_naming_the_fault(tmp_path, ann, found):
    write_brat(tmp_path / "brat", ann)
    with pytest.raises(CorpusError) as err:
        read_brat_attributions(tmp_path / "brat")
    assert len(err.value.problems) == 1 and found in str(err.value.problems[0])
    assert "wire_1.ann" in err.value.problems[0].file


def test_bad_brat_directories_are_refused(tmp_path):
    for path, message in [(tmp_path / "missing", "no such directory"), (tmp_path, "no .ann file")]:
        with pytest.raises(CorpusError, match=message):
            read_brat_attributions(path)
    (tmp_path / "file.ann").write_text("")
    with pytest.raises(CorpusError, match="a file, not a directory"):
        read_brat_attributions(tmp_path / "file.ann")
    with pytest.raises(CorpusError, match="no such file") as err:
        read_brat_attributions(tmp_path)
    assert "file.txt" in err.value.problems[0].file and "the text of file.ann" in err.value.problems[0].expected
    lonely = tmp_path / "bytes"
    write_brat(lonely, ANN)
    (lonely / "wire_1.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_brat_attributions(lonely)
    # A text that is a symlink out of the directory is not read.
    outside = tmp_path / "outside.txt"
    outside.write_text(BRAT_TEXT)
    linked = write_brat(tmp_path / "linked", ANN)
    (linked / "wire_1.txt").unlink()
    (linked / "wire_1.txt").symlink_to(outside)
    with pytest.raises(CorpusError, match="leads outside"):
        read_brat_attributions(linked)


# -- PolNeAR (read where it is, never copied) -------------------------------------------------------

@pytest.fixture(scope="module")
def polnear():
    if not POLNEAR.is_dir():
        pytest.skip(f"the PolNeAR dev set is not at {POLNEAR} (../shared/polnear-dev beside the checkout); "
                    "the PolNeAR evaluation tests need it and are skipped")
    return read_brat_attributions(POLNEAR)


def test_polnear_reads_as_its_readme_says(polnear):
    assert len(polnear) == 84
    assert sum(len(atts) for _, _, atts in polnear) == 2192
    assert sum(len(text) for _, text, _ in polnear) == 411_228
    for doc_id, text, atts in polnear:
        for a in atts:
            for part in ("content", "cue", "source"):
                frags = a[part]
                if frags is None:
                    assert part != "content", doc_id
                    continue
                assert frags == sorted(frags) and all(0 <= s < e <= len(text) for s, e in frags), (doc_id, part)
    assert sum(a["source"] is None for _, _, atts in polnear for a in atts) > 100        # Attribution-no-source
    assert sum(len(a["content"]) > 1 for _, _, atts in polnear for a in atts) > 0         # discontinuous, Content2


def test_polnear_gold_against_itself_and_the_baseline(polnear):
    gold = {text: atts for _, text, atts in polnear}
    perfect = score_brat(POLNEAR, lambda text: gold[text])
    assert all(v == 1.0 for _, v in every_score(perfect))
    r = score_brat(POLNEAR, baseline.predict_attributions)
    s, att = r["layers"]["attributions"], r["attributions"]
    assert s["gold"] == 2192 and 0 < s["predicted"] < 2192
    assert s["exact"]["f1"] <= s["0.8"]["f1"] <= s["0.3"]["f1"] and 0.1 < s["0.3"]["f1"] < 0.6
    assert att["gold_by_type"]["indirect"] > att["gold_by_type"]["direct"]     # most content has no marks
    assert all(att[lv]["recall_indirect"] < 0.05 for lv in LEVELS) and att["0.3"]["recall_direct"] > 0.5
    assert all(0 < att[lv]["speaker_accuracy"] < 1 and not math.isnan(att[lv]["speaker_accuracy"]) for lv in LEVELS)
    print("\n" + score_table(r))


def test_polnear_pre_annotator_scores_are_those_in_readme(polnear):
    # README's PolNeAR rows for corpus_kz.annotate, recomputed; a change of the rules must update README.
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Evaluating extractors", 1)[1]
    r = score_brat(POLNEAR, lambda text: attributions_of(corpus_kz.annotate(text, {})))
    att = r["attributions"]["0.3"]
    assert f"| PolNeAR dev | attribution content F1 at 0.3 | {r['layers']['attributions']['0.3']['f1']:.3f} |" in readme
    assert f"| PolNeAR dev | speaker accuracy (at 0.3) | {att['speaker_accuracy']:.3f} |" in readme
    assert f"| PolNeAR dev | indirect recall at 0.3 | {att['recall_indirect']:.3f} |" in readme
