"""Page furniture: the lines of a scraped page that are no part of the article (codebook §1).

Two tests, general to scraped news pages (shapes and stock phrases, never one site's strings):

* :func:`kind`, the zones rule's (:mod:`.zones`), which makes a ``boilerplate`` zone of each such line:
  ``page_furniture`` for a copyright mark anywhere in the line, a template placeholder left in the page
  ("%MINIFYHTML…%"), a line that is one link, or a short line with a widget's phrase ("Share this",
  "Leave a Reply", "Sign up"; not "300 volunteers had come forward to sign up"); ``dateline`` for a
  date alone on its line ("Sat. Jan 22nd, 2022", "12 January 2022", "2022-01-12");
* :func:`looks_like_furniture`, the mention rules' (:mod:`.mentions`), broader: a line of any length
  that starts with a widget's phrase, also "Related", "Advertisement", "Cookie", "Privacy policy",
  "Plus:", a copyright mark or a placeholder anywhere, a short line that is a date with a weekday
  ("Monday, January 10, 2022"). The mention rules leave these lines alone besides the zones'.

They are kept apart because either one for both would change the predictions: with the zones' test,
the mention rules would mark names in a "Related: …" line, a "To find out more about …" line or a
long "Subscribe to …" line; with the broader one, the zones rule would make boilerplate zones of those
lines and of a "Plus:" line (as in seed 002), which every layer would then leave alone.
"""

from __future__ import annotations

import re

__all__ = ["kind", "looks_like_furniture"]

# Marks of page furniture wherever they stand in a line, as lowercase substrings: a line is lowercased
# once and each phrase looked for with `in`, which is many times faster than one case-blind alternation.
_MARKS = ("©", "all rights reserved")
# Phrases that are furniture only in a short line, or at the start of an editor's note.
_PHRASES = ("copyright", "click here", "leave a reply", "leave a comment", "required fields",
            "email address will not be published", "source link", "follow us", "share this", "share on",
            "subscribe", "sign up", "skip to", "accessibility links", "breaking news", "read more",
            "editor's note", "editor’s note")
_SHORT = 12  # words
# A template placeholder left in a scraped page ("%MINIFYHTML…%", "%PLACEHOLDER%").
_PLACEHOLDER = re.compile(r"%[A-Z]{4,}")
_LINK_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_DATELINE = re.compile(r"^(?:[A-Z][a-z]{2}\.?,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
                       r"\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}-\d{2}-\d{2})$")


def kind(line: str, low: str | None = None, words: int | None = None) -> str | None:
    """``"page_furniture"``, ``"dateline"``, or None when ``line`` is no page furniture.

    ``line`` is one line of the page without its line break and surrounding white space (a paragraph
    of :func:`.text.paragraphs`); a caller that has them passes its lowercase form and its number of
    words, which are otherwise computed here.
    """
    if low is None:
        low = line.lower()
    if words is None:
        words = len(line.split())
    if any(k in low for k in _MARKS) or ("%" in line and _PLACEHOLDER.search(line) is not None):
        return "page_furniture"
    if _LINK_ONLY.match(line):
        return "page_furniture"
    if (words <= _SHORT or low.startswith(("editor's note", "editor’s note"))) and any(k in low for k in _PHRASES):
        return "page_furniture"
    if _DATELINE.match(line):
        return "dateline"
    return None


_LEADING_PHRASE = re.compile(
    r"^\W*(?:©|copyright\b|all rights reserved|follow us\b|share (?:this|on)\b|subscribe\b|sign up\b|"
    r"leave a (?:reply|comment)|source link|related\b|read more\b|advertisement|accessibility links|breaking news|"
    r"click here|to find out more|your email address|required fields|editor['’]s note|plus:|skip to\b|"
    r"cookie|privacy policy|terms of use)", re.I)
_DATE_LINE = re.compile(r"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                        r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
                        r"\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\W*$", re.I)


def looks_like_furniture(line: str) -> bool:
    """Whether the mention rules leave ``line`` (one line of the page, without its line break) alone.

    The broader test of the two (see the module's docstring): a furniture phrase at the start of a line
    of any length, a copyright mark or a placeholder anywhere, a date with or without its weekday.
    """
    return bool(_LEADING_PHRASE.match(line) or ("%" in line and _PLACEHOLDER.search(line)) or "©" in line
                or "ights reserved" in line or (len(line) < 40 and _DATE_LINE.match(line)))
