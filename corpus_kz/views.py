"""pandas views of a corpus: one tidy DataFrame per table of :mod:`corpus_kz.tables`.

Vocabularies become ordered categoricals (events: the ones the corpus
declares, in their order), dates datetimes and optional
offsets nullable integers here, at load time, so notebooks never recast.
Importing this module imports pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .tables import DATE, EVENT, FLOAT, INT, OPTIONAL_INT, STRING, STRINGS, TABLES, rows

if TYPE_CHECKING:
    from .corpus import Corpus

_DTYPES = {STRING: "string", INT: "int64", OPTIONAL_INT: "Int64", FLOAT: "float64"}


def table(corpus: Corpus, name: str) -> pd.DataFrame:
    """The table ``name`` as a DataFrame with exactly its columns, typed."""
    data = rows(corpus, name)  # a clear error for an unknown name
    columns = TABLES[name].columns
    df = pd.DataFrame(data, columns=list(columns))
    for col, kind in columns.items():
        if isinstance(kind, tuple) or kind == EVENT:
            categories = [e.event_id for e in corpus.events] if kind == EVENT else list(kind)
            df[col] = pd.Categorical(df[col], categories=categories, ordered=True)
        elif kind == DATE:
            df[col] = pd.to_datetime(df[col])
        elif kind != STRINGS:
            df[col] = df[col].astype(_DTYPES[kind])
    return df
