"""Sources of attributions: finding the words that name a speaker, and saying who the speaker is.

Finding: a source is the noun phrase right before a cue (``Interior Minister Kalmukhambet Kasymov
said``), right after it (``said Kasymov``), or after ``according to``; an appositive, or where and
when set off by commas, between a name and its cue is skipped (``Zhovtis, a rights activist, said``,
``Ana Vidal, in a statement, said`` → the name), after a quote too. No parser: the phrase runs back
to the nearest clause boundary and must be short and free of finite verbs; with no capitalised word it
ends in a known group noun or starts with a determiner ("the announcer"). When it was said is no part
of it ("Tokayev on Friday said" → ``Tokayev``); a subject joined by "and"/"or" is taken whole when no
finite verb makes its first part a clause ("Some of those staying with relatives or friends in X
told"); a relative clause is not where it is ("Residents who fled the fighting said" → ``Residents``);
"who" and "which" right before a cue are sources. A participial word after the opening determiner
or before a name modifies the noun ("a retired Air Force general"); a group before a participle phrase
is the source ("Residents reached by phone said"); an appositive may end in the name ("One of them,
23-year-old welder X Y, said"), come twice, or follow a description ("the bureau's director, X, said";
"But the shadow secretary, speaking in Leeds, said"). A participle's source is its own sentence's
subject, past an opening adverbial ("During a speech in Lima, X attacked …, saying"). Never a source:
a number or a date alone ("61 were found guilty"; but "Thousands rallied, demanding" is a crowd), the
subject of a passive cue ("He was told"), who heard it ("…, told reporters") or what a participle
governs ("…, calling for sanctions"); nor a place a participle tells of ("said at a news conference
announcing").

Resolving (:func:`resolve`), in text order:

* a name, with or without its title, is linked to the registry transliteration-tolerantly
  (:mod:`.gazetteer`: Toqaev → ``tokayev``); an unknown name is a person of the role its title
  suggests, else ``other``. A place is never a speaker: a country that speaks alone is its officials
  (``official`` at home, else ``foreign_official``), and a place inside a longer source names no one;
* a pronoun takes the most recent referent that fits it, across paragraphs: first among the speakers
  so far, the names in subject position outside what someone said and the groups that open a sentence
  ("Protesters outside the court chanted"), else among all names before it; after a cue that carries
  a report on ("he added") the last speaker first. ``he``/``she`` take a person not known to be of the
  other sex (a title, a gendered noun, a Slavic or Turkic surname's ending, or a pronoun already bound
  to them says it), ``they``/``we`` a group or an organisation, ``it`` an organisation; never a place.
  Nothing fits: role ``other``;
* a description the mention rules resolved ("the president" after "President Ana Vidal") is that
  entity;
* a description or a group ("officials", "the border service", "protesters") is linked to the
  registry when it is one of an entity's aliases, else given the role its head noun implies,
  with ``foreign_official`` for officials of another state.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from functools import partial

from .mentions.vocabulary import COUNTRIES, HOME_WORDS, MONTHS, ORG_HEADS, RELATIVE_WORDS, UNIT_WORDS, WEEKDAYS

__all__ = ["Speaker", "source_before", "source_after", "source_before_cue_at", "noun_phrase_after",
           "object_after", "resolve", "role_of"]


@dataclass(frozen=True)
class Speaker:
    """Who a source is: a registry entity (``entity_id``) or a role; ``person`` for he/she resolution."""

    entity_id: str | None
    role: str | None
    person: bool


# Words that start a clause or sentence and are never part of a source before a cue.
_LEADING = frozenset("""but and or so yet also however meanwhile later then now still even instead moreover
furthermore indeed thus therefore while whereas although though because since as if when after before
until once where which who whom whose that this these those there here in on at by for with from to of
about into over under during despite without""".split())
# Words after which a source cannot continue backwards (finite verbs and auxiliaries, clause words).
_STOP = frozenset("""is are was were be been being having has have had do does did will would can could should may
might must that which who whom whose what when where while because although though if as than and but or nor
so yet said says told""".split())
_TRAILING = frozenset("also later previously earlier repeatedly then now still has have had was were is are "
                      "will would did does do not never already recently once again further often always "
                      "sometimes soon too".split())
_PRONOUN = frozenset({"he", "she", "they", "we", "i", "it", "him", "her", "them", "us"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})

# A word; initials and abbreviations keep their dots ("U.S.", "G.K.", "Mr."), a sentence's stop does not.
_SPACES = re.compile(r"\s*")
_POSSESSOR = re.compile(r"[’']s?$")
_TOKEN = re.compile(r"\([A-Z]{1,2}(?:-[A-Za-z.]{1,10})?\)|(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gov|Sen|Rep|Gen|Col|Lt|Prof|[A-Z])\.(?=\s+[A-Z])"
                    r"|[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF](?:[\w’'/&-]|\.(?=\w))*|[^\w\s]")

# Head nouns of group and description sources, and the role each implies (general news usage).
_ROLE_NOUNS: dict[str, str] = {}
for _role, _words in {
    "official": "official officials authority authorities government governments ministry ministries minister "
                "ministers spokesman spokeswoman spokesperson spokespeople president prime premier governor "
                "governors mayor mayors akim akimat administration cabinet parliament lawmakers legislators "
                "deputies deputy senator senators ambassador ambassadors diplomat diplomats embassy office "
                "department agency agencies committee commission council state officer "
                "leadership regime kremlin court courts judge judges tribunal",
    "security": "police policeman policemen officers prosecutor prosecutors prosecution military army troops "
                "soldiers guards guard forces security investigators investigator service services",
    "protester": "protesters protestors demonstrators strikers workers rioters crowd crowds protest protests "
                 "marchers",
    "witness": "residents resident villagers villager witnesses witness eyewitnesses eyewitness locals local "
               "survivors survivor relatives neighbours neighbors people citizens families family",
    "expert": "experts expert analysts analyst observers observer scholars scholar researchers researcher "
              "professor economists economist scientist scientists specialist specialists historian",
    "activist": "activists activist campaigners campaigner rights defenders opposition organisation "
                "organization group groups movement ngo ngos",
    "journalist": "journalists journalist correspondents correspondent reporters reporter media outlet outlets "
                  "newspaper agency editor editors blogger bloggers channel",
    "community_leader": "elders elder leaders leader imam clergy community communities diaspora",
    "other": "critics critic sources source many some others people statement report reports data census poll "
             "survey study figures organisers organizers supporters members students farmers traders miners "
             "drivers parents",
}.items():
    for _w in _words.split():
        _ROLE_NOUNS.setdefault(_w, _role)

_ROLE_STEMS = frozenset(k.rstrip("s") for k in _ROLE_NOUNS)

# Titles before a name, and the role each implies.
_TITLES: dict[str, str] = {}
for _role, _words in {
    "official": "president minister governor mayor akim senator ambassador secretary chairman chairwoman "
                "spokesman spokeswoman spokesperson deputy premier prime official chief head director mp mep "
                "lawmaker legislator councillor councilor congressman congresswoman judge sen gov",
    "security": "general colonel major captain lieutenant sergeant police prosecutor commander constable inspector "
                "superintendent sheriff gen col lt sgt capt maj supt",
    "expert": "professor dr analyst expert economist",
    "activist": "activist",
    "journalist": "journalist correspondent reporter editor",
}.items():
    for _w in _words.split():
        _TITLES.setdefault(_w, _role)

# Adjectives that make officials foreign to a Kazakh story; general: any state's demonym but Kazakhstan's.
_HOME = HOME_WORDS
_DEMONYM = re.compile(r"^(?:u\.s\.?|us|american|russian|kyrgyz|chinese|uzbek|tajik|turkmen|european|eu|un|british|"
                      r"french|german|western|foreign|international|[a-z]+(?:ian|ese|ish|i))$")


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    # `endpos`, not a slice: the same tokens (the pattern looks ahead, never behind), without copying the window
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _is_name_word(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _clean(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    while toks and (toks[0][2].lower() in _LEADING or toks[0][2] in ",;:–—-"):
        toks = toks[1:]
    while toks:
        while toks and (toks[-1][2].lower() in _TRAILING or toks[-1][2] in ",;:–—-" or _adverb(toks[-1][2])):
            toks = toks[:-1]
        cut = _time_tail(toks)
        if cut == len(toks):
            break
        toks = toks[:cut]
    return toks


# When something was said, between a source and its cue ("Tokayev on Friday said", "X earlier this
# month told"): the words such a phrase is made of, the ones that may open it, and its heads.
_TIME_HEADS = WEEKDAYS | MONTHS | frozenset(UNIT_WORDS) | frozenset(RELATIVE_WORDS) | {"weekend", "overnight"}
_TIME_OPENERS = frozenset("on in at during late early earlier later last this next past previous over since".split())
_TIME_WORDS = _TIME_HEADS | _TIME_OPENERS | frozenset("the same following coming of".split())


def _time_tail(toks: list[tuple[int, int, str]]) -> int:
    """Where a time adverbial at the end of ``toks`` starts (``len(toks)`` when there is none).

    The adverbial must open with a preposition, a time modifier or a time word, hold a time word,
    and leave something before it: "Officials on Monday" → "Officials", but "Monday" stays itself.
    """
    k = len(toks)
    while k > 0 and (toks[k - 1][2].lower() in _TIME_WORDS or toks[k - 1][2].isdigit()
                     or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", toks[k - 1][2])):
        k -= 1
    # the shortest tail that opens well: "Tokayev on Friday", not "Tokayev" + "on Friday" + …
    for start in range(k, len(toks)):
        words = [w.lower() for _, _, w in toks[start:]]
        if start > 0 and (words[0] in _TIME_OPENERS or words[0] in _TIME_HEADS and words[0] not in MONTHS) \
                and any(w in _TIME_HEADS for w in words) and words[0] not in ("of", "the"):
            return start
    return len(toks)


def _adverb(word: str) -> bool:
    """"also", "publicly", "repeatedly": an adverb between a source and its cue (not "family", not "Italy")."""
    return word.islower() and len(word) > 4 and word.endswith("ly") and word not in _ROLE_NOUNS


def _verb_like(word: str) -> bool:
    """A lowercase word in -ed or -ing that is no role noun: likely a verb."""
    return word[:1].islower() and "-" not in word and word.endswith(("ed", "ing")) and word not in _ROLE_NOUNS


def _phrase_ok(toks: list[tuple[int, int, str]]) -> bool:
    if not toks or len(toks) > 8:
        return False
    words = [w for _, _, w in toks]
    if any(w.lower() in _STOP for w in words):
        return False
    if any(w in "\"“”«»()" for w in words):
        return False
    if len(words) == 1 and words[0].lower() in _PRONOUN | {"who", "one"}:
        return True  # "and one shouted that …": "one" of a group named before, no count
    if all(_counted(w) for w in words):
        return False  # "61 were found guilty", "Thursday", "In 2019": a number or a date says nothing
    if any(w.lower() in _PRONOUN and not (k == 0 and w.lower() == "her") for k, w in enumerate(words)):
        return False  # but "her lawyer": a possessive, not a pronoun
    if _POSSESSOR.search(words[-1]) and len(words[-1]) > 2:
        return False  # "Editor's note": a possessor, and the cue is its noun
    if any(_verb_like(w) and not (k == len(words) - 2 and k <= 1 and words[-1].lower() in _ROLE_NOUNS)
           and not (k == 1 and words[0].lower() in _DETERMINERS)  # "the ruling", "a retired general"
           and not (k == 0 and len(words) >= 3 and words[1].lower() not in _DETERMINERS
                    and any(_is_name_word(x) for x in words[1:]))  # "retired Air Force general Omar Haddad"
           for k, w in enumerate(words)):
        # "citing local media", "issued a statement": a verb, so not a noun phrase; but an -ing or -ed
        # word right before the head noun modifies it ("restructuring experts", "unnamed officials"), and
        # so does one right after the determiner that opens the phrase ("a retired Air Force general")
        return False
    # A phrase with no capitalised word must end in a known head noun ("local officials"), else it
    # is likely a clause ("the violence spread").
    if not any(_is_name_word(w) for w in words):
        return (words[-1].lower().rstrip("s") in _ROLE_STEMS or _determined(words) or _counted_group(words)
                # a bare plural group and where or whose it is: "critics of the plan", not "the akim of …"
                or len(words) > 2 and words[0].lower() in _ROLE_NOUNS and words[0].endswith("s")
                and words[1].lower() in _PREPOSITIONS)
    return True


def _determined(words: list[str]) -> bool:
    """A short noun phrase with a determiner ("the announcer", "a friend", "the ad's narrator"): a
    source even when its noun is no known role."""
    last = words[-1].lower()
    return (words[0].lower() in _DETERMINERS and 2 <= len(words) <= 4 and last.isalpha() and not _adverb(last)
            and last not in _LEADING and last not in _TRAILING and last not in _DETERMINERS)


_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
thousands million millions billion dozen dozens least nearly almost around about approximately roughly more than
over under only just another the a an at up to of""".split())
_NUMERAL = re.compile(r"[\d.,:%/-]+(?:st|nd|rd|th|s)?")


def _counted(word: str) -> bool:
    """Whether a word only counts or dates ("61", "dozens", "at least", "Friday", "2019", "1990s")."""
    low = word.lower()
    return low in _NUMBER_WORDS or low in _TIME_WORDS or bool(_NUMERAL.fullmatch(low)) or word in ",;:–—-"


# Words that name a position rather than a person: a name after them is the source without them
# ("Interior Minister Kalmukhambet Kasymov" → "Kalmukhambet Kasymov").
_POSITION = frozenset(set(_TITLES) | {"mr", "mrs", "ms", "miss", "local", "group", "organisation", "organization",
                                      "party", "movement", "union", "company", "firm", "newspaper", "adviser", "advisor", "aide", "lawyer", "attorney", "figure", "leader",
                                      "founder", "member", "candidate", "nominee", "vice", "interior", "foreign",
                                      "presidential", "former", "acting", "chief", "deputy", "spokesman",
                                      "spokeswoman", "representative", "envoy", "commissioner", "officer",
                                      "activist", "defender", "scientist", "analyst", "expert", "researcher",
                                      "journalist", "blogger", "resident", "villager", "worker", "teacher",
                                      "doctor", "rep", "father", "reverend", "rev", "pastor", "bishop", "imam",
                                      "rabbi", "head", "health", "affairs", "justice", "defence", "defense",
                                      "finance", "economy", "public", "political", "state"})
_DETERMINERS = frozenset("the a an our its their his her my your this that these those".split())
_PREPOSITIONS = frozenset("in of from at for on across".split())
_PARTITIVES = frozenset("some many most all several few none one each both any half hundreds thousands dozens".split())


def tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """A source without what the codebook leaves out: determiners, a possessor, a title before a
    name, and a place or affiliation after a group ("Authorities in western Kazakhstan" → "Authorities")."""
    toks = _tokens(text, start, end)
    if len(toks) > 1 and toks[-1][2].startswith("("):
        toks = toks[:-1]  # "Sen. Rita Moss (D-Ore.)": the party and state are no part of the name
    while len(toks) > 1 and (toks[0][2].lower() in _DETERMINERS or _POSSESSOR.search(toks[0][2])
                             and toks[0][2][:1].isupper() and toks[1][2][:1].islower()):
        toks = toks[1:]
    words = [w.lower() for _, _, w in toks]
    # a title, then a name: keep the name
    last_title = max((i for i, w in enumerate(words) if w in _POSITION or w.rstrip(".") in _POSITION), default=None)
    if last_title is not None and last_title < len(toks) - 1:
        name = toks[last_title + 1:]
        # "Premier Jane Doyle of Nova Scotia": the name, without where its title is held
        cut = next((i for i, (_, _, w) in enumerate(name) if w in ("of", "from")), len(name))
        if 0 < cut < len(name) - 1 and all(w[:1].isupper() or w == "the" for _, _, w in name[cut + 1:]):
            name = name[:cut]
        # but "Health Canada", "the Premier League": a body named with a country or an organisation's
        # head word, not a title before a name
        if all(w[:1].isupper() for _, _, w in name) and not any(w.lower() in _ROLE_NOUNS for _, _, w in name) \
                and not (len(name) == 1 and name[0][2].lower() in COUNTRIES) and name[-1][2].lower() not in ORG_HEADS:
            toks = name
    # a group, then where it is from: keep the group
    words = [w.lower() for _, _, w in toks]
    for i, w in enumerate(words[1:], 1):
        if w == "of" and words[i - 1] in _PARTITIVES:
            break  # "some of those …", "many of the residents": the whole phrase names the group
        if w in _PREPOSITIONS and words[i - 1] in _ROLE_NOUNS and not toks[i - 1][2][:1].isupper() or (
                w in _PREPOSITIONS and i == 1 and words[0] in _ROLE_NOUNS):
            toks = toks[:i]
            break
    return (toks[0][0], toks[-1][1]) if toks else (start, end)


_PASSIVE = re.compile(r"(?:is|are|was|were|be|been|being)\s+(?:(?:also|not|never|later|reportedly|\w+ly)\s+)*"
                      r"(?!\w+ing\b)\w+(?:ed|en|wn|old|ound|aid|ught)\b", re.IGNORECASE)
_MARKS = ",;!?\"“”«»–—"  # not "." (in "Mr."), ":" (in "12:25") or brackets (in "(D-Md.)"): they sit inside tokens

# "Name, an appositive, said": the name before the appositive is the source.
# The name, then what it is or where and when it spoke ("Ana Vidal, in a statement, said").
# A US politician's party and state in brackets go with the name ("Sen. Rita Moss (D-Ore.)"); a bare
# position opens an appositive too ("head of the Centre for …", "professor at …").
_NAME_AND_APPOSITIVE = (r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5}(?:\s+\([A-Z]{1,2}-[A-Za-z.]{1,10}\))?),\s+"
                        r"(?:an?|the|who|whose|of|[a-z]+-based|[a-z]+ing|[a-z]+\s+(?:of|at|for)|"
                        r"[RDI]-|\d+|[A-Z][\w-]*['’]s|[A-Z][a-z]+ of [A-Z]|at|in|on|during|after|before|through|"
                        r"via)\b[^;:\"“”]{0,110}?,\s*")
_APPOSITIVE = re.compile(_NAME_AND_APPOSITIVE + "$")
# The same forwards, from where a source may start: '"…," Maria Lopez, a spokeswoman for the ministry, said'.
_APPOSITIVE_AT = re.compile(_NAME_AND_APPOSITIVE)


_NAME_IN_COMMAS = re.compile(r"(?:^|[\s(])(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?)\s+[a-z][a-z\s’'-]{1,60},\s+"
                             r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s*$")


# "One of them, 23-year-old welder Ana Vidal, said": an appositive that ends in the full name is who spoke.
_NAMED_LAST = re.compile(r",\s+(?!including\b|like\b|such\b|and\b|with\b)(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}?"
                         r"(?!(?:including|and|with|of|for|in|from|on|at|to|by|the|an?|its|their|his|her)\b)[a-z][\w-]*\s+"
                         r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s*$")


# "…'s correspondent in Manghystau, Kazis Toguzbaev, says": a position, where it is held, then the name.
# A description, then an appositive: "But the shadow transport secretary, speaking in Leeds, said".
_DESCRIBED_AND_APPOSITIVE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\b[Bb]ut\s)|(?<=\b[Aa]nd\s)|(?<=\b[Yy]et\s))((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[a-z][\w’'-]*"
                                       r"(?:\s+[a-z][\w’'-]*){0,6}),\s+(?:who|whose|[a-z]+ing|in|at|on|during|after|"
                                       r"before|an?|the)\b[^;:\"“”,]{2,110},\s*$")
# The position in any case, the name capitalised: "…, speaking in Leeds, said" names no one.
_POSITION_IN_COMMAS = re.compile(r"\b(?i:" + "|".join(sorted(_POSITION, key=len, reverse=True)) +
                                 r")(?:\s+(?i:in|for|at|of|from)\s+[\w\s’'.-]{1,40}?)?,\s+"
                                 r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s*$")


def _described(toks: list[tuple[int, int, str]]) -> bool:
    """"A person close to the company's management": a person described at length, with no clause word."""
    words = [w.lower() for _, _, w in toks]
    words = words[1:] if words[0] in _DETERMINERS else words
    return 0 < len(words) <= 8 and words[0] in _ROLE_NOUNS | {"person", "man", "woman"} and not any(w in _STOP for w in words)


def _set_off(text: str, window: int, cue_start: int, limit: int):
    """The match of a name or description set off by commas before a cue, searched in ``text[window:cue_start]``."""
    before = text[window:cue_start]
    if not before.rstrip().endswith(","):
        return None
    # "Its director, Bakhytzhan Toregozhina, said": the name set off by commas after a description
    named = _NAMED_LAST.search(before)
    if named and named.group(1).split()[-1].lower() in ORG_HEADS:
        named = None  # "…, chairman of the Black Caucus PAC,": where the position is held, not a name
    m = (_NAME_IN_COMMAS.search(before) or _POSITION_IN_COMMAS.search(before) or named
         or _APPOSITIVE.search(before) or _DESCRIBED_AND_APPOSITIVE.search(before))
    if m and m.re is _DESCRIBED_AND_APPOSITIVE and m.start(1) == 0 and window > limit \
            and text[window - 2:window - 1] not in (".", "!", "?"):
        return None  # the window, not a sentence or a conjunction, starts the description
    return m


def source_before(text: str, cue_start: int, limit: int) -> tuple[int, int] | None:
    """The source right before a cue at ``cue_start`` (not before ``limit``), as ``(start, end)``, or None.

    None before a passive cue: "He was told", "A second device was also found": the subject is who
    heard it or what was found, not who said it.
    """
    if _PASSIVE.match(text, cue_start):
        return None
    window = max(limit, cue_start - 120)
    # "Name, an appositive, said": skip back over the appositive to the name.
    m = _set_off(text, window, cue_start, limit)
    if m:
        # the phrase that ends with the name: "Residents of Batken, a border province, said" → Residents
        whole = source_before(text, window + m.end(1), limit) if m.re is _APPOSITIVE else None
        if whole is not None and whole[0] < window + m.start(1):
            return whole
        toks = _clean(_tokens(text, window + m.start(1), window + m.end(1)))
        if toks and (_phrase_ok(toks) or m.re is _DESCRIBED_AND_APPOSITIVE and _described(toks)):
            return tidy(text, toks[0][0], toks[-1][1])
    # Tokenise only from the last punctuation mark before the cue: the walk back stops there anyway.
    first = max(window, max(text.rfind(ch, window, cue_start) for ch in _MARKS) + 1)
    toks = _tokens(text, first, cue_start)
    head = _relative_head(toks, first == window and window > limit)
    if head is not None:
        return (head[0][0], head[-1][1]) if head[0][2].lower() == "those" else tidy(text, head[0][0], head[-1][1])
    k = _clause_start(toks, len(toks))
    chunk = _clean(toks[k:])
    opening = _opening_word(text, toks, k, cue_start, limit) if chunk else None
    if opening is not None:
        return opening
    if chunk and k > 0 and toks[k - 1][2].lower() in _COORDINATORS:
        whole = _coordinated(toks, k, first == window and window > limit)
        if whole is not None:
            return tidy(text, whole[0][0], whole[-1][1])
    if chunk and k > 0 and toks[k - 1][2] == "," and all(_counted(w) for _, _, w in chunk):
        # "Mitch McConnell, R-Ky., Tuesday said": when is set off, and the source stands before it
        return source_before(text, toks[k - 1][0], limit)
    if chunk and k > 0 and all(_counted(w) for _, _, w in chunk):
        chunk = []  # "who in 2010 said": the relative pronoun, not the year
    if not chunk and k > 1 and toks[k - 1][2].lower() == "who" and toks[k - 2][2] not in ",;:":
        # "Residents who said …": no comma, so "who" picks the residents out; they are the source
        head = _clean(toks[_clause_start(toks, k - 1):k - 1])
        if head and _phrase_ok(head):
            return tidy(text, head[0][0], head[-1][1])
    if not chunk and k > 0 and toks[k - 1][2].lower() in ("who", "which"):
        return toks[k - 1][0], toks[k - 1][1]  # "…, who said": the relative pronoun is the source
    if not chunk and k > 0 and toks[k - 1][2].lower() == "and":
        # "I laughed and said", "Kim Sato stood up and said": the subject of the verb before "and";
        # else the sentence's ("Cruz exhorted Republicans … and said …")
        verb = next((t for t in toks[max(0, k - 4):k - 1][::-1] if t[2].islower() and
                     (t[2] in _PAST or t[2].endswith("ed"))), None)
        return (verb and source_before(text, verb[0], limit)) or subject(text, limit, cue_start)
    if not _phrase_ok(chunk):
        head = _reduced_relative(chunk)  # "Residents reached by phone said": the residents
        return tidy(text, head[0][0], head[-1][1]) if head else None
    return tidy(text, chunk[0][0], chunk[-1][1])


def _reduced_relative(chunk: list[tuple[int, int, str]]) -> list | None:
    """The group a participle phrase describes, right before a cue ("Relatives waiting outside the court
    said", "Some voters leaving a polling station said"), or None."""
    for i in range(min(3, len(chunk) - 2)):
        head, participle, after = chunk[:i + 1], chunk[i + 1][2], chunk[i + 2][2].lower()
        noun = head[-1][2].lower()
        # an -ed word is a past tense too ("groups granted X an extension"): a participle before "by", "in", …;
        # "citing" and "quoting" name a source of their own ("reports citing witnesses said")
        passive = participle.endswith("ed") and (after in _PREPOSITIONS or after in ("by", "near", "outside"))
        if ((participle.endswith("ing") and participle not in ("citing", "quoting") or passive)
                and _verb_like(participle) and noun.endswith("s") and (noun in _ROLE_NOUNS or head[-1][2][:1].isupper())
                and _phrase_ok(head)):
            return head
    return None


_ING = re.compile(r"[a-z]+ing\b")


def _opening_word(text: str, toks: list[tuple[int, int, str]], k: int, cue_start: int, limit: int):
    """The source its clause's first word ``toks[k]`` makes: "Those close to him say" (taken whole); "she
    said at a news conference announcing that …" (not the conference, but who spoke at it); else None."""
    first = toks[k][2].lower()
    if k < len(toks) - 1 and first == "those" and len(toks) - k <= 6 and not (k and toks[k - 1][2] in _STOP):
        return toks[k][0], toks[-1][1]
    if first in _PREPOSITIONS | {"during", "with", "by"} and _ING.match(text, cue_start):
        verb = toks[k - 1] if k > 0 and toks[k - 1][2].lower() in _STOP - {"that", "which", "who"} else None
        return source_before(text, verb[0], limit) if verb else None
    return None


def _clause_start(toks: list[tuple[int, int, str]], k: int) -> int:
    """Back from token ``k`` to the first token after a clause boundary (a mark, a finite verb, a clause word)."""
    while k > 0:
        w = toks[k - 1][2]
        if w in ",;:.!?()\"“”«»–—-" or w.lower() in _STOP:
            break
        k -= 1
    return k


_COORDINATORS = frozenset({"and", "or", "nor"})
# Common irregular past forms: a stretch holding one is a clause ("the villagers fled and officials said").
_PAST = frozenset("""fled went came took made gave found left began saw got held ran fought met sent kept brought
thought won lost put set hit cut let spent paid led built stood fell broke spoke wrote chose rose drove threw caught
became felt heard knew meant sold taught understood sought struck shot stole hid""".split())


def _coordinated(toks: list[tuple[int, int, str]], k: int, cut_short: bool) -> list | None:
    """The whole subject when the walk back from a cue stopped at "and"/"or" inside it.

    "Some of those seeking shelter with relatives or friends in Kyrgyzstan told": the subject is
    the noun phrase from the clause's start, not "friends in Kyrgyzstan". It is taken only when it
    has no finite verb (which would make the words before "and" a clause of their own: "police
    fled and officials said") and starts where a clause does.
    """
    start = _clause_start(toks, k - 1)
    if cut_short and start == 0:
        return None  # the window, not a clause boundary, stopped the walk
    if start > 0 and toks[start - 1][2].lower() in _STOP:
        return None  # "…, who fled and friends said": a clause word, not the subject's start
    whole = _clean(toks[start:])
    words = [w for _, _, w in whole]
    if not 3 <= len(words) <= 16 or any(w in "\"“”«»()" for w in words):
        return None
    before = [w for a, _, w in whole if a < toks[k - 1][0]]  # the words before the coordinator
    if not before or before[-1].lower() in _DETERMINERS | _PREPOSITIONS | _COORDINATORS:
        return None
    if any(w.lower() in _PAST or w.lower() in _PRONOUN - {"them"} and not _possessive_her(whole, i)
           or _verb_like(w) and w.endswith("ed") for i, w in enumerate(words)):
        return None  # but "His wife and her sister": "her" before its noun is no pronoun
    return whole


def _relative_head(toks: list[tuple[int, int, str]], cut_short: bool) -> list | None:
    """The noun phrase a relative clause before the cue describes: "Residents who fled the fighting
    said" → "Residents", "Many of the families who fled to villages near X said" → "Many of the families"
    (not "X", the last name before the cue). "Those who …" is taken whole: "those" alone names no one."""
    j = next((i for i in range(len(toks) - 2, max(-1, len(toks) - 14), -1) if toks[i][2].lower() == "who"), None)
    if j is None or j == 0:
        return None
    start = _clause_start(toks, j)
    if start == j or cut_short and start == 0 or any(_verb_like(w) and w.endswith("ed") for _, _, w in toks[start:j]):
        return None
    head = _clean(toks[start:j])
    if not head and [w.lower() for _, _, w in toks[start:j]] == ["those"]:
        return toks[start:]
    return head if head and _phrase_ok(head) and len(head) <= 6 else None


def _counted_group(words: list[str]) -> bool:
    """"Several thousand miners", "Hundreds of people": a number of people, of any noun."""
    head = words[-1].lower()
    return (len(words) >= 2 and (words[0].lower() in _PARTITIVES or _counted(words[0])) and head.isalpha()
            and head.endswith("s") and not _counted(head))


_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,[^\n]{0,60}?\s(?:-|—|–|--)\s+")


_CROWDS = frozenset("thousands hundreds dozens scores tens millions".split())


def subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence ``[start, …)``: a capitalised run or a pronoun, before ``end``."""
    run = []
    dateline = _DATELINE.match(text, start, end)  # "ATYRAU, Kazakhstan, Jan 6 (Reuters) - Several thousand …"
    start = dateline.end() if dateline else start
    start = _past_opening(text, start, end)
    toks = _clean(_tokens(text, start, min(end, start + 80)))
    while True:  # "On Thursday, Trump …", "Recently, however, it …": the subject follows when it was
        opening = next((i for i, t in enumerate(toks) if not (_counted(t[2]) or _adverb(t[2].lower()))
                        or t[2] == ","), len(toks))
        if not (0 < opening < len(toks) and toks[opening][2] == ","):
            break
        toks = _clean(toks[opening + 1:])
    if len(toks) > 1 and toks[0][2].lower() in _CROWDS and toks[1][2].islower() and toks[1][2] != "of":
        return toks[0][0], toks[0][1]  # "Thousands rallied on Monday, demanding …": a crowd, not a count
    for t in toks:
        if t[2][:1].isupper() or (not run and t[2].lower() in _PRONOUN):
            run.append(t)
            if t[2].lower() in _PRONOUN:
                break
        else:
            break
    # "A reporter for the paper spotted …", "Several thousand oil workers stayed …": a group's noun phrase,
    # first when the capitals are only the sentence's first word's
    group = next((n for n in range(min(len(toks), 6), 0, -1)
                  if (toks[n - 1][2].lower() in _ROLE_NOUNS or _counted_group([w for _, _, w in toks[:n]]))
                  and _phrase_ok(toks[:n])), None)
    if group and len(run) <= 1:
        return tidy(text, toks[0][0], toks[group - 1][1])
    if run and _phrase_ok(run):
        return tidy(text, run[0][0], run[-1][1])
    return tidy(text, toks[0][0], toks[group - 1][1]) if group else None


# Words that open an adverbial before a sentence's subject ("During a speech in Lima, Vidal …").
_OPENERS = frozenset("""in on at after before during despite following amid with without since as while when once
upon throughout""".split())
# Irregular participles that open a sentence ("Stung by the criticism, …"); regular ones end in -ed.
_IRREGULAR_PARTICIPLES = frozenset("""stung shaken driven taken given beaten hurt known seen shown written born torn
struck caught bound""".split())


def _past_opening(text: str, start: int, end: int) -> int:
    """Where the subject may start past an opening adverbial or participle set off by a comma ("During a
    speech in Lima, …", "Speaking in Lima, …"), else ``start``."""
    for _ in range(3):  # "Chastened by the reviews, as well as complaints over its costs, Vidal …"
        raw = _tokens(text, start, min(end, start + 100))[:14]
        first = raw[0][2].lower() if raw else ""
        comma = next((t for t in raw[1:] if t[2] == ","), None)
        if comma is None or not (first in _OPENERS or first in _PAST or first in _IRREGULAR_PARTICIPLES
                                 or _verb_like(first)):
            break
        start = comma[1]
    return start


_ADDRESSED = re.compile(r"(?<![\w-])(?:told|tells?|informed|informs|reminded|assured|[a-z]+ing(?:\s+[a-z]+)?)$",
                        re.IGNORECASE)


def source_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The source right after a cue ending at ``pos`` ("said Kasymov", "said the interior minister").

    Not after a verb whose object is its addressee ("…, told reporters" names who heard it), nor after a
    participle ("…, calling for sanctions": what is called for).
    """
    if _ADDRESSED.search(text, max(0, pos - 24), pos):
        return None
    toks = _tokens(text, pos, min(limit, pos + 120))
    out = []
    for k, t in enumerate(toks):
        w = t[2]
        if w in ",;:.!?()\"“”«»–—" or (out and w.lower() in _STOP):
            break
        out.append(t)
        if len(out) == 1 and w.lower() in _PRONOUN and not _possessive_her(toks, k):
            break
    if out and out[0][2].lower() in ("that", "to", "in", "on", "at", "for", "it"):
        return None  # "said on Twitter", "said that …": where or what, not who ("called … by X" is who)
    out = _clean(out)
    if not out or not _phrase_ok(out):
        return None
    return tidy(text, out[0][0], out[-1][1])


_AFTER_QUOTATION = re.compile(r"[,?!]?[\"”’]\s*$")


def _possessive_her(toks: list[tuple[int, int, str]], k: int) -> bool:
    """Whether "her" at ``k`` is a possessive before its noun ("replied her husband"), not the pronoun."""
    nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
    return toks[k][2].lower() == "her" and nxt.isalpha() and nxt.islower() and nxt not in _STOP


_SECOND_APPOSITIVE = re.compile(r"(?:an?|the|one|who|whose|[a-z]+\s+(?:of|at|for))\b[^;:\"“”,]{2,100},\s*")


def source_before_cue_at(text: str, at: int, limit: int, verbs):
    """At ``at``, a source followed by a cue ("he said", "the minister told reporters"): ``(source, cue)`` or None."""
    m = _APPOSITIVE_AT.match(text, at, min(limit, at + 200))
    v = m and verbs.match(text, m.end(), limit)
    if m and not v:
        # a second appositive: "X, the attorney general of Y, one of the states suing Z, said"
        more = _SECOND_APPOSITIVE.match(text, m.end(), min(limit, m.end() + 110))
        v = more and verbs.match(text, more.end(), limit)
    if v:
        name = _clean(_tokens(text, m.start(1), m.end(1)))
        if name and _phrase_ok(name):
            return tidy(text, name[0][0], name[-1][1]), (v.start(), v.end())
    toks = _tokens(text, at, min(limit, at + 100))
    for n in range(1, min(len(toks), 8) + 1):
        end = toks[n - 1][1]
        gap = _SPACES.match(text, end, limit).end() - end
        v = verbs.match(text, end + gap, limit)
        if v is not None and gap > 0 and toks[n - 1][2] not in ",;:":  # "X, said" is not "X said"
            chunk = _clean(toks[:n])
            if chunk and _phrase_ok(chunk) and chunk[0][0] == toks[0][0]:
                return tidy(text, chunk[0][0], chunk[-1][1]), (v.start(), v.end())
            # '"…," residents who live near the mill said': right after a quotation only; inside a
            # sentence the report after a comma is often the gloss of a report the sentence nests
            head = _relative_head(toks[:n], False) if _AFTER_QUOTATION.search(text, max(0, at - 4), at) else None
            if head is not None and head[0][0] == toks[0][0]:
                whole = head[0][2].lower() == "those"
                return (head[0][0], head[-1][1]) if whole else tidy(text, head[0][0], head[-1][1]), (v.start(), v.end())
        if toks[n - 1][2] == ",":
            return _name_after_description(text, at, limit, verbs)
        if toks[n - 1][2] in ";:.!?\"“”":
            return None
    return None


# '"…," the bureau's director, Ana Lima, said': a description, then the name set off by commas.
_DESCRIPTION_THEN_NAME = re.compile(r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[^,;:\"“”«».]{1,60},\s+"
                                    r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s*")


def _name_after_description(text: str, at: int, limit: int, verbs):
    """``(source, cue)`` for a description and a name in commas at ``at`` before a cue, or None."""
    m = _DESCRIPTION_THEN_NAME.match(text, at, min(limit, at + 140))
    v = m and verbs.match(text, m.end(), limit)
    return (tidy(text, *m.span(1)), (v.start(), v.end())) if v else None


def noun_phrase_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The phrase after "according to": up to the next comma or the end of the sentence, if short."""
    toks = _tokens(text, pos, min(limit, pos + 120))
    out = []
    for t in toks:
        if t[2] in ",;:.!?()\"“”«»–—":
            break
        out.append(t)
    if not out or len(out) > 10:
        return None
    return tidy(text, out[0][0], out[-1][1])


def object_after(text: str, pos: int, limit: int) -> int | None:
    """Where the object of "told"/"urged" ends ("told RFE/RL", "told reporters on Monday"), or None."""
    m = re.match(r"\s+(?:(?:the|a|an|this|our|local|foreign)\s+)?(?:[A-Z][\w/.’'-]*(?:\s+[A-Z][\w/.’'-]*){0,3}|reporters|"
                 r"journalists|him|her|them|us|me|parliament|lawmakers|agency|newspaper|paper|radio|broadcaster|channel|station|"
                 r"website|magazine|newsletter|correspondent|reporter|journalist|\w+ers)\b(?:\s+(?:on|in|at|last|this)\s+"
                 r"[A-Z]?[\w]+)?", text[pos:limit])
    return pos + m.end() if m else None


# -- who the speaker is ------------------------------------------------------------------------

# Kinship nouns: a relative speaks as no role ("her husband", "the victim's elder brother").
_KIN = frozenset("""husband wife son daughter brother sister mother father parent parents grandmother grandfather
uncle aunt nephew niece cousin widow widower fiancé fiancee fiancée partner sons daughters brothers sisters""".split())


def role_of(words: str) -> str | None:
    """The role a group or description implies ("Kyrgyz officials" → foreign_official), or None."""
    toks = [w.lower().strip(".,") for w in words.replace("’", "'").split()]
    if not toks:
        return None
    if toks[-1] in _KIN:
        return None  # "her elder brother": kin, whatever the word before says
    # the head is before a preposition: "a lawyer for the family" is no witness, "a spokesman for the group" an official
    cut = next((i for i, t in enumerate(toks) if i and t in _PREPOSITIONS and toks[i - 1] not in _PARTITIVES), None)
    head = next((t for t in reversed(toks[:cut]) if t in _ROLE_NOUNS), None)
    title = next((t for t in toks[:cut] if t in _TITLES), None)
    role = _ROLE_NOUNS.get(head) if head else (_TITLES.get(title) if title else None)
    if role == "official" and any(_foreign_state(t) for t in toks if t != head):
        return "foreign_official"
    return role


def _new_names(ctx) -> dict[str, set[str]]:
    """The names, aliases and persons' surnames of ``ctx.new_entities``, lowercase, each to its entity ids:
    looked up, not scanned, for every source."""
    index: dict[str, set[str]] = {}
    for k, e in ctx.new_entities.items():
        for name in {e.name.lower(), *(a.lower() for a in e.aliases)}:
            index.setdefault(name, set()).add(k)
        if e.label == "PERSON" and e.name.split():
            index.setdefault("surname:" + e.name.lower().split()[-1], set()).add(k)
    return index


def _new_entity(ctx, words: str, role: str | None, index: dict[str, set[str]]) -> str | None:
    """The entity the mention rules made for a name the registry lacks ("Ondasyn Urazalin", then
    "Urazalin"), by its name or a surname only it has; a title's role replaces its role 'other'."""
    if not ctx.new_entities or not words[:1].isupper():
        return None
    low = words.lower()
    hits = index.get(low, set()) | (index.get("surname:" + low, set()) if " " not in low else set())
    if len(hits) != 1:
        return None
    (hit,) = hits
    entity = ctx.new_entities[hit]
    if role and entity.role in (None, "other") and entity.label in ("PERSON", "ORG"):
        ctx.new_entities[hit] = replace(entity, role=role)
    return hit


def _title_role(text: str, start: int) -> str | None:
    """The role of the title a source was written with ("Interior Minister Vicente Romero" → official).

    The source's span leaves the title out (codebook §3), so the words right before it are read.
    """
    before = _tokens(text, max(0, start - 60), start)
    words = []
    for t in reversed(before):
        if not t[2][:1].isalpha():
            break
        words.append(t[2].lower().rstrip("."))
        if len(words) == 4:
            break
    return next((_TITLES[w] for w in words if w in _TITLES), None)


def resolve(text: str, found: list, ctx) -> None:
    """Set ``speaker`` on each found attribution, in text order (pronouns look back)."""
    gaz = ctx.gazetteer
    # Descriptions ("the minister", "police") link to the registry only in a text about its world.
    link = partial(gaz.link, descriptions=ctx.descriptions_apply)
    names = partial(gaz.link, descriptions=False)
    seen = _Antecedents(text, ctx, found)
    nominal = {m.end: m for m in ctx.mentions if m.form == "nominal" and m.label in ("PERSON", "ORG")}
    new = _new_names(ctx)
    for f in found:
        if f.source is None:
            if f.speaker is None and f.rule == "direct_continued" and seen.last is not None:
                f.speaker = seen.last
            continue
        words = text[f.source[0]:f.source[1]]
        low = words.lower()
        at = f.source[0]
        if low in ("who", "which"):
            # the name before it, else the group or body it describes ("the police department, which")
            m = _WHO_ANTECEDENT.search(text, max(0, at - 120), at) or _WHICH_ANTECEDENT.search(text, max(0, at - 80), at)
            role = role_of(m.group(1)) if m and not m.group(1)[:1].isupper() else None
            if m is None or role is not None:
                f.speaker = Speaker(None, role or "other", low == "who" and role is None)
                continue
            words, low, at = m.group(1), m.group(1).lower(), m.start(1)
        if low in _PRONOUN:
            # A quote continued from an earlier one has that one's source: the pronoun is read where the
            # quote starts, after whoever spoke in between ("Sultanaliev also argued …" then a bare quote).
            at = f.start if f.rule == "direct_continued" and f.start > at else at
            going_on = f.cue is not None and _GOING_ON.match(text, f.cue[0], f.cue[1]) is not None
            f.speaker = seen.pronoun(low, at, going_on) or Speaker(None, "other", low in _PERSON_PRONOUNS)
            continue
        # A description the mention rules read ("the president") is theirs to link: they know when it is
        # another state's ("Kyrgyzstan's president") and when the text introduced its holder.
        described = bool(ctx.mentions) and not any(w[:1].isupper() for w in words.split())
        f.speaker = _named(text, at, words, ctx, names if described else link, new)
        if f.speaker.entity_id is None and f.source[1] in nominal and nominal[f.source[1]].start >= f.source[0]:
            # "the president" where the text introduced "President Ana Vidal": the description's entity
            m = nominal[f.source[1]]
            f.speaker = Speaker(m.entity_id, None, m.label == "PERSON")
        seen.spoke(f.speaker, at, words)


# Cues that carry a report on: their pronoun is the last speaker's ("Tokayev fired …" between does not count).
_GOING_ON = re.compile(r"(?:\w+\s+)*?(?:add(?:s|ed|ing)?|continu(?:es|ed|ing)|went on|goes on|repeat(?:s|ed))\b",
                       re.IGNORECASE)
_WHICH_ANTECEDENT = re.compile(r"([\w’'.-]+(?:\s+[\w’'.-]+){0,3}),?\s*$")
_WHO_ANTECEDENT = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:,[^,]{0,80})?,?\s*$")
_PLACES = frozenset({"GPE", "LOC", "FAC"})


_QUALIFIER = re.compile(r"([A-Z][\w.-]*)(?:['’]s)?\s+$")


def _foreign_state(word: str) -> bool:
    """Whether a word, lowercase, names a state or people other than the registry's own."""
    return word not in _HOME and (word in COUNTRIES or bool(_DEMONYM.match(word)))


def _named(text: str, at: int, words: str, ctx, link, new) -> Speaker:
    """Who a source that is no pronoun names: a registry entity, a new entity, or a role. Never a place.

    ``new`` is :func:`_new_names` of the context, the names the mention rules added."""
    role = _title_role(text, at)
    entity_id = link(words) or _new_entity(ctx, words, role, new)
    if entity_id is None and " " in words:
        # "Interior Minister Kalmukhambet Kasymov", "Kazakh President Tokayev": the name without the
        # title; but not a place inside a phrase ("friends in Kyrgyzstan"): only after capitals or titles
        parts = words.split()
        for n in range(1, len(parts)):
            if not (parts[n - 1][:1].isupper() or parts[n - 1].lower().rstrip(".") in _POSITION):
                break
            tail = " ".join(parts[n:])
            if tail[:1].isupper():
                entity_id = link(tail) or _new_entity(ctx, tail, role or _TITLES.get(parts[0].lower()), new)
                if entity_id:
                    break
    entity = (ctx.entities.get(entity_id) or ctx.new_entities.get(entity_id)) if entity_id else None
    if entity is not None and entity.label in _PLACES:
        # A country that "said" is its government (codebook §4: Kyrgyz officials are foreign officials);
        # a place inside a longer source names no one.
        whole = entity.label == "GPE" and link(words) == entity_id
        home = entity.name.lower() in _HOME
        return Speaker(None, ("official" if home else "foreign_official") if whole else role_of(words) or "other",
                       False)
    if entity is not None:
        return Speaker(entity_id, None, entity.label == "PERSON")
    role = role_of(words) or _title_role(text, at)
    qualifier = _QUALIFIER.search(text, max(0, at - 40), at)
    if role == "official" and qualifier and _foreign_state(qualifier.group(1).lower()):
        role = "foreign_official"  # "Kyrgyzstan's president": the possessor tidy left out of the source
    capitalised = [w for w in words.split() if w[:1].isupper()]
    person = bool(capitalised) and (role is None or words.split()[-1][:1].isupper()) and \
        words.lower().split()[-1] not in _ROLE_NOUNS
    return Speaker(None, role or "other", person)


# -- pronouns ------------------------------------------------------------------------------------

# What the text says of a person's sex: a title, a gendered noun, or a pronoun already bound to them.
_FEMALE = frozenset("""mrs ms miss madam madame lady spokeswoman chairwoman congresswoman businesswoman
councilwoman woman women mother wife daughter sister grandmother aunt niece widow actress girl queen
princess duchess""".split())
_MALE = frozenset("""mr sir lord spokesman chairman congressman businessman councilman man men father husband son
brother grandfather uncle nephew widower actor boy king prince duke""".split())
# Slavic and Turkic surnames in -ova/-eva/-skaya are women's, in -ov/-ev/-sky men's: the name says it.
_FEMALE_NAME = re.compile(r"(?:ova|eva|yeva|ayeva|skaya|kyzy)$")
_MALE_NAME = re.compile(r"(?:ov|ev|yev|sky|skiy|uly)$")
_GENDER_WORD = re.compile(r"[A-Za-z]+")
_APPOSITION = re.compile(r",\s+(?:an?|the|his|her)\s+([^,;.]{0,60})")
# Heads of descriptions that are one body rather than many people: "it", not "they".
_SINGULAR_BODIES = frozenset("""government ministry department agency committee commission council office embassy
administration cabinet parliament court service police army military company organisation organization group
movement party newspaper channel outlet akimat kremlin regime state""".split())
# A name in subject position: at a sentence's start, after an opening adverbial ("On Monday, "), titles
# or capitalised words ("Interior Minister", "the Kazakh").
_SUBJECT_BEFORE = re.compile(r"(?:[^,;:\"“”«»]{0,50},\s+)?(?:(?:[A-Z][\w.’'-]*|the|a|an|former|then|acting)\s+)*")
# Or a name right before its verb, set off by commas or not ("…, Kazis Toguzbaev, says", "Nazarbaev has declared").
_VERB_AFTER = re.compile(r",?\s+(?:(?:has|have|had|was|is|will|would|also|later|then|now)\b|"
                         r"(?!(?:across|towards|whereas|unless|perhaps|always|afterwards|besides|sometimes)\b)"
                         r"[a-z]{2,}(?:ed|es|[^s]s)\b)")
_REACH = 60  # how many earlier referents a pronoun may pass over: bounded, so that resolving is linear


class _Antecedents:
    """What a pronoun may refer to, in text order: the speakers so far and the names outside what was said.

    A pronoun takes the most recent one that fits it: "he"/"she" a person not known to be of the
    other sex, "they" a group or an organisation, "it" an organisation, never a place; a speaker or a
    name in subject position first, else any name before it ("Police detained Omar Said. He said …").
    """

    def __init__(self, text: str, ctx, found: list):
        self.text = text
        self.ctx = ctx
        self.last: Speaker | None = None
        self.history: list[tuple[int, Speaker, str, object, bool, bool]] = []  # (position, speaker, kind,
        # gender key, whether a speaker or a subject, whether a speaker)
        self.gender: dict[object, str] = {}
        self._found = found
        self._names: list | None = None  # made when a first pronoun needs them
        self._next = 0

    def spoke(self, speaker: Speaker, at: int, words: str) -> None:
        """A source that names someone, at ``at``: a referent for later pronouns."""
        self.last = speaker
        entity = self.ctx.entities.get(speaker.entity_id) or self.ctx.new_entities.get(speaker.entity_id)
        kind = _kind(speaker, words, entity.label if entity is not None else None)
        if kind is not None:
            self._add(at, speaker, kind, words, at + len(words), True, True)

    def _add(self, at: int, speaker: Speaker, kind: str, words: str, end: int, subject: bool,
             spoken: bool = False) -> None:
        key = speaker.entity_id or ("at", at)
        if key not in self.gender and kind == "person":
            sex = _sex(self.text, at, end, words)
            if sex:
                self.gender[key] = sex
        self.history.append((at, speaker, kind, key, subject, spoken))

    def pronoun(self, low: str, at: int, going_on: bool = False) -> Speaker | None:
        """The referent of the pronoun ``low`` at ``at``, or None; a bound he/she says its referent's sex.

        ``going_on``: the cue continues a report ("he added", "she went on"), so a speaker comes first."""
        if self._names is None:
            self._names = _subject_names(self.text, self.ctx, self._found)
        while self._next < len(self._names) and self._names[self._next][0] < at:
            self._add(*self._names[self._next])
            self._next += 1
        if low == "i":
            return (self._best(at, ("person",), None, True) or (self.last, None))[0]
        sex = "m" if low in ("he", "him") else "f" if low in ("she", "her") else None
        kinds = {"it": ("org",)}.get(low, ("person",) if sex else ("group", "org"))
        best = (going_on and self._best(at, kinds, sex, True, spoken=True) or self._best(at, kinds, sex, True)
                or self._best(at, kinds, sex, False))
        if best is None:
            return None
        speaker, key = best
        if sex:
            self.gender.setdefault(key, sex)
        return speaker

    def _best(self, at: int, kinds: tuple[str, ...], sex: str | None, subjects: bool, spoken: bool = False):
        fitting = [(pos, speaker, key) for pos, speaker, kind, key, subject, said in self.history[-_REACH:]
                   if pos < at and kind in kinds and (sex is None or self.gender.get(key, sex) == sex)
                   and (subject or not subjects) and (said or not spoken)]
        if not fitting:
            return None
        _, speaker, key = max(fitting, key=lambda x: x[0])
        return speaker, key


def _kind(speaker: Speaker, words: str, label: str | None) -> str | None:
    """person, group (they), org (it or they), or None for what no pronoun refers to (a place)."""
    if label is None and speaker.entity_id is None:
        if speaker.person:
            return "person"
        head = words.lower().split()[-1] if words.split() else ""
        return "org" if head in _SINGULAR_BODIES else "group"
    return {"PERSON": "person", "ORG": "org", "NORP": "group"}.get(label or "", None)


def _sex(text: str, start: int, end: int, words: str) -> str | None:
    """The sex the text gives the person named at ``[start, end)``, or None."""
    near = [w.lower() for w in _GENDER_WORD.findall(text, max(0, start - 30), start)[-3:]]
    near += [w.lower() for w in words.split()]
    m = _APPOSITION.match(text, end)
    if m:
        near += m.group(1).lower().split()
    if any(w in _FEMALE for w in near):
        return "f"
    if any(w in _MALE for w in near):
        return "m"
    last = words.split()[-1].lower() if words.split() else ""
    if _FEMALE_NAME.search(last):
        return "f"
    if _MALE_NAME.search(last):
        return "m"
    return None


def _subject_names(text: str, ctx, found: list) -> list[tuple[int, Speaker, str, str, int, bool]]:
    """The names the mention rules found outside every reported content, as ``(start, speaker, kind,
    words, end, whether in subject position)`` in text order: "Tokayev visited the town. He said …"."""
    mentions = getattr(ctx, "mentions", None) or []
    contents = sorted((f.start, f.end) for f in found)
    reach = list(accumulate((e for _, e in contents), max))  # the furthest end of a content so far
    starts = [s for s, _ in contents]
    sentences = ctx.sentences
    sentence_starts = [s for s, _ in sentences]
    out = []
    for m in mentions:
        kind = _kind(Speaker(m.entity_id, None, m.label == "PERSON"), m.text, m.label)
        if kind is None or m.form != "name":
            continue
        k = bisect_right(starts, m.start)
        if k and reach[k - 1] > m.start:  # inside what someone said: its subject is not the story's
            out.append((m.start, Speaker(m.entity_id, None, m.label == "PERSON"), kind, m.text, m.end, False))
            continue
        i = bisect_right(sentence_starts, m.start) - 1
        opens = sentences[i][0] if i >= 0 else 0
        # far into its sentence, a name is an object's or a clause's, not the sentence's subject
        subject = m.start - opens <= 120 and not text.startswith(("'s", "’s"), m.end) and bool(
            _SUBJECT_BEFORE.fullmatch(text, opens, m.start) or _VERB_AFTER.match(text, m.end))
        out.append((m.start, Speaker(m.entity_id, None, m.label == "PERSON"), kind, m.text, m.end, subject))
    out += _subject_groups(text, sentences)
    return sorted(out, key=lambda r: r[0])


def _subject_groups(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, Speaker, str, str, int, bool]]:
    """Groups that open a sentence ("Protesters outside the court chanted …", "Many residents fled"):
    what "they" refers to when no name does."""
    out = []
    for s, e in sentences:
        toks = _tokens(text, s, min(e, s + 40))[:5]
        for i, (start, end, w) in enumerate(toks[:4]):
            low = w.lower()
            if low in _STOP or not w[:1].isalpha() or w[:1].isupper() and (
                    i or i + 1 < len(toks) and toks[i + 1][2][:1].isupper()):
                break  # "Transport Workers Union": a name's word, not a group's noun
            if low in _ROLE_NOUNS and (low.endswith("s") or low in ("police", "people")) and low not in _SINGULAR_BODIES:
                out.append((start, Speaker(None, _ROLE_NOUNS[low], False), "group", w, end, True))
                break
    return out
