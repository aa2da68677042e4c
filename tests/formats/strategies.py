"""Generated documents for property tests of the formats (hypothesis).

Texts mix ASCII, curly quotes, «», Cyrillic and emoji (outside the Basic
Multilingual Plane) over several lines; every layer may be empty; spans
overlap, nest and cross line breaks. A document is gold, predicted (every
record ``predicted:<rule>`` with a confidence in [0, 1], the bounds and
integers included) or a mix of the two, record by record. Every generated
document passes the constructor's and the codebook's checks, so what a
format loses is the format's fault.
"""

from __future__ import annotations

import hashlib
from operator import attrgetter

from hypothesis import strategies as st

from corpus_kz import Attribution, Corpus, Document, Entity, Figure, Frame, Mention, Quote, Span, Zone
from corpus_kz import vocab as V

WORDS = ["Kazakh", "Dungan", "said", "«Мир»", "“peace”", "Жанаозен", "police", "🙂", "protest", "12", "Aktau",
         "тоқаев", "‘quoted’", "officials", "𝒳", "ok,", "—", "village", "Qazaqstan", "\"hi\""]


@st.composite
def texts(draw) -> str:
    lines = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=1, max_size=5))
    return "\n".join(" ".join(line) for line in lines) + draw(st.sampled_from(["", "\n"]))


RULES = ["direct_quote", "speech_verb", "number_words", "r2"]


@st.composite
def provenances(draw, mode: str) -> dict:
    """A record's origin and confidence as constructor arguments: none for gold, both for a prediction."""
    if mode == "gold" or (mode == "mixed" and draw(st.booleans())):
        return {}
    confidence = draw(st.floats(0, 1) | st.sampled_from([0, 1, 0.5, 1 / 3]))
    return {"origin": f"predicted:{draw(st.sampled_from(RULES))}", "confidence": confidence}


def _word_spans(text: str) -> list[tuple[int, int]]:
    """Every run of non-space characters: the span boundaries a generated span may use."""
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if not ch.isspace() and start is None:
            start = i
        elif ch.isspace() and start is not None:
            out.append((start, i))
            start = None
    return out


@st.composite
def spans(draw, text: str) -> Span:
    words = _word_spans(text)
    i = draw(st.integers(0, len(words) - 1))
    j = draw(st.integers(i, min(len(words) - 1, i + 6)))  # may run over a line break
    start, end = words[i][0], words[j][1]
    return Span(start, end, text[start:end])


def _unique(records: list, *fields: str) -> tuple:
    """``records`` without any that has the span and ``fields`` of an earlier one (refused as one record twice)."""
    key, first = attrgetter("start", "end", *fields), {}
    for r in records:
        first.setdefault(key(r), r)
    return tuple(first.values())


def _drop_a_repeated_statement(quotes: list, attributions: list) -> None:
    """The last quote and attribution drawn dropped if they repeat an earlier pair (refused as one statement twice)."""
    def key(q, a):
        return ((q.start, q.end, q.type), a.act, a.cue and (a.cue.start, a.cue.end),
                a.source and (a.source.start, a.source.end), a.speaker_id, a.speaker_role)
    if key(quotes[-1], attributions[-1]) in {key(q, a) for q, a in zip(quotes[:-1], attributions[:-1])}:
        del quotes[-1], attributions[-1]


@st.composite
def documents(draw, doc_id: str = "gen_doc") -> Corpus:
    """A one-document corpus with every layer drawn (possibly empty), gold, predicted or mixed."""
    text = draw(texts())
    mode = draw(st.sampled_from(["gold", "predicted", "mixed"]))

    def provenance() -> dict:
        return draw(provenances(mode))

    mentions, entities = [], {}
    for n in range(draw(st.integers(0, 5))):
        s = draw(spans(text))
        label = draw(st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]))
        eid = f"ent_{n}"
        entities[eid] = Entity(eid, f"Entity {n}", label, role="official" if label in ("PERSON", "ORG") else None,
                               aliases=(s.text,))
        form = draw(st.sampled_from(V.FORMS)) if label in ("PERSON", "ORG") else "name"
        mentions.append(Mention(s.start, s.end, s.text, id=f"m{n + 1}", entity_id=eid, label=label, form=form,
                                **provenance()))
    quotes, attributions = [], []
    for n in range(draw(st.integers(0, 4))):
        q = draw(spans(text))
        quotes.append(Quote(q.start, q.end, q.text, id=f"q{n + 1}", type=draw(st.sampled_from(V.QUOTE_TYPES)),
                            **provenance()))
        cue = draw(st.none() | spans(text))
        source = draw(st.none() | spans(text))
        speaker = draw(st.sampled_from(sorted(entities))) if source is not None and entities and draw(st.booleans()) \
            else None
        role = draw(st.sampled_from(V.ROLES)) if source is not None and speaker is None else None
        attributions.append(Attribution(f"a{n + 1}", f"q{n + 1}", draw(st.sampled_from(V.ACTS)), cue, source,
                                        speaker_id=speaker, speaker_role=role, **provenance()))
        _drop_a_repeated_statement(quotes, attributions)
    figures = []
    agents = ["author", *sorted(entities)]
    for n in range(draw(st.integers(0, 3))):
        s = draw(spans(text))
        vague = draw(st.booleans())
        figures.append(Figure(s.start, s.end, s.text, id=f"f{n + 1}", number=draw(st.sampled_from(["dozens", "a pair",
                                                                                                   "Тысячи"])),
                              value=None if vague else float(draw(st.integers(0, 10_000))),
                              qualifier="vague" if vague else draw(st.sampled_from(V.QUALIFIERS[:-1])),
                              quantity=draw(st.sampled_from(V.QUANTITIES)), unit=draw(st.sampled_from(V.UNITS)),
                              event=draw(st.none() | st.sampled_from(V.EVENTS)), source=draw(st.sampled_from(agents)),
                              **provenance()))
    frames = []
    for n in range(draw(st.integers(0, 3))):
        s = draw(spans(text))
        holders = agents + [a.id for a, q in zip(attributions, quotes) if q.contains(s)]
        frames.append(Frame(s.start, s.end, s.text, id=f"fr{n + 1}", frame=draw(st.sampled_from(V.FRAMES)),
                            holder=draw(st.sampled_from(holders)), stance=draw(st.sampled_from(V.STANCES)),
                            aspect=draw(st.none() | st.sampled_from(V.ASPECTS)), **provenance()))
    zones = []
    if draw(st.booleans()):  # a caption: a whole first line
        first = text.split("\n", 1)[0]
        zones.append(Zone(0, len(first), first, id="z1", zone="caption", **provenance()))
    doc = Document(doc_id, text, f"{doc_id}.txt", "Gen News", None, None, draw(st.sampled_from(V.EVENTS)), "report",
                   "en", hashlib.sha256(text.encode()).hexdigest(), notes=("generated",), zones=tuple(zones),
                   mentions=_unique(mentions, "label"), quotes=tuple(quotes), attributions=tuple(attributions),
                   figures=_unique(figures, "quantity", "source"), frames=_unique(frames, "frame", "holder"),
                   registry=entities)
    return Corpus([doc], entities)
