"""The one scan of the text: capitalised words of any script."""

from __future__ import annotations

from . import spans


def test_capitals_outside_latin_1_start_names():
    found = spans("In Łódź, Česlovas Žukauskas met Żaneta Ćwik, who lives in Šiauliai and works in İstanbul. "
                  "Later Žukauskas said the deal was off.", entities={})
    assert [(t, label, eid) for t, label, _, eid in found] == [
        ("Łódź", "GPE", "lodz"), ("Česlovas Žukauskas", "PERSON", "zukauskas"), ("Żaneta Ćwik", "PERSON", "cwik"),
        ("Šiauliai", "GPE", "siauliai"), ("İstanbul", "GPE", "istanbul"), ("Žukauskas", "PERSON", "zukauskas")]
