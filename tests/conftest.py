import shutil
from pathlib import Path

import pytest

import corpus_kz
from corpus_kz.corpus import bundled_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus():
    return corpus_kz.load()


@pytest.fixture
def corpus_dir(tmp_path):
    """A writable copy of the bundled corpus directory, for breaking on purpose."""
    src = bundled_path()
    dst = tmp_path / "corpus"
    shutil.copytree(src / "seeds", dst / "seeds")
    (dst / "annotations").mkdir(parents=True)
    shutil.copytree(src / "annotations" / "docs", dst / "annotations" / "docs")
    shutil.copy(src / "annotations" / "entities.json", dst / "annotations" / "entities.json")
    for p in (dst / "seeds").iterdir():
        p.chmod(0o644)
    return dst


def snapshot(directory: Path) -> dict:
    """Every file below ``directory`` with its bytes, to prove that nothing was written."""
    return {p.relative_to(directory): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
