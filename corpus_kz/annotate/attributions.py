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
  (the old newspaper convention), with the same speaker. A quotation signed with a dash ("…" ―
  Name) is its signer's; a quote opening its paragraph under "X continued:" is X's.
* ``block_quote``: a paragraph without marks under one that ends in "X added:".
* ``according_to``: ``According to X, …`` and ``…, according to X``.
* ``indirect_before``: ``X said (that) …``, ``X told Y (that) …``, ``X warned that …``, ``X demanded …``,
  ``X wants to …``, ``X asked whether …``, ``X blasted Y as …``, with the source right before the cue
  (or a name opening the sentence before a long appositive); the content runs to the end of the
  clause, and an object to what the reporter adds after it. A verb reports a bare complement only
  as its kind allows: a clause with its subject and a finite verb for most ("added that the team …",
  not "added three goals"), an infinitive for intentions, "X as Y" for verbs of judging.
* ``indirect_after``: ``…, X said.`` and ``…, said X.``: the content is the sentence before the comma.
* ``noun_cue``: ``the minister's claim that …``: a report noun after its possessor.
* ``agentless``: ``reportedly``, ``allegedly``, ``was reported to``, ``is said to``: the sentence is
  the content and there is no source; ``there were reports that …``, ``following reports of …``:
  what the noun introduces.

Inside an interview answer the rules read on (a report in an answer is its own attribution), but
"I think", "I would not say" there are the answer's own words, not a report of them.

The rules read hard-wrapped text as prose (:func:`.text.unwrap`: same offsets), and skip a wire
dateline ("ALMATY, Jan 6 (Reuters) -") at the head of a paragraph.

Content that holds a quotation but does not start and end with it is ``mixed``. The cue's form
gives the act (:mod:`corpus_kz.lexicons`, ``reporting_verbs.tsv``). Sources are linked to the
registry (:mod:`.speakers`): names with their titles, pronouns to the most recent speaker who
fits, groups to a role.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from ..lexicons import cue_form, reporting_verbs
from ..records import Attribution, Quote
from . import speakers
from .base import Context, Ranges, Scope, make, record_id, span
from .text import alternation, paragraphs, unwrap

__all__ = ["find", "interview_labels", "speaker_label"]

# Lexicon rows that are not verbs a rule can look for: punctuation cues, nouns, and the phrases
# that have rules of their own.
_NOT_VERBS = frozenset({":", "–", "aid", "slogans", "declarations", "commitment", "stated commitment", "statement",
                        "according to", "reportedly", "reported to", "allegedly", "refrain", "share", "shares",
                        "post", "posted",
                        "quoted", "feel", "feels", "felt",
                        "expected", "expecting", "report", "reporting", "answer", "answers", "answered", "view",
                        "welcome", "welcomes", "welcomed",
                        "attribute", "attributes", "attributed", "question", "doubt", "doubts", "doubted",
                        "state", "repeated", "informed", "informs", "appeal",
                        "appealed", "appeals", "appealing", "fear", "fears", "feared", "fearing", "worry",
                        "worries", "worried", "thought"})
# Verbs whose content follows an object ("told reporters that …").
_TELL = frozenset({"tell", "tells", "told", "telling", "inform", "informed", "informs", "warned", "warn", "warns",
                   "exhorted", "implored",
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
# A straight quotation left unclosed ends at its sentence's stop when the next one opens with a mark
# ('"…, but it will take a year. "There is no money," the governor said'), or at its paragraph's end
# when the next paragraph opens with one (the old convention of a quotation over paragraphs): paired
# left to right, the next opening mark would close it and every later pair would be read inside out.
# A transcript's '"HOST: …' line is a label's, not a quotation.
_QUOTED = re.compile(r"''([^\n]+?)''|" r'"(?![A-Z]{2,}[A-Z .’\'-]*:\s)([^"\n]+?)(?:"|(?<=[.!?])(?=\s+"[A-Z]))|“([^“”\n]+?)(?:”|"(?=[\s,.;:!?)]|$)|(?=\n|$))'
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
# And the adverbs that stand between a source and its verb ("has long argued", "also told", "publicly said").
_AUX = (r"(?:(?:has|have|had|was|were|is|are|been|being|will|would|did|does|do|also|not|never|later|previously|repeatedly"
        r"|long|publicly|privately|openly|recently|already|often|frequently|consistently|initially|once|earlier"
        r"|first|still|just|firmly|flatly|strongly|explicitly|immediately|bluntly|angrily|again|then|since"
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


@cache
def _lemmas(forms: frozenset[str]) -> frozenset[str]:
    lexicon = _cues()[1]
    return frozenset(lexicon[f]["lemma"] for f in forms if f in lexicon)


def _among(word: str, forms: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``forms`` or another form of one of their verbs ("accusing" of "accused")."""
    entry = _cues()[1].get(word)
    return word in forms or entry is not None and entry["lemma"] in _lemmas(forms)


@lru_cache(maxsize=4096)
def _word(cue_text: str) -> str:
    """The lexicon key of a cue span: the verb without the auxiliaries, negation and adverbs before it."""
    return cue_form(_AUX_AT.sub("", cue_text.strip(), count=1))


def _act(cue_text: str) -> str:
    entry = _cues()[1].get(_word(cue_text))
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
    #: A quotation inside a mixed quote of the same cue (codebook §3): dropped.
    superseded: bool = False


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
    # The rules read hard-wrapped text as prose; the records' spans are the same offsets into ctx.text.
    text = unwrap(ctx.text)
    found: list[_Found] = []
    taken = _Taken(ctx)
    answers = _interview(ctx, text)
    found += answers
    taken.claim(answers)
    direct = _direct(text, taken)
    direct += _block_quotes(text, taken, direct)
    found += direct
    # An interview answer's sentences are read for the reports inside it (codebook §3, nesting): "The
    # president's statement that …" in an answer is the president's. A quotation's are not.
    taken = _Taken(ctx)
    taken.claim(direct)
    answered = _Taken(ctx)
    answered.claim(answers)
    found += [f for f in _indirect(text, ctx.sentences, taken, direct)
              if not (_performative(text, f) and answered.holds(f.start, f.end))]
    found = sorted((f for f in found if not f.superseded), key=lambda f: (f.start, f.end))
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
    return _labels(text, paragraphs(unwrap(text)))[:2]


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


def _interview(ctx: Context, text: str) -> list[_Found]:
    """Answers in a ``Name: …`` layout (:func:`interview_labels`) of ``text``, ``ctx.text`` as the rules
    read it: each paragraph of an answer is a quote.

    An answer ends at the next label, at a short line without a stop, or at page furniture."""
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
        if left_open and (cut := _open_quote_end(text, cs, ce, verbs)) is not None:
            ce, left_open = cut, False
        words = len(_WORD.findall(text[cs:ce]))
        cue = _cue_near(text, m.start(), m.end(), line_start, line_end, verbs) or _cue_above(text, m.start(), verbs)
        continues = (previous is not None and m.start() == line_start and text[m.start()] in "“«\""
                     and text.find("\n", previous.end, m.start()) >= 0)
        sentence_like = words >= 6 or text[ce - 1:ce] in ".!?,"
        recent = out[-1] if out and out[-1].source and m.start() - out[-1].end < 400 else None
        same_paragraph = recent is not None and text.find("\n", recent.end, m.start()) < 0
        if cue is None and not continues and not (sentence_like and (m.start() == line_start or same_paragraph)):
            continue  # a scare quote, a title, a phrase: left to the indirect rules (mixed)
        if cue is None and words < 3 and not (same_paragraph and text[ce - 1] in ".!?"):
            continue  # a word or two: a scare quote, unless it is a speaker's next sentence ("Everything.")
        if cue is None and not continues and recent is not None:
            previous, continues = recent, True  # the next quote of the same speaker
        if cue is not None:
            f = _quoted_with_cue(text, m.start(), m.end(), (cs, ce), line_start, cue)
            if f is None:
                continue
            last = out[-1] if out and out[-1].source and out[-1].cue else None
            if f.source is None and last and 0 <= f.cue[0] - last.cue[1] < 60 and _COMMA_BEFORE.search(
                    text, f.cue[0] - 8, f.cue[0]) and _word(text[f.cue[0]:f.cue[1]]).endswith("ing"):
                f.source = last.source  # '"…," he said, adding that "…"': the participle's subject spoke
        elif continues:
            f = _Found(cs, ce, "direct", "direct_continued", 0.6, previous.cue, previous.source, previous.speaker)
            f.speaker = None
        else:
            f = _Found(cs, ce, "direct", "direct_unattributed", 0.4, None, None)
        out.append(f)
        previous = f if left_open or continues else (f if f.cue else previous)
    return out




_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+|[\"“”«»]")
_CONJUNCTION = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Then|Also),?\s*)?$")


_NAME_ONLY = re.compile(r"\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}")
_BEFORE_QUOTE_TAIL = (r"(?:\s+[a-z]{3,}ly)?(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,25})?"
                      r"(?:\s+(?:of|about)\s+(?:the\s+)?[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,2})?")


def _cue_above(text: str, qs: int, verbs: _Cues):
    """For a quote opening its paragraph, the cue of a paragraph above that introduces it ("Caddell
    continued:"), as :func:`_cue_near` gives it; or None."""
    k = qs
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == qs or not text.startswith(":", k - 1) or "\n" not in text[k:qs]:
        return None
    start = text.rfind("\n", max(0, k - _REACH), k) + 1
    return _cue_near(text, k, k, start, k, verbs)


def _block_quotes(text: str, taken: _Taken, direct: list[_Found]) -> list[_Found]:
    """A paragraph without quotation marks under one that ends in a cue and a colon ("The governor
    added:"): what the source said, set as a block."""
    verbs, _ = _cues()
    starts = {d.start for d in direct}
    out = []
    for m in _COLON_END.finditer(text):
        ps, pe = m.end(), text.find("\n", m.end())
        pe = len(text) if pe < 0 else pe
        cs, ce = _trim(text, ps, pe, stops=False)
        if ce - cs < 20 or text[cs] in _OPEN or cs in starts or _LABEL.match(text, cs) or taken.touches(cs, ce):
            continue
        cue = _cue_above(text, cs, verbs)
        if cue is not None and cue[1] is not None:
            out.append(_Found(cs, ce, "direct", "block_quote", 0.6, cue[0], cue[1]))
    return out


_COLON_END = re.compile(r":[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*[ \t\u00a0]*(?=\S)")


def _quoted_with_cue(text: str, qs: int, qe: int, content: tuple[int, int], line_start: int, cue) -> _Found | None:
    """The quote ``[qs, qe)`` (with its marks; ``content`` inside them) with the cue :func:`_cue_near` found:
    direct, mixed, or None for a title in the middle of its sentence."""
    (cue_span, source_span, clause), (cs, ce) = cue, content
    if clause is not None:
        # "X emphasised that "…"": the quote is what was said; "X said that it "was …"": mixed
        start = clause[0]
        while start < qs and text[start].isspace():
            start += 1
        if start == qs:
            return _Found(cs, ce, "direct", "direct_quote", 0.8, cue_span, source_span)
        return _Found(start, qe, "mixed", "mixed_quote", 0.7, cue_span, source_span)
    lead = _lead_in(text, line_start, qs) if cue_span[0] >= qe else None
    if lead is None:
        return _Found(cs, ce, "direct", "direct_quote", 0.9 if source_span else 0.6, cue_span, source_span)
    if text[cs].islower():
        # 'using the tax "is a misguided approach," said X': the sentence up to the quote's end is mixed
        return _Found(lead, qe, "mixed", "mixed_quote", 0.7, cue_span, source_span)
    return None  # 'On the broadcast of "Morning Report," the senator said …': a title, and the cue is the clause's


def _lead_in(text: str, line_start: int, qs: int) -> int | None:
    """Where the sentence starts whose words run into a quote at ``qs`` ("Using the tax "is …""), or None
    when the quote opens its sentence (a conjunction before it aside) or follows another quotation."""
    start = line_start
    for m in _SENTENCE_BREAK.finditer(text, line_start, qs):
        if m.group()[0] in "\"“”«»":
            return None  # a split quotation's second part: '"…," he said, "…"'
        start = m.end()
    words = text[start:qs].strip()
    if not words or _CONJUNCTION.fullmatch(words) or words[-1] in ":,—–-":
        return None
    return start


def _open_quote_end(text: str, cs: int, ce: int, verbs: _Cues) -> int | None:
    """Where a quotation left open to the end of its paragraph ends after all, or None: before a sentence
    that reports someone ("… the bridge. The governor said there was no money."), the reporter's."""
    for stop in _STOP.finditer(text, cs, ce):
        nxt = _STOP.search(text, stop.end(), ce)
        for v in verbs.finditer(text, stop.end(), nxt.end() if nxt else ce):
            if speakers.source_before(text, v.start(), stop.end()) is not None:
                return stop.end()
    return None


def _cue_near(text: str, qs: int, qe: int, line_start: int, line_end: int, verbs: _Cues):
    """The cue and source of a quote ``[qs, qe)`` (with its marks) in its sentence, or None.

    Returns ``(cue, source, clause)``: ``clause`` is set when the quote stands inside a reported
    clause ("said that … "…"") rather than being the thing said.
    """
    # After the quote: '…," he said' / '…," said the minister' / '…," he told reporters'.
    signed = _SIGNED.match(text, qe, line_end)
    if signed:  # '"…" ― Sonya Herridge': a post or a reader's comment signed with a dash
        return signed.span(1), signed.span(2), None
    rest_at = _AFTER_QUOTE.match(text, qe, line_end).end()
    according = _ACCORDING.match(text, rest_at, line_end)
    if according and (src := speakers.noun_phrase_after(text, according.end(), line_end)):
        return according.span(), src, None  # '"It is over," according to Khan.'
    # '… "act within the law." He told reporters …': a stop inside the marks and a capital after them
    # start another sentence, whose cue is not this quote's.
    ends_sentence = text[qe - 2:qe - 1] in (".", "!", "?") and text[rest_at:rest_at + 1].isupper()
    v = None if ends_sentence else verbs.match(text, rest_at)
    if v is not None and _object_only(_word(v.group())):
        v = None  # '"terrorists" had attacked the capital': the quote is the subject of an act
    if v:  # said X
        src = speakers.source_after(text, v.end(), line_end)
        return (v.start(), v.end()), src, None
    src = speakers.source_before_cue_at(text, rest_at, line_end, verbs) or _apposed_cue(text, rest_at, line_end, verbs)
    if src is not None and ends_sentence and not _ends_with_cue(text, src[1][1], line_end):
        src = None  # '…?" Lopez asked.' is this quote's cue; '…." He told reporters the …' another's
    if src is not None and (_not_a_verb(text, _Match(text, *src[1]), line_start)
                            or _object_only(_word(text[src[1][0]:src[1][1]]))):
        src = None  # '"disgrace" Wednesday on The Laura Ingraham Show': a name's word
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
        if _not_a_verb(text, v, line_start) or _among(_word(v.group()), _TO_ONLY):
            continue  # 'called the plan "a re-announcement"': a noun; an intention reports no quotation
        between = text[v.end():end_cue]
        objects = r"(?:\s+(?:to\s+)?(?:[A-Z][\w/.’'-]*|reporters|journalists|him|her|them|us|me|the\s+\w+)){0,3}" \
            if _word(v.group()) in _TELL else ""  # "told Reuters:", but not "says Kasymov "very reluctantly""
        # "said on Monday:", "says of the mayor, "…"", and the inverted "Said Ellis: "…""
        inverted = v.group()[:1].isupper() and _NAME_ONLY.fullmatch(between) is not None
        if inverted or re.fullmatch(objects + _BEFORE_QUOTE_TAIL, between) or between == "":
            source = speakers.source_before(text, v.start(), line_start) or _appositive_head(text, line_start, v.start())
            if source is None:
                source = speakers.source_after(text, v.end(), end_cue)
            return (v.start(), v.end()), source or _participle_subject(text, line_start, v), None
        if _THAT.fullmatch(between):
            source = speakers.source_before(text, v.start(), line_start) or _appositive_head(text, line_start, v.start())
            return (v.start(), v.end()), source, (v.end(), line_end)
        break
    return None


def _participle_subject(text: str, line_start: int, v) -> tuple[int, int] | None:
    """'He defended the remark, saying, "…"': a participle's source is its sentence's subject, or None."""
    if not (_word(v.group()).endswith("ing") and _COMMA_BEFORE.search(text, v.start() - 8, v.start())):
        return None
    opens = max((b.end() for b in _SENTENCE_END.finditer(text, line_start, v.start())), default=line_start)
    return speakers.subject(text, opens, v.start())


# '"…," Khan, the ministry spokesman, told reporters': a name, an appositive in commas, then the cue.
_APPOSED = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}),\s+(?:an?|the|who|whose|[a-z]+-based|\d+)\b"
                      r"[^,;:\"“”]{0,100},\s*")


def _apposed_cue(text: str, at: int, limit: int, verbs: _Cues):
    """``(source, cue)`` for a name and an appositive before a cue at ``at``, or None."""
    m = _APPOSED.match(text, at, limit)
    v = verbs.match(text, m.end(), limit) if m else None
    return (speakers.tidy(text, *m.span(1)), (v.start(), v.end())) if v else None


def _ends_with_cue(text: str, cue_end: int, line_end: int) -> bool:
    """Whether the sentence ends after a cue ending at ``cue_end``, with at most when or where it was said."""
    stop = _STOP.search(text, cue_end, line_end)
    return _TAIL.fullmatch(text, cue_end, stop.end() if stop else line_end) is not None


# -- indirect, mixed and agentless --------------------------------------------------------------

def _indirect(text: str, sentences, taken: _Taken, direct: list[_Found]) -> list[_Found]:
    verbs, _ = _cues()
    out: list[_Found] = []
    direct = sorted(direct, key=lambda d: d.start)
    direct_starts = [d.start for d in direct]
    crossing = _Crossing([(d.start, d.end) for d in direct])
    direct_cues: dict[tuple[int, int], list[_Found]] = {}
    for d in direct:
        if d.cue:
            direct_cues.setdefault(d.cue, []).append(d)
    for ss, se in sentences:
        if taken.holds(ss, se):
            continue
        ss = _after_dateline(text, ss, se)
        if verbs.candidates.search(text, ss, se) is None and _ACCORDING.search(text, ss, se) is None:
            found = []  # no cue, so only the agentless rule can fire: most sentences of a news text end here
        else:
            found = _according(text, ss, se) or _after(text, ss, se, verbs)
            claimed = [(f.cue[0], f.end) for f in found]
            lo = bisect_left(direct_starts, ss)
            prior = direct[lo:bisect_left(direct_starts, se, lo)] + out[-1:] + found
            found += [f for f in _before(text, ss, se, verbs, taken, prior)
                      if not _overlaps(f.cue[0], f.cue[1], claimed)]
        cues = [f.cue for f in found]
        found += [f for f in _noun_cues(text, ss, se, taken) + _unsourced_reports(text, ss, se, taken)
                  if not _overlaps(f.cue[0], f.cue[1], cues)]
        if not found:
            a = _AGENTLESS.search(text, ss, se)
            if a and not taken.touches(a.start(), a.end()):
                cs, ce = _trim(text, ss, se)
                found = [_Found(cs, ce, "indirect", "agentless", 0.5, (a.start(), a.end()), None)]
        for f in found:
            if crossing.crosses(f.start, f.end):
                continue
            if f.source and _no_speaker(text, f):
                continue
            if f.cue in direct_cues:
                # One cue, one report: 'blame "hooligans" for …' is the quote's (direct), 'said "budget
                # reforms" would pay for it' the clause's (mixed), whose partial quotation is no quote of its own.
                inside = [d for d in direct_cues[f.cue] if f.start <= d.start and d.end <= f.end]
                if not inside or text[f.start] in _OPEN and not _clause_like(text, inside[0].end, f.end):
                    continue
                for d in inside:
                    d.superseded = True
            f.type = _type(text, f.start, f.end)
            if f.type == "direct":  # wholly quoted: the content is what stands between the marks
                f.start, f.end = _trim(text, f.start + 1, f.end - 1, stops=False)
            out.append(f)
    return out


_STOP = re.compile(r"[.!?]+[\"”’)]*(?=\s|$)")
# A quotation signed at the end of its paragraph: a dash, then a name and perhaps who they are.
_SIGNED = re.compile(r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][\w’'-]*(?:[ \t\u00a0]+[A-Z][\w’'-]*\.?(?=[ \t\u00a0]+[A-Z])"
                     r"|[ \t\u00a0]+[A-Z][\w’'-]*){0,4})\.?[ \t\u00a0]*(?:[,(][^\n]{0,100})?[ \t\u00a0]*$", re.MULTILINE)
_AFTER_QUOTE = re.compile(r"\s*[,—–-]?\s*")
_THAT = re.compile(r"\s+that")
# Single quotation marks, not apostrophes: curly ones outside words, and a British straight pair.
_BRITISH = r"(?<![\w'])'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w))*?[\w.,!?]'(?![\w'])"
_SINGLE_MARK = re.compile(r"(?<!\w)‘|’(?!\w)|" + _BRITISH)
_BRITISH_WHOLE = re.compile(_BRITISH)
_AS_SAID = re.compile(r"(?:(?:But|And|Yet)\s+)?[Aa]s\s+[^,;:\"“”]{1,60}$")
_COMMA_THEN = re.compile(r"\s*,\s*(?=\S)")
_QUOTED_AS = re.compile(r"\b(?:was|were|is|are|been)\s+quoted\b[^.;:\"“”]{0,60}?\bas\s+$")
# How it was said, between a cue and a bare clause: "said in a statement it had offered …".
_IN_STATEMENT = re.compile(r"(?:\s+(?:in|during)\s+(?:a|an|the|his|her|its|their)\s+(?:statement|interview|letter|"
                           r"speech|briefing|post)(?=\s+(?:it|he|she|they|we|the|a|an)\s))?")
_SAID_NAME = re.compile(r"\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3},\s+(?:an?|the)\s")
_COMMA_BEFORE = re.compile(r",\s*(?:[–—-]\s*)?$")
_FAR_THAT = re.compile(r"[^.;:\"“”]{1,120}?\s(?=that\b)")
_THAT_CLAUSE = re.compile(r"\s*(?:,\s*)?(?:(?:on|in|at|during|last|this|earlier|after|before|to|Monday|Tuesday|"
                          r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|recently|[a-z]{3,}ly)\b"
                          r"[^,.;:\"“”]{0,40}?(?:\s+|(?=:)))?"  # "said simply: …"
                          # "cautioned, as did the ministry, that …": an aside between the cue and its clause
                          r"(?:,\s*(?:as|like|too|in|at|on|during|after|before)\b[^,.;:\"“”]{1,60},\s*)?"
                          r"(?:that\b|:)")
# A wire story's dateline at the head of its first paragraph: "ALMATY, Jan 6 (Reuters) -", "OTTAWA —",
# "LAGOS, Nigeria (AP) —", "Kyiv, March 3 (Wire) -". The place is in capitals, or an agency in
# brackets follows it; a dash ends it.
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?=[\s,(—–-])|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}"
                       r"(?=(?:,[^,()\n]{1,30}){0,2}\s+\([A-Z]))(?:,[^,()\n—–]{1,30}?){0,2}"
                       r"(?:\s+\([A-Z][\w .&/’'-]{0,30}\))?\s*(?:—|–|―|--?)\s+")


def _after_dateline(text: str, ss: int, se: int) -> int:
    """Where a sentence starts past a dateline at the head of its paragraph: the dateline is the reporter's."""
    if ss and text[ss - 1] not in "\n\r":
        return ss
    m = _DATELINE.match(text, ss, se)
    return m.end() if m else ss


# "said on Monday.", "said in a statement": no clause; but "said at least 14 …", "said about 600 …" count.
_NO_CLAUSE = re.compile(r"\s*(?:[.,;)]|$|by\b|in\b|on\b|at\b(?!\s+(?:least|most)\b)|and\b|of\b|with\b|from\b"
                        r"|about\b(?!\s+\d)|for\b|as\b(?!\s+(?:many|much|few|little|high|low|long)\b))")
_TO = re.compile(r"\s*to\b")
_SHORT_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|their|its|our)\s+(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*"
                           r"(?=\s+(?:he|she|they|it|we|I|there|the|a|an|his|her|their|its)\b)")
_SUBJECT_START = re.compile(r"\s+(?:he|she|they|it|we|I|you|there|the|a|an|his|her|their|its|this|these|those|some|many"
                            r"|most|no|all|[A-Z][\w’'-]*)\b")
_WHEN = re.compile(r"(?:\s*,?\s*(?:on\s+)?(?:(?:last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
                   r"|Sunday|yesterday|today|tonight|earlier|later|again)(?:\s+(?:morning|afternoon|evening|night))?"
                   r"(?=[\s.,;!?]|$))?")
_COMMA = re.compile(r",\s+")
_COMMA_ON = re.compile(r"\s*,\s+[^\s\"“«‘]")  # not a quotation mark: "X said, “…”" quotes, it is no parenthetical
# A clause the reporter adds after a report: "…, X said, as they bristled at …".
_SUBORDINATOR = r"as|since|because|while|when|whereas|although|though|after|before|but|and|even|until|once|if"
# After "…, X said": an appositive ("…, X said, a day after …") or a participle ("…, adding that …")
# ends the cue's clause; anything else on the far side of a comma is the content going on.
_APPOSITIVE_ON = re.compile(r"\s*,\s+(?:a|an|the|who|whose|[a-z]+ing|" + _SUBORDINATOR + r")\b")


# A noun that reports what its possessor said or holds, with the content in a "that" clause: "the
# minister's claim that …", "his insistence that …" (codebook §4: "The president's statement that …").
_REPORT_NOUN = re.compile(r"\b(" + alternation([
    "claim", "claims", "statement", "statements", "assertion", "assertions", "argument", "arguments", "insistence",
    "promise", "promises", "pledge", "pledges", "warning", "warnings", "suggestion", "suggestions", "allegation",
    "allegations", "accusation", "accusations", "contention", "belief", "beliefs", "view", "fear", "fears", "hope",
    "hopes", "remark", "remarks", "comment", "comments", "charge", "charges", "denial", "denials", "announcement",
    "vow", "vows", "threat", "threats", "prediction", "predictions", "assessment", "conclusion", "assurance",
    "assurances", "proposal", "demand", "demands", "admission", "boast", "position", "insinuation", "theory",
    "message", "complaint", "complaints", "report", "reports", "finding", "findings", "verdict"]) + r")\s+that\b")
# Who holds it: a name or a description with "'s", or a possessive pronoun, and perhaps a word between
# ("Lopez's repeated insistence").
_POSSESSOR_BEFORE = re.compile(r"(?:\b([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|(?<=[Tt]he )[a-z]+(?:\s+[a-z]+)?)['’]s?"
                               r"|\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+(?:[a-z]+\s+)?$")


# In a subject's "that" clause, the clause's own verb and then the sentence's: "that [A] was clean [was] false".
_AUX_WORD = (r"(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|"
             r"isn[’']t|wasn[’']t|hasn[’']t|won[’']t|didn[’']t)")
_MATRIX_VERB = re.compile(rf"[^.;:]*?\b{_AUX_WORD}\b(?:\s+{_AUX_WORD}\b|\s+not\b)*[^.;:]*?\s({_AUX_WORD})\b")


def _noun_cues(text: str, ss: int, se: int, taken: _Taken) -> list[_Found]:
    """``the minister's claim that …``: a report noun after its possessor, the content its "that" clause."""
    out = []
    if text.find(" that", ss, se) < 0:
        return out
    for m in _REPORT_NOUN.finditer(text, ss, se):
        p = _POSSESSOR_BEFORE.search(text, max(ss, m.start() - 60), m.start())
        if p is None or taken.touches(m.start(1), m.end(1)):
            continue
        who = p.span(1) if p.group(1) else p.span(2)
        end = _clause_end(text, m.end(), se)
        label = _LABEL.match(text, ss)  # an answer's "Ana Ruiz: " is no part of its first sentence
        subject = text[label.end() if label else ss:p.start()].strip(" \"“‘").lower() in ("", "the")
        if subject and (matrix := _MATRIX_VERB.match(text, m.end(), end)):
            end = matrix.start(1)  # "His claim that the river was clean was false": the claim ends before "was false"
        cs, ce = _trim(text, m.end(), end)
        if ce - cs >= 8:
            out.append(_Found(cs, ce, "indirect", "noun_cue", 0.6, m.span(1), who))
    return out


# "There were reports that …", "following reports of …": reports whose source the text does not name
# (codebook §3: a nominal cue; the content is what the noun introduces).
_UNSOURCED = re.compile(r"\b(?:[Aa]mid|[Aa]fter|[Ff]ollowing|[Dd]espite|[Oo]ver|[Tt]here\s+(?:were|are|have\s+been|had\s+been))"
                        r"\s+(?:(?:unconfirmed|media|local|news|initial|earlier|conflicting|widespread|many)\s+)?"
                        r"(reports|rumou?rs|allegations)\s+(?:that|of)\s+")


def _unsourced_reports(text: str, ss: int, se: int, taken: _Taken) -> list[_Found]:
    m = _UNSOURCED.search(text, ss, se) if text.find("report", ss, se) >= 0 or "llegation" in text[ss:se] else None
    if m is None or taken.touches(m.start(1), m.end(1)):
        return []
    cs, ce = _trim(text, m.end(), _clause_end(text, m.end(), se))
    return [_Found(cs, ce, "indirect", "agentless", 0.5, m.span(1), None)] if ce - cs >= 8 else []


def _type(text: str, s: int, e: int) -> str:
    inner = text[s:e]
    if not any(ch in inner for ch in "“”\"«»") and not (any(ch in inner for ch in "‘’'") and _SINGLE_MARK.search(inner)):
        return "indirect"
    if inner[0] in _OPEN and inner[-1] in _CLOSE and not any(ch in inner[1:-1] for ch in "“”\"«»"):
        return "direct"
    return "direct" if _BRITISH_WHOLE.fullmatch(inner) else "mixed"


_CONFORMITY = re.compile(r"\b(?:rules?|laws?|plan|schedule|constitution|tradition|procedures?|protocols?|regulations?"
                         r"|script|customs?)\b", re.IGNORECASE)
# A stretch of time is no speaker: "The past two years have shown that …".
_TIME_SOURCE = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|hours?|centur(?:y|ies))$", re.IGNORECASE)


def _no_speaker(text: str, f: _Found) -> bool:
    """Whether a report's source is a stretch of time, which speaks no report ("The past two years have
    shown that …")."""
    return _TIME_SOURCE.search(text, f.source[0], f.source[1]) is not None


def _performative(text: str, f: _Found) -> bool:
    """Whether a report is "I" or "we" with a present cue ("I think", "I would not say"): inside an
    answer, the answer's own report already covers it (codebook §3); "I said that …" reports what
    the speaker said before."""
    if f.source is None or f.cue is None or text[f.source[0]:f.source[1]].lower() not in ("i", "we"):
        return False
    form = _word(text[f.cue[0]:f.cue[1]])
    entry = _cues()[1].get(form)
    return entry is not None and entry["lemma"] == form


def _according(text: str, ss: int, se: int) -> list[_Found]:
    m = _ACCORDING.search(text, ss, se)
    if m is None:
        return []
    src = speakers.noun_phrase_after(text, m.end(), se)
    if src is None or _CONFORMITY.search(text, src[0], src[1]):
        return []  # "according to the rules set by …": what is followed, not who says
    if m.start() == ss or text[ss:m.start()].strip() in ("But", "And", "Yet", "However,"):
        comma = text.find(",", src[1], se)
        if comma < 0 or comma - src[1] > 40:
            return []
        cs, ce = _trim(text, comma + 1, se)
    elif _COMMA_BEFORE.search(text, max(ss, m.start() - 4), m.start()) and _COMMA_ON.match(text, src[1], se):
        cs, ce = _trim(text, ss, _clause_end(text, src[1], se))  # "The border, according to officials, was …"
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
        if taken.touches(v.start(), v.end()) or _not_a_verb(text, v, ss):
            continue
        word = _word(v.group())
        source = (speakers.source_before(text, v.start(), ss) or _appositive_head(text, ss, v.start())
                  or _source_past_aside(text, ss, v.start()))
        if source is None and word.endswith("ing") and _QUOTED_AS.search(text, max(ss, v.start() - 80), v.start()):
            source = speakers.subject(text, ss, v.start())  # "Khan was quoted (by the agency) as saying …"
        if source is None and word.endswith("ing") and _COMMA_BEFORE.search(text, max(ss, v.start() - 8), v.start()):
            # "Tokayev ordered …, claiming that …": a participle's source is the sentence's subject
            # only an attribution of its own sentence: "Activists disputed that, noting …" is the activists'
            earlier = [f for f in (*prior, *out) if f.source and f.cue and ss <= f.cue[0] and f.cue[1] <= v.start()
                       and v.start() - f.cue[1] < 200]
            source = earlier[-1].source if earlier else speakers.subject(text, ss, v.start())
        if out and out[-1].source and _AND_BEFORE.search(text, max(ss, v.start() - 12), v.start()):
            source = out[-1].source  # "The mayor said … and called for …": one subject, two reports
        if source is None or _passive(v.group(), word) or text[source[0]:source[1]].lower() in _POSSESSIVE:
            continue  # "his claim that …" is a noun's (_noun_cues), not a verb's
        pos = v.end()
        tell = _among(word, _TELL)
        if tell:
            pos = _past_addressee(text, pos, se, word)
            if pos is None:
                continue  # "told a meeting of …": no clause within reach
        that = None if _among(word, _PERCEIVING) else _THAT_CLAUSE.match(text, pos, se)  # "saw that …": seen
        if that and text[that.end() - 1] == ":" and _among(word, _TO_ONLY):
            that = None  # "A Curious Plan: Buy Mines": a headline's noun, not an intention
        if not that and _AS_SAID.match(text, ss, v.start()):
            that = _COMMA_THEN.match(text, _WHEN.match(text, pos, se).end(), se)  # "As Khan noted, the strike is …"
        if not that and _among(word, _ASKING):
            that = _WH_CLAUSE.match(text, pos, se)  # "asked whether the army would withdraw"
        # "said Tuesday the plan …", "said Tuesday.": the time is not what was said
        pos = that.end() if that else _IN_STATEMENT.match(text, _WHEN.match(text, pos, se).end(), se).end()
        if not that and not _bare_complement(text, pos, se, word, tell, _act(v.group())):
            continue
        end = _clause_end(text, pos, se)
        if (not that and not _among(word, _SAYING) and not _TO.match(text, pos, end) and not _clause_like(text, pos, end)
                and (obj_end := _OBJECT_END.search(text, pos, end))):
            end = obj_end.start()
        cs, ce = _trim(text, pos, end)
        if ce - cs < 4:
            continue
        if (_act(v.group()) in _TAKES_TO or _among(word, _TO_ONLY)) and text.startswith("to ", cs):
            cs += 3  # "promised to lower fuel prices": the promise is "lower fuel prices"
        confidence = 0.8 if that else 0.65
        out.append(_Found(cs, ce, "indirect", "indirect_before", confidence, (v.start(), v.end()), source))
    _end_at_next_report(text, out)
    return out


_AND_BEFORE = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|then\s+)?$")
# "…, and" / "but" / "while" before a source: the next report is coordinated with this one, not inside it.
_COORDINATED = re.compile(r"(?:,?\s+(?:and|but|while|whereas|yet)|;)\s+(?:(?:the|a|an|his|her|its|their)\s+)?$")


# "Ana Ruiz, director of the Institute for Roads at Lima University, said": a name (with its title) opens
# the sentence, and a long appositive set off by commas stands between it and the cue.
_HEAD_AND_APPOSITIVE = re.compile(r"(?:(?:But|And|Yet|Still|Now)\s+)?((?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*|of|for|de|van|von"
                                  r"|[a-z]+(?=\s+[A-Z]))){0,5}"  # "Protest leader Mario Quispe"
                                  r"(?:\s+[a-z][\w’'-]*){0,2}"  # or a description: "One senior official"
                                  r"(?:\s+\([A-Z][\w.-]{0,10}\))?),\s+(?!and\b|but\b)[^;:\"“”,]{2,150}"
                                  r"(?:,\s+(?:which|who|whose|and|including)\b[^;:\"“”]{3,120})?,\s*$")


_SPEAKING_BEFORE = re.compile(r"\s+(?:speaking|talking|writing)\s+[^,;:\"“”]{1,60}?\s+$")
# "The mayor, however, said …": a word set off by commas between the source and its cue.
_ASIDE_BEFORE = re.compile(r",\s*(?:however|though|meanwhile|too|in turn|in response|for (?:his|her|its|their) part"
                           r"|[a-z]{3,}ly),\s*$")


def _source_past_aside(text: str, ss: int, cue_start: int) -> tuple[int, int] | None:
    """The source before an aside ("The mayor, however, said") or a phrase of how it was said ("A
    senior official speaking on condition of anonymity said")."""
    m = (_ASIDE_BEFORE.search(text, max(ss, cue_start - 40), cue_start)
         or _SPEAKING_BEFORE.search(text, max(ss, cue_start - 80), cue_start))
    return speakers.source_before(text, m.start(), ss) if m else None


def _appositive_head(text: str, ss: int, cue_start: int) -> tuple[int, int] | None:
    """The name that opens the sentence when an appositive follows it up to the cue, or None."""
    m = _HEAD_AND_APPOSITIVE.match(text, ss, cue_start)
    if m is None or m.group(1).split()[0] in ("In", "On", "At", "After", "When", "While", "If", "As", "For"):
        return None
    return speakers.tidy(text, m.start(1), m.end(1))


def _end_at_next_report(text: str, found: list[_Found]) -> None:
    """End each content where a coordinated report of its sentence begins ("X said A, and Y said B")."""
    for f, g in zip(found, found[1:]):
        s = g.source[0]
        if f.start < s < f.end and _COORDINATED.search(text, max(f.start, s - 30), s):
            f.end = _trim(text, f.start, _COORDINATED.search(text, max(f.start, s - 30), s).start())[1]
        elif f.start < g.cue[0] < f.end and (same := _AND_BEFORE.search(text, max(f.start, g.cue[0] - 12), g.cue[0])):
            f.end = _trim(text, f.start, same.start())[1]  # "said A and called for B": the subject's next report


# What makes a cue's word a noun ("the calls", "late-night tweets", "Saturday's remarks") or part of a
# name ("the United States", "the Clean Power Plan"): a determiner, a possessor, a compound before it.
_NOUN_BEFORE = re.compile(r"(?:\b(?i:the|a|an|some|many|few|several|these|those|his|her|their|its|our|my|your|no|any"
                          r"|\d[\d,.]*)|\b[a-z]+-[a-z]+|[\w]['’]s?|\b[A-Z][a-z]+day)\s+$")
# Before a cue's base form ("the plan", "a call"), only an article or a possessive makes it a noun:
# "Some believe", "Many say" are a subject and its verb.
_ARTICLE_BEFORE = re.compile(r"\b(?i:the|a|an|his|her|their|its|our|my|your)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:][\"”’)]*\s+|\n\s*)[\"“‘'(]?$")


def _not_a_verb(text: str, v: _Match, ss: int) -> bool:
    """Whether a cue's word is a noun or part of a name here, not the verb of a report."""
    word = text[v.start():v.end()]
    if word[:1].isupper() and not _SENTENCE_START.search(text, max(ss, v.start() - 6), v.start()):
        # capitalised inside a sentence: a name's word ("the United States Bankruptcy Court was …"); a
        # headline capitalises every word around it ("Mayor Says Bridge Will Reopen")
        words = text[ss:v.start()].split() + text[v.end():v.end() + 60].split("\n")[0].split()[:5]
        return sum(w.lstrip("\"“‘'(")[:1].isupper() for w in words) < 0.8 * len(words) or len(words) < 4
    before = _NOUN_BEFORE if word.endswith("s") else _ARTICLE_BEFORE
    return word.islower() and before.search(text, max(ss, v.start() - 30), v.start()) is not None


def _object_only(word: str) -> bool:
    """Whether a cue reports only what follows it ("wants to …", "blasted X as …"): never a cue after its content."""
    return _among(word, _TO_ONLY) or _among(word, _AS_ONLY)


def _bare_complement(text: str, pos: int, se: int, word: str, tell: bool, act: str) -> bool:
    """Whether what follows a cue without "that" at ``pos`` is what it reports."""
    if _STARTS_FINITE.match(text, pos, se):
        return False  # "Everything Trump says is a lie", "What you are seeing is …": the cue is in a relative clause
    if _among(word, _TO_ONLY):
        # "wants to run", "expects the mayor to resign"
        return _TO_VERB.match(text, pos, se) is not None or _OBJECT_TO.match(text, pos, se) is not None
    if _among(word, _AS_ONLY):
        return _AS.match(text, pos, se) is not None
    if word in _NAMES_A_SOURCE:
        return False
    if not _among(word, _BARE_OK) and not _among(word, _OBJECT_OK) and not tell and act not in _TAKES_TO:
        # "complained they were not paid", "cautioned the plans might change": a clause, with its subject
        return _SUBJECT_START.match(text, pos, se) is not None and _clause_like(text, pos, se)
    if _NO_CLAUSE.match(text, pos, se) or _TO.match(text, pos, se) and act not in _TAKES_TO:
        return False  # "X said." / "X said on Monday": no clause follows
    if word in _CALL and not _calls_something(text, pos, se):
        return False  # "called Ana on Friday", "called a meeting", "called into the show": not "called X a Y"
    # "added three goals", "knew the roads", "estimated $40 million": an object, not a report
    return not _among(word, _CLAUSE_ONLY) or _clause_like(text, pos, se)


_STARTS_FINITE = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must)\b")
_CALL = frozenset({"call", "calls", "called", "calling"})
# After "called" and its object: a time, a place or a purpose ("called her on Friday to …") makes a phone
# call or a summons of it; a name for the object ("called the plan a disgrace") makes a report.
_CALL_NOT_NAMING = re.compile(r"\s+(?:into|in|back|off|up|out|around|for|on)\b|\s+(?:an?|the)\s+(?:[a-z]+\s+)?"
                              r"(?:meeting|election|vote|session|summit|strike|halt|press conference|referendum)\b"
                              r"(?!\s+(?:a|an|the|his|her|their|its)\b|\s*[\"“‘'])"  # not "called the strike "a success""
                              r"|\s+(?:[\w.’'-]+\s+){1,3}?(?:on|to|at|from|after|before|last|this|about|with)\b")


def _calls_something(text: str, pos: int, se: int) -> bool:
    """Whether "called" at ``pos`` names its object ("called the plan a disgrace", "called them "thugs"")."""
    if _CALL_NOT_NAMING.match(text, pos, se):
        return False
    words = re.match(r"[^.,;:!?]*", text[pos:min(se, pos + 80)]).group().split()
    return len(words) >= 3 or any(ch in text[pos:pos + 40] for ch in "\"“‘'")


def _past_addressee(text: str, pos: int, se: int, word: str) -> int | None:
    """Where the content of a verb that may name an addressee is looked for, past the addressee; or None.

    "told" needs one ("told reporters that …"); "warned", "assured", "reminded" report with or
    without it ("warned that …", "assured reporters that …")."""
    if not _among(word, _NEEDS_ADDRESSEE) and _THAT_CLAUSE.match(text, pos, se):
        return pos
    if _among(word, _ASKING) and _WH_CLAUSE.match(text, pos, se):
        return pos  # "asked whether …"
    obj = speakers.object_after(text, pos, se)
    if obj is not None:
        return obj
    far = _FAR_THAT.match(text, pos, se)
    if far is not None:
        return far.end()
    # "told the forum he was …": a short object, then a clause with its own subject
    obj = _SHORT_OBJECT.match(text, pos, se)
    if obj and _clause_like(text, obj.end(), se):
        return obj.end()
    # "urged calm", "urged restraint by all parties": what is urged, with no one named
    return pos if _among(word, _URGE) and _WORD_ON.match(text, pos, se) else None


def _passive(cue: str, word: str) -> bool:
    """Whether the cue is passive ("was warned", "were told"): its subject is the one addressed, not the source."""
    return not word.endswith("ing") and _BE.search(cue) is not None


# A clause's finite verb: an auxiliary or a modal, or a past form ("the police arrested …").
_FINITE = re.compile(r"(?:is|are|was|were|will|would|can|could|should|shall|may|might|must|has|have|had|did|does"
                     r"|do|won[’']t|isn[’']t|aren[’']t|wasn[’']t|weren[’']t|[a-z]+ed)$")
_AND = frozenset({"and", "or", "but"})
_POSSESSOR_WORD = re.compile(r"\w['’]s?$")
_POSSESSIVE = frozenset({"his", "her", "its", "their", "my", "our", "your"})
_DETERMINER = frozenset({"the", "a", "an", "this", "these", "those", "their", "its", "his", "her", "our", "my"})
_BE = re.compile(r"\b(?:was|were|is|are|am|been|being|be)\s+(?:(?:not|never|also)\s+)?\S+$", re.IGNORECASE)


def _clause_like(text: str, pos: int, se: int) -> bool:
    """Whether a finite verb stands in the first words after ``pos``: a clause ("knew the police would
    come"), not an object ("knew the roads", "added three goals", "estimated $40 million")."""
    words = _WORD.findall(text, pos, min(se, pos + 120))[:10]
    for k, w in enumerate(words[1:], 1):
        if w in ",;:.":
            return False
        if (_FINITE.match(w) and words[k - 1].lower() not in _DETERMINER | _AND | {"to"}
                and not _POSSESSOR_WORD.search(words[k - 1])):
            return True  # not "the damaged port", nor "a veto and attempted …" (the subject's next verb)
    return False


#: Cues that report only with a clause: their bare object is something else ("added two goals").
_CLAUSE_ONLY = frozenset({"add", "adds", "added", "adding", "know", "knows", "knew", "estimate", "estimates",
                          "estimated", "estimating", "find", "finds", "found", "think", "thinks", "believe",
                          "believes", "believed"})
#: Verbs whose object is what they report (codebook §3: "deny any interethnic grounds …"): "stressed the
#: need for reform", "cited the ruling", "expressed concern over …".
_OBJECT_OK = frozenset({"cited", "stressed", "emphasised", "underlined", "acknowledged", "proposed",
                        "disputed", "recommended", "predicted", "expressed", "reiterated", "confirmed", "denied",
                        "assessed"})
#: "…, citing local media": the object is the source of what was said before it (codebook §3, chains),
#: not what is reported.
_NAMES_A_SOURCE = frozenset({"citing", "quoting"})
#: Verbs of seeing: a belief only as "see X as Y"; "saw that the gate was open" is what was seen.
_PERCEIVING = frozenset({"saw", "viewed"})
#: Verbs that report a question: their content may be a clause of "whether", "if", "why" … (kept in it).
_ASKING = frozenset({"ask", "asked", "wonder", "wondered", "inquire", "inquired", "enquire", "enquired"})
_WH_CLAUSE = re.compile(r"\s*(?:,\s*)?(?=(?:whether|if|why|how|what|when|where|who|which)\b)")
_URGE = frozenset({"urged"})
_WORD_ON = re.compile(r"\s+[a-z]")
#: Verbs of :data:`_TELL` that report only with an addressee: "told that …" is not English news.
_NEEDS_ADDRESSEE = frozenset({"tell", "tells", "told", "telling", "inform", "informed", "informs"})
#: Acts whose content may be a "to" clause ("promised to rebuild", "urged them to leave").
_TAKES_TO = frozenset({"promise", "demand"})
#: Intentions, wishes and refusals: reported with a "to" clause ("wants to run", "declined to comment"),
#: or a "that" clause; their object is not one ("wants a recount" is left alone).
_TO_ONLY = frozenset({"want", "wants", "wanted", "plan", "plans", "planned", "planning", "hope", "hopes", "hoped",
                      "hoping", "intend", "intends", "intended", "expect", "expects", "refuse", "refuses", "refused",
                      "decline", "declines", "declined", "agree", "agrees", "agreed", "decide", "decides", "decided",
                      "seek", "seeks", "sought", "offer", "offers", "offered", "threaten", "threatens", "threatened"})
#: Verbs of judging that report only what they call something ("blasted the plan as a disgrace",
#: "likened the rules to censorship"): "attacked the village" is an act, not a report.
_AS_ONLY = frozenset({"blast", "slam", "attack", "brand", "label", "deride", "hail", "tout", "portray", "mock",
                      "characterize", "characterise", "depict", "liken",
                      # beliefs of the same shape (codebook §4: "see X as"): "saw Tokayev as a puppet"
                      "saw", "viewed", "regarded", "considered"})
_AS = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4}?\s+(?:as|to)\s+\S")
_OBJECT_TO = re.compile(r"\s+(?:(?:the|his|her|their|its)\s+)?(?:[A-Z][\w’'-]*|[a-z]+)(?:\s+[A-Z][\w’'-]*)?\s+to\s+[a-z]")
_TO_VERB = re.compile(r"\s+to\s+[a-z]")
# A reported clause ends before a clause the reporter adds ("…, when the government fired …").
_CLAUSE_END = re.compile(r",\s+(?:when|while|whereas|although|though|even as|as well as|[a-z]+ing\s+[–—-])\b|;"
                         r"|,\s+(?:saying|claiming|adding|arguing|noting|insisting|warning|stressing)\b"
                         # a participle that runs to the end: "…, citing the port's importance"
                         r"|,\s+[a-z]{3,}ing\b(?=[^,;]*$)"
                         # the reporter's gloss at the end: "… Nazarbayev, who chose Tokayev" (codebook §3)
                         r"|,\s+(?:which|who|whose)\b(?=[^,;]*$)")
#: Verbs of saying and thinking: what follows them bare is a clause, however it reads.
_SAYING = frozenset({"said", "told", "added", "claimed", "insisted", "argued", "noted", "warned", "suggested",
                     "explained", "wrote", "reported", "tweeted", "believed", "thought", "knew", "found", "estimated",
                     "maintained", "asserted", "alleged", "stated", "replied", "responded", "announced", "predicted"})
# An object reported ("praised the proposals", "promised a veto") ends before what the reporter adds:
# another verb of the subject, a relative clause, when, where or how it was said.
_OBJECT_END = re.compile(r",\s+(?:which|who|whose|but|and|while|especially|further|as)\b"
                         r"|\s+and\s+(?:has|had|have|was|is|also|then|[a-z]+ed(?=\s+(?:to|that|the|a|an|his|her|their|its"
                         r"|on|in|with|for)\b))\b"
                         r"|\s+(?:during|in\s+(?:an?\s+)?(?:interview|statement|ruling|speech|letter)|at\s+(?:a|an|the|last)"
                         r"|on\s+(?:[A-Z][a-z]+day|Twitter|Facebook|television|TV))\b")


def _clause_end(text: str, pos: int, end: int) -> int:
    m = _CLAUSE_END.search(text, pos, end)
    return m.start() if m else end


def _after(text: str, ss: int, se: int, verbs) -> list[_Found]:
    """``…, X said.`` / ``…, said X.``: a cue near the end of the sentence, after a comma."""
    tail = text[ss:se]
    for m in _COMMA.finditer(tail):
        at = ss + m.end()
        if text.startswith("as ", at):
            at += 3  # "…, as one of his advisers pointed out, …"
        rest = text[at:se].rstrip(".!?”\" ")
        v = verbs.match(text, at)
        if len(rest) > 90 and not (v and _SAID_NAME.match(text, v.end(), se)):
            continue  # but "…, said Ana Lima, a longtime adviser to the family who …": the cue, then the name
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
        if (source is None or _object_only(_word(v.group())) or _not_a_verb(text, v, ss)
                or source[0] < v.start() and _passive(v.group(), _word(v.group()))):  # not "… were rejected by X"
            continue  # "…, X said", not "…, per the X plan": an intention is no cue after its content
        after_cue = source[1] if source[1] > v.end() else v.end()
        if _among(_word(v.group()), _TELL):
            after_cue = speakers.object_after(text, after_cue, se) or after_cue  # "…, X told The Daily Post."
        after_cue = _WHEN.match(text, after_cue, se).end()  # "The vote, X said yesterday, was rigged"
        if _COMMA_ON.match(text, after_cue, se) and not _APPOSITIVE_ON.match(text, after_cue, se):
            # "African-Americans, he said, can …": the cue stands inside the content
            cs, ce = _trim(text, ss, _clause_end(text, after_cue, se))
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
                   r"(?:\s*[,(]\s*(?:an?|the|who|which|whose|according|[a-z]+ing|[RDI]-|[A-Z][\w.’'-]*['’]s|"
                   + _SUBORDINATOR + r")\b[^;:]{0,120}?)?"
                   r"[\s.!?\"”’)]*")
