"""A document as HTML: spans highlighted, what each is on hover, overlaps kept, text escaped."""

import html
import re

import pytest

from corpus_kz.display import document_html, write_document_html

from .analyses.conftest import tiny_corpus


def test_repr_html_shows_quotes_cues_sources_figures_and_frames(corpus):
    doc = corpus["rferl_2020_kordai_returning"]
    page = doc._repr_html_()
    assert page == document_html(doc)
    assert 'class="kz-cue" title="cue of q2 (assertion)">told</span>' in page
    assert "source of q2: Kyrgyz officials (foreign_official)" in page
    assert "f4 displaced: 4500 people (about), kordai_2020, source Kyrgyz officials" in page
    # the text is all there, in order, once the markup is taken out
    assert html.unescape(re.sub(r"<[^>]+>", "", page.split('<div class="kz-doc">', 2)[-1])).startswith(doc.text[:200])


def test_overlapping_spans_mark_every_piece_and_text_is_escaped():
    text = "Ann said <b>5 people</b> died & more."
    c = tiny_corpus(text, quotes=[("<b>5 people</b> died", "said", "Ann", "witness", "assertion", "indirect")],
                    figures=[("5 people", "5", 5.0, "exact", "deaths", "a1")],
                    frames=[("people</b> died", "domestic", "a1", "asserts", "trigger")])
    page = document_html(c[0], layers=["quotes", "figures", "frames"], legend=False)
    assert "<b>" not in page.split('<div class="kz-doc">', 1)[1] and "&lt;b&gt;" in page and "&amp; more" in page
    # "people" lies in the quote, the figure and the frame at once
    piece = re.search(r'<span class="([^"]+)" title="([^"]+)">people</span>', page)
    assert piece.group(1).split() == ["kz-quotes", "kz-figures", "kz-frames", "kz-frame-domestic"]
    assert "frame domestic (asserts, trigger), held by Ann" in html.unescape(piece.group(2))
    with pytest.raises(ValueError, match="unknown layer 'speakers'"):
        document_html(c[0], layers=["speakers"])


def test_write_document_html(tmp_path, corpus):
    path = write_document_html(corpus[0], tmp_path / "doc.html")
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")
    with pytest.raises(FileExistsError, match="pass force=True"):
        write_document_html(corpus[0], path)
    write_document_html(corpus[1], path, force=True)
    assert corpus[1].doc_id in path.read_text(encoding="utf-8")


def test_view_with_chosen_layers(tmp_path, corpus):
    doc = corpus["cabar_2020_masanchi"]
    v = doc.view("frames")
    page = v._repr_html_()
    assert "kz-frame-harmony" in page and 'class="kz-quotes' not in page
    assert doc._repr_html_() == doc.view()._repr_html_() != page
    assert v.save(tmp_path / "frames.html").read_text(encoding="utf-8").count("kz-frame-") > 50
    with pytest.raises(ValueError, match="unknown layer 'figure'"):
        doc.view("figure")
