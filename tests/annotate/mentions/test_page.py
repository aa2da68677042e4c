"""Where nothing is marked: boilerplate, page furniture, the quoted title of a work."""

from __future__ import annotations

import corpus_kz
from corpus_kz.annotate import mentions
from corpus_kz.annotate.base import Context

from . import REGISTRY, spans


def test_nothing_is_marked_in_boilerplate():
    text = ("Tokayev met the CSTO in Almaty.\n"
            "Written by Anna Petrova in Almaty\n"
            "Follow us on Facebook and Twitter\n"
            "© 2022 Steppe News. All rights reserved.")
    assert [t for t, *_ in spans(text)] == ["Tokayev", "CSTO", "Almaty", "Anna Petrova", "Almaty"]


def test_nothing_is_marked_anywhere_in_a_long_furniture_line():
    # A link near the start of the line once hid the rest of it from the check, beyond 2,000 characters.
    line = "© 2024 Steppe News, see https://example.com/a " + "word " * 600 + "Marta Szulc spoke in Vilnius."
    assert [t for t, *_ in spans("Tokayev met officials in Almaty.\n" + line)] == ["Tokayev", "Almaty"]
    assert [m.text for m in corpus_kz.annotate("Tokayev met officials in Almaty.\n" + line, {}).mentions] == [
        "Tokayev", "Almaty"]


def test_the_boilerplate_zones_found_by_the_zones_rule_are_left_alone():
    text = "Tokayev met the CSTO.\nTokayev flew to Almaty on Monday"
    ctx = Context(text=text, event="qantar_2022", entities=REGISTRY)
    ctx.zones.append((22, len(text), "boilerplate"))
    assert [m.text for m in mentions.find(ctx)] == ["Tokayev", "CSTO"]
    assert len(mentions.find(Context(text=text, event="qantar_2022", entities=REGISTRY))) == 5


def test_names_inside_a_quoted_title_are_not_marked():
    assert spans("Parliament passed the law “On the Police of Kazakhstan” on Tuesday.")[-1:] == [
        ("Tuesday", "DATE", "name", "date_tuesday")]
    assert all(t != "Kazakhstan" for t, *_ in spans("Parliament passed the law “On the Police of Kazakhstan”."))
