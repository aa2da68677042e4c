"""Small generated corpora for the analyses, built in memory."""

from __future__ import annotations

import datetime as dt
import hashlib

from corpus_kz import Attribution, Corpus, Document, Entity, Figure, Frame, Quote, Span

#: The origin of the records :func:`speaker_doc` predicts.
PREDICTED = "predicted:test"


def span_of(text: str, part: str, occurrence: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.index(part, at + 1)
    return at, at + len(part)


def tiny_corpus(text: str, quotes=(), figures=(), frames=(), doc_id: str = "gen", outlet: str = "Gen News",
                event: str = "qantar_2022", entities=(), published: str | None = None) -> Corpus:
    """One generated document: ``quotes`` are (content, cue, source or None, role, act, type).

    ``figures`` are (text, number, value, qualifier, quantity, source), ``frames`` (text, frame, holder, stance,
    aspect); ``published`` is "YYYY-MM-DD".
    """
    qs, atts = [], []
    for n, (content, cue, source, role, act, qtype) in enumerate(quotes, 1):
        qs.append(Quote(*span_of(text, content), content, id=f"q{n}", type=qtype))
        src = None if source is None else Span(*span_of(text, source), source)
        atts.append(Attribution(f"a{n}", f"q{n}", act, Span(*span_of(text, cue), cue), src,
                                speaker_role=None if source is None else role))
    figs = [Figure(*span_of(text, t), t, id=f"f{n}", number=num, value=value, qualifier=qual, quantity=qty,
                   unit="people", event=event, source=src)
            for n, (t, num, value, qual, qty, src) in enumerate(figures, 1)]
    frs = [Frame(*span_of(text, t), t, id=f"fr{n}", frame=frame, holder=holder, stance=stance, aspect=aspect)
           for n, (t, frame, holder, stance, aspect) in enumerate(frames, 1)]
    registry = {e.entity_id: e for e in entities}
    date = None if published is None else dt.date.fromisoformat(published)
    doc = Document(doc_id, text, "gen.txt", outlet, None, date, event, "report", "en",
                   hashlib.sha256(text.encode()).hexdigest(), quotes=tuple(qs), attributions=tuple(atts),
                   figures=tuple(figs), frames=tuple(frs), registry=registry)
    return Corpus([doc], registry)


def speaker_doc(doc_id: str, speakers: list[tuple[str, str]], frames: list[tuple[str, str]] = (),
                origin: str = PREDICTED, outlet: str = "Gen News") -> Document:
    """A document whose attributions are ``speakers`` ((source, role) pairs) and frames ``frames`` (frame, stance).

    Each attribution is one sentence "<source> said that it rained n." (n makes every content differ).
    """
    text = " ".join(f"{source} said that it rained {n}." for n, (source, _) in enumerate(speakers))
    text += " " + " ".join(f"A view {n}." for n in range(len(frames)))  # the same text whatever the labels
    conf = None if origin == "gold" else 0.5
    qs, atts, frs = [], [], []
    for n, (source, role) in enumerate(speakers, 1):
        content = f"it rained {n - 1}"
        s, e = span_of(text, content)
        qs.append(Quote(s, e, content, id=f"q{n}", type="indirect", origin=origin, confidence=conf))
        at = text.index(f"{source} said that it rained {n - 1}.")
        cue = at + len(source) + 1
        atts.append(Attribution(f"a{n}", f"q{n}", "assertion", Span(cue, cue + 4, "said"),
                                Span(at, at + len(source), source), speaker_role=role, origin=origin, confidence=conf))
    for n, (frame, stance) in enumerate(frames, 1):
        words = f"view {n - 1}"
        frs.append(Frame(*span_of(text, words), words, id=f"fr{n}", frame=frame, holder="author", stance=stance,
                         origin=origin, confidence=conf))
    return Document(doc_id, text, f"{doc_id}.txt", outlet, None, None, "qantar_2022", "report", "en",
                    hashlib.sha256(text.encode()).hexdigest(), quotes=tuple(qs), attributions=tuple(atts),
                    frames=tuple(frs), registry={})


def together(*corpora: Corpus) -> Corpus:
    """Generated one-document corpora as one corpus."""
    return Corpus([doc for c in corpora for doc in c], {})


__all__ = ["PREDICTED", "Entity", "span_of", "speaker_doc", "tiny_corpus", "together"]
