"""Atomic writes and directory replacement: the old version or the new one, never a mix."""

import os
import stat

import pytest

from corpus_kz.storage.files import Unreadable, parse_json, replace_directory, temporary_sibling, write_text
from corpus_kz.storage.standoff import write_json


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    path = tmp_path / "a.json"
    write_json(path, {"x": 1})

    class Boom:
        pass

    with pytest.raises(TypeError):
        write_json(path, {"x": Boom()})
    assert path.read_text() == '{\n "x": 1\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_written_files_are_ordinary_files(tmp_path):
    write_text(tmp_path / "f.txt", "x")
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == 0o666 & ~_umask()


@pytest.mark.parametrize("old", [True, False])
def test_replace_directory(tmp_path, old):
    target = tmp_path / "out"
    if old:
        target.mkdir()
        (target / "old.txt").write_text("old")
    new = temporary_sibling(target)
    (new / "new.txt").write_text("new")
    replace_directory(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~_umask()


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
