"""The dataset card (``README.md`` of an exported dataset): YAML configs and features, then a datasheet.

Every number in the card is computed from the corpus being exported, and the
agreement figures come from ``annotations/agreement.json``, which a test
keeps equal to a fresh computation over ``annotations/passes/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .layers import LAYERS

if TYPE_CHECKING:
    from .corpus import Corpus

CITATION = """@misc{corpus_kz,
  title  = {corpus\\_kz: an annotated corpus of English news on unrest in Kazakhstan},
  author = {{corpus\\_kz developers}},
  year   = {2026},
  note   = {Version 0.1.0. Zones, entities, quotes, attributions, figures and frames over five news texts}
}"""


def agreement_summary(corpus: "Corpus") -> dict | None:
    """The committed agreement figures, or None when the corpus has none."""
    path = Path(corpus.path) / "annotations" / "agreement.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def agreement_markdown(summary: dict) -> str:
    def f(x):
        return "–" if x is None else f"{x:.3f}"

    lines = ["| layer | records (pass 1 / pass 2) | F1 exact | F1 overlap | token α | label agreement (κ) |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for layer, s in summary["pooled"].items():
        labels = "; ".join(f"{k[:-len('_agreement')]} {f(v)} ({f(s[k[:-len('_agreement')] + '_kappa'])})"
                           for k, v in s.items() if k.endswith("_agreement"))
        lines.append(f"| {layer} | {s['n_a']} / {s['n_b']} | {f(s['f1_exact'])} | {f(s['f1_overlap'])} | "
                     f"{f(s.get('token_alpha'))} | {labels or '–'} |")
    return "\n".join(lines)


def _yaml_header(feats: dict) -> str:
    import yaml

    configs, infos = [], []
    for name, features in feats.items():
        configs.append({"config_name": name, "data_files": [{"split": "train", "path": f"{name}/train.parquet"}],
                        **({"default": True} if name == "documents" else {})})
        infos.append({"config_name": name, "features": features._to_yaml_list()})
    header = {
        "language": ["en"],
        "license": "cc-by-4.0",
        "pretty_name": "corpus_kz",
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["news", "attribution", "quotation", "framing", "Kazakhstan", "conflict"],
        "size_categories": ["n<1K"],
        "configs": configs,
        "dataset_info": infos,
    }
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n"


def dataset_card(corpus: "Corpus", feats: dict) -> str:
    """The whole card as markdown with a YAML header."""
    docs = list(corpus)
    layer_names = list(LAYERS)
    head = "| doc_id | outlet | event | genre | published | " + " | ".join(layer_names) + " |"
    rule = "| --- | --- | --- | --- | --- | " + " | ".join("---:" for _ in layer_names) + " |"
    rows = [f"| {d.doc_id} | {d.outlet} | {d.event} | {d.genre} | {d.published or 'not stated'} | "
            + " | ".join(str(len(getattr(d, layer))) for layer in layer_names) + " |" for d in docs]
    totals = "| **total** | | | | | " + " | ".join(str(sum(len(getattr(d, layer)) for d in docs)) for layer in layer_names) + " |"
    notes = "\n".join(f"- **{d.doc_id}** ({d.seed_file}): " + " ".join(d.notes) for d in docs)
    summary = agreement_summary(corpus)
    agreement = (agreement_markdown(summary) if summary else
                 "No agreement figures are shipped with this corpus directory.")
    return _yaml_header(feats) + f"""
# corpus_kz

An annotated corpus of English news texts on unrest in Kazakhstan: whose voices
are quoted, who frames the events how, and which casualty and arrest figures
each source claims. {len(docs)} documents, {sum(len(d.text) for d in docs):,} characters,
{len(corpus.entities_by_id)} registry entities.

Every span is a half-open character range `[start, end)` into the verbatim
`text`; `text[start:end]` is its definition.

## Configs

- `documents` (default): one row per document with the text, its metadata and
  every annotation layer as nested lists of spans.
- {", ".join(f"`{n}`" for n in feats if n != "documents")}: one flat row per record, with
  speakers, sources and holders resolved.

Labels are `ClassLabel` features; their names are the fixed vocabularies of the codebook.

```python
import datasets
ds = datasets.load_dataset("/absolute/path/to/this/directory", "quotes", split="train")
```

## Datasheet

### Motivation

Researchers who study how news media report unrest in Kazakhstan need
trustworthy, span-level data: which voices are quoted, how the events are
framed ("domestic conflict" or "interethnic", provocation, socioeconomic,
governance), and which figures (deaths, injured, detained, participants,
displaced) each source claims. The corpus covers three events — the December
2011 Zhanaozen oil-worker clashes, the February 2020 Kazakh–Dungan clashes in
Masanchi (Kordai district) and the January 2022 unrest — as reported by
regional and international English-language outlets.

### Composition

{head}
{rule}
{chr(10).join(rows)}
{totals}

Quality notes per document:

{notes}

### Collection

The five texts were collected as scraped web pages and are kept byte for byte,
page furniture, HTML artifacts and translation errors included, so that every
offset can be reproduced; each is pinned by its sha256. What is not article
text is marked in the `zones` layer (headline, subheading, byline, caption,
boilerplate, question), everything else being body.

### Annotation process

The layers follow the codebook `annotations/GUIDELINES.md` (definitions,
boundary rules, hard cases and the decisions taken). Each document was
annotated in two independent passes; the second pass did not see the first.
Agreement was computed per layer — span F1 at exact and at overlap match,
Cohen's κ on labels, speakers, sources, holders and stances of the
overlap-matched pairs, and Krippendorff's α (nominal) on token labels — and
every disagreement was adjudicated into the gold. The annotators were
independent instances of a large language model working from the codebook;
adjudication checked each disagreement against the text and the codebook.

Pooled agreement of the two passes:

{agreement}

### Known limitations

- Five documents: the corpus is a reference sample for method development and
  close reading, not a basis for population estimates.
- One text is a machine-translated (round-trip) repost with translation errors
  and HTML artifacts; one is a reposted interview with a repost date, not the
  original publication date. Three texts state no publication date.
- All texts are English; outlets' Kazakh- and Russian-language coverage is not included.
- The annotators were language-model instances following the codebook; agreement
  between them measures the reproducibility of the codebook, not agreement
  between human experts.

### Licence

Annotations and code: CC BY 4.0 and MIT. The seed texts remain the copyright
of their publishers (CABAR.asia/IWPR, RFE/RL, Al Jazeera) and are included
verbatim for research on media reporting.

### Citation

```bibtex
{CITATION}
```
"""
