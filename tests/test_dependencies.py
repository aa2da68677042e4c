"""What the missing-extra hint tells to install: right for a checkout and for an installed copy (issue 18)."""

import json
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from corpus_kz import dependencies
from corpus_kz.dependencies import MissingDependency, install_command, require

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_distribution_name_is_pyprojects():
    assert dependencies.DISTRIBUTION == PROJECT["name"]


def test_in_a_checkout_the_hint_installs_the_checkout_editable():
    """The hint said pip install 'corpus_kz[brat]', which asks an index, not the checkout the user is in."""
    with pytest.raises(MissingDependency) as caught:
        require("corpus_kz_no_such_module", "brat", "the brat format")
    message = str(caught.value)
    assert f'install it with: pip install -e ".[brat]" (in the checkout, {ROOT})' in message
    assert "pip install 'corpus_kz[brat]'" not in message
    assert all(repr(p) in message for p in PROJECT["optional-dependencies"]["brat"])  # 'bratly>=0.1.4'
    assert install_command("formats").endswith("pip install 'bratly>=0.1.4' 'dkpro-cassis>=0.9' 'spacy>=3.7'")


class _Installed:
    """An installed distribution of corpus_kz as importlib.metadata shows it, with a direct_url.json or none."""

    def __init__(self, direct_url):
        self.direct_url = direct_url
        self.metadata = {"Name": "corpus_kz"}
        self.requires = ['bratly>=0.1.4; extra == "brat"', 'spacy>=3.7; extra == "spacy"', "pandas>=2"]

    def read_text(self, name):
        assert name == "direct_url.json"
        return None if self.direct_url is None else json.dumps(self.direct_url)


@pytest.mark.parametrize("direct_url, expected", [
    (None, "pip install 'corpus_kz[brat]'"),  # from an index
    ({"url": "https://example.org/corpus_kz-0.4.0-py3-none-any.whl", "archive_info": {}},
     "pip install 'corpus_kz[brat]'"),
    ({"url": "file://{dir}", "dir_info": {"editable": True}}, 'pip install -e "{dir}[brat]"'),
    ({"url": "file://{dir}", "dir_info": {}}, 'pip install "{dir}[brat]"'),
    ({"url": "file://{dir}/gone", "dir_info": {"editable": True}}, "pip install 'corpus_kz[brat]'"),
])
def test_an_installed_copy_gets_the_command_for_where_it_came_from(monkeypatch, tmp_path, direct_url, expected):
    if direct_url is not None:
        direct_url = {k: v.replace("{dir}", str(tmp_path)) if isinstance(v, str) else v for k, v in direct_url.items()}
    monkeypatch.setattr(dependencies, "_checkout_requirements", lambda root, extra: None)  # not a checkout
    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(direct_url))
    assert install_command("brat") == (expected.replace("{dir}", str(tmp_path))
                                       + "; or the packages themselves: pip install 'bratly>=0.1.4'")


def test_without_a_distribution_the_hint_names_the_distribution(monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(dependencies, "_checkout_requirements", lambda root, extra: None)
    monkeypatch.setattr(metadata, "distribution", missing)
    assert install_command("xmi") == "pip install 'corpus_kz[xmi]'"
