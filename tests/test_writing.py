"""Writing files nobody loses: the old version or the new one, never a mix."""

import os
import stat

import pytest

from corpus_kz.storage.standoff import write_json
from corpus_kz.writing import replace_directory, temporary_sibling, write_text


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
