"""Every analysis is documented with an example, and the examples are true."""

import doctest

import pytest

import corpus_kz.analyses as analyses
from corpus_kz.analyses import attribution, entities, figures, framing


@pytest.mark.parametrize("module", [attribution, framing, figures, entities], ids=lambda m: m.__name__)
def test_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_every_public_analysis_has_an_example():
    for name in analyses.__all__:
        assert ">>> " in (getattr(analyses, name).__doc__ or ""), name
