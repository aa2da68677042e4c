"""Derived layers: paragraphs, sentences and tokens as half-open spans, with no downloaded data."""

from corpus_kz.segment import TOKEN_PATTERN, paragraphs, sentences, tokens


def test_tokens_are_what_nltk_regexp_tokenizer_gives(corpus):
    # Tokens come from the standard library's re; NLTK's RegexpTokenizer must give the same spans.
    from nltk.tokenize import RegexpTokenizer

    tokenizer = RegexpTokenizer(TOKEN_PATTERN)
    for d in corpus:
        assert [(t.start, t.end) for t in d.tokens] == list(tokenizer.span_tokenize(d.text))


def test_numbers_hyphens_and_apostrophes_stay_one_token():
    text = "About 4,500 Dungans fled; Kazakh-Dungan clashes weren't new."
    assert [t.text for t in tokens(text)] == ["About", "4,500", "Dungans", "fled", ";", "Kazakh-Dungan", "clashes",
                                              "weren't", "new", "."]


def test_sentences_never_cross_a_line_and_know_abbreviations():
    text = "Gen. Smith spoke.\nThen the U.S. embassy said so. It was late"
    got = [s.text for s in sentences(text)]
    assert got == ["Gen. Smith spoke.", "Then the U.S. embassy said so.", "It was late"]
    assert [s.index for s in sentences(text)] == [0, 1, 2]


def test_paragraphs_are_trimmed_lines():
    text = "  one \n\n\ttwo\n"
    assert [(p.start, p.end, p.text) for p in paragraphs(text)] == [(2, 5, "one"), (9, 12, "two")]


def test_counts_on_the_gold(corpus):
    assert sum(len(d.sentences) for d in corpus) == 344 and sum(len(d.tokens) for d in corpus) == 6882


def test_counts_without_spans_agree_with_the_spans(corpus):
    from corpus_kz.segment import count

    for d in corpus:
        assert count(d.text) == {"sentences": len(d.sentences), "tokens": len(d.tokens)}


def _alphabet_lines(seed: int, n: int):
    import random

    rng = random.Random(seed)
    alphabet = "ab Mr Dr .?!\"')(;:-\u201c\u201d 12,3\t"
    for _ in range(n):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))).strip()
        if line:
            yield line


def test_the_one_sentence_shortcut_is_what_punkt_gives(corpus):
    # A line with no . ? ! before its last character skips Punkt; both must agree on every line,
    # generated ones (short and punctuation-dense) and the gold's.
    from corpus_kz.segment import _line_sentences, _lines, _punkt

    lines = [*_alphabet_lines(7, 20_000), *(line for d in corpus for _, line in _lines(d.text))]
    shortcut = [line for line in lines if not set(".?!") & set(line[:-1])]
    assert len(shortcut) > 1000
    for line in shortcut:
        assert list(_line_sentences(line)) == list(_punkt().span_tokenize(line)), line
