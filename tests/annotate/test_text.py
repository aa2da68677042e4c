"""What the pre-annotator reads off plain text: sentences."""

from __future__ import annotations

from corpus_kz.annotate.text import MAX_SENTENCE, sentences


def test_sentences_do_not_end_at_titles_or_initials():
    text = "Mr. Smith met U.S. officials. They spoke at 5 p.m. on Friday! Then they left."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith met U.S. officials.", "They spoke at 5 p.m. on Friday!", "Then they left."]


def test_a_run_without_a_sentence_end_is_read_in_pieces_cut_at_spaces():
    # A page without stops (or `He said "` repeated) is no sentence of news: each piece is bounded, so a
    # rule that reads its sentence for every cue in it costs linear time.
    text = "police said that protesters gathered near the square " * 200
    pieces = sentences(text)
    assert len(pieces) > 1 and all(e - s <= MAX_SENTENCE for s, e in pieces)
    assert all(text[s - 1] == " " for s, _ in pieces[1:]) and all(text[e] == " " for _, e in pieces[:-1])
    assert " ".join(text[s:e] for s, e in pieces) == text.strip()
    # A sentence of news is far shorter, and read whole.
    long = "Officials said " + ", ".join(["the crowd dispersed"] * 20) + "."
    assert sentences(long) == [(0, len(long))]


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
