"""Names that changed in 0.4 keep working for a release, each with a DeprecationWarning naming the new one."""

import importlib
import sys

import pytest

import corpus_kz
from corpus_kz import Corpus, Document


def test_registry_names(corpus):
    doc = corpus[0]
    with pytest.deprecated_call(match="use Document.registry"):
        assert doc.entities is doc.registry
    with pytest.deprecated_call(match="use Corpus.registry"):
        assert corpus.entities_by_id is corpus.registry
    with pytest.deprecated_call(match=r"use Document\(registry=…\)"):
        again = Document(**doc.metadata(), text=doc.text, entities=corpus.registry)
    assert again.registry == corpus.registry
    with pytest.deprecated_call(match=r"use annotate\(registry=…\)"):
        predicted = corpus_kz.annotate("The minister said the border was open.", {}, entities={})
    assert len(predicted.quotes) == 1


@pytest.mark.parametrize("old, new, name", [
    ("corpus_kz.gold.preannotate", "corpus_kz.annotate", "annotate"),
    ("corpus_kz.gold.preannotate.batch", "corpus_kz.annotate.batch", "annotate_table"),
    ("corpus_kz.gold.baseline", "corpus_kz.annotate.baseline", "predict_attributions"),
    ("corpus_kz.report.document_view", "corpus_kz.display", "document_html"),
    ("corpus_kz.storage.datasheet", "corpus_kz.storage.metadata", "read_metadata"),
])
def test_moved_modules_are_the_new_ones(old, new, name):
    sys.modules.pop(old, None)
    with pytest.deprecated_call(match=f"the module {old} is deprecated .* use {new}"):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new) and getattr(module, name) is getattr(module, name)


@pytest.mark.parametrize("old, name, new", [
    ("corpus_kz.gold.evaluate", "match_at", "corpus_kz.scoring.matching.match"),
    ("corpus_kz.gold.evaluate", "read_brat_attributions", "corpus_kz.scoring.brat_attributions.read_brat_attributions"),
    ("corpus_kz.gold.evaluate", "leave_one_out", "corpus_kz.scoring.evaluate.leave_one_out"),
    ("corpus_kz.gold.agreement", "agreement_summary", "corpus_kz.gold.passes.pass_agreement"),
    ("corpus_kz.gold.agreement", "cohen_kappa", "corpus_kz.scoring.metrics.cohen_kappa"),
    ("corpus_kz.gold.agreement", "agreement_markdown", "corpus_kz.metadata.agreement_markdown"),
])
def test_split_modules_find_each_name_where_it_went(old, name, new):
    sys.modules.pop(old, None)
    with pytest.deprecated_call():
        module = importlib.import_module(old)
    with pytest.deprecated_call(match=f"{old}.{name} is deprecated .* use {new}"):
        found = getattr(module, name)
    home, _, attr = new.rpartition(".")
    assert found is getattr(importlib.import_module(home), attr)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_like_it'"):
        module.nothing_like_it


def test_the_batch_path_keyword(corpus):
    import pyarrow as pa

    from corpus_kz.annotate.batch import annotate_table

    with pytest.deprecated_call(match=r"use annotate_batches\(registry=…\)"):
        out = annotate_table(pa.table({"text": ["Nothing here."]}), entities={})
    assert out.num_rows == 1 and isinstance(Corpus([corpus[0]]), Corpus)
