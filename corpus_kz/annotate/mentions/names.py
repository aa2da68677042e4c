"""Capitalised names the registry does not know (rule ``mention_capitalised``), each a new entity.

A run of capitalised words loses its function words and titles; a run with a capitalised head is one
name with nothing nested; otherwise the registry's names in it stand and each stretch between them is a
name of its own, labelled by :mod:`.labels`. A sentence-initial word is a name only on evidence, and
one label is settled per name in a text. A year with a name and what happened is an EVENT.
"""

from __future__ import annotations

import bisect
import re

from ..gazetteer import skeleton, title_end
from .candidates import CAPITALISED, GONE, WEAK, Candidate
from .labels import demonym, guess, head_label, is_acronym, lexicon_label
from .page import Page
from .scan import CAPITAL, FIRST_WORD, Scan
from .vocabulary import (AWARD_HEADS, COMMON_INITIAL, FUNCTION, HEADS_ALL, LANGUAGE_AFTER, MONTHS, NOT_NAMES,
                         ORG_HEADS, WEEKDAYS)

__all__ = ["candidates"]

_CONNECTOR = re.compile(r"[ \u00a0]+(of|of the|for|for the|on|and|and the|de|del|al|bin|ibn|van|von|der|du)[ \u00a0]+")
_POSSESSIVE_JOIN = re.compile(r"['’]s[ \u00a0]+")
_GAP_FIRST = frozenset(" \u00a0'’")
# A named event: a year, a name and what happened ("the 2011 Zhanaozen protests").
_EVENT = re.compile(rf"(?:1[89]|20)\d\d[ \u00a0]+(?:{CAPITAL}[\w-]*[ \u00a0]+){{1,3}}(?:protests?|riots?|unrest|"
                    r"massacre|uprising|clashes|revolution|war|elections?|crackdown|strikes?|earthquake|floods?|"
                    r"referendum|games|olympics|coup)(?![\w-])")


def candidates(text: str, gz, page: Page, scan: Scan, registry: list[Candidate]) -> list[Candidate]:
    """Unknown capitalised names; registry matches that a longer name swallows are marked gone."""
    reg_starts = [c.start for c in registry]
    out: list[Candidate] = []
    for s, e in scan.nums:
        if e - s == 4 and (m := _EVENT.match(text, s)) is not None and not page.excluded(s, m.end()):
            out.append(_unknown(text, s, m.end(), "EVENT", 0.6))
    exact = {(c.start, c.end) for c in registry}
    for tokens in _runs(text, scan.runs, registry, reg_starts):
        rs, re_ = tokens[0][0], tokens[-1][1]
        if (rs, re_) in exact:
            continue  # the usual case: the run is one registry name
        if len(tokens) == 1:
            w = text[rs:re_].lower()
            if w in NOT_NAMES or w in MONTHS or w in WEEKDAYS or w in COMMON_INITIAL:
                continue  # alone, a common word is no name wherever it stands ("TASHKENT -- Authorities said")
        if page.excluded(rs, re_):
            continue
        if page.in_titlecase(rs):
            out += _headline_names(text, tokens, exact)
            continue
        out += _run(text, page, tokens, registry, reg_starts)
    _settle(out)
    return out


def _headline_names(text: str, tokens: list[tuple[int, int]], exact: set) -> list[Candidate]:
    """In a title-case line capitals say nothing: only names the general lists know (a country, a
    nationality, a capital), of one or two words."""
    out = []
    k = 0
    while k < len(tokens):
        for n in (2, 1):
            if k + n > len(tokens):
                continue
            s, e = tokens[k][0], tokens[k + n - 1][1]
            joined = " ".join(text[a:b].lower() for a, b in tokens[k:k + n])
            label = lexicon_label(joined) or ("NORP" if demonym(joined) else None)
            if label is not None and (s, e) not in exact:
                out.append(_unknown(text, s, e, label, 0.6))
                k += n
                break
        else:
            k += 1
    return out


def _runs(text: str, plain: list[list], registry: list[Candidate], reg_starts: list[int]) -> list[list]:
    """Runs of capitalised words (:attr:`Scan.runs`: without the function words they start with)
    joined across "of (the)", "and (the)", "for" inside an
    organisation's or a place's name ("Border Service of the Kyrgyz Republic") and across the
    possessive of an organisation before an organisation ("RFE/RL's Kazakh Service")."""
    out: list[list] = []
    joined_of: list[bool] = []
    words_of: list[set[str]] = []   # each joined run's lowercase words, kept as it grows (no rescan: linear)
    acronym: list[bool] = []        # whether each joined run is an acronym ("RFE/RL")
    for tokens in plain:
        s, e = tokens[0][0], tokens[-1][1]
        words = _lower_words(text, s, e)
        if out and s - out[-1][-1][1] <= 9 and text[out[-1][-1][1]] in _GAP_FIRST:  # a connector or possessive is short
            prev = out[-1]
            ps, pe = prev[0][0], prev[-1][1]
            gap = text[pe:s]
            c = _CONNECTOR.fullmatch(gap)
            if c is not None and words_of[-1] & HEADS_ALL:
                conn = c.group(1)
                if not conn.startswith("and") or (joined_of[-1] and not words & ORG_HEADS):
                    prev += tokens
                    joined_of[-1] = joined_of[-1] or conn.startswith("of")
                    words_of[-1] |= words
                    acronym[-1] = False
                    continue
            if _POSSESSIVE_JOIN.fullmatch(gap) and words & ORG_HEADS and (
                    acronym[-1] or _registry_label(registry, reg_starts, ps, pe) == "ORG"):
                prev += tokens
                words_of[-1] |= words
                acronym[-1] = False
                continue
        out.append(tokens)
        joined_of.append(False)
        words_of.append(words)
        acronym.append(is_acronym(text[s:e]))
    return out


_LETTERS = re.compile(r"[^\W\d_]+")


def _lower_words(text: str, s: int, e: int) -> set[str]:
    return set(_LETTERS.findall(text[s:e].lower()))


def _registry_label(registry: list[Candidate], reg_starts: list[int], s: int, e: int) -> str | None:
    i = bisect.bisect_left(reg_starts, s)
    if i < len(registry) and registry[i].start == s and registry[i].end == e:
        return registry[i].label
    return None


def _run(text: str, page: Page, tokens: list[tuple[int, int]], registry: list[Candidate],
         reg_starts: list[int]) -> list[Candidate]:
    """The unknown names of one capitalised run."""
    inside = _registry_inside(registry, reg_starts, tokens[0][0], tokens[-1][1])
    words = [text[s:e] for s, e in tokens]
    lowered = [w.lower() for w in words]
    if any(w in AWARD_HEADS for w in lowered):
        for c in inside:  # names inside an award's name are not marked (codebook §7)
            c.label = GONE
        return []
    keep, person_cue = _name_words(tokens, lowered, inside)
    inside_starts = [c.start for c in inside]
    out = []
    for g in _groups(keep):
        gs, ge = tokens[g[0]][0], tokens[g[-1]][1]
        g_inside = [c for c in inside[bisect.bisect_left(inside_starts, gs):bisect.bisect_right(inside_starts, ge)]
                    if c.end <= ge]
        head = lexicon_label(" ".join(lowered[j] for j in g)) or head_label(_before_of(text, tokens, lowered, g))
        # A group made wholly of registry names ("Kazakh" + "Interior Ministry") stays those names.
        covered = all(_covered(g_inside, tokens[j][0]) for j in g)
        if head and len(g) >= 2 and not covered and not (
                len(g_inside) == 1 and g_inside[0].start == gs and g_inside[0].end == ge):
            # One name with a capitalised head; what it contains is not marked apart (codebook §2).
            if lowered[g[0]] in COMMON_INITIAL and page.is_initial(gs):
                gs = tokens[g[1]][0]
            for c in g_inside:
                c.label = GONE
            out.append(_unknown(text, gs, ge, head, 0.6))
            continue
        # Otherwise the registry's names stand, and each stretch between them is a name of its own.
        stretch: list[int] = []
        for j in g + [None]:
            if j is not None and not _covered(g_inside, tokens[j][0]):
                stretch.append(j)
                continue
            if stretch:
                out += _stretch(text, page, tokens, words, lowered, stretch, person_cue)
                stretch = []
    return out


def _registry_inside(registry: list[Candidate], reg_starts: list[int], rs: int, re_: int) -> list[Candidate]:
    """The registry's candidates that lie within ``[rs, re_)``, in text order."""
    i = bisect.bisect_left(reg_starts, rs)
    inside = []
    while i < len(registry) and registry[i].start < re_:
        if registry[i].end <= re_:
            inside.append(registry[i])
        i += 1
    return inside


def _name_words(tokens: list[tuple[int, int]], lowered: list[str],
                inside: list[Candidate]) -> tuple[list[bool], list[bool]]:
    """Which words of a run may be part of a name, and which follow a title (a cue that the name is a person's).

    Function words, pronouns, months and weekdays are no part of a name; nor is a title before a name
    ("Deputy Prime Minister Aidos …") unless the registry names it, nor a title that ends the run (a
    description: "the President").
    """
    keep = [True] * len(tokens)
    person_cue = [False] * len(tokens)
    k = 0
    while k < len(tokens):
        w = lowered[k]
        if w in FUNCTION or w in MONTHS or w in WEEKDAYS or w in NOT_NAMES:
            keep[k] = False
            k += 1
            continue
        t = title_end(lowered, k)
        if k < t < len(tokens) and not _covered(inside, tokens[k][0]):
            for j in range(k, t):
                keep[j] = False
            person_cue[t] = True
            k = t
            continue
        if t > k and t == len(tokens):  # a title with no name after it: a description ("the President")
            for j in range(k, t):
                keep[j] = False
            break
        k += 1
    return keep, person_cue


def _groups(keep: list[bool]) -> list[list[int]]:
    """The indices of the kept words, in runs of neighbours."""
    groups: list[list[int]] = []
    for j in range(len(keep)):
        if not keep[j]:
            continue
        if groups and groups[-1][-1] == j - 1:
            groups[-1].append(j)
        else:
            groups.append([j])
    return groups


def _before_of(text: str, tokens, lowered, g: list[int]) -> list[str]:
    """The words of a name up to its first "of": where its head is ("Border Service of the Kyrgyz Republic")."""
    out = [lowered[g[0]]]
    for j in g[1:]:
        if " of " in text[tokens[j - 1][1]:tokens[j][0]]:
            break
        out.append(lowered[j])
    return out


def _covered(cands: list[Candidate], pos: int) -> bool:
    """Whether one of ``cands`` (in text order, not overlapping) holds ``pos``."""
    i = bisect.bisect_right(cands, pos, key=lambda c: c.start)
    return i > 0 and pos < cands[i - 1].end


def _stretch(text: str, page: Page, tokens, words, lowered, stretch: list[int], person_cue) -> list[Candidate]:
    """A stretch of capitalised words the registry does not name: one candidate name, or none."""
    s, e = tokens[stretch[0]][0], tokens[stretch[-1]][1]
    n = len(stretch)
    initial = page.is_initial(s)
    if initial and lowered[stretch[0]] in COMMON_INITIAL:
        if n == 1:
            return []
        stretch = stretch[1:]
        s = tokens[stretch[0]][0]
        n -= 1
        initial = False
    label, conf, strong = guess(text, s, e, [words[j] for j in stretch], person_cue[stretch[0]])
    if label == "NORP" and LANGUAGE_AFTER.match(text, e):
        return []  # a language: "Kazakh-speaking"
    if n == 1:
        w = words[stretch[0]]
        if w.lower() in NOT_NAMES or len(w) < 2:
            return []
        if not strong and page.lowercase_used(w):
            return []  # the text writes it lowercase too: a common word
    c = _unknown(text, s, e, label, conf)
    c.cued = strong or label != "PERSON"  # "in Salt Creek" is a cue; "two capitalised words" is a guess
    if n == 1 and initial and not strong:
        c.rule = WEAK
    return [c]


def _unknown(text: str, s: int, e: int, label: str, conf: float) -> Candidate:
    key = " ".join(skeleton(w) for w in FIRST_WORD.findall(text, s, e))
    return Candidate(s, e, label, None, CAPITALISED, conf, "name", key)


def _settle(cands: list[Candidate]) -> None:
    """One label per unknown name in a text; a sentence-initial single word is kept only on evidence.

    The evidence: the same name where capitals mean something, or a person named in full whose
    surname it is ("Berdibek Saparbaev" … "Saparbaev said"). The label is the one its occurrences'
    cues vote for most; a surname of a person named in full is a person.
    """
    cued = {c.key for c in cands if c.cued and c.label != GONE}
    surnames = {c.key.rsplit(" ", 1)[1] for c in cands
                if c.rule != WEAK and c.label == "PERSON" and " " in c.key and (c.cued or c.key not in cued)}
    mid = {c.key for c in cands if c.rule != WEAK}
    votes: dict[str, dict[str, float]] = {}
    for c in cands:
        if c.rule == WEAK:
            if c.key not in mid and c.key not in surnames:
                c.label = GONE
                continue
            c.rule = CAPITALISED
        if c.key in cued and not c.cued:
            continue  # a guess from the name's length does not outvote what the text says of it
        v = votes.setdefault(c.key, {})
        v[c.label] = v.get(c.label, 0.0) + c.confidence
    for c in cands:
        if c.label == GONE:
            continue
        if c.key in surnames:
            c.label = "PERSON"
        else:
            v = votes.get(c.key) or {c.label: 1.0}
            c.label = max(v, key=v.get)
