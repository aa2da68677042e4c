"""Lexicons that ship with corpus_kz as data files beside this module.

``reporting_verbs.tsv`` maps each written form of a reporting cue to its
lemma, the attribution act it reports (codebook §4) and the stance it
signals about the reporter: neutral ("said", "told"), emphatic
("emphasised", "insisted"), distancing ("claimed", "alleged"), hedged
("reportedly", "were reported to") or evaluative ("blamed", "denounced").
Rows whose act is ``marker`` are phrases that make an attribution
distancing when they stand between its cue and its content ("without
providing evidence").

``frames.tsv`` maps cue phrases to the frame they evoke (codebook §6) and
their strength; ``frame_modifiers.tsv`` lists the cues that change a frame
nearby: negation, denial, a refutation or a contest (its stance) and trigger
or root cause (its aspect). Their cues are small regular expressions;
``{name}`` stands for a word class defined in the file on an ``@name = …``
line, ``{norp}`` for the registry's group names, filled in by the caller.
Standard library only.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..vocab import ACTS, FRAMES

__all__ = ["FRAME_MODIFIER_KINDS", "FRAME_STRENGTHS", "REPORTING_STANCES", "cue_form", "frame_cues", "frame_modifiers",
           "reporting_verbs", "stance_markers"]

#: The stance classes of reporting cues, from least to most committed distance.
REPORTING_STANCES = ("neutral", "emphatic", "hedged", "distancing", "evaluative")

#: How strongly a frame cue frames the events: on its own, or only in context (predicted less confidently).
FRAME_STRENGTHS = ("strong", "weak")

#: What a frame modifier does (``frame_modifiers.tsv``): the first four bear on the stance, the last two on the aspect.
FRAME_MODIFIER_KINDS = ("negation", "denial", "refutation", "contest", "trigger", "root_cause")

# Negation and auxiliaries around a cue do not change its form: "does not think" is "think",
# "doesn't deny" is "deny", "were reported to" is "reported to", "had ordered" is "ordered".
_AUXILIARIES = re.compile(r"^(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|be|been|not|n[’']t|"
                          r"doesn[’']t|don[’']t|didn[’']t|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+)+")


def cue_form(cue: str) -> str:
    """The lexicon key of a cue span: lowercased, without leading negation and auxiliaries."""
    return _AUXILIARIES.sub("", cue.strip().lower())


@cache
def _rows() -> tuple[dict, ...]:
    name = "reporting_verbs.tsv"
    rows = _table(name, ("form", "lemma", "act", "stance"))
    _check(rows, name, "stance", REPORTING_STANCES)
    _check(rows, name, "act", (*ACTS, "marker"))
    return tuple(row for _, row in rows)


def reporting_verbs() -> dict[str, dict[str, str]]:
    """Written form -> ``{"lemma", "act", "stance"}`` for every reporting cue in the lexicon."""
    return {r["form"]: {"lemma": r["lemma"], "act": r["act"], "stance": r["stance"]}
            for r in _rows() if r["act"] != "marker"}


def stance_markers() -> dict[str, str]:
    """Phrase -> stance, for phrases that set the stance of an attribution when they stand between cue and content."""
    return {r["form"]: r["stance"] for r in _rows() if r["act"] == "marker"}


# -- frames --------------------------------------------------------------------------------------

#: Word classes filled at run time, not in the file: the entity registry's ethnic and national groups.
_RUN_TIME_CLASSES = ("norp",)

_CLASS_LINE = re.compile(r"^@([a-z_]+)\s*=\s*(.+)$")
_SLOT = re.compile(r"\{([a-z_]+)\}")


def _text(name: str) -> str:
    """A lexicon file's text (a seam for tests that need a broken lexicon)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _table(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict]]:
    """``(line number, row)`` for each row of a lexicon, its cue with the file's word classes filled in.

    Raises ValueError naming the file, line and cue of a row with the wrong number of columns, an
    undefined word class or a cue that is not a valid regular expression.
    """
    classes: dict[str, str] = {}
    rows: list[tuple[int, dict]] = []
    header = None
    for n, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _CLASS_LINE.match(line)
        if m:
            classes[m.group(1)] = _fill(m.group(2).strip(), classes, name, n)
            continue
        cells = line.split("\t")
        if header is None:
            if tuple(cells) != columns:
                raise ValueError(f"{name} line {n}: header {cells!r}, expected the columns {', '.join(columns)}")
            header = cells
            continue
        if len(cells) != len(columns) or not all(c.strip() for c in cells):
            raise ValueError(f"{name} line {n} ({line!r}): {len(cells)} cells, expected {len(columns)} "
                             f"non-empty ones: {', '.join(columns)}")
        row = dict(zip(columns, (c.strip() for c in cells)))
        row[columns[0]] = cue = _fill(row[columns[0]], classes, name, n)
        try:
            re.compile(_SLOT.sub("x", cue))
        except re.error as exc:
            raise ValueError(f"{name} line {n} ({cells[0]!r}): not a valid pattern ({exc})") from None
        rows.append((n, row))
    return rows


def _fill(pattern: str, classes: dict[str, str], name: str, n: int) -> str:
    """``pattern`` with every ``{class}`` defined so far replaced by its alternatives; run-time classes stay."""
    def sub(m: re.Match) -> str:
        if m.group(1) in _RUN_TIME_CLASSES:
            return m.group(0)
        if m.group(1) not in classes:
            known = ", ".join([*classes, *_RUN_TIME_CLASSES])
            raise ValueError(f"{name} line {n} ({pattern!r}): word class {{{m.group(1)}}} is not defined above it; "
                             f"expected one of {known}")
        return f"(?:{classes[m.group(1)]})"
    return _SLOT.sub(sub, pattern)


def _check(rows: list[tuple[int, dict]], name: str, column: str, allowed: tuple[str, ...]) -> None:
    seen: dict[str, int] = {}
    for n, row in rows:
        cue = row[next(iter(row))]
        if row[column] not in allowed:
            raise ValueError(f"{name} line {n} ({cue!r}): {column} {row[column]!r}, "
                             f"expected one of {', '.join(allowed)}")
        if cue in seen:
            raise ValueError(f"{name} line {n} ({cue!r}): the same cue as line {seen[cue]}")
        seen[cue] = n


@cache
def frame_cues() -> dict[str, dict[str, str]]:
    """Cue pattern -> ``{"frame", "strength"}`` for every row of ``frames.tsv``, in file order.

    A pattern is a regular expression matched case-insensitively from the start of a word; ``{norp}``
    in it is left for the caller to fill with the names of ethnic and national groups. Raises
    ValueError naming the line of a row whose frame is not one of :data:`corpus_kz.vocab.FRAMES`.
    """
    rows = _table("frames.tsv", ("cue", "frame", "strength"))
    _check(rows, "frames.tsv", "frame", FRAMES)
    _check(rows, "frames.tsv", "strength", FRAME_STRENGTHS)
    return {row["cue"]: {"frame": row["frame"], "strength": row["strength"]} for _, row in rows}


@cache
def frame_modifiers() -> dict[str, str]:
    """Cue pattern -> kind (one of :data:`FRAME_MODIFIER_KINDS`) for every row of ``frame_modifiers.tsv``."""
    rows = _table("frame_modifiers.tsv", ("cue", "kind"))
    _check(rows, "frame_modifiers.tsv", "kind", FRAME_MODIFIER_KINDS)
    return {row["cue"]: row["kind"] for _, row in rows}
