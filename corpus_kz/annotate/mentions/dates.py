"""Calendar expressions (rule ``mention_date``, codebook §2 DATE), and their entity ids.

"February 7", "February 8-9", "February 9, 2020", "in May", weekdays, years, "19th century", "the next
day", "last week", "two days earlier", "today", "on the 8th"; never durations or clock times. A day and
month without a year take the year the document's event began, as the corpus declares it; the entity id
is the ISO date (``date_2020_02_07``) or, when it cannot be resolved, a slug of the text
(``date_last_week``).
"""

from __future__ import annotations

import re

from .candidates import DATE, Candidate, slug
from .page import Page
from .scan import Scan, prev_word, starts_word
from .vocabulary import MONTH_NAMES, MONTHS, RELATIVE_WORDS, UNIT_WORDS, WEEKDAYS

__all__ = ["candidates"]

_MONTH_NUMBER = {**{m: i + 1 for i, m in enumerate(MONTH_NAMES)},
                 **{m[:3]: i + 1 for i, m in enumerate(MONTH_NAMES)}, "sept": 9}
_SEASONS = frozenset({"summer", "winter", "spring", "autumn"})
_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_D = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89][0-9]{2}|20[0-9]{2})"
# What follows a month ("February 8-9", "February 9, 2020", "May 2011"), and what a number starts
# ("9 February", "19th century", "1990s", "the 8th,", "2010").
_MONTH_LED = re.compile(
    rf"{_M}(?:[ \u00a0]+(?:(?P<d1>{_D})(?:[ \u00a0]*[-–][ \u00a0]*(?P<d2>{_D}))?(?![\w-])(?:,?[ \u00a0]+(?P<y1>{_Y}))?"
    rf"|(?:of[ \u00a0]+)?(?P<y3>{_Y})))?(?![\w-])")
_DIGIT_LED = re.compile(
    rf"(?:(?P<d3>{_D})(?:[ \u00a0]*[-–][ \u00a0]*(?P<d4>{_D}))?[ \u00a0]+(?:of[ \u00a0]+)?(?P<m2>{_M})"
    rf"(?:,?[ \u00a0]+(?P<y2>{_Y}))?"
    rf"|(?P<cent>[12]?[0-9](?:st|nd|rd|th)[ \u00a0]+century)|(?P<decade>(?:1[89]|20)[0-9]0s)"
    rf"|(?P<nth>[0-9]{{1,2}}(?:st|nd|rd|th))(?=[,.;:)])|(?P<year>{_Y}))(?![\w-])")
_AGO_AFTER = re.compile(r"[ \u00a0]+(?:earlier|later|ago)(?![\w-])")
_COUNTED_AFTER = re.compile(r"[ \u00a0]+(?:people|persons|men|women|children|troops|soldiers|police|km|kilometers|"
                            r"kilometres|miles|tons|tonnes|dollars|euros|tenge|rubles|roubles|[a-z]+(?<![siu])s\b)")
# Words that make a month alone a date ("in May", "since May"), and the other cues.
_MONTH_CUES = frozenset("in since until by from last next early late mid of through till during before after between "
                        "and or to this that".split())
_NTH_CUES = frozenset("on by until since from till".split())
_SEASON_CUES = frozenset("the in over during".split())
_RELATIVE = frozenset("last next this past".split())
_THE_NEXT = frozenset("next following previous same".split())
_THE_UNITS = frozenset({"day", "week", "month", "year", "morning", "evening", "night", "weekend"})
_COUNTS = frozenset("a one two three four five six seven eight nine ten eleven twelve several few".split())


def candidates(text: str, year: int | None, page: Page, scan: Scan) -> list[Candidate]:
    """Calendar expressions, found from the scan's capitalised words (months, weekdays, "Today"), its
    numbers and its units of time; what must stand before them (a cue word) is checked on the spot.
    ``year`` (the year of the document's event, if known) completes a day and month without one."""
    found: list[tuple[int, int, str, str, float]] = []

    def add(s: int, e: int, eid: str, name: str, conf: float) -> None:
        if not page.excluded(s, e):
            found.append((s, e, eid, name, conf))

    for s, _ in scan.nums:
        _number_date(text, s, year, add)
    for s, e, w in scan.anchors:
        _word_date(text, s, e, w, year, add)
    out = []
    for s, e, eid, name, conf in found:
        c = Candidate(s, e, "DATE", None, DATE, conf)
        c.date_id, c.date_name = eid, name
        out.append(c)
    return out


def _number_date(text: str, s: int, year: int | None, add) -> None:
    """A date that starts with the number at ``s``: "9 February", "2011", "19th century", "1990s", "the 8th"."""
    if s and text[s - 1] in "$€£₸#№":
        return
    m = _DIGIT_LED.match(text, s)
    if m is None:
        return
    e = m.end()
    kind = m.lastgroup
    if m.group("d3"):
        add(s, e, *_day_id(_month(m.group("m2")), m.group("d3"), m.group("d4"), m.group("y2"), year, m.group()), 0.8)
    elif kind == "year":
        if text[max(0, s - 2):s][:1].isdigit() or _COUNTED_AFTER.match(text, e):
            return  # a count ("2000 people", "1,2000"), not a year
        add(s, e, f"date_{m.group()}", m.group(), 0.7)
    elif kind == "nth":
        ws, the = prev_word(text, s)
        if the.lower() == "the" and prev_word(text, ws)[1].lower() in _NTH_CUES:
            add(s, e, _slug_id("the " + m.group()), "the " + m.group(), 0.5)
    elif kind in ("cent", "decade"):
        add(s, e, _slug_id(m.group()), m.group(), 0.6)


def _word_date(text: str, s: int, e: int, w: str, year: int | None, add) -> None:
    """A date that the scan's anchor word ``w`` at ``[s, e)`` starts or ends: a month, a weekday, "today",
    a unit of time with its cue ("last week")."""
    if w in MONTHS:
        _month_date(text, s, year, add)
    elif w in WEEKDAYS or w in RELATIVE_WORDS:
        add(s, e, _slug_id(text[s:e]), text[s:e], 0.7 if text[s].isupper() else 0.6)
    elif w in UNIT_WORDS and not text[s].isupper():
        _unit_date(text, s, e, w, add)


def _unit_date(text: str, s: int, e: int, w: str, add) -> None:
    """A lowercase unit of time with the words before it that make it a date: "in summer", "the next
    day", "last week", "this or next week", "two days earlier", "a few years ago"."""
    ws, prev = prev_word(text, s)
    p = prev.lower()
    if w in _SEASONS and p in _SEASON_CUES:
        add(s, e, _slug_id(w), w, 0.5)
    elif p in _THE_NEXT and w in _THE_UNITS and prev_word(text, ws)[1].lower() == "the":
        start = prev_word(text, ws)[0]
        add(start, e, _slug_id(text[start:e]), text[start:e], 0.6)
    elif p in _RELATIVE and not w.endswith("s"):
        start = ws
        ws2, p2 = prev_word(text, ws)
        if p2 == "or":  # "this or next week"
            ws3, p3 = prev_word(text, ws2)
            if p3.lower() in _RELATIVE:
                start = ws3
        add(start, e, _slug_id(text[start:e]), text[start:e], 0.6)
    elif p.lower() in _COUNTS or p.isdigit():
        a = _AGO_AFTER.match(text, e)
        if a is not None and w.rstrip("s") in ("day", "week", "month", "year"):
            start = ws
            if p == "few" and prev_word(text, ws)[1].lower() == "a":
                start = prev_word(text, ws)[0]
            add(start, a.end(), _slug_id(text[start:a.end()]), text[start:a.end()], 0.6)


def _month_date(text: str, s: int, year: int | None, add) -> None:
    m = _MONTH_LED.match(text, s)
    if m is None:
        return
    e = m.end()
    ws, prev = prev_word(text, s)
    if not starts_word(text, s) and not (text[s - 1] == "-" and prev.lower().startswith("mid")):
        return
    month = _month(m.group().split()[0])
    if m.group("d1"):
        add(s, e, *_day_id(month, m.group("d1"), m.group("d2"), m.group("y1"), year, m.group()), 0.8)
    elif m.group("y3"):
        add(s, e, f"date_{m.group('y3')}_{month:02d}", f"{MONTH_NAMES[month - 1].capitalize()} {m.group('y3')}", 0.8)
    elif prev.lower().split("-")[0] in _MONTH_CUES or (
            prev.lower() == "the" and prev_word(text, ws)[1].lower() in _MONTH_CUES):
        name = f"{MONTH_NAMES[month - 1].capitalize()} {year}" if year else m.group()
        add(s, e, f"date_{year}_{month:02d}" if year else _slug_id(m.group()), name, 0.6)


def _month(word: str) -> int:
    return _MONTH_NUMBER[word.lower().rstrip(".,")]


def _day(d: str) -> int:
    return int(re.match(r"\d+", d).group())


def _day_id(month: int, d1: str, d2: str | None, y: str | None, event_year: int | None, text: str) -> tuple[str, str]:
    """A day (or a range of days) of a month: ``date_2020_02_07``, ``date_2020_02_08_09``; the event's year
    when the text gives none; a slug when there is no year at all."""
    year = int(y) if y else event_year
    if year is None:
        return _slug_id(text), text
    name_m = MONTH_NAMES[month - 1].capitalize()
    if d2:
        return f"date_{year}_{month:02d}_{_day(d1):02d}_{_day(d2):02d}", f"{name_m} {_day(d1)}-{_day(d2)}, {year}"
    return f"date_{year}_{month:02d}_{_day(d1):02d}", f"{name_m} {_day(d1)}, {year}"


def _slug_id(text: str) -> str:
    text_slug = slug(text)
    return "date_" + text_slug if text_slug else "date"
