"""Predicted quotes and their attributions: direct, indirect, mixed, agentless, and interview answers.

No parser: each rule is a regular expression over a sentence or a paragraph, and what a rule
cannot see (a subject three clauses away) it leaves alone. The rules, in the order they claim text:

* ``interview_answer``: an interview laid out as ``Name: answer`` paragraphs. Every paragraph of an
  answer is a direct quote whose cue is the colon and whose source is the name; the interviewer's
  lines (the ones that ask) are not attributions.
* ``direct_quote``: text between quotation marks (``“ ”``, ``" "``, ``« »``, ``‘ ’``) that is a
  quotation rather than a scare quote or a title: a sentence or more, or next to a cue. The cue
  and source come from the same sentence: ``"…," X said``, ``"…," said X``, ``X said: "…"``. A
  quote left open at the end of its paragraph continues in the next one that opens with a mark
  (the old newspaper convention), with the same speaker.
* ``according_to``: ``According to X, …`` and ``…, according to X``.
* ``indirect_before``: ``X said (that) …``, ``X told Y (that) …``, ``X demanded …``, with the
  source right before the cue; the content runs to the end of the sentence.
* ``indirect_after``: ``…, X said.`` and ``…, said X.``: the content is the sentence before the comma.
* ``agentless``: ``reportedly``, ``allegedly``, ``was reported to``, ``is said to``: the sentence is
  the content and there is no source.

Content that holds a quotation but does not start and end with it is ``mixed``. The cue's form
gives the act (:mod:`corpus_kz.lexicons`, ``reporting_verbs.tsv``). Sources are linked to the
registry (:mod:`.speakers`): names with their titles, pronouns to the most recent speaker who
fits, groups to a role.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from ..lexicons import cue_form, reporting_verbs
from ..records import Attribution, Quote
from . import speakers
from .base import Context, Ranges, Scope, make, record_id, span
from .text import alternation, paragraphs

__all__ = ["find", "interview_labels", "speaker_label"]

# Lexicon rows that are not verbs a rule can look for: punctuation cues, nouns, and the phrases
# that have rules of their own.
_NOT_VERBS = frozenset({":", "–", "aid", "slogans", "declarations", "commitment", "stated commitment", "statement",
                        "according to", "reportedly", "reported to", "allegedly", "refrain", "share", "shares",
                        "see", "sees", "saw", "seeing", "view", "views",
                        "viewed", "viewing", "regard", "regards", "regarded", "consider", "considers",
                        "considered", "considering", "post", "posted",
                        "quoted", "feel", "feels", "felt", "hope", "hopes", "hoped", "hoping", "expect", "expects",
                        "expected", "expecting", "report", "reporting", "answer", "answers", "answered", "view",
                        "welcome", "welcomes", "welcomed",
                        "attribute", "attributes", "attributed", "question", "doubt", "doubts", "doubted",
                        "state", "agree", "agreed", "agrees", "repeated", "informed", "informs", "appeal",
                        "appealed", "appeals", "appealing", "fear", "fears", "feared", "fearing", "worry",
                        "worries", "worried", "think", "thought", "thinking"})
# Verbs whose content follows an object ("told reporters that …").
_TELL = frozenset({"tell", "tells", "told", "telling", "inform", "informed", "informs", "warned", "warn", "warns",
                   "assured", "reminded", "urged", "urge", "urges", "urging", "asked", "ask", "asks", "asking",
                   "warning", "assure", "assures", "assuring", "remind", "reminds", "reminding"})
# Cues that take a complement clause only with "that": "added that …" is a report, "added two
# battalions" is not. Verbs of saying proper ("said", "says") take a bare clause too.
_BARE_OK = frozenset({"say", "says", "said", "saying", "think", "thinks", "believe", "believes", "believed",
                      "claimed", "claims", "claim", "claiming", "insisted", "insists", "insist", "argued", "argues",
                      "argue", "noted", "notes", "warned", "told", "tells", "tell", "added", "adds", "suggested",
                      "suggests", "estimated", "estimates", "denied", "denies", "deny", "demanded", "demands",
                      "promised", "promises", "pledged", "vowed", "urged", "called for", "called on", "calls for",
                      "calls on", "stressed", "emphasised", "emphasized", "confirmed", "wrote", "writes",
                      "announced", "accused", "blamed", "explained", "acknowledged", "admitted", "predicted",
                      "alleged", "asserted", "maintained", "reported", "reports", "tweeted",
                      # verbs whose object is what is ascribed: "called the decision a huge win"
                      "calls", "called", "calling", "describes", "described", "describing", "praised", "praises",
                      "criticized", "criticised", "criticizes", "criticises", "condemned", "condemns", "denounced",
                      "accuses", "blames", "rejected", "rejects", "dismissed", "dismisses", "welcomed", "welcomes",
                      "found", "finds", "knew", "knows", "explain", "explains"})

_OPEN, _CLOSE = "“\"«‘", "”\"»’"
_QUOTED = re.compile(r"''([^\n]+?)''|" r'"([^"\n]+)"|“([^“”\n]+?)(?:”|"(?=[\s,.;:!?)]|$)|(?=\n|$))'
                     r'|«([^«»\n]+)(?:»|(?=\n|$))'
                     r"|(?<!\w)‘([^‘’\n]+?)’(?!\w)"
                     # British straight single quotes: an opening ' after no letter, a closing one before none
                     r"|(?<![\w'])'(?=\w)([^'\n]*?[\w.,!?])'(?![\w'])", re.MULTILINE)
# A speaker label at the start of a paragraph in an interview: one to five capitalised words and a colon.
# A transcript may open each paragraph with a quotation mark ('"PENCE: …'), as a reprinted one does.
_LABEL = re.compile(r"^[\"“]?([A-Z][\w.’'-]*(?:[ \u00a0][\w.’'-]+){0,3})[ \u00a0]?:[ \u00a0]+(?=\S)", re.MULTILINE)
_AGENTLESS = re.compile(r"\b(?:reportedly|allegedly|(?:is|are|was|were) (?:reported|said|believed|alleged|thought) to"
                        r"|it (?:is|was) (?:reported|alleged|claimed|believed) that)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")


# An auxiliary or a negation before a verb is part of the cue ("did not deny", "has said").
_AUX = (r"(?:(?:has|have|had|was|were|is|are|will|would|did|does|do|also|not|never|later|previously|repeatedly"
        r"|n[’']t|doesn[’']t|don[’']t|didn[’']t|isn[’']t|wasn[’']t|hasn[’']t|haven[’']t|won[’']t)\s+)")
_AUX_AT = re.compile(_AUX + "+", re.IGNORECASE)
_AUX_BEFORE = re.compile(r"(?<![\w-])" + _AUX + "+$", re.IGNORECASE)


class _Match:
    """What :class:`_Cues` finds, shaped like a regular expression's match: start(), end(), group()."""

    __slots__ = ("_text", "_s", "_e")

    def __init__(self, text: str, s: int, e: int):
        self._text, self._s, self._e = text, s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self) -> str:
        return self._text[self._s:self._e]


class _Cues:
    """The lexicon's verb forms in a text, with the auxiliaries and negation before them.

    One alternation of some 300 forms tried at every character is the slowest thing a rule could
    do; instead each word is looked up in the set of the forms' first words, and only there is the
    alternation tried. ``finditer`` and ``match`` behave as the alternation's would.
    """

    def __init__(self, forms: list[str]):
        self.first = frozenset(f.split()[0] for f in forms)
        # The first words as a trie ("sa(?:id|y(?:s|ing)?)"): the engine then tests one character class
        # per position instead of every word.
        cased = {w for f in self.first for w in (f, f.capitalize(), f.upper())}
        self.candidates = re.compile(rf"(?<![\w-])(?:{alternation(sorted(cased))})\b")
        alternatives = "|".join(re.escape(f).replace("\\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
        self.form = re.compile(rf"(?:{alternatives})\b(?!-)", re.IGNORECASE)  # "-": not "so-called"

    def _at(self, text: str, s: int, endpos: int) -> int | None:
        if s and (text[s - 1].isalnum() or text[s - 1] in "_-"):
            return None
        m = self.form.match(text, s, endpos)
        return m.end() if m else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        after = pos
        for w in self.candidates.finditer(text, pos, endpos):
            if w.start() < after:
                continue
            end = self._at(text, w.start(), endpos)
            if end is None:
                continue
            aux = _AUX_BEFORE.search(text, max(after, w.start() - 80), w.start())
            yield _Match(text, aux.start() if aux else w.start(), end)
            after = end

    def match(self, text: str, pos: int, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "_-"):
            return None
        aux = _AUX_AT.match(text, pos, endpos)
        end = self._at(text, aux.end() if aux else pos, endpos)
        return None if end is None else _Match(text, pos, end)


@cache
def _cues() -> tuple[_Cues, dict[str, dict]]:
    lexicon = reporting_verbs()
    return _Cues([f for f in lexicon if f not in _NOT_VERBS and re.fullmatch(r"[a-z][a-z ]*", f)]), lexicon


def _act(cue_text: str) -> str:
    entry = _cues()[1].get(cue_form(cue_text))
    if entry is None and cue_text.strip() in (":", "–", "—", "―"):
        return "assertion"
    return entry["act"] if entry is not None else "assertion"


@dataclass
class _Found:
    start: int
    end: int
    type: str
    rule: str
    confidence: float
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speaker: speakers.Speaker | None = None


def _trim(text: str, s: int, e: int, stops: bool = True) -> tuple[int, int]:
    """``[s, e)`` without white space and, with ``stops`` (reported clauses), a final stop or comma.

    A direct quote keeps its own punctuation: the codebook's content is all that stands between the marks.
    """
    edge = " \t\n\u00a0" + (",;:" if stops else "")
    while s < e and text[s] in edge:
        s += 1
    while e > s and (text[e - 1] in edge or stops and text[e - 1] in ".!?" and e - 1 > s):
        e -= 1
    return s, e


def find(ctx: Context) -> tuple[list[Quote], list[Attribution]]:
    """The quotes of ``ctx.text`` and their attributions, in text order; adds each content to ``ctx.scopes``."""
    text = ctx.text
    found: list[_Found] = []
    taken = _Taken(ctx)
    answers = _interview(ctx)
    found += answers
    taken.claim(answers)
    direct = _direct(text, taken)
    found += direct
    taken.claim(direct)
    found += _indirect(text, ctx.sentences, taken, direct)
    found.sort(key=lambda f: (f.start, f.end))
    found = _dedupe(found)
    speakers.resolve(text, found, ctx)
    return _records(ctx, found)


class _Taken:
    """Text the rules do not read: page furniture, and the contents an earlier rule claimed.

    Both asked by bisection (:class:`~corpus_kz.span.Ranges`): a scan of every earlier claim for each
    sentence and cue made a long text quadratic (issue 17).
    """

    def __init__(self, ctx: Context):
        self._ctx = ctx
        self._boilerplate = Ranges(ctx.boilerplate)
        self._spans: list[tuple[int, int]] = []
        self._claimed = Ranges(())

    def claim(self, found: list[_Found]) -> None:
        """Claim what a rule found, so that no later rule reads it again."""
        self._spans += [(f.start, f.end) for f in found]
        self._claimed = Ranges(self._spans)

    def touches(self, s: int, e: int) -> bool:
        """Whether ``[s, e)`` shares a character with page furniture or a claimed content."""
        return self._ctx.touches_boilerplate(s, e) or self._claimed.touches(s, e)

    def holds(self, s: int, e: int) -> bool:
        """Whether page furniture or a claimed content holds all of ``[s, e)``: a sentence there is not read.

        Furniture too only when it holds the whole sentence, unlike :meth:`touches`: an embedded post's
        sentence runs over its links (zone ``boilerplate``, rule ``zone_post_links``) and is still read,
        and what it reports may take them in. Refusing it on any shared character would drop such
        reports from the predictions (seed 002's "Kyrgyz border service reported …").
        """
        return self._boilerplate.holds(s, e) or self._claimed.holds(s, e)


def _dedupe(found: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    seen = set()
    for f in found:
        key = (f.start, f.end, f.source)
        if f.end > f.start and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _records(ctx: Context, found: list[_Found]) -> tuple[list[Quote], list[Attribution]]:
    text = ctx.text
    quotes, links = [], []
    for k, f in enumerate(found, 1):
        quote_id, attribution_id = record_id("quotes", k), record_id("attributions", k)
        quotes.append(make(Quote, f.rule, f.confidence, start=f.start, end=f.end, text=text[f.start:f.end],
                           id=quote_id, type=f.type))
        cue = span(text, *f.cue) if f.cue else None
        source = span(text, *f.source) if f.source else None
        speaker_id = f.speaker.entity_id if f.speaker else None
        role = None
        if source is not None and speaker_id is None:
            role = (f.speaker.role if f.speaker else None) or "other"
        links.append(make(Attribution, f.rule, f.confidence, id=attribution_id, quote_id=quote_id,
                          act=_act(cue.text) if cue else "assertion", cue=cue, source=source,
                          speaker_id=speaker_id, speaker_role=role))
        ctx.scopes.append(Scope(f.start, f.end, attribution_id))
    return quotes, links


# -- interviews ------------------------------------------------------------------------------

def interview_labels(text: str) -> tuple[set[str], set[str]]:
    """In an interview laid out as ``Name: …`` paragraphs, the labels that ask and those that answer.

    Both are empty unless the text has such a layout: a label whose lines ask, one that answers
    (named more than once, or sharing a word with another label), and three labelled lines at least.
    """
    return _labels(text, paragraphs(text))[:2]


def speaker_label(text: str, start: int) -> str | None:
    """The speaker label opening the paragraph at ``start`` ("Al Jazeera" of "Al Jazeera: What …"), or None."""
    m = _LABEL.match(text, start)
    return m.group(1) if m else None


def _labels(text: str, paras: list[tuple[int, int]]):
    labelled = []
    for s, e in paras:
        m = _LABEL.match(text, s)
        labelled.append(m if m and m.start() == s else None)
    names = {}
    for (s, e), m in zip(paras, labelled):
        if m:
            names.setdefault(m.group(1), []).append(text[s:e].rstrip().endswith("?"))
    asking = {n for n, q in names.items() if sum(q) >= max(1, len(q) // 2)}
    # The one answering is named more than once ("Yevgeniy Zhovtis:", then "Zhovtis:"); a label seen
    # once that shares no word with another ("Editor's note:") is not a voice of the interview.
    words = {n: set(n.split()) for n in names}
    answering = {n for n, q in names.items() if n not in asking and not any(q)
                 and (len(q) > 1 or any(words[n] & words[o] for o in names if o != n and o not in asking))}
    if not asking or not answering or sum(len(names[n]) for n in asking | answering) < 3:
        return set(), set(), labelled
    return asking, answering, labelled


def _interview(ctx: Context) -> list[_Found]:
    """Answers in a ``Name: …`` layout (:func:`interview_labels`): each paragraph of an answer is a quote.

    An answer ends at the next label, at a short line without a stop, or at page furniture."""
    text = ctx.text
    paras = paragraphs(text)
    asking, answering, labelled = _labels(text, paras)
    if not answering:
        return []
    out = []
    speaker = None
    for (s, e), m in zip(paras, labelled):
        if m is not None:
            name = m.group(1)
            speaker = (m.start(1), m.end(1), m.end(1)) if name in answering else None
            if speaker is None:
                continue
            start = m.end()
        elif speaker is None:
            continue
        elif ctx.touches_boilerplate(s, e):
            speaker = None
            continue
        elif not text[e - 1] in ".!?”\"’»)" and len(text[s:e].split()) < 8:
            speaker = None  # a short line without a stop ("Source link", "By admin"): the page, not the answer
            continue
        else:
            start = s
        cs, ce = _trim(text, start, e, stops=False)
        if ce > cs:
            colon = text.index(":", speaker[1])
            out.append(_Found(cs, ce, "direct", "interview_answer", 0.85, (colon, colon + 1), speaker[:2]))
    return out


# -- direct quotes ---------------------------------------------------------------------------------

# Scans, for the few spans of one sentence; what grows with the text is asked of Ranges or _Crossing.
def _inside(s: int, e: int, spans) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


class _Crossing:
    """Spans sorted by start, asked whether one crosses ``[s, e)``: shares a character with it without lying inside it.

    One that starts before ``s`` crosses it if it reaches past ``s`` (how far the first k reach, by
    bisection); one that starts inside crosses it if it ends after ``e``: only those are read, as many as
    start in a sentence (at most :data:`~.text.MAX_SENTENCE` characters), not every quote of the text.
    """

    def __init__(self, spans: list[tuple[int, int]]):
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]
        self._reach = list(accumulate(self._ends, max))

    def crosses(self, s: int, e: int) -> bool:
        lo = bisect_left(self._starts, s)
        if lo and self._reach[lo - 1] > s:
            return True
        return any(b > e for b in self._ends[lo:bisect_left(self._starts, e, lo)])


#: How far around a quote its cue and source are looked for: bounded, so that a long line of many
#: quotes costs linear time.
_REACH = 300


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The stretch of the quote's line around ``pos`` where its cue may be, at most :data:`_REACH` away."""
    line_start = text.rfind("\n", max(0, pos - _REACH), pos) + 1 or max(0, pos - _REACH)
    line_end = text.find("\n", pos, pos + 20 * _REACH)
    line_end = min(len(text), pos + 20 * _REACH) if line_end < 0 else line_end
    return line_start, line_end


def _direct(text: str, taken: _Taken) -> list[_Found]:
    out: list[_Found] = []
    verbs, _ = _cues()
    previous: _Found | None = None  # the last quote left open at the end of its paragraph
    for m in _QUOTED.finditer(text):
        g = next(i for i in range(1, 7) if m.group(i) is not None)
        cs, ce = _trim(text, m.start(g), m.end(g), stops=False)
        if ce <= cs or taken.touches(m.start(), m.end()):
            continue
        line_start, line_end = _sentence_bounds(text, m.start())
        left_open = m.end() == line_end and text[m.end() - 1] not in _CLOSE
        words = len(_WORD.findall(text[cs:ce]))
        cue = _cue_near(text, m.start(), m.end(), line_start, line_end, verbs)
        continues = (previous is not None and m.start() == line_start and text[m.start()] in "“«\""
                     and text.find("\n", previous.end, m.start()) >= 0)
        sentence_like = words >= 6 or text[ce - 1:ce] in ".!?,"
        recent = out[-1] if out and out[-1].source and m.start() - out[-1].end < 400 else None
        same_paragraph = recent is not None and text.find("\n", recent.end, m.start()) < 0
        if cue is None and not continues and not (sentence_like and (m.start() == line_start or same_paragraph)):
            continue  # a scare quote, a title, a phrase: left to the indirect rules (mixed)
        if cue is None and words < 3:
            continue
        if cue is None and not continues and recent is not None:
            previous, continues = recent, True  # the next quote of the same speaker
        if cue is not None:
            (cue_span, source_span, clause) = cue
            if clause is not None:
                # "X emphasised that "…"": the quote is what was said; "X said that it "was …"": mixed
                start = clause[0]
                while start < m.start() and text[start].isspace():
                    start += 1
                if start == m.start():
                    f = _Found(cs, ce, "direct", "direct_quote", 0.8, cue_span, source_span)
                else:
                    f = _Found(start, m.end(), "mixed", "mixed_quote", 0.7, cue_span, source_span)
            else:
                f = _Found(cs, ce, "direct", "direct_quote", 0.9 if source_span else 0.6, cue_span, source_span)
        elif continues:
            f = _Found(cs, ce, "direct", "direct_continued", 0.6, previous.cue, previous.source, previous.speaker)
            f.speaker = None
        else:
            f = _Found(cs, ce, "direct", "direct_unattributed", 0.4, None, None)
        out.append(f)
        previous = f if left_open or continues else (f if f.cue else previous)
    return out




def _cue_near(text: str, qs: int, qe: int, line_start: int, line_end: int, verbs: _Cues):
    """The cue and source of a quote ``[qs, qe)`` (with its marks) in its sentence, or None.

    Returns ``(cue, source, clause)``: ``clause`` is set when the quote stands inside a reported
    clause ("said that … "…"") rather than being the thing said.
    """
    # After the quote: '…," he said' / '…," said the minister' / '…," he told reporters'.
    rest_at = _AFTER_QUOTE.match(text, qe, line_end).end()
    # '… "act within the law." He told reporters …': a stop inside the marks and a capital after them
    # start another sentence, whose cue is not this quote's.
    ends_sentence = text[qe - 2:qe - 1] in (".", "!", "?") and text[rest_at:rest_at + 1].isupper()
    v = None if ends_sentence else verbs.match(text, rest_at)
    if v:  # said X
        src = speakers.source_after(text, v.end(), line_end)
        return (v.start(), v.end()), src, None
    src = None if ends_sentence else speakers.source_before_cue_at(text, rest_at, line_end, verbs)
    if src is not None:
        source, cue = src
        return cue, source, None
    # Before the quote: 'X said: "…"' / 'X said, "…"' / 'X told Y: "…"'.
    before = text[line_start:qs]
    bm = re.search(r"([,:]\s*|\s+)$", before)
    if bm is None and before:
        return None
    end_cue = qs - (len(bm.group()) if bm else 0)
    window_start = max(line_start, end_cue - 160)
    for v in reversed(list(verbs.finditer(text, window_start, end_cue))):
        between = text[v.end():end_cue]
        objects = r"(?:\s+(?:to\s+)?(?:[A-Z][\w/.’'-]*|reporters|journalists|him|her|them|us|me|the\s+\w+)){0,3}" \
            if cue_form(v.group()) in _TELL else ""  # "told Reuters:", but not "says Kasymov "very reluctantly""
        if re.fullmatch(objects + r"(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,25})?", between) or between == "":
            source = speakers.source_before(text, v.start(), line_start)
            if source is None:
                source = speakers.source_after(text, v.end(), end_cue)
            clause = None
            return (v.start(), v.end()), source, clause
        if _THAT.fullmatch(between):
            source = speakers.source_before(text, v.start(), line_start)
            return (v.start(), v.end()), source, (v.end(), line_end)
        break
    return None


# -- indirect, mixed and agentless --------------------------------------------------------------

def _indirect(text: str, sentences, taken: _Taken, direct: list[_Found]) -> list[_Found]:
    verbs, _ = _cues()
    out: list[_Found] = []
    direct = sorted(direct, key=lambda d: d.start)
    direct_starts = [d.start for d in direct]
    crossing = _Crossing([(d.start, d.end) for d in direct])
    for ss, se in sentences:
        if taken.holds(ss, se):
            continue
        if verbs.candidates.search(text, ss, se) is None and _ACCORDING.search(text, ss, se) is None:
            found = []  # no cue, so only the agentless rule can fire: most sentences of a news text end here
        else:
            found = _according(text, ss, se) or _after(text, ss, se, verbs)
            claimed = [(f.cue[0], f.end) for f in found]
            lo = bisect_left(direct_starts, ss)
            prior = direct[lo:bisect_left(direct_starts, se, lo)] + out[-1:] + found
            found += [f for f in _before(text, ss, se, verbs, taken, prior)
                      if not _overlaps(f.cue[0], f.cue[1], claimed)]
        if not found:
            a = _AGENTLESS.search(text, ss, se)
            if a and not taken.touches(a.start(), a.end()):
                cs, ce = _trim(text, ss, se)
                found = [_Found(cs, ce, "indirect", "agentless", 0.5, (a.start(), a.end()), None)]
        for f in found:
            if crossing.crosses(f.start, f.end):
                continue
            f.type = _type(text, f.start, f.end)
            if f.type == "direct":  # wholly quoted: the content is what stands between the marks
                f.start, f.end = _trim(text, f.start + 1, f.end - 1, stops=False)
            out.append(f)
    return out


_AFTER_QUOTE = re.compile(r"\s*[,—–-]?\s*")
_THAT = re.compile(r"\s+that")
_SINGLE_MARK = re.compile(r"(?<!\w)‘|’(?!\w)")
_COMMA_BEFORE = re.compile(r",\s*(?:[–—-]\s*)?$")
_FAR_THAT = re.compile(r"[^.;:\"“”]{1,120}?\s(?=that\b)")
_THAT_CLAUSE = re.compile(r"\s*(?:,\s*)?(?:(?:on|in|at|during|last|this|earlier|after|before|to|Monday|Tuesday|"
                          r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|recently)\b[^,.;:\"“”]{0,40}?\s+)?"
                          r"(?:that\b|:)")
_NO_CLAUSE = re.compile(r"\s*(?:[.,;)]|$|by\b|in\b|on\b|at\b|and\b|of\b|with\b|from\b|about\b|for\b|as\b)")
_TO = re.compile(r"\s*to\b")
_COMMA = re.compile(r",\s+")
_COMMA_ON = re.compile(r"\s*,\s+[^\s\"“«‘]")  # not a quotation mark: "X said, “…”" quotes, it is no parenthetical
_APPOSITIVE_ON = re.compile(r"\s*,\s+(?:a|an|the|who|whose)\b")


def _type(text: str, s: int, e: int) -> str:
    inner = text[s:e]
    if not any(ch in inner for ch in "“”\"«»") and not (("‘" in inner or "’" in inner) and _SINGLE_MARK.search(inner)):
        return "indirect"
    if inner[0] in _OPEN and inner[-1] in _CLOSE and not any(ch in inner[1:-1] for ch in "“”\"«»"):
        return "direct"
    return "mixed"


def _according(text: str, ss: int, se: int) -> list[_Found]:
    m = _ACCORDING.search(text, ss, se)
    if m is None:
        return []
    src = speakers.noun_phrase_after(text, m.end(), se)
    if src is None:
        return []
    if m.start() == ss or text[ss:m.start()].strip() in ("But", "And", "Yet", "However,"):
        comma = text.find(",", src[1], se)
        if comma < 0 or comma - src[1] > 40:
            return []
        cs, ce = _trim(text, comma + 1, se)
    else:
        cs, ce = _trim(text, ss, m.start())
    if ce - cs < 8:
        return []
    return [_Found(cs, ce, "indirect", "according_to", 0.85, (m.start(), m.end()), src)]


def _before(text: str, ss: int, se: int, verbs, taken: _Taken, prior: list[_Found] = ()) -> list[_Found]:
    """``X said (that) …``: every cue with a source right before it and a clause after it.

    ``prior`` are attributions found just before: a participle's source ("…," he said, adding that …)."""
    out: list[_Found] = []
    for v in verbs.finditer(text, ss, se):
        if taken.touches(v.start(), v.end()):
            continue
        word = cue_form(v.group())
        source = speakers.source_before(text, v.start(), ss)
        if source is None and word.endswith("ing") and _COMMA_BEFORE.search(text, max(ss, v.start() - 8), v.start()):
            # "Tokayev ordered …, claiming that …": a participle's source is the sentence's subject
            earlier = [f for f in (*prior, *out) if f.source and f.cue and f.cue[1] <= v.start() and v.start() - f.cue[1] < 200]
            source = earlier[-1].source if earlier else speakers.subject(text, ss, v.start())
        if source is None:
            continue
        pos = v.end()
        tell = word in _TELL
        if tell:
            obj = speakers.object_after(text, pos, se)
            if obj is not None:
                pos = obj
            else:
                far = _FAR_THAT.match(text, pos, se)
                if far is None:
                    continue  # "told a meeting of …": no clause within reach
                pos = far.end()
        that = _THAT_CLAUSE.match(text, pos, se)
        if that:
            pos = that.end()
        elif word not in _BARE_OK and not tell and _act(v.group()) not in _TAKES_TO:
            continue
        elif _NO_CLAUSE.match(text, pos, se) or _TO.match(text, pos, se) and _act(v.group()) not in _TAKES_TO:
            continue  # "X said." / "X said on Monday": no clause follows
        cs, ce = _trim(text, pos, _clause_end(text, pos, se))
        if ce - cs < 4:
            continue
        if _act(v.group()) in _TAKES_TO and text.startswith("to ", cs):
            cs += 3  # "promised to lower fuel prices": the promise is "lower fuel prices"
        confidence = 0.8 if that else 0.65
        out.append(_Found(cs, ce, "indirect", "indirect_before", confidence, (v.start(), v.end()), source))
    return out


#: Acts whose content may be a "to" clause ("promised to rebuild", "urged them to leave").
_TAKES_TO = frozenset({"promise", "demand"})
# A reported clause ends before a clause the reporter adds ("…, when the government fired …").
_CLAUSE_END = re.compile(r",\s+(?:when|while|whereas|although|though|even as|as well as|[a-z]+ing\s+[–—-])\b|;"
                         r"|,\s+(?:saying|claiming|adding|arguing|noting|insisting|warning|stressing)\b")


def _clause_end(text: str, pos: int, end: int) -> int:
    m = _CLAUSE_END.search(text, pos, end)
    return m.start() if m else end


def _after(text: str, ss: int, se: int, verbs) -> list[_Found]:
    """``…, X said.`` / ``…, said X.``: a cue near the end of the sentence, after a comma."""
    tail = text[ss:se]
    for m in _COMMA.finditer(tail):
        at = ss + m.end()
        rest = text[at:se].rstrip(".!?”\" ")
        if len(rest) > 90:
            continue
        v = verbs.match(text, at)
        if v:
            source = speakers.source_after(text, v.end(), se)
        else:
            if verbs.candidates.search(text, at, min(se, at + 120)) is None:
                continue  # no cue in reach: nothing to tokenise
            both = speakers.source_before_cue_at(text, at, se, verbs)
            if both is None:
                continue
            source, cue = both
            v = _Match(text, *cue)
        if source is None:
            continue
        after_cue = source[1] if source[1] > v.end() else v.end()
        if _COMMA_ON.match(text, after_cue, se) and not _APPOSITIVE_ON.match(text, after_cue, se):
            # "African-Americans, he said, can …": the cue stands inside the content
            cs, ce = _trim(text, ss, se)
            return [_Found(cs, ce, "indirect", "indirect_parenthetical", 0.6, (v.start(), v.end()), source)]
        if not _TAIL.fullmatch(text, after_cue, se):
            continue  # "…, X said that …" or "…, they said more": something other than when or where follows
        cs, ce = _trim(text, ss, ss + m.start())
        if ce - cs < 8:
            continue
        return [_Found(cs, ce, "indirect", "indirect_after", 0.75, (v.start(), v.end()), source)]
    return []


# What may follow a cue at the end of a sentence: when, where or how it was said, and the stop.
_TAIL = re.compile(r"(?:\s*,?\s+(?:on|in|at|during|after|before|last|this|earlier|later|again|also|too|then|"
                   r"yesterday|today|recently|[A-Z][a-z]+day)\b[^,;:]{0,60}?)?"
                   r"(?:\s*[,(]\s*(?:an?|the|who|which|whose|according|[a-z]+ing|[RDI]-|[A-Z][\w.’'-]*['’]s)\b[^;:]{0,120}?)?"
                   r"[\s.!?\"”’)]*")
