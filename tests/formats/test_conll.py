"""CoNLL-2003-style BIO: every mention tagged exactly or listed as skipped, and the file's shape.

What every format is held to (its notes printed, a user's directory kept, no import of it) is in
test_contract.py.
"""

import csv
import hashlib
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from corpus_kz import Corpus, Document, Entity, Mention
from corpus_kz.formats import conll
from corpus_kz.storage.outputs import MARKER

from . import strategies


def _documents(path: Path) -> list[list[tuple[str, str]]]:
    """Each document's (token, tag) pairs; checks the columns and that no blank line cuts an entity."""
    docs: list[list[tuple[str, str]]] = []
    blank = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            blank = True
            continue
        token, pos, chunk, tag = line.split(" ")
        assert (pos, chunk) == ("-X-", "-X-") and re.fullmatch(r"O|[BI]-[A-Z]+", tag)
        if token == "-DOCSTART-":
            docs.append([])
        else:
            assert not (blank and tag.startswith("I-")), "a sentence break inside an entity"
            docs[-1].append((token, tag))
        blank = False
    return docs


def _entities(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tagged entities as (label, their tokens joined)."""
    out: list[tuple[str, str]] = []
    for token, tag in tokens:
        if tag.startswith("B-"):
            out.append((tag[2:], token))
        elif tag.startswith("I-"):
            assert out and out[-1][0] == tag[2:], "an I- tag that continues no entity"
            out[-1] = (out[-1][0], out[-1][1] + token)
    return out


def _skipped(directory: Path) -> list[dict]:
    with open(directory / conll.SKIPPED, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_tagged_exactly(corpus, directory: Path) -> None:
    """Tokens cover every character but white space; the entities are the mentions not skipped, in text order."""
    skipped = _skipped(directory)
    for doc, tokens in zip(corpus, _documents(directory / conll.FILE), strict=True):
        assert "".join(t for t, _ in tokens) == _squeeze(doc.text)
        left_out = {row["id"]: row for row in skipped if row["doc_id"] == doc.doc_id}
        tagged = [m for m in doc.mentions if m.id not in left_out]
        assert _entities(tokens) == [(m.label, _squeeze(m.text)) for m in sorted(tagged, key=lambda m: m.start)]
        assert sum(t.startswith("B-") for _, t in tokens) + len(left_out) == len(doc.mentions)
        by_id = {m.id: m for m in doc.mentions}
        for mention_id, row in left_out.items():
            m = by_id[mention_id]
            assert (int(row["start"]), int(row["end"]), row["text"], row["label"], row["entity_id"]) == \
                (m.start, m.end, m.text, m.label, m.entity_id)
            assert row["overlaps"] and all(by_id[o] in tagged and by_id[o].overlaps(m)
                                           for o in row["overlaps"].split(","))


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    return conll.export(tmp_path_factory.mktemp("conll") / "export", corpus, progress=False)


def test_tagged_and_skipped_mentions_add_up_to_all_of_them(corpus, exported):
    text = (exported / conll.FILE).read_text(encoding="utf-8")
    tagged = sum(line.rsplit(" ", 1)[-1].startswith("B-") for line in text.splitlines())
    assert tagged + len(_skipped(exported)) == sum(len(d.mentions) for d in corpus) == 495
    assert _skipped(exported) == []  # no mention of the bundled corpus overlaps another
    assert "0 of 495 mentions are not tagged" in (exported / "NOTES.txt").read_text(encoding="utf-8")


def test_entities_are_exactly_the_mentions(corpus, exported):
    _assert_tagged_exactly(corpus, exported)


def test_export_files_and_hand_checked_lines(corpus, exported):
    assert sorted(p.name for p in exported.iterdir()) == sorted([MARKER, "NOTES.txt", conll.FILE, conll.DOCUMENTS,
                                                                  conll.SKIPPED])
    lines = (exported / conll.FILE).read_text(encoding="utf-8").split("\n")
    assert lines[:5] == ["-DOCSTART- -X- -X- O", "", "© -X- -X- O", "CABAR -X- -X- O", "- -X- -X- O"]
    assert lines[-1] == "" and lines[-2] != ""  # one line break at the end, no blank line
    # The headline: "Conflict in the South of Kazakhstan: What Conclusions Will Authorities Draw?"
    start = lines.index("Conflict -X- -X- O")
    assert lines[start:start + 13] == [f"{t} -X- -X- {tag}" for t, tag in [
        ("Conflict", "O"), ("in", "O"), ("the", "O"), ("South", "O"), ("of", "O"), ("Kazakhstan", "B-GPE"),
        (":", "O"), ("What", "O"), ("Conclusions", "O"), ("Will", "O"), ("Authorities", "B-ORG"), ("Draw", "O"),
        ("?", "O")]] and lines[start + 13] == ""
    # A two-token entity; a mention inside a word splits it ("Kazakhstan-based", "Tokayev’s").
    block = "\n".join(lines)
    assert "President -X- -X- O\nKassym -X- -X- B-PERSON\nZhomart-Tokayev -X- -X- I-PERSON\nto -X- -X- O" in block
    assert "of -X- -X- O\nthe -X- -X- O\nKazakhstan -X- -X- B-GPE\n- -X- -X- O\nbased -X- -X- O" in block
    assert ("Zhovtis -X- -X- B-PERSON\n: -X- -X- O\nTokayev -X- -X- B-PERSON\n’ -X- -X- O\ns -X- -X- O\n"
            "order -X- -X- O") in block
    with open(exported / conll.DOCUMENTS, encoding="utf-8", newline="") as f:
        documents = list(csv.DictReader(f, delimiter="\t"))
    assert [d["doc_id"] for d in documents] == corpus.doc_ids
    assert [d["line"] for d in documents] == ["1", "2014", "2742", "4066", "5845"]
    assert all(lines[int(d["line"]) - 1] == conll.DOCSTART for d in documents)
    assert [(int(d["tagged"]), int(d["skipped"])) for d in documents] == [(len(d.mentions), 0) for d in corpus]


def _overlapping() -> Corpus:
    """A mention inside a longer one, and two mentions inside one word."""
    text = "The Kazakhstani police stopped\nKazakh-Dungan clashes."
    entities = {"kazakhs": Entity("kazakhs", "Kazakhs", "NORP", aliases=("Kazakh",)),
                "dungans": Entity("dungans", "Dungans", "NORP", aliases=("Dungan",)),
                "kz_police": Entity("kz_police", "Kazakhstani police", "ORG", role="official",
                                    aliases=("Kazakhstani police",))}
    mentions = [Mention(s, e, text[s:e], id=f"m{n}", entity_id=eid, label=entities[eid].label, form="name")
                for n, (s, e, eid) in enumerate([(4, 10, "kazakhs"), (4, 22, "kz_police"), (31, 37, "kazakhs"),
                                                 (38, 44, "dungans")], 1)]
    doc = Document("hand", text, "hand.txt", "Hand News", None, None, "kordai_2020", "report", "en",
                   hashlib.sha256(text.encode()).hexdigest(), mentions=tuple(mentions), registry=entities)
    return Corpus([doc], entities)


def test_overlapping_mentions_are_skipped_and_listed(tmp_path):
    corpus = _overlapping()
    conll.export(tmp_path / "out", corpus, progress=False)
    assert (tmp_path / "out" / conll.SKIPPED).read_text(encoding="utf-8") == \
        "doc_id\tid\tstart\tend\ttext\tlabel\tentity_id\toverlaps\nhand\tm1\t4\t10\tKazakh\tNORP\tkazakhs\tm2\n"
    assert (tmp_path / "out" / conll.FILE).read_text(encoding="utf-8") == "".join(f"{line}\n" for line in [
        "-DOCSTART- -X- -X- O", "", "The -X- -X- O", "Kazakhstani -X- -X- B-ORG", "police -X- -X- I-ORG",
        "stopped -X- -X- O", "", "Kazakh -X- -X- B-NORP", "- -X- -X- O", "Dungan -X- -X- B-NORP",
        "clashes -X- -X- O", ". -X- -X- O"])
    notes = (tmp_path / "out" / "NOTES.txt").read_text(encoding="utf-8")
    assert "1 of 4 mentions are not tagged" in notes and conll.SKIPPED in notes
    _assert_tagged_exactly(corpus, tmp_path / "out")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.documents())
def test_generated_documents_are_tagged_exactly(corpus):
    with tempfile.TemporaryDirectory() as tmp:
        conll.export(Path(tmp) / "out", corpus, progress=False)
        _assert_tagged_exactly(corpus, Path(tmp) / "out")
