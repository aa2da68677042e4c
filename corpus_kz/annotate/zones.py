"""Predicted zones: the lines of a scraped page that are not the article's body (codebook §1).

A zone covers a whole line without its line break. The rules read the shape of a line, not its
words about any event, so they hold for any scraped news page:

* ``question``: an interviewer's line in an interview laid out as ``Name: …`` (the label whose lines
  ask; :func:`corpus_kz.annotate.attributions.interview_labels`);
* ``caption``: a line printed twice in a row (a photo's alt text and its caption), or a line with a
  photo credit ("Photo: …", "(Name / Agency)", "(AP Photo/…)", "(pictured)");
* ``byline``: "By …", "Written by …", "Follow <name> … on Twitter";
* ``boilerplate``: page furniture (:mod:`.furniture`: copyright lines, a link alone, share and comment
  widgets, template placeholders, a dateline alone on its line), an embedded post's links, and short
  lines without a sentence's stop that are no heading (navigation, size pickers);
* ``headline``: the first line of four to 25 words without a final stop (title or sentence case), before the
  body starts; ``subheading``: a later short line without a final stop between body paragraphs.
"""

from __future__ import annotations

import re

from ..records import Zone
from . import furniture
from .attributions import interview_labels, speaker_label
from .base import Context, make, record_id
from .text import paragraphs

__all__ = ["find"]

# "By Jane Roe", "Written by …", "Follow <name> … on Twitter"; "By Monday, police said …" is no byline:
# after "By" come names (capitalised words, "and", a comma before a capital), then the line ends.
_BYLINE = re.compile(r"^(?:By\s+[A-Z][\w.’'-]*(?:(?:\s+|,\s+|\s+and\s+)[A-Z][\w.’'-]*)*\s*$|By\s+[a-z]+\s*$"
                     r"|(?:Written|Reported|Reporting|Edited) by\s|Follow\s+[A-Z][\w .-]+\s+on\s+(?:Twitter|X)\b)")
# Photo credits, as lowercase substrings: a line is lowercased once and each phrase looked for with
# `in`, which is many times faster than one case-blind alternation.
_CREDITS = ("photo:", "photos:", "photograph:", "(ap photo", "(afp photo", "(reuters/", "(getty images")
_CREDIT_TAIL = re.compile(r"\([^()]{2,60}/[^()]{2,60}\)$")


def _credit(low: str, line: str) -> bool:
    return any(k in low for k in _CREDITS) or (line.endswith(")") and _CREDIT_TAIL.search(line) is not None)


# Links and a handle in parentheses, runs of them counted as one.
_LINKS = re.compile(r"(?:(?:https?://|pic\.twitter\.com/|www\.)\S+\s*)+(?<!\s)|\(@\w+\)")
_STOP = ".!?”\"’»)…:"


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line)]
    if not words:
        return False
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "from", "at", "by", "with", "as", "after"}
    big = [w for w in words if w.lower() not in small]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.8 * len(big)


def find(ctx: Context) -> list[Zone]:
    """The zones of ``ctx.text``, in text order; sets ``ctx.zones`` to ``[(start, end, zone)]``."""
    text = ctx.text
    lines = paragraphs(text)
    asking = interview_labels(text)[0]
    body_seen = False
    found: list[tuple[int, int, str, str, float]] = []
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        low = line.lower()
        words = line.split()
        previous = text[lines[i - 1][0]:lines[i - 1][1]] if i else None
        following = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else None
        label = speaker_label(text, s)
        sentence = line[-1] in _STOP and len(words) >= 6
        links = list(_LINKS.finditer(text, s, e)) if ("http" in low or "www." in low or "(@" in low
                                                         or "pic.twitter" in low) else []
        if label is not None and label in asking:
            found.append((s, e, "question", "zone_interview_question", 0.8))
        elif links and len(_LINKS.sub(" ", line).split()) >= 6:
            # an embedded post: its words are a voice, only its links and handle are furniture (codebook §1)
            found += [(m.start(), m.end(), "boilerplate", "zone_post_links", 0.6) for m in links]
        elif (kind := furniture.kind(line, low, len(words))) is not None:  # page_furniture, dateline
            found.append((s, e, "boilerplate", f"zone_{kind}", 0.7))
        elif _BYLINE.match(line) and len(words) <= 25:
            found.append((s, e, "byline", "zone_byline", 0.8))
        elif line == previous or line == following or _credit(low, line):
            found.append((s, e, "caption", "zone_caption", 0.75 if line in (previous, following) else 0.6))
        elif not body_seen and 4 <= len(words) <= 25 and line[-1] not in ".!…:;," \
                and not any(z[2] == "headline" for z in found):  # title case or sentence case
            found.append((s, e, "headline", "zone_headline", 0.7))
        elif body_seen and 1 <= len(words) <= 8 and line[-1] not in ".,;:" and (_title_case(line) or line[-1] == "?") \
                and following is not None:
            found.append((s, e, "subheading", "zone_subheading", 0.5))
        elif len(words) <= 3 and line[-1] not in _STOP and not _title_case(line):
            found.append((s, e, "boilerplate", "zone_short_line", 0.4))
        elif len(words) <= 2 and line[-1] not in _STOP:
            found.append((s, e, "boilerplate", "zone_short_line", 0.4))
        elif sentence:
            body_seen = True
    ctx.zones = [(s, e, z) for s, e, z, _, _ in found]
    return [make(Zone, rule, conf, start=s, end=e, text=text[s:e], id=record_id("zones", k), zone=z)
            for k, (s, e, z, rule, conf) in enumerate(found, 1)]
