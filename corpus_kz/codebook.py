"""The codebook's mechanical rules (``annotations/GUIDELINES.md``), checked on the gold records of every document.

The build step applies them to every corpus it builds, so ``load()``, ``corpus-kz validate`` and
every import refuse the same things; adjudication applies the boilerplate rule (:class:`Boilerplate`)
when it builds the gold from the passes. Annotation passes are raw annotator output and are not held
to these rules, and neither are predictions until a person accepts them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable, Iterator

    from .document import Document
    from .records import Zone

import re

from .errors import Problem, show
from . import vocab as V
from .records import LAYERS, Attribution
from .span import Ranges

#: Layers that carry content; none of their records may sit inside boilerplate (§1).
CONTENT_LAYERS = ("mentions", "quotes", "figures", "frames")

_BLANK = " \t\u00a0"
#: A number written in digits ("12", "4,500", "2.5"): its value is what it says.
_NUMERAL = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?")


class Boilerplate:
    """A document's boilerplate zones, asked whether a range touches one (§1: nothing is annotated there).

    A range ``[start, end)`` is in boilerplate when it shares a character
    with a boilerplate zone: the one meaning the validator, adjudication and
    the pre-annotator use. Zones are kept sorted, so a question costs a
    bisection, not a scan.
    """

    __slots__ = ("_zones", "_ranges")

    def __init__(self, zones: Iterable[Zone]):
        self._zones = sorted((z for z in zones if z.zone == "boilerplate"), key=lambda z: (z.start, z.end))
        self._ranges = Ranges((z.start, z.end) for z in self._zones)

    def __bool__(self) -> bool:
        return bool(self._zones)

    def around(self, start: int, end: int) -> Zone | None:
        """The first boilerplate zone (in text order) that shares a character with ``[start, end)``, or None."""
        at = self._ranges.first(start, end)
        return None if at is None else self._zones[at]


def problems(doc: Document, file: str) -> list[Problem]:
    """Every breach of the codebook's mechanical rules by the gold records of one document.

    The rules say what gold is. A prediction (``origin`` ``predicted:<rule>``) is a claim to be
    corrected: it is checked for its structure (offsets, kinds, references) like any record, and held
    to these rules once a person accepts it and it becomes gold.
    """
    gold = {layer: [r for r in getattr(doc, layer) if r.origin == V.GOLD] for layer in LAYERS}
    return [Problem(file, *fault) for rule in _RULES for fault in rule(doc, gold)]


def _edges(doc: Document, gold: dict) -> Iterator[tuple]:
    for r in (r for layer in LAYERS for r in gold[layer]):
        spans = (("cue", r.cue), ("source", r.source)) if type(r) is Attribution else (("text", r),)
        for fld, span in spans:
            if span is not None and (span.text[0].isspace() or span.text[-1].isspace()):
                yield r.id, fld, show(span.text), "a span without leading or trailing white space"


def _boilerplate(doc: Document, gold: dict) -> Iterator[tuple]:
    boilerplate = Boilerplate(doc.zones)
    for layer in CONTENT_LAYERS if boilerplate else ():
        for r in gold[layer]:
            z = boilerplate.around(r.start, r.end)
            if z is not None:
                yield (r.id, "text", f"{show(r.text)} inside boilerplate zone {z.id}",
                       "no content annotation inside boilerplate (codebook §1)")


def _holders(doc: Document, gold: dict) -> Iterator[tuple]:
    for fr in gold["frames"]:
        holder = doc.get(fr.holder)
        if isinstance(holder, Attribution) and not doc[holder.quote_id].contains(fr):
            yield (fr.id, "holder", f"{fr.holder!r}, whose quote {holder.quote_id} does not contain the frame",
                   "the attribution of the quote the frame sits in (codebook §6)")


def _spellings(doc: Document, gold: dict) -> Iterator[tuple]:
    for m in gold["mentions"]:
        aliases = doc.registry[m.entity_id].aliases
        if m.text not in aliases:
            yield (m.id, "text", show(m.text), f"one of the aliases of {m.entity_id!r} in the registry "
                   f"({show(list(aliases)) if aliases else 'it has none'}); add the spelling there if it is one (§2)")


def _numerals(doc: Document, gold: dict) -> Iterator[tuple]:
    for f in gold["figures"]:
        if _NUMERAL.fullmatch(f.number):
            written = float(f.number.replace(",", ""))
            if written != f.value:
                yield f.id, "value", show(f.value), f"{written!r}, the value of the number {f.number!r} as written (§5)"


def _whole_lines(doc: Document, gold: dict) -> Iterator[tuple]:
    text = doc.text
    for z in gold["zones"]:
        if z.zone == "boilerplate":
            continue  # the links and handle of an embedded post are boilerplate inside a line of body (§1)
        line_start = text.rfind("\n", 0, z.start) + 1
        line_end = text.find("\n", z.end)
        rest = text[z.end:] if line_end == -1 else text[z.end:line_end]
        if text[line_start:z.start].strip(_BLANK) or rest.strip(_BLANK):
            yield z.id, "text", show(z.text), "a zone that covers whole lines (only boilerplate may cover part of one, §1)"


#: The mechanical rules, in the order their problems are reported.
_RULES = (_edges, _boilerplate, _holders, _spellings, _numerals, _whole_lines)
