"""The dataset card (``README.md`` of a Hugging Face export): YAML configs and features, then a datasheet.

The datasheet's prose is data beside the corpus, ``annotations/DATASHEET.md``
(YAML front matter for the card's header, then Markdown), so a corpus of your
own gets a card that describes it, not the bundled five texts. Everything
countable is computed from the corpus being exported and fills the
datasheet's ``<!-- composition -->`` and ``<!-- agreement -->`` markers; the
agreement figures come from ``annotations/agreement.json``, which a test
keeps equal to a fresh computation over ``annotations/passes/``. The
citation takes its version from the package.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..metadata import agreement_markdown
from ..records import LAYERS
from ..storage.layout import Layout
from ..version import __version__

if TYPE_CHECKING:
    from ..corpus import Corpus

_MARKERS = ("<!-- composition -->", "<!-- agreement -->")


def software_citation() -> str:
    """How to cite corpus_kz, the library and its bundled corpus, at this version."""
    return f"""@misc{{corpus_kz,
  title  = {{corpus\\_kz: an annotated corpus of English news on unrest in Kazakhstan, and its library}},
  author = {{{{corpus\\_kz developers}}}},
  year   = {{2026}},
  note   = {{Version {__version__}}}
}}"""


def citation_section(meta: dict) -> str:
    """The card's Citation section: the datasheet's own ``citation`` (``{version}`` filled in), else the tool's."""
    own = meta.pop("citation", None)
    if isinstance(own, str) and own.strip():
        return f"```bibtex\n{own.strip().replace('{version}', __version__)}\n```"
    return (f"This corpus's datasheet gives no citation: add a `citation` (BibTeX) to the front matter of "
            f"`{Layout.DATASHEET}`. The card was made with corpus_kz {__version__}, which can be cited as:\n\n"
            f"```bibtex\n{software_citation()}\n```")


def _size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "n>1M"


def _yaml_header(meta: dict, feats: dict, n_docs: int, parquet: str, aliases: dict[str, str]) -> str:
    configs, infos = [], []
    for name, features in feats.items():
        configs.append({"config_name": name, "data_files": [{"split": "train", "path": f"{name}/{parquet}"}],
                        **({"default": True} if name == next(iter(feats)) else {})})
        infos.append({"config_name": name, "features": features._to_yaml_list()})
    for old, new in aliases.items():  # an old name reads the same files until it is removed
        configs.append({"config_name": old, "data_files": [{"split": "train", "path": f"{new}/{parquet}"}]})
        infos.append({"config_name": old, "features": feats[new]._to_yaml_list()})
    header = {**meta, "size_categories": [_size_category(n_docs)], "configs": configs, "dataset_info": infos}
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n"


#: A card lists every document up to this many; a larger corpus gets a table by outlet and event.
MAX_LISTED = 50


def _counts(corpus: "Corpus") -> list[dict]:
    """Each document's metadata and its number of records per layer, from the corpus's columns (no Document built)."""
    import numpy as np
    import pyarrow.compute as pc

    docs = corpus.to_arrow("documents", ["doc_id", "seed_file", "outlet", "event", "genre", "published", "notes"])
    rows = docs.to_pylist()
    ids = docs.column("doc_id").combine_chunks()
    for layer in LAYERS:
        at = np.asarray(pc.index_in(corpus.to_arrow(layer, ["doc_id"]).column("doc_id"), value_set=ids))
        for row, n in zip(rows, np.bincount(at, minlength=len(rows)).tolist()):
            row[layer] = n
    return rows


def composition_markdown(corpus: "Corpus") -> str:
    """The documents with their records per layer; beyond :data:`MAX_LISTED` documents, by outlet and event."""
    docs = _counts(corpus)
    layer_names = list(LAYERS)
    totals = " | ".join(str(sum(d[layer] for d in docs)) for layer in layer_names)
    if len(docs) > MAX_LISTED:
        groups: dict[tuple, dict] = {}
        for d in docs:
            g = groups.setdefault((d["outlet"], d["event"]), {"documents": 0, **dict.fromkeys(layer_names, 0)})
            g["documents"] += 1
            for layer in layer_names:
                g[layer] += d[layer]
        head = "| outlet | event | documents | " + " | ".join(layer_names) + " |"
        rule = "| --- | --- | ---: | " + " | ".join("---:" for _ in layer_names) + " |"
        rows = [f"| {outlet} | {event} | {g['documents']} | " + " | ".join(str(g[x]) for x in layer_names) + " |"
                for (outlet, event), g in sorted(groups.items())]
        return ("\n".join([head, rule, *rows, f"| **total** | | {len(docs)} | {totals} |"]) + "\n\n"
                + events_markdown(corpus, docs))
    head = "| doc_id | outlet | event | genre | published | " + " | ".join(layer_names) + " |"
    rule = "| --- | --- | --- | --- | --- | " + " | ".join("---:" for _ in layer_names) + " |"
    rows = [f"| {d['doc_id']} | {d['outlet']} | {d['event']} | {d['genre']} | {d['published'] or 'not stated'} | "
            + " | ".join(str(d[layer]) for layer in layer_names) + " |" for d in docs]
    notes = "\n".join(f"- **{d['doc_id']}** ({d['seed_file']}): " + " ".join(d["notes"]) for d in docs if d["notes"])
    return ("\n".join([head, rule, *rows, f"| **total** | | | | | {totals} |"]) + "\n\n" + events_markdown(corpus, docs)
            + ("\n\nQuality notes per document:\n\n" + notes if notes else ""))


def events_markdown(corpus: "Corpus", docs: list[dict]) -> str:
    """The events the corpus declares (``corpus.events``), with the number of documents that report each.

    A corpus that declares none is said to: the bundled corpus's declarations describe the bundled texts.
    ``docs`` are the documents' rows of :func:`_counts`.
    """
    reporting = Counter(d["event"] for d in docs)
    if corpus.metadata.events is None:
        named = ", ".join(f"{e} ({n} document{'s' * (n != 1)})" for e, n in reporting.items()) or "none"
        return (f"This corpus declares no events of its own (`{Layout.EVENTS}`); its documents name events of the "
                f"bundled corpus: {named}.")
    rows = [f"| {e.event_id} | {e.name} | {e.start} | {e.end} | {', '.join(e.places)} | {reporting[e.event_id]} |"
            for e in corpus.events]
    return "\n".join(["The events, as the corpus declares them:", "",
                      "| event_id | name | start | end | places | documents |",
                      "| --- | --- | --- | --- | --- | ---: |", *rows])


def dataset_card(corpus: "Corpus", feats: dict, parquet: str, aliases: dict[str, str]) -> str:
    """The whole card as Markdown with a YAML header; each config's split is ``<config>/<parquet>``.

    The first config of ``feats`` is the default; ``aliases`` maps a config's old name to its new one.
    """
    meta, body = _datasheet(corpus)
    title, _, rest = body.lstrip().partition("\n")
    meta = dict(meta)
    cite = citation_section(meta)  # the citation is the card's last section, not a header key
    head, has_sections, sections = rest.partition("\n## ")
    parts = [_yaml_header(meta, feats, len(corpus), parquet, aliases), title, ""]
    if head.strip():
        parts += [head.strip(), ""]
    parts.append(_intro(corpus, feats, aliases))
    if has_sections:
        parts += ["", "## " + sections.strip()]
    parts += ["", "## Citation", "", cite, ""]
    return "\n".join(parts)


def _datasheet(corpus: "Corpus") -> tuple[dict, str]:
    """The datasheet's front matter and body, its markers filled with the composition and agreement computed."""
    sheet = corpus.metadata.datasheet_parts()
    name = Path(corpus.path).resolve().name if corpus.path is not None else "corpus"
    summary = corpus.metadata.agreement
    agreement = (f"Pooled agreement of the two passes:\n\n{agreement_markdown(summary)}" if summary else
                 "No agreement figures are shipped with this corpus directory.")
    composition = composition_markdown(corpus)
    if sheet is None:
        return {"pretty_name": name}, (
            f"# {name}\n\n## Composition\n\n{composition}\n\n## Datasheet\n\nThis corpus directory has no "
            f"datasheet. Describe its motivation, collection, annotation process, limitations and licence in "
            f"`{Layout.DATASHEET}` (Markdown, with YAML front matter for this card's header) and export again.\n")
    meta, body = sheet
    for marker in _MARKERS:
        if marker not in body:
            body += f"\n\n{marker}\n"
    return meta, body.replace(_MARKERS[0], composition).replace(_MARKERS[1], agreement)


def _intro(corpus: "Corpus", feats: dict, aliases: dict[str, str]) -> str:
    """What the corpus holds, its configs, and how to load and filter one."""
    import pyarrow.compute as pc

    chars = pc.sum(pc.utf8_length(corpus.to_arrow("documents", ["text"]).column("text"))).as_py() or 0
    default = next(iter(feats))
    return f"""{len(corpus)} documents, {chars:,} characters, {len(corpus.registry)} registry entities.
Every span is a half-open character range `[start, end)` into the verbatim
`text`; `text[start:end]` is its definition.

## Configs

- `{default}` (default): one row per document with the text, its metadata and
  every annotation layer as nested lists of spans.
- {", ".join(f"`{n}`" for n in feats if n != default)}: one flat row per record, with
  speakers, sources and holders resolved: the rows and columns of the pandas views.
{"".join(f"- `{old}`: the old name of `{new}`, kept until corpus_kz 0.5.{chr(10)}" for old, new in aliases.items())}

```python
import datasets
ds = datasets.load_dataset("/absolute/path/to/this/directory", "quotes", split="train")
```

Labels are `ClassLabel` features whose names are the codebook's vocabularies;
the rows hold their integer ids. To filter on a label, or read one as a string:

```python
role = ds.features["speaker_role"]
officials = ds.filter(lambda r: r["speaker_role"] == role.str2int("official"))
value = ds[0]["speaker_role"]
name = role.int2str(value) if value is not None else None   # null: the quote has no role
```

(`ds.filter(lambda r: r["speaker_role"] == "official")` compares an integer with a
string and keeps no row; `role.int2str(None)` raises a ValueError, and a label is
null where a record has none. With corpus_kz installed, `corpus_kz.label(role, value)`
does the same.)""".rstrip()
