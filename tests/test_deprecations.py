"""Names that changed in 0.4 keep working for a release, each with a DeprecationWarning naming the new one.

Each warning is blamed on the caller's own line (here, this file): Python shows a DeprecationWarning
only for a line of the user's code, never for one of the package.
"""

import importlib
import sys
import warnings

import pytest

import corpus_kz
from corpus_kz import Document


def _warned(match: str, call):
    """``call()``'s result; it must warn once with ``match``, blamed on this file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    found = [w for w in caught if issubclass(w.category, DeprecationWarning) and match in str(w.message)]
    assert found, [str(w.message) for w in caught]
    assert found[0].filename == __file__, found[0].filename
    return result


def test_registry_names(corpus):
    doc = corpus[0]
    assert _warned("use Document.registry", lambda: doc.entities) is doc.registry
    assert _warned("use Corpus.registry", lambda: corpus.entities_by_id) is corpus.registry
    again = _warned("use Document(registry=…)",
                    lambda: Document(**doc.metadata(), text=doc.text, entities=corpus.registry))
    assert again.registry == corpus.registry
    predicted = _warned("use annotate(registry=…)",
                        lambda: corpus_kz.annotate("The minister said the border was open.", {}, entities={}))
    assert len(predicted.quotes) == 1


def test_the_batch_path_keyword():
    import pyarrow as pa

    from corpus_kz.annotate.batch import annotate_batches, annotate_table

    table = pa.table({"text": ["Nothing here."]})
    assert _warned("use annotate_table(registry=…)", lambda: annotate_table(table, entities={})).num_rows == 1
    batches = _warned("use annotate_batches(registry=…)",
                      lambda: list(annotate_batches(table.to_batches(), entities={}, progress=False)))
    assert batches[0].num_rows == 1


def test_the_documents_config():
    old = _warned("the config 'documents' is deprecated", lambda: corpus_kz.load_dataset("documents"))
    assert old.num_rows == 5 and "quotes" in old.features


@pytest.mark.parametrize("old, new, name", [
    ("corpus_kz.gold.preannotate", "corpus_kz.annotate", "annotate"),
    ("corpus_kz.gold.preannotate.batch", "corpus_kz.annotate.batch", "annotate_table"),
    ("corpus_kz.gold.baseline", "corpus_kz.annotate.baseline", "predict_attributions"),
    ("corpus_kz.report.document_view", "corpus_kz.display", "document_html"),
    ("corpus_kz.storage.datasheet", "corpus_kz.storage.metadata", "read_metadata"),
])
def test_moved_modules_are_the_new_ones(old, new, name):
    sys.modules.pop(old, None)
    module = _warned(f"the module {old} is deprecated", lambda: importlib.import_module(old))
    assert module is importlib.import_module(new) and hasattr(module, name)
    assert module.__spec__.name == new  # the alias leaves the module as it was


@pytest.mark.parametrize("old, name, new", [
    ("corpus_kz.gold.evaluate", "match_at", "corpus_kz.scoring.matching.match"),
    ("corpus_kz.gold.evaluate", "read_brat_attributions", "corpus_kz.scoring.brat_attributions.read_brat_attributions"),
    ("corpus_kz.gold.evaluate", "leave_one_out", "corpus_kz.scoring.evaluate.leave_one_out"),
    ("corpus_kz.gold.agreement", "agreement_summary", "corpus_kz.gold.passes.pass_agreement"),
    ("corpus_kz.gold.agreement", "cohen_kappa", "corpus_kz.scoring.metrics.cohen_kappa"),
    ("corpus_kz.gold.agreement", "agreement_markdown", "corpus_kz.metadata.agreement_markdown"),
    ("corpus_kz.gold.preannotate.base", "paragraphs", "corpus_kz.annotate.text.paragraphs"),
    ("corpus_kz.gold.preannotate.base", "Context", "corpus_kz.annotate.base.Context"),
])
def test_split_modules_find_each_name_where_it_went(old, name, new):
    sys.modules.pop(old, None)
    module = _warned(f"the module {old} is deprecated", lambda: importlib.import_module(old))
    found = _warned(f"{old}.{name} is deprecated and will be removed in corpus_kz 0.5; use {new}",
                    lambda: getattr(module, name))
    home, _, attr = new.rpartition(".")
    assert found is getattr(importlib.import_module(home), attr)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_like_it'"):
        module.nothing_like_it


@pytest.mark.parametrize("module, name, new", [
    ("corpus_kz.storage.files", "write_text", "corpus_kz.writing.write_text"),
    ("corpus_kz.storage.files", "replace_directory", "corpus_kz.writing.replace_directory"),
    ("corpus_kz.storage.adding", "DEFAULTS", "corpus_kz.document.MANIFEST_DEFAULTS"),
])
def test_names_that_left_a_module_that_stayed(module, name, new):
    home, _, attr = new.rpartition(".")
    found = _warned(f"{module}.{name} is deprecated", lambda: getattr(importlib.import_module(module), name))
    assert found is getattr(importlib.import_module(home), attr)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_like_it'"):
        getattr(importlib.import_module(module), "nothing_like_it")
