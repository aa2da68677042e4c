"""Helpers shared by the tests: copies of the real corpus to break, and proof that nothing was written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from corpus_kz.storage import Layout, bundled_path
from corpus_kz.storage.standoff import write_json

ROOT = Path(__file__).resolve().parent.parent
#: The smallest document, the usual victim.
DOC = "rferl_2020_kordai_returning"


def copy_corpus(dst: Path) -> Path:
    """A writable copy of the bundled corpus directory (what a corpus directory must hold, and SHA256SUMS)."""
    src = bundled_path()
    shutil.copytree(src / Layout.SEEDS, dst / Layout.SEEDS)
    shutil.copytree(src / Layout.DOCS, dst / Layout.DOCS)
    shutil.copy(src / Layout.REGISTRY, dst / Layout.REGISTRY)
    for p in dst.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def snapshot(directory: Path) -> dict:
    """Every file below ``directory`` with its bytes, to prove that nothing was written."""
    return {p.relative_to(directory): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def edit_json(path: Path, fn) -> Path:
    """Let ``fn`` change the parsed JSON of ``path`` in place, and write it back (one record per line)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    write_json(path, data)
    return path


def edit_doc(corpus_dir: Path, fn, doc_id: str = DOC) -> Path:
    return edit_json(corpus_dir / Layout.doc(doc_id), fn)


TEXT = "Protest in Aktau\n\nOfficials said that 12 people were detained in Aktau on Monday.\n"
#: The not yet annotated document's text: one text is one document (the same text twice is refused).
TEXT_RAW = "Calm in Aktau\n\nShops reopened in Aktau on Tuesday, residents said.\n"


def make_user_corpus(root: Path, annotate: bool = True) -> Path:
    """A researcher's own small corpus, generated from scratch: one annotated and one raw document."""
    from corpus_kz.gold.anchor import anchor

    (root / Layout.SEEDS).mkdir(parents=True)
    (root / Layout.DOCS).mkdir(parents=True)
    (root / Layout.SEEDS / "mine.txt").write_bytes(TEXT.encode())
    (root / Layout.SEEDS / "raw.txt").write_bytes(TEXT_RAW.encode())
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    manifest = [{"doc_id": "my_article", "seed_file": "mine.txt", "outlet": "My Outlet", "title": "Protest in Aktau",
                 "published": "2022-01-10", "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": sha, "notes": []},
                {"doc_id": "not_yet_annotated", "seed_file": "raw.txt", "outlet": "My Outlet", "title": None,
                 "published": None, "event": "qantar_2022", "genre": "report", "language": "en",
                 "sha256": hashlib.sha256(TEXT_RAW.encode()).hexdigest(), "notes": ["raw text only"]}]
    write_json(root / Layout.MANIFEST, manifest)
    write_json(root / Layout.REGISTRY,
               [{"entity_id": "aktau", "name": "Aktau", "label": "GPE", "role": None, "aliases": ["Aktau"],
                 "wikidata": None}])
    if annotate:
        draft = {"doc_id": "my_article", "seed_file": "mine.txt", "sha256": sha,
                 "zones": [{"id": "z1", "text": "Protest in Aktau", "zone": "headline"}],
                 "mentions": [{"id": "m1", "text": "Aktau", "occurrence": 1, "label": "GPE", "entity_id": "aktau",
                               "form": "name"},
                              {"id": "m2", "text": "Aktau", "occurrence": 2, "label": "GPE", "entity_id": "aktau",
                               "form": "name"}],
                 "quotes": [{"id": "q1", "text": "12 people were detained in Aktau on Monday", "type": "indirect"}],
                 "attributions": [{"id": "a1", "quote_id": "q1", "act": "assertion", "cue": {"text": "said"},
                                   "source": {"text": "Officials"}, "speaker_id": None, "speaker_role": "official"}],
                 "figures": [{"id": "f1", "text": "12 people", "number": "12", "value": 12.0, "qualifier": "exact",
                              "quantity": "detained", "unit": "people", "event": "qantar_2022", "source": "a1"}],
                 "frames": []}
        gold, problems = anchor(draft, TEXT)
        assert not problems
        write_json(root / Layout.doc("my_article"), gold)
    return root


#: A generated article on a protest none of the bundled events is (written for the tests, not taken from seeds/).
TEXT_2019 = "Rally in Almaty\n\nPolice said that 57 people were detained in Almaty on June 9.\n"
#: The events a researcher's corpus on protests of 2019 declares: the first is the one TEXT_2019 reports.
EVENTS_2019 = [{"event_id": "almaty_2019", "name": "A protest in Almaty in 2019", "start": "2019-06-09",
                "end": "2019-06-10", "places": ["Almaty"]},
               {"event_id": "shymkent_2019", "name": "A protest in Shymkent in 2019", "start": "2019-06-10",
                "end": "2019-06-10", "places": ["Shymkent"], "notes": ["made up for the tests"]}]


def make_event_corpus(root: Path, events: list | None = EVENTS_2019, event: str = "almaty_2019",
                      figure_event: str | None = "almaty_2019") -> Path:
    """A researcher's corpus of one annotated article on an event of its own, declared in seeds/events.json.

    ``events`` None writes no declarations (a corpus made with 0.4); ``event`` is the document's event and
    ``figure_event`` its one figure's.
    """
    from corpus_kz.gold.anchor import anchor

    (root / Layout.SEEDS).mkdir(parents=True)
    (root / Layout.DOCS).mkdir(parents=True)
    (root / Layout.SEEDS / "rally.txt").write_bytes(TEXT_2019.encode())
    sha = hashlib.sha256(TEXT_2019.encode()).hexdigest()
    write_json(root / Layout.MANIFEST, [{"doc_id": "rally", "seed_file": "rally.txt", "outlet": "My Outlet",
                                         "title": "Rally in Almaty", "published": "2019-06-10", "event": event,
                                         "genre": "report", "language": "en", "sha256": sha, "notes": []}])
    write_json(root / Layout.REGISTRY, [])
    if events is not None:
        (root / Layout.EVENTS).write_text(json.dumps(events, indent=2), encoding="utf-8")
    draft = {"doc_id": "rally", "seed_file": "rally.txt", "sha256": sha, "zones": [], "mentions": [],
             "quotes": [{"id": "q1", "text": "57 people were detained in Almaty on June 9", "type": "indirect"}],
             "attributions": [{"id": "a1", "quote_id": "q1", "act": "assertion", "cue": {"text": "said"},
                               "source": {"text": "Police"}, "speaker_id": None, "speaker_role": "security"}],
             "figures": [{"id": "f1", "text": "57 people", "number": "57", "value": 57.0, "qualifier": "exact",
                          "quantity": "detained", "unit": "people", "event": figure_event, "source": "a1"}],
             "frames": []}
    gold, problems = anchor(draft, TEXT_2019)
    assert not problems
    write_json(root / Layout.doc("rally"), gold)
    return root


def exact_pairs(gold, predicted, layer: str) -> list[tuple]:
    """(gold record, predicted record) for every record of ``layer`` predicted with the gold's exact span."""
    from corpus_kz.scoring.matching import match

    return [(getattr(g, layer)[i], getattr(p, layer)[j]) for g, p in zip(gold, predicted)
            for i, j in match(list(getattr(g, layer)), list(getattr(p, layer)), None)]


#: Articles written for the tests (invented people, events told in our own words), to pre-annotate.
PREDICTED_TEXTS = {
    "steppe_1": ("Gas price protests reach the coast\n\n"
                 "The Interior Ministry said 120 people had been detained in Aktau on Tuesday. \"Order has been "
                 "restored in the city,\" President Kassym-Jomart Tokayev said in a televised address.\n\n"
                 "Activist Dana Serikova told reporters that the police had beaten peaceful demonstrators. \"We only "
                 "asked for fair prices,\" she said. She said the anger came from poverty and unemployment.\n"),
    "steppe_2": ("Officials blame provocateurs\n\n"
                 "\"These were organised bandits trained abroad,\" the prosecutor general said on Wednesday. A local "
                 "teacher, Arman Bekov, said the unrest had nothing to do with ethnicity. The government said the "
                 "riots were a provocation by foreign forces.\n"),
    "steppe_3": ("Villagers count their losses\n\n"
                 "Residents said at least 30 homes had burned. \"We lost everything in one night,\" a farmer said. "
                 "Officials said the clashes were caused by economic hardship, and promised to rebuild the houses.\n"),
}


def predicted_corpus():
    """A corpus of :data:`PREDICTED_TEXTS` pre-annotated by ``corpus_kz.annotate``: every record predicted."""
    from corpus_kz import Corpus, Document
    from corpus_kz.annotate import annotate_corpus

    docs = [Document(k, t, f"{k}.txt", "Steppe Daily", None, None, "qantar_2022", "report", "en",
                     hashlib.sha256(t.encode()).hexdigest()) for k, t in PREDICTED_TEXTS.items()]
    return annotate_corpus(Corpus(docs), progress=False)
