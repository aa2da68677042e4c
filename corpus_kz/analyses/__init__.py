"""Bundled analyses of attribution, framing, figures and entities: one module per question.

Every function takes a :class:`~corpus_kz.Corpus` (the bundled corpus when
``None``) and returns a tidy pandas DataFrame, vectorised over the views of
:mod:`corpus_kz.views` (no Python loop per record or per document), so that it
runs on tens of thousands of documents. Most take ``body_only=True`` to leave
out headlines, captions, boilerplate and interviewer questions, and every one
that counts takes ``by=`` to count per group of any of the document's metadata
columns (:data:`~corpus_kz.analyses.common.GROUPS`): ``"doc_id"``,
``"outlet"``, ``"event"``, ``"genre"``, ``"published"`` (the day), or the
``"year"`` or ``"month"`` of publication; one name or a list. A document
with no date is kept, in a group whose key is missing.

- :mod:`~corpus_kz.analyses.attribution`: who speaks, how, with which verbs;
- :mod:`~corpus_kz.analyses.framing`: who frames the events how, trigger against root cause;
- :mod:`~corpus_kz.analyses.figures`: who claims which numbers, where they disagree (between documents,
  and between the sources of one);
- :mod:`~corpus_kz.analyses.entities`: names and descriptions, co-occurrence, spellings, dates.

Functions that return one row per record (``claims`` without ``by``,
``cues``, ``unsourced_claims``, ``frames_in_quotes``) carry ``doc_id``,
``outlet``, ``event``, ``published`` and ``genre`` columns instead, so any
grouping is one ``groupby`` away. Importing this package imports pandas.

Predictions are never taken for gold. Every function takes ``origin=``:
``"gold"``, ``"predicted"`` (records of :mod:`corpus_kz.annotate`, whose
``origin`` is ``"predicted:<rule>"``) or ``"all"`` (the default). Every
count has a ``share_predicted`` column, the share of its row's records that
are predicted (rows of one record carry ``origin`` and ``confidence``), and
every result's ``attrs`` says what it counted: ``origin``, ``records``,
``predicted``, ``share_predicted``. ``share_of_voice``, ``frames_by`` and
``frame_holders`` take ``corrected=True``: counts of predicted records
corrected for the pre-annotator's measured precision and recall per class,
with a bootstrap interval (:mod:`~corpus_kz.analyses.quantify`).
"""

from .attribution import acts, attribution_types, cues, reporting_verbs, share_of_voice, unsourced_claims
from .entities import cooccurrence, mention_forms, spelling_variants, timeline
from .figures import claims, discrepancies
from .framing import domestic_vs_interethnic, frame_holders, frames_by, frames_in_quotes, trigger_and_roots

__all__ = [
    "acts", "attribution_types", "claims", "cooccurrence", "cues", "discrepancies", "domestic_vs_interethnic",
    "frame_holders", "frames_by", "frames_in_quotes", "mention_forms", "reporting_verbs", "share_of_voice",
    "spelling_variants", "timeline", "trigger_and_roots", "unsourced_claims",
]
