"""What the pre-annotator reads off plain text: sentences."""

from __future__ import annotations

from corpus_kz.annotate.text import sentences


def test_sentences_do_not_end_at_titles_or_initials():
    text = "Mr. Smith met U.S. officials. They spoke at 5 p.m. on Friday! Then they left."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith met U.S. officials.", "They spoke at 5 p.m. on Friday!", "Then they left."]
