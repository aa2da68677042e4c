"""The committed JSON Schemas are the generated ones, and every committed file passes them."""

import json

import jsonschema
import pytest

from corpus_kz.storage import Layout
from corpus_kz.storage.schema import SCHEMAS, stale_schemas

from ..helpers import EVENTS_2019, ROOT


def test_committed_schemas_are_the_generated_ones():
    assert stale_schemas(ROOT) == []


@pytest.mark.parametrize("rel,files", [
    (Layout.MANIFEST_SCHEMA, [Layout.MANIFEST]),
    (Layout.REGISTRY_SCHEMA, [Layout.REGISTRY]),
    (Layout.EVENTS_SCHEMA, [Layout.EVENTS]),
    (Layout.ANNOTATION_SCHEMA, sorted(str(p.relative_to(ROOT)) for p in (ROOT / Layout.DOCS).glob("*.json"))),
])
def test_the_gold_passes_its_schema(rel, files):
    validator = jsonschema.Draft202012Validator(SCHEMAS[rel](), format_checker=jsonschema.FormatChecker())
    for f in files:
        errors = [e.message for e in validator.iter_errors(json.loads((ROOT / f).read_text()))]
        assert errors == [], f


def test_origin_and_confidence_are_optional_and_checked_in_the_schema():
    from corpus_kz.records import LAYERS

    schema = SCHEMAS[Layout.ANNOTATION_SCHEMA]()
    validator = jsonschema.Draft202012Validator(schema)
    doc = json.loads((ROOT / Layout.doc("rferl_2020_kordai_returning")).read_text())
    for layer in LAYERS:
        items = schema["properties"][layer]["items"]
        assert {"origin", "confidence"} <= set(items["properties"]) and not {"origin", "confidence"} & set(
            items["required"]), layer
        assert "origin" not in doc[layer][0]  # the gold states neither
    doc["quotes"][0].update(origin="predicted:direct_quote", confidence=0.9)
    assert list(validator.iter_errors(doc)) == []
    for bad in ({"origin": "predicted"}, {"origin": "predicted:direct_quote", "confidence": 1.5},
                {"origin": "predicted:direct_quote", "confidence": True}):
        errors = list(validator.iter_errors({**doc, "quotes": [{**doc["quotes"][0], **bad}]}))
        assert errors, bad


def test_a_corpus_s_own_declarations_pass_the_events_schema_and_its_events_the_manifest_s():
    events = jsonschema.Draft202012Validator(SCHEMAS[Layout.EVENTS_SCHEMA](), format_checker=jsonschema.FormatChecker())
    assert list(events.iter_errors(EVENTS_2019)) == []
    assert list(events.iter_errors([{**EVENTS_2019[0], "start": "9 June 2019"}]))  # an ISO date, as the loader wants
    manifest = jsonschema.Draft202012Validator(SCHEMAS[Layout.MANIFEST_SCHEMA]())
    entry = json.loads((ROOT / Layout.MANIFEST).read_text())[0]
    # Any event id is the manifest's shape; whether it is declared is the loader's to check.
    assert list(manifest.iter_errors([{**entry, "event": "almaty_2019"}])) == []
    assert list(manifest.iter_errors([{**entry, "event": "Almaty 2019"}]))
