"""Predicted figures: every number that counts or measures something (codebook §5), normalised.

Numbers are found fast (one scan for digits, one for the first words of a number in the lowercased
text) and each is read where it starts with one anchored regular expression:

* digits ("4,500", "58.9", "1.5 million", a range "10-15"), number words ("Thirty-four", "four
  thousand", "a thousand", "a pair", "a dozen") and vague amounts ("dozens", "tens of thousands");
* zero counts: "no" or "none" when what follows says people were killed, hurt, held or made to
  flee, or property damaged ("no police officers were killed"; not "no provocations", "no one may");
* implicit counts: "another" before a casualty noun ("claimed another life").

Each number is then read in its context with word lists of general news English, no parser:

* span: the qualifier, the number and the counted noun with its modifiers ("about 400 people",
  "25 private houses"); an of-phrase after a vague amount, a share, "a thousand" or a partitive is
  included ("hundreds of people", "90 per cent of Dungans", "six of the injured"), and a place a people
  noun belongs to ("citizens of Kazakhstan"); a number whose noun is absent is taken alone, and only as
  the subject of a predicate, after "with", "another", "including" ("with 13 still in hospital"), as the
  object of a verb of arrest, injury or killing ("detained 37", whose quantity that verb gives), when
  hedged ("about 600"; not a clock time, "at about 10"), or as a partitive of a pronoun ("Two of them",
  "of them" in the span);
* left out: years (a year in a date too: "16 December 2011 police"), calendar dates, clock times, ages, money, ordinals, numbers in names, ids and
  codes ("Article 5", "COVID-19", "Apollo 11"), relative dates ("two days earlier"), "one" that counts
  nothing ("one of them", "one day"), and "many", "some", "several", "few" (no number);
* ``qualifier`` from the words before the number ("about", "around", "some", "nearly", "at least",
  "more than", "over", "up to", …); a converted measure in brackets takes its antecedent's ("about
  130 km (81 miles)"); a range is ``up_to`` its upper bound; ``vague``, with ``value`` None, for
  vague amounts;
* ``unit`` from the counted noun (a capitalised plural such as "Kazakhs" is people);
  ``quantity`` from casualty, arrest, protest, flight, return or damage words inside the span, then
  in the predicate after it (shared by a list: "30 homes, 15 shops and 20 cars were damaged"), then
  before it in its clause, then from the noun itself ("protesters", "shotguns"); a quantity must
  suit the unit (people are killed, houses damaged; seats, villages and years are ``other``);
* ``event``: the document's (``ctx.event``, None when it is not known); another declared event's
  (``ctx.events``) when the sentence names a year it ran in and the sentence or the text names one of
  its places ("the 2011 Zhanaozen protests"; not "the 2011 Arab Spring"); None for context numbers
  (population shares, distances, spans of years);
* numbers too large to count anything (over 10^12, or thousands of digits) are no figures.
* ``source``: the attribution whose content holds the figure (``ctx.scope_at``), else ``author``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from ..records import Event, Figure
from ..vocab import AUTHOR
from .base import Context, event_places, make, record_id

__all__ = ["find"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- the number itself ---------------------------------------------------------------------------

_UNIT_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
               "fifteen|sixteen|seventeen|eighteen|nineteen")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BASE = rf"(?:(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{_UNIT_WORDS})"
_SCALE = "hundred|thousand|million|billion"
# Thousands are grouped by commas, or by a no-break or thin space ("4 578"), never by a plain space.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\xa0\u202f\u2009]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SPACE = r"[ \t\xa0]+"

_NUMBER = re.compile(
    # not inside a word, a code or an amount of money: "ab42", "COVID-19", "$4", "#5", "09:00", "5.5"
    r"(?<![\w$€£¥₸@#№/+:.\-])(?<!\w-)"
    r"(?:"
    r"(?P<vague>(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions)"
    r"|(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)s?"
    r"|dozens|hundreds|thousands|millions|scores(?=\s+of\b))"
    r"|(?P<lo>\d+)\s?[-–]\s?(?P<hi>\d+)(?![\d,.]?\d)"
    rf"|(?P<digits>{_DIGITS})(?:\s+(?P<scale>{_SCALE}))?"
    rf"|(?P<a>an?\s+(?:(?:{_SCALE})(?:\s+(?:{_SCALE}))*|dozen|pair))"
    rf"|(?P<words>{_BASE}(?:\s+(?:{_SCALE})(?:\s+(?:and\s+)?{_BASE}(?=\s+(?:{_SCALE})\b|(?![\w-])))?)*"
    r"(?:\s+dozen)?)"
    r")(?![\w]|-\w|[.,/]\d)",  # not "7th", "10am", "25-year-old", "three-day", "9/11"
    re.IGNORECASE)

_ZERO = re.compile(r"(?:no|none|another)\b", re.IGNORECASE)



def _by_first_letter(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter ("t(?:wo|en|…)"): the scan tries far fewer branches."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{k}(?:{'|'.join(v)})" for k, v in groups.items())


# Where a number or a zero count may start: a case-blind alternation tried at every position is
# several times slower than these two scans, the second over the lowercased text.
_DIGIT_RUN = re.compile(r"\d+")
_WORD_START = re.compile(
    r"\b(?:(?P<zero>no|none|another)|"
    + _by_first_letter(f"{_UNIT_WORDS}|{_TENS}|dozens|hundreds|thousands|millions|scores|tens|several".split("|"))
    + rf"|a{_SPACE}few|an?{_SPACE}(?:{_SCALE}|dozen|pair))\b")
_WORD_START_ANY_CASE = re.compile(_WORD_START.pattern, re.IGNORECASE)


def _starts(text: str) -> list[tuple[int, bool]]:
    """(position, is a zero count) of every place a figure may start, in text order."""
    low = text.lower()
    if len(low) == len(text):
        found = _WORD_START.finditer(low)
    else:  # a letter whose lowercase is longer ("İ") would shift the offsets
        found = _WORD_START_ANY_CASE.finditer(text)
    out = [(m.start(), m.group("zero") is not None) for m in found]
    out += [(m.start(), False) for m in _DIGIT_RUN.finditer(text)]
    out.sort()
    return out


@lru_cache(maxsize=4096)
def _word_value(words: str) -> float | None:
    """The value of a number written in words ("Thirty-four" 34, "a thousand" 1000, "two dozen" 24)."""
    w = " ".join(words.lower().split())
    if w == "a pair":
        return 2.0
    if w == "a dozen":
        return 12.0
    factor = 1
    if w.endswith(" dozen"):
        w, factor = w[: -len(" dozen")], 12
    if w.startswith(("a ", "an ")):
        w = "one " + w.split(" ", 1)[1]
    try:
        return float(text2num(w, "en")) * factor
    except ValueError:
        return None


_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_GROUPING = re.compile(r"[,\xa0\u202f\u2009]")


# -- the words before a number ----------------------------------------------------------------------

#: Qualifier phrases (lowercase, one space) -> qualifier; looked up on the one to three words before.
_QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(("at least", "no fewer than", "no less than", "not fewer than", "not less than",
                     "a minimum of"), "at_least"),
    **dict.fromkeys(("up to", "as many as", "no more than", "not more than", "at most", "fewer than", "less than",
                     "just under", "under", "a maximum of"), "up_to"),
    **dict.fromkeys(("more than", "over", "well over", "just over", "slightly over", "just more than",
                     "slightly more than", "well above", "upwards of", "in excess of", "above"), "more_than"),
    **dict.fromkeys(("about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
                     "an estimated", "estimated", "approx.", "circa", "an approximate"), "about"),
}
_MONTH_NAMES = _words("""January February March April May June July August September October November December
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""")
_MONTH_AFTER = re.compile(r"(?:\s*(?:and|-|–|to)\s*\d{1,2})?\s+(?:of\s+)?(?:" + "|".join(_MONTH_NAMES) + r")\b")
_ID_WORDS = _words("""article articles section chapter paragraph clause page pages decree resolution law flight
route highway room item platform gate version model number no. nos. art. #""")
_MONEY_WORDS = _words("us$ us usd eur kzt rub rs")
_AGE_WORDS = _words("age ages aged")
_BARE_WORDS = _words("another additional further with including")
_BARE_PAIRS = frozenset(("of whom", "of them", "among them", "of which"))
_TALLY_WORDS = _words("toll number total tally count figure")
#: Verbs whose object is people: a bare number after one counts them ("detained 37", "killed about 14").
_PEOPLE_VERBS = _words("""arrest arrests arrested arresting detain detains detained detaining kill kills killed
killing injure injures injured injuring wound wounds wounded wounding hurt hurting jail jails jailed jailing
imprison imprisoned hospitalised hospitalized evacuated""")
#: Before a small hedged number these make it a clock time ("at about 10"), not a count.
_TIME_PREPOSITIONS = _words("at by until till from after before since")
_TALLY_VERBS = _words("to at of is was stands stood reached rose climbed hit")
_SKIP_CAPITALISED = _words("another some with only about around over nearly almost")


_OPENERS = "“\"‘«(["


@dataclass(slots=True)
class _Before:
    """The words just before a number (up to five), and how they bear on it."""

    words: list[str]  # as written, without an opening quote or bracket
    lower: list[str]
    ends: tuple[str, str, str]  # the last one, two and three words, lowercased, one space between; "" if none

    @classmethod
    def read(cls, text: str, s: int) -> _Before:
        chunk = text[max(0, s - 48):s]
        words = [w.lstrip(_OPENERS) or w for w in chunk.split()[-5:]]
        lower = [w.lower() for w in words]
        n = len(lower) if chunk[-1:].isspace() else 0  # after "(" or a quote no word is next to the number
        ends = tuple(" ".join(lower[-k:]) if n >= k else "" for k in (1, 2, 3))
        return cls(words, lower, ends)

    def qualifier(self) -> tuple[str, int] | None:
        """The qualifier before the number and how many words it takes, or None."""
        for n in (3, 2, 1):
            q = _QUALIFIERS.get(self.ends[n - 1])
            if q is not None:
                return q, n
        return None

    def excludes(self, small: bool) -> bool:
        """Money, an id or code, an age, or (for a ``small`` number) a day after its month."""
        last = self.ends[0]
        if last in _MONEY_WORDS or last in _ID_WORDS or any(w in _AGE_WORDS for w in self.lower[-4:]):
            return True  # "$4", "Article 5", "aged 45", "ages 16 to 24"
        return small and bool(self.words) and self.words[-1].rstrip(".,") in _MONTH_NAMES

    def bare_ok(self, skip: int = 0) -> bool:
        """"with 13", "another 39", "including two", "the death toll rose to 225", "detained 37": a bare number
        is a count. ``skip``: how many words of a qualifier stand between these words and the number."""
        if self.ends[0] in _BARE_WORDS or self.ends[1] in _BARE_PAIRS:
            return True
        if self.word(skip) in _PEOPLE_VERBS:
            return True  # the object of a verb of arrest, detention, injury or killing: "arrested about 50"
        return self.ends[0] in _TALLY_VERBS and any(w.strip(",.") in _TALLY_WORDS for w in self.lower[:-1])

    def word(self, skip: int) -> str:
        """The lowercased word ``skip`` words before the last one (without punctuation), or ""."""
        if self.ends[0] == "" or len(self.lower) <= skip:
            return ""
        return self.lower[-1 - skip].rstrip(",.;:")

    def in_date(self) -> bool:
        """Whether a number here is the year of a date: "16 December 2011", "December 16, 2011", "Dec. 2011"."""
        if not self.words:
            return False
        last = self.words[-1]
        if last.rstrip(".,") in _MONTH_NAMES:
            return True
        return len(self.words) >= 2 and last.endswith(",") and last[:-1].isdigit() and len(last) <= 3 \
            and self.words[-2].rstrip(".,") in _MONTH_NAMES

    def part(self) -> bool:
        """"including one", "of whom two": a part of the count just made."""
        return self.ends[0] == "including" or self.ends[1] in _BARE_PAIRS


# -- what a number must not be ---------------------------------------------------------------------

_TIME_AFTER = re.compile(r":\d\d|\s*(?:a\.?m\b\.?|p\.?m\b\.?|o['’]clock|GMT|UTC|hrs\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[\s-]*years?[\s-]*old\b", re.IGNORECASE)
_RELATIVE_DATE = _words("earlier later ago previously before hence")
_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")
_CURRENCIES = _words("""dollar dollars euro euros tenge rouble roubles ruble rubles pound pounds yuan som soms
manat manats lira yen franc francs cent cents usd eur kzt rub rupee rupees dinar dinars peso pesos krona kronor
krone kroner rand shekel shekels dirham dirhams riyal riyals lari hryvnia hryvnias dram drams somoni tugrik tugriks
soum""")


# -- the counted noun ------------------------------------------------------------------------------

#: Nouns that count people (singular and plural); "one" and "no" need one of these, or a thing below.
# Singulars that are as often adjectives ("local", "national", "official", "civilian") are left out.
_PEOPLE = _words("""people persons person man men woman women child children kid kids boy boys girl girls
baby babies teenager teenagers youth youths adults resident residents citizen citizens
nationals civilians inhabitant inhabitants villager villagers locals
individuals protester protesters protestor protestors demonstrator demonstrators marcher marchers
striker strikers worker workers employee employees miner miners officer officers policeman policemen
policewoman police soldier soldiers troop troops serviceman servicemen personnel guard guards
guardsman guardsmen officials journalist journalists reporter reporters activist activists
student students member members victim victims patients detainee detainees prisoner prisoners
inmate inmates refugee refugees migrant migrants evacuee evacuees fighter fighters militant militants
terrorist terrorists rioter rioters looter looters attacker attackers gunman gunmen insurgent insurgents
participant participants supporter supporters opponent opponents son sons daughter daughters brother
brothers sister sisters relatives father fathers mother mothers husband husbands wife wives
doctor doctors medic medics nurse nurses volunteer volunteers pensioner pensioners farmer farmers
leader leaders elder elders suspect suspects passenger passengers driver drivers teacher teachers
others life lives body bodies casualty casualties fatality fatalities death deaths injury injuries
one nobody""")
_HOUSES = _words("house houses home homes apartment apartments flat flats dwelling dwellings residence residences")
_SHOPS = _words("""shop shops store stores outlet outlets kiosk kiosks boutique boutiques business businesses
supermarket supermarkets restaurant restaurants cafe cafes market markets""")
_VEHICLES = _words("""car cars vehicle vehicles truck trucks lorry lorries bus buses van vans minibus minibuses
automobile automobiles taxi taxis tank tanks""")
_BUILDINGS = _words("""building buildings school schools kindergarten kindergartens hospital hospitals clinic
clinics office offices station stations facility facilities mosque mosques church churches bank banks
premises headquarters warehouse warehouses factory factories plant plants structure structures
akimat akimats administration administrations courthouse courthouses""")
_WEAPONS = _words("""weapon weapons gun guns shotgun shotguns rifle rifles firearm firearms pistol pistols
handgun handguns grenade grenades cartridge cartridges rounds ammunition knife knives""")
_DURATIONS = _words("""year years month months week weeks day days night nights hour hours minute minutes
decade decades century centuries""")
_COUNTABLE = _PEOPLE | _HOUSES | _SHOPS | _VEHICLES | _BUILDINGS | _WEAPONS
#: Plural nouns of the lists: a four-digit number before one of them is a count, not a year ("1500 people").
_PLURALS = frozenset(w for w in _COUNTABLE if w.endswith("s")) | _words(
    "people police personnel men women children gunmen policemen servicemen guardsmen")
_YEAR_BEFORE = _words("in since by until till from of during before after the early late mid")

_UNIT_OF: dict[str, str] = {}
for _unit_name, _nouns in (("people", _PEOPLE), ("houses", _HOUSES), ("shops", _SHOPS), ("vehicles", _VEHICLES),
                           ("buildings", _BUILDINGS)):
    _UNIT_OF.update(dict.fromkeys(_nouns, _unit_name))
_UNIT_OF.update(dict.fromkeys(_WEAPONS | _DURATIONS, "other"))

#: Adjectives that name casualties and stand for their noun ("more than 85 wounded").
_CASUALTY_HEADS = _words("""wounded injured dead killed missing detained arrested displaced homeless
hospitalized hospitalised hurt""")
_ANOTHER_HEADS = _words("""life death person man woman child policeman officer soldier protester civilian victim
body casualty journalist resident worker""")

# Closed-class words and frequent verbs and adverbs: a counted noun phrase never runs over them.
_STOP = _words("""a an the and or but nor of in on at to from by with for into onto over under after before
during since until till between among against across through about around near as than that which who
whom whose where when while if because so is are was were be been being has have had do does did will
would can could may might must shall should not no also still only just even again already now then there
here reportedly allegedly this these those it its they them their he she his her we our you your i me my
each every all some many most such what said says say told according including included who's alive
earlier later ago old west east north south away out up down off per other another same whether yet
though although however like unlike via remains remain remained seems seem means shows goes comes takes
makes gives needs wants stays includes contains lies becomes appears looks gets puts runs holds keeps
faces hopes plans expects believes thinks knows tells asks calls claims reports states adds notes warns
insists denies accuses blames continues depends exists happens occurs follows leads suggests involves
requires represents""")

# A word, in quotation marks when it is quoted alone ("20,000 foreign-trained “terrorists”"); a closing
# mark after an unquoted word closes a longer quote and stays out.
_WORD = re.compile(r"[ \t\xa0]+(?P<q>[“\"‘«])?(?P<w>[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?)(?(q)[”\"’»]?)")
_PERCENT_AFTER = re.compile(r"\s*%|[ \t\xa0]+(?:per[ \t\xa0]?cent|percent|pct|percentage[ \t\xa0]+points?)\b",
                            re.IGNORECASE)
_KM_AFTER = re.compile(r"[ \t\xa0]*(?:km|kms|kilomet(?:er|re)s?)\b", re.IGNORECASE)
_OF = re.compile(r"[ \t\xa0]+of(?:[ \t\xa0]+(?:the|their|its|these|those|all))?(?=[ \t\xa0])", re.IGNORECASE)


def _is_noun(word: str) -> bool:
    """Whether ``word`` can end a counted noun phrase: a noun of the word lists, or a plural-looking word."""
    low = word.lower()
    if low in _UNIT_OF:
        return True
    if low in _STOP or low in _CASUALTY_HEADS or len(low) < 4:
        return False
    # Plural-looking: "villages", "seats", "Kazakhs", "“terrorists”"; not "serious", "across", "always".
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s", "ways", "less", "wards"))


@dataclass(slots=True)
class _Phrase:
    """The counted noun phrase after a number: where it ends and its head."""

    end: int
    head: str | None  # the head noun, lowercased; None when the number stands alone
    proper: bool = False  # the head is capitalised ("Kazakhs", "Kazakhstan")


def _noun_phrase(text: str, pos: int, limit: int = 4) -> _Phrase:
    """The counted noun phrase that starts at ``pos``: modifiers then nouns, never across a stop word."""
    head_end, head, proper = None, None, False
    for _ in range(limit):
        m = _WORD.match(text, pos)
        if m is None:
            break
        word = m.group("w")
        low = word.lower()
        if low in _STOP:
            break
        if _is_noun(word):
            head_end, head, proper = m.end(), low, word[0].isupper()
        elif head is not None and head not in _CASUALTY_HEADS:
            break  # after the noun only more nouns (compounds: "police officers"); "people dead" stops
        elif low in _CASUALTY_HEADS and head is None:
            head_end, head = m.end(), low  # "85 wounded"; a noun after it takes over ("hospitalized Kazakhs")
        elif head is not None:
            break
        pos = m.end()
    return _Phrase(head_end if head_end is not None else pos, head, proper)


def _of_phrase(text: str, pos: int, any_noun: bool = False) -> _Phrase | None:
    """"of X" after ``pos`` when X is what is counted ("of people", "of Dungans", "of Kazakhstan").

    With ``any_noun`` (after a share) X may be a singular noun too ("of the population", "of the vote").
    """
    m = _OF.match(text, pos)
    if m is None:
        return None
    np = _noun_phrase(text, m.end())
    if np.head is not None:
        return np
    w = _WORD.match(text, m.end())
    if w is None:
        return None
    word = w.group("w")
    if any_noun and word.lower() not in _STOP and not word.lower().endswith(("ed", "ing")) or word[0].isupper():
        return _Phrase(w.end(), word.lower(), word[0].isupper())
    return None


# -- what the figure counts ------------------------------------------------------------------------

#: Quantity -> cue words and phrases (a regular expression) of general news English: casualties,
#: treatment, arrests, flight, return, damage, protest, population. Searched inside the figure's span,
#: then in the predicate after it, then before it in its clause.
_CUES: tuple[tuple[str, str], ...] = (
    ("injured", r"sought\s+medical\s+(?:help|attention|assistance|aid|care)|suffered\s+injuries|"
                r"injur(?:ed|ing|ies|y|e|es)|wound(?:ed|ing|s)|hurt|beaten"),
    ("hospitalized", r"hospitali[sz](?:ed|ation)|hospitals?|treated|treatment|intensive\s+care|medical|"
                     r"(?:serious|critical|stable|grave|severe)(?:\s+\w+){0,2}\s+(?:condition|state)|critical"),
    ("deaths", r"killed|killing|kill|dead|died|dies|die|dying|deaths?|death\s+toll|toll|lives|life|"
               r"fatalities|fatality|perished|slain|murdered|bodies|casualties|shot\s+dead"),
    ("detained", r"detain(?:ed|ing|ees?)?|detention|arrest(?:ed|s|ing)?|(?:were|was|are|is|being|been)\s+held|"
                 r"custody|jailed|imprisoned|apprehended|prisoners|rounded\s+up"),
    ("displaced", r"fled|flee(?:ing|s)?|refugees?|evacuat(?:ed|ion|ing)|displaced|crossed\s+the\s+border|"
                  r"crossed|crossing|left\s+(?:the\s+country|their\s+homes)|homeless|sought\s+(?:refuge|shelter)|"
                  r"asylum"),
    ("returned", r"returned|return(?:ing|s)?|came\s+back|went\s+back|repatriated|back\s+home"),
    ("property_damaged", r"damaged|destroyed|burn(?:ed|t)|torched|looted|set\s+(?:on\s+fire|ablaze|alight)|"
                         r"vandali[sz]ed|razed|smashed|ransacked|demolished|wrecked"),
    ("participants", r"protest(?:s|ed|ing|ers?|ors?)?|rall(?:y|ies|ied)|demonstrat(?:ions?|ors?|ed)|gathered|"
                     r"gathering|march(?:ed|es)?|strik(?:e|es|ers|ing)|(?:took|take|taking)\s+to\s+the\s+streets?|"
                     r"(?:took|taken|take|taking|takes)\s+part|participa(?:nts|ted)|crowds?|fighters|militants|"
                     r"terrorists|rioters|insurgents|attackers|mob|blocked|stormed|attacked|"
                     r"(?:in|during)\s+the\s+(?:clashes|riots|unrest|fighting)"),
    ("population_share", r"population|census|makes?\s+up|made\s+up|majority|minority|inhabitants|residents|"
                         r"account\s+for|ethnic"),
)
# Searched in lowercased text: a case-blind alternation is several times slower.
_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _CUES) + r")\b")

_PEOPLE_QUANTITIES = frozenset({"deaths", "injured", "hospitalized", "detained", "participants", "displaced",
                                "returned"})
#: The quantities a unit can be a count of; any other unit counts something "other".
_FITS = {"people": _PEOPLE_QUANTITIES, "houses": {"property_damaged"}, "shops": {"property_damaged"},
         "vehicles": {"property_damaged"}, "buildings": {"property_damaged"}}
#: A noun's own quantity when nothing around it says otherwise.
_NOUN_QUANTITY = {
    **dict.fromkeys(_words("""protester protesters protestor protestors demonstrator demonstrators marcher
marchers striker strikers fighter fighters militant militants terrorist terrorists rioter rioters looter
looters attacker attackers gunmen insurgent insurgents participant participants"""), "participants"),
    **dict.fromkeys(_words("refugee refugees evacuee evacuees displaced homeless"), "displaced"),
    **dict.fromkeys(_words("detainee detainees prisoner prisoners detained arrested"), "detained"),
    **dict.fromkeys(_words("patient patients hospitalized hospitalised"), "hospitalized"),
    **dict.fromkeys(_words("wounded injured hurt injury injuries"), "injured"),
    **dict.fromkeys(_words("dead killed life lives body bodies death deaths fatality fatalities casualty casualties"),
                    "deaths"),
}

# A bare number's predicate, over the auxiliaries and adverbs before it ("39 were reported to be still …").
_PREDICATE = re.compile(r"(?:[ \t\xa0]+(?:were|was|are|is|have|had|has|been|being|be|still|also|later|reportedly|"
                        r"allegedly|reported|said|believed|thought|to|subsequently|eventually|then|of\s+them))*"
                        r"[ \t\xa0]+(?P<w>[A-Za-z]+)", re.IGNORECASE)
_SUBJECT_VERB = re.compile(r"[ \t\xa0]+(?:were|was|are|have|had|still|remain(?:ed)?|died)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]")
_LIST_GAP = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*(?:(?:and|or)[ \t\xa0]+)?")
_BRACKET_GAP = re.compile(r"[ \t\xa0]*[(\[][ \t\xa0]*")
_APPOSITION_GAP = re.compile(
    r"[ \t\xa0]*[,(–—-]?[ \t\xa0]*(?:including|among\s+them|of\s+whom|of\s+them)[ \t\xa0]+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()–—][ \t\xa0]|\b(?:while|whereas|but)\b")
_WORDS_AHEAD = re.compile(r"\W*\w+")
# "of them" after a number whose noun is absent ("two of those detained" has one: "detained").
_RATIO_AFTER = re.compile(r"[ \t\xa0]+(?:out[ \t\xa0]+)?(?:of|in)[ \t\xa0]+(?:\d+|ten|five|four|three|two|every)\b",
                          re.IGNORECASE)
_PARTITIVE = re.compile(r"[ \t\xa0]+of[ \t\xa0]+(?:them|us|you|these|those)\b", re.IGNORECASE)
_PROPER_PLURAL_OF = re.compile(r"\bof\s+(?:the\s+)?[A-Z]\w+s\b")

#: A number above this counts nothing a news report counts (the records take values up to 10^15).
_MAX_VALUE = 1e12
_CONTEXT_HEADS = _words("mile miles year years decade decades century centuries")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    num_start: int
    num_end: int
    number: str
    value: float | None
    qualifier: str
    head: str | None
    unit: str
    rule: str
    quantity: str = "other"
    cue: str = "none"  # where the quantity came from: span, after, before, noun, none
    part: bool = False  # after "including", "of whom": a part of the figure before it, its antecedent
    verb: str = ""  # the verb a bare number is the object of ("detained 37"): what it counts happened to them
    antecedent: _Candidate | None = None


# -- finding ---------------------------------------------------------------------------------------

def find(ctx: Context) -> list[Figure]:
    """The figures of ``ctx.text``, in text order, with ids f1, f2, …"""
    text = ctx.text
    found: list[_Candidate] = []
    number_end = 0
    for pos, zero in _starts(text):
        c = None
        if zero:
            m = _ZERO.match(text, pos)
            c = _read_zero(text, m) if m else None
        elif pos >= number_end and (m := _NUMBER.match(text, pos)) is not None:
            number_end = m.end()  # "thousand" in "four thousand" starts no number of its own
            c = _read_number(text, m)
        if c is not None:
            found.append(c)
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Candidate] = []
    for c in found:
        if not kept or c.start >= kept[-1].end:  # "one" inside "no one"
            kept.append(c)
    sents = ctx.sentences
    starts = [s for s, _ in sents]
    kept = _parts(kept, sents, starts)
    _conversions(text, kept)
    _quantities(text, kept, sents, starts)
    events = _Events(ctx, sents, starts)
    figures = []
    for c in kept:
        if c.rule in ("figure_zero", "figure_another") and c.quantity not in _PEOPLE_QUANTITIES | {"property_damaged"}:
            continue  # "no one may", "no choice", "another person said": no count of casualties
        scope = ctx.scope_at(c.start, c.end)
        figures.append(make(
            Figure, c.rule, _confidence(c), start=c.start, end=c.end, text=text[c.start:c.end],
            id=record_id("figures", len(figures) + 1), number=c.number, value=c.value, qualifier=c.qualifier, quantity=c.quantity,
            unit=c.unit, event=events.of(c), source=scope.agent if scope is not None else AUTHOR))
    return figures


def _read_number(text: str, m: re.Match) -> _Candidate | None:
    """A number read in its context, or None when it is no figure (a year, a date, a time, an id, …)."""
    s, e = m.span()
    g = m.group
    before = _Before.read(text, s)
    after = text[e:e + 24]
    if _TIME_AFTER.match(after) or _AGE_AFTER.match(after):
        return None
    read = _value(m, before, after)
    if read is None:
        return None
    value, qualifier, rule = read
    np, proper = _counted(text, e, vague_or_a=bool(g("vague") or g("a")), value=value)
    head = np.head
    w = _WORD.match(text, e)
    if head in _CURRENCIES or w is not None and w.group("w").lower() in _CURRENCIES:
        return None  # money: "20,000 tenge", "150 billion tenge a year" (a singular the noun phrase passes over)
    if head in _DURATIONS:
        w = _WORD.match(text, np.end)
        if w is not None and w.group("w").lower() in _RELATIVE_DATE or _AGE_AFTER.match(text, np.end):
            return None  # "two days earlier" is a date, "45 years old" an age
    known = head is not None and (head in _UNIT_OF or head in _CASUALTY_HEADS or head in ("percent", "km"))
    if g("digits") and g("scale") is None and _YEAR.fullmatch(g("digits")) and (
            head not in _PLURALS or proper or before.ends[0] in _YEAR_BEFORE or before.in_date()):
        # a year: "in 2007", "the 2009 census", "the 1951 Refugee Convention", "16 December 2011 police";
        # not "1500 people"
        return None
    q = before.qualifier()
    if not known and before.ends[0] and q is None:
        prev = before.words[-1]
        if prev[:1].isupper() and prev.lower() not in _SKIP_CAPITALISED and prev.isalpha() \
                and not _sentence_initial(text, _start_of_words(text, s, before.words[-1:])):
            return None  # a number in a name or code: "Apollo 11", "Boeing 737"

    start = s
    if q is not None:
        if qualifier == "exact":
            qualifier = q[0]
        start = _start_of_words(text, s, before.words[-q[1]:])
    part = before.part()
    end = np.end if head is not None else e
    # "Two of them": a part of a group named before, its noun the pronoun's antecedent
    partitive = _PARTITIVE.match(text, e) if head is None and value not in (None, 1) else None
    if partitive is not None:
        end = partitive.end()
    elliptic = head is None and (part or partitive is not None)  # "two hospitals, including one"
    if head is None and qualifier != "vague" and not elliptic:
        if rule == "figure_words" and value == 1 or not _bare_count(text, e, before, q, value, rule):
            return None
    if rule == "figure_words" and value == 1 and not elliptic and head not in _COUNTABLE:
        return None  # "one of the centres", "one day": not a count
    verb = before.word(q[1] if q is not None else 0) if head is None else ""
    return _Candidate(start, end, s, e, number=m.group(), value=value, qualifier=qualifier, head=head,
                      unit=_unit(head, proper), rule=rule, part=part, verb=verb if verb in _PEOPLE_VERBS else "")


def _bare_count(text: str, e: int, before: _Before, q: tuple[str, int] | None, value: float | None,
                rule: str) -> bool:
    """Whether a number without its noun, ending at ``e``, is a count: the subject of a predicate ("39 were …"),
    after "with 13", "another 39", the object of "detained", or hedged ("about 600", not "at about 10")."""
    skip = q[1] if q is not None else 0
    if before.bare_ok(skip) or _subject(text, e, rule):
        return True
    if q is None or q[0] != "about" or _RATIO_AFTER.match(text, e):
        return False  # "nearly eight of 10 voters": a share, not a count
    return not (before.word(skip) in _TIME_PREPOSITIONS and value is not None and value <= 24)


def _value(m: re.Match, before: _Before, after: str) -> tuple[float | None, str, str] | None:
    """The value, qualifier and rule a number's form gives (value None for a vague amount), or None when
    the form says it counts nothing: a day of a month, money, an id, a run of digits, too large a number."""
    g = m.group
    qualifier, rule = "exact", "figure_digits"
    if g("vague"):
        value, qualifier, rule = None, "vague", "figure_vague"
    elif g("lo"):
        if len(g("hi")) > 20 or before.excludes(small=True) or _MONTH_AFTER.match(after):
            return None  # "February 8-9"
        value, qualifier = float(g("hi")), "up_to"
    elif g("digits"):
        digits = g("digits")
        if len(digits) > 20:
            return None  # a run of digits no count is written with
        day = g("scale") is None and digits.isdigit() and len(digits) <= 2 and int(digits) <= 31
        if before.excludes(small=day) or day and _MONTH_AFTER.match(after):
            return None
        value = float(_GROUPING.sub("", digits)) * _SCALES.get((g("scale") or "").lower(), 1)
    else:
        value, rule = _word_value(m.group()), "figure_words"
        if value is None or before.excludes(small=False):
            return None
    if value is not None and not value <= _MAX_VALUE:
        return None  # not a count ("2000000000000000 people"), or not finite
    return value, qualifier, rule


def _counted(text: str, e: int, vague_or_a: bool, value: float | None) -> tuple[_Phrase, bool]:
    """The counted noun phrase after a number ending at ``e``, and whether its head is a proper name."""
    unit_m = _PERCENT_AFTER.match(text, e) or _KM_AFTER.match(text, e)
    if unit_m is not None:
        head = "percent" if unit_m.re is _PERCENT_AFTER else "km"
        of = _of_phrase(text, unit_m.end(), any_noun=True) if head == "percent" else None
        return _Phrase(of.end if of is not None else unit_m.end(), head), False
    of = _of_phrase(text, e) if vague_or_a else None
    if of is None and value not in (None, 1):
        # a part of a counted group: "six of the injured", "20 of the detainees"
        part = _of_phrase(text, e)
        if part is not None and part.head != "one" and (part.head in _PEOPLE or part.head in _CASUALTY_HEADS):
            of = part
    if of is not None:
        return of, of.proper
    np = _noun_phrase(text, e)
    if np.head in _PEOPLE:
        # "citizens of Kazakhstan": a people noun with the place it belongs to
        place = _of_phrase(text, np.end)
        if place is not None and place.proper:
            return _Phrase(place.end, np.head), np.proper
    return np, np.proper


def _start_of_words(text: str, s: int, words: list[str]) -> int:
    """Where ``words`` (the last words before ``s``, as written) begin in ``text``."""
    pos = s
    for w in reversed(words):
        pos = text.rfind(w, 0, pos)
    return pos


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence or a line (after . ! ? : or a line break, or at the start)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0\"“‘«(":
        k -= 1
    return k < 0 or text[k] in ".!?:\n"


def _subject(text: str, end: int, rule: str) -> bool:
    """Whether a bare number ending at ``end`` is the subject of a predicate that makes it a count."""
    p = _PREDICATE.match(text, end)
    if p is None:
        return False
    cue = _CUE.fullmatch(p.group("w").lower())
    if cue is not None and cue.lastgroup in _PEOPLE_QUANTITIES:
        return True  # "three were killed", "five died", "ten thousand march"
    if _SUBJECT_VERB.match(text, end) is None:
        return False
    if rule == "figure_digits":
        return True  # "39 were reported …", "13 remain in hospital"
    # a number word as a subject when its clause is about casualties: "Two were in a serious condition"
    clause = _first_words(_SENTENCE_END.split(text[end:end + 90], 1)[0], 6).lower()
    return any(m.lastgroup in _PEOPLE_QUANTITIES - {"participants"} for m in _CUE.finditer(clause))


def _read_zero(text: str, m: re.Match) -> _Candidate | None:
    """"no police officers", "none", "another life": kept later only if a casualty predicate goes with it."""
    word = m.group().lower()
    s, e = m.span()
    if word == "none":
        return _Candidate(s, e, s, e, m.group(), 0.0, "exact", None, "other", "figure_zero")
    np = _noun_phrase(text, e)
    if np.head is None:
        return None
    if word == "another":
        if np.head not in _ANOTHER_HEADS:
            return None
        return _Candidate(s, np.end, s, e, m.group(), 1.0, "exact", np.head, "people", "figure_another")
    if _UNIT_OF.get(np.head) not in _FITS:
        return None  # "no provocations", "no restrictions": zero counts only of people and property
    return _Candidate(s, np.end, s, e, m.group(), 0.0, "exact", np.head, _unit(np.head), "figure_zero")


def _unit(head: str | None, proper: bool = False) -> str:
    """The unit of a counted noun; a capitalised plural counts people ("Kazakhs", "Kazakhstanis")."""
    if head is None:
        return "other"
    if head in ("percent", "km"):
        return head
    if head in _UNIT_OF:
        return _UNIT_OF[head]
    if head in _CASUALTY_HEADS or proper and head.endswith("s"):
        return "people"
    return "other"


def _sentence_of(sents: list[tuple[int, int]], starts: list[int], pos: int, n: int) -> tuple[int, int]:
    i = bisect_right(starts, pos) - 1
    return sents[i] if i >= 0 else (0, n)


def _parts(found: list[_Candidate], sents, starts) -> list[_Candidate]:
    """A figure after "including" is a part of the figure before it in its sentence (its antecedent).

    A bare part counts the antecedent's noun ("two schools, including one"); a bare "one" with no
    antecedent counts nothing and is dropped.
    """
    out: list[_Candidate] = []
    n = sents[-1][1] if sents else 0
    for c in found:
        if c.part:
            s_start, _ = _sentence_of(sents, starts, c.start, n)
            c.antecedent = next((a for a in reversed(out) if a.head is not None and a.start >= s_start), None)
            if c.head is None and c.antecedent is not None:
                c.unit = c.antecedent.unit
                if c.unit != "people":
                    c.head = c.antecedent.head  # a thing: its quantity follows the noun, not a predicate of people
            elif c.head is None and c.rule == "figure_words" and c.value == 1:
                continue
        out.append(c)
    return out


def _conversions(text: str, found: list[_Candidate]) -> None:
    """A measure converted in brackets takes its antecedent's qualifier ("about 130 km (81 miles)")."""
    for a, b in zip(found, found[1:]):
        if b.qualifier == "exact" and a.qualifier in ("about", "at_least", "more_than", "up_to") \
                and _BRACKET_GAP.fullmatch(text, a.end, b.start):
            b.qualifier = a.qualifier


def _quantities(text: str, found: list[_Candidate], sents: list[tuple[int, int]], starts: list[int]) -> None:
    """Each figure's quantity (and a bare number's unit) from the words in and around it.

    Figures in a list ("30 homes, 15 shops and 20 cars were damaged") share the predicate after the
    last of them and the words before the first; a count with a part of it in apposition shares the
    predicate after both ("At least 164 people, including 16 police officers, died").
    """
    groups: list[list[_Candidate]] = []
    for c in found:
        if groups and _LIST_GAP.fullmatch(text, groups[-1][-1].end, c.start):
            groups[-1].append(c)
        else:
            groups.append([c])
    n = len(text)
    afters = [""] * len(groups)
    for k in range(len(groups) - 1, -1, -1):
        first, last = groups[k][0], groups[k][-1]
        _, s_end = _sentence_of(sents, starts, first.start, n)
        s_end = max(s_end, last.end)
        next_start = groups[k + 1][0].start if k + 1 < len(groups) else n
        if next_start < s_end and _APPOSITION_GAP.fullmatch(text, last.end, next_start):
            afters[k] = afters[k + 1]
        else:
            afters[k] = _first_words(text[last.end:min(s_end, next_start, last.end + 90)], 6)
    for k, group in enumerate(groups):
        first = group[0]
        s_start, _ = _sentence_of(sents, starts, first.start, n)
        prev_end = groups[k - 1][-1].end if k else 0
        before = text[max(s_start, prev_end, first.start - 70):first.start]
        cut = None
        for cut in _CLAUSE_BREAK.finditer(before):
            pass
        if cut is not None:  # the words before reach back to the start of the clause only
            before = before[cut.end():]
        after, before = afters[k].lower(), before.lower()
        for c in group:
            _settle(c, text[c.start:c.num_start] + " " + text[c.num_end:c.end], after, before)
        for c in group:
            a = c.antecedent
            if a is not None and c.quantity == "other" and a.quantity in _FITS.get(c.unit, ()):
                c.quantity, c.cue = a.quantity, "before"  # "five died, including two in Almaty"


def _first_words(text: str, n: int) -> str:
    """The first ``n`` words of ``text``: a predicate reaches no further ("400 people took part in …")."""
    end = 0
    for _, m in zip(range(n), _WORDS_AHEAD.finditer(text)):
        end = m.end()
    return text[:end]


def _settle(c: _Candidate, inside: str, after: str, before: str) -> None:
    """The quantity of ``c``: a cue in its span, in the predicate after it, before it, else its noun's own.

    ``after`` and ``before`` are lowercased; ``inside`` (the span without the number) is as written.
    """
    if c.head in _WEAPONS:
        c.quantity, c.cue = "weapons", "noun"
        return
    if c.unit == "percent":
        if any(m.lastgroup == "population_share" for m in _CUE.finditer(" ".join((before, inside.lower(), after)))) \
                or _PROPER_PLURAL_OF.search(inside):
            c.quantity, c.cue = "population_share", "span"  # "90 per cent of Dungans", "of the population"
        return
    fits = _FITS.get(c.unit) if c.head is not None else _PEOPLE_QUANTITIES
    if fits is None:
        return  # durations, distances, villages, seats: "other"
    # The verb a bare number is the object of says first: "arrested 12 and injured 4".
    for where, matches in (("before", _CUE.finditer(c.verb)), ("span", _CUE.finditer(inside.lower())),
                           ("after", _CUE.finditer(after)), ("before", reversed(list(_CUE.finditer(before))))):
        for m in matches:
            # In the span "protesters" names who is counted; what happened to them comes after it.
            if m.lastgroup in fits and not (where == "span" and m.lastgroup == "participants"):
                c.quantity, c.cue = m.lastgroup, where
                if c.head is None:
                    c.unit = "people"
                return
    q = _NOUN_QUANTITY.get(c.head or "")
    if q is not None and q in fits:
        c.quantity, c.cue = q, "noun"


@lru_cache(maxsize=8)
def _event_rules(events: tuple[Event, ...]) -> tuple[dict[str, tuple[str, ...]], re.Pattern | None,
                                                     dict[str, re.Pattern | None]]:
    """The declared events by each year they ran in, a pattern of those years, and each event's places.

    An event is named in a sentence by such a year, but only where one of its places is named too, in
    the sentence or the text: a year alone names many things ("the 2011 Arab Spring").
    """
    of_year: dict[str, list[str]] = {}
    for e in events:
        for year in range(e.start.year, e.end.year + 1):
            of_year.setdefault(f"{year:04d}", []).append(e.event_id)
    years = re.compile(r"(?<!\d)(" + "|".join(of_year) + r")(?!\d)") if of_year else None
    places = {e: re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
              for e, names in event_places(events).items()}
    return {y: tuple(ids) for y, ids in of_year.items()}, years, places


class _Events:
    """The event of each figure, with each sentence's named years read once."""

    def __init__(self, ctx: Context, sents: list[tuple[int, int]], starts: list[int]) -> None:
        self.ctx, self.sents, self.starts = ctx, sents, starts
        self.named: dict[int, list[str]] = {}
        self.in_text: dict[str, bool] = {}
        self.of_year, self.years, self.places = _event_rules(tuple(ctx.events))

    def _placed(self, event: str, sentence: str) -> bool:
        """Whether the sentence, or else the text, names a place of ``event``."""
        place = self.places[event]
        if place is None:  # every place it declares is another event's too: nothing names it alone
            return False
        if place.search(sentence):
            return True
        if event not in self.in_text:
            self.in_text[event] = place.search(self.ctx.text) is not None
        return self.in_text[event]

    def of(self, c: _Candidate) -> str | None:
        """None for context numbers; another event when the figure's sentence names only its year and its
        place is named; else the document's (None when unknown)."""
        if c.quantity == "population_share" or c.unit == "km" or c.head in _CONTEXT_HEADS:
            return None
        i = bisect_right(self.starts, c.start) - 1
        if i not in self.named:
            s, e = self.sents[i] if i >= 0 else (0, len(self.ctx.text))
            sentence = self.ctx.text[s:e]
            named = {e for y in self.years.findall(sentence) for e in self.of_year[y]} if self.years else set()
            self.named[i] = sorted(e for e in named if self._placed(e, sentence))
        named = self.named[i]
        return named[0] if len(named) == 1 and named[0] != self.ctx.event else self.ctx.event


def _confidence(c: _Candidate) -> float:
    """How sure the rule is: digits with a counted noun and a cue most; bare, zero and implicit counts less."""
    base = {"figure_digits": 0.9, "figure_words": 0.85, "figure_vague": 0.8, "figure_zero": 0.65,
            "figure_another": 0.65}[c.rule]
    if c.head is None:
        base -= 0.15  # the number alone: what it counts was read from the predicate
    if c.quantity == "other":
        base -= 0.2 if c.unit == "other" else 0.1
    elif c.cue in ("before", "noun"):
        base -= 0.05
    return round(max(0.1, min(1.0, base)), 3)
