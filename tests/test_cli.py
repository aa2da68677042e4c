import subprocess
import sys

from corpus_kz.cli import main


def test_info_prints_counts_per_layer_per_document(corpus, capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"corpus_kz: 5 documents, {len(corpus.entities_by_id)} entities")
    line = next(l for l in out.splitlines() if l.startswith("rferl_2020_kordai_returning"))
    d = corpus["rferl_2020_kordai_returning"]
    assert line.split()[1:8] == [str(len(d.text)), str(len(d.zones)), str(len(d.mentions)), str(len(d.quotes)),
                                 str(len(d.attributions)), str(len(d.figures)), str(len(d.frames))]


def test_console_script_runs_as_a_module():
    out = subprocess.run([sys.executable, "-m", "corpus_kz.cli", "validate"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_errors_go_to_stderr_with_exit_1(tmp_path, capsys):
    assert main(["info", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "manifest.json" in err and "no such file" in err
