"""What a corpus says about itself: its datasheet, the agreement of its annotators, how it was made, its events.

A :class:`CorpusMetadata` travels with the :class:`~corpus_kz.Corpus`
(``corpus.metadata``), so a corpus built in memory has a card and a report
as one read from a directory does. The loader fills it from
``annotations/DATASHEET.md``, ``annotations/agreement.json`` and the events
``seeds/events.json`` declares (checked by the build step); all are optional
in a corpus of your own.

The agreement table (:func:`agreement_rows`) is made here once: the
command, the dataset card, the report and README all show these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

TYPE_CHECKING = False  # typing costs milliseconds on every `import corpus_kz`
if TYPE_CHECKING:
    from typing import Mapping

    from .records import Event

__all__ = ["CorpusMetadata", "agreement_markdown", "agreement_rows"]


@dataclass(frozen=True)
class CorpusMetadata:
    """A corpus's datasheet, the agreement figures of its two annotation passes, and its provenance.

    ``datasheet`` is the text of the datasheet (YAML front matter, then
    Markdown) or None; ``agreement`` the pooled and per-document agreement as
    ``corpus-kz agreement --write`` stores it, or None; ``provenance`` one line
    per step that made the corpus ("read from …", "pre-annotated …");
    ``events`` the events it declares (:class:`~corpus_kz.records.Event`, in
    their order), or None when it declares none and so has the bundled
    corpus's (``corpus.events`` says which; see :mod:`corpus_kz.events`).
    """

    datasheet: str | None = None
    agreement: Mapping | None = None
    provenance: tuple[str, ...] = field(default=())
    events: tuple[Event, ...] | None = None

    def datasheet_parts(self) -> tuple[dict, str] | None:
        """The datasheet's front matter (a dict) and its Markdown body; None when there is no datasheet."""
        if self.datasheet is None:
            return None
        text = self.datasheet
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            import yaml  # only for the card and the report, never on load

            head, body = text[4:].split("\n---\n", 1)
            meta = yaml.safe_load(head)
            return (meta if isinstance(meta, dict) else {}), body
        return {}, text

    def with_step(self, step: str) -> CorpusMetadata:
        """This metadata with one more line of provenance."""
        return replace(self, provenance=(*self.provenance, step))


_AGREEMENT_COLUMNS = ("layer", "records (pass 1 / pass 2)", "F1 exact", "F1 overlap", "token α", "label agreement (κ)")


def _figure(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def agreement_rows(summary: Mapping) -> list[dict[str, str]]:
    """The pooled agreement of a summary as table rows of strings, one per layer, rounded to three places."""
    rows = []
    for layer, s in summary["pooled"].items():
        labels = "; ".join(f"{k[:-len('_agreement')]} {_figure(v)} ({_figure(s[k[:-len('_agreement')] + '_kappa'])})"
                           for k, v in s.items() if k.endswith("_agreement"))
        rows.append(dict(zip(_AGREEMENT_COLUMNS, (layer, f"{s['n_a']} / {s['n_b']}", _figure(s["f1_exact"]),
                                                  _figure(s["f1_overlap"]), _figure(s["token_alpha"]),
                                                  labels or "–"))))
    return rows


def agreement_markdown(summary: Mapping) -> str:
    """:func:`agreement_rows` as a Markdown table."""
    align = ("---", "---:", "---:", "---:", "---:", "---")
    lines = ["| " + " | ".join(_AGREEMENT_COLUMNS) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row.values()) + " |" for row in agreement_rows(summary)]
    return "\n".join(lines)
