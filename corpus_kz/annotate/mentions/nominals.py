"""Descriptions that refer to one entity (rule ``mention_nominal``, form ``nominal``, PERSON and ORG only).

"the minister", "our correspondent": the person last introduced with that title, else the registry's
holder of that description; the registry's descriptions of bodies ("authorities", "riot police") used as
a noun phrase; a lowercase state body with the place it serves ("interior ministry of Kazakhstan"). The
registry's descriptions apply only in a text about its world
(:attr:`corpus_kz.annotate.base.Context.descriptions_apply`).
"""

from __future__ import annotations

import bisect
import re

from ..text import alternation
from .candidates import NOMINAL, Candidate
from .page import Page
from .scan import CAPITAL, Scan, prev_word, starts_word
from .vocabulary import BODY_HEADS, FUNCTION, HOME_WORDS, PERSON_HEADS

__all__ = ["candidates"]

# After a person's title, a name or "of <Name>" makes it a title, not a description ("President Tokayev",
# "the president of Kyrgyzstan").
_TITLE_AFTER = re.compile(rf"[ \u00a0]+(?:{CAPITAL}|of[ \u00a0]+{CAPITAL})")
_DET = r"(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)"
_TITLE_DET = re.compile(
    rf"(?:\b{_DET}[ \u00a0]+(?:{CAPITAL}[\w/.-]*(?:['’]s)?[ \u00a0]+)?|{CAPITAL}[\w/.-]*['’]s[ \u00a0]+)"
    r"(?P<mods>(?:(?:former|new|late|then|current|incumbent|outgoing|acting|deputy|vice|interior|foreign|prime)"
    r"[ \u00a0]+)*)$")
_TITLE_BEFORE_NAME = re.compile(
    rf"(?<![^\W_])((?:(?:[Ff]ormer|[Nn]ew|[Ll]ate|[Aa]cting|[Dd]eputy|[Vv]ice|{CAPITAL}[^\W\d_]+)[ \u00a0]+)*)"
    rf"({alternation([v for w in PERSON_HEADS for v in (w, w.capitalize())])})"
    rf"(?:[ \u00a0]+(?:in|of|at|for|from)[ \u00a0]+{CAPITAL}[\w-]*(?:[ \u00a0]+{CAPITAL}[\w-]*)*)?,?[ \u00a0]+$")

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


def candidates(text: str, gz, page: Page, scan: Scan, cands: list[Candidate],
               registry_world: bool) -> list[Candidate]:
    """Descriptions of persons and bodies.

    ``registry_world`` (:attr:`corpus_kz.annotate.base.Context.descriptions_apply`):
    whether the text is about the registry's world; if not, a description refers to a person the text
    introduced with that title or to nothing ("the president" of a story about Peru is not the registry's)."""
    out: list[Candidate] = []
    titled: dict | None = None
    phrases = _phrases_by_head(gz) if registry_world else {}
    for s0, e, word in scan.anchors:
        if word in PERSON_HEADS and not _TITLE_AFTER.match(text, e):
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
        if word in BODY_HEADS and (c := _institution(text, gz, page, s0, e, registry_world)) is not None:
            out.append(c)
    return out


def _person_description(text: str, gz, page: Page, d: re.Match, s0: int, e: int, head: str, titled,
                        registry_world: bool) -> Candidate | None:
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
            return Candidate(s, e, "PERSON", c.entity_id, NOMINAL, 0.6, "nominal", c.key)
    if not registry_world or _foreign(d.group(0)):
        return None  # "Kyrgyzstan's president", "the Russian foreign minister": not the registry's holder
    eid = gz.nominals.get(" ".join(text[s:e].lower().split()))
    if eid is not None and gz.entities[eid].label == "PERSON":
        return Candidate(s, e, "PERSON", eid, NOMINAL, 0.5, "nominal")
    return None


def _foreign(before: str) -> bool:
    """Whether the words before a title qualify it by a name other than the registry's own state's."""
    return any(w[:1].isupper() and w.lower() not in HOME_WORDS and w.lower() not in _DETERMINERS
               for w in before.split())


def _titled(text: str, cands: list[Candidate]) -> dict[tuple[str, bool], tuple[list[int], list[Candidate]]]:
    """Who was introduced with which title: "Interior Minister Kalmukhambet Kasymov", "spokeswoman
    Victoria Nuland", "former President Nursultan Nazarbayev": (title, former?) -> (positions, mentions),
    in text order."""
    out: dict[tuple[str, bool], tuple[list[int], list[Candidate]]] = {}
    for c in sorted((c for c in cands if c.label == "PERSON" and c.form == "name"), key=lambda c: c.start):
        m = _TITLE_BEFORE_NAME.search(text, max(0, c.start - 80), c.start)
        if m is not None:
            mods = m.group(1).lower()
            positions, people = out.setdefault((m.group(2).lower(), "former" in mods or "ex" in mods.split()), ([], []))
            positions.append(c.start)
            people.append(c)
    return out


def _body_description(text: str, gz, page: Page, s: int, e: int, phrases: list[str]) -> Candidate | None:
    """A description of a body from the registry ("authorities", "riot police") used as a noun phrase."""
    phrase = None
    for p in phrases:
        ps = e - len(p)
        if ps >= 0 and text[ps:e].lower().replace("\u00a0", " ") == p and starts_word(text, ps):
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
    ws, prev = prev_word(text, s)
    if prev.lower() == "of" and prev_word(text, ws)[1].lower() in _OFFICE_OF:
        return None  # part of a job title: "the chief of police"
    extended = False
    while prev.lower() in _BODY_MODIFIERS:  # from the first modifier: "local police", "regional authorities"
        s, extended = ws, True
        ws, prev = prev_word(text, s)
    if prev and prev[0].islower() and prev not in FUNCTION and _ADJECTIVE.search(prev):
        return None  # another body: "political forces"
    bare_ok = phrase.split()[-1] in _BARE_OK_HEADS or " " in phrase or extended
    if not bare_ok:
        if not (prev.lower() in _DETERMINERS or prev.endswith(("'s", "’s")) or prev[:1].isupper()):
            return None  # "government" needs its determiner: "the government", "Kazakh government"
        if page.in_titlecase(s):
            return None
    return Candidate(s, e, entity.label, eid, NOMINAL, 0.6, "nominal")


# A lowercase description of one state body with the place it serves (codebook §7): "interior ministry
# of Kazakhstan", "police department of Zhambyl region", "mayor's office of Tokmak".
_INSTITUTION_REST = re.compile(
    r"(?:[ \u00a0]+(?:department|precinct|office))?[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?"
    rf"(?P<place>{CAPITAL}[\w-]*(?:[ \u00a0]{CAPITAL}[\w-]*)*)"
    r"(?:[ \u00a0]+(?:region|district|province|city|oblast|county))?(?![\w-])")
_INSTITUTION_MODIFIERS = frozenset("""
interior foreign health defence defense emergency emergencies justice finance education local regional city
district provincial state national municipal border security police tax customs mayor's governor's akim's
prosecutor's mayor’s governor’s akim’s prosecutor’s
""".split())


def _institution(text: str, gz, page: Page, b: int, be: int, registry_world: bool) -> Candidate | None:
    if text[b].isupper():
        return None  # "Ministry of …" is a name: the capitalised rule's
    m = _INSTITUTION_REST.match(text, be)
    if m is None:
        return None
    s = b
    ws, prev = prev_word(text, s)
    while prev.lower() in _INSTITUTION_MODIFIERS:
        s = ws
        ws, prev = prev_word(text, s)
    e = m.end()
    if page.excluded(s, e):
        return None
    place = gz.link(m.group("place"), descriptions=False)
    if place is not None and gz.entities[place].label not in ("GPE", "LOC"):
        return None  # of an organisation, not of a place: "the board of KazMunaiGas"
    phrase = text[s:e]
    eid = gz.link(phrase[:phrase.rfind(" of ")], "ORG", descriptions=registry_world)
    key = None if eid is not None else "institution " + " ".join(phrase.lower().split())
    return Candidate(s, e, "ORG", eid, NOMINAL, 0.5, "nominal", key)
