"""What the pre-annotator's rules share: record ids."""

from __future__ import annotations

import pytest

from corpus_kz.annotate.base import record_id
from corpus_kz.records import ID_PREFIX


@pytest.mark.parametrize("layer, expected", [("zones", "z3"), ("quotes", "q3"), ("attributions", "a3"),
                                             ("mentions", "m3"), ("figures", "f3"), ("frames", "fr3")])
def test_record_ids_take_the_prefix_the_records_declare(layer, expected):
    assert record_id(layer, 3) == expected == f"{ID_PREFIX[layer]}3"
