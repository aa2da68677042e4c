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
    assert (p.record, p.expected) == ("z3", "a zone that covers whole lines (only boilerplate may cover part of one, §1)")


def test_boilerplate_may_cover_part_of_a_line(corpus):
    # The links and the handle of the embedded tweet (§1): boilerplate inside a line of body.
    doc = corpus["aljazeera_2020_dungan_repost"]
    partial = [z.text for z in doc.zones if z.zone == "boilerplate" and doc.text[z.end] != "\n"]
    assert partial == ["https://t.co/ceWJlUBH79 pic.twitter.com/B68wZrCcJ5", "(@RyskeldiSatke)"]
    assert doc.zone_at(doc.text.index("Predominantly ethnic people")) == "body"


def test_annotation_passes_are_not_held_to_the_codebook(corpus, tmp_path):
    # Passes are raw annotator output: adjudication removes what sits in boilerplate, so a pass may have it.
    import json

    from corpus_kz import codebook
    from corpus_kz.storage import Layout, bundled_path, read_pass

    doc = corpus["rferl_2020_kordai_returning"]
    data = json.loads((bundled_path() / Layout.PASSES / "pass1" / f"{doc.doc_id}.json").read_text(encoding="utf-8"))
    start = doc.text.index("Breaking News")
    data["mentions"].append({"id": "m999", "entity_id": data["entities"][0]["entity_id"], "start": start,
                             "end": start + 8, "text": "Breaking", "label": data["entities"][0]["label"], "form": "name"})
    (tmp_path / f"{doc.doc_id}.json").write_text(json.dumps(data), encoding="utf-8")
    p = read_pass(tmp_path, doc)
    found = [(x.record, x.expected) for x in codebook.problems(p, "pass")]
    assert ("m999", "no content annotation inside boilerplate (codebook §1)") in found


def test_a_figure_written_in_digits_has_that_value(corpus_dir):
    # The gold's 38 figures written in digits all agree; a slip of the value is caught.
    def slip(d):
        f = next(f for f in d["figures"] if f["number"] == "4,500")
        f["value"] = 450.0
    edit_doc(corpus_dir, slip)
    (p,) = _problems(corpus_dir)
    assert (p.field, p.found, p.expected) == ("value", "450.0", "4500.0, the value of the number '4,500' as written (§5)")


def test_a_record_that_shares_a_character_with_boilerplate_is_refused(corpus_dir):
    """§1 has one meaning since 0.4: nothing annotated may touch boilerplate, not only lie inside it."""
    def straddle(d):  # z1 of the RFE/RL report is "Accessibility links" at [0, 19): a mention over its end
        text = (corpus_dir / "seeds" / "001_ecd8a901a2a4fa6f.txt").read_text(encoding="utf-8")
        d["mentions"][0].update(start=14, end=25, text=text[14:25])
    edit_doc(corpus_dir, straddle)
    assert ("m1", "no content annotation inside boilerplate (codebook §1)") in {
        (p.record, p.expected) for p in _problems(corpus_dir)}


def test_the_rules_hold_gold_records_and_wait_for_predictions(corpus_dir):
    """A prediction is a claim to correct: its structure is checked, the codebook once it is accepted as gold."""
    def predicted(d):
        d["mentions"][0].update(start=0, end=13, text="Accessibility", origin="predicted:registry_name",
                                confidence=0.5)
    edit_doc(corpus_dir, predicted)
    assert validate(corpus_dir) == []
    edit_doc(corpus_dir, lambda d: [d["mentions"][0].pop(k) for k in ("origin", "confidence")])
    assert {p.record for p in _problems(corpus_dir)} == {"m1"}
