"""corpus_kz.fitted: the shipped fits, read with the standard library, with errors that say what is there."""

import pytest

from corpus_kz import fitted


def test_reads_the_shipped_quality_table():
    q = fitted.read("quality")
    assert set(q["dimensions"]) == {"speaker_role", "frame", "holder_role"}
    assert q["measured_on"]["overlap"] == 0.3 and len(q["measured_on"]["documents"]) == 5


def test_a_missing_fit_names_the_shipped_ones():
    with pytest.raises(FileNotFoundError, match=r"no fitted data 'calibratoin'.*shipped: .*quality"):
        fitted.read("calibratoin")


@pytest.mark.parametrize("name", ["../pyproject", "", ".hidden", "a/b"])
def test_only_a_plain_name_is_read(name):
    with pytest.raises(ValueError, match="expected a plain file name"):
        fitted.read(name)


def test_a_broken_file_says_so(tmp_path, monkeypatch):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(fitted, "path", lambda name: tmp_path / f"{name}.json")
    with pytest.raises(ValueError, match="broken.json: not valid JSON"):
        fitted.read("broken")
