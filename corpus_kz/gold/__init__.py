"""The tools that make the gold: anchoring drafts, agreement between passes, adjudication.

* :mod:`.anchor`: spans written as text -> half-open offsets into the seed;
* :mod:`.agreement`: span F1, Cohen's κ and Krippendorff's α between two passes
  (and of any annotation against the gold);
* :mod:`.adjudicate`: the gold as a function of two passes and a file of decisions.

The pre-annotator will join them here. Every tool reads through the public
loader (:func:`corpus_kz.storage.load`, :func:`corpus_kz.storage.read_pass`).
"""
