"""What the pre-annotator reads off plain text: sentences."""

from __future__ import annotations

from corpus_kz.annotate.text import sentences


def test_sentences_do_not_end_at_titles_or_initials():
    text = "Mr. Smith met U.S. officials. They spoke at 5 p.m. on Friday! Then they left."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith met U.S. officials.", "They spoke at 5 p.m. on Friday!", "Then they left."]


_PROSE = ("The committee met on Monday to discuss the budget for the coming year, and its chair opened the "
          "session with a long statement about the state of the roads. Members then questioned the treasurer "
          "about the cost of repairs, which had doubled since the floods of the previous spring.")


def test_hard_wrapped_lines_are_one_paragraph_with_the_same_offsets():
    import textwrap

    from corpus_kz.annotate.text import unwrap

    wrapped = textwrap.fill(_PROSE, 68)
    assert wrapped.count("\n") >= 3
    flat = unwrap(wrapped)
    assert len(flat) == len(wrapped) and flat == wrapped.replace("\n", " ")
    assert [wrapped[s:e].replace("\n", " ") for s, e in sentences(wrapped)] == [
        _PROSE.split(" Members")[0], "Members" + _PROSE.split(" Members")[1]]
    # a CRLF break is two characters of white space
    assert unwrap(wrapped.replace("\n", "\r\n")) == wrapped.replace("\n", "  ")


def test_blank_lines_indentation_and_short_lines_still_end_a_paragraph():
    import textwrap

    from corpus_kz.annotate.text import unwrap

    first = textwrap.fill(_PROSE, 68)
    for joined in (first + "\n\n" + first, first + "\n   " + first):
        assert unwrap(joined) == unwrap(first) + joined[len(first):-len(first)] + unwrap(first)
    # a headline and a byline over wrapped text stay lines of their own
    text = "Roads Budget Doubles\nBy Jo Marsh\n\n" + first
    assert unwrap(text).startswith("Roads Budget Doubles\nBy Jo Marsh\n\n")


def test_text_of_long_lines_or_of_short_lines_is_left_as_it_is():
    from corpus_kz.annotate.text import unwrap

    scraped = "\n".join([_PROSE] * 4)  # one paragraph a line, as scraped pages are
    assert unwrap(scraped) is scraped
    listing = "Almaty\nAstana\nShymkent\nKaraganda\nAktobe\nTaraz\n"
    assert unwrap(listing) is listing
