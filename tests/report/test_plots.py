"""The report's figures: drawn headless, deterministic, and drawn even when there is nothing to draw."""

import pytest

from corpus_kz.report import plots

from ..analyses.conftest import tiny_corpus

PLOTS = ["share_of_voice", "frame_heatmap", "figure_claims", "timeline"]


@pytest.mark.parametrize("name", PLOTS)
def test_png_of_the_bundled_corpus(name):
    fig = getattr(plots, name)()
    data = plots.png(fig)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    assert plots.png(getattr(plots, name)()) == data  # deterministic: no timestamp


def test_heatmap_cells_say_asserted_and_denied():
    fig = plots.frame_heatmap()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "25 / 0" in texts  # activists' governance frames
    assert "1 / 1" in texts   # officials: interethnic asserted once (Tokayev), denied once (the authorities)


@pytest.mark.parametrize("name", PLOTS)
def test_an_empty_corpus_still_gets_every_figure(name):
    fig = getattr(plots, name)(tiny_corpus("Nothing happened."))
    assert "no " in fig.axes[0].texts[0].get_text()
