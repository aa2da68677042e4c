"""The mention rules, one test module per module of :mod:`corpus_kz.annotate.mentions`; what they share.

The sentences are written for these tests (the people, places and outlets in them are made up or general
knowledge, and the sentences are about other events than the corpus texts': none is taken from seeds/).
"""

from __future__ import annotations

from corpus_kz import Entity, Mention
from corpus_kz.annotate import mentions
from corpus_kz.annotate.base import Context

REGISTRY = {
    "tokayev": Entity("tokayev", "Kassym-Jomart Tokayev", "PERSON", "official", ("Tokayev", "President", "president")),
    "nazarbayev": Entity("nazarbayev", "Nursultan Nazarbayev", "PERSON", "official", ("Nazarbayev", "former president")),
    "ivanov_a": Entity("ivanov_a", "Alexei Ivanov", "PERSON", "expert", ()),
    "ivanov_s": Entity("ivanov_s", "Sergei Ivanov", "PERSON", "journalist", ()),
    "zhanaozen": Entity("zhanaozen", "Zhanaozen", "GPE", None, ()),
    "almaty": Entity("almaty", "Almaty", "GPE", None, ()),
    "kazakhstan": Entity("kazakhstan", "Kazakhstan", "GPE", None, ()),
    "kazakhs": Entity("kazakhs", "Kazakhs", "NORP", None, ("Kazakh",)),
    "csto": Entity("csto", "Collective Security Treaty Organization", "ORG", "foreign_official", ("CSTO",)),
    "kz_police": Entity("kz_police", "police of Kazakhstan", "ORG", "security", ("police", "Police", "riot police")),
    "kz_government": Entity("kz_government", "Government of Kazakhstan", "ORG", "official", ("government",)),
}


def find(text: str, event: str | None = "qantar_2022", entities=REGISTRY) -> tuple[list[Mention], Context]:
    ctx = Context(text=text, event=event, entities=entities)
    return mentions.find(ctx), ctx


def spans(text: str, **kw) -> list[tuple[str, str, str, str]]:
    """(text, label, form, entity id) of each mention, in text order."""
    found, _ = find(text, **kw)
    return [(m.text, m.label, m.form, m.entity_id) for m in found]
