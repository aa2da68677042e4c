"""What a corpus says about itself: the datasheet's parts, the agreement table made once, provenance."""

import json

from corpus_kz.metadata import CorpusMetadata, agreement_markdown, agreement_rows

from .helpers import ROOT


def test_the_agreement_table_has_one_row_per_layer_in_the_committed_figures():
    summary = json.loads((ROOT / "annotations" / "agreement.json").read_text())
    rows = agreement_rows(summary)
    assert [r["layer"] for r in rows] == list(summary["pooled"])
    quotes = next(r for r in rows if r["layer"] == "quotes")
    assert quotes["records (pass 1 / pass 2)"] == "174 / 177" and quotes["token α"] == "0.997"
    assert next(r for r in rows if r["layer"] == "attributions")["token α"] == "–"  # not measured per token
    table = agreement_markdown(summary).splitlines()
    assert table[0] == "| " + " | ".join(rows[0]) + " |" and len(table) == 2 + len(rows)
    assert table[2 + [r["layer"] for r in rows].index("quotes")] == "| " + " | ".join(quotes.values()) + " |"


def test_the_datasheet_is_parsed_when_asked():
    assert CorpusMetadata().datasheet_parts() is None
    assert CorpusMetadata(datasheet="# Notes\n").datasheet_parts() == ({}, "# Notes\n")
    meta, body = CorpusMetadata(datasheet="---\npretty_name: mine\n---\n# Mine\n").datasheet_parts()
    assert meta == {"pretty_name": "mine"} and body == "# Mine\n"


def test_provenance_grows_by_steps():
    m = CorpusMetadata(provenance=("read from x",)).with_step("pre-annotated 3 documents")
    assert m.provenance == ("read from x", "pre-annotated 3 documents")
