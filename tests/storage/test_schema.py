"""The committed JSON Schemas are the generated ones, and every committed file passes them."""

import json

import jsonschema
import pytest

from corpus_kz.storage import Layout
from corpus_kz.storage.schema import SCHEMAS, stale_schemas

from ..helpers import ROOT


def test_committed_schemas_are_the_generated_ones():
    assert stale_schemas(ROOT) == []


@pytest.mark.parametrize("rel,files", [
    (Layout.MANIFEST_SCHEMA, [Layout.MANIFEST]),
    (Layout.REGISTRY_SCHEMA, [Layout.REGISTRY]),
    (Layout.ANNOTATION_SCHEMA, sorted(str(p.relative_to(ROOT)) for p in (ROOT / Layout.DOCS).glob("*.json"))),
])
def test_the_gold_passes_its_schema(rel, files):
    validator = jsonschema.Draft202012Validator(SCHEMAS[rel](), format_checker=jsonschema.FormatChecker())
    for f in files:
        errors = [e.message for e in validator.iter_errors(json.loads((ROOT / f).read_text()))]
        assert errors == [], f
