"""Reading the articles ``corpus-kz add`` takes: a text file, a folder of them, or a table of one row per article.

* a UTF-8 text file: one article; its doc_id comes from the file name;
* a folder: every ``.txt`` file in it is an article (the folder holds nothing
  else, so that no file is left out unseen; hidden files are passed over);
* a ``.csv``, ``.jsonl`` (``.ndjson``) or ``.parquet`` file: one row per
  article, a text column and metadata columns named as the manifest's fields
  (``doc_id``, ``outlet``, ``event``, ``title``, ``published``, ``genre``,
  ``language``, ``notes``) unless :data:`Columns` says otherwise.

Nothing is guessed: a CSV cell is a string (``pandas.read_csv`` with
``dtype=str`` and ``keep_default_na=False``), a JSONL line is strict JSON
(:func:`~corpus_kz.storage.files.parse_json`: no repeated keys, no NaN), and
a Parquet value is what its column's type makes it. An empty cell, a null or
an absent key is a field the row lacks, for the command line to fill; every
field a row gives goes to the build step (:mod:`corpus_kz.build`) as it is,
which checks it. A string ``notes`` is one note. Each article names where it
was read (``articles.csv, line 7``; ``articles.parquet, row 7``), which every
problem with it shows. Input that is not UTF-8 is refused naming the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..build import sha256_of
from ..errors import Problem, json_type
from .files import MAX_FILE_BYTES, Unreadable, parse_json

__all__ = ["FIELDS", "AddError", "Article", "Articles", "read_articles", "slug"]

#: The manifest fields a row may give (the rest, seed_file and sha256, are the corpus's to write).
FIELDS = ("doc_id", "outlet", "event", "title", "published", "genre", "language", "notes")
#: The suffixes read as tables, one row per article.
TABLES = (".csv", ".jsonl", ".ndjson", ".parquet")


class AddError(ValueError):
    """An article that cannot be added; the message says what to give instead."""


@dataclass
class Article:
    """One article to add: where it was read, its text, its seed's bytes and the manifest fields it gives."""

    where: str
    text: str
    seed: bytes
    fields: dict = field(default_factory=dict)
    #: The sha256 of ``seed``: what the manifest pins, and what finds the same text twice.
    digest: str = ""

    def __post_init__(self) -> None:
        self.digest = self.digest or sha256_of(self.seed)


@dataclass
class Articles:
    """What a source holds: its articles, the faults of its rows, and the columns no field reads."""

    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def slug(stem: str) -> str:
    """A doc_id made of a file name: letters, digits, ``_ . -`` only."""
    text = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_.-")[:120]
    return text or "article"


def read_articles(source: str | Path, columns: dict[str, str] | None = None) -> Articles:
    """The articles of ``source`` (a text file, a folder of ``.txt`` files, or a table).

    ``columns`` maps ``"text"`` and the fields of :data:`FIELDS` to the
    columns that hold them (default: the same names). Raises
    :class:`AddError` for a source that cannot be read at all; the faults
    of single rows come back in :attr:`Articles.problems`, each naming its
    line (or Parquet row) and field.
    """
    source = Path(source)
    if source.is_dir():
        return _folder(source)
    if source.suffix.lower() in TABLES:
        names = _columns(columns)
        _regular(source, limit=None)
        reader = {".csv": _csv, ".parquet": _parquet}.get(source.suffix.lower(), _jsonl)
        return reader(source, names)
    raw, text = text_file(source)
    return Articles([Article(str(source), text, raw, {"doc_id": slug(source.stem)})])


def _columns(columns: dict[str, str] | None) -> dict[str, str]:
    """The column of each field (``text`` and :data:`FIELDS`); an AddError for a field there is not."""
    names = {name: name for name in ("text", *FIELDS)}
    for name, column in (columns or {}).items():
        if name not in names:
            raise AddError(f"no field {name!r} to read from a column; the fields are text, {', '.join(FIELDS)}")
        names[name] = column
    return names


def _regular(source: Path, limit: int | None = MAX_FILE_BYTES) -> None:
    """An AddError unless ``source`` is a regular file (of at most ``limit`` bytes)."""
    if source.is_dir():
        raise AddError(f"{source}: a directory; expected a UTF-8 text file with the article")
    if not source.is_file():
        raise AddError(f"{source}: no such file; expected a UTF-8 text file with the article, a folder of them, "
                       f"or a table of articles ({', '.join(TABLES)})")
    size = source.stat().st_size
    if limit is not None and size > limit:
        raise AddError(f"{source}: {size} bytes; expected at most {limit} bytes")


def _utf8(source: Path, raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise AddError(f"{source}: not UTF-8 ({exc.reason} at byte {exc.start}, line {line}); "
                       f"save {what} as UTF-8") from None


def text_file(source: Path) -> tuple[bytes, str]:
    """An article's bytes and text: a UTF-8 text file of bounded size that is not empty."""
    _regular(source)
    raw = source.read_bytes()
    text = _utf8(source, raw, "the article")
    if not text.strip():
        raise AddError(f"{source}: the file is empty; expected the article's text")
    return raw, text


def _folder(folder: Path) -> Articles:
    """Every ``.txt`` file of ``folder``, by name; anything else in it is refused, each fault a line."""
    out, faults = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # .DS_Store, editors' swap files
        if path.is_dir() or path.suffix.lower() != ".txt":
            what = "a directory" if path.is_dir() else "not a .txt file"
            faults.append(f"{path}: {what}; expected a UTF-8 text file with an article (a folder given to add "
                          "holds only .txt files, one article each: move anything else out)")
            continue
        try:
            raw, text = text_file(path)
        except AddError as exc:
            faults.append(str(exc))
            continue
        out.append(Article(str(path), text, raw, {"doc_id": slug(path.stem)}))
    if faults:
        raise AddError("\n".join(faults))
    if not out:
        raise AddError(f"{folder}: no .txt files; expected a folder of articles, one UTF-8 .txt file each")
    return Articles(out)


# -- tables ----------------------------------------------------------------------

def _row(where: str, values: dict, names: dict[str, str], stem: str, problems: list[Problem]) -> Article | None:
    """One row as an article: its text checked here, its fields left to the build step."""
    text = values.get(names["text"])
    if not isinstance(text, str) or not text.strip():
        found = "nothing (the column is missing)" if names["text"] not in values else (
            "an empty text" if isinstance(text, str) else json_type(text))
        problems.append(Problem(where, None, names["text"], found, "the article's text, a non-empty string"))
        return None
    seed = text.encode("utf-8")
    if len(seed) > MAX_FILE_BYTES:
        problems.append(Problem(where, None, names["text"], f"a text of {len(seed):,} bytes",
                                f"at most {MAX_FILE_BYTES:,} bytes"))
        return None
    given = {}
    for name in FIELDS:
        value = values.get(names[name])
        if value is None or value == "":
            continue  # the row lacks it: the command line fills it, or the build names it
        given[name] = [value] if name == "notes" and isinstance(value, str) else value
    article = Article(where, text, seed, given)
    # A row without a doc_id gets one from its text: the same on every run of an import, whatever the row order.
    given.setdefault("doc_id", f"{stem}_{article.digest[:12]}")
    return article


def _table(source: Path, rows, names: dict[str, str], columns: list[str]) -> Articles:
    """Articles of ``(where, values)`` rows; the columns no field reads are reported."""
    problems: list[Problem] = []
    stem = slug(source.stem)
    articles = [a for where, values in rows if (a := _row(where, values, names, stem, problems)) is not None]
    if not articles and not problems:
        raise AddError(f"{source}: no rows; expected one row per article")
    return Articles(articles, problems, [c for c in columns if c not in names.values()])


def _need_text_column(source: Path, columns: list[str], names: dict[str, str]) -> None:
    if len(set(columns)) != len(columns):
        twice = sorted({c for c in columns if columns.count(c) > 1})
        raise AddError(f"{source}: the column {twice[0]!r} twice; expected each column name once")
    if names["text"] not in columns:
        raise AddError(f"{source}: no column {names['text']!r} (its columns: {', '.join(map(repr, columns))}); "
                       "name the column with the article's text: --text-column NAME")


def _csv(source: Path, names: dict[str, str]) -> Articles:
    """A CSV file: pandas reads the cells as strings; the csv module finds the line each row starts on."""
    import pandas as pd

    text = _utf8(source, source.read_bytes(), "the table").removeprefix("\ufeff")  # Excel's "CSV UTF-8" has a BOM
    header, lines, problems = _csv_lines(source, text)
    _need_text_column(source, header, names)
    if problems:
        return Articles([], problems)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise AddError(f"{source}: not a CSV table pandas can read ({exc})") from None
    if len(lines) != len(frame):  # the two parsers disagree on a line: name rows by their number instead
        lines = None
    rows = ((f"{source}, line {lines[i]}" if lines else f"{source}, row {i + 1}", values)
            for i, values in enumerate(frame.to_dict("records")))
    return _table(source, rows, names, header)


def _csv_lines(source: Path, text: str) -> tuple[list[str], list[int], list[Problem]]:
    """The header, the line each data row starts on (blank lines passed over, as pandas does), and short or long rows."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        starts, problems, end = [], [], reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if not row or (len(row) == 1 and not row[0].strip() and len(header) > 1):
                continue
            if len(row) != len(header):
                problems.append(Problem(f"{source}, line {start}", None, None, f"{len(row)} fields",
                                        f"{len(header)}, one per column of the header"))
            starts.append(start)
    except csv.Error as exc:
        raise AddError(f"{source}: not a CSV table ({exc}, line {reader.line_num})") from None
    if not header:
        raise AddError(f"{source}: an empty file; expected a CSV table with a header line")
    return header, starts, problems


def _jsonl(source: Path, names: dict[str, str]) -> Articles:
    """A JSON Lines file: each line one strict JSON object (blank lines passed over)."""
    raw = source.read_bytes()
    _utf8(source, raw, "the table")
    rows, problems, columns = [], [], {}
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        where = f"{source}, line {n}"
        try:
            values = parse_json(line.removesuffix(b"\r"))
        except Unreadable as exc:
            problems.append(Problem(where, None, None, exc.found, exc.expected))
            continue
        if not isinstance(values, dict):
            problems.append(Problem(where, None, None, json_type(values), "a JSON object, one article per line"))
            continue
        columns.update(dict.fromkeys(values))
        rows.append((where, values))
    articles = _table(source, rows, names, list(columns)) if rows else Articles([])
    if not rows and not problems:
        raise AddError(f"{source}: no lines; expected one JSON object per line, one article each")
    articles.problems[:0] = problems
    return articles


def _parquet(source: Path, names: dict[str, str]) -> Articles:
    """A Parquet file: its rows as Arrow's types make them (a date column gives dates)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(source)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise AddError(f"{source}: not a Parquet file pyarrow can read ({exc})") from None
    _need_text_column(source, table.column_names, names)
    wanted = [c for c in table.column_names if c in names.values()]
    rows = ((f"{source}, row {i}", values) for i, values in enumerate(table.select(wanted).to_pylist(), 1))
    return _table(source, rows, names, table.column_names)

