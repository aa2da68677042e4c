"""Reading the articles corpus-kz add takes: text files, a folder of them, CSV, JSONL and Parquet tables."""

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus_kz.build import sha256_of
from corpus_kz.storage.articles import AddError, read_articles

BODY = "Officials said that 12 people were detained.\n\n\"We want justice,\" one protester said.\n"


def _problems(articles):
    return [str(p) for p in articles.problems]


def test_a_csv_is_read_as_strings_and_each_row_names_the_line_it_starts_on(tmp_path):
    table = tmp_path / "articles.csv"
    # Excel's "CSV UTF-8" starts with a BOM; a quoted text spans lines; 007 and NA stay as written.
    table.write_bytes(("\ufeffuid,body,outlet,title,url\n"
                       f'007,"{BODY.replace(chr(34), 2 * chr(34))}",Vlast,NA,http://a\n'
                       "\n"
                       "x2,Second article.,,,http://b\n").encode("utf-8"))
    read = read_articles(table, {"text": "body", "doc_id": "uid"})
    first, second = read.articles
    assert (first.where, second.where) == (f"{table}, line 2", f"{table}, line 7")
    assert first.text == BODY and first.seed == BODY.encode() and first.digest == sha256_of(BODY)
    assert first.fields == {"doc_id": "007", "outlet": "Vlast", "title": "NA"}  # nothing guessed
    assert second.fields == {"doc_id": "x2"}  # empty cells: fields the row lacks
    assert read.unused == ["url"] and read.problems == []


def test_a_row_without_a_doc_id_gets_one_from_its_text(tmp_path):
    table = tmp_path / "My Articles.csv"
    table.write_text("text\nOne.\nTwo.\n", encoding="utf-8")
    ids = [a.fields["doc_id"] for a in read_articles(table).articles]
    assert ids == [f"My_Articles_{sha256_of('One.')[:12]}", f"My_Articles_{sha256_of('Two.')[:12]}"]
    table.write_text("text\nTwo.\nOne.\n", encoding="utf-8")  # another order: the same ids
    assert sorted(a.fields["doc_id"] for a in read_articles(table).articles) == sorted(ids)


def test_a_broken_csv_is_named_by_file_and_line(tmp_path):
    table = tmp_path / "a.csv"
    table.write_text('text,outlet\n"two\nlines",X\nshort\nc,Y,extra\n', encoding="utf-8")
    assert _problems(read_articles(table)) == [
        f"{table}, line 4: found 1 fields, expected 2, one per column of the header",
        f"{table}, line 5: found 3 fields, expected 2, one per column of the header"]
    table.write_text("text,text\na,b\n", encoding="utf-8")
    with pytest.raises(AddError, match="the column 'text' twice"):
        read_articles(table)
    table.write_text("body,outlet\na,b\n", encoding="utf-8")
    with pytest.raises(AddError, match=r"no column 'text' \(its columns: 'body', 'outlet'\); .*--text-column"):
        read_articles(table)
    table.write_bytes("text\nAlmaty café\n".encode("latin-1"))
    with pytest.raises(AddError, match=rf"{table}: not UTF-8 .* line 2\); save the table as UTF-8"):
        read_articles(table)
    table.write_text("", encoding="utf-8")
    with pytest.raises(AddError, match="an empty file"):
        read_articles(table)
    table.write_text("text,outlet\n ,X\n", encoding="utf-8")
    assert _problems(read_articles(table)) == [
        f"{table}, line 2: field 'text': found an empty text, expected the article's text, a non-empty string"]


def test_jsonl_is_strict_json_line_by_line(tmp_path):
    table = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": BODY, "doc_id": "a1", "notes": "scanned", "title": None}),
             "",
             '{"text": "x", "text": "y"}',
             '{"text": "x", "title": NaN}',
             "[1, 2]",
             '{"body": "no text key"}',
             json.dumps({"text": "Fine.", "published": "2022-01-05", "notes": ["a", "b"]})]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_articles(table)
    assert [a.where for a in read.articles] == [f"{table}, line 1", f"{table}, line 7"]
    assert read.articles[0].fields == {"doc_id": "a1", "notes": ["scanned"]}  # a string is one note; null lacks
    assert read.articles[1].fields["notes"] == ["a", "b"]
    problems = _problems(read)
    assert problems[0].startswith(f"{table}, line 3: found the key 'text' twice in one object")
    assert problems[1].startswith(f"{table}, line 4: found invalid JSON (NaN is not JSON")
    assert problems[2] == f"{table}, line 5: found an array, expected a JSON object, one article per line"
    assert problems[3] == (f"{table}, line 6: field 'text': found nothing (the column is missing), "
                           "expected the article's text, a non-empty string")
    assert read.unused == ["body"]
    table.write_bytes(b'{"text": "ok"}\n{"text": "\xff"}\n')
    with pytest.raises(AddError, match=r"not UTF-8 \(invalid start byte at byte 25, line 2\)"):
        read_articles(table)


def test_parquet_rows_are_numbered_and_keep_their_types(tmp_path):
    table = tmp_path / "a.parquet"
    pq.write_table(pa.table({"body": ["One.", None, "Three."], "published": [dt.date(2022, 1, 5), None, None],
                             "notes": [["a"], [], None]}), table)
    read = read_articles(table, {"text": "body"})
    assert [a.where for a in read.articles] == [f"{table}, row 1", f"{table}, row 3"]
    assert read.articles[0].fields["published"] == dt.date(2022, 1, 5) and read.articles[0].fields["notes"] == ["a"]
    assert _problems(read) == [f"{table}, row 2: field 'body': found null, expected the article's text, a non-empty string"]
    with pytest.raises(AddError, match="no column 'text'"):
        read_articles(table)
    table.write_bytes(b"PAR1 not really")
    with pytest.raises(AddError, match="not a Parquet file pyarrow can read"):
        read_articles(table)


def test_a_folder_holds_articles_only(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b article.txt").write_text("Second.", encoding="utf-8")
    (folder / "a.TXT").write_text("First.", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    read = read_articles(folder)
    assert [(a.where, a.fields["doc_id"], a.text) for a in read.articles] == [
        (str(folder / "a.TXT"), "a", "First."), (str(folder / "b article.txt"), "b_article", "Second.")]
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / "sub").mkdir()
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(AddError) as caught:
        read_articles(folder)
    assert str(caught.value).splitlines() == [
        f"{folder / 'empty.txt'}: the file is empty; expected the article's text",
        f"{folder / 'notes.docx'}: not a .txt file; expected a UTF-8 text file with an article (a folder given "
        "to add holds only .txt files, one article each: move anything else out)",
        f"{folder / 'sub'}: a directory; expected a UTF-8 text file with an article (a folder given to add holds "
        "only .txt files, one article each: move anything else out)"]
    with pytest.raises(AddError, match="no .txt files"):
        read_articles(folder / "sub")


def test_unknown_fields_and_missing_sources_are_named(tmp_path):
    with pytest.raises(AddError, match="no field 'author' to read from a column"):
        read_articles(tmp_path / "x.csv", {"author": "by"})
    with pytest.raises(AddError, match="no such file"):
        read_articles(tmp_path / "x.csv")
