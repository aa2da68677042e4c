r"""Predicted entity mentions (codebook §2): names, nationality words, dates and a few reliable descriptions.

No parser and no model: regular expressions, the entity registry and general English news
vocabulary. The rules, each the ``origin`` of what it finds:

* ``mention_gazetteer`` (high confidence): every name or alias of the registry, tolerant of
  romanisation (:mod:`corpus_kz.annotate.gazetteer`: Toqaev is the registry's Tokayev, "Nursultan Nazarbaev" its
  Nazarbayev), a person also by a surname only they have.
* ``mention_capitalised`` (lower confidence): runs of capitalised words the registry does not
  know. A run loses its capitalised function words ("The", "But") and its titles ("President",
  "Deputy Prime Minister": codebook §2, a title is not part of the name, but it says the name is a
  person's); a run with a capitalised organisation or place head ("… Policy Center of the
  American University of Central Asia", "Kyrgyz Republic") is one name with nothing nested. The
  label comes from cues: a title, a head word, the lowercase noun after the name ("Masanchi
  village", "Nur Otan party"), a dateline ("KHOROG, Tajikistan (AP) —") or the country after it
  ("Khorog, Tajikistan"), the preposition before it (read before a verb of saying after it:
  "Police in Salt Creek said"), the verb of saying after it, the shape of the word (acronyms are
  organisations; -stan is a place; -ov, -eva a surname) and general lists of countries, capitals,
  regions, nationalities and news organisations. Where some occurrence of a name has such a cue, a
  guess from its length alone ("two capitalised words: a person") does not vote. A capitalised word
  at the start of a sentence is a name only on evidence (it is capitalised elsewhere in the text
  where capitals mean something, is a known name, or is the surname of a person named in full),
  and never when the text also writes it in lowercase. In a title-case line (a headline, a
  subheading) capitals say nothing, so only the registry and the other rules apply there. A year
  with a name and what happened ("the 2011 Zhanaozen protests") is an EVENT. Each unknown name
  becomes an entity of ``ctx.new_entities`` (a person's id is the surname's slug, the registry's
  convention; other ids slug the whole name); a surname alone links to the person named in full.
* ``mention_date``: calendar expressions (codebook §2, DATE): "February 7", "February 8-9",
  "February 9, 2020", "in May", weekdays, years, "19th century", "the next day", "last week",
  "two days earlier", "today", "on the 8th"; never durations or clock times. A day and month
  without a year take the year of the document's event; the entity id is the ISO date
  (``date_2020_02_07``) or, when it cannot be resolved, a slug of the text (``date_last_week``).
* ``mention_nominal`` (form ``nominal``, PERSON and ORG only): descriptions that refer to one
  entity by a rule that rarely fails. "the minister", "our correspondent", "the former president"
  refer to the person last introduced with that title in the text ("Interior Minister Kalmukhambet
  Kasymov"), else to the registry's holder of that description. The registry's own descriptions
  of bodies ("authorities", "police", "the government") count where they are a noun phrase, not a
  modifier ("police officers") and not another body ("political forces"), from their first
  modifier ("local police"). A lowercase state body with the place it serves ("interior ministry of
  Kazakhstan", "police department of Zhambyl region") is one ORG, the registry's when it knows it.
  The registry's descriptions apply only in a text about its world, one that names a registry person
  or place (:attr:`corpus_kz.annotate.base.Context.descriptions_apply`): "the president" of a story about Peru is no
  registry entity, and is not marked unless the text introduced a president by name.

Zones (codebook §7): nothing is marked inside boilerplate: the boilerplate zones of ``ctx.zones``
(the zones rule's, which runs first; :meth:`corpus_kz.annotate.base.Context.touches_boilerplate`) and
the furniture recognised here line by line with general patterns only, no one site's strings
(:func:`corpus_kz.annotate.furniture.looks_like_furniture`: copyright lines, share and follow widgets,
comment forms, template placeholders, the page's dateline; and everything after the article's credit
line), so that the module also stands alone. Names inside the quoted title of a law, project or book,
and inside the name of an award, are not marked either.

The modules, in the order :func:`find` runs them: :mod:`.page` (where nothing may be marked, title-case
lines, sentence starts) and :mod:`.scan` (the one scan of the text) first; then the rules, each making
:class:`.candidates.Candidate` objects: :mod:`.registry_names`, :mod:`.dates`, :mod:`.names` (with
:mod:`.labels`), :mod:`.nominals`; last :mod:`.resolve`, which chooses among overlapping candidates and
makes the records and the new entities. :mod:`.vocabulary` holds the word lists they share.

Speed: the text is scanned once for capitalised words, once for numbers and once for the few
lowercase words the rules start from (:class:`.scan.Scan`); every rule works from those positions, and
what must stand before or after a word is checked there, within a bounded reach (no look back or
ahead grows with the text: a text of any shape costs time in proportion to its length). Scanning the whole text with one regular
expression per rule cost several times more. Measured on the five texts (about 13,000 mentions per
million characters): some 0.45 CPU seconds per million characters on the shared 2-core development
machine, a fifth of it in building the records (``make``), about twelve times a bare
``re.findall(r"\w+")`` over the same text.
"""

from __future__ import annotations

from ..base import Context
from . import dates, names, nominals, registry_names, resolve
from .candidates import GONE
from .page import Page
from .scan import Scan

__all__ = ["find"]


def find(ctx: Context) -> list:
    """The mentions of ``ctx.text``, in text order, with ids ``m1``, ``m2``, ….

    Names and dates the registry does not know are added to ``ctx.new_entities``.
    """
    text = ctx.text
    gz = ctx.gazetteer
    page = Page(ctx)
    scan = Scan(text, gz)
    registry = registry_names.candidates(text, gz, page, scan)
    if "named" not in vars(ctx):  # what the text names, from this scan rather than a second one
        ctx.named = frozenset(c.entity_id for c in registry if c.form == "name")
    cands = dates.candidates(text, ctx.event_year, page, scan)
    cands += names.candidates(text, gz, page, scan, registry)
    cands += [c for c in registry if c.label != GONE]
    cands += nominals.candidates(text, gz, page, scan, cands, ctx.descriptions_apply)
    ctx.mentions = resolve.records(ctx, resolve.choose(cands))
    return ctx.mentions
