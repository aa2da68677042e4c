import pytest

import corpus_kz

from .helpers import copy_corpus


@pytest.fixture(scope="session")
def corpus():
    return corpus_kz.load()


@pytest.fixture
def corpus_dir(tmp_path):
    """A writable copy of the bundled corpus directory, for breaking on purpose."""
    return copy_corpus(tmp_path / "corpus")
