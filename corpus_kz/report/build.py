"""The report: sections of tables, figures and notes, rendered once to HTML and once to Markdown.

:func:`sections` computes the findings from :mod:`corpus_kz.analyses`
(one definition of each table and figure); :func:`render_html` makes one
self-contained page (CSS inline, figures as embedded PNG, no links), and
:func:`render_markdown` the same report as Markdown with the figures as
files beside it. :func:`write_report` writes both into a directory, built
aside and moved in whole (:func:`corpus_kz.storage.outputs.publish`).

The report is sized for the corpus: a table is cut at :data:`MAX_ROWS` rows
and a cell at :data:`MAX_CELL` characters; findings that are one row per
record are counted instead (claims per outlet, unsourced claims per cue); the
documents are highlighted one by one only in a corpus of at most
:data:`MAX_DOCUMENT_VIEWS`, and a larger one is listed in the Documents table,
with its documents per outlet and event and a plot of them per month. Every
count comes from the analyses' views, never from going through the documents.
Events are named through :func:`corpus_kz.report.plots.event_names`.

A corpus with predicted records (:func:`corpus_kz.annotate.annotate_corpus`)
says so at the top, with the share predicted per layer, and its tables keep
the analyses' ``share_predicted`` column; when most of its attributions (or
frames) are predicted, the report adds their counts corrected for the
pre-annotator's measured precision and recall per class, with bootstrap
intervals, as tables and as plots with error bars
(:mod:`corpus_kz.analyses.quantify`). A gold corpus's report has none of it.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd

from .. import analyses as A
from .. import fitted
from ..analyses.common import SHARE_PREDICTED, cached, corpus_or_bundled, is_predicted, view
from ..display import document_html
from ..metadata import agreement_rows
from ..progress import track
from ..storage import bundled_path
from ..storage.outputs import publish
from ..version import __version__
from ..writing import write_bytes, write_text
from . import plots

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..corpus import Corpus

__all__ = ["Section", "render_html", "render_markdown", "sections", "write_report"]

#: Files of a report directory.
HTML, MARKDOWN, FIGURES = "report.html", "report.md", "figures"
#: Longest table shown; the rest is counted and left to the analysis function.
MAX_ROWS = 40
#: Longest text in a table cell; the rest is cut with an ellipsis (a claim list of a large corpus runs long).
MAX_CELL = 400
#: Documents shown with their spans highlighted (the HTML only): all of a small corpus; a larger one is a table.
MAX_DOCUMENT_VIEWS = 20
#: The layers counted per document in the Documents table.
_COUNTED = ("mentions", "attributions", "figures", "frames")
#: The record layers whose origin the report states.
_LAYERS = ("zones", "mentions", "quotes", "attributions", "figures", "frames")
#: Above this share of predicted records in a layer, the report shows its counts corrected for the error.
MOSTLY = 0.5


@dataclass
class Section:
    """One part of the report: a title, short notes, tables (caption, frame) and figures (name, caption, plot)."""

    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    figures: list[tuple[str, str, Callable[[], Figure]]] = field(default_factory=list)


def _wide(df: pd.DataFrame, index: str | list[str], columns: str, values: str) -> pd.DataFrame:
    """A tidy count frame as a readable cross-table, zeros where nothing was counted."""
    out = df.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", fill_value=0, observed=True)
    out.columns = [str(c) for c in out.columns]
    return out.reset_index()


def _small(corpus: Corpus) -> bool:
    """Whether the corpus is small enough to show document by document."""
    return len(corpus) <= MAX_DOCUMENT_VIEWS


def _events(df: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """``df`` with its event columns (``event``, ``doc_event``) as the report names events (plots.event_names)."""
    names = plots.event_names(corpus)
    for column in ("event", "doc_event"):
        if column in df.columns:
            values = df[column].astype("category")
            df = df.assign(**{column: values.cat.rename_categories(
                [names.get(str(c), str(c)) for c in values.cat.categories])})
    return df


def provenance(corpus: Corpus) -> pd.DataFrame:
    """Per record layer: ``records``, how many are ``gold`` and ``predicted``, and ``share_predicted``.

    Counted once per corpus: the report asks several times.
    """
    def make() -> pd.DataFrame:
        rows = []
        for layer in _LAYERS:
            df = view(corpus, layer)
            k = int(is_predicted(df).sum()) if len(df) else 0
            rows.append({"layer": layer, "records": len(df), "gold": len(df) - k, "predicted": k,
                         SHARE_PREDICTED: k / len(df) if len(df) else float("nan")})
        return pd.DataFrame(rows)

    return cached(corpus, "report.provenance", make).copy()


def _predicted_share(corpus: Corpus, layer: str | None = None) -> float:
    """The share of the corpus's records (of ``layer``, or of every layer) that are predicted; 0 when none."""
    p = provenance(corpus)
    p = p if layer is None else p[p["layer"] == layer]
    return float(p["predicted"].sum() / p["records"].sum()) if p["records"].sum() else 0.0


def _provenance_note(corpus: Corpus) -> str:
    """What the reader must know first: whether the records were annotated by hand or predicted."""
    share = _predicted_share(corpus)
    if not share:
        return "Every record of this corpus is gold: annotated by hand (no prediction of corpus_kz.annotate)."
    layers = provenance(corpus)
    per = ", ".join(f"{r.layer} {r.share_predicted:.0%}" for r in layers.itertuples() if r.records)
    return (f"{share:.0%} of this corpus's records are predicted by the pre-annotator (corpus_kz.annotate), not "
            f"annotated by hand: {per}. Its counts carry the pre-annotator's errors; every table says the share "
            "of its rows' records that are predicted (share_predicted)"
            + ("; the corrected counts, with their intervals, follow the counts they correct."
               if max(_predicted_share(corpus, "attributions"), _predicted_share(corpus, "frames")) > MOSTLY
               else "."))


def _datasheet_section(corpus: Corpus) -> Section:
    s = Section("The corpus")
    s.notes.append(_provenance_note(corpus))
    if _predicted_share(corpus):
        s.tables.append(("Gold and predicted records, per layer", provenance(corpus)))
    docs = view(corpus, "documents")[["doc_id", "outlet", "event", "genre", "published"]]
    for layer in _COUNTED:
        per_doc = view(corpus, layer)["doc_id"].value_counts()
        docs = docs.assign(**{layer: docs["doc_id"].map(per_doc).fillna(0).astype("int64")})
    s.tables.append(("Documents", _events(docs, corpus)))
    if not _small(corpus):
        s.notes.append(f"{_n(len(docs), 'document')}: too many to show one by one, so they are listed in the "
                       f"Documents table (the first {MAX_ROWS}; corpus.documents() has them all), counted per outlet "
                       "and event, and drawn per month of publication.")
        per = (docs.groupby(["outlet", "event"], observed=True, dropna=False)
               .agg(documents=("doc_id", "size"), **{layer: (layer, "sum") for layer in _COUNTED}).reset_index())
        s.tables.append(("Documents per outlet and event", _events(per.sort_values("documents", ascending=False,
                                                                                   kind="stable"), corpus)))
    s.figures.append(("documents", "Documents per month of publication", lambda: plots.documents(corpus)))
    sheet = corpus.metadata.datasheet_parts()
    if sheet is None:
        s.notes.append("This corpus directory has no datasheet (annotations/DATASHEET.md).")
    else:
        body = sheet[1]
        motivation = re.search(r"## Motivation\s*\n(.*?)(?:\n\s*\n|\Z)", body, flags=re.S)
        if motivation:
            s.notes.append(" ".join(motivation.group(1).split()))
        limits = re.search(r"## Known limitations\s*\n(.*?)(?:\n## |\Z)", body, flags=re.S)
        if limits:
            items = re.findall(r"^- (.*?)(?=^- |\Z)", limits.group(1), flags=re.S | re.M)
            s.notes.append("Known limitations: " + " ".join(f"({n}) " + " ".join(i.split())
                                                            for n, i in enumerate(items[:4], 1)))
    summary = corpus.metadata.agreement
    if summary:
        s.tables.append(("Agreement of the two annotation passes", pd.DataFrame(agreement_rows(summary))))
    else:
        s.notes.append("No agreement figures are shipped with this corpus directory.")
    return s


def _corrected_note() -> str:
    """How a corrected count is made, said where one is shown, with what the shipped quality was measured on."""
    measured = fitted.read("quality")["measured_on"]
    n = len(measured["documents"])
    return ("Most of these records are predicted, so their counts are also corrected: a predicted count of class c "
            "times the pre-annotator's precision / recall for c, measured leave one document out on "
            f"{measured['corpus']} ({_n(n, 'document')}; corpus_kz/fitted/quality.json), the adjusted "
            "classify-and-count of Forman 2008. The interval is a 95% percentile bootstrap over both the corpus's "
            "documents and the evaluation's; with so few evaluation documents it is wide, and says so.")


def _voices_section(corpus: Corpus) -> Section:
    s = Section("Whose voices are reported")
    s.notes.append("An attribution is any statement, belief, demand or promise the text ascribes to a source, "
                   "quoted or not (codebook §3). Words are counted in the attributed content; an attribution "
                   "nested in another (a statement quoted inside an interview answer) counts for both speakers.")
    sov = A.share_of_voice(corpus)
    s.tables.append(("Share of voice by speaker role", sov))
    s.figures.append(("share_of_voice", "Share of voice by speaker role", lambda: plots.share_of_voice(corpus)))
    if _predicted_share(corpus, "attributions") > MOSTLY:
        s.notes.append(_corrected_note())
        voices = A.share_of_voice(corpus, corrected=True)  # one bootstrap for the table and its plot
        s.tables.append(("Attributions by speaker role, corrected for the pre-annotator's error (95% interval)",
                         voices))
        s.figures.append(("share_of_voice_corrected", "Attributions by speaker role: counted, and corrected with "
                          "95% intervals", lambda: plots.corrected_voices(corpus, voices)))
    top = A.share_of_voice(corpus, level="speaker").sort_values(["attributions", "words"], ascending=False)
    s.tables.append(("The most reported speakers", top.head(15)))
    s.tables.append(("Direct, indirect and mixed, by role",
                     _wide(A.attribution_types(corpus), "speaker_role", "type", "attributions")))
    s.tables.append(("What sources do: the act of each attribution, by role",
                     _wide(A.acts(corpus), "speaker_role", "act", "attributions")))
    s.tables.append(("How the outlets report: attributions by the stance class of their cue",
                     _wide(A.reporting_verbs(corpus, by="outlet"), "outlet", "stance", "attributions")))
    verbs = A.reporting_verbs(corpus, by=None).sort_values("attributions", ascending=False)
    verbs = verbs.assign(verb=verbs["lemma"] + " (" + verbs["attributions"].astype(str) + ")")
    s.tables.append(("The reporting verbs of each stance class, most used first",
                     verbs.groupby("stance", observed=True).agg(attributions=("attributions", "sum"),
                                                                verbs=("verb", ", ".join)).reset_index()))
    unsourced = A.unsourced_claims(corpus)
    s.tables.append(("Claims with no source (agentless and hedged reports), by cue, with the first of each",
                     unsourced.groupby(["stance", "cue"], observed=True, sort=True).agg(
                         attributions=("attribution_id", "size"), documents=("doc_id", "nunique"),
                         first=("quote", "first"), doc_id=("doc_id", "first"))
                     .reset_index().sort_values(["attributions", "stance"], ascending=[False, True], kind="stable")))
    return s


def _framing_section(corpus: Corpus) -> Section:
    s = Section("Who frames the events how")
    s.notes.append("Each frame has a holder (the speaker whose words carry it, an entity, or the author), a stance "
                   "(asserts or denies) and an aspect: the trigger (what set a clash off) or the root cause. A "
                   "frame a speaker reports for someone else is counted for both (codebook §6).")
    s.figures.append(("frame_heatmap", "Frames by holder role: asserted / denied", lambda: plots.frame_heatmap(corpus)))
    if _predicted_share(corpus, "frames") > MOSTLY:
        s.notes.append(_corrected_note())
        labels = A.frames_by(corpus, by=None, corrected=True)
        s.tables.append(("Frames by label, corrected for the pre-annotator's error (95% interval)", labels))
        s.tables.append(("Frames by holder role, corrected for the pre-annotator's error (95% interval)",
                         A.frame_holders(corpus, corrected=True)))
        s.figures.append(("frames_corrected", "Frames by label: counted, and corrected with 95% intervals",
                          lambda: plots.corrected_frames(corpus, labels)))
    s.tables.append(("Domestic against interethnic, by holder role", A.domestic_vs_interethnic(corpus)))
    s.tables.append(("Trigger and root cause, by holder", A.trigger_and_roots(corpus)))
    if _small(corpus):
        s.tables.append(("Domestic against interethnic, by document",
                         A.domestic_vs_interethnic(corpus, level="doc_id")))
    else:
        s.tables.append(("Domestic against interethnic, by outlet and event",
                         _events(A.domestic_vs_interethnic(corpus, level="outlet", by="event"), corpus)))
    s.tables.append(("Frames per event", _wide(_events(A.frames_by(corpus, by="event"), corpus), ["frame", "stance"],
                                               "event", "frames")))
    fq = A.frames_in_quotes(corpus)
    order = [f"{f} {st}" for f in fq["frame"].cat.categories for st in fq["stance"].cat.categories]
    fq = fq.assign(frame_stance=pd.Categorical(fq["frame"].astype(str) + " " + fq["stance"].astype(str),
                                               categories=order, ordered=True))
    s.tables.append(("Frames inside quotes, by the quoted speaker's role",
                     _wide(fq.assign(n=1), "speaker_role", "frame_stance", "n")))
    return s


def _numbers_section(corpus: Corpus) -> Section:
    s = Section("Which numbers the sources claim, and where they disagree")
    s.notes.append("A source's value for an event, quantity and unit is the largest it gives in a document (its "
                   "total; a smaller count from the same source is usually a part), and a document's value the "
                   "largest of its sources'. A discrepancy is between documents when their values differ, within "
                   "one when two of its sources' values differ, or both. Vague amounts and quantity 'other' are "
                   "left out; read the claims, since two counts of different things (two gatherings) or a part "
                   "counted without its whole can show as a discrepancy.")
    s.tables.append(("Discrepancies, between documents and within one", _events(A.discrepancies(corpus), corpus)))
    s.figures.append(("figure_claims", "Figures claimed per event and quantity", lambda: plots.figure_claims(corpus)))
    claims = A.claims(corpus, by="outlet").sort_values(["event", "quantity", "unit", "value", "outlet"],
                                                       kind="stable")
    s.tables.append(("The claims (event, quantity, value, source), per outlet, with the documents making each",
                     _events(claims[["event", "quantity", "unit", "value", "qualifier", "text", "source",
                                     "source_role", "outlet", "documents"]], corpus)))
    return s


def _entities_section(corpus: Corpus) -> Section:
    s = Section("Entities, names and dates")
    forms = _wide(A.mention_forms(corpus).rename(columns={"name": "entity"}), ["entity_id", "entity", "label"],
                  "form", "mentions")
    forms = forms.assign(total=forms.filter(["name", "nominal"]).sum(axis=1)).sort_values("total", ascending=False)
    s.tables.append(("The most mentioned entities, by name and by description", forms.head(15)))
    variants = A.spelling_variants(corpus)
    s.tables.append(("Spelling variants", variants.assign(variants=variants["variants"].map(" / ".join))))
    s.tables.append(("Entities mentioned in the same paragraph",
                     A.cooccurrence(corpus, scope="paragraph", labels=["PERSON", "ORG", "NORP"]).head(15)))
    s.figures.append(("timeline", "Dates the texts mention", lambda: plots.timeline(corpus)))
    return s


def _method_section(corpus: Corpus) -> Section:
    return Section("Method", notes=[
        "Counts come from the annotations (annotations/docs/), read through corpus_kz.load(); every table is one "
        "function of corpus_kz.analyses, which can also leave out non-body zones (body_only=True) and group by "
        "document, outlet, event, genre, or date, year or month of publication (by=).",
        "Co-occurrence is counted per paragraph (a line of the text), which needs no sentence splitting; "
        "cooccurrence(scope='sentence') counts per sentence.",
        "Reporting-verb stance classes come from the lexicon corpus_kz/lexicons/reporting_verbs.tsv: neutral "
        "(said, told), emphatic (emphasised, insisted), distancing (claimed, alleged, 'without providing "
        "evidence'), hedged (reportedly, were reported to; and any neutral cue with no source), evaluative "
        "(blamed, denounced).",
        f"Tables longer than {MAX_ROWS} rows, and cells longer than {MAX_CELL} characters, are cut; the analysis "
        "functions return them whole.",
    ])


#: The report's sections, in order: each a function of the corpus.
_SECTIONS: tuple[Callable[[Corpus], Section], ...] = (_datasheet_section, _voices_section, _framing_section,
                                                      _numbers_section, _entities_section, _method_section)


def sections(corpus: Corpus | None = None) -> list[Section]:
    """The report's sections over ``corpus`` (the bundled one when None).

    A corpus with no predicted record gets no ``share_predicted`` column: it would be 0 in every row.
    """
    corpus = corpus_or_bundled(corpus)
    parts = [section(corpus) for section in _SECTIONS]
    if not _predicted_share(corpus):
        for part in parts:
            part.tables = [(caption, df.drop(columns=SHARE_PREDICTED, errors="ignore")) for caption, df in part.tables]
    return parts


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _cut(df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows shown (shares as percentages, long text cut) and how many are left out."""
    shown = df.head(MAX_ROWS).copy()
    for column in shown.columns:
        if str(column).startswith("share") and pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map("{:.1%}".format)
        elif shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: v[:MAX_CELL - 1] + "…" if isinstance(v, str)
                                              and len(v) > MAX_CELL else v)
    return shown, max(0, len(df) - MAX_ROWS)


def _cell(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if pd.isna(value):
            return "–"
        # Counts stay whole however large (20,000, not 2e+04); ratios and shares keep a few digits.
        if value.is_integer() or abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.4g}"
    if value is None or value is pd.NA or (not isinstance(value, (str, list)) and pd.isna(value)):
        return "–"
    return str(value)


#: What a corpus's own text must not be read as in Markdown: HTML (entities), and the characters of a table, a code
#: span, a link or an escape (a backslash before them). Line breaks would end a table row or a paragraph.
_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "|": "\\|", "`": "\\`",
                             "[": "\\[", "]": "\\]", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def md_text(value: object) -> str:
    """``value`` as Markdown for a table cell or a paragraph: never HTML, a link, an image or a code span, never
    a line break out of its cell (emphasis marks are left: they can only change how its own words look)."""
    return str(value).translate(_MD_ESCAPES)


def _md_table(df: pd.DataFrame) -> str:
    def esc(v) -> str:
        return md_text(_cell(v))

    head = "| " + " | ".join(esc(c) for c in df.columns) + " |"
    rule = "| " + " | ".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else "---" for c in df.columns) + " |"
    body = ["| " + " | ".join(esc(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _html_table(df: pd.DataFrame) -> str:
    cols = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    rows = "".join("<tr>" + "".join(f'<td class="{"n" if num else "t"}">{html.escape(_cell(v))}</td>'
                                    for v, num in zip(row, numeric)) + "</tr>"
                   for row in df.itertuples(index=False))
    return f"<table><thead><tr>{cols}</tr></thead><tbody>{rows}</tbody></table>"


_CSS = """
body{font:15px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#212529;max-width:72em;margin:2em auto;padding:0 1em}
h1{font-size:1.7em}h2{margin-top:2em;border-bottom:1px solid #dee2e6}h3{font-size:1em;margin:1.5em 0 .4em}
table{border-collapse:collapse;font-size:13px;margin:.3em 0 1em}th,td{border:1px solid #dee2e6;padding:2px 6px}
th{background:#f1f3f5;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0}img{max-width:100%}figcaption{font-size:13px;color:#495057}
p.more{font-size:12px;color:#868e96}details{margin:.5em 0}summary{cursor:pointer}
"""


def _title(corpus: Corpus) -> str:
    """The report's title: its size, and how much of it is predicted when any is (the first thing a reader sees)."""
    share = _predicted_share(corpus)
    return f"corpus_kz report: {_n(len(corpus), 'document')}" + (
        f", {share:.0%} of the records predicted, not annotated by hand" if share else "")


def source_name(corpus: Corpus) -> str:
    """The corpus as the report names it: never an absolute path, which would publish the user's home and layout.

    The bundled corpus by that name; a corpus inside the working directory by its path relative to it
    (unless that path runs through the home directory, as from ``/``); any other by its directory's name.
    """
    if corpus.path is None:
        return "a corpus in memory"
    path = Path(corpus.path).absolute()
    if path == bundled_path().absolute():
        return "the bundled corpus"
    try:
        cwd, home = Path.cwd(), Path.home()
    except (OSError, RuntimeError):  # a working directory since removed, or no home to find
        return path.name or "a corpus"
    through_home = home != cwd and home.is_relative_to(cwd) and path.is_relative_to(home)
    if path.is_relative_to(cwd) and path != cwd and not through_home:
        return path.relative_to(cwd).as_posix()
    return path.name or "a corpus"


def render_html(corpus: Corpus, parts: list[Section], images: dict[str, bytes]) -> str:
    """One self-contained HTML page: inline CSS, figures as embedded PNG, no external links."""
    title = _title(corpus)
    out = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
           f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>"
           f"<p>Made with corpus_kz {html.escape(__version__)} from {html.escape(source_name(corpus))}.</p>"]
    for part in parts:
        out.append(f"<h2>{html.escape(part.title)}</h2>")
        out += [f"<p>{html.escape(n)}</p>" for n in part.notes]
        for name, caption, _ in part.figures:
            data = base64.b64encode(images[name]).decode("ascii")
            out.append(f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{data}">'
                       f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        for caption, df in part.tables:
            shown, more = _cut(df)
            body = _html_table(shown) if len(df) else '<p class="more">None in this corpus.</p>'
            out.append(f"<h3>{html.escape(caption)}</h3>{body}")
            if more:
                out.append(f'<p class="more">… and {more} more rows.</p>')
    if _small(corpus):
        out.append("<h2>The documents, spans highlighted</h2><p>Hover a span to see what it is: a quote's speaker, "
                   "a frame's holder, stance and aspect, a figure's value and source.</p>")
        for doc in corpus:
            out.append(f"<details><summary>{html.escape(doc.doc_id)} — {html.escape(doc.outlet)}</summary>"
                       f"{document_html(doc)}</details>")
    out.append("</body></html>\n")
    return "".join(out)


def render_markdown(corpus: Corpus, parts: list[Section], figure_dir: str = FIGURES) -> str:
    """The same report as Markdown; figures are PNG files in ``figure_dir`` beside it."""
    out = [f"# {md_text(_title(corpus))}", "",
           f"Made with corpus_kz {__version__} from {md_text(source_name(corpus))}.", ""]
    for part in parts:
        out += [f"## {md_text(part.title)}", ""]
        for note in part.notes:  # a datasheet's words among them: text, as in the HTML
            out += [md_text(note), ""]
        for name, caption, _ in part.figures:
            out += [f"![{md_text(caption)}]({figure_dir}/{name}.png)", ""]
        for caption, df in part.tables:
            shown, more = _cut(df)
            out += [f"### {md_text(caption)}", "", _md_table(shown) if len(df) else "None in this corpus.", ""]
            if more:
                out += [f"… and {more} more rows.", ""]
    return "\n".join(out)


def write_report(directory: str | Path, corpus: Corpus | None = None, force: bool = False,
                 progress: bool = True) -> dict[str, Path]:
    """Write ``report.html`` (self-contained), ``report.md`` and ``figures/*.png`` into ``directory``.

    The directory is built aside and moved in whole; a non-empty directory
    that is not an earlier report exactly as it was written needs ``force``.
    """

    corpus = corpus_or_bundled(corpus)
    parts = sections(corpus)
    todo = [(name, make) for part in parts for name, _, make in part.figures]

    def write(tmp: Path) -> None:
        images = {name: plots.png(make()) for name, make in track(todo, desc="report figures", disable=not progress)}
        (tmp / FIGURES).mkdir()
        for name, data in images.items():
            write_bytes(tmp / FIGURES / f"{name}.png", data)
        write_text(tmp / HTML, render_html(corpus, parts, images))
        write_text(tmp / MARKDOWN, render_markdown(corpus, parts))

    target = publish(directory, write, kind="report", corpus_path=corpus.path, force=force, what="report")
    return {"html": target / HTML, "markdown": target / MARKDOWN, "figures": target / FIGURES}
