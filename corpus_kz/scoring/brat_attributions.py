"""Attribution corpora in brat (PolNeAR's format): read them, and score attribution extraction on them.

* :func:`read_brat_attributions` reads any brat corpus of ``Source``, ``Cue`` and ``Content`` spans
  joined by ``Attribution`` events, through the brat format's own parser
  (:func:`corpus_kz.formats.brat.ann_lines`, :func:`~corpus_kz.formats.brat.text_bound`; bratly, the
  ``[brat]`` extra);
* :func:`score_brat` scores a predictor of attributions on it, with the matcher of
  :mod:`.matching` and the result shape of :func:`.evaluate.score`;
* :func:`attributions_of` gives a :class:`~corpus_kz.Document`'s attributions in the reader's shape.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..dependencies import require
from ..errors import CorpusError, Problem, show
from ..formats.brat import ann_lines, event, text_bound
from ..storage.files import Unreadable, check_directory, read_bytes
from .evaluate import THRESHOLDS, EvaluationError, results_from_counts, score_levels
from .matching import OVERLAP, Fragments, fragments, match, shared

if TYPE_CHECKING:
    from ..document import Document
    from ..records import Attribution

__all__ = ["QUOTE_MARKS", "attributions_of", "grouped_attributions", "is_quoted", "pair_attributions",
           "read_brat_attributions", "score_brat", "trim_marks"]

#: Quotation marks that make brat content direct (:func:`is_quoted`). "’" is left out: it is the apostrophe.
QUOTE_MARKS = '"“”„‟«»‘'

_PARTS = ("content", "cue", "source")
_ROLE = re.compile(r"^(Content|Cue|Source)\d*$")
_EVENT_TYPES = ("Attribution", "Attribution-no-source")


def read_brat_attributions(directory: str | Path) -> list[tuple[str, str, list[dict]]]:
    """The attributions of a brat corpus: ``[(doc_id, text, [attribution, ...]), ...]``, sorted by doc_id.

    Reads every ``<doc>.ann`` directly inside ``directory`` with its ``<doc>.txt`` (UTF-8; offsets are
    code points), each through the guarded reader (:func:`corpus_kz.storage.files.read_bytes`: inside
    the directory, a regular file, bounded size). An attribution is an ``Attribution`` or
    ``Attribution-no-source`` event with a ``Content`` argument::

        {"content": [(start, end), ...], "cue": [(start, end), ...] or None, "source": [...] or None}

    Each part is a list of half-open fragments, sorted: a discontinuous span (``803 833;834 898``)
    gives several, and the fragments of ``Content2`` (``Cue2``, ``Source2``) join those of
    ``Content``. An ``Attribution-no-source`` event has source None unless it names a ``Source``
    argument anyway (then that source is kept). Other span labels (``Discuss``, ``Discard``, the
    events' own trigger spans), other events, relations, attributes and notes are not attributions
    and are skipped, as is an event without a Content argument. Every span is checked against the
    text (fragments inside it, the ``.ann`` text equal to the covered text up to white space).

    Raises :class:`~corpus_kz.errors.CorpusError` listing every fault (a missing directory, no
    ``.ann`` file, a ``.ann`` without its ``.txt``, a malformed line, a span outside its text, an
    event naming an unknown span), each as file, record, field, found, expected.
    """
    bratly = require("bratly", "brat", "reading a brat attribution corpus")
    shown = str(directory)
    try:
        root = check_directory(directory, "a directory of brat .txt/.ann pairs")
    except Unreadable as exc:
        raise CorpusError([Problem(shown, None, None, exc.found, exc.expected)]) from None
    names = sorted(p.name for p in root.iterdir() if p.name.endswith(".ann"))
    if not names:
        raise CorpusError([Problem(shown, None, None, "no .ann file",
                                   "brat standoff files <doc>.ann beside their texts <doc>.txt")])
    problems: list[Problem] = []
    out = []
    seen: dict = {}
    for name in names:
        doc_id = name[:-4]
        texts = []
        for rel in (f"{doc_id}.txt", name):
            try:
                data = read_bytes(root, rel, seen=seen)
                texts.append(data.decode("utf-8"))
            except Unreadable as exc:
                expected = f"the text of {name}" if rel.endswith(".txt") and exc.found == "no such file" else exc.expected
                problems.append(Problem(str(Path(shown) / rel), None, None, exc.found, expected))
            except UnicodeDecodeError as exc:
                problems.append(Problem(str(Path(shown) / rel), None, None,
                                        f"bytes that are not UTF-8 ({exc.reason} at byte {exc.start})", "UTF-8 text"))
        if len(texts) == 2:
            attributions = _parse_ann(str(Path(shown) / name), texts[0], texts[1], bratly, problems)
            out.append((doc_id, texts[0], attributions))
    if problems:
        raise CorpusError(problems)
    return out


def _parse_ann(file: str, text: str, ann: str, bratly, problems: list[Problem]) -> list[dict]:
    """The attributions of one ``.ann`` file: its text-bound spans, then the events that join them."""
    spans: dict[str, Fragments] = {}
    events = []
    for lineno, line in ann_lines(ann):
        if line[0] == "T":
            t = _span(file, lineno, line, text, bratly, problems)
            if t is not None:
                spans[t.id] = tuple(t.fragments)
        elif line[0] == "E":
            events.append((lineno, line))
    out = []
    for lineno, line in events:
        e = event(line)
        if e is None:
            problems.append(Problem(file, f"line {lineno}", None, show(line), "ID<TAB>Type:TRIGGER Role:ID ..."))
            continue
        if e.type not in _EVENT_TYPES:
            continue
        parts: dict[str, list] = {}
        for role, ref in e.arguments:
            m = _ROLE.match(role)
            if m is None:
                continue
            if ref not in spans:
                problems.append(Problem(file, e.id, role, show(ref), "the id of a span (T…) in this file"))
                continue
            parts.setdefault(m[1].lower(), []).extend(spans[ref])
        if "content" in parts:
            out.append({p: (sorted(set(parts[p])) if p in parts else None) for p in _PARTS})
    return out


def _span(file: str, lineno: int, line: str, text: str, bratly, problems: list[Problem]):
    """A ``T`` line, its fragments inside the text and its text the covered one (up to white space); else None."""
    try:
        t = text_bound(line, bratly)
    except (bratly.ParsingError, ValueError, IndexError):
        problems.append(Problem(file, f"line {lineno}", None, show(line), "ID<TAB>Label START END<TAB>text"))
        return None
    bad = next(((s, e) for s, e in t.fragments if not 0 <= s < e <= len(text)), None)
    if bad is not None:
        problems.append(Problem(file, t.id, "offsets", show(f"{bad[0]} {bad[1]}"),
                                f"START END with START < END <= {len(text)}, the length of the text"))
        return None
    covered = " ".join(text[s:e] for s, e in t.fragments)
    if covered.split() != t.content.split():
        problems.append(Problem(file, t.id, "text", show(t.content), f"the text it covers, {show(covered)}"))
        return None
    return t


def is_quoted(text: str, content) -> bool:
    """Whether brat content is direct: a quotation mark inside it or right next to it.

    ``content`` is a list of fragments. The marks are ``" “ ” „ ‟ « » ‘`` (not ``’``, which is
    also the apostrophe). Content without one is indirect.
    """
    frags = fragments(content)
    if not frags:
        return False
    start, end = frags[0][0], frags[-1][1]
    near = text[start - 1:start] + text[end:end + 1]
    return any(ch in QUOTE_MARKS for s, e in frags for ch in text[s:e]) or any(ch in QUOTE_MARKS for ch in near)


_EDGE = " \t\r\n\u00a0\"“”„‟«»‘’"


def trim_marks(text: str, content) -> list[tuple[int, int]]:
    """Content without quotation marks and white space at either end (nothing left: as it was).

    PolNeAR's contents include the quotation marks of a direct quote; corpus_kz's codebook leaves
    them out. :func:`score_brat` trims both sides this way before matching, so that the convention
    does not decide exact match. Marks inside the content (a partial quotation) stay.
    """
    frags = [list(f) for f in fragments(content)]
    while frags:
        s, e = frags[0]
        while s < e and text[s] in _EDGE:
            s += 1
        if s < e:
            frags[0][0] = s
            break
        frags.pop(0)
    while frags:
        s, e = frags[-1]
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            frags[-1][1] = e
            break
        frags.pop()
    return [tuple(f) for f in frags] or [tuple(f) for f in fragments(content)]


def _check_prediction(doc_id: str, text: str, predicted: object) -> list[dict]:
    if not isinstance(predicted, (list, tuple)):
        raise EvaluationError(f"{doc_id}: the predictor returned {type(predicted).__name__}; "
                              "expected a list of {'content': [(start, end), ...], 'cue': ..., 'source': ...}")
    out = []
    for k, a in enumerate(predicted):
        if not isinstance(a, Mapping) or "content" not in a:
            raise EvaluationError(f"{doc_id}: prediction {k} is {show(a)}; expected a mapping with 'content', 'cue', 'source'")
        entry = {}
        for part in _PARTS:
            value = a.get(part)
            if value is None and part != "content":
                entry[part] = None
                continue
            try:
                frags = [(int(s), int(e)) for s, e in value]
            except (TypeError, ValueError):
                frags = None
            if not frags or any(not 0 <= s < e <= len(text) for s, e in frags):
                raise EvaluationError(f"{doc_id}: prediction {k}, {part} {show(value)}; expected a non-empty list "
                                      f"of (start, end) with 0 <= start < end <= {len(text)}")
            entry[part] = frags
        out.append(entry)
    return out


def _key(part) -> Fragments | None:
    return None if part is None else fragments(part)


def _overlapping(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return shared(fragments(a), fragments(b)) > 0


def pair_attributions(text: str, gold: list[dict], pred: list[dict], threshold: float | None,
                      trim: bool = True) -> list[tuple[int, int]]:
    """Gold and predicted attributions of one text (the reader's shape) matched by their contents.

    As :func:`score_brat` matches them: one to one at ``threshold`` (None: exact), contents trimmed
    of quotation marks at either end with ``trim``; a content reported by two sources is paired
    with the prediction that has its source and cue.
    """
    gold_contents = [trim_marks(text, a["content"]) if trim else a["content"] for a in gold]
    pred_contents = [trim_marks(text, a["content"]) if trim else a["content"] for a in pred]
    keys = ([(_key(a["source"]), _key(a["cue"])) for a in gold],
            [(_key(a["source"]), _key(a["cue"])) for a in pred])
    return match(gold_contents, pred_contents, threshold, keys)


def score_brat(directory: str | Path, predict: Callable[[str], list], thresholds: Sequence[float] = THRESHOLDS,
               trim: bool = True) -> dict:
    """Attribution extraction scored on a brat corpus (:func:`read_brat_attributions`), pooled over its documents.

    ``predict(text)`` returns the attributions it finds in a text, in the reader's shape (``content``
    required; ``cue`` and ``source`` lists of fragments or None). An attribution is found when its
    content matches a gold content at the level (exact, or :func:`~.matching.overlap_ratio` at each threshold;
    a discontinuous gold content counts by its covered characters). With ``trim`` (the default),
    quotation marks and white space at either end of every content, gold and predicted, are not
    counted (:func:`trim_marks`). On those found: speaker
    accuracy (the source spans overlap, or neither has one) and cue accuracy (likewise), and recall
    of the gold contents with quotation marks (``direct``) and without (``indirect``,
    :func:`is_quoted`). The result has the shape of :func:`~.evaluate.score`'s, with the one layer
    ``attributions`` (and ``per_document``), so :func:`~.evaluate.score_table` prints it.
    """
    levels = score_levels(thresholds)
    pooled: Counter = Counter()
    per_doc = {}
    docs = read_brat_attributions(directory)
    for doc_id, text, gold in docs:
        pred = _check_prediction(doc_id, text, predict(text))
        c: Counter = Counter()
        c[("attributions", "gold")] += len(gold)
        c[("attributions", "predicted")] += len(pred)
        kinds = ["direct" if is_quoted(text, a["content"]) else "indirect" for a in gold]
        c.update(("type", k) for k in kinds)
        for name, t in levels:
            pairs = pair_attributions(text, gold, pred, t, trim)
            c[("attributions", name, "matched")] += len(pairs)
            for i, j in pairs:
                speaker = _overlapping(gold[i]["source"], pred[j]["source"])
                cue = _overlapping(gold[i]["cue"], pred[j]["cue"])
                c[("speaker", name)] += speaker
                c[("cue", name)] += cue
                c[("whole", name)] += speaker and cue
                c[("type", kinds[i], name)] += 1
        per_doc[doc_id] = results_from_counts(c, levels, ["attributions"], ("direct", "indirect"), False)
        pooled.update(c)
    return {"documents": [d for d, _, _ in docs], "thresholds": [t for _, t in levels[1:]],
            "overlap": OVERLAP + "; a discontinuous span counts by the characters it covers"
                       + ("; quotation marks and white space at either end of a content are not counted" if trim else ""),
            **results_from_counts(pooled, levels, ["attributions"], ("direct", "indirect"), False), "per_document": per_doc}


def attributions_of(doc: Document) -> list[dict]:
    """A document's attributions in the brat reader's shape, to score with :func:`score_brat`.

    corpus_kz records a quotation split around its cue ("…," he said. "…") as one quote per part,
    each with the same cue and source; PolNeAR-style corpora record one attribution whose content
    has several fragments. So attributions that share their cue and source spans become one, with a
    fragment per quote; every other attribution has one fragment per part.
    """
    return [entry for entry, _ in grouped_attributions(doc)]


def grouped_attributions(doc: Document) -> list[tuple[dict, list[Attribution]]]:
    """:func:`attributions_of`'s entries, each with the attributions it was made of (several for a split quotation)."""
    out: list[tuple[dict, list]] = []
    merged: dict[tuple, tuple[dict, list]] = {}
    for a in doc.attributions:
        q = doc[a.quote_id]
        cue, source = a.cue and [(a.cue.start, a.cue.end)], a.source and [(a.source.start, a.source.end)]
        key = (a.cue and (a.cue.start, a.cue.end), a.source and (a.source.start, a.source.end))
        if a.cue is not None and key in merged:
            merged[key][0]["content"].append((q.start, q.end))
            merged[key][1].append(a)
            continue
        group = ({"content": [(q.start, q.end)], "cue": cue, "source": source}, [a])
        if a.cue is not None:
            merged[key] = group
        out.append(group)
    return out
