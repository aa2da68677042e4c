"""The version of corpus_kz: stated here once (the build reads it; the card, the report and exports quote it)."""

__version__ = "0.4.0"
