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
