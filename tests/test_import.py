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
