import subprocess
import sys


def test_import_and_load_stay_light():
    code = ("import sys, corpus_kz; c = corpus_kz.load(); d = c[0]; d.quotes[0].text; "
            "heavy = [m for m in ('pandas', 'datasets', 'nltk', 'numpy', 'pyarrow', 'jsonschema') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_surface_is_listed():
    import corpus_kz

    assert {"load", "load_dataset", "nltk_reader", "Corpus", "Document", "CorpusError"} <= set(corpus_kz.__all__)
    for name in corpus_kz.__all__:
        obj = getattr(corpus_kz, name)
        assert callable(obj) and obj.__doc__, name
