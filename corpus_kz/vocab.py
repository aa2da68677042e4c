"""The fixed vocabularies of corpus_kz.

Order matters: it is the order of the pandas categoricals and of the
Hugging Face ``ClassLabel`` ids, so append new values at the end only.

Events are no fixed vocabulary: a corpus declares its own
(``seeds/events.json``, :mod:`corpus_kz.events`).
"""

from __future__ import annotations

#: The ids of the events the bundled corpus declares, in its order (its ``seeds/events.json``, which a test
#: keeps equal to these). A corpus that declares no events is checked against them, so that loading it never
#: opens a file outside its directory; its declarations are the bundled corpus's.
EVENTS = ("zhanaozen_2011", "kordai_2020", "qantar_2022")
GENRES = ("report", "analysis", "interview")
ZONES = ("headline", "subheading", "byline", "caption", "boilerplate", "question")
ENTITY_LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "DATE", "EVENT")
ROLES = (
    "official",
    "security",
    "foreign_official",
    "expert",
    "activist",
    "community_leader",
    "journalist",
    "witness",
    "other",
    "protester",
)
QUOTE_TYPES = ("direct", "indirect", "mixed")
QUALIFIERS = ("exact", "about", "at_least", "more_than", "up_to", "vague")
QUANTITIES = (
    "deaths",
    "injured",
    "hospitalized",
    "detained",
    "participants",
    "displaced",
    "returned",
    "property_damaged",
    "weapons",
    "population_share",
    "other",
)
UNITS = ("people", "houses", "shops", "vehicles", "buildings", "percent", "km", "other")
FRAMES = ("domestic", "interethnic", "provocation", "socioeconomic", "governance", "harmony")
STANCES = ("asserts", "denies")
#: What a source does in an attribution (codebook §4): says, believes, demands or promises.
ACTS = ("assertion", "belief", "demand", "promise")
#: Which part of the events a frame speaks of (codebook §6); null when it does not distinguish.
ASPECTS = ("trigger", "root_cause")
#: How a mention refers (codebook §2): by a name, or by a description ("the President").
FORMS = ("name", "nominal")

#: The voice of the outlet itself, as a figure source or a frame holder.
AUTHOR = "author"

#: The origin of a record that a person made or accepted (every record of the bundled gold).
GOLD = "gold"
#: The origin of a record a rule made is this prefix, a colon and the rule's name ("predicted:direct_quote").
PREDICTED = "predicted"

#: Field name -> vocabulary, for every field whose values are fixed (not ``event``: a corpus declares its own).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "genre": GENRES,
    "zone": ZONES,
    "label": ENTITY_LABELS,
    "role": ROLES,
    "type": QUOTE_TYPES,
    "qualifier": QUALIFIERS,
    "quantity": QUANTITIES,
    "unit": UNITS,
    "frame": FRAMES,
    "stance": STANCES,
    "act": ACTS,
    "aspect": ASPECTS,
    "form": FORMS,
}
