"""CoNLL-2003-style BIO: the entity mentions as IOB2 tags on tokens, one token a line; export only.

The export directory holds:

- ``corpus.conll``: the documents in corpus order, each opened by the line
  ``-DOCSTART- -X- -X- O`` and a blank line; then one token a line as four
  space-separated columns, ``TOKEN -X- -X- TAG`` (CoNLL-2003's word, POS,
  chunk and NER columns; there is no POS or chunk annotation, so those hold
  the placeholder ``-X-``); a blank line ends each sentence. ``TAG`` is ``O``
  or ``B-``/``I-`` and the mention's label (``B-PERSON``, ``I-GPE``, …).
- ``documents.tsv``: each document's ``doc_id``, the line of its
  ``-DOCSTART-`` and its counts of tokens and of tagged and skipped mentions.
- ``skipped.tsv``: every mention that is not tagged, with its document, id,
  offsets, text, label and entity, and the ids of the tagged mentions it
  overlaps.

Tokens are those of :data:`corpus_kz.segment.TOKEN_PATTERN`, found in the text
cut at every tagged mention's start and end, so a tagged entity covers exactly
its own characters ("Tokayev’s" is ``Tokayev ’ s`` when "Tokayev" is a
mention). Sentences are :func:`corpus_kz.segment.sentences` (NLTK Punkt);
a sentence break that falls inside a mention is not written, so no entity is
cut in two.

BIO tags cannot nest or overlap: where mentions overlap, the longest is
tagged (the first in the text among equals) and the others go to
``skipped.tsv``; the export's ``NOTES.txt`` gives their count. On the
bundled corpus no mention overlaps another.

Everything that is not a mention's label and extent (zones, quotes,
attributions, figures, frames, mention ids, entity ids, forms, each record's
origin and confidence, the document metadata and the entity registry) has
no place in CoNLL and is not written,
as :data:`NOTES` says; the ``jsonl`` format carries all of it.
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from ..progress import track
from ..segment import TOKEN_PATTERN, sentences
from ..storage.outputs import publish
from ..writing import write_text
from .base import corpus_data

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["DOCSTART", "DOCUMENTS", "FILE", "NOTES", "SKIPPED", "export", "flatten", "tag", "tsv"]

FILE = "corpus.conll"
DOCUMENTS = "documents.tsv"
SKIPPED = "skipped.tsv"

#: The line that opens each document, as in CoNLL-2003.
DOCSTART = "-DOCSTART- -X- -X- O"

_TOKEN = re.compile(TOKEN_PATTERN)

#: What the CLI prints after an export, before the export's own ``NOTES.txt`` (its count of skipped mentions).
NOTES: tuple[str, ...] = (
    "CoNLL: only the entity mentions' labels and extents, as IOB2 tags; zones, quotes, attributions, figures, "
    "frames, mention and entity ids, forms, origins and confidences, the document metadata and the registry are "
    "not in this format (export jsonl for a lossless copy)",
    f"CoNLL: tokens are corpus_kz.segment.TOKEN_PATTERN's, cut at each tagged mention's start and end; "
    f"documents are in corpus order, and {DOCUMENTS} names each with the line of its -DOCSTART-",
)


def flatten(mentions: list[dict]) -> tuple[list[dict], list[tuple[dict, list[str]]]]:
    """The mentions that BIO can hold, and the others each with the ids of the kept mentions it overlaps.

    Longest first, then first in the text, then first in the file: an outer
    mention ("Tokayev's government") wins over the one inside it ("Tokayev").
    """
    order = sorted(range(len(mentions)), key=lambda k: (mentions[k]["start"] - mentions[k]["end"],
                                                         mentions[k]["start"], k))
    kept: list[dict] = []
    skipped: list[tuple[dict, list[str]]] = []
    for k in order:
        m = mentions[k]
        clash = [o["id"] for o in kept if o["start"] < m["end"] and m["start"] < o["end"]]
        if clash:
            skipped.append((m, clash))
        else:
            kept.append(m)
    kept.sort(key=lambda m: m["start"])
    return kept, skipped


def tag(text: str, mentions: list[dict]) -> tuple[list[tuple[int, int, str]], list[tuple[dict, list[str]]]]:
    """The tokens of ``text`` as ``(start, end, tag)``, and the mentions left out with the ids of those they overlap."""
    kept, skipped = flatten(mentions)
    edges = sorted({0, len(text), *(m["start"] for m in kept), *(m["end"] for m in kept)})
    spans = [(t.start(), t.end()) for a, b in zip(edges, edges[1:]) for t in _TOKEN.finditer(text, a, b)]
    tags = ["O"] * len(spans)
    starts = [s for s, _ in spans]
    for m in kept:
        # The text is cut at the mention's edges, so its tokens are exactly those starting inside it; there is at
        # least one, since a mention has a character that is not white space and the pattern takes every such.
        first, stop = bisect_left(starts, m["start"]), bisect_left(starts, m["end"])
        tags[first:stop] = [f"B-{m['label']}"] + [f"I-{m['label']}"] * (stop - first - 1)
    skipped.sort(key=lambda s: (s[0]["start"], s[0]["end"]))
    return [(s, e, t) for (s, e), t in zip(spans, tags)], skipped


def _lines(text: str, tokens: list[tuple[int, int, str]]) -> list[str]:
    """One document's lines after its -DOCSTART-: tokens, and a blank line where a sentence ends outside a mention."""
    breaks = [s.start for s in sentences(text)]
    out: list[str] = []
    sentence = None
    for start, end, t in tokens:
        current = bisect_right(breaks, start)
        if current != sentence:
            if sentence is not None and not t.startswith("I-"):
                out.append("")
            sentence = current
        out.append(f"{text[start:end]} -X- -X- {t}")
    return out


def tsv(header: list[str], rows: list[list]) -> str:
    """A tab-separated table with its header (the spaCy export's ``expanded.tsv`` uses it too)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")  # quotes a text with a tab or a line break
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def export(directory: str | Path, corpus: Corpus, *, force: bool = False, progress: bool = True) -> Path:
    """Write the corpus's mentions as CoNLL-2003-style BIO into ``directory`` (built aside, moved in whole)."""
    data = corpus_data(corpus)
    skipped_rows: list[list] = []

    def write(tmp: Path) -> None:
        lines: list[str] = []
        documents: list[list] = []
        for d in track(data.documents, "CoNLL", disable=not progress):
            doc_id = d.entry["doc_id"]
            tokens, skipped = tag(d.text, d.layers["mentions"])
            if lines:
                lines.append("")
            documents.append([doc_id, len(lines) + 1, len(tokens), len(d.layers["mentions"]) - len(skipped),
                              len(skipped)])
            lines += [DOCSTART, "", *_lines(d.text, tokens)]
            skipped_rows.extend([doc_id, m["id"], m["start"], m["end"], m["text"], m["label"], m["entity_id"],
                                 ",".join(clash)] for m, clash in skipped)
        write_text(tmp / FILE, "".join(line + "\n" for line in lines))
        write_text(tmp / DOCUMENTS, tsv(["doc_id", "line", "tokens", "tagged", "skipped"], documents))
        write_text(tmp / SKIPPED, tsv(["doc_id", "id", "start", "end", "text", "label", "entity_id",
                                        "overlaps"], skipped_rows))
        total = sum(len(d.layers["mentions"]) for d in data.documents)
        write_text(tmp / "NOTES.txt", f"CoNLL: {len(skipped_rows)} of {total} mentions are not tagged, since BIO "
                                      f"cannot hold overlapping mentions; {SKIPPED} lists each with the tagged "
                                      "mentions it overlaps\n")

    return publish(directory, write, kind="conll", corpus_path=corpus.path, force=force, what="export")
