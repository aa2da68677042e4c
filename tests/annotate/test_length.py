"""The pre-annotator's time grows linearly with the length of one text (issue 17).

CPU time (``time.process_time``), never wall time, compared at two sizes of the same text with a wide
margin: 8 times the characters may cost at most 16 times the CPU seconds. The checks of earlier
matches that scanned all of them made the time grow with the square of the length (64 times).
"""

from __future__ import annotations

import random
import time

import pytest

from corpus_kz.annotate import annotate

# Invented reports from an invented country, not text of any corpus.
_PLAIN = ("The governor of Varsk province said on Tuesday that 14 people were injured near the port. "
          "Police said 230 demonstrators were detained. The ministry added that the curfew would end on Friday. "
          '"We were not warned," one resident said. Officials said 3 buses were burned.\n\n')
_QUOTES = ('"We will stay on the square until the council listens to us," Mirela Dobrev said. '
           '"Nobody has asked us anything," a teacher told reporters. He said "')


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _names(n: int) -> str:
    """Reports by ever new invented people: each source is looked up among the names found before it."""
    rng = random.Random(17)

    def name() -> str:
        return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()

    out, total = [], 0
    while total < n:
        out.append(f"{name()} {name()}, a shop owner, said that the market would reopen on Monday. "
                   f"{name()} {name()} told reporters that 40 stalls were closed.\n\n")
        total += len(out[-1])
    return "".join(out)[:n]


def _cpu(text: str, rounds: int) -> float:
    """The least CPU seconds of ``rounds`` calls: the one least disturbed by other work."""
    best = float("inf")
    for _ in range(rounds):
        c = time.process_time()
        annotate(text)
        best = min(best, time.process_time() - c)
    return best


@pytest.mark.parametrize("make", [lambda n: _text(_PLAIN, n), lambda n: _text(_QUOTES, n), _names],
                         ids=["plain", "quote_heavy", "many_names"])
def test_eight_times_the_text_costs_at_most_sixteen_times_the_cpu(make):
    annotate(make(2_000))  # lexicons, registry and patterns are read once per process: not counted
    small = _cpu(make(50_000), rounds=3)
    large = _cpu(make(400_000), rounds=1)
    assert large <= 16 * small, f"{large:.2f} CPU-s at 400 kB against {small:.2f} at 50 kB ({large / small:.1f}x)"
