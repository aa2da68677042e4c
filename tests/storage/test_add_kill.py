"""corpus-kz add is all or nothing under a kill: SIGKILL at any instant leaves the old corpus or the new one.

In 0.4.0, add wrote the seed, SHA256SUMS and the manifest with one rename
each, and a kill between two of them left a corpus that no longer loaded
(issue 16: 9 of 52 trials; these trials, run on 0.4.0's add of one article:
2 to 4 of 60 in each of three runs). Now the new ``seeds/`` is made aside and
exchanged with the old one in one rename: these trials kill a bulk add of some hundred articles into a corpus
that keeps a ``seeds/SHA256SUMS``, at instants spread over the whole run and
packed into the writing, and each time the corpus must load as the old one
or the new one, and a later add must still work.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter

import corpus_kz
from corpus_kz.cli import main
from corpus_kz.storage import Layout

from ..helpers import copy_corpus

ARTICLES = 300
TRIALS = 60


def _state(path):
    """Everything a corpus says of its documents: a mix of old and new would show here."""
    corpus = corpus_kz.load(path)
    return [(d.doc_id, d.text, d.metadata(), len(d.quotes)) for d in corpus]


def _command(table, target):
    return ["add", str(table), "--out", str(target), "--outlet", "Kill Test", "--event", "qantar_2022", "--quiet"]


def _first_write(proc, target):
    """The moment ``proc`` first changes the corpus directory (an entry made in it or in its seeds/), or ends."""
    def marks():
        return [os.stat(p).st_mtime_ns for p in (target, target / Layout.SEEDS) if p.exists()]

    before = marks()
    while proc.poll() is None and marks() == before:
        time.sleep(0.0002)
    return time.monotonic()


def _start(table, target):
    return subprocess.Popen([sys.executable, "-m", "corpus_kz", *_command(table, target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_kill_at_any_instant_leaves_the_old_corpus_or_the_new_one(tmp_path):
    template = copy_corpus(tmp_path / "template")
    assert (template / Layout.SHA256SUMS).is_file()
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"doc_id": f"kill_{i:03d}", "title": f"Article {i}",
                                         "text": f"Article {i}\n\nPolice said that {i} people were detained.\n"}) + "\n"
                             for i in range(ARTICLES)), encoding="utf-8")
    old = _state(template)
    # One whole run: how long it takes, how long it writes (first change to exit), and the new corpus.
    full = tmp_path / "full"
    shutil.copytree(template, full)
    start = time.monotonic()
    proc = _start(table, full)
    first = _first_write(proc, full)
    assert proc.wait() == 0
    end = time.monotonic()
    duration, writing = end - start, end - first
    new = _state(full)
    assert len(new) == len(old) + ARTICLES and new[:len(old)] == old
    rng = random.Random(16)
    seen = Counter()
    for trial in range(TRIALS):
        target = tmp_path / f"trial{trial}"
        shutil.copytree(template, target)
        proc = _start(table, target)
        if trial % 3 == 0:  # anywhere in the run
            time.sleep(rng.uniform(0, duration * 1.1))
        else:  # over the writing (first change to exit), or in its first 3 ms, where one rename follows another
            _first_write(proc, target)
            time.sleep(writing * (trial + rng.random()) / TRIALS if trial % 3 == 1 else rng.uniform(0, 0.003))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(target)  # it loads: never a CorpusError
        assert state == old or state == new, f"trial {trial}: a mix of {len(state)} documents"
        seen["old" if state == old else "new"] += 1
        assert main(_command(table, target)) == 0, f"trial {trial}: a later add fails"
        assert _state(target) == new
        assert not [n for n in os.listdir(target) if n.startswith(".")], f"trial {trial}: staging left behind"
        shutil.rmtree(target)
    assert seen["old"] and seen["new"], seen  # the kills fell on both sides of the commit
