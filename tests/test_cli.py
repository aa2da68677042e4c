"""The one command: every subcommand, clean errors, exit codes."""

import json
import subprocess
import sys

import pytest

from corpus_kz.cli import main
from corpus_kz.storage import Layout

from .helpers import TEXT, make_user_corpus


def test_info_prints_counts_per_layer_per_document(corpus, capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"corpus_kz: 5 documents, {len(corpus.registry)} entities")
    line = next(l for l in out.splitlines() if l.startswith("rferl_2020_kordai_returning"))
    d = corpus["rferl_2020_kordai_returning"]
    assert line.split()[1:8] == [str(len(d.text)), str(len(d.zones)), str(len(d.mentions)), str(len(d.quotes)),
                                 str(len(d.attributions)), str(len(d.figures)), str(len(d.frames))]


def test_python_m_corpus_kz_is_the_command():
    out = subprocess.run([sys.executable, "-m", "corpus_kz", "validate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    out = subprocess.run([sys.executable, "-m", "corpus_kz", "--version"], capture_output=True, text=True)
    import corpus_kz
    assert out.stdout.strip() == f"corpus_kz {corpus_kz.__version__}"


def test_errors_go_to_stderr_with_exit_1(tmp_path, capsys):
    assert main(["info", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "manifest.json: found no such file" in err and err.endswith("2 problems found\n")


def test_anchor_writes_and_never_overwrites_without_force(tmp_path, capsys):
    (tmp_path / "seed.txt").write_text(TEXT)
    (tmp_path / "draft.json").write_text(json.dumps({"quotes": [{"id": "q1", "text": "12 people", "type": "indirect"}]}))
    out = tmp_path / "out.json"
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 1 span anchored\n"
    assert json.loads(out.read_text())["quotes"][0] == {"id": "q1", "start": 38, "end": 47, "text": "12 people",
                                                        "type": "indirect"}
    assert TEXT[38:47] == "12 people"
    out.write_text("my own work")
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(out)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err and out.read_text() == "my own work"
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(out), "--force"]) == 0


def test_anchor_problems_name_the_draft(tmp_path, capsys):
    (tmp_path / "seed.txt").write_text(TEXT)
    (tmp_path / "draft.json").write_text(json.dumps({"quotes": [{"id": "q1", "text": "Aktau"}]}))
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(tmp_path / "o.json")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'draft.json'}: record q1: field 'text': found 'Aktau' occurs 2 times" in err
    assert not (tmp_path / "o.json").exists()
    assert main(["anchor", str(tmp_path / "nope.json"), str(tmp_path / "seed.txt"), "--out", str(tmp_path / "o.json")]) == 1
    assert "nope.json: found no such file" in capsys.readouterr().err


def test_anchor_makes_no_directory_and_says_when_nothing_was_anchored(tmp_path, capsys):
    (tmp_path / "seed.txt").write_text(TEXT)
    (tmp_path / "draft.json").write_text("{}")
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(tmp_path / "no" / "o.json")]) == 2
    assert "no such directory" in capsys.readouterr().err and not (tmp_path / "no").exists()
    assert main(["anchor", str(tmp_path / "draft.json"), str(tmp_path / "seed.txt"), "--out", str(tmp_path / "o.json")]) == 0
    assert "nothing was anchored" in capsys.readouterr().err


def test_schemas_check_and_write(tmp_path, capsys):
    root = make_user_corpus(tmp_path / "c")
    assert main(["schemas", str(root), "--check"]) == 1
    out = capsys.readouterr().out
    assert f"write them with: corpus-kz schemas {root}" in out and "annotations/schema.json (missing)" in out
    assert main(["schemas", str(root)]) == 0
    assert main(["schemas", str(root), "--check"]) == 0
    assert (root / Layout.ANNOTATION_SCHEMA).is_file()


def test_a_bug_is_one_line_not_a_traceback(monkeypatch, capsys):
    import corpus_kz.cli as cli

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(cli.COMMANDS, "info", (broken, "counts", cli._path_argument))
    assert cli.main(["info"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("corpus-kz: internal error (ZeroDivisionError: division by zero); this is a bug")
    monkeypatch.setenv("CORPUS_KZ_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["info"])


def test_annotate_reads_the_corpus_given_by_path_or_the_hidden_path_option(tmp_path, capsys):
    from .helpers import make_user_corpus

    raw = make_user_corpus(tmp_path / "raw", annotate=False)
    assert main(["annotate", "jsonl", "--out", str(tmp_path / "a"), "--path", str(raw), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "pre-annotated" in captured.out
    # --path is the spelling before 0.4 too: it says so, as the others do (issue 18: it was silent).
    assert "use `corpus-kz annotate FORMAT PATH --out DIR`" in captured.err
    assert main(["annotate", "jsonl", "--out", str(tmp_path / "b"), str(raw), "--path", str(tmp_path / "other"), "--quiet"]) == 2
    assert "two corpus paths given" in capsys.readouterr().err


def test_every_command_that_writes_takes_out_and_the_old_spellings_still_work(tmp_path, capsys):
    """One spelling of the output directory (--out) since 0.4; the old ones work until 0.5, with a note."""
    from .helpers import make_user_corpus

    mine = make_user_corpus(tmp_path / "mine")
    assert main(["export", "jsonl", str(mine), "--out", str(tmp_path / "new"), "--quiet"]) == 0
    assert "deprecated" not in capsys.readouterr().err
    assert main(["export", "jsonl", str(tmp_path / "old"), str(mine), "--quiet"]) == 0  # FORMAT DIR [PATH]
    assert "`corpus-kz export FORMAT DIR [PATH]` is deprecated" in capsys.readouterr().err
    assert (tmp_path / "old" / "documents.jsonl").read_bytes() == (tmp_path / "new" / "documents.jsonl").read_bytes()
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the road was open.\n", encoding="utf-8")
    assert main(["add", str(article), "--to", str(mine), "--outlet", "X", "--event", "qantar_2022"]) == 0
    assert "use `corpus-kz add FILE --out DIR`" in capsys.readouterr().err
    assert main(["add", str(article), "--outlet", "X", "--event", "qantar_2022"]) == 2
    assert "give the corpus directory to add to" in capsys.readouterr().err
    assert main(["export", "jsonl", "--quiet"]) == 2
    assert "give the output directory: corpus-kz export FORMAT [PATH] --out DIR" in capsys.readouterr().err
    (tmp_path / "draft.json").write_text('{"quotes": [{"text": "road"}]}', encoding="utf-8")
    assert main(["anchor", str(tmp_path / "draft.json"), str(article), str(tmp_path / "o.json")]) == 0
    assert "use `corpus-kz anchor DRAFT SEED --out OUT`" in capsys.readouterr().err
    assert (tmp_path / "o.json").is_file()


def test_every_command_shows_its_input_before_out_as_readme_does():
    """Issue 18: help put every option first (`export [--out DIR] … FORMAT [PATH ...]`), README the input first."""
    from pathlib import Path

    from corpus_kz import cli

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    writers = [name for name in cli.COMMANDS if "--out" in cli.parser(name).commands[name].format_help()]
    assert sorted(writers) == ["add", "anchor", "annotate", "export", "import", "pack", "report"]
    for name in writers:
        usage = cli.parser(name).commands[name].format_usage().removeprefix("usage: ").strip()
        assert f"| `{usage}` |" in readme, usage  # the command table spells it the same
        before, _, _ = usage.partition("--out")
        assert before.split()[2:] and all(not word.startswith("[-") for word in before.split()[2:]), usage
        assert "..." not in usage and ("[--out " not in usage or name in ("pack", "report")), usage


def test_mistakes_found_by_a_new_user_are_said_clearly(tmp_path, capsys):
    from .helpers import make_user_corpus

    raw = make_user_corpus(tmp_path / "raw", annotate=False)
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("mine\n")
    # The output is checked before the documents are pre-annotated, not after.
    assert main(["annotate", "jsonl", str(raw), "--out", str(mine), "--quiet"]) == 2
    captured = capsys.readouterr()
    assert "pre-annotated" not in captured.out and "is not empty" in captured.err
    # Every fault of the entry the options make is a line of its own, naming the article once.
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the road was open.\n", encoding="utf-8")
    assert main(["add", str(article), "--out", str(tmp_path / "c"), "--outlet", "", "--event", "qantar_2022",
                 "--doc-id", "../evil"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in lines] == ["field 'doc_id'", "field 'seed_file'", "field 'outlet'"]
    assert all(line.startswith(f"{article}: record ../evil: ") for line in lines)
    assert main(["add", str(tmp_path), "--out", str(tmp_path / "c"), "--outlet", "X", "--event", "qantar_2022"]) == 2
    assert "a directory; expected a UTF-8 text file" in capsys.readouterr().err
    # An option the command does not have is said with that command's usage.
    with pytest.raises(SystemExit):
        main(["export", "jsonl", "--outt", str(tmp_path / "x")])
    assert "corpus-kz export: error: unrecognized arguments: --outt" in capsys.readouterr().err
