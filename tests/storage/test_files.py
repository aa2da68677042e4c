"""Reading files we do not trust: strict JSON, named where it fails."""

import pytest

from corpus_kz.storage.files import Unreadable, parse_json


def test_strict_json_shapes():
    assert parse_json(b'{"a": [1, 2.5, null]}') == {"a": [1, 2.5, None]}
    for raw, found in [(b'{"a": 1, "a": 2}', "the key 'a' twice in one object"),
                       (b"[NaN]", "invalid JSON (NaN is not JSON: line 1 column 2)"), (b"\xff", "bytes that are not UTF-8"),
                       (b"[" * 5000 + b"]" * 5000, "JSON nested too deeply to parse"), (b"{", "broken JSON (")]:
        with pytest.raises(Unreadable) as exc:
            parse_json(raw)
        assert exc.value.found.startswith(found), exc.value.found
    # Integers Python can parse stay integers (the field kinds refuse them where they do not belong);
    # one beyond Python's 4,300-digit limit is named where it stands instead of failing the whole file.
    assert parse_json(b"[" + b"7" * 30 + b"]")[0] == int("7" * 30)
    assert repr(parse_json(b'{"start": ' + b"7" * 5000 + b"}")["start"]) == "an integer of 5,000 digits"
