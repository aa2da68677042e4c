"""Page furniture: the zones rule's test and the mention rules' broader one, and where they part."""

from __future__ import annotations

import pytest

from corpus_kz.annotate.furniture import kind, looks_like_furniture


@pytest.mark.parametrize("line, expected", [
    ("© 2024 Example News. All rights reserved.", "page_furniture"),
    ("Leave a Reply", "page_furniture"),
    ("https://example.com/news/a", "page_furniture"),
    ("%MINIFYHTML4f2a%", "page_furniture"),
    ("Sat. Jan 22nd, 2022", "dateline"),
    ("12 January 2022", "dateline"),
    ("Officials said 300 volunteers had come forward to sign up for the clean-up.", None),
    ("Protesters gathered in the square on Monday.", None),
])
def test_the_zones_test(line, expected):
    assert kind(line) == expected


@pytest.mark.parametrize("line", [
    "© 2024 Example News. All rights reserved.", "Leave a Reply", "Sat. Jan 22nd, 2022",
    "Related: Protests spread to three more towns", "Monday, January 10, 2022", "Plus:",
    "Subscribe to our newsletter to get the latest news from the region delivered to your inbox every morning",
])
def test_the_mentions_test_takes_in_more(line):
    assert looks_like_furniture(line)


def test_where_the_two_tests_part():
    # Lines only the mention rules leave alone: one test for both would change the predictions.
    for line in ("Related: Protests spread to three more towns", "Monday, January 10, 2022", "Plus:"):
        assert looks_like_furniture(line) and kind(line) is None
    assert not looks_like_furniture("Protesters gathered in the square on Monday.")
