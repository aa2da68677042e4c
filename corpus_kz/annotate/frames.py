"""Predicted frames (codebook §6): every cue of the frame lexicon in the text, with holder, stance and aspect.

* **Spans and frames** come from ``corpus_kz/lexicons/frames.tsv``: general news vocabulary for the six
  frames ("interethnic clashes", "provocateurs", "rising fuel prices", "corruption", "friendship of
  peoples", …), with the registry's ethnic and national group names filling ``{norp}`` ("tension
  between the Kazakhs and the Dungans"). Where cues overlap the leftmost, then longest, wins: a span is
  the phrase the lexicon knows that carries the frame, not the clause around it.
* **Stance** is ``denies`` when an odd number of negation and denial cues of
  ``frame_modifiers.tsv`` govern the span from its left, in its clause: a particle ("no provocations",
  "was not an interethnic conflict", "does not think any provokers") with only function words and verbs
  of belief between it and the span; a verb of denial ("denied that the clashes were ethnic", "deny any
  interethnic grounds", which is also the cue of the attribution that holds the frame) with any words
  between. "doesn't deny it was a provocation" has two and asserts. What a denial says is not ethnic is
  often no conflict noun, so the lexicon also knows "ethnicity" after "with", "about", "to", …
  ("nothing to do with ethnicity", "was not about ethnicity"), predicative "ethnic" ("rejected claims
  that the violence was ethnic", "in no way ethnic"), "ethnic in nature" and "ethnically motivated".
* **Holder** is the attribution whose content holds the span (the innermost scope, as
  ``ctx.scope_at`` finds it), else ``author``. Two attributions of the same content ("…, as locals told
  him") each hold the frame.
* **Reported frames**: a reporter's comment on a claim, right after it ("the statement that X was
  sponsored from abroad does not seem to be true") or before it ("despite the authorities'
  declarations of …"), is the case a rule can read reliably. When the comment stands outside the
  content that holds the frame, the content's holder keeps its stance and the reporter (the attribution
  whose content holds the comment, or the author) gets a second record that denies; inside it, the
  holder's stance turns to ``denies``. A reporter who takes no stance of their own adds nothing, as
  the codebook asks.
* **Aspect** is the kind of the trigger or root-cause cue nearest the span in its sentence ("sparked by",
  "began with"; "root causes", "rooted in", "demands for"), else None.

Confidence is lower for a weak cue (one word that frames only in context) than for a phrase; ids are
``fr1``, ``fr2``, … in text order. Speed: one regular expression finds the words that can start a cue
(frame or modifier), and only there are the cues' patterns tried; everything else is bisection.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ..lexicons import frame_cues, frame_modifiers
from ..records import Entity, Frame
from .base import Context, Scope, make, record_id
from .text import alternation

__all__ = ["find"]

RULE = "frame_lexicon"
#: The second record of a reported frame: the reporter's own, contrary stance.
REPORTED_RULE = "frame_reported"

_FRAME = "frame"
_CONFIDENCE = {"strong": 0.8, "weak": 0.5}
_PHRASE_BONUS = 0.05   # a strong cue of several words is rarely anything else
_REPORTED_CONFIDENCE = 0.5

# A clause ends at punctuation or at a conjunction that starts another clause; stance cues do not reach
# across one ("not only… but", "which", "because").
_BREAK = re.compile(r"[,;:()\[\]—–?!]|\b(?:but|because|while|although|though|whereas|however|yet|which|who|whom|"
                    r"whose|when|since|unless|if|after|before)\b", re.IGNORECASE)
# What may stand between a negation particle and the frame it negates: determiners, copulas, pronouns,
# degree words and verbs of belief or saying ("not think any", "no real", "was not a"); a content word
# ("not to give in to provocation") means the particle negates something else.
_GAP_WORDS = frozenset("""a an any the this that these those it its it's it’s there was were is are be been being am
    so such really just simply merely only entirely purely ever actually even real genuine true actual mere simple
    think thinks thought believe believes believed consider considers considered see sees saw say says said call
    calls called seem seems seemed appear appears appeared to have has had do does did of about more than
    deny denies denied reject rejects rejected dismiss dismissed rule ruled out
    by from in on over with for as due caused driven fuelled fueled sparked triggered motivated rooted based
    way at all""".split())
_STANCE_KINDS = ("negation", "denial")
_PARTICLE_REACH = 5     # words between a negation particle and the span
_DENIAL_REACH = 8       # words between a verb of denial and the span
_REFUTATION_REACH = 6   # words between the span and a refutation after it
_CONTEST_REACH = 25     # words between "despite the claims of" and the span
_ASPECT_REACH = 80      # characters between an aspect cue and the span
_ASPECTS = ("trigger", "root_cause")
_QUOTES = "\"“”‘’«»'"


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern
    kind: str               # "frame", or the kind of a modifier
    frame: str | None
    confidence: float
    order: int


@dataclass(frozen=True, slots=True)
class _Lexicon:
    starts: re.Pattern                       # the words a cue can start with, on lowercased text
    cues: dict[str, tuple[_Cue, ...]]        # such a word -> its cues


def find(ctx: Context) -> list[Frame]:
    """The frames of ``ctx.text``, in text order, each made by :func:`~.base.make` with its rule and confidence."""
    text = ctx.text
    hits, mods = _scan(text, _lexicon(_group_names(ctx.entities)))
    if not hits:
        return []
    sentences = ctx.sentences
    sentence_starts = [s for s, _ in sentences]
    mod_starts = [m[0] for m in mods]
    containing = _containing(ctx.scopes, hits)
    found = []
    for (start, end, cue), scopes in zip(hits, containing):
        k = bisect_right(sentence_starts, start) - 1
        s_start, s_end = sentences[k] if k >= 0 and sentences[k][1] >= end else (start, end)
        # Modifiers left of the span in its sentence, and right of it, found by bisection.
        left = mods[bisect_left(mod_starts, s_start):bisect_left(mod_starts, start)]
        right = mods[bisect_left(mod_starts, end):bisect_left(mod_starts, s_end)]
        clause = _clause_start(text, s_start, start) if left else start
        left = [m for m in left if m[0] >= clause]
        flips = _negations(text, left, start)
        stance = "denies" if flips % 2 else "asserts"
        comment = _comment(text, left, right, start, end)
        aspect = _aspect(mods, mod_starts, s_start, s_end, start, end)
        inner = min(scopes, key=lambda s: s.end - s.start) if scopes else None
        holders = [s.agent for s in scopes if (s.start, s.end) == (inner.start, inner.end)] if inner else ["author"]
        holders = list(dict.fromkeys(holders))
        rows = []
        if comment is not None and inner is not None and not inner.start <= comment < inner.end:
            # A comment from outside the claim: the claim's holder keeps its stance; the reporter, whose
            # content holds the comment (or the author), denies.
            rows += [(h, stance, RULE, cue.confidence) for h in holders]
            around = [s for s in scopes if s.start <= comment < s.end]
            agent = min(around, key=lambda s: s.end - s.start).agent if around else "author"
            if agent not in holders:
                rows.append((agent, "denies", REPORTED_RULE, _REPORTED_CONFIDENCE))
        else:
            if comment is not None:
                stance = "asserts" if flips % 2 else "denies"
            rows += [(h, stance, RULE, cue.confidence) for h in holders]
        found += [(start, end, n, cue.frame, aspect, *row) for n, row in enumerate(rows)]
    found.sort(key=lambda r: r[:3])
    return [make(Frame, rule, conf, start=s, end=e, text=text[s:e], id=record_id("frames", i), frame=frame, holder=holder,
                 stance=stance, aspect=aspect)
            for i, (s, e, _, frame, aspect, holder, stance, rule, conf) in enumerate(found, 1)]


# -- the lexicon ---------------------------------------------------------------------------------------

def _group_names(entities: Mapping[str, Entity]) -> tuple[str, ...]:
    """The registry's names of ethnic and national groups (NORP), longest first, for ``{norp}``."""
    names = {n for e in entities.values() if e.label == "NORP" for n in (e.name, *e.aliases) if n.strip()}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=16)
def _lexicon(names: tuple[str, ...]) -> _Lexicon:
    """Frame cues (``{norp}`` filled with ``names``) and modifier cues, indexed by the words they can start with."""
    norp = "(?:" + "|".join(re.escape(n) for n in names) + ")" if names else "(?!)"
    rows = [(p.replace("{norp}", norp), _FRAME, r["frame"], _CONFIDENCE[r["strength"]], p)
            for p, r in frame_cues().items()]
    rows += [(p, kind, None, 0.0, p) for p, kind in frame_modifiers().items()]
    index: dict[str, list[_Cue]] = {}
    for order, (pattern, kind, frame, confidence, written) in enumerate(rows):
        cue = _Cue(re.compile(f"(?:{pattern})(?![\\w-])", re.IGNORECASE), kind, frame, confidence, order)
        for word in _first_words(written):
            index.setdefault(word, []).append(cue)
    starts = re.compile(r"(?<![\w'’-])(?:" + alternation(index) + r")(?!\w)")
    return _Lexicon(starts, {w: tuple(c) for w, c in index.items()})


def _first_words(pattern: str) -> set[str]:
    """Every lowercase word a cue pattern can start with (the letters before its first space, hyphen or quote).

    Follows optional letters (``s?``), letter classes (``[sz]``), optional hyphens (``inter-?ethnic``
    starts with "inter" or "interethnic") and leading groups of alternatives, optional or not; raises
    ValueError for a cue whose first word cannot be read this way.
    """
    out = _words_from(pattern.replace("{norp}", "(?!)"), "")
    if not out or "" in out:
        raise ValueError(f"frame lexicon cue {pattern!r}: its first word cannot be read off; start it with a word")
    return out


def _words_from(p: str, acc: str) -> set[str]:
    i = 0
    while i < len(p):
        ch = p[i]
        optional = i + 1 < len(p) and p[i + 1] == "?"
        if ch.isalpha():
            if optional:
                return _words_from(p[i + 2:], acc + ch.lower()) | _words_from(p[i + 2:], acc)
            acc += ch.lower()
            i += 1
        elif ch == "[":
            close = p.index("]", i)
            rest = p[close + 2:] if close + 1 < len(p) and p[close + 1] == "?" else p[close + 1:]
            out = {acc} if close + 1 < len(p) and p[close + 1] == "?" and not acc else set()
            for c in p[i + 1:close]:
                out |= _words_from(c + rest, acc) if c.isalpha() else {acc}
            if close + 1 < len(p) and p[close + 1] == "?":
                out |= _words_from(rest, acc)
            return out
        elif ch == "(":
            close = _closing(p, i)
            inner, rest = p[i + 1:close], p[close + 1:]
            if inner.startswith(("?<!", "?<=", "?!", "?=")):   # a look-around reads no letters
                if inner == "?!" and not acc:                   # (?!) never matches: no word
                    return set()
                i = close + 1
                continue
            inner = inner[2:] if inner.startswith("?:") else inner
            group_optional = rest.startswith("?")
            rest = rest[1:] if group_optional else rest
            out = set().union(*(_words_from(alt + rest, acc) for alt in _alternatives(inner)))
            return out | _words_from(rest, acc) if group_optional else out
        elif ch in "-'’" and optional:                          # "inter-?ethnic": two words can start it
            return {acc} | _words_from(p[i + 2:], acc)
        elif ch == "\\" and p[i + 1:i + 2] not in ("s", " ", "-", "'"):
            raise ValueError(f"frame lexicon cue {p!r}: an escape {p[i:i + 2]!r} in its first word")
        else:                                                    # a space, hyphen, quote or the end: the word ends
            return {acc}
    return {acc}


def _closing(p: str, i: int) -> int:
    depth = 0
    for j in range(i, len(p)):
        depth += p[j] == "("
        depth -= p[j] == ")"
        if depth == 0:
            return j
    raise ValueError(f"frame lexicon cue {p!r}: unbalanced parentheses")


def _alternatives(inner: str) -> list[str]:
    out, depth, last = [], 0, 0
    for j, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(inner[last:j])
            last = j + 1
    return [*out, inner[last:]]


def _scan(text: str, lexicon: _Lexicon) -> tuple[list[tuple[int, int, _Cue]], list[tuple[int, int, str]]]:
    """Frame cues (leftmost-longest, not overlapping; ties to the earlier row) and modifier cues, in text order."""
    lowered = text.lower()
    search = lexicon.starts.finditer(lowered) if len(lowered) == len(text) else \
        re.compile(lexicon.starts.pattern, re.IGNORECASE).finditer(text)
    hits: list[tuple[int, int, _Cue]] = []
    mods: list[tuple[int, int, str]] = []
    last_end = 0
    for w in search:
        start = w.start()
        best, best_end = None, start
        longest: dict[str, int] = {}
        for cue in lexicon.cues.get(w.group().lower(), ()):
            if cue.kind == _FRAME and start < last_end:
                continue
            m = cue.pattern.match(text, start)
            if m is None:
                continue
            if cue.kind != _FRAME:
                longest[cue.kind] = max(longest.get(cue.kind, start), m.end())
            elif m.end() > best_end:
                best, best_end = cue, m.end()
        mods += [(start, end, kind) for kind, end in longest.items()]
        if best is not None:
            end = best_end
            while end > start and text[end - 1].isspace():
                end -= 1
            confidence = best.confidence
            if confidence >= _CONFIDENCE["strong"] and " " in text[start:end]:
                confidence = round(confidence + _PHRASE_BONUS, 3)
            hits.append((start, end, _Cue(best.pattern, best.kind, best.frame, confidence, best.order)))
            last_end = end
    return hits, mods


# -- stance, aspect, holder --------------------------------------------------------------------------------

def _clause_start(text: str, sentence_start: int, start: int) -> int:
    """Where the clause that holds ``start`` begins: after the last clause break before it in its sentence."""
    begin = sentence_start
    for m in _BREAK.finditer(text, sentence_start, start):
        begin = m.end()
    return begin


def _words(gap: str) -> list[str]:
    return [w for w in (x.strip(_QUOTES).lower() for x in gap.split()) if w]


def _negations(text: str, left: list[tuple[int, int, str]], start: int) -> int:
    """How many negation and denial cues of the clause govern the span from its left."""
    n = 0
    for s, e, kind in left:
        if kind not in _STANCE_KINDS or e > start:
            continue
        words = _words(text[e:start])
        if kind == "denial":
            n += len(words) <= _DENIAL_REACH
        else:
            n += len(words) <= _PARTICLE_REACH and all(w in _GAP_WORDS for w in words)
    return n


def _comment(text: str, left, right, start: int, end: int) -> int | None:
    """Where a reporter calls the span's claim untrue (after it, in its clause) or contested (before it), or None."""
    for s, _, kind in right:
        if kind == "refutation":
            gap = text[end:s]
            if _BREAK.search(gap) is None and len(_words(gap)) <= _REFUTATION_REACH:
                return s
            break
    for s, e, kind in left:
        if kind == "contest" and e <= start and len(_words(text[e:start])) <= _CONTEST_REACH:
            return s
    return None


def _aspect(mods, mod_starts: list[int], s_start: int, s_end: int, start: int, end: int) -> str | None:
    """The kind of the aspect cue nearest the span in its sentence (within reach), or None."""
    lo = bisect_left(mod_starts, max(s_start, start - _ASPECT_REACH - 60))
    hi = bisect_right(mod_starts, min(s_end, end + _ASPECT_REACH))
    best, best_distance = None, _ASPECT_REACH + 1
    for s, e, kind in mods[lo:hi]:
        if kind not in _ASPECTS or s < s_start or e > s_end:
            continue
        distance = max(0, s - end, start - e)
        if distance < best_distance:
            best, best_distance = kind, distance
    return best


def _containing(scopes: list[Scope], hits) -> list[list[Scope]]:
    """For each hit (in text order), the scopes that hold it, in ``ctx.scopes`` order.

    A sweep over the scopes sorted by start, keeping those still open in a heap by end: the same answer
    as asking ``ctx.scope_at`` for each hit, without reading every scope for every hit.
    """
    order = sorted(range(len(scopes)), key=lambda i: scopes[i].start)
    open_: list[tuple[int, int]] = []
    k = 0
    out = []
    for start, end, _ in hits:
        while k < len(order) and scopes[order[k]].start <= start:
            heapq.heappush(open_, (scopes[order[k]].end, order[k]))
            k += 1
        while open_ and open_[0][0] < end:
            heapq.heappop(open_)   # it ends before this hit does, so before every later one that starts here or on
        out.append([scopes[i] for i in sorted(i for e, i in open_ if e >= end)])
    return out
