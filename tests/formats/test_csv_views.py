"""CSV: the pandas views, one file per table.

What every format is held to (its notes printed, a user's directory kept, no import of it) is in
test_contract.py.
"""

import pandas as pd

from corpus_kz.cli import main
from corpus_kz.tables import TABLES


def test_every_view_as_csv(tmp_path, corpus):
    assert main(["export", "csv", "--out", str(tmp_path / "csv"), "--quiet"]) == 0
    for name, table in TABLES.items():
        df = pd.read_csv(tmp_path / "csv" / f"{name}.csv", keep_default_na=False)
        assert list(df.columns) == list(table.columns)
        assert len(df) == len(getattr(corpus, name)())
    e = pd.read_csv(tmp_path / "csv" / "entities.csv")
    assert "Tokayev" in e.set_index("entity_id").loc["tokayev", "aliases"].split(" | ")


def test_a_corpus_with_empty_layers(tmp_path):
    from ..helpers import make_user_corpus

    raw = make_user_corpus(tmp_path / "raw", annotate=False)
    assert main(["export", "csv", str(raw), "--out", str(tmp_path / "csv"), "--quiet"]) == 0
    assert pd.read_csv(tmp_path / "csv" / "mentions.csv").empty
