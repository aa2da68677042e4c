"""Sources of attributions: finding the words that name a speaker, and saying who the speaker is.

Finding: a source is the noun phrase right before a cue (``Interior Minister Kalmukhambet Kasymov
said``), right after it (``said Kasymov``), or after ``according to``; an appositive between a name
and its cue is skipped (``Zhovtis, a rights activist, said`` → ``Zhovtis``). No parser: the phrase
runs back to the nearest clause boundary and must be short and free of finite verbs.

Resolving (:func:`resolve`), in text order:

* a name, with or without its title, is linked to the registry transliteration-tolerantly
  (:mod:`.gazetteer`: Toqaev → ``tokayev``); an unknown name is a person of the role its title
  suggests, else ``other``;
* ``he``/``she``/``I`` is the most recent speaker who is a person, ``they``/``we``/``it`` the most
  recent group or organisation (nothing earlier: role ``other``);
* a description or a group ("officials", "the border service", "protesters") is linked to the
  registry when it is one of an entity's aliases, else given the role its head noun implies,
  with ``foreign_official`` for officials of another state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial


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
_STOP = frozenset("""is are was were be been being has have had do does did will would can could should may
might must that which who whom whose when where while because although though if as than and but or nor
so yet said says told""".split())
_TRAILING = frozenset("also later previously earlier repeatedly then now still has have had was were is are "
                      "will would did does do not never already recently once again further".split())
_PRONOUN = frozenset({"he", "she", "they", "we", "i", "it", "him", "her", "them", "us"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "him", "her"})

# A word; initials and abbreviations keep their dots ("U.S.", "G.K.", "Mr."), a sentence's stop does not.
_SPACES = re.compile(r"\s*")
_POSSESSOR = re.compile(r"[’']s?$")
_TOKEN = re.compile(r"\([A-Z]{1,2}-[A-Za-z.]{1,10}\)|(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gov|Sen|Rep|Gen|Col|Lt|Prof|[A-Z])\.(?=\s+[A-Z])"
                    r"|[A-Za-z0-9\u00C0-\u024F\u0400-\u04FF](?:[\w’'/&-]|\.(?=\w))*|[^\w\s]")

# Head nouns of group and description sources, and the role each implies (general news usage).
_ROLE_NOUNS: dict[str, str] = {}
for _role, _words in {
    "official": "official officials authority authorities government governments ministry ministries minister "
                "ministers spokesman spokeswoman spokesperson spokespeople president prime premier governor "
                "governors mayor mayors akim akimat administration cabinet parliament lawmakers legislators "
                "deputies deputy senator senators ambassador ambassadors diplomat diplomats embassy office "
                "department agency agencies committee commission council state officer "
                "leadership regime kremlin",
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
             "survey study figures",
}.items():
    for _w in _words.split():
        _ROLE_NOUNS.setdefault(_w, _role)

_ROLE_STEMS = frozenset(k.rstrip("s") for k in _ROLE_NOUNS)

# Titles before a name, and the role each implies.
_TITLES: dict[str, str] = {}
for _role, _words in {
    "official": "president minister governor mayor akim senator ambassador secretary chairman chairwoman "
                "spokesman spokeswoman spokesperson deputy premier prime official chief head director",
    "security": "general colonel major captain lieutenant sergeant police prosecutor commander constable inspector "
                "superintendent sheriff",
    "expert": "professor dr analyst expert economist",
    "activist": "activist",
    "journalist": "journalist correspondent reporter editor",
}.items():
    for _w in _words.split():
        _TITLES.setdefault(_w, _role)

# Adjectives that make officials foreign to a Kazakh story; general: any state's demonym but Kazakhstan's.
_HOME = frozenset({"kazakh", "kazakhstani", "kazakhstan's", "kazakhstan"})
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
    while toks and (toks[-1][2].lower() in _TRAILING or toks[-1][2] in ",;:–—-" or _adverb(toks[-1][2])):
        toks = toks[:-1]
    return toks


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
    if len(words) == 1 and words[0].lower() in _PRONOUN | {"who"}:
        return True
    if any(w.lower() in _PRONOUN for w in words):
        return False
    if _POSSESSOR.search(words[-1]) and len(words[-1]) > 2:
        return False  # "Editor's note": a possessor, and the cue is its noun
    if any(_verb_like(w) and not (k == len(words) - 2 and k <= 1 and words[-1].lower() in _ROLE_NOUNS)
           for k, w in enumerate(words)):
        # "citing local media", "issued a statement": a verb, so not a noun phrase; but an -ing or -ed
        # word right before the head noun modifies it ("restructuring experts", "unnamed officials")
        return False
    # A phrase with no capitalised word must end in a known head noun ("local officials"), else it
    # is likely a clause ("the violence spread").
    if not any(_is_name_word(w) for w in words):
        return words[-1].lower().rstrip("s") in _ROLE_STEMS
    return True


# Words that name a position rather than a person: a name after them is the source without them
# ("Interior Minister Kalmukhambet Kasymov" → "Kalmukhambet Kasymov").
_POSITION = frozenset(set(_TITLES) | {"adviser", "advisor", "aide", "lawyer", "attorney", "figure", "leader",
                                      "founder", "member", "candidate", "nominee", "vice", "interior", "foreign",
                                      "presidential", "former", "acting", "chief", "deputy", "spokesman",
                                      "spokeswoman", "representative", "envoy", "commissioner", "officer",
                                      "activist", "defender", "scientist", "analyst", "expert", "researcher",
                                      "journalist", "blogger", "resident", "villager", "worker", "teacher",
                                      "doctor", "head", "health", "affairs", "justice", "defence", "defense",
                                      "finance", "economy", "public", "political", "state"})
_DETERMINERS = frozenset("the a an our its their his her my your this that these those".split())
_PREPOSITIONS = frozenset("in of from at for on across".split())


def tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """A source without what the codebook leaves out: determiners, a possessor, a title before a
    name, and a place or affiliation after a group ("Authorities in western Kazakhstan" → "Authorities")."""
    toks = _tokens(text, start, end)
    while len(toks) > 1 and (toks[0][2].lower() in _DETERMINERS or _POSSESSOR.search(toks[0][2])
                             and toks[0][2][:1].isupper() and toks[1][2][:1].islower()):
        toks = toks[1:]
    words = [w.lower() for _, _, w in toks]
    # a title, then a name: keep the name
    last_title = max((i for i, w in enumerate(words) if w in _POSITION or w.rstrip(".") in _POSITION), default=None)
    if last_title is not None and last_title < len(toks) - 1:
        name = toks[last_title + 1:]
        if all(w[:1].isupper() for _, _, w in name) and not any(w.lower() in _ROLE_NOUNS for _, _, w in name):
            toks = name
    # a group, then where it is from: keep the group
    words = [w.lower() for _, _, w in toks]
    for i, w in enumerate(words[1:], 1):
        if w in _PREPOSITIONS and words[i - 1] in _ROLE_NOUNS and not toks[i - 1][2][:1].isupper() or (
                w in _PREPOSITIONS and i == 1 and words[0] in _ROLE_NOUNS):
            toks = toks[:i]
            break
    return (toks[0][0], toks[-1][1]) if toks else (start, end)


_MARKS = ",;!?\"“”«»–—"  # not "." (in "Mr."), ":" (in "12:25") or brackets (in "(D-Md.)"): they sit inside tokens

# "Name, an appositive, said": the name before the appositive is the source.
_APPOSITIVE = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+(?:an?|the|who|whose|[a-z]+-based|[a-z]+ing|"
                         r"[RDI]-|\d+|[A-Z][\w-]*['’]s|[A-Z][a-z]+ of [A-Z])\b[^;:\"“”]{2,110}?,\s*$")


_NAME_IN_COMMAS = re.compile(r"(?:^|[\s(])(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?)\s+[a-z][\w\s’'-]{1,60},\s+"
                             r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s*$")


def source_before(text: str, cue_start: int, limit: int) -> tuple[int, int] | None:
    """The source right before a cue at ``cue_start`` (not before ``limit``), as ``(start, end)``, or None."""
    window = max(limit, cue_start - 120)
    # "Name, an appositive, said": skip back over the appositive to the name.
    before = text[window:cue_start]
    m = None
    if before.rstrip().endswith(","):
        # "Its director, Bakhytzhan Toregozhina, said": the name set off by commas after a description
        m = _NAME_IN_COMMAS.search(before) or _APPOSITIVE.search(before)
    if m:
        toks = _clean(_tokens(text, window + m.start(1), window + m.end(1)))
        if toks and _phrase_ok(toks):
            return toks[0][0], toks[-1][1]
    # Tokenise only from the last punctuation mark before the cue: the walk back stops there anyway.
    toks = _tokens(text, max(window, max(text.rfind(ch, window, cue_start) for ch in _MARKS) + 1), cue_start)
    # back to a clause boundary
    k = len(toks)
    while k > 0:
        w = toks[k - 1][2]
        if w in ",;:.!?()\"“”«»–—-" or w.lower() in _STOP:
            break
        k -= 1
    chunk = _clean(toks[k:])
    if not chunk and k > 0 and toks[k - 1][2].lower() == "who":
        return toks[k - 1][0], toks[k - 1][1]  # "…, who said": the relative pronoun is the source
    if not chunk and k > 0 and toks[k - 1][2].lower() == "and":
        return subject(text, limit, cue_start)  # "Cruz exhorted Republicans … and said …"
    if not _phrase_ok(chunk):
        return None
    return tidy(text, chunk[0][0], chunk[-1][1])


def subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence ``[start, …)``: a capitalised run or a pronoun, before ``end``."""
    run = []
    for t in _clean(_tokens(text, start, min(end, start + 80))):
        if t[2][:1].isupper() or (not run and t[2].lower() in _PRONOUN):
            run.append(t)
            if t[2].lower() in _PRONOUN:
                break
        else:
            break
    return tidy(text, run[0][0], run[-1][1]) if run and _phrase_ok(run) else None


def source_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The source right after a cue ending at ``pos`` ("said Kasymov", "said the interior minister")."""
    toks = _tokens(text, pos, min(limit, pos + 120))
    out = []
    for t in toks:
        w = t[2]
        if w in ",;:.!?()\"“”«»–—" or (out and w.lower() in _STOP):
            break
        out.append(t)
        if len(out) == 1 and w.lower() in _PRONOUN:
            break
    out = _clean(out)
    if not out or not _phrase_ok(out):
        return None
    if out[0][2].lower() in ("that", "to", "in", "on", "at", "by", "for", "it"):
        return None
    return tidy(text, out[0][0], out[-1][1])


def source_before_cue_at(text: str, at: int, limit: int, verbs):
    """At ``at``, a source followed by a cue ("he said", "the minister told reporters"): ``(source, cue)`` or None."""
    toks = _tokens(text, at, min(limit, at + 100))
    for n in range(1, min(len(toks), 8) + 1):
        end = toks[n - 1][1]
        gap = _SPACES.match(text, end, limit).end() - end
        v = verbs.match(text, end + gap, limit)
        if v is not None and gap > 0:
            chunk = _clean(toks[:n])
            if chunk and _phrase_ok(chunk) and chunk[0][0] == toks[0][0]:
                return tidy(text, chunk[0][0], chunk[-1][1]), (v.start(), v.end())
        if toks[n - 1][2] in ",;:.!?\"“”":
            return None
    return None


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
    m = re.match(r"\s+(?:(?:the|a|an|local|foreign)\s+)?(?:[A-Z][\w/.’'-]*(?:\s+[A-Z][\w/.’'-]*){0,3}|reporters|"
                 r"journalists|him|her|them|us|me|parliament|lawmakers|\w+ers)\b(?:\s+(?:on|in|at|last|this)\s+"
                 r"[A-Z]?[\w]+)?", text[pos:limit])
    return pos + m.end() if m else None


# -- who the speaker is ------------------------------------------------------------------------

def role_of(words: str) -> str | None:
    """The role a group or description implies ("Kyrgyz officials" → foreign_official), or None."""
    toks = [w.lower().strip(".,") for w in words.replace("’", "'").split()]
    if not toks:
        return None
    head = next((t for t in reversed(toks) if t in _ROLE_NOUNS), None)
    title = next((t for t in toks if t in _TITLES), None)
    role = _ROLE_NOUNS.get(head) if head else (_TITLES.get(title) if title else None)
    if role == "official" and any(_DEMONYM.match(t) and t not in _HOME for t in toks if t != head):
        return "foreign_official"
    return role


def _new_entity(ctx, words: str, role: str | None) -> str | None:
    """The entity the mention rules made for a name the registry lacks ("Ondasyn Urazalin", then
    "Urazalin"), by its name or a surname only it has; a title's role replaces its role 'other'."""
    if not ctx.new_entities or not words[:1].isupper():
        return None
    low = words.lower()
    names, surnames = _new_names(ctx)
    hits = names.get(low, set()) | (surnames.get(low, set()) if " " not in low else set())
    if len(hits) != 1:
        return None
    (hit,) = hits
    entity = ctx.new_entities[hit]
    if role and entity.role in (None, "other") and entity.label in ("PERSON", "ORG"):
        ctx.new_entities[hit] = replace(entity, role=role)
    return hit


def _new_names(ctx) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The new entities' ids by lowercase name and alias, and the persons' by surname.

    Looked up once per source instead of a scan of every new entity, which made a long text with many
    names quadratic (issue 17). Rebuilt when a rule has added entities; replacing an entity's role
    leaves its names as they were.
    """
    cached = ctx.indexes.get("new_names")
    if cached is not None and cached[0] == len(ctx.new_entities):
        return cached[1:]
    names: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}
    for k, e in ctx.new_entities.items():
        for name in {e.name.lower(), *(a.lower() for a in e.aliases)}:
            names.setdefault(name, set()).add(k)
        if e.label == "PERSON" and e.name.split():
            surnames.setdefault(e.name.lower().split()[-1], set()).add(k)
    ctx.indexes["new_names"] = (len(ctx.new_entities), names, surnames)
    return names, surnames


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
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last_any: Speaker | None = None
    for f in found:
        if f.source is None:
            if f.speaker is None and f.rule == "direct_continued" and last_any is not None:
                f.speaker = last_any
            continue
        words = text[f.source[0]:f.source[1]]
        low = words.lower()
        if low == "who":
            m = re.search(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:,[^,]{0,80})?,?\s*$", text[max(0, f.source[0] - 120):f.source[0]])
            if m is None:
                f.speaker = Speaker(None, "other", True)
                continue
            words, low = m.group(1), m.group(1).lower()
        if low in _PRONOUN:
            if low in _PERSON_PRONOUNS:
                f.speaker = last_person if low != "i" or last_person else last_any
            else:
                f.speaker = last_group
            if f.speaker is None:
                f.speaker = Speaker(None, "other", low in _PERSON_PRONOUNS)
            continue
        entity_id = link(words)
        if entity_id is None and " " in words:
            # "Interior Minister Kalmukhambet Kasymov", "Kazakh President Tokayev": the name without the title
            parts = words.split()
            for n in range(1, len(parts)):
                tail = " ".join(parts[n:])
                if tail[:1].isupper():
                    entity_id = link(tail)
                    if entity_id:
                        break
        if entity_id is None:
            entity_id = _new_entity(ctx, words, _title_role(text, f.source[0]))
        if entity_id is not None:
            entity = ctx.entities.get(entity_id) or ctx.new_entities.get(entity_id)
            person = entity is not None and entity.label == "PERSON"
            f.speaker = Speaker(entity_id, None, person)
        else:
            role = role_of(words) or _title_role(text, f.source[0])
            capitalised = [w for w in words.split() if w[:1].isupper()]
            person = bool(capitalised) and (role is None or words.split()[-1][:1].isupper()) and \
                low.split()[-1] not in _ROLE_NOUNS
            f.speaker = Speaker(None, role or "other", person)
        if f.speaker.person:
            last_person = f.speaker
        else:
            last_group = f.speaker
        last_any = f.speaker
