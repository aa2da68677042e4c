"""Who frames the events how: frame × holder × stance, trigger against root cause, frames inside quotes.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame. ``body_only=True`` leaves out frames
outside body text; ``by`` groups by any of the document's metadata columns
(:data:`~corpus_kz.analyses.common.GROUPS`: ``"doc_id"``, ``"outlet"``,
``"event"``, ``"published"``, ``"year"``, ``"month"``, ``"genre"``). The
outlet's own voice is the holder ``"author"`` with the role ``"author"``.

``origin`` counts the gold frames, the predicted ones, or all (the default).
Every count carries ``share_predicted``, the share of the frames behind the
row that were predicted, and every result says in ``attrs`` what it counted
(``origin``, ``records``, ``predicted``, ``share_predicted``).
``frames_by(corrected=True)`` and ``frame_holders(corrected=True)`` correct
the counts of predicted frames for the pre-annotator's measured precision and
recall per frame label and per holder role (:mod:`corpus_kz.analyses.quantify`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

import numpy as np
import pandas as pd

from .. import vocab as V
from .common import (SHARE_PREDICTED, carrying, containing, count, group_keys, groups, joined, label_agents,
                     predicted_share, share, view, with_label)
from .quantify import COVERAGE, RESAMPLES, corrected_view

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["domestic_vs_interethnic", "frame_holders", "frames_by", "frames_in_quotes", "trigger_and_roots"]


def _frames(corpus: Corpus | None, body_only: bool, keys: Iterable[str] = (), origin: str = "all") -> pd.DataFrame:
    fr = label_agents(view(corpus, "frames", body_only, keys, origin), "holder")
    fr["aspect"] = with_label(fr["aspect"], "none")
    return fr


def frame_holders(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                  body_only: bool = False, origin: str = "all", corrected: bool = False,
                  quality: Mapping | None = None, resamples: int = RESAMPLES, seed: int = 0,
                  coverage: float = COVERAGE) -> pd.DataFrame:
    """Frames per frame, holder role, stance and aspect (``"none"`` when neither trigger nor root cause).

    ``corrected=True`` gives instead the frames per holder role: ``frames``
    counted, how many are ``predicted``, and the ``estimate`` with its
    bootstrap interval ``low``–``high`` and ``share`` (as
    :func:`~corpus_kz.analyses.share_of_voice` with ``corrected=True``, with
    precision and recall per holder role).

    >>> from corpus_kz.analyses import frame_holders
    >>> f = frame_holders()
    >>> f[(f.frame == "interethnic") & (f.stance == "denies")][["holder_role", "aspect", "frames"]].values.tolist()
    [['official', 'root_cause', 1]]
    """
    keys = group_keys(by)
    fr = _frames(corpus, body_only, keys, origin)
    if corrected:
        out = corrected_view(corpus, fr, keys, "holder_role", "holder_role", "frames",
                             dict(quality=quality, resamples=resamples, seed=seed, coverage=coverage))
    else:
        out = count(fr, keys + ["frame", "holder_role", "stance", "aspect"], "frames")
    return carrying(out, fr, origin)


def domestic_vs_interethnic(corpus: Corpus | None = None, level: str = "holder_role", body_only: bool = False,
                            by: str | Iterable[str] | None = None, origin: str = "all") -> pd.DataFrame:
    """The domestic and interethnic frames each holder role (or ``level="holder"``) asserts and denies, per ``by``.

    One row per group, with a column per frame and stance
    (``domestic_asserts``, ``interethnic_denies``, …) and ``leaning``: the
    frame asserted more often (``domestic`` or ``interethnic``), ``balanced``
    when both are asserted equally often, ``neither`` when neither is.
    ``level`` may also be ``"doc_id"``, ``"outlet"`` or ``"event"``: one row
    per document, outlet or event, all holders together.

    >>> from corpus_kz.analyses import domestic_vs_interethnic
    >>> d = domestic_vs_interethnic().set_index("holder_role")
    >>> d.loc["official", ["domestic_asserts", "interethnic_asserts", "interethnic_denies"]].tolist()
    [9, 1, 1]
    >>> d.loc[["official", "expert"], "leaning"].tolist()
    ['domestic', 'interethnic']
    """
    levels = ("holder_role", "holder", "doc_id", "outlet", "event")
    if level not in levels:
        raise ValueError(f"level {level!r}; expected {', '.join(levels[:-1])} or {levels[-1]}")
    keys = group_keys(by)
    fr = _frames(corpus, body_only, keys, origin)
    fr = fr[fr["frame"].isin(["domestic", "interethnic"])]
    keys = list(dict.fromkeys([*keys, *([level] if level != "holder" else ["holder_id", "holder", "holder_role"])]))
    fr = fr.assign(column=fr["frame"].astype(str) + "_" + fr["stance"].astype(str))
    columns = [f"{f}_{s}" for f in ("domestic", "interethnic") for s in V.STANCES]
    out = (groups(fr, keys + ["column"]).size().unstack("column", fill_value=0)
           .reindex(columns=columns, fill_value=0).reset_index())
    out.columns.name = None
    dom, eth = out["domestic_asserts"], out["interethnic_asserts"]
    out["leaning"] = pd.Categorical(
        np.select([dom > eth, eth > dom, dom > 0], ["domestic", "interethnic", "balanced"], "neither"),
        categories=["domestic", "interethnic", "balanced", "neither"])
    out = out.merge(predicted_share(fr, keys).rename(SHARE_PREDICTED).reset_index(), on=keys, how="left")
    return carrying(out, fr, origin)


def trigger_and_roots(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                      body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Per holder (and per group of ``by``): the frames they give for the trigger and for the root cause.

    Asserted frames only. ``domestic_trigger_interethnic_roots`` is True for
    a holder who says the spark was domestic while the roots are interethnic.

    >>> from corpus_kz.analyses import trigger_and_roots
    >>> t = trigger_and_roots()
    >>> t[t.domestic_trigger_interethnic_roots].holder.tolist()
    ['Azamat Yergali', 'Kanat Sultanaliev']
    """
    keys = group_keys(by)
    fr = _frames(corpus, body_only, keys, origin)
    fr = fr[(fr["stance"] == "asserts") & fr["aspect"].isin(["trigger", "root_cause"])]
    holder = [*keys, "holder_id", "holder", "holder_role"]
    predicted = predicted_share(fr, holder).rename(SHARE_PREDICTED).reset_index()
    counted = fr
    # Each holder's frames for each aspect, once each, alphabetically: ", "-joined in one string sum.
    fr = (fr.assign(name=fr["frame"].astype(str)).drop_duplicates([*holder, "aspect", "name"])
          .sort_values([*holder, "aspect", "name"]))
    frames = joined(fr, [*holder, "aspect"], "name", ", ").unstack("aspect")
    frames = frames.reindex(columns=["trigger", "root_cause"]).astype("string").reset_index()
    frames.columns.name = None
    frames["domestic_trigger_interethnic_roots"] = (
        frames["trigger"].str.contains("domestic", na=False) & frames["root_cause"].str.contains("interethnic", na=False))
    frames = frames.merge(predicted, on=holder, how="left")
    frames = frames.sort_values([*keys, "domestic_trigger_interethnic_roots", "holder"],
                                ascending=[True] * len(keys) + [False, True], ignore_index=True)
    return carrying(frames, counted, origin)


def frames_by(corpus: Corpus | None = None, by: str | Iterable[str] = "event", body_only: bool = False,
              origin: str = "all", corrected: bool = False, quality: Mapping | None = None,
              resamples: int = RESAMPLES, seed: int = 0, coverage: float = COVERAGE) -> pd.DataFrame:
    """Frames per event (or outlet, document, genre) and stance, with the share within each group.

    ``corrected=True`` gives instead the frames per group and frame label:
    ``frames`` counted, how many are ``predicted``, and the ``estimate`` with
    its bootstrap interval ``low``–``high`` and ``share`` (as
    :func:`~corpus_kz.analyses.share_of_voice` with ``corrected=True``, with
    precision and recall per frame label; stances together).

    >>> from corpus_kz.analyses import frames_by
    >>> f = frames_by(by="event")
    >>> f[(f.event == "qantar_2022") & (f.stance == "asserts")].sort_values("frames").frame.iloc[-1]
    'socioeconomic'
    """
    keys = group_keys(by)
    fr = _frames(corpus, body_only, keys, origin)
    if corrected:
        out = corrected_view(corpus, fr, keys, "frame", "frame", "frames",
                             dict(quality=quality, resamples=resamples, seed=seed, coverage=coverage))
        return carrying(out, fr, origin)
    out = count(fr, keys + ["frame", "stance"], "frames")
    out.insert(len(out.columns) - 1, "share", share(out, "frames", keys))
    return carrying(out, fr, origin)


def frames_in_quotes(corpus: Corpus | None = None, body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Every frame whose span lies inside a quote's span, with that quote's speaker and the frame's holder.

    A frame inside a nested quote appears once per enclosing quote. ``origin``
    keeps frames (and quotes) of that origin; each row carries the frame's
    ``origin`` and the quote's (``quote_origin``).

    >>> from corpus_kz.analyses import frames_in_quotes
    >>> f = frames_in_quotes()
    >>> f[f.frame_text == "long-felt conflict"][["speaker", "frame", "aspect"]].values.tolist()
    [['Azamat Yergali', 'interethnic', 'root_cause']]
    """
    fr = _frames(corpus, body_only, origin=origin)[[
        "doc_id", "frame_id", "start", "end", "text", "frame", "stance", "aspect", "holder_id", "holder", "holder_role",
        "outlet", "event", "published", "genre", "origin"]]
    q = view(corpus, "quotes", body_only, origin=origin)[["doc_id", "quote_id", "start", "end", "type", "act",
                                                          "speaker_id", "speaker", "speaker_role", "origin"]]
    q = q.rename(columns={"origin": "quote_origin"})
    inner, outer = containing(fr, q)
    fr = fr.iloc[inner].rename(columns={"start": "frame_start", "end": "frame_end", "text": "frame_text"})
    q = q.iloc[outer].drop(columns="doc_id").rename(columns={"start": "quote_start", "end": "quote_end"})
    inside = pd.concat([fr.reset_index(drop=True), q.reset_index(drop=True)], axis=1)
    return carrying(inside.sort_values(["doc_id", "frame_start", "quote_start"], ignore_index=True), inside, origin)
