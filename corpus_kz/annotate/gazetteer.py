"""Transliteration-tolerant matching of names to the entity registry.

Kazakh and Russian names reach English news in several romanisations: Tokayev, Toqaev and Tokajev
are one man, Zhanaozen and Janaozen one town. Names are compared through a *skeleton* of each word
(:func:`skeleton`): ASCII, lowercase, with the letters those romanisations disagree on mapped to
one spelling (q→k, j/dzh→zh, kh→h, y→i and a y between vowels dropped, doubled letters single).
Only romanisations are bridged, never renamings: Almaty and Alma-Ata stay two names.

:class:`Gazetteer` is built once per registry (:func:`gazetteer_for` caches it) and answers two
questions:

* :meth:`Gazetteer.link`: which entity a name as written refers to ("President Tokayev's" →
  ``tokayev``), or None when none or more than one fits;
* :meth:`Gazetteer.find`: every occurrence of a registry name in a text, as ``(start, end,
  entity_id)``, longest first, without overlaps. It scans the text with one regular expression
  for candidate words and walks a trie of word skeletons from each, so its cost does not grow
  with the size of the registry.

A person's surname alone links to the person when no other person in the registry has it. Aliases
that are descriptions rather than names ("president", "the authorities": codebook §2, nominal
mentions) are kept apart in :attr:`Gazetteer.nominals`; :meth:`find` does not look for them.
DATE entities are left out: a date is found by its form, not by the registry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from ..records import Entity
from .text import alternation

__all__ = ["CAPITALS", "Gazetteer", "fold", "gazetteer_for", "skeleton", "title_end"]

# -- skeletons -------------------------------------------------------------------------------------

# Letters of Turkic Latin alphabets that NFKD does not turn into ASCII, or turns into the wrong sound.
_LETTERS = str.maketrans({"ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ı": "i", "ə": "a", "Ə": "a",
                          "ğ": "g", "Ğ": "g", "ñ": "n", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "ł": "l", "Ł": "l", "Đ": "d"})
_REWRITES = [
    (re.compile(r"dzh|dj"), "zh"),
    (re.compile(r"j(?=e[vw]a?$)"), "i"),    # Slavic -jev/-jeva in German or Polish spelling: Tokajev = Tokayev
    (re.compile(r"j$"), "i"),                # -ij: Yevgenij = Yevgeniy
    (re.compile(r"j"), "zh"),                # Jomart = Zhomart, Janaozen = Zhanaozen
    (re.compile(r"q"), "k"),                 # Toqaev = Tokaev, Aqtau = Aktau
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"kh"), "h"),                # Mukhtar = Muhtar
    (re.compile(r"gh"), "g"),                # Manghystau = Mangistau
    (re.compile(r"ou"), "u"),
    (re.compile(r"y"), "i"),                 # Korday = Kordai, Lyazzat = Liazzat
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),  # Nazarbayev = Nazarbaev, Aktayeva = Aktaeva
    (re.compile(r"^ie"), "e"),               # Yerlan = Erlan, Yevgeniy = Evgeny
    (re.compile(r"(.)\1+"), r"\1"),          # Kassym = Kasym, Liazzat = Liazat
]
_VOWELS = re.compile(r"[aeiou]")
_skeletons: dict[str, str] = {}


def fold(text: str) -> str:
    """``text`` without diacritics, lowercase: "Łódź" → "lodz", "İstanbul" → "istanbul", "Şymkent" → "shymkent"."""
    s = text.translate(_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def skeleton(word: str) -> str:
    """A word's romanisation-independent form: ``skeleton("Toqaev") == skeleton("Tokayev") == "tokaev"``.

    ASCII through Unicode decomposition, lowercase, then q→k, j and dzh→zh (but -jev→-iev), kh→h,
    gh→g, w→v, x→ks, ph→f, ck→k, ou→u, y→i, an i between vowels dropped, a word-initial ye→e, and
    doubled letters single. Memoised: running text repeats its words.
    """
    out = _skeletons.get(word)
    if out is not None:
        return out
    s = fold(word)
    for pattern, repl in _REWRITES:
        s = pattern.sub(repl, s)
    if len(_skeletons) < 200_000:
        _skeletons[word] = s
    return s


def _consonants(key: str) -> str:
    return _VOWELS.sub("", key)


# -- words of names --------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'’"

#: Words that stand before a name as a title and are not part of it (codebook §2: "President
#: Kassym Zhomart-Tokayev" → ``Kassym Zhomart-Tokayev``), lowercase. General English news usage.
TITLE_WORDS = frozenset("""
president vice prime minister deputy first interior foreign defence defense finance economy health
education justice energy emergency emergencies internal affairs culture information agriculture labour labor
trade transport ecology digital development national security state secretary general attorney chief
executive managing acting former ex late then incoming outgoing presidential senior junior assistant
governor mayor akim ambassador envoy consul chairman chairwoman chair chairperson speaker head leader
spokesman spokeswoman spokesperson press adviser advisor aide commissioner ombudsman prosecutor judge justice
senator sen congressman congresswoman representative rep lawmaker deputy mp member
mr mrs ms miss dr prof professor sir dame lord lady king queen prince princess sheikh emir sultan pope
patriarch archbishop bishop rev reverend father imam mufti rabbi
general gen colonel col lieutenant lt major maj captain capt sergeant sgt commander admiral marshal
officer inspector constable superintendent senate house majority minority opposition party
journalist reporter correspondent editor activist lawyer blogger analyst expert economist researcher
scholar writer poet artist singer director founder coordinator president-elect
""".split())

#: Titles that end a title phrase: the word after them starts the name ("Interior Minister X"; "Interior
#: Ministry" is no title, and "General Motors" no general).
_TITLE_HEADS = frozenset("""
president minister governor mayor akim ambassador envoy consul chairman chairwoman chair chairperson speaker
spokesman spokeswoman spokesperson adviser advisor aide commissioner ombudsman prosecutor judge senator sen
congressman congresswoman lawmaker mp secretary attorney mr mrs ms miss dr prof professor sir dame lord lady
king queen prince princess sheikh emir sultan pope patriarch archbishop bishop rev reverend father imam mufti rabbi
gen colonel col lieutenant lt maj captain capt sergeant sgt commander admiral marshal inspector constable superintendent leader whip journalist
reporter correspondent editor activist lawyer blogger analyst economist researcher president-elect
""".split())

_DETERMINERS = frozenset({"the", "a", "an", "our", "its", "his", "her", "their", "this", "that"})

#: Head nouns of descriptions: an alias made of these (and lowercase modifiers) is nominal, not a
#: name, even when capitalised at the start of a sentence ("Police", "Authorities", "President").
_NOMINAL_HEADS = frozenset("""
authorities authority police government governments forces force troops military army guards guard service
services ministry ministries department office officials official administration parliament court courts
prosecutors prosecutor agency agencies enforcement organization organisation organisations organizations
movement party group groups committee council commission company firm post president minister governor
mayor akim correspondent reporter activist officer spokesman spokeswoman leader head chief man woman
""".split())


def _words(name: str) -> list[tuple[int, int]]:
    """The words of a name as ``(start, end)``; the ``s`` of a possessive (``RFE/RL's``) is not one."""
    out = []
    for m in _WORD.finditer(name):
        if m.group() == "s" and m.start() > 0 and name[m.start() - 1] in _APOSTROPHES:
            continue
        out.append(m.span())
    return out


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha()


def _alias_key(word: str) -> str:
    """A registry word's trie key: a short all-capital word (an acronym) only matches itself in capitals."""
    return "^" + word.lower() if _acronym(word) else skeleton(word)


def _text_keys(word: str) -> tuple[str, ...]:
    """The trie keys a word of running text may match: its acronym key first when in capitals."""
    keys = _keys.get(word)
    if keys is None:
        keys = ("^" + word.lower(), skeleton(word)) if word.isupper() and len(word) >= 2 else (skeleton(word),)
        if len(_keys) < 200_000:
            _keys[word] = keys
    return keys


_keys: dict[str, tuple[str, ...]] = {}


def _is_nominal(alias: str, entity: Entity) -> bool:
    """Whether an alias is a description ("president", "Riot police") rather than a name (codebook §2).

    Only persons and organisations have descriptions. A lowercase alias is a name only when the
    registry also spells it capitalised as a name ("kyrk choro" for Kyrk Choro); a capitalised one
    is a description when its head is a common noun of office ("President", "Police").
    """
    if entity.label not in ("PERSON", "ORG") or not alias:
        return False
    if not alias[0].isupper():
        if alias[0].isdigit():
            return False
        lowered = alias.lower()
        capitalised = [a for a in (entity.name, *entity.aliases) if a[:1].isupper() and a.lower() == lowered]
        return not capitalised or all(_is_nominal(a, entity) for a in capitalised)
    if any(c.isupper() for c in alias[1:]):
        return False
    return alias.lower().split()[-1] in _NOMINAL_HEADS


# -- the gazetteer ----------------------------------------------------------------------------------

_END = ""  # the trie key that holds what a word sequence names (no word has an empty skeleton)



def _capital_ranges(limit: int = 0x1F000) -> str:
    """The capital letters of every script (Unicode Lu and Lt) below ``limit``, as the inside of a
    character class: "Łódź", "Šiauliai", "İstanbul", "Ωmega" start with a capital as "Almaty" does."""
    out, start, prev = [], None, None
    for c in range(limit):
        ch = chr(c)
        if ch.isupper() or (ch.istitle() and ch.isalpha()):
            if start is not None and c == prev + 1:
                prev = c
                continue
            if start is not None:
                out.append((start, prev))
            start = prev = c
    out.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


#: The inside of a regular-expression character class of capital letters, of any script: ``f"[{CAPITALS}]"``.
#: A class (not ``[^\W\d_]`` and ``str.isupper``) keeps the engine's quick skip to a word's first letter.
CAPITALS = _capital_ranges()

# A candidate first word in running text: a word starting with a capital or a digit.
_ROOT = re.compile(rf"[{CAPITALS}0-9][^\W_]*")
# The next word after a matched one: spaces and at most one joining mark between them, on one line.
_NEXT = re.compile(r"[ \t\u00a0]*([-/.,’'&][ \t\u00a0]*)?([^\W_]+)")
_UNSEEN = object()


class Gazetteer:
    """The names of a registry (``entity_id -> Entity``), matched tolerantly to romanisation.

    Build it once per registry (:func:`gazetteer_for` caches). :meth:`link` resolves one name,
    :meth:`find` every registry name in a text. :attr:`nominals` maps the registry's descriptive
    aliases, lowercase ("president", "riot police"), to the one entity each names.
    """

    def __init__(self, entities: Mapping[str, Entity]):
        self.entities = dict(entities)
        self._trie: dict = {}
        self._roots: dict[str, dict | None] = {}  # a word of running text -> its trie node (None: starts no name)
        self._full: dict[tuple[str, ...], set[str]] = {}
        self._surname: dict[str, set[str]] = {}
        self._given: dict[str, set[str]] = {}
        self._loose: dict[str, set[str]] = {}
        self._loose_surname: dict[str, set[str]] = {}
        nominal: dict[str, set[str]] = {}
        lower_literals: set[str] = set()
        for eid, e in self.entities.items():
            if e.label == "DATE":
                continue
            for surface in dict.fromkeys((e.name, *e.aliases)):
                if _is_nominal(surface, e):
                    nominal.setdefault(" ".join(surface.lower().split()), set()).add(eid)
                    continue
                spans = _words(surface)
                if not spans:
                    continue
                words = [surface[s:t] for s, t in spans]
                keys = tuple(_alias_key(w) for w in words)
                variants = [keys]
                if e.label == "NORP":  # Kazakh / Kazakhs, Dungan / Dungans
                    last = keys[-1]
                    variants.append(keys[:-1] + ((last[:-1],) if last.endswith("s") and len(last) > 3 else (last + "s",)))
                for k in variants:
                    self._full.setdefault(k, set()).add(eid)
                    self._insert(k, ("full", eid))
                self._loose.setdefault(_consonants(" ".join(keys)), set()).add(eid)
                if not surface[0].isupper() and not surface[0].isdigit():
                    lower_literals.add(surface)
                if e.label == "PERSON" and not _acronym(words[-1]) and len(words[-1]) > 2:
                    self._surname.setdefault(keys[-1], set()).add(eid)
                    self._insert((keys[-1],), ("surname", eid))
                    self._loose_surname.setdefault(_consonants(keys[-1]), set()).add(eid)
                    if len(keys) > 1:
                        self._given.setdefault(eid, set()).add(keys[0])
        #: Lowercase description -> entity id, for the descriptions that name one entity only.
        self.nominals: dict[str, str] = {k: next(iter(v)) for k, v in nominal.items() if len(v) == 1}
        self._lower = re.compile(alternation(lower_literals)) if lower_literals else None
        self._digit_names = any(k[:1].isdigit() for k in self._trie)

    def _insert(self, keys: tuple[str, ...], entry: tuple[str, str]) -> None:
        node = self._trie
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault(_END, set()).add(entry)

    def _starts(self, word: str) -> bool:
        """Whether some registry name starts with ``word`` (as written in running text)."""
        return _child(self._trie, word) is not None

    # -- one name --------------------------------------------------------------------------------

    def link(self, name: str, label: str | None = None, *, descriptions: bool = True) -> str | None:
        """The entity id that ``name``, as written, refers to; None when no entity or more than one fits.

        Leading determiners and titles ("the", "President", "Interior Minister", "Mr") and a final
        possessive ("'s") are not part of the name. The rest is compared word by word through
        :func:`skeleton` with every name and alias; then, for persons, by surname (a surname that
        only one person of the registry has; a given name written with it must agree with the
        registry's); then by consonants alone (vowel spellings: Turghymbaev = Turgumbayev) when
        that is unambiguous and at least five consonants long. A title or description alone
        ("the president") resolves through :attr:`nominals`. ``label`` restricts the candidates.

        ``descriptions=False`` leaves :attr:`nominals` out: only names link. For a text about
        another world than the registry's, where "the president" is not the registry's president
        (:attr:`.base.Context.descriptions_apply`).
        """
        text = " ".join(name.split()).strip(" \t\"“”‘’«»()[],.;:")
        text = re.sub(r"['’]s?$", "", text)
        spans = _words(text)
        words = [text[s:t] for s, t in spans]
        i = 0
        while i < len(words) and words[i].lower() in _DETERMINERS:
            i += 1
        j = title_end(words, i)
        if j >= len(words):  # a title or description alone: "the President", "our correspondent"
            if not descriptions:
                return None
            phrase = " ".join(w.lower() for w in words[i:])
            eid = self.nominals.get(phrase)
            return eid if eid is not None and self._fits(eid, label) else None
        if j == i and i < len(words) and descriptions:
            phrase = " ".join(w.lower() for w in words[i:])
            eid = self.nominals.get(phrase)
            if eid is not None and self._fits(eid, label) and not any(w[0].isupper() for w in words[i + 1:]):
                return eid
        words = words[j:]
        keys = tuple(_alias_key(w) for w in words)
        hit = self._unique(self._full.get(keys, ()), label)
        if hit is not None:
            return hit
        if self._full.get(keys) and len(self._candidates(self._full[keys], label)) > 1:
            return None  # ambiguous as a full name: a surname reading would only guess
        if label in (None, "PERSON"):
            hit = self._unique(self._by_surname(keys, self._surname.get(keys[-1], ())), label)
            if hit is not None:
                return hit
        loose = _consonants(" ".join(keys))
        if len(loose.replace(" ", "")) >= 5:
            hit = self._unique(self._loose.get(loose, ()), label)
            if hit is not None:
                return hit
            if label in (None, "PERSON") and len(_consonants(keys[-1])) >= 5:
                return self._unique(self._by_surname(keys, self._loose_surname.get(_consonants(keys[-1]), ())), label)
        return None

    def _fits(self, eid: str, label: str | None) -> bool:
        return label is None or self.entities[eid].label == label

    def _candidates(self, eids: Iterable[str], label: str | None) -> list[str]:
        return [e for e in eids if self._fits(e, label)]

    def _unique(self, eids: Iterable[str], label: str | None) -> str | None:
        found = self._candidates(eids, label)
        return found[0] if len(found) == 1 else None

    def _by_surname(self, keys: tuple[str, ...], eids: Iterable[str]) -> list[str]:
        """Persons with this surname whose known given names agree with the ones written before it."""
        given = keys[:-1]
        return [e for e in eids if not given or self._given_fits(e, given[0])]

    def _given_fits(self, eid: str, key: str) -> bool:
        known = self._given.get(eid)
        if not known:
            return True
        return key in known or (len(key) == 1 and any(g.startswith(key) for g in known))

    # -- a whole text ----------------------------------------------------------------------------

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every occurrence of a registry name in ``text`` as half-open ``(start, end, entity_id)``, in text order.

        Names and aliases match word by word through :func:`skeleton` (so "Toqaev" finds the
        registry's Tokayev), a person also by a surname only they have (with the given names
        written before it, "Nursultan Nazarbaev", when those agree with the registry's), an
        ethnic group in the singular or the plural. A short all-capital alias (an acronym) only
        matches in capitals. The longest match wins and matches do not overlap; a word sequence
        that names more than one entity is left out. Descriptive aliases (:attr:`nominals`) are
        not looked for. A possessive ("Tokayev's") is not part of the match.
        """
        return self._matches(text, [m.span() for m in _ROOT.finditer(text)])

    def _matches(self, text: str, candidates: list[tuple[int, int]], checked: bool = False) -> list[tuple[int, int, str]]:
        """:meth:`find` from the spans of the words that may start a name (capitalised or digits, in
        text order); the registry's lowercase names are looked for here. A caller that has already
        scanned the text for capitalised words passes them and saves a scan; ``checked`` says that
        each is a whole word (not inside another) and ends where its first part ends."""
        found: list[tuple[int, int, str]] = []
        last = 0
        roots = self._roots
        if self._lower is not None:
            n = len(text)
            lower = [(m.start(), _WORD.match(text, m.start()).end()) for m in self._lower.finditer(text)
                     if (m.end() == n or not (text[m.end()].isalnum() or text[m.end()] == "_"))
                     and (not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"))]
            if lower:
                candidates = sorted(candidates + lower)
        for start, end in candidates:
            if start < last:
                continue
            word = text[start:end]
            if not checked:
                if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                    continue
                if not word.isalnum():  # a joined word ("Zhomart-Tokayev"): its first part starts the name
                    end = start + _WORD.match(word).end()
                    word = text[start:end]
            node = roots.get(word, _UNSEEN)
            if node is _UNSEEN:  # most capitalised words are no name's first word: remember which
                node = _child(self._trie, word)
                if len(roots) < 50_000:
                    roots[word] = node
            if node is None:
                continue
            hit = self._walk(text, start, end, node)
            if hit is None:
                continue
            found.append(hit)
            last = hit[1]
        return found

    def _walk(self, text: str, start: int, end: int, node: dict) -> tuple[int, int, str] | None:
        """The longest registry name that starts with the word at ``[start, end)`` (its trie node ``node``), or None."""
        best = None
        pos = end
        while True:
            if _END in node:
                best = (pos, node[_END])
                if len(node) == 1:
                    break  # no longer name goes on from here (the usual case: a one-word name)
            m = _NEXT.match(text, pos)
            if m is None:
                break
            word = m.group(2)
            if word == "s" and m.group(1) and m.group(1)[0] in _APOSTROPHES:
                pos2 = m.end()  # a possessive inside a name: RFE/RL's Kazakh Service
                m = _NEXT.match(text, pos2)
                if m is None or m.group(1):
                    break
                word = m.group(2)
            nxt = _child(node, word)
            if nxt is None:
                break
            node, pos = nxt, m.end()
        if best is None:
            return None
        stop, entries = best
        full = {eid for kind, eid in entries if kind == "full"}
        if full:
            if len(full) != 1:
                return None
            eid = next(iter(full))
            if stop != end or self.entities[eid].label != "PERSON":
                return (start, stop, eid)
        else:
            people = {eid for _, eid in entries}
            if len(people) != 1:
                return None
            eid = next(iter(people))
        # A person's one word is a surname: take in the given names written before it ("Nursultan
        # Nazarbaev"), or refuse the match when they are another person's ("Anna Petrova" is not the
        # registry's Irina Petrova).
        given = []
        for s, t in reversed(_given_before(text, start)):  # nearest first, up to a title or a known name
            low = t.lower()
            node = _child(self._trie, t)
            if low in TITLE_WORDS or low in _DETERMINERS or low in _FUNCTION_WORDS or (node is not None and _END in node):
                break  # a title, a function word or a name of its own ("Kazakh")
            given.insert(0, (s, t))
        if given:
            if self._given_fits(eid, skeleton(given[0][1].split("-")[0])):
                return (given[0][0], stop, eid)
            if len(given) == 1 and _sentence_start(text, given[0][0]):
                return (start, stop, eid)  # "Yesterday Tokayev said": a capitalised first word, no given name
            return None
        return (start, stop, eid)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \u00a0\"“‘«(")
    return not before or before[-1] in ".!?\n:"


def _given_before(text: str, pos: int) -> list[tuple[int, str]]:
    """The capitalised words (one or two, "Kassym-Jomart" counts as one) right before ``pos``, separated
    from it and from each other by single spaces, as ``(start, word)``, first first."""
    out: list[tuple[int, str]] = []
    end = pos
    while len(out) < 2 and end >= 2 and text[end - 1] in " \u00a0":
        i = end - 1
        j = i
        while j > 0 and (text[j - 1].isalpha() or (text[j - 1] == "-" and j > 1 and text[j - 2].isalpha())):
            j -= 1
        word = text[j:i]
        if not word or not word[0].isupper() or (j > 0 and not text[j - 1].isspace()):
            break
        out.insert(0, (j, word))
        end = j
    return out


def _child(node: dict, word: str) -> dict | None:
    for key in _text_keys(word):
        nxt = node.get(key)
        if nxt is not None:
            return nxt
    return None


def title_end(words: list[str], i: int) -> int:
    """The index after the title words that start ``words`` at ``i`` (``i`` when there are none).

    A title phrase ends in a title head ("Deputy Prime Minister", "Mr"): "Interior Ministry" is no
    title, and "Interior" alone is not stripped.
    """
    j = i
    end = i
    while j < len(words) and words[j].lower().rstrip(".") in TITLE_WORDS:
        j += 1
        if words[j - 1].lower().rstrip(".") in _TITLE_HEADS:
            end = j
    return end


# Words that start sentences and are no given names ("When Tokayev …").
_FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet for of in on at to from by with without about after before since until during
as if when while where whereas because although though than that this these those there here then now also
even only just still however meanwhile moreover furthermore thus hence therefore why what who whom whose which
how he she it they we you i his her its their our your my me him them us not no yes all some many most
several few both each every either neither other another such said says asked told
""".split())

_cache: dict = {}


def gazetteer_for(entities: Mapping[str, Entity]) -> Gazetteer:
    """The :class:`Gazetteer` of a registry, built once per registry content and then reused.

    Keyed by the registry's entities themselves (not the mapping's ``id()``, since
    ``corpus_kz.annotate`` copies the registry on every call); a few registries are kept.
    """
    key = frozenset(entities.items())
    g = _cache.get(key)
    if g is None:
        if len(_cache) >= 8:
            _cache.pop(next(iter(_cache)))
        g = _cache[key] = Gazetteer(entities)
    return g
