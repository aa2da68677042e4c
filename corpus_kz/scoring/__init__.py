"""Scoring: matching spans, measuring agreement, and evaluating predictions against the gold.

* :mod:`.matching`: which record of one annotation is which of another, at exact match or an
  overlap threshold; the one matcher of agreement, evaluation and the report;
* :mod:`.metrics`: F1, Cohen's κ, Krippendorff's α;
* :mod:`.agreement`: two annotations of one document compared, layer by layer;
* :mod:`.evaluate`: predictions scored against the gold, leave one document out;
* :mod:`.brat_attributions`: attribution corpora in brat (PolNeAR), read and scored.
"""
