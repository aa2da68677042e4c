"""Bundled analyses of attribution and framing (issue: analyses, an HTML report with plots).

Each analysis will be a function of a loaded :class:`~corpus_kz.Corpus`
that returns a pandas DataFrame (and, where people would rather look than
read, a plot), built on the tables of :mod:`corpus_kz.tables`.
"""
