"""What the pre-annotator's entry points refuse: anything but a text (and a mapping of manifest fields), by name."""

import pytest

import corpus_kz
from corpus_kz.annotate import annotate_corpus


@pytest.mark.parametrize("text, found", [(None, "None"), (123, "int"), (4.5, "float"), (["a text"], "list")])
def test_a_text_that_is_not_a_str_is_a_type_error_naming_its_type(text, found):
    with pytest.raises(TypeError, match=rf"text is {found}, expected a str"):
        corpus_kz.annotate(text)


@pytest.mark.parametrize("raw", [b"Police said two people died.", bytearray(b"Police said two people died.")])
def test_bytes_are_refused_with_the_advice_to_decode_them(raw):
    with pytest.raises(TypeError, match=r"text is (bytes|bytearray), expected a str; decode it first.*decode\(\"utf-8\"\)"):
        corpus_kz.annotate(raw)
    # What the advice says works.
    assert corpus_kz.annotate(bytes(raw).decode("utf-8")).text == "Police said two people died."


@pytest.mark.parametrize("meta, found", [("doc-1", "str"), (["doc_id"], "list"), (7, "int")])
def test_meta_that_is_not_a_mapping_is_a_type_error_naming_its_type(meta, found):
    with pytest.raises(TypeError, match=rf"meta is {found}, expected a mapping of manifest fields"):
        corpus_kz.annotate("Police said two people died.", meta)


def test_meta_may_be_none_or_any_mapping():
    from types import MappingProxyType

    assert corpus_kz.annotate("Police said two people died.", None).doc_id.startswith("doc-")
    assert corpus_kz.annotate("Police said two people died.", MappingProxyType({"doc_id": "mine"})).doc_id == "mine"


@pytest.mark.parametrize("corpus, found", [("Police said two people died.", "str"), (None, "None")])
def test_annotate_corpus_refuses_what_is_not_a_corpus(corpus, found):
    with pytest.raises(TypeError, match=rf"corpus is {found}, expected a corpus_kz.Corpus"):
        annotate_corpus(corpus)
