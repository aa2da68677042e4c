"""The report's figures: drawn headless, deterministic, drawn even when there is nothing to draw, and as large
for 25 documents as for five."""

import dataclasses

import pytest

import corpus_kz
from corpus_kz.report import build, plots

from ..analyses.conftest import tiny_corpus

PLOTS = ["documents", "share_of_voice", "frame_heatmap", "figure_claims", "timeline"]


@pytest.fixture(scope="module")
def copies():
    """25 copies of the bundled documents, five of each."""
    bundled = corpus_kz.load()
    docs = [dataclasses.replace(bundled[i % 5], doc_id=f"copy{i:02d}_{bundled[i % 5].doc_id}") for i in range(25)]
    return corpus_kz.Corpus(docs, bundled.registry)


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


@pytest.mark.parametrize("name", PLOTS)
def test_a_figure_does_not_grow_with_the_corpus(name, copies):
    small, large = getattr(plots, name)(), getattr(plots, name)(copies)
    assert large.get_size_inches()[1] <= small.get_size_inches()[1]


def test_a_value_claimed_more_often_is_a_larger_dot(copies):
    def sizes(fig):
        return sorted({s for c in fig.axes[0].collections for s in c.get_sizes()})
    # In the bundled texts, 10 Kordai deaths are claimed by the author three times (one dot, larger); five copies of
    # each text claim every value five times as often, and no more dots are drawn.
    small, large = plots.figure_claims(), plots.figure_claims(copies)
    assert len(sizes(small)) > 1 and max(sizes(large)) > max(sizes(small))
    assert sum(len(c.get_offsets()) for c in large.axes[0].collections) == sum(
        len(c.get_offsets()) for c in small.axes[0].collections)


def test_a_timeline_of_many_documents_is_drawn_per_event(copies):
    rows = [t.get_text() for t in plots.timeline(copies).axes[0].get_yticklabels()]
    assert rows == [e.name for e in corpus_kz.load().events]  # as the corpus declares them, in its order
    per_doc = [t.get_text() for t in plots.timeline().axes[0].get_yticklabels()]
    assert per_doc[0] == "aljazeera_2020_dungan_repost" and len(per_doc) == 5


def test_the_report_names_events_through_one_helper(monkeypatch, copies):
    names = {"zhanaozen_2011": "Zhanaozen, December 2011", "kordai_2020": "Kordai, February 2020",
             "qantar_2022": "Qantar, January 2022"}
    monkeypatch.setattr(plots, "event_names", lambda corpus=None: names)
    labels = [t.get_text() for t in plots.figure_claims().axes[0].get_yticklabels()]
    assert labels[0] == "Zhanaozen, December 2011 · deaths"
    assert [t.get_text() for t in plots.timeline(copies).axes[0].get_yticklabels()] == list(names.values())
    md = build.render_markdown(copies, build.sections(copies))
    assert "kordai_2020" not in md and "| Kordai, February 2020 | participants | people | between |" in md
    assert "| frame | stance | Zhanaozen, December 2011 | Kordai, February 2020 | Qantar, January 2022 |" in md


def test_a_corrected_count_is_drawn_with_its_interval_as_error_bars():
    import pandas as pd

    table = pd.DataFrame({"speaker_role": ["official", "activist"], "attributions": [4, 1],
                          "estimate": [2.0, 6.0], "low": [1.0, 0.5], "high": [3.5, 20.0]})
    fig = plots.corrected(table, "speaker_role", "attributions", "corrected")
    (ax,) = fig.axes
    (bars,) = [c for c in ax.containers if type(c).__name__ == "ErrorbarContainer"]
    spans = sorted(tuple(seg[:, 0]) for seg in bars.lines[2][0].get_segments())
    assert spans == [(0.5, 20.0), (1.0, 3.5)]  # each bar's error bar runs from its low to its high
    assert [t.get_text() for t in ax.get_yticklabels()] == ["official", "activist"]  # smallest estimate first
    assert plots.png(fig).startswith(b"\x89PNG")
    empty = plots.corrected(table.iloc[:0], "speaker_role", "attributions", "corrected")
    assert "no records in this corpus" in [t.get_text() for t in empty.axes[0].texts]


def _lab(colour) -> tuple[float, float, float]:
    """An sRGB colour in CIELAB (D65), where a Euclidean distance (ΔE) of about 2 is just noticeable."""
    from matplotlib.colors import to_rgb

    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    rows = ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505))
    x, y, z = (sum(m * c for m, c in zip(row, linear)) / white for row, white in zip(rows, (0.95047, 1.0, 1.08883)))
    fx, fy, fz = (t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


#: Colours closer than this in CIELAB read as one on a small dot: the old palette's security and foreign_official
#: blues were 16 apart, journalist's grey 15 from other's, and other and (no role) were one grey (0).
MIN_DELTA_E = 25


def _closest_pair(colours: dict) -> tuple[float, str, str]:
    from itertools import combinations

    return min((sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5, ka, kb)
               for (ka, a), (kb, b) in combinations(colours.items(), 2))


def test_every_role_has_its_own_colour_and_marker():
    """Issue 18: three roles were near-identical blues or greys, and other and (no role) one grey."""
    from corpus_kz import vocab as V

    assert list(plots.ROLE_STYLES) == [*V.ROLES, V.AUTHOR, "(no source)", "(no role)"]
    distance, a, b = _closest_pair({role: colour for role, (colour, _) in plots.ROLE_STYLES.items()})
    assert distance >= MIN_DELTA_E, (a, b, distance)
    markers = [marker for _, marker in plots.ROLE_STYLES.values()]
    assert len(set(markers)) == len(markers)


def test_the_figure_claims_plot_draws_each_role_in_its_colour_in_the_vocabularys_order():
    from matplotlib.colors import to_hex

    collections = plots.figure_claims().axes[0].collections
    drawn = {c.get_label(): to_hex(c.get_facecolor()[0]) for c in collections}
    assert len(drawn) >= 4  # the bundled corpus's figures come from several roles
    assert drawn == {role: plots.ROLE_STYLES[role][0].lower() for role in drawn}
    assert list(drawn) == [role for role in plots.ROLE_STYLES if role in drawn]
    assert _closest_pair(drawn)[0] >= MIN_DELTA_E
