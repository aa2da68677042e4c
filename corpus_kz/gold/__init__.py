"""What makes the bundled gold: anchoring drafts, comparing the two passes, adjudicating them.

* :mod:`.anchor`: spans written as text -> half-open offsets into the seed;
* :mod:`.passes`: the two independent annotation passes compared (``corpus-kz agreement``);
* :mod:`.adjudicate`: the gold as a function of the two passes and a file of decisions.

Each reads through the public loader (:func:`corpus_kz.storage.load`,
:func:`corpus_kz.storage.read_pass`) and scores with :mod:`corpus_kz.scoring`.
"""
