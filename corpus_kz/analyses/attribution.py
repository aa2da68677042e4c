"""Whose voices are reported, how, with which reporting verbs, and in which outlets.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled one when
None) and returns a tidy DataFrame. ``body_only=True`` leaves out
attributions whose content starts outside body text (headlines, captions,
interviewer questions); ``by`` groups by ``"doc_id"``, ``"outlet"``,
``"event"`` or ``"genre"`` (one name or a list).

An attribution nested in another (a statement reported inside an interview
answer) counts for both speakers, and so do its words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from ..lexicons import REPORTING_STANCES, cue_form, reporting_verbs as _lexicon, stance_markers
from .common import NO_SOURCE, WORD, corpus_or_bundled, count, group_keys, share, view, with_label

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["acts", "attribution_types", "cues", "reporting_verbs", "share_of_voice", "unsourced_claims"]


#: The stance of a cue that the reporting-verb lexicon does not list.
UNLISTED = "unlisted"


def _attributions(corpus: Corpus | None, body_only: bool) -> pd.DataFrame:
    a = view(corpus, "attributions", body_only)
    a["speaker_role"] = with_label(a["speaker_role"], NO_SOURCE)
    a["words"] = a["quote"].str.count(WORD).astype("int64")
    return a


def share_of_voice(corpus: Corpus | None = None, level: str = "role", by: str | Iterable[str] | None = None,
                   body_only: bool = False) -> pd.DataFrame:
    """Attributions and words quoted per speaker role (``level="role"``) or per speaker (``"speaker"``).

    Shares are within each group of ``by``. Sources that are no registry
    entity are their own speaker ("Kyrgyz officials"); agentless reports are
    ``"(no source)"``.

    >>> from corpus_kz.analyses import share_of_voice
    >>> sov = share_of_voice()
    >>> sov.set_index("speaker_role").loc[["official", "activist"], ["attributions", "words"]].values.tolist()
    [[50, 627], [50, 1663]]
    """
    keys = group_keys(by)
    a = _attributions(corpus, body_only)
    if level == "role":
        who = ["speaker_role"]
    elif level == "speaker":
        a["speaker"] = a["speaker"].fillna(NO_SOURCE)
        a["speaker_id"] = a["speaker_id"].fillna("")
        who = ["speaker_id", "speaker", "speaker_role"]
    else:
        raise ValueError(f"level {level!r}; expected 'role' or 'speaker'")
    out = (a.groupby(keys + who, observed=True, sort=True)
           .agg(attributions=("attribution_id", "size"), words=("words", "sum")).reset_index())
    out["share_attributions"] = share(out, "attributions", keys)
    out["share_words"] = share(out, "words", keys)
    return out


def attribution_types(corpus: Corpus | None = None, by: str | Iterable[str] | None = None,
                      body_only: bool = False) -> pd.DataFrame:
    """Direct, indirect and mixed attributions per speaker role, with the share within each role.

    >>> from corpus_kz.analyses import attribution_types
    >>> t = attribution_types()
    >>> t[t.speaker_role == "official"].set_index("type").attributions.to_dict()
    {'direct': 11, 'indirect': 32, 'mixed': 7}
    """
    keys = group_keys(by)
    out = count(_attributions(corpus, body_only), keys + ["speaker_role", "type"], "attributions")
    out["share"] = share(out, "attributions", keys + ["speaker_role"])
    return out


def acts(corpus: Corpus | None = None, by: str | Iterable[str] | None = None, body_only: bool = False) -> pd.DataFrame:
    """Attribution acts (assertion, belief, demand, promise) per speaker role, with the share within each role.

    >>> from corpus_kz.analyses import acts
    >>> a = acts()
    >>> a[a.act == "promise"][["speaker_role", "attributions"]].values.tolist()
    [['official', 3]]
    """
    keys = group_keys(by)
    out = count(_attributions(corpus, body_only), keys + ["speaker_role", "act"], "attributions")
    out["share"] = share(out, "attributions", keys + ["speaker_role"])
    return out


def cues(corpus: Corpus | None = None, body_only: bool = False) -> pd.DataFrame:
    """Every attribution with its cue's lemma and stance from the reporting-verb lexicon.

    The stance is the lexicon's for the cue; an agentless report with a
    neutral cue ("following reports of …") is ``hedged``, and a stance marker
    between the cue and the content ("claiming – without providing evidence –
    that …") makes it ``distancing``. A cue the lexicon lacks keeps its own
    words as lemma and the stance ``"unlisted"``, so that it is counted, not
    dropped; an attribution with no cue has lemma and stance NaN.

    >>> from corpus_kz.analyses import cues
    >>> c = cues()
    >>> c[c.lemma == "claim"][["speaker", "cue", "stance"]].values.tolist()
    [['Helene Thibault', 'claiming', 'distancing'], ['Kassym-Jomart Tokayev', 'claiming', 'distancing'], ['Kalmukhambet Kasymov', 'claimed', 'distancing']]
    """
    a = _attributions(corpus, body_only)
    lex = pd.DataFrame.from_dict(_lexicon(), orient="index")
    form = a["cue"].astype("string").str.strip().str.lower().map(cue_form, na_action="ignore")
    a["lemma"] = form.map(lex["lemma"])
    stance = form.map(lex["stance"])
    stance = stance.mask(a["source_text"].isna() & (stance == "neutral"), "hedged")
    marked = _marked(corpus, a)
    stance = stance.mask(marked.notna(), marked)
    unlisted = form.notna() & a["lemma"].isna()
    a["lemma"] = a["lemma"].mask(unlisted, form)
    stance = stance.mask(unlisted, UNLISTED)
    a["stance"] = pd.Categorical(stance, categories=[*REPORTING_STANCES, UNLISTED], ordered=True)
    return a


def _marked(corpus: Corpus | None, a: pd.DataFrame) -> pd.Series:
    """The stance a marker phrase sets for each attribution (NaN for none): a marker between cue and content."""
    markers = stance_markers()
    found = [(d.doc_id, m.start(), markers[m.group(0)])
             for d in corpus_or_bundled(corpus) if markers
             for m in re.finditer("|".join(map(re.escape, markers)), d.text)]
    out = pd.Series(float("nan"), index=a.index, dtype="object")
    if not found:
        return out
    at = pd.DataFrame(found, columns=["doc_id", "at", "marked"])
    quotes = view(corpus, "quotes")[["doc_id", "quote_id", "start"]].rename(columns={"start": "quote_start"})
    pairs = (a.reset_index()[["index", "doc_id", "quote_id", "cue_end"]].dropna(subset=["cue_end"])
             .merge(quotes, on=["doc_id", "quote_id"]).merge(at, on="doc_id"))
    pairs = pairs[(pairs["at"] >= pairs["cue_end"]) & (pairs["at"] < pairs["quote_start"])]
    out.loc[pairs["index"].to_numpy()] = pairs["marked"].to_numpy()
    return out


def reporting_verbs(corpus: Corpus | None = None, by: str | Iterable[str] | None = "speaker_role",
                    body_only: bool = False) -> pd.DataFrame:
    """Reporting verbs (cue lemmas) with their stance class, counted per ``by``.

    ``by`` may also be ``"speaker_role"`` (the default) or ``"stance"`` alone.

    >>> from corpus_kz.analyses import reporting_verbs
    >>> v = reporting_verbs(by="outlet")
    >>> v[(v.outlet == "RFE/RL") & (v.stance == "hedged")].set_index("lemma").attributions.to_dict()
    {'estimate': 1, 'report': 6, 'suggest': 1}
    """
    keys = group_keys(by, allowed=("speaker_role", "stance", "doc_id", "outlet", "event", "genre"))
    c = cues(corpus, body_only)
    keys = [k for k in keys if k != "stance"]
    return count(c, keys + ["stance", "lemma"], "attributions")


def unsourced_claims(corpus: Corpus | None = None, body_only: bool = False) -> pd.DataFrame:
    """Attributions that name no source: hedged and agentless reports ("reportedly", "were reported to").

    >>> from corpus_kz.analyses import unsourced_claims
    >>> unsourced_claims().cue.value_counts().to_dict()["reportedly"]
    2
    """
    c = cues(corpus, body_only)
    out = c[c["source_text"].isna()]
    return out[["doc_id", "outlet", "event", "attribution_id", "cue", "lemma", "stance", "act", "type", "quote",
                "zone"]].reset_index(drop=True)
