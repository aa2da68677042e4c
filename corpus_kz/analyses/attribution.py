"""Whose voices are reported, how, with which reporting verbs, and in which outlets.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame. ``body_only=True`` leaves out
attributions whose content starts outside body text (headlines, captions,
interviewer questions); ``by`` groups by any of the document's metadata
columns (:data:`~corpus_kz.analyses.common.GROUPS`: ``"doc_id"``,
``"outlet"``, ``"event"``, ``"published"``, ``"year"``, ``"month"``,
``"genre"``; one name or a list). Functions that return one row per
attribution (``cues``, ``unsourced_claims``) carry those columns instead.

An attribution nested in another (a statement reported inside an interview
answer) counts for both speakers, and so do its words.

``origin`` counts the gold attributions, the predicted ones, or all (the
default). Every count carries ``share_predicted``, the share of the
attributions behind the row that were predicted, and every result says in
``attrs`` what it counted (``origin``, ``records``, ``predicted``,
``share_predicted``). ``share_of_voice(corrected=True)`` corrects the counts of
predicted attributions for the pre-annotator's measured precision and recall
per speaker role (:mod:`corpus_kz.analyses.quantify`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

import pandas as pd

from ..lexicons import REPORTING_STANCES, cue_form, reporting_verbs as _lexicon, stance_markers
from .common import (GROUPS, NO_SOURCE, SHARE_PREDICTED, WORD, cached, carrying, count, group_keys, groups,
                     is_predicted, per_value, pieces, share, texts, view, with_label)
from .quantify import COVERAGE, RESAMPLES, corrected_view

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["acts", "attribution_types", "cues", "reporting_verbs", "share_of_voice", "unsourced_claims"]


#: The stance of a cue that the reporting-verb lexicon does not list.
UNLISTED = "unlisted"


def _attributions(corpus: Corpus | None, body_only: bool, keys: Iterable[str] = (),
                  origin: str = "all") -> pd.DataFrame:
    a = view(corpus, "attributions", body_only, keys, origin)
    a["speaker_role"] = with_label(a["speaker_role"], NO_SOURCE)
    # Counting words runs a regular expression over every quote: once per corpus, not once per analysis.
    words = cached(corpus, "attributions.words", lambda: view(corpus, "attributions")["quote"].str.count(WORD))
    a["words"] = words.loc[a.index].astype("int64")
    return a


def share_of_voice(corpus: Corpus | None = None, level: str = "role", by: str | Iterable[str] | None = None,
                   body_only: bool = False, origin: str = "all", corrected: bool = False,
                   quality: Mapping | None = None, resamples: int = RESAMPLES, seed: int = 0,
                   coverage: float = COVERAGE) -> pd.DataFrame:
    """Attributions and words quoted per speaker role (``level="role"``) or per speaker (``"speaker"``).

    Shares are within each group of ``by``. Sources that are no registry
    entity are their own speaker ("Kyrgyz officials"); agentless reports are
    ``"(no source)"``. ``share_predicted`` is the share of each row's
    attributions that were predicted.

    ``corrected=True`` (``level="role"`` only) gives instead, per role, the
    ``attributions`` counted, how many are ``predicted``, and the ``estimate``
    of how many there are, the predicted ones corrected by the role's
    precision / recall from the ``quality`` table (the shipped
    ``corpus_kz/fitted/quality.json`` when None), with the bootstrap interval
    ``low``–``high`` (``coverage``, ``resamples`` draws seeded by ``seed``) and
    the ``share`` of the group's estimate with ``share_low``–``share_high``
    (:func:`corpus_kz.analyses.quantify.corrected_counts`). Words are not
    corrected: the words of a missed quote are unknown.

    >>> from corpus_kz.analyses import share_of_voice
    >>> sov = share_of_voice()
    >>> sov.set_index("speaker_role").loc[["official", "activist"], ["attributions", "words"]].values.tolist()
    [[50, 627], [50, 1663]]
    >>> sov.attrs["share_predicted"]
    0.0
    """
    keys = group_keys(by)
    a = _attributions(corpus, body_only, keys, origin)
    if corrected:
        if level != "role":
            raise ValueError(f"corrected=True counts per speaker role; level {level!r} is not corrected "
                             "(precision and recall are measured per role); use level='role'")
        out = corrected_view(corpus, a, keys, "speaker_role", "speaker_role", "attributions",
                             dict(quality=quality, resamples=resamples, seed=seed, coverage=coverage))
        return carrying(out, a, origin)
    if level == "role":
        who = ["speaker_role"]
    elif level == "speaker":
        a["speaker"] = a["speaker"].fillna(NO_SOURCE)
        a["speaker_id"] = a["speaker_id"].fillna("")
        who = ["speaker_id", "speaker", "speaker_role"]
    else:
        raise ValueError(f"level {level!r}; expected 'role' or 'speaker'")
    out = (groups(a.assign(_predicted=is_predicted(a).astype("float64")), keys + who)
           .agg(attributions=("attribution_id", "size"), words=("words", "sum"),
                **{SHARE_PREDICTED: ("_predicted", "mean")}).reset_index())
    out["share_attributions"] = share(out, "attributions", keys)
    out["share_words"] = share(out, "words", keys)
    out = out[[c for c in out.columns if c != SHARE_PREDICTED] + [SHARE_PREDICTED]]
    return carrying(out, a, origin)


def attribution_types(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                      body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Direct, indirect and mixed attributions per speaker role, with the share within each role.

    >>> from corpus_kz.analyses import attribution_types
    >>> t = attribution_types()
    >>> t[t.speaker_role == "official"].set_index("type").attributions.to_dict()
    {'direct': 11, 'indirect': 32, 'mixed': 7}
    """
    keys = group_keys(by)
    a = _attributions(corpus, body_only, keys, origin)
    out = count(a, keys + ["speaker_role", "type"], "attributions")
    out.insert(len(out.columns) - 1, "share", share(out, "attributions", keys + ["speaker_role"]))
    return carrying(out, a, origin)


def acts(corpus: Corpus | None = None, by: str | Iterable[str] | None = None, body_only: bool = False,
         origin: str = "all") -> pd.DataFrame:
    """Attribution acts (assertion, belief, demand, promise) per speaker role, with the share within each role.

    >>> from corpus_kz.analyses import acts
    >>> a = acts()
    >>> a[a.act == "promise"][["speaker_role", "attributions"]].values.tolist()
    [['official', 3]]
    """
    keys = group_keys(by)
    a = _attributions(corpus, body_only, keys, origin)
    out = count(a, keys + ["speaker_role", "act"], "attributions")
    out.insert(len(out.columns) - 1, "share", share(out, "attributions", keys + ["speaker_role"]))
    return carrying(out, a, origin)


def cues(corpus: Corpus | None = None, body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Every attribution with its cue's lemma and stance from the reporting-verb lexicon.

    The stance is the lexicon's for the cue; an agentless report with a
    neutral cue ("following reports of …") is ``hedged``, and a stance marker
    between the cue and the content ("claiming – without providing evidence –
    that …") makes it ``distancing``. A cue the lexicon lacks keeps its own
    words as lemma and the stance ``"unlisted"``, so that it is counted, not
    dropped; an attribution with no cue has lemma and stance NaN. Each row
    keeps its ``origin`` and ``confidence``.

    >>> from corpus_kz.analyses import cues
    >>> c = cues()
    >>> c[c.lemma == "claim"][["speaker", "cue", "stance"]].values.tolist()
    [['Helene Thibault', 'claiming', 'distancing'], ['Kassym-Jomart Tokayev', 'claiming', 'distancing'], ['Kalmukhambet Kasymov', 'claimed', 'distancing']]
    """
    c = _cues(corpus, body_only, origin=origin)
    return carrying(c, c, origin)


def _cues(corpus: Corpus | None, body_only: bool, keys: Iterable[str] = (), origin: str = "all") -> pd.DataFrame:
    a = _attributions(corpus, body_only, keys, origin)
    lex = pd.DataFrame.from_dict(_lexicon(), orient="index")
    form = per_value(a["cue"], cue_form)
    a["lemma"] = form.map(lex["lemma"])
    stance = form.map(lex["stance"])
    stance = stance.mask(a["source_text"].isna() & (stance == "neutral"), "hedged")
    marked = cached(corpus, "attributions.marked", lambda: _marked(corpus, view(corpus, "attributions"))).loc[a.index]
    stance = stance.mask(marked.notna(), marked)
    unlisted = form.notna() & a["lemma"].isna()
    a["lemma"] = a["lemma"].mask(unlisted, form)
    stance = stance.mask(unlisted, UNLISTED)
    a["stance"] = pd.Categorical(stance, categories=[*REPORTING_STANCES, UNLISTED], ordered=True)
    return a


def _marked(corpus: Corpus | None, a: pd.DataFrame) -> pd.Series:
    """The stance a marker phrase sets for each attribution (NaN for none): a marker wholly between cue and content."""
    out = pd.Series(float("nan"), index=a.index, dtype="object")
    markers = stance_markers()
    if not markers or a.empty:
        return out
    quotes = view(corpus, "quotes")[["doc_id", "quote_id", "start"]].rename(columns={"start": "quote_start"})
    gaps = (a.reset_index()[["index", "doc_id", "quote_id", "cue_end"]].dropna(subset=["cue_end"])
            .merge(quotes, on=["doc_id", "quote_id"]))
    # Only a gap as long as the shortest marker can hold one: the texts of the other documents are not read.
    gaps = gaps[gaps["quote_start"] - gaps["cue_end"] >= min(map(len, markers))]
    if gaps.empty:
        return out
    text = texts(corpus)
    at = _occurrences(text[text["doc_id"].isin(gaps["doc_id"].unique())], markers)
    pairs = gaps.merge(at, on="doc_id")
    pairs = pairs[(pairs["at"] >= pairs["cue_end"]) & (pairs["at"] + pairs["length"] <= pairs["quote_start"])]
    out.loc[pairs["index"].to_numpy()] = pairs["marked"].to_numpy()
    return out


def _occurrences(text: pd.DataFrame, markers: dict[str, str]) -> pd.DataFrame:
    """Where each marker phrase occurs in each text: ``doc_id``, ``at``, ``length``, ``marked`` (the stance it sets)."""
    found = []
    for phrase, stance in markers.items():
        split = pieces(text, phrase)
        last = split["piece"].shift(-1, fill_value=0) == 0  # the piece after a text's last occurrence ends it
        found.append(pd.DataFrame({"doc_id": split["doc_id"][~last], "at": split["end"][~last],
                                   "length": len(phrase), "marked": stance}))
    return pd.concat(found, ignore_index=True)


def reporting_verbs(corpus: Corpus | None = None, by: str | Iterable[str] | None = "speaker_role",
                    body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Reporting verbs (cue lemmas) with their stance class, counted per ``by``.

    ``by`` may also be ``"speaker_role"`` (the default) or ``"stance"`` alone.

    >>> from corpus_kz.analyses import reporting_verbs
    >>> v = reporting_verbs(by="outlet")
    >>> v[(v.outlet == "RFE/RL") & (v.stance == "hedged")].set_index("lemma").attributions.to_dict()
    {'estimate': 1, 'report': 6, 'suggest': 1}
    """
    keys = group_keys(by, allowed=("speaker_role", "stance", *GROUPS))
    c = _cues(corpus, body_only, keys, origin)
    keys = [k for k in keys if k != "stance"]
    return carrying(count(c, keys + ["stance", "lemma"], "attributions"), c, origin)


def unsourced_claims(corpus: Corpus | None = None, body_only: bool = False, origin: str = "all") -> pd.DataFrame:
    """Attributions that name no source: hedged and agentless reports ("reportedly", "were reported to").

    >>> from corpus_kz.analyses import unsourced_claims
    >>> unsourced_claims().cue.value_counts().to_dict()["reportedly"]
    2
    """
    c = cues(corpus, body_only, origin)
    out = c[c["source_text"].isna()]
    out = out[["doc_id", "outlet", "event", "published", "genre", "attribution_id", "cue", "lemma", "stance", "act",
               "type", "quote", "zone", "origin", "confidence"]].reset_index(drop=True)
    return carrying(out, out, origin)
