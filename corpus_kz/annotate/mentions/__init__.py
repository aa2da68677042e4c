r"""Predicted entity mentions (codebook §2): names, nationality words, dates and a few reliable descriptions.

No parser and no model: regular expressions, the entity registry and general English news
vocabulary. The rules, each the ``origin`` of what it finds:

* ``mention_gazetteer`` (high confidence): every name or alias of the registry, tolerant of
  romanisation (:mod:`.gazetteer`: Toqaev is the registry's Tokayev, "Nursultan Nazarbaev" its
  Nazarbayev), a person also by a surname only they have.
* ``mention_capitalised`` (lower confidence): runs of capitalised words the registry does not
  know. A run loses its capitalised function words ("The", "But") and its titles ("President",
  "Deputy Prime Minister": codebook §2, a title is not part of the name, but it says the name is a
  person's); a run with a capitalised organisation or place head ("… Policy Center of the
  American University of Central Asia", "Kyrgyz Republic") is one name with nothing nested. The
  label comes from cues: a title, a head word, the lowercase noun after the name ("Masanchi
  village", "Nur Otan party"), the preposition before it, the verb of saying after it, the shape
  of the word (acronyms are organisations; -stan is a place; -ov, -eva a surname) and general
  lists of countries, capitals, regions, nationalities and news organisations. A capitalised word
  at the start of a sentence is a name only on evidence (it is capitalised elsewhere in the text
  where capitals mean something, is a known name, or is the surname of a person named in full),
  and never when the text also writes it in lowercase. In a title-case line (a headline, a
  subheading) capitals say nothing, so only the registry and the other rules apply there. A year
  with a name and what happened ("the 2011 Zhanaozen protests") is an EVENT. Each unknown name
  becomes an entity of ``ctx.new_entities`` (a person's id is the surname's slug, the registry's
  convention; other ids slug the whole name); a surname alone links to the person named in full.
* ``mention_date``: calendar expressions (codebook §2, DATE): "February 7", "February 8-9",
  "February 9, 2020", "in May", weekdays, years, "19th century", "the next day", "last week",
  "two days earlier", "today", "on the 8th"; never durations or clock times. A day and month
  without a year take the year of the document's event; the entity id is the ISO date
  (``date_2020_02_07``) or, when it cannot be resolved, a slug of the text (``date_last_week``).
* ``mention_nominal`` (form ``nominal``, PERSON and ORG only): descriptions that refer to one
  entity by a rule that rarely fails. "the minister", "our correspondent", "the former president"
  refer to the person last introduced with that title in the text ("Interior Minister Kalmukhambet
  Kasymov"), else to the registry's holder of that description. The registry's own descriptions
  of bodies ("authorities", "police", "the government") count where they are a noun phrase, not a
  modifier ("police officers") and not another body ("political forces"), from their first
  modifier ("local police"). A lowercase state body with the place it serves ("interior ministry of
  Kazakhstan", "police department of Zhambyl region") is one ORG, the registry's when it knows it.
  The registry's descriptions apply only in a text about its world, one that names a registry person
  or place (:attr:`.base.Context.descriptions_apply`): "the president" of a story about Peru is no
  registry entity, and is not marked unless the text introduced a president by name.

Zones (codebook §7): nothing is marked inside boilerplate: the boilerplate zones of ``ctx.zones``
(the zones rule's, which runs first) and the furniture recognised here line by line with general
patterns only, no one site's strings (copyright lines, share and follow widgets, comment forms,
template placeholders, the page's dateline, everything after the article's credit line), so that
the module also stands alone. Names inside the quoted title of a law, project or book, and inside the
name of an award, are not marked either.

Speed: the text is scanned once for capitalised words, once for numbers and once for the few
lowercase words the rules start from (:class:`_Scan`); every rule works from those positions, and
what must stand before or after a word is checked there, within a bounded reach (no look back or
ahead grows with the text: a text of any shape costs time in proportion to its length). Scanning the whole text with one regular
expression per rule cost several times more. Measured on the five texts (about 13,000 mentions per
million characters): some 0.45 CPU seconds per million characters on the shared 2-core development
machine, a fifth of it in building the records (``make``), about twelve times a bare
``re.findall(r"\w+")`` over the same text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..records import Entity, Mention
from . import furniture
from .base import Context, Ranges, make, record_id
from .gazetteer import CAPITALS, fold, gazetteer_for, skeleton, title_end
from .text import alternation

__all__ = ["find"]

GAZETTEER, CAPITALISED, DATE, NOMINAL = "mention_gazetteer", "mention_capitalised", "mention_date", "mention_nominal"
_GONE, _WEAK = "_gone", "_weak"  # a candidate another rule took over; a name kept only on evidence


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    entity_id: str | None
    rule: str
    confidence: float
    form: str = "name"
    key: str | None = None       # an unknown name's identity in this text (its words' skeletons)
    date_id: str | None = None   # a date's resolved entity id and name
    date_name: str | None = None


def find(ctx: Context) -> list:
    """The mentions of ``ctx.text``, in text order, with ids ``m1``, ``m2``, ….

    Names and dates the registry does not know are added to ``ctx.new_entities``.
    """
    text = ctx.text
    gz = gazetteer_for(ctx.entities)
    page = _Page(ctx)
    scan = _Scan(text, gz)
    registry = _registry(text, gz, page, scan)
    if "named" not in vars(ctx):  # what the text names, from this scan rather than a second one
        ctx.named = frozenset(c.entity_id for c in registry if c.form == "name")
    cands = _dates(text, ctx.event, page, scan)
    cands += _names(text, gz, page, scan, registry)
    cands += [c for c in registry if c.label != _GONE]
    cands += _nominals(text, gz, page, scan, cands, ctx.descriptions_apply)
    return _records(ctx, _resolve(cands))


# -- one scan of the text -----------------------------------------------------------------------------

# A capitalised word: "Kazakhstan", "U.S.", "T.Batyrshin", "O'Brien", "Zhomart-Tokayev", "RFE/RL" (a slash
# joins short parts only: "ZHANAOZEN/PRAGUE" is two). Every branch starts with a capital letter, so
# that the regular expression engine skips the text between capitals quickly. Capitals of any script:
# "Łódź", "Šiauliai", "İstanbul" (:data:`.gazetteer.CAPITALS`).
_C = f"[{CAPITALS}]"
_TOK = (rf"{_C}(?:\.{_C}\.)+|{_C}[^\W_]*(?:(?:\.(?={_C}[^\W_])|['’](?=[^\W_]{{2}})|[-+&](?=[{CAPITALS}0-9])"
        rf"|(?<![^\W\d_]{{5}})/(?={_C}))[^\W_]+)*")
_NUMBER = re.compile(r"[0-9]+")
_FIRST_WORD = re.compile(r"[^\W_]+")
_SUBWORD = re.compile(rf"[-./'’+&]{_C}[^\W_]*")  # inside a token
_RUN = re.compile(rf"(?:{_TOK})(?:[ \u00a0]+(?:{_TOK}))*")
_NOT_SPACE = re.compile(r"[^ \u00a0]+")


class _Scan:
    """Where the rules start from, in one pass over the text.

    ``runs``: capitalised words separated by spaces only, as lists of ``(start, end)`` (whole tokens,
    "Zhomart-Tokayev"), without the function words a run starts with. ``roots``: where a registry
    name may start. ``nums``: digit runs. ``anchors``: ``(start, end, word)`` of the words some rule
    starts from (a unit of time, a title, the head of a body's description; months and weekdays),
    lowercased.
    """

    def __init__(self, text: str, gz):
        words, pattern, skip = _anchor_words(gz)
        cap_words = words | _CALENDAR_CAPS
        runs, anchors, roots = [], [], []
        for m in _RUN.finditer(text):
            s, e = m.span()
            if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue  # a capital inside a word
            run = m.group()
            if " " not in run and "\u00a0" not in run:  # the usual case, one word: the loop below, unrolled
                w = run.lower()
                if w in cap_words:
                    anchors.append((s, e, w))
                if run.isalnum():
                    if w not in skip:
                        roots.append((s, e))
                else:
                    roots.append((s, s + _FIRST_WORD.match(run).end()))
                    roots += [(s + p.start() + 1, s + p.end()) for p in _SUBWORD.finditer(run)]
                if w not in _FUNCTION:
                    runs.append([(s, e)])
                continue
            lead = True
            kept = []
            for t in _NOT_SPACE.finditer(run):
                ts, te = s + t.start(), s + t.end()
                token = t.group()
                w = token.lower()
                if w in cap_words:
                    anchors.append((ts, te, w))
                if token.isalnum():
                    if w not in skip:
                        roots.append((ts, te))
                else:  # "Kazakh-Dungan", "T.Batyrshin": each capitalised part may start a name
                    roots.append((ts, ts + _FIRST_WORD.match(token).end()))
                    roots += [(ts + p.start() + 1, ts + p.end()) for p in _SUBWORD.finditer(token)]
                if lead and w in _FUNCTION:
                    continue  # a run does not start with a function word ("The", "In", "He")
                lead = False
                kept.append((ts, te))
            if kept:
                runs.append(kept)
        self.runs = runs  # capitalised words separated by spaces only, as lists of word spans
        self.nums = [m.span() for m in _NUMBER.finditer(text) if not m.start() or not text[m.start() - 1].isalnum()]
        n = len(text)
        for m in pattern.finditer(text):
            s, e = m.span()
            if (s and (text[s - 1].isalnum() or text[s - 1] in "-_")) or (e < n and (text[e].isalnum() or text[e] in "-_")):
                continue
            anchors.append((s, e, m.group()))
        anchors.sort()
        self.anchors = anchors  # also the capitalised months, weekdays and "Today"
        if gz._digit_names:
            roots += [(s, e) for s, e in self.nums if s == 0 or not (text[s - 1].isalpha() or text[s - 1] == "_")]
            roots.sort()
        # Where a registry name may start: each capitalised word but the function words that start
        # none (the gazetteer reads a joined word's first part), each capitalised part of a joined
        # word, each number when some name starts with one.
        self.roots = roots


_UNIT_WORDS = ("weekend", "weekends", "week", "weeks", "month", "months", "year", "years", "summer", "winter", "spring",
               "autumn", "fall", "decade", "century", "day", "days", "morning", "evening", "night")
_RELATIVE_WORDS = ("today", "yesterday", "tomorrow", "tonight")
# Heads of descriptions of one person ("the minister", "our correspondent").
_PERSON_HEADS = ("president", "minister", "governor", "mayor", "akim", "ambassador", "spokesman", "spokeswoman",
                 "spokesperson", "correspondent", "reporter", "chairman", "chairwoman", "prosecutor", "judge",
                 "senator", "adviser", "advisor", "activist", "lawyer", "professor", "analyst", "economist",
                 "journalist", "blogger", "premier", "chancellor")
# Heads of a lowercase state body's description ("interior ministry of Kazakhstan").
_BODY_HEADS = ("ministry", "department", "precinct", "office", "administration", "akimat", "police", "government",
               "parliament", "court", "service", "committee", "council")
_anchor_cache: dict[int, tuple] = {}


def _anchor_words(gz) -> tuple[frozenset, re.Pattern, frozenset]:
    """The anchor words (static ones and the heads of the registry's descriptions), their pattern, and
    the function words that start no registry name (not worth looking up). Cached per gazetteer."""
    got = _anchor_cache.get(id(gz))
    if got is not None and got[0] is gz:
        return got[1:]
    words = frozenset((*_UNIT_WORDS, *_RELATIVE_WORDS, *_PERSON_HEADS, *_BODY_HEADS,
                       *(p.split()[-1] for p in gz.nominals if p[:1].isalpha())))
    pattern = re.compile(alternation(sorted(words)))
    skip = frozenset(w for w in _FUNCTION if not gz._starts(w) and not gz._starts(w.capitalize()))
    if len(_anchor_cache) > 16:
        _anchor_cache.clear()
    _anchor_cache[id(gz)] = (gz, words, pattern, skip)
    return words, pattern, skip


def _starts_word(text: str, s: int) -> bool:
    return s == 0 or not (text[s - 1].isalnum() or text[s - 1] in "-_")


_REACH = 64  # how far back a rule looks for the word before another: a bound, so that no scan grows with the text


def _prev_word(text: str, pos: int, skip: str = " \u00a0") -> tuple[int, str]:
    """The word before ``pos`` across ``skip`` (spaces; not a line break), with its start; ``(pos, "")`` if none.

    Looks back at most ``_REACH`` characters: a longer "word" ("A.A.A.…", a run of hyphens and letters)
    is no cue word, and an unbounded look made a text of such runs quadratic."""
    limit = max(0, pos - _REACH)
    i = pos
    while i > limit and text[i - 1] in skip:
        i -= 1
    j = i
    while j > limit and (text[j - 1].isalnum() or text[j - 1] in "'’-/."):
        j -= 1
    if j == limit and j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’-/." + skip):
        return (pos, "")  # the word (or the space before it) goes on past the bound
    return (j, text[j:i]) if j < i < pos else (pos, "")


# -- the page: zones, title-case lines, sentence starts ----------------------------------------------

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|\(@\w+\)|(?<!\w)@ ?\w+")
# The line that ends the article: its credit line, or the end-of-article furniture.
_ARTICLE_END = re.compile(r"^\W*(?:written by|reporting by|compiled by|by [a-z]+\s*$|source link\b|editor['’]s note|"
                          r"leave a reply)", re.I)
# A credit line reads like a headline but is not one ("Written by Anna Petrova in Almaty").
_CREDIT = re.compile(r"\W*(?:(?:written|reported|reporting|compiled|edited|produced|photos?|text|words)\s+by|by)\s+[A-Z]",
                     re.I)
# The quoted title of a work: its names are not marked (codebook §7: «On the Assembly of Peoples of Kazakhstan»).
_WORKS = frozenset("law project programme program book film movie report documentary campaign initiative decree bill "
                   "resolution strategy song novel article play series show doctrine concept code".split())
_QUOTED = re.compile(r"[\"“«‘]([^\"”»’\n]{3,300})[\"”»’]")
_LINE = re.compile(r"[^\n]+")
# What may stand between a sentence's end (or a line break, an opening quotation mark or bracket) and
# the sentence's first word.
_LEADING = frozenset(" \t\r\u00a0\"“‘«([—–-")
_OPENING = frozenset("\"“‘«[")
_CLOSING = frozenset("\"”’»)]")


class _Page:
    """Where a rule may mark and how it should read capitals: excluded ranges, title-case lines, sentence starts."""

    def __init__(self, ctx: Context):
        text = self.text = ctx.text
        excluded: list[tuple[int, int]] = []
        titlecase: list[tuple[int, int]] = []
        ended = False
        for m in _LINE.finditer(text):
            line = m.group()
            if len(line) <= 200 and _title_case(line) and not _CREDIT.match(line):  # headlines are short
                titlecase.append(m.span())
            if "@" in line or "http" in line or "www." in line:
                excluded += [u.span() for u in _URL.finditer(text, m.start(), m.end())]
            end = _ARTICLE_END.match(line) is not None
            if ended and not end:
                excluded.append(m.span())
                continue
            if furniture.looks_like_furniture(line):
                excluded.append(m.span())
            ended = ended or end
        for m in _QUOTED.finditer(text):
            if _prev_word(text, m.start())[1].lower() in _WORKS or _title_case(m.group(1), strict=True):
                excluded.append(m.span(1))
        # The boilerplate the zones rule found, and what this module recognises itself.
        self._boilerplate = ctx.touches_boilerplate
        self._excluded = Ranges(excluded)
        self.titlecase = titlecase
        self._tc_starts = [s for s, _ in titlecase]
        self._lowercase: dict[str, bool] = {}

    def excluded(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with boilerplate or another range no mention may touch."""
        return self._boilerplate(start, end) or self._excluded.touches(start, end)

    def is_initial(self, pos: int) -> bool:
        """Whether the word at ``pos`` starts a sentence, a line, a quotation or a bracket."""
        t = self.text
        i = pos
        while i > 0 and t[i - 1] in _LEADING:
            i -= 1
        if i == 0 or t[i - 1] == "\n" or any(ch in _OPENING for ch in t[i:pos]):
            return True
        if i == pos:
            return False  # no space before: inside a word or after a mark
        while i > 0 and t[i - 1] in _CLOSING:
            i -= 1
        return i > 0 and t[i - 1] in ".!?"

    def in_titlecase(self, pos: int) -> bool:
        if not self.titlecase:
            return False
        i = bisect.bisect_right(self._tc_starts, pos) - 1
        return i >= 0 and self.titlecase[i][0] <= pos < self.titlecase[i][1]

    def lowercase_used(self, word: str) -> bool:
        """Whether the text writes ``word`` in lowercase as a word of its own (not inside a URL): then,
        capitalised, it is a common word at the start of a sentence, not a name."""
        w = word.lower()
        got = self._lowercase.get(w)
        if got is None:
            got = False
            text, n, i = self.text, len(w), self.text.find(w)
            while i >= 0:
                before = text[i - 1] if i else " "
                after = text[i + n] if i + n < len(text) else " "
                if not (before.isalnum() or before in "./@_" or after.isalnum() or after in "/@_"
                        or (after == "." and text[i + n + 1:i + n + 2].isalnum())):
                    got = True
                    break
                i = text.find(w, i + 1)
            self._lowercase[w] = got
        return got


def _title_case(line: str, strict: bool = False) -> bool:
    """A line whose long words are (nearly) all capitalised: a headline, a subheading, a title.

    ``strict`` (for a quoted title) counts every word but the small ones and allows no exception.
    """
    if not (line[:1].isupper() or line[:1] in "\"“‘'«([") or (not strict and line.rstrip().endswith(".")):
        return False  # a headline does not end with a full stop; a caption or a credit line does
    n = misses = 0
    allowed = 0 if strict else 1
    for w in line.split():
        if not w[:1].isalpha() or (len(w) < 4 and (not strict or w.lower() in _SMALL)):
            continue
        n += 1
        if not w[0].isupper():
            misses += 1
            if misses > allowed:
                return False
    if n < (2 if strict else 3):
        return False
    return misses == 0 or (not strict and n >= 6)


_SMALL = frozenset("a an the of and or in on at to for by with from as is are was be".split())


# -- registry names ---------------------------------------------------------------------------------

_LANGUAGE_AFTER = re.compile(r"(?:-speaking|-language|\s+(?:language|languages|speakers?|translation|version|word|words|"
                             r"term|name|for\b))", re.I)


def _registry(text: str, gz, page: _Page, scan: _Scan) -> list[_Cand]:
    out = []
    for s, e, eid in gz._matches(text, scan.roots, checked=True):
        if page.excluded(s, e):
            continue
        entity = gz.entities[eid]
        if entity.label == "NORP" and _LANGUAGE_AFTER.match(text, e):
            continue  # a language, not a people (codebook §7: "Kazakh-speaking", "Kazakh for …")
        form = "name"
        if entity.label in ("PERSON", "ORG") and text[s].islower() and text[s:e].lower() != entity.name.lower():
            form = "nominal"  # a registry description spelled out: "mayor's office of Tokmak"
        out.append(_Cand(s, e, entity.label, eid, GAZETTEER, 0.9, form))
    return out


# -- capitalised names ------------------------------------------------------------------------------

_CONNECTOR = re.compile(r"[ \u00a0]+(of|of the|for|for the|on|and|and the|de|del|al|bin|ibn|van|von|der|du)[ \u00a0]+")
_POSSESSIVE_JOIN = re.compile(r"['’]s[ \u00a0]+")
_GAP_FIRST = frozenset(" \u00a0'’")
# A named event: a year, a name and what happened ("the 2011 Zhanaozen protests").
_EVENT = re.compile(rf"(?:1[89]|20)\d\d[ \u00a0]+(?:{_C}[\w-]*[ \u00a0]+){{1,3}}(?:protests?|riots?|unrest|"
                    r"massacre|uprising|clashes|revolution|war|elections?|crackdown|strikes?|earthquake|floods?|"
                    r"referendum|games|olympics|coup)(?![\w-])")


def _names(text: str, gz, page: _Page, scan: _Scan, registry: list[_Cand]) -> list[_Cand]:
    """Unknown capitalised names; registry matches that a longer name swallows are marked gone."""
    reg_starts = [c.start for c in registry]
    out: list[_Cand] = []
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
            if w in _NOT_NAMES or w in _MONTHS or w in _WEEKDAYS or w in _COMMON_INITIAL:
                continue  # alone, a common word is no name wherever it stands ("TASHKENT -- Authorities said")
        if page.excluded(rs, re_):
            continue
        if page.in_titlecase(rs):
            out += _headline_names(text, tokens, exact)
            continue
        out += _run(text, page, tokens, registry, reg_starts)
    _settle(out)
    return out


def _headline_names(text: str, tokens: list[tuple[int, int]], exact: set) -> list[_Cand]:
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
            label = _lexicon_label(joined) or ("NORP" if _demonym(joined) else None)
            if label is not None and (s, e) not in exact:
                out.append(_unknown(text, s, e, label, 0.6))
                k += n
                break
        else:
            k += 1
    return out


def _demonym(joined: str) -> bool:
    return joined in _DEMONYMS or (joined.endswith("s") and joined[:-1] in _DEMONYMS) or bool(_DEMONYM_SHAPE.search(joined))


def _runs(text: str, plain: list[list], registry: list[_Cand], reg_starts: list[int]) -> list[list]:
    """Runs of capitalised words (:attr:`_Scan.runs`: without the function words they start with)
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
            if c is not None and words_of[-1] & _HEADS_ALL:
                conn = c.group(1)
                if not conn.startswith("and") or (joined_of[-1] and not words & _ORG_HEADS):
                    prev += tokens
                    joined_of[-1] = joined_of[-1] or conn.startswith("of")
                    words_of[-1] |= words
                    acronym[-1] = False
                    continue
            if _POSSESSIVE_JOIN.fullmatch(gap) and words & _ORG_HEADS and (
                    acronym[-1] or _registry_label(registry, reg_starts, ps, pe) == "ORG"):
                prev += tokens
                words_of[-1] |= words
                acronym[-1] = False
                continue
        out.append(tokens)
        joined_of.append(False)
        words_of.append(words)
        acronym.append(_acronym_token(text[s:e]))
    return out


_LETTERS = re.compile(r"[^\W\d_]+")


def _lower_words(text: str, s: int, e: int) -> set[str]:
    return set(_LETTERS.findall(text[s:e].lower()))


def _acronym_token(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _registry_label(registry: list[_Cand], reg_starts: list[int], s: int, e: int) -> str | None:
    i = bisect.bisect_left(reg_starts, s)
    if i < len(registry) and registry[i].start == s and registry[i].end == e:
        return registry[i].label
    return None


def _run(text: str, page: _Page, tokens: list[tuple[int, int]], registry: list[_Cand],
         reg_starts: list[int]) -> list[_Cand]:
    """The unknown names of one capitalised run."""
    rs, re_ = tokens[0][0], tokens[-1][1]
    i = bisect.bisect_left(reg_starts, rs)
    inside = []
    while i < len(registry) and registry[i].start < re_:
        if registry[i].end <= re_:
            inside.append(registry[i])
        i += 1
    inside_starts = [c.start for c in inside]
    words = [text[s:e] for s, e in tokens]
    lowered = [w.lower() for w in words]
    if any(w in _AWARD_HEADS for w in lowered):
        for c in inside:  # names inside an award's name are not marked (codebook §7)
            c.label = _GONE
        return []
    # Drop what is no part of a name: function words, pronouns, titles, months and weekdays.
    keep = [True] * len(tokens)
    person_cue = [False] * len(tokens)
    k = 0
    while k < len(tokens):
        w = lowered[k]
        if w in _FUNCTION or w in _MONTHS or w in _WEEKDAYS or w in _NOT_NAMES:
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
    groups: list[list[int]] = []
    for j in range(len(tokens)):
        if not keep[j]:
            continue
        if groups and groups[-1][-1] == j - 1:
            groups[-1].append(j)
        else:
            groups.append([j])
    out = []
    for g in groups:
        gs, ge = tokens[g[0]][0], tokens[g[-1]][1]
        g_inside = [c for c in inside[bisect.bisect_left(inside_starts, gs):bisect.bisect_right(inside_starts, ge)]
                    if c.end <= ge]
        head = _lexicon_label(" ".join(lowered[j] for j in g)) or _head_label(_before_of(text, tokens, lowered, g))
        # A group made wholly of registry names ("Kazakh" + "Interior Ministry") stays those names.
        covered = all(_covered(g_inside, tokens[j][0]) for j in g)
        if head and len(g) >= 2 and not covered and not (
                len(g_inside) == 1 and g_inside[0].start == gs and g_inside[0].end == ge):
            # One name with a capitalised head; what it contains is not marked apart (codebook §2).
            if lowered[g[0]] in _COMMON_INITIAL and page.is_initial(gs):
                gs = tokens[g[1]][0]
            for c in g_inside:
                c.label = _GONE
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


def _before_of(text: str, tokens, lowered, g: list[int]) -> list[str]:
    """The words of a name up to its first "of": where its head is ("Border Service of the Kyrgyz Republic")."""
    out = [lowered[g[0]]]
    for j in g[1:]:
        if " of " in text[tokens[j - 1][1]:tokens[j][0]]:
            break
        out.append(lowered[j])
    return out


def _covered(cands: list[_Cand], pos: int) -> bool:
    """Whether one of ``cands`` (in text order, not overlapping) holds ``pos``."""
    i = bisect.bisect_right(cands, pos, key=lambda c: c.start)
    return i > 0 and pos < cands[i - 1].end


def _stretch(text: str, page: _Page, tokens, words, lowered, stretch: list[int], person_cue) -> list[_Cand]:
    """A stretch of capitalised words the registry does not name: one candidate name, or none."""
    s, e = tokens[stretch[0]][0], tokens[stretch[-1]][1]
    n = len(stretch)
    initial = page.is_initial(s)
    if initial and lowered[stretch[0]] in _COMMON_INITIAL:
        if n == 1:
            return []
        stretch = stretch[1:]
        s = tokens[stretch[0]][0]
        n -= 1
        initial = False
    label, conf, strong = _guess(text, s, e, [words[j] for j in stretch], person_cue[stretch[0]])
    if label == "NORP" and _LANGUAGE_AFTER.match(text, e):
        return []  # a language: "Kazakh-speaking"
    if n == 1:
        w = words[stretch[0]]
        if w.lower() in _NOT_NAMES or len(w) < 2:
            return []
        if not strong and page.lowercase_used(w):
            return []  # the text writes it lowercase too: a common word
    c = _unknown(text, s, e, label, conf)
    if n == 1 and initial and not strong:
        c.rule = _WEAK
    return [c]


def _unknown(text: str, s: int, e: int, label: str, conf: float) -> _Cand:
    key = " ".join(skeleton(w) for w in _FIRST_WORD.findall(text, s, e))
    return _Cand(s, e, label, None, CAPITALISED, conf, "name", key)


def _settle(cands: list[_Cand]) -> None:
    """One label per unknown name in a text; a sentence-initial single word is kept only on evidence.

    The evidence: the same name where capitals mean something, or a person named in full whose
    surname it is ("Berdibek Saparbaev" … "Saparbaev said"). The label is the one its occurrences'
    cues vote for most; a surname of a person named in full is a person.
    """
    surnames = {c.key.rsplit(" ", 1)[1] for c in cands if c.rule != _WEAK and c.label == "PERSON" and " " in c.key}
    mid = {c.key for c in cands if c.rule != _WEAK}
    votes: dict[str, dict[str, float]] = {}
    for c in cands:
        if c.rule == _WEAK:
            if c.key not in mid and c.key not in surnames:
                c.label = _GONE
                continue
            c.rule = CAPITALISED
        v = votes.setdefault(c.key, {})
        v[c.label] = v.get(c.label, 0.0) + c.confidence
    for c in cands:
        if c.label == _GONE:
            continue
        if c.key in surnames:
            c.label = "PERSON"
        else:
            v = votes[c.key]
            c.label = max(v, key=v.get)


def _guess(text: str, s: int, e: int, words: list[str], titled: bool) -> tuple[str, float, bool]:
    """A name's label from its cues, strongest first: (label, confidence, whether a cue was strong)."""
    lowered = [w.lower() for w in words]
    joined = " ".join(lowered)
    if titled:
        return "PERSON", 0.75, True
    known = _lexicon_label(joined)
    if known:
        return known, 0.75, True
    head = _head_label(lowered)
    if head and len(words) >= 2:
        return head, 0.65, True
    if _demonym(joined):
        return "NORP", 0.7, True
    after = text[e:e + 40]
    nxt = _NEXT_WORD.match(after)
    nxt = nxt.group(1).lower() if nxt else ""
    if nxt in _GPE_NOUNS or _BASED.match(after):
        return "GPE", 0.65, True
    if nxt in _FAC_NOUNS or after.lower().startswith((" border post", " border crossing", " checkpoint")):
        return "FAC", 0.6, True
    if nxt in _ORG_NOUNS:
        return "ORG", 0.6, True
    ws, prev = _prev_word(text, s, _BEFORE_NAME)  # across a comma or an opening mark: "capital, Nukus", "‘Bir Duino’"
    prev = prev.lower()
    if prev == "of":
        prev2 = _prev_word(text, ws)[1].lower()
        if prev2 in _PLACE_NOUNS:
            return "GPE", 0.6, True
    if prev in _PLACE_NOUNS:
        return "GPE", 0.6, True
    if prev in _ORG_NOUNS_BEFORE:
        return "ORG", 0.55, True
    if len(words) == 1 and words[0] in _COUNTRY_ACRONYMS:
        return "GPE", 0.6, True
    if len(words) == 1 and _acronym_token(words[0]):
        return "ORG", 0.55, True
    if any(_CAMEL.search(w) for w in words):
        return "ORG", 0.5, True  # KazMunaiGas, PetroChina: the shape of company names
    if _GPE_SHAPE.search(joined) and len(words) <= 2:
        return "GPE", 0.55, True
    if prev in _ROLES_BEFORE or _SAID_AFTER.match(after) or _APPOSITION_AFTER.match(after):
        return "PERSON", 0.55, True  # before the ending of an outlet's name: "Blair said", "analyst Ann Holcom"
    if _ORG_SHAPE.search(joined):
        return "ORG", 0.5, True  # Tengrinews, Zakon.info, Microsoft: the endings of outlets' and companies' names
    if any(_SURNAME_SHAPE.search(w) for w in lowered):
        return "PERSON", 0.5, True
    if prev in _PLACE_PREPOSITIONS:
        return "GPE", 0.4, False
    if 2 <= len(words) <= 4:
        return "PERSON", 0.4, False
    return "PERSON", 0.3, False


def _lexicon_label(joined: str) -> str | None:
    """The label the general lists give a name, lowercase ("soviet union" → GPE), or None."""
    if not joined.isascii():
        joined = fold(joined)  # "i̇stanbul" (İstanbul lowercased), "türkiye"
    if joined in _COUNTRIES or joined in _CAPITALS:
        return "GPE"
    if joined in _REGIONS:
        return "LOC"
    if joined in _KNOWN_ORGS:
        return "ORG"
    return None


def _head_label(lowered: list[str]) -> str | None:
    """The label a capitalised head word gives a multi-word name ("… University", "… Republic", "… Sea")."""
    for w in reversed(lowered):
        if w in _ORG_HEADS:
            return "ORG"
        if w in _GPE_HEADS:
            return "GPE"
        if w in _FAC_HEADS:
            return "FAC"
        if w in _LOC_HEADS:
            return "LOC"
        if w in _EVENT_HEADS:
            return "EVENT"
    return None


_NEXT_WORD = re.compile(r"[ \u00a0]+([a-z]+)")
_BASED = re.compile(r"-(?:based|born|headquartered)\b")
_BEFORE_NAME = " \u00a0,:\"“‘'«("
_PLACE_NOUNS = frozenset("village town city district region province oblast capital settlement republic county".split())
_ORG_NOUNS_BEFORE = frozenset("movement organization organisation group party company firm agency newspaper channel "
                              "outlet foundation ngo society union association network website portal broadcaster "
                              "subsidiary".split())
# Endings of outlets' and companies' names; not "-air", "-tel", "-bank", which end surnames too (Blair, Wenbank).
_ORG_SHAPE = re.compile(r"\w(?:news|press|media|info|com|soft)$")
# An inner capital (KazMunaiGas), but not of a surname's particle: McCain, MacArthur, O'Brien, DeSantis, LaGuardia.
_CAMEL = re.compile(r"^(?!Mc|Mac|O['’]|D[aeiu]|L[aeo]|V[ao]n|St)[A-Z][a-z]+[A-Z][a-z]")
_PLACE_PREPOSITIONS = frozenset("in near outside across into throughout towards toward from at".split())
_ROLES_BEFORE = frozenset("""
spokesman spokeswoman spokesperson adviser advisor aide journalist reporter correspondent activist lawyer blogger
analyst expert economist researcher professor director chairman chairwoman chair head leader founder resident witness
figure minister governor mayor akim president deputy official officer general colonel
""".split())
_SAID_AFTER = re.compile(r"(?:['’]s\s+[a-z]|,\s+(?:who|whose)\b|[ \u00a0]+(?:said|says|told|tells|added|adds|noted|"
                         r"notes|stated|states|warned|warns|claimed|claims|argued|argues|explained|explains|wrote|"
                         r"writes|tweeted|insisted|insists|asked|asks|replied|stressed|emphasised|emphasized|"
                         r"suggested|believes|thinks|denied|denies|recalled|recalls|admitted|admits)\b)")
_APPOSITION_AFTER = re.compile(r",[ \u00a0]+(?:an?|the)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,4}"
                               r"(?:professor|analyst|expert|activist|director|head|leader|lawyer|journalist|"
                               r"spokesman|spokeswoman|resident|researcher|founder|chairman|chair|member|"
                               r"adviser|advisor|official|minister|scholar|economist|correspondent)\b")
# Word shapes: surnames of the former Soviet Union and the Balkans; Turkic, Persian and Slavic place names.
_SURNAME_SHAPE = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|sky|skaya|skiy|skii|enko|bekov|baev|bayev|bayeva|baeva|"
                            r"uly|kyzy|ovich|ovna|evich|evna|dze|shvili|escu|ynov|inov|imov|umov|ikov|akov)$")
_GPE_SHAPE = re.compile(r"(?:stan|abad|grad|gorod|burg|bourg|ville|pol|polis|kala|kent|shahr)$")
_DEMONYM_SHAPE = re.compile(r"stanis?$")


# -- nominal mentions -------------------------------------------------------------------------------

# After a person's title, a name or "of <Name>" makes it a title, not a description ("President Tokayev",
# "the president of Kyrgyzstan").
_TITLE_AFTER = re.compile(rf"[ \u00a0]+(?:{_C}|of[ \u00a0]+{_C})")
_DET = r"(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)"
_TITLE_DET = re.compile(
    rf"(?:\b{_DET}[ \u00a0]+(?:{_C}[\w/.-]*(?:['’]s)?[ \u00a0]+)?|{_C}[\w/.-]*['’]s[ \u00a0]+)"
    r"(?P<mods>(?:(?:former|new|late|then|current|incumbent|outgoing|acting|deputy|vice|interior|foreign|prime)"
    r"[ \u00a0]+)*)$")
_TITLE_BEFORE_NAME = re.compile(
    rf"(?<![^\W_])((?:(?:[Ff]ormer|[Nn]ew|[Ll]ate|[Aa]cting|[Dd]eputy|[Vv]ice|{_C}[^\W\d_]+)[ \u00a0]+)*)"
    rf"({alternation([v for w in _PERSON_HEADS for v in (w, w.capitalize())])})"
    rf"(?:[ \u00a0]+(?:in|of|at|for|from)[ \u00a0]+{_C}[\w-]*(?:[ \u00a0]+{_C}[\w-]*)*)?,?[ \u00a0]+$")

# Nouns that a body's description modifies rather than names it: "police officers", "government commission".
_COMPOUND_AFTER = frozenset("""
officer officers station stations chief chiefs commission commissions official officials building buildings
agency agencies investigator investigators presence unit units car cars van vans spokesman spokeswoman
spokesperson source sources headquarters cordon cordons raid raids brutality violence response troops crackdown
custody report reports record records data figures statement statements policy policies minister ministers
member members leader leaders critic critics website representative representatives employee employees worker
workers checkpoint checkpoints post posts line lines personnel investigation investigations operation operations
academy school schools department departments vehicle vehicles uniform uniforms shields shield bodies body
structures structure reform reforms
""".split())
# Descriptions of a body that are used without a determiner ("Police had cordoned off …").
_BARE_OK_HEADS = frozenset({"authorities", "police", "troops", "enforcement", "guards", "prosecutors",
                            "investigators", "military", "army"})
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ful|less|ary|ish|ese|ian|ated|ized|ised)$")
_DETERMINERS = frozenset({"the", "our", "its", "their", "his", "her", "whose"})
# The modifiers a description of a body starts with ("local police", "regional authorities").
_BODY_MODIFIERS = frozenset({"local", "regional", "riot", "national", "state", "federal", "central", "municipal",
                             "provincial", "special", "secret", "district", "city"})
_OFFICE_OF = frozenset({"chief", "head", "commissioner", "director"})
_ANY_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z]+)")
_phrase_cache: dict[int, tuple] = {}


def _phrases_by_head(gz) -> dict[str, list[str]]:
    """The registry's descriptions by their last word, longest first (cached per gazetteer)."""
    got = _phrase_cache.get(id(gz))
    if got is not None and got[0] is gz:
        return got[1]
    out: dict[str, list[str]] = {}
    for p in sorted(gz.nominals, key=len, reverse=True):
        if p[:1].isalpha():
            out.setdefault(p.split()[-1], []).append(p)
    if len(_phrase_cache) > 16:
        _phrase_cache.clear()
    _phrase_cache[id(gz)] = (gz, out)
    return out


def _nominals(text: str, gz, page: _Page, scan: _Scan, cands: list[_Cand], registry_world: bool) -> list[_Cand]:
    """Descriptions of persons and bodies. ``registry_world`` (:attr:`.base.Context.descriptions_apply`):
    whether the text is about the registry's world; if not, a description refers to a person the text
    introduced with that title or to nothing ("the president" of a story about Peru is not the registry's)."""
    out: list[_Cand] = []
    titled: dict | None = None
    phrases = _phrases_by_head(gz) if registry_world else {}
    for s0, e, word in scan.anchors:
        if word in _PERSON_HEADS and not _TITLE_AFTER.match(text, e):
            d = _TITLE_DET.search(text, max(0, s0 - 60), s0)
            if d is not None:
                if titled is None:
                    titled = _titled(text, cands)
                c = _person_description(text, gz, page, d, s0, e, word, titled, registry_world)
                if c is not None:
                    out.append(c)
                    continue
        if word in phrases:
            c = _body_description(text, gz, page, s0, e, phrases[word])
            if c is not None:
                out.append(c)
                continue
        if word in _BODY_HEADS and (c := _institution(text, gz, page, s0, e, registry_world)) is not None:
            out.append(c)
    return out


def _person_description(text: str, gz, page: _Page, d: re.Match, s0: int, e: int, head: str, titled,
                        registry_world: bool) -> _Cand | None:
    """"the minister", "our correspondent": the person last introduced with that title, else the registry's
    (only in a text about the registry's world)."""
    s = d.start("mods")
    if page.excluded(s, e):
        return None
    former = "former" in d.group("mods").lower()
    earlier = titled.get((head, former))
    if earlier:
        i = bisect.bisect_left(earlier[0], s)
        if i:
            c = earlier[1][i - 1]  # the last one introduced before
            return _Cand(s, e, "PERSON", c.entity_id, NOMINAL, 0.6, "nominal", c.key)
    if not registry_world:
        return None
    eid = gz.nominals.get(" ".join(text[s:e].lower().split()))
    if eid is not None and gz.entities[eid].label == "PERSON":
        return _Cand(s, e, "PERSON", eid, NOMINAL, 0.5, "nominal")
    return None


def _titled(text: str, cands: list[_Cand]) -> dict[tuple[str, bool], tuple[list[int], list[_Cand]]]:
    """Who was introduced with which title: "Interior Minister Kalmukhambet Kasymov", "spokeswoman
    Victoria Nuland", "former President Nursultan Nazarbayev": (title, former?) -> (positions, mentions),
    in text order."""
    out: dict[tuple[str, bool], tuple[list[int], list[_Cand]]] = {}
    for c in sorted((c for c in cands if c.label == "PERSON" and c.form == "name"), key=lambda c: c.start):
        m = _TITLE_BEFORE_NAME.search(text, max(0, c.start - 80), c.start)
        if m is not None:
            mods = m.group(1).lower()
            positions, people = out.setdefault((m.group(2).lower(), "former" in mods or "ex" in mods.split()), ([], []))
            positions.append(c.start)
            people.append(c)
    return out


def _body_description(text: str, gz, page: _Page, s: int, e: int, phrases: list[str]) -> _Cand | None:
    """A description of a body from the registry ("authorities", "riot police") used as a noun phrase."""
    phrase = None
    for p in phrases:
        ps = e - len(p)
        if ps >= 0 and text[ps:e].lower().replace("\u00a0", " ") == p and _starts_word(text, ps):
            phrase, s = p, ps
            break
    if phrase is None or page.excluded(s, e):
        return None
    eid = gz.nominals[phrase]
    entity = gz.entities[eid]
    if entity.label == "PERSON":
        return None  # descriptions of people are resolved by title (above)
    nxt = _ANY_NEXT_WORD.match(text, e)
    if nxt is not None and nxt.group(1).lower() in _COMPOUND_AFTER:
        return None  # a modifier: "police officers", "government commission"
    ws, prev = _prev_word(text, s)
    if prev.lower() == "of" and _prev_word(text, ws)[1].lower() in _OFFICE_OF:
        return None  # part of a job title: "the chief of police"
    extended = False
    while prev.lower() in _BODY_MODIFIERS:  # from the first modifier: "local police", "regional authorities"
        s, extended = ws, True
        ws, prev = _prev_word(text, s)
    if prev and prev[0].islower() and prev not in _FUNCTION and _ADJECTIVE.search(prev):
        return None  # another body: "political forces"
    bare_ok = phrase.split()[-1] in _BARE_OK_HEADS or " " in phrase or extended
    if not bare_ok:
        if not (prev.lower() in _DETERMINERS or prev.endswith(("'s", "’s")) or prev[:1].isupper()):
            return None  # "government" needs its determiner: "the government", "Kazakh government"
        if page.in_titlecase(s):
            return None
    return _Cand(s, e, entity.label, eid, NOMINAL, 0.6, "nominal")


# A lowercase description of one state body with the place it serves (codebook §7): "interior ministry
# of Kazakhstan", "police department of Zhambyl region", "mayor's office of Tokmak".
_INSTITUTION_REST = re.compile(
    r"(?:[ \u00a0]+(?:department|precinct|office))?[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
    rf"(?P<place>{_C}[\w-]*(?:[ \u00a0]{_C}[\w-]*)*)"
    r"(?:[ \u00a0]+(?:region|district|province|city|oblast|county))?(?![\w-])")
_INSTITUTION_MODIFIERS = frozenset("""
interior foreign health defence defense emergency emergencies justice finance education local regional city
district provincial state national municipal border security police tax customs mayor's governor's akim's
prosecutor's mayor’s governor’s akim’s prosecutor’s
""".split())


def _institution(text: str, gz, page: _Page, b: int, be: int, registry_world: bool) -> _Cand | None:
    if text[b].isupper():
        return None  # "Ministry of …" is a name: the capitalised rule's
    m = _INSTITUTION_REST.match(text, be)
    if m is None:
        return None
    s = b
    ws, prev = _prev_word(text, s)
    while prev.lower() in _INSTITUTION_MODIFIERS:
        s = ws
        ws, prev = _prev_word(text, s)
    e = m.end()
    if page.excluded(s, e):
        return None
    place = gz.link(m.group("place"), descriptions=False)
    if place is not None and gz.entities[place].label not in ("GPE", "LOC"):
        return None  # of an organisation, not of a place: "the board of KazMunaiGas"
    phrase = text[s:e]
    eid = gz.link(phrase[:phrase.rfind(" of ")], "ORG", descriptions=registry_world)
    key = None if eid is not None else "institution " + " ".join(phrase.lower().split())
    return _Cand(s, e, "ORG", eid, NOMINAL, 0.5, "nominal", key)


# -- dates --------------------------------------------------------------------------------------------

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTHS = frozenset(_MONTH_NAMES) | frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                               "nov", "dec"})
_MONTH_NUMBER = {**{m: i + 1 for i, m in enumerate(_MONTH_NAMES)},
                 **{m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)}, "sept": 9}
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_CALENDAR_CAPS = _MONTHS | _WEEKDAYS | frozenset(_RELATIVE_WORDS)
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
_YEAR_OF_EVENT = re.compile(r"_(\d{4})$")
# Words that make a month alone a date ("in May", "since May"), and the other cues.
_MONTH_CUES = frozenset("in since until by from last next early late mid of through till during before after between "
                        "and or to this that".split())
_NTH_CUES = frozenset("on by until since from till".split())
_SEASON_CUES = frozenset("the in over during".split())
_RELATIVE = frozenset("last next this past".split())
_THE_NEXT = frozenset("next following previous same".split())
_THE_UNITS = frozenset({"day", "week", "month", "year", "morning", "evening", "night", "weekend"})
_COUNTS = frozenset("a one two three four five six seven eight nine ten eleven twelve several few".split())


def _dates(text: str, event: str | None, page: _Page, scan: _Scan) -> list[_Cand]:
    """Calendar expressions, found from the scan's capitalised words (months, weekdays, "Today"), its
    numbers and its units of time; what must stand before them (a cue word) is checked on the spot."""
    ey = _YEAR_OF_EVENT.search(event or "")
    year = int(ey.group(1)) if ey else None
    found: list[tuple[int, int, str, str, float]] = []

    def add(s: int, e: int, eid: str, name: str, conf: float) -> None:
        if not page.excluded(s, e):
            found.append((s, e, eid, name, conf))

    for s, e in scan.nums:
        if s and text[s - 1] in "$€£₸#№":
            continue
        m = _DIGIT_LED.match(text, s)
        if m is None:
            continue
        e = m.end()
        kind = m.lastgroup
        if m.group("d3"):
            add(s, e, *_day_id(_month(m.group("m2")), m.group("d3"), m.group("d4"), m.group("y2"), year, m.group()), 0.8)
        elif kind == "year":
            if text[max(0, s - 2):s][:1].isdigit() or _COUNTED_AFTER.match(text, e):
                continue  # a count ("2000 people", "1,2000"), not a year
            add(s, e, f"date_{m.group()}", m.group(), 0.7)
        elif kind == "nth":
            ws, the = _prev_word(text, s)
            if the.lower() == "the" and _prev_word(text, ws)[1].lower() in _NTH_CUES:
                add(s, e, _slug_id("the " + m.group()), "the " + m.group(), 0.5)
        elif kind in ("cent", "decade"):
            add(s, e, _slug_id(m.group()), m.group(), 0.6)
    for s, e, w in scan.anchors:
        if w in _MONTHS:
            _month_date(text, s, year, add)
            continue
        if w in _WEEKDAYS or w in _RELATIVE_WORDS:
            add(s, e, _slug_id(text[s:e]), text[s:e], 0.7 if text[s].isupper() else 0.6)
            continue
        if w not in _UNIT_WORDS or text[s].isupper():
            continue
        ws, prev = _prev_word(text, s)
        p = prev.lower()
        if w in _SEASONS and p in _SEASON_CUES:
            add(s, e, _slug_id(w), w, 0.5)
        elif p in _THE_NEXT and w in _THE_UNITS and _prev_word(text, ws)[1].lower() == "the":
            start = _prev_word(text, ws)[0]
            add(start, e, _slug_id(text[start:e]), text[start:e], 0.6)
        elif p in _RELATIVE and not w.endswith("s"):
            start = ws
            ws2, p2 = _prev_word(text, ws)
            if p2 == "or":  # "this or next week"
                ws3, p3 = _prev_word(text, ws2)
                if p3.lower() in _RELATIVE:
                    start = ws3
            add(start, e, _slug_id(text[start:e]), text[start:e], 0.6)
        elif p.lower() in _COUNTS or p.isdigit():
            a = _AGO_AFTER.match(text, e)
            if a is not None and w.rstrip("s") in ("day", "week", "month", "year"):
                start = ws
                if p == "few" and _prev_word(text, ws)[1].lower() == "a":
                    start = _prev_word(text, ws)[0]
                add(start, a.end(), _slug_id(text[start:a.end()]), text[start:a.end()], 0.6)
    out = []
    for s, e, eid, name, conf in found:
        c = _Cand(s, e, "DATE", None, DATE, conf)
        c.date_id, c.date_name = eid, name
        out.append(c)
    return out


def _month_date(text: str, s: int, year: int | None, add) -> None:
    m = _MONTH_LED.match(text, s)
    if m is None:
        return
    e = m.end()
    ws, prev = _prev_word(text, s)
    if not _starts_word(text, s) and not (text[s - 1] == "-" and prev.lower().startswith("mid")):
        return
    month = _month(m.group().split()[0])
    if m.group("d1"):
        add(s, e, *_day_id(month, m.group("d1"), m.group("d2"), m.group("y1"), year, m.group()), 0.8)
    elif m.group("y3"):
        add(s, e, f"date_{m.group('y3')}_{month:02d}", f"{_MONTH_NAMES[month - 1].capitalize()} {m.group('y3')}", 0.8)
    elif prev.lower().split("-")[0] in _MONTH_CUES or (
            prev.lower() == "the" and _prev_word(text, ws)[1].lower() in _MONTH_CUES):
        name = f"{_MONTH_NAMES[month - 1].capitalize()} {year}" if year else m.group()
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
    name_m = _MONTH_NAMES[month - 1].capitalize()
    if d2:
        return f"date_{year}_{month:02d}_{_day(d1):02d}_{_day(d2):02d}", f"{name_m} {_day(d1)}-{_day(d2)}, {year}"
    return f"date_{year}_{month:02d}_{_day(d1):02d}", f"{name_m} {_day(d1)}, {year}"


def _slug_id(text: str) -> str:
    slug = _slug(text)
    return "date_" + slug if slug else "date"


def _slug(text: str) -> str:
    s = fold(text)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


# -- choosing and recording ---------------------------------------------------------------------------

_PRIORITY = {GAZETTEER: 0, NOMINAL: 1, DATE: 2, CAPITALISED: 3}


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then the more trusted rule."""
    cands = [c for c in cands if c.label != _GONE and c.rule != _WEAK]
    cands.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.rule], c.start))
    taken = bytearray(max((c.end for c in cands), default=0))  # 1 where a chosen candidate stands
    out = []
    for c in cands:
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _records(ctx: Context, chosen: list[_Cand]) -> list:
    """The mentions, and the entities of ``ctx.new_entities`` for the names and dates the registry lacks."""
    text = ctx.text
    known = set(ctx.entities) | set(ctx.new_entities)
    new: dict[str, list] = {}  # entity id -> [name, label, aliases]
    by_key: dict[str, str] = {}
    surname_of: dict[str, str] = {}
    norp_of: dict[str, str] = {}
    # Persons named in full first, so that a surname alone finds them wherever it stands.
    unknown = [c for c in chosen if c.entity_id is None and c.key is not None]
    for c in sorted(unknown, key=lambda c: (" " not in c.key, c.start)):
        if c.key in by_key:
            continue
        if c.label == "PERSON" and " " not in c.key and c.key in surname_of:
            by_key[c.key] = surname_of[c.key]
            continue
        if c.label == "NORP" and (c.key.rstrip("s") in norp_of or c.key + "s" in norp_of):
            by_key[c.key] = norp_of.get(c.key.rstrip("s")) or norp_of[c.key + "s"]  # Karakalpak / Karakalpaks
            continue
        surface = text[c.start:c.end]
        base = _slug(_FIRST_WORD.findall(surface)[-1] if c.label == "PERSON" else surface)[:90] or "entity"
        if not base[0].isalpha():
            base = "e_" + base
        eid, n = base, 2
        while eid in known:
            eid, n = f"{base}_{n}", n + 1
        known.add(eid)
        new[eid] = [surface, c.label, {}]
        by_key[c.key] = eid
        if c.label == "PERSON" and " " in c.key:
            surname_of.setdefault(c.key.rsplit(" ", 1)[1], eid)
        if c.label == "NORP":
            norp_of[c.key] = eid
    records = []
    for c in chosen:
        surface = text[c.start:c.end]
        if c.rule == DATE:
            eid = c.date_id
            if eid not in ctx.entities and eid not in ctx.new_entities:
                new.setdefault(eid, [c.date_name, "DATE", {}])
        else:
            eid = c.entity_id if c.entity_id is not None else by_key.get(c.key)
            if eid is None:
                continue
        label = new[eid][1] if eid in new else c.label
        if eid in new:
            new[eid][2][surface] = None
        records.append(make(Mention, c.rule, c.confidence, id=record_id("mentions", len(records) + 1), entity_id=eid, label=label,
                            form=c.form, start=c.start, end=c.end, text=surface))
    for eid, (name, label, aliases) in new.items():
        ctx.new_entities[eid] = Entity(eid, name, label, "other" if label in ("PERSON", "ORG") else None,
                                       tuple(aliases))
    return records

# -- general English news vocabulary --------------------------------------------------------------------

# Words that start sentences or sit in capitalised runs without being names.
_FUNCTION = frozenset("""
a an the and or but nor so yet for of in on at to from by with without about after before since until during as
if when while where whereas because although though than that this these those there here then now also even only
just still however meanwhile moreover furthermore thus hence therefore why what who whom whose which how he she it
they we you i his her its their our your my me him them us not no yes all some many most several few both each every
either neither other another such one two three four five six seven eight nine ten first second third last next
over under into onto upon against among between through across along around behind beyond despite within
""".split())
_COMMON_INITIAL = _FUNCTION | frozenset("""
according later earlier today yesterday tomorrow finally first initially instead indeed still recently currently
previously already again perhaps maybe possibly probably apparently clearly certainly obviously unfortunately
overall altogether apart back once twice local locals residents people officials experts analysts critics
protesters police authorities government dozens hundreds thousands millions many much more less most least
some another any every such both neither either other others several few
""".split())
_NOT_NAMES = frozenset("""
i i'm i've i'd i'll ok okay tv internet web online photo photos video image images source sources note update
updated editor's editor breaking news plus read more share follow subscribe login sign menu search home
am pm gmt utc bc ad
""".split())
_AWARD_HEADS = frozenset({"award", "awards", "prize", "prizes", "medal", "medals"})
_ORG_HEADS = frozenset("""
ministry committee service services party police agency council department university center centre bureau
organization organisation assembly union bank company corporation corp inc ltd llc group institute institution
foundation fund court parliament commission office association federation network news press times post herald
journal gazette tribune telegraph radio television tv broadcasting channel academy college army navy guard guards
front movement alliance coalition league society mission secretariat senate congress duma administration cabinet
board authority watch international initiative trust partnership club brigade battalion division command
directorate inspectorate procuracy prosecutor's forces federation's monitor observatory institute's agency's
""".split())
_GPE_HEADS = frozenset("""
republic kingdom states emirates oblast region province district county prefecture governorate territory
municipality city
""".split())
_FAC_HEADS = frozenset("""
airport square bridge street avenue road highway stadium hospital station prison mosque church cathedral palace
tower port checkpoint crossing base plaza hotel embassy consulate park market bazaar arena
""".split())
_LOC_HEADS = frozenset("""
sea ocean river lake mountains mountain mount valley desert steppe gulf bay island islands peninsula basin plateau
range coast strait
""".split())
_EVENT_HEADS = frozenset("""
war revolution uprising massacre protests riots games olympics summit forum elections election crisis conference
""".split())
_HEADS_ALL = _ORG_HEADS | _GPE_HEADS | _FAC_HEADS | _LOC_HEADS | _EVENT_HEADS | frozenset({"rule", "rights"})
_GPE_NOUNS = frozenset("""
village villages town city district region province oblast county municipality settlement aul republic capital
area suburb neighbourhood neighborhood
""".split())
_ORG_NOUNS = frozenset("""
party movement group company firm agency organization organisation newspaper daily weekly channel broadcaster
network society foundation union bank corporation holding subsidiary subsidiaries ministry website outlet portal
television radio bloc alliance coalition ngo charity club university institute
""".split())
_FAC_NOUNS = frozenset("""
checkpoint airport square street avenue bridge hospital station prison mosque market crossing highway road
""".split())

_COUNTRY_ACRONYMS = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "USSR", "PRC", "DPRK", "EU"} - {"EU"})

_COUNTRIES = frozenset(x.strip().lower() for x in """
Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahamas, Bahrain,
Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia, Bosnia and Herzegovina, Botswana,
Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile, China, Colombia, Comoros,
Congo, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Czechia, Denmark, Djibouti, Dominica, Ecuador, Egypt,
El Salvador, Eritrea, Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana,
Greece, Grenada, Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon,
Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia, Maldives, Mali, Malta,
Mauritania, Mauritius, Mexico, Moldova, Monaco, Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Burma, Namibia,
Nauru, Nepal, Netherlands, New Zealand, Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman,
Pakistan, Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia,
Russian Federation, Rwanda, Samoa, San Marino, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone, Singapore,
Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden,
Switzerland, Syria, Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Tunisia, Turkey, Turkiye, Turkmenistan,
Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States, United States of America, Uruguay,
Uzbekistan, Vanuatu, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Soviet Union, Kyrgyz Republic, Britain,
Great Britain, England, Scotland, Wales, America, Hong Kong, Tibet, Xinjiang, Crimea, Chechnya, Dagestan, Tatarstan,
Karakalpakstan
""".split(","))
_CAPITALS = frozenset(x.strip().lower() for x in """
Kabul, Tirana, Algiers, Yerevan, Canberra, Vienna, Baku, Minsk, Brussels, Sofia, Ottawa, Beijing, Zagreb, Prague,
Copenhagen, Cairo, Tallinn, Helsinki, Paris, Tbilisi, Berlin, Athens, Budapest, Reykjavik, New Delhi, Delhi, Jakarta,
Tehran, Baghdad, Dublin, Jerusalem, Rome, Tokyo, Amman, Astana, Nur-Sultan, Almaty, Nairobi, Kuwait City, Bishkek,
Riga, Beirut, Tripoli, Vilnius, Luxembourg, Kuala Lumpur, Mexico City, Chisinau, Ulaanbaatar, Ulan Bator, Rabat,
Kathmandu, Amsterdam, The Hague, Wellington, Abuja, Pyongyang, Oslo, Islamabad, Warsaw, Lisbon, Doha, Bucharest,
Moscow, Riyadh, Belgrade, Singapore, Bratislava, Ljubljana, Pretoria, Seoul, Madrid, Colombo, Khartoum, Stockholm,
Bern, Geneva, Damascus, Taipei, Dushanbe, Bangkok, Tunis, Ankara, Istanbul, Ashgabat, Kampala, Kyiv, Kiev, Abu Dhabi,
Dubai, London, Washington, New York, Tashkent, Caracas, Hanoi, Sanaa, Lusaka, Harare, Havana, Lima, Santiago,
Buenos Aires, Brasilia, Bogota, Quito, Manila, Dhaka, Hong Kong, Shanghai, Urumqi, Saint Petersburg, St. Petersburg,
Novosibirsk, Omsk, Samarkand, Bukhara, Osh, Shymkent, Karaganda, Aktobe, Atyrau, Semey, Taraz, Pavlodar, Kostanay
""".split(","))
_REGIONS = frozenset(x.strip().lower() for x in """
Europe, Asia, Africa, North America, South America, Latin America, Antarctica, Oceania, Eurasia, Central Asia,
Middle East, Near East, Far East, South Asia, Southeast Asia, East Asia, Western Europe, Eastern Europe, Caucasus,
South Caucasus, North Caucasus, Siberia, Balkans, Scandinavia, Baltic, Caspian Sea, Black Sea, Aral Sea,
Mediterranean, Persian Gulf, Tien Shan, Tian Shan, Pamir, Pamirs, Altai, Ural, Urals, Fergana Valley, Ferghana Valley,
Arctic, Pacific, Atlantic, Indian Ocean, Sahara
""".split(","))
# News agencies, broadcasters and platforms that news cites by name.
_KNOWN_ORGS = frozenset(x.strip().lower() for x in """
Reuters, AP, Associated Press, AFP, Agence France-Presse, BBC, CNN, Al Jazeera, Bloomberg, Interfax, TASS, RIA Novosti,
Sputnik, Xinhua, Anadolu, RFE/RL, Radio Free Europe, Radio Liberty, Voice of America, Eurasianet,
New York Times, Washington Post, Guardian, Financial Times, Wall Street Journal, Economist, Kommersant, Novaya Gazeta,
Twitter, Facebook, Instagram, Telegram, YouTube, TikTok, WhatsApp, VKontakte, Google, Apple, Microsoft, Amnesty
International, Human Rights Watch, United Nations, UN, UNICEF, UNHCR, OSCE, NATO, CSTO, SCO, CIS, EU, European Union,
World Bank, IMF, Red Cross, Red Crescent
""".split(","))
_DEMONYMS = frozenset("""
afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian azerbaijani
azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british briton bulgarian burmese cambodian
cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech danish dane dutch
ecuadorian egyptian emirati english eritrean estonian ethiopian european fijian filipino finnish finn french
georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi
irish israeli italian jamaican japanese jordanian kazakh kazakhstani kenyan korean kosovar kuwaiti kyrgyz laotian
latvian lebanese liberian libyan lithuanian macedonian malagasy malaysian maldivian malian maltese mauritanian
mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nepali nigerian nigerien norwegian
omani pakistani palestinian panamanian paraguayan persian peruvian polish pole portuguese qatari romanian russian
rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali spanish sudanese swedish swede swiss
syrian taiwanese tajik tajikistani tanzanian thai tunisian turkish turk turkmen ugandan ukrainian uruguayan uzbek
uzbekistani venezuelan vietnamese welsh yemeni zambian zimbabwean soviet arab arabian asian african western eastern
european latin hispanic slavic turkic tatar bashkir chechen ingush dagestani avar ossetian circassian kurd kurdish
uyghur uighur hui han tibetan mongol pashtun tajiks hazara baloch karakalpak meskhetian roma romani gypsy cossack
muslim muslims christian christians jew jews jewish buddhist hindu sikh catholic orthodox protestant sunni shia
shiite islamic islamist evangelical
""".split())
