"""What kind of entity an unknown name is, from its cues (rule ``mention_capitalised``).

Strongest first: a title before it, the general lists (countries, capitals, regions, news organisations,
nationality words), a capitalised head word ("… University", "… Republic"), a dateline or the country
after it ("Khorog, Tajikistan"), the lowercase noun after it ("Masanchi village"), the word before it
("the village of …", "in …"), a verb of saying after it, and the shape of its words (acronyms, inner
capitals, -stan, -ov).
"""

from __future__ import annotations

import re

from ..gazetteer import fold
from .scan import prev_word
from .vocabulary import (CAPITAL_CITIES, COUNTRIES, COUNTRY_ACRONYMS, DEMONYMS, EVENT_HEADS, FAC_HEADS, FAC_NOUNS,
                         GPE_HEADS, GPE_NOUNS, KNOWN_ORGS, LOC_HEADS, ORG_HEADS, ORG_NOUNS, REGIONS, SUBDIVISIONS)

__all__ = ["demonym", "guess", "head_label", "is_acronym", "lexicon_label"]


def guess(text: str, s: int, e: int, words: list[str], titled: bool) -> tuple[str, float, bool]:
    """A name's label from its cues, strongest first: (label, confidence, whether a cue was strong)."""
    lowered = [w.lower() for w in words]
    joined = " ".join(lowered)
    if titled:
        return "PERSON", 0.75, True
    known = lexicon_label(joined)
    if known:
        return known, 0.75, True
    head = head_label(lowered) or _state_body(lowered)
    if head and len(words) >= 2:
        return head, 0.65, True
    if _DATELINE_AFTER.match(text, e) and (s == 0 or text[s - 1] == "\n"):
        return "GPE", 0.75, True  # "KHOROG, Tajikistan (AP) —": a dateline names where the story was filed
    if _PLACE_APPOSITION_AFTER.match(text, e):
        return "GPE", 0.65, True  # "Batken, a border province,": what the name is, said after it
    country = _COUNTRY_AFTER.match(text, e)
    if country and lexicon_label(country.group(1).lower()) == "GPE":
        return "GPE", 0.5, True  # "Khorog, Tajikistan": a place, then the country it is in
    if demonym(joined):
        return "NORP", 0.7, True
    after = text[e:e + 40]
    nxt = _NEXT_WORD.match(after)
    nxt = nxt.group(1).lower() if nxt else ""
    if nxt in GPE_NOUNS or _BASED.match(after):
        return "GPE", 0.65, True
    if nxt in FAC_NOUNS or after.lower().startswith((" border post", " border crossing", " checkpoint")):
        return "FAC", 0.6, True
    if nxt in ORG_NOUNS:
        return "ORG", 0.6, True
    ws, prev = prev_word(text, s, _BEFORE_NAME)  # across a comma or an opening mark: "capital, Nukus", "‘Bir Duino’"
    prev = prev.lower()
    if prev == "of":
        prev2 = prev_word(text, ws)[1].lower()
        if prev2 in _PLACE_NOUNS:
            return "GPE", 0.6, True
    if prev in _PLACE_NOUNS and not (len(words) >= 2 and "," in text[ws:s] and _VERB_AFTER.match(after)):
        return "GPE", 0.6, True  # "the capital, Nukus", but not "in the capital, Ana Vidal attacked …"
    if prev in _ORG_NOUNS_BEFORE:
        return "ORG", 0.55, True
    if len(words) == 1 and words[0] in COUNTRY_ACRONYMS:
        return "GPE", 0.6, True
    if len(words) == 1 and is_acronym(words[0]):
        return "ORG", 0.55, True
    if any(_CAMEL.search(w) for w in words):
        return "ORG", 0.5, True  # KazMunaiGas, PetroChina: the shape of company names
    if _GPE_SHAPE.search(joined) and len(words) <= 2:
        return "GPE", 0.55, True
    if prev in _PLACE_PREPOSITIONS and not (prev == "to" and _SAID_AFTER.match(after)):
        return "GPE", 0.4, False  # "Police in Salt Creek said": the preposition says where, not who
    if prev in _ROLES_BEFORE or _SAID_AFTER.match(after) or _APPOSITION_AFTER.match(after):
        return "PERSON", 0.55, True  # before the ending of an outlet's name: "Blair said", "analyst Ann Holcom"
    if _ORG_SHAPE.search(joined):
        return "ORG", 0.5, True  # Tengrinews, Zakon.info, Microsoft: the endings of outlets' and companies' names
    if any(_SURNAME_SHAPE.search(w) for w in lowered):
        return "PERSON", 0.5, True
    if 2 <= len(words) <= 4:
        return "PERSON", 0.4, False
    return "PERSON", 0.3, False


def lexicon_label(joined: str) -> str | None:
    """The label the general lists give a name, lowercase ("soviet union" → GPE), or None."""
    if not joined.isascii():
        joined = fold(joined)  # "i̇stanbul" (İstanbul lowercased), "türkiye"
    if joined in COUNTRIES or joined in CAPITAL_CITIES or joined in SUBDIVISIONS:
        return "GPE"
    if joined in REGIONS:
        return "LOC"
    if joined in KNOWN_ORGS:
        return "ORG"
    return None


def _state_body(lowered: list[str]) -> str | None:
    """ORG for a state's body named with its country ("environment canada", "statistics norway"), else None."""
    if 2 <= len(lowered) <= 3 and lowered[0] in _STATE_BODY_WORDS and lexicon_label(lowered[-1]) == "GPE":
        return "ORG"
    return None


def head_label(lowered: list[str]) -> str | None:
    """The label a capitalised head word gives a multi-word name ("… University", "… Republic", "… Sea")."""
    for w in reversed(lowered):
        if w in ORG_HEADS:
            return "ORG"
        if w in GPE_HEADS:
            return "GPE"
        if w in FAC_HEADS:
            return "FAC"
        if w in LOC_HEADS:
            return "LOC"
        if w in EVENT_HEADS:
            return "EVENT"
    return None


# What a body of a state is for, before its country's name: "Environment Canada", "Transport Canada",
# "Statistics Norway", "Radio Free Europe" ends otherwise. Not given names ("Michael Jordan").
_STATE_BODY_WORDS = frozenset("""environment transport health statistics immigration parks fisheries elections
finance justice defence defense sport sports radio television amnesty safety agriculture heritage employment industry
innovation revenue export trade tourism water energy food""".split())
_VERB_AFTER = re.compile(r"[ \u00a0]+[a-z]+ed\b")
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
_PLACE_PREPOSITIONS = frozenset("in near outside across into throughout towards toward from at to via".split())
_PLACE_APPOSITION_AFTER = re.compile(r",[ \u00a0]+(?:an?|the)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,3}?(?:village|town|city|"
                                     r"district|region|province|oblast|county|capital|settlement|republic|port|"
                                     r"suburb|state)\b")
_COUNTRY_AFTER = re.compile(r",[ \u00a0]+([A-Z][\w.-]*(?:[ \u00a0][A-Z][\w.-]*)?)(?![\w’'])")
# After a dateline's place: its country or region, the agency, and the dash before the story.
_DATELINE_AFTER = re.compile(r"(?:,[ \u00a0]+[A-Z][\w.’'-]*(?:[ \u00a0]+[A-Z][\w.’'-]*){0,2})?[ \u00a0]*"
                             r"(?:\([^()\n]{1,30}\)[ \u00a0]*)?(?:[—–]|--|-[ \u00a0])")
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


def demonym(joined: str) -> bool:
    """Whether a name, lowercase, is a nationality word ("uzbek", "uzbeks", "kazakhstanis")."""
    return (joined in DEMONYMS or (joined.endswith("s") and joined[:-1] in DEMONYMS)
            or bool(_DEMONYM_SHAPE.search(joined)))


def is_acronym(word: str) -> bool:
    """Whether every letter of ``word``, two at least, is a capital ("RFE/RL", "CSTO")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
