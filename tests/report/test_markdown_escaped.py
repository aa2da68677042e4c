"""report.md holds a corpus's own words as text: a hostile outlet, entity name or quote is never live Markdown or HTML.

Until issue 18 they went into its tables raw (only pipes were escaped), and a
CommonMark renderer made live ``<img onerror=…>`` elements of them.
"""

import hashlib
import re

import pytest

import corpus_kz
from corpus_kz.gold.anchor import anchor
from corpus_kz.report.build import render_markdown, sections
from corpus_kz.storage import Layout
from corpus_kz.storage.standoff import write_json

ATTACK = "<img src=x onerror=alert(1)>"
TEXT = (f"Protest in Aktau\n\nOfficials said that {ATTACK} | [a link](javascript:alert(2)) `code` & <b>12 people</b> "
        "were detained in Aktau on Monday.\n")
OUTLET = f"{ATTACK} | [Outlet](javascript:alert(3))"
ENTITY = "<script>alert(4)</script> `Aktau` & [x]"


def _hostile(root):
    (root / Layout.SEEDS).mkdir(parents=True)
    (root / Layout.DOCS).mkdir(parents=True)
    (root / Layout.SEEDS / "a.txt").write_bytes(TEXT.encode())
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    write_json(root / Layout.MANIFEST, [{"doc_id": "hostile", "seed_file": "a.txt", "outlet": OUTLET,
                                         "title": ATTACK, "published": "2022-01-10", "event": "qantar_2022",
                                         "genre": "report", "language": "en", "sha256": sha, "notes": []}])
    write_json(root / Layout.REGISTRY, [{"entity_id": "aktau", "name": ENTITY, "label": "GPE", "role": None,
                                         "aliases": ["Aktau"], "wikidata": None}])
    quote = TEXT[TEXT.index("<img"):TEXT.index(" on Monday")]
    draft = {"doc_id": "hostile", "seed_file": "a.txt", "sha256": sha, "zones": [],
             "mentions": [{"id": f"m{i}", "text": "Aktau", "occurrence": i, "label": "GPE", "entity_id": "aktau",
                           "form": "name"} for i in (1, 2)],
             "quotes": [{"id": "q1", "text": quote, "type": "indirect"}],
             "attributions": [{"id": "a1", "quote_id": "q1", "act": "assertion", "cue": {"text": "said"},
                               "source": None, "speaker_id": None, "speaker_role": None}],
             "figures": [], "frames": []}
    gold, problems = anchor(draft, TEXT)
    assert not problems, problems
    write_json(root / Layout.doc("hostile"), gold)
    return corpus_kz.load(root)


def _cells(md: str) -> list[str]:
    return [cell for line in md.splitlines() if line.startswith("| ")
            for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1])]


def test_a_hostile_corpus_gives_no_live_markdown_or_html(tmp_path):
    corpus = _hostile(tmp_path / "c")
    md = render_markdown(corpus, sections(corpus))
    cells = _cells(md)
    assert any("onerror" in c for c in cells) and any("alert(4)" in c for c in cells)  # the words are there
    assert not [c for c in cells if re.search(r"[<>]|(?<!\\)[`\[\]]|&(?!amp;|lt;|gt;)", c)], "raw in a cell"
    assert "<" not in md, "a raw < in report.md"
    markdown_it = pytest.importorskip("markdown_it")
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    # No element but the report's own: its headings, tables and figures.
    assert not re.search(r"<(?:img(?! src=\"figures/)|script|b|a|code)\b", page)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;alert(4)&lt;/script&gt; `Aktau`" in page
    for table in re.findall(r"<table>.*?</table>", page, flags=re.S):  # no cell broke out of its row
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        assert len({len(re.findall(r"<t[hd][ >]", r)) for r in rows}) == 1
