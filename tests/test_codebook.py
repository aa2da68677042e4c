"""The codebook's mechanical rules: load() and validate refuse every breach, one problem each."""

import pytest

import corpus_kz
from corpus_kz import CorpusError
from corpus_kz.storage import validate

from .helpers import edit_doc


def _problems(corpus_dir):
    with pytest.raises(CorpusError) as exc:
        corpus_kz.load(corpus_dir)
    assert validate(corpus_dir) == exc.value.problems
    return exc.value.problems


def test_no_content_inside_boilerplate(corpus_dir):
    # z1 of the RFE/RL report is the boilerplate line "Accessibility links"; move a mention onto it.
    def move(d):
        d["mentions"][0].update(start=0, end=13, text="Accessibility")
    edit_doc(corpus_dir, move)
    found = {(p.record, p.expected) for p in _problems(corpus_dir)}
    assert ("m1", "no content annotation inside boilerplate (codebook §1)") in found
    # 'Accessibility' is no alias, and the message says which spellings are
    assert ("m1", "one of the aliases of 'kazakhs' in the registry (['Kazakh', 'Kazakhs']); add the spelling there "
                  "if it is one (§2)") in found


def test_spans_are_trimmed(corpus_dir):
    def widen(d):
        z = d["zones"][2]  # the headline
        z.update(end=z["end"] + 1, text=z["text"] + "\n")
    edit_doc(corpus_dir, widen)
    (p,) = _problems(corpus_dir)
    assert (p.record, p.field, p.expected) == ("z3", "text", "a span without leading or trailing white space")


def test_a_frame_held_by_an_attribution_lies_in_its_quote(corpus_dir):
    edit_doc(corpus_dir, lambda d: d["frames"][-1].update(holder=d["attributions"][0]["id"]))
    (p,) = _problems(corpus_dir)
    assert p.field == "holder" and "does not contain the frame" in p.found


def test_zones_cover_whole_lines(corpus_dir):
    def shrink(d):
        z = d["zones"][2]
        z.update(start=z["start"] + 8, text=z["text"][8:])
    edit_doc(corpus_dir, shrink)
    (p,) = _problems(corpus_dir)
    assert (p.record, p.expected) == ("z3", "a zone that covers whole lines")


def test_annotation_passes_are_not_held_to_the_codebook(corpus):
    # Passes are raw annotator output: adjudication removes what sits in boilerplate, so passes may have it.
    from corpus_kz.codebook import boilerplate_around
    from corpus_kz.storage import Layout, bundled_path, read_pass

    passes = bundled_path() / Layout.PASSES
    inside = 0
    for doc in corpus:
        p = read_pass(passes / "pass1", doc)
        inside += sum(boilerplate_around(p.zones, r.start, r.end) is not None for r in p.mentions)
    assert inside > 0


def test_a_figure_written_in_digits_has_that_value(corpus_dir):
    # The gold's 38 figures written in digits all agree; a slip of the value is caught.
    def slip(d):
        f = next(f for f in d["figures"] if f["number"] == "4,500")
        f["value"] = 450.0
    edit_doc(corpus_dir, slip)
    (p,) = _problems(corpus_dir)
    assert (p.field, p.found, p.expected) == ("value", "450.0", "4500.0, the value of the number '4,500' as written (§5)")
