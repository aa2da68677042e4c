"""The report's figures, drawn with matplotlib on its headless Agg canvas (no display, no pyplot state).

Each function takes a :class:`~corpus_kz.Corpus` (the bundled one when None)
and returns a :class:`matplotlib.figure.Figure`; :func:`png` turns one into
PNG bytes. In a notebook, ``display(fig)`` or :func:`png` with
``IPython.display.Image`` shows it. Needs the ``[report]`` extra (``pip install -e ".[report]"`` in a checkout).

A figure's size does not grow with the corpus: what would be one mark per
document (a claim, a date mentioned) is one mark per distinct value, sized by
how many share it, and a timeline of more than :data:`MAX_TIMELINE_ROWS`
documents is drawn per event instead. Events are named by :func:`event_names`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import vocab as V
from ..analyses import claims, frame_holders, frames_by
from ..analyses import share_of_voice as sov
from ..analyses import timeline as dates
from ..analyses.common import NO_ROLE, NO_SOURCE, corpus_or_bundled, groups, view
from ..dependencies import require

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..corpus import Corpus

__all__ = ["corrected", "corrected_frames", "corrected_voices", "documents", "event_names", "figure_claims",
           "frame_heatmap", "png", "share_of_voice", "timeline"]

#: Most rows of a timeline drawn one per document; above it, one per event.
MAX_TIMELINE_ROWS = 20

_FRAME_ORDER = list(V.FRAMES)
#: The roles a figure's source can have, in the vocabulary's order: the legend's order and the colours' too.
ROLE_ORDER = (*V.ROLES, V.AUTHOR, NO_SOURCE, NO_ROLE)
# Okabe–Ito's eight colour-blind-safe colours first, then four of Paul Tol's muted set and a grey, so that no two
# roles are near each other (a test holds every pair apart in CIELAB); a marker per role tells them apart in
# greyscale and for the colour-blind where two colours would still meet.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#882255", "#999933",
            "#332288", "#000000", "#BBBBBB", "#666666")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "p", "h", "*", "d")
#: Each role's colour and marker in the figure-claims plot.
ROLE_STYLES = {role: (colour, marker) for role, colour, marker in zip(ROLE_ORDER, _PALETTE, _MARKERS, strict=True)}


def event_names(corpus: Corpus | None = None) -> dict[str, str]:
    """How the report names each event, by id: every table and figure of the report names events through this.

    An event is named as its corpus declares it (``corpus.events``).
    """
    from ..analyses.common import corpus_or_bundled

    return {e.event_id: e.name for e in corpus_or_bundled(corpus).events}


def _named(events, corpus: Corpus | None) -> list[str]:
    names = event_names(corpus)
    return [names.get(str(e), str(e)) for e in events]


def _figure(width: float, height: float) -> Figure:
    mpl_figure = require("matplotlib.figure", "report", "plotting")
    agg = require("matplotlib.backends.backend_agg", "report", "plotting")
    fig = mpl_figure.Figure(figsize=(width, height), dpi=100, layout="constrained")
    agg.FigureCanvasAgg(fig)
    return fig


def _nothing(title: str, what: str) -> Figure:
    """A small figure that says there is nothing to draw, so a report of a sparse corpus still has every figure."""
    fig = _figure(6, 1.2)
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.4, f"no {what} in this corpus", ha="center", va="center", color="#868e96")
    return fig


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes (deterministic: no timestamp in the file)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def share_of_voice(corpus: Corpus | None = None, body_only: bool = False) -> Figure:
    """Bars per speaker role: the share of attributions and the share of words quoted."""
    s = sov(corpus, body_only=body_only).sort_values("attributions")
    if s.empty:
        return _nothing("Share of voice by speaker role", "attributions")
    roles = s["speaker_role"].astype(str).tolist()
    fig = _figure(8, 0.35 * len(roles) + 1.4)
    ax = fig.subplots()
    y = np.arange(len(roles))
    ax.barh(y + 0.2, s["share_attributions"], height=0.4, color="#1c7ed6", label="attributions")
    ax.barh(y - 0.2, s["share_words"], height=0.4, color="#fab005", label="words quoted")
    ax.set_yticks(y, roles)
    ax.set_xlabel("share of all attributions / of all words quoted")
    ax.set_title("Share of voice by speaker role")
    fig.legend(loc="outside lower center", frameon=False, ncol=2)
    ends = np.maximum(s["share_attributions"], s["share_words"])
    for yy, end, n, w in zip(y, ends, s["attributions"], s["words"]):
        ax.annotate(f"{n} attribution{'s' * bool(n != 1)}, {w} word{'s' * bool(w != 1)}", (end, yy), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=7, color="#495057")
    ax.set_xlim(0, ends.max() * 1.35)
    return fig


def corrected(table: pd.DataFrame, column: str, counted: str, title: str) -> Figure:
    """Bars of a corrected count (``estimate``) per ``column`` with its interval as error bars, and the count as
    counted (``counted``) as a dot: a table of :func:`corpus_kz.analyses.quantify.corrected_counts`."""
    if table.empty:
        return _nothing(title, "records")
    t = table.sort_values("estimate")
    labels = t[column].astype(str).tolist()
    fig = _figure(8, 0.35 * len(labels) + 1.6)
    ax = fig.subplots()
    y = np.arange(len(labels))
    est = t["estimate"].to_numpy(float)
    err = np.vstack([np.clip(est - t["low"].to_numpy(float), 0, None),
                     np.clip(t["high"].to_numpy(float) - est, 0, None)])
    ax.barh(y, est, height=0.6, color="#1c7ed6", alpha=0.8, label="corrected estimate, with its 95% interval")
    ax.errorbar(est, y, xerr=np.nan_to_num(err), fmt="none", ecolor="#212529", capsize=3, lw=1)
    ax.scatter(t[counted], y, color="#e8590c", zorder=3, label="as counted")
    ax.set_yticks(y, labels)
    ax.set_xlabel(f"{counted}: corrected for the pre-annotator's measured precision and recall")
    ax.set_title(title)
    fig.legend(loc="outside lower center", frameon=False, ncol=2)
    return fig


def corrected_voices(corpus: Corpus | None = None, table: pd.DataFrame | None = None) -> Figure:
    """Attributions per speaker role as counted and as corrected, with bootstrap intervals (``table``: the
    corpus's ``share_of_voice(corrected=True)`` if already made)."""
    table = sov(corpus, corrected=True) if table is None else table
    return corrected(table, "speaker_role", "attributions", "Attributions by speaker role, corrected")


def corrected_frames(corpus: Corpus | None = None, table: pd.DataFrame | None = None) -> Figure:
    """Frames per frame label as counted and as corrected, with bootstrap intervals (``table``: the corpus's
    ``frames_by(by=None, corrected=True)`` if already made)."""
    table = frames_by(corpus, by=None, corrected=True) if table is None else table
    return corrected(table, "frame", "frames", "Frames by label, corrected")


def frame_heatmap(corpus: Corpus | None = None, body_only: bool = False) -> Figure:
    """Frame × holder role: colour is frames asserted minus frames denied; cells read "asserted / denied"."""
    f = frame_holders(corpus, body_only=body_only)
    if f.empty:
        return _nothing("Frames by holder role", "frames")
    table = f.pivot_table(index="frame", columns=["holder_role", "stance"], values="frames", aggfunc="sum",
                          fill_value=0, observed=True)
    roles = [r for r in dict.fromkeys(f["holder_role"].astype(str)) if r in table.columns.get_level_values(0)]
    frames = [fr for fr in _FRAME_ORDER if fr in table.index]
    asserted = np.array([[table.get((r, "asserts"), {}).get(fr, 0) for r in roles] for fr in frames])
    denied = np.array([[table.get((r, "denies"), {}).get(fr, 0) for r in roles] for fr in frames])
    net = asserted - denied
    fig = _figure(1.0 * len(roles) + 2.5, 0.55 * len(frames) + 1.8)
    ax = fig.subplots()
    bound = max(1, int(np.abs(net).max()))
    im = ax.imshow(net, cmap="RdBu", vmin=-bound, vmax=bound, aspect="auto")
    ax.set_xticks(range(len(roles)), roles, rotation=35, ha="right")
    ax.set_yticks(range(len(frames)), frames)
    for i in range(len(frames)):
        for j in range(len(roles)):
            if asserted[i, j] or denied[i, j]:
                ax.text(j, i, f"{asserted[i, j]} / {denied[i, j]}", ha="center", va="center", fontsize=8,
                        color="white" if abs(net[i, j]) > bound * 0.6 else "black")
    ax.set_title("Frames by holder role (asserted / denied)")
    fig.colorbar(im, ax=ax, label="asserted − denied", shrink=0.8)
    return fig


def figure_claims(corpus: Corpus | None = None, body_only: bool = False) -> Figure:
    """A dot per value claimed, per event and quantity, on a log scale.

    Colour is the source's role, and a dot's size how many figures claim that value.
    """
    c = claims(corpus, body_only=body_only)
    c = c[c["value"].notna() & (c["value"] > 0) & (c["quantity"] != "other")]
    if c.empty:
        return _nothing("Figures claimed", "figures with a value and an event")
    keys = ["event", "quantity", "unit"]
    # One dot per value a role claims for a row, however many figures claim it: a large corpus repeats its values.
    dots = groups(c.assign(source_role=c["source_role"].astype(str)), [*keys, "source_role", "value"]).size()
    dots = dots.rename("n").reset_index()
    dots["row"] = groups(dots, keys).ngroup()
    rows = groups(dots, keys).size().index.tolist()
    fig = _figure(9, 0.42 * len(rows) + 1.6)
    ax = fig.subplots()
    present = set(dots["source_role"])
    for role in [r for r in ROLE_ORDER if r in present] + sorted(present - set(ROLE_ORDER)):
        group = dots[dots["source_role"] == role]
        colour, marker = ROLE_STYLES.get(role, ("#495057", "o"))
        # A value claimed once is the usual dot; a dot's area grows with the square root of its claims, up to tenfold.
        ax.scatter(group["value"], group["row"], s=42 * np.minimum(np.sqrt(group["n"]), 10), marker=marker,
                   color=colour, edgecolor="white", linewidth=0.5, zorder=3, label=role)
    ax.set_xscale("log")
    names = _named([e for e, _, _ in rows], corpus)
    ax.set_yticks(range(len(rows)), [f"{name} · {q}" + ("" if u == "people" else f" ({u})")
                                     for name, (_, q, u) in zip(names, rows)])
    ax.invert_yaxis()
    ax.grid(axis="x", color="#e9ecef", zorder=0)
    most = int(dots["n"].max())
    ax.set_xlabel("value claimed (log scale; zero counts are not drawn)"
                  + (f"\nthe larger a dot, the more figures claim its value (at most {most})" if most > 1 else ""))
    ax.set_title("Figures claimed per event and quantity, by the source's role")
    fig.legend(loc="outside lower center", fontsize=8, frameon=False, ncol=6)
    return fig


def timeline(corpus: Corpus | None = None, body_only: bool = False) -> Figure:
    """The dates the texts mention, one panel per year: per document, or per event for a larger corpus.

    Dot size is how often a date is mentioned (per document) or in how many
    documents (per event).
    """
    dates_mod = require("matplotlib.dates", "report", "plotting")
    per_doc = dates(corpus, body_only=body_only)
    per_doc = per_doc[per_doc["precision"] == "day"]
    if per_doc.empty:
        return _nothing("Dates the texts mention", "dates resolved to a day")
    if per_doc["doc_id"].nunique() <= MAX_TIMELINE_ROWS:
        t, size, what = per_doc.assign(row=per_doc["doc_id"].astype(str)), per_doc["mentions"], "document"
    else:
        t = dates(corpus, body_only=body_only, by="event")
        t = t[t["precision"] == "day"]
        t = t.assign(row=_named(t["event"], corpus))
        size, what = 1 + 8 * t["documents"] / t["documents"].max(), "event"
    years = sorted(set(t["date"].dt.year))
    rows = list(dict.fromkeys(t["row"]))
    fig = _figure(10, 0.4 * len(rows) + 1.8)
    axes = fig.subplots(1, max(1, len(years)), sharey=True, squeeze=False)[0]
    for ax, year in zip(axes, years):
        part = t["date"].dt.year == year
        ax.scatter(t.loc[part, "date"], t.loc[part, "row"].map(rows.index), s=25 * size[part], color="#1c7ed6",
                   alpha=0.7, zorder=3)
        ax.set_title(str(year), fontsize=9)
        ax.xaxis.set_major_locator(dates_mod.AutoDateLocator(maxticks=5))
        ax.xaxis.set_major_formatter(dates_mod.DateFormatter("%b %d"))
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.grid(axis="x", color="#e9ecef", zorder=0)
        lo, hi = t.loc[part, "date"].min(), t.loc[part, "date"].max()
        pad = max((hi - lo) * 0.15, np.timedelta64(2, "D"))
        ax.set_xlim(lo - pad, hi + pad)
    axes[0].set_yticks(range(len(rows)), rows)
    axes[0].set_ylim(len(rows) - 0.5, -0.5)
    fig.suptitle("Dates the texts mention (day precision), per " + what
                 + ("" if what == "document" else "; dot size: the documents that mention it"))
    return fig


def documents(corpus: Corpus | None = None) -> Figure:
    """Documents per month of publication, stacked by event; documents with no date are counted in the title."""
    corpus = corpus_or_bundled(corpus)
    docs = view(corpus, "documents")
    dated = docs[docs["published"].notna()]
    undated = len(docs) - len(dated)
    if dated.empty:
        return _nothing("Documents per month", "documents with a date of publication")
    counts = (dated.assign(month=dated["published"].dt.to_period("M"), event=dated["event"].astype(str))
              .groupby(["month", "event"]).size().unstack("event", fill_value=0))
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(months, fill_value=0)
    fig = _figure(9, 3.2)
    ax = fig.subplots()
    x = np.arange(len(counts))
    bottom = np.zeros(len(counts))
    palette = ["#1c7ed6", "#e8590c", "#0ca678", "#ae3ec9", "#f59f00", "#868e96"]
    for n, (event, name) in enumerate(zip(counts.columns, _named(counts.columns, corpus))):
        ax.bar(x, counts[event], bottom=bottom, color=palette[n % len(palette)], label=name, width=0.85)
        bottom += counts[event].to_numpy()
    step = max(1, len(x) // 12)
    ax.set_xticks(x[::step], [str(m) for m in counts.index[::step]], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("documents")
    ax.yaxis.set_major_locator(require("matplotlib.ticker", "report", "plotting").MaxNLocator(integer=True))
    ax.set_title(f"Documents per month of publication ({len(dated)} dated"
                 + (f"; {undated} without a date" if undated else "") + ")")
    fig.legend(loc="outside lower center", fontsize=8, frameon=False, ncol=6)
    return fig
