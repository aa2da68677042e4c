"""Lexicons that ship with corpus_kz as data files beside this module.

``reporting_verbs.tsv`` maps each written form of a reporting cue to its
lemma, the attribution act it reports (codebook §4) and the stance it
signals about the reporter: neutral ("said", "told"), emphatic
("emphasised", "insisted"), distancing ("claimed", "alleged"), hedged
("reportedly", "were reported to") or evaluative ("blamed", "denounced").
Rows whose act is ``marker`` are phrases that make an attribution
distancing when they stand between its cue and its content ("without
providing evidence"). Standard library only.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

__all__ = ["REPORTING_STANCES", "cue_form", "reporting_verbs", "stance_markers"]

#: The stance classes of reporting cues, from least to most committed distance.
REPORTING_STANCES = ("neutral", "emphatic", "hedged", "distancing", "evaluative")

# Negation and auxiliaries around a cue do not change its form: "does not think" is "think",
# "doesn't deny" is "deny", "were reported to" is "reported to", "had ordered" is "ordered".
_AUXILIARIES = re.compile(r"^(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|be|been|not|n[’']t|"
                          r"doesn[’']t|don[’']t|didn[’']t|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+)+")


def cue_form(cue: str) -> str:
    """The lexicon key of a cue span: lowercased, without leading negation and auxiliaries."""
    return _AUXILIARIES.sub("", cue.strip().lower())


@cache
def _rows() -> tuple[dict, ...]:
    text = resources.files(__name__).joinpath("reporting_verbs.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = tuple(csv.DictReader(lines, delimiter="\t"))
    for n, row in enumerate(rows, 2):
        if row["stance"] not in REPORTING_STANCES:
            raise ValueError(f"reporting_verbs.tsv row {n} ({row['form']!r}): stance {row['stance']!r}, "
                             f"expected one of {', '.join(REPORTING_STANCES)}")
    return rows


def reporting_verbs() -> dict[str, dict[str, str]]:
    """Written form -> ``{"lemma", "act", "stance"}`` for every reporting cue in the lexicon."""
    return {r["form"]: {"lemma": r["lemma"], "act": r["act"], "stance": r["stance"]}
            for r in _rows() if r["act"] != "marker"}


def stance_markers() -> dict[str, str]:
    """Phrase -> stance, for phrases that set the stance of an attribution when they stand between cue and content."""
    return {r["form"]: r["stance"] for r in _rows() if r["act"] == "marker"}
