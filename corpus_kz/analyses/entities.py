"""Entities: how they are named, who appears with whom, their spellings, and the dates the texts give.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame; ``body_only=True`` leaves out mentions
outside body text; ``by`` groups by any of the document's metadata columns
(:data:`~corpus_kz.analyses.common.GROUPS`). ``origin`` counts the gold
mentions, the predicted ones, or all (the default); each count carries
``share_predicted`` and each result says in ``attrs`` what it counted
(``origin``, ``records``, ``predicted``, ``share_predicted``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import pandas as pd

from .common import (SHARE_PREDICTED, carrying, containing, count, group_keys, groups, is_predicted, joined, pieces,
                     predicted_share, texts, view)

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["cooccurrence", "mention_forms", "spelling_variants", "timeline"]


def mention_forms(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                  body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Mentions per entity and form (``name`` or ``nominal``: "the President").

    >>> from corpus_kz.analyses import mention_forms
    >>> m = mention_forms()
    >>> m[m.entity_id == "tokayev"].set_index("form").mentions.to_dict()
    {'name': 21, 'nominal': 2}
    """
    keys = group_keys(by)
    m = view(corpus, "mentions", body_only, keys, origin)
    return carrying(count(m, keys + ["entity_id", "name", "label", "role", "form"], "mentions"), m, origin)


def spelling_variants(corpus: Corpus | None = None, body_only: bool = False,
                      by: str | Iterable[str] | None = None, origin: str = "all") -> pd.DataFrame:
    """Each entity's spellings as the texts write its name, most frequent first, for entities with more than one.

    Only mentions by name count: descriptions ("the former president") and
    dates, whose expressions differ by nature ("Friday", "the next day"), do
    not. With ``by``, the spellings within each group (does one outlet write
    "Toqaev"?).

    >>> from corpus_kz.analyses import spelling_variants
    >>> s = spelling_variants().set_index("entity_id")
    >>> s.loc["nazarbayev", "variants"]
    ['Nazarbayev', 'Nursultan Nazarbayev', 'Nazarbaev', 'Nursultan Nazarbaev']
    """
    keys = group_keys(by)
    m = view(corpus, "mentions", body_only, keys, origin)
    m = m[(m["form"] == "name") & (m["label"] != "DATE")]
    entity = [*keys, "entity_id", "name", "label"]
    per = groups(m, [*entity, "text"]).size().rename("n").reset_index()
    per = per.sort_values([*entity, "n", "text"], ascending=[True] * len(entity) + [False, True])
    out = groups(per, entity).agg(n_variants=("text", "size"), mentions=("n", "sum"))
    # A list per entity from one string sum and one split: the unit separator (U+001F) is in no name.
    out["variants"] = joined(per.assign(text=per["text"].astype("object")), entity, "text", "\x1f").str.split("\x1f")
    out[SHARE_PREDICTED] = predicted_share(m, entity)
    out = out.reset_index()[[*entity, "variants", "n_variants", "mentions", SHARE_PREDICTED]]
    out = out[out["n_variants"] > 1].sort_values([*keys, "n_variants", "mentions"],
                                                 ascending=[True] * len(keys) + [False, False], ignore_index=True)
    return carrying(out, m, origin)


def _in_units(corpus: Corpus | None, scope: str, body_only: bool, keys: list[str], origin: str = "all") -> pd.DataFrame:
    """Each mention with the unit (sentence, paragraph or quote) it lies in, as ``unit``.

    A mention may lie in several quotes.
    """
    m = view(corpus, "mentions", body_only, keys, origin)[["doc_id", *(k for k in keys if k != "doc_id"), "mention_id",
                                                           "entity_id", "start", "end", "origin"]]
    if scope in ("sentence", "paragraph"):
        s = (view(corpus, "sentences")[["doc_id", "sentence", "start", "end"]] if scope == "sentence"
             else _paragraphs(corpus, m["doc_id"].unique()))
        s = s.set_axis(["doc_id", "unit", "unit_start", "unit_end"], axis=1)
        placed = pd.merge_asof(m.sort_values("start"), s.sort_values("unit_start"), left_on="start",
                               right_on="unit_start", by="doc_id")
        return placed[placed["end"] <= placed["unit_end"]]
    if scope == "quote":
        q = view(corpus, "quotes", body_only, origin=origin)[["doc_id", "quote_id", "start", "end"]].rename(
            columns={"start": "unit_start", "end": "unit_end", "quote_id": "unit"})
        inner, outer = containing(m, q.rename(columns={"unit_start": "start", "unit_end": "end"}))
        return m.iloc[inner].assign(unit=q["unit"].to_numpy()[outer])
    raise ValueError(f"scope {scope!r}; expected 'sentence', 'paragraph' or 'quote'")


def _paragraphs(corpus: Corpus | None, doc_ids) -> pd.DataFrame:
    """The lines of the texts, as ``doc_id``, line number, start and end (a line is a paragraph, corpus_kz.segment).

    The line break that ends a line is left out of it, so a span that crosses
    one lies in no paragraph; blank lines are lines too, which no span lies in.
    """
    text = texts(corpus)
    return pieces(text[text["doc_id"].isin(doc_ids)], "\n")


def cooccurrence(corpus: Corpus | None = None, scope: str = "sentence", labels: Iterable[str] | None = None,
                 by: str | Iterable[str] | None = None, body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Pairs of entities mentioned in one sentence (or ``scope="paragraph"``, ``"quote"``): a network's edge list.

    ``weight`` counts the sentences, paragraphs or quotes that mention both;
    each pair appears once, ``entity_id_a`` < ``entity_id_b`` (for networkx:
    ``nx.from_pandas_edgelist(e, "entity_id_a", "entity_id_b", "weight")``). ``labels``
    keeps only entities of those labels (e.g. ``["PERSON", "ORG", "NORP"]``).
    ``share_predicted`` is the share of those units where one of the two
    entities is mentioned by predictions only.
    A paragraph is a line of the text, and needs no sentence splitting: on a
    large corpus it is much the faster scope.

    >>> from corpus_kz.analyses import cooccurrence
    >>> e = cooccurrence(labels=["NORP"])
    >>> e[(e.entity_id_a == "dungans") & (e.entity_id_b == "kazakhs")].weight.item()
    6
    """
    keys = group_keys(by)
    placed = _in_units(corpus, scope, body_only, keys, origin)
    if labels is not None:
        keep = view(corpus, "entities")
        keep = set(keep.loc[keep["label"].isin(list(labels)), "entity_id"])
        placed = placed[placed["entity_id"].isin(keep)]
    unit = list(dict.fromkeys(["doc_id", *keys, "unit"]))
    # A unit's entity is predicted when every mention of it there is: the pair then rests on predictions only.
    units = (groups(placed.assign(_predicted=is_predicted(placed)), [*unit, "entity_id"])["_predicted"].all()
             .reset_index())
    pairs = units.merge(units, on=unit, suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
    pairs = pairs.assign(_either=(pairs["_predicted_a"] | pairs["_predicted_b"]).astype("float64"))
    out = groups(pairs, keys + ["entity_id_a", "entity_id_b"]).agg(
        weight=("_either", "size"), **{SHARE_PREDICTED: ("_either", "mean")}).reset_index()
    out = out.sort_values([*keys, "weight", "entity_id_a", "entity_id_b"],
                          ascending=[True] * len(keys) + [False, True, True], ignore_index=True)
    return carrying(out, placed, origin)


def timeline(corpus: Corpus | None = None, body_only: bool = False,
             by: str | Iterable[str] | None = "doc_id", origin: str = "all") -> pd.DataFrame:
    """The calendar dates the texts mention (DATE entities named ``date_YYYY_MM_DD``), per document or group of ``by``.

    Years and months are placed on their first day; ``precision`` says
    which (``day``, ``month``, ``year``). Dates the registry could not
    resolve are left out. ``mentions`` counts the mentions of a date,
    ``documents`` the documents that mention it; per document (the default),
    each row also carries the document's outlet and event, and ``text`` is
    how the first mention writes the date.

    >>> from corpus_kz.analyses import timeline
    >>> t = timeline()
    >>> t[t.doc_id == "rferl_2011_zhanaozen_unrest"].date.dt.strftime("%Y-%m-%d").tolist()[:3]
    ['2011-05-01', '2011-12-16', '2011-12-17']
    >>> e = timeline(by="event")
    >>> e[(e.event == "kordai_2020") & (e.documents == 3)].text.tolist()
    ['February 7', 'February 8', 'February 9']
    """
    keys = group_keys(by)
    if "doc_id" in keys:
        keys = list(dict.fromkeys([*keys, "outlet", "event"]))
    m = view(corpus, "mentions", body_only, keys, origin)
    m = m[m["label"] == "DATE"]
    parts = m["entity_id"].str.extract(r"^date_(\d{4})(?:_(\d{2}))?(?:_(\d{2}))?(?:_\d{2})?$")
    m = m.assign(year_=parts[0], month_=parts[1], day_=parts[2]).dropna(subset=["year_"])
    m["precision"] = pd.Categorical(
        m["day_"].notna().map({True: "day"}).fillna(m["month_"].notna().map({True: "month", False: "year"})),
        categories=["day", "month", "year"])
    m["date"] = pd.to_datetime(m["year_"] + "-" + m["month_"].fillna("01") + "-" + m["day_"].fillna("01"))
    out = groups(m.assign(_predicted=is_predicted(m).astype("float64")), [*keys, "date", "precision", "entity_id"]).agg(
        mentions=("mention_id", "size"), documents=("doc_id", "nunique"), text=("text", "first"),
        **{SHARE_PREDICTED: ("_predicted", "mean")}).reset_index()
    return carrying(out.sort_values([*keys, "date"], ignore_index=True), m, origin)
