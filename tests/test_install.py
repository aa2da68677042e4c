"""The three ways to use the package: from the checkout, editable, and as a wheel in a fresh venv."""

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import corpus_kz, json; c = corpus_kz.load(); "
         "print(json.dumps({'file': corpus_kz.__file__, 'data': str(c.path), 'docs': len(c), "
         "'quotes': sum(len(d.quotes) for d in c)}))")


def _probe(python, cwd, env=None) -> dict:
    out = subprocess.run([str(python), "-c", PROBE], cwd=cwd, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_from_the_checkout_without_installing(tmp_path, corpus):
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); " + PROBE
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    assert got["file"].startswith(str(ROOT)) and Path(got["data"]) == ROOT
    assert got["quotes"] == sum(len(d.quotes) for d in corpus)


def test_installed_in_this_environment(tmp_path, corpus):
    got = _probe(sys.executable, tmp_path)
    assert got["docs"] == 5 and got["quotes"] == sum(len(d.quotes) for d in corpus)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (whl,) = out.glob("corpus_kz-*.whl")
    return whl


def test_wheel_ships_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in ("seeds/manifest.json", "seeds/SHA256SUMS", "seeds/000_74345c06c20bc3f8.txt",
                "annotations/entities.json", "annotations/docs/cabar_2020_masanchi.json", "annotations/agreement.json",
                "annotations/GUIDELINES.md", "annotations/DATASHEET.md"):
        assert f"corpus_kz/_data/{rel}" in names, rel
    assert not any("passes/" in n or "adjudication/" in n for n in names)
    # The fits the analyses read (corpus_kz.fitted.read) travel inside the package.
    assert "corpus_kz/fitted/quality.json" in names


def test_pyproject_ships_what_the_layout_says():
    import tomllib

    from corpus_kz.storage import Layout

    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert {k: v for k, v in include.items()} == {rel: f"corpus_kz/_data/{rel}" for rel in Layout.SHIPPED}


def test_wheel_in_a_fresh_venv_from_another_directory(wheel, tmp_path, corpus):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True)
    # Dependencies come from this environment's site-packages; a path added by a .pth is not itself
    # scanned for .pth files, so the editable checkout stays invisible to the fresh venv.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    got = _probe(py, elsewhere)
    assert got["file"].startswith(str(venv)), got
    assert "_data" in got["data"] and got["quotes"] == sum(len(d.quotes) for d in corpus)
    cli = str(venv / "bin" / "corpus-kz")
    check = subprocess.run([cli, "validate"], cwd=elsewhere, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    data = Path(got["data"])
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    # The gold-making tools need a checkout; from a wheel they say so and write nothing into site-packages.
    for args, says in ((["agreement", "--write"], "would write inside the installed package"),
                       (["agreement"], "annotations/passes/, which the installed package does not ship"),
                       (["adjudicate"], "would write inside the installed package"),
                       (["adjudicate", "--check"], "adjudication needs a checkout")):
        run = subprocess.run([cli, *args], cwd=elsewhere, capture_output=True, text=True)
        assert run.returncode == 2 and says in run.stderr and "Traceback" not in run.stderr, (args, run.stderr)
    # The missing-extra hint installs the extra from the wheel this copy came from, not from an index.
    hint = subprocess.run([str(py), "-c", "from corpus_kz.dependencies import install_command as i; print(i('brat'))"],
                          cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert hint == f'pip install "{wheel}[brat]"; or the packages themselves: pip install \'bratly>=0.1.4\'', hint
    module = subprocess.run([str(py), "-m", "corpus_kz", "adjudicate"], cwd=elsewhere, capture_output=True, text=True)
    assert module.returncode == 2 and "Traceback" not in module.stderr
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    # The export's card carries the shipped agreement figures.
    out = tmp_path / "export"
    run = subprocess.run([cli, "export", "hf", "--out", str(out), "--quiet"], cwd=elsewhere, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "| quotes | 174 / 177 |" in (out / "README.md").read_text()
