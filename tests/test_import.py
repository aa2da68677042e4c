import subprocess
import sys


HEAVY = ('pandas', 'datasets', 'nltk', 'numpy', 'pyarrow', 'jsonschema', 'yaml', 'tqdm')


def test_import_load_and_validate_stay_light():
    code = ("import sys, corpus_kz; from corpus_kz.storage import validate; c = corpus_kz.load(); d = c[0]; "
            "d.quotes[0].text; d.tokens; d.paragraphs; assert validate() == []; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_line_stays_light_until_it_needs_more():
    code = ("import sys; from corpus_kz.cli import main; main(['validate']); "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_public_surface_is_listed():
    import corpus_kz

    assert {"load", "load_dataset", "nltk_reader", "Corpus", "Document", "CorpusError"} <= set(corpus_kz.__all__)
    for name in corpus_kz.__all__:
        obj = getattr(corpus_kz, name)
        assert callable(obj) and obj.__doc__, name


def test_every_module_compiles_without_warnings():
    # A SyntaxWarning (an invalid escape in a docstring) is printed once, on the first import from a clean
    # clone, where it lands in a notebook's stderr; compiling every module with warnings as errors finds it.
    import warnings
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "corpus_kz"
    bad = []
    for path in sorted(root.rglob("*.py")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except (SyntaxError, SyntaxWarning) as exc:
                bad.append(f"{path.relative_to(root)}: {exc}")
    assert bad == []
