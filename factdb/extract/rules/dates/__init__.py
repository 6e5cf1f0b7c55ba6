"""Dates and periods: when things happened, as the text writes it.

Kinds ``date`` (one calendar point at day, month, year, weekday or season precision) and
``period`` (a span of calendar time: ``from 1910 to 1945``, ``the 1990s``, ``20th century``,
``July 13-15``, ``Q3 2019``, ``the second half of 2019``).

How it works, in linear passes so throughput stays flat in text length:

1. :mod:`.forms`: one scan finds anchors (digit runs and date words); the few date forms
   that can start there are tried with anchored regexes (all compiled once), giving *atoms*:
   a span plus the calendar parts it states. Overlapping atoms are settled by keeping the
   longest (``3 December 2024`` beats ``December 2024`` beats ``2024``).
2. :mod:`.forms`: neighbouring atoms joined by ``to``/``-``/``until`` (or ``and`` after
   ``between``) become one ``period``; a bare month or year that only reads as a date next to
   another date (``January and February``) is promoted by that neighbour.
3. :mod:`.offsets`: a date counted from a day (``3 days after January 12th``) or a period a
   day starts (``for 10 days from 18 Dec``) is one more claim next to that day's own.
4. :mod:`.resolution`: atoms written without a year are resolved against the publication
   date, backward (``December 3`` → the most recent December 3 on or before publication)
   unless their clause points forward (:mod:`.tense`: ``will meet on Jan. 14`` → the nearest
   January 14 on or after publication). Each date looks back a bounded window only.

Numbers in words (``March twenty-nine``, ``nineteen eighty six``) are read by :mod:`.words`,
named days with their year (``Easter 2018``) by :mod:`.holidays`.

Conventions follow spec/claims.md and the gold files: the span leaves out prepositions
(``on December 3`` → ``December 3``) and determiners (``the 3rd of March`` → ``3rd of
March``) but keeps bound words (``early December``, ``mid-2005``, ``the end of April``, ``at
least 2008``) and the ``from``/``between`` of a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from factdb.extract.registry import Context, Fault, describe, register
from factdb.models import Claim

from .forms import Atom, atoms, periods
from .offsets import derived
from .resolution import needs_year, resolve
from .tense import points_forward

NAME = "dates"
VERSION = "1.12.1"

_PERIOD_PRECISIONS = ("decade", "century", "quarter", "half")


def _claim(text: str, a: Atom, pub: dt.date | None) -> Claim:
    forward = pub is not None and a.relative is None and needs_year(a) and points_forward(text, a.start)
    start, end, resolved = resolve(a, pub, forward)
    is_period = a.bound == "range" or a.precision in _PERIOD_PRECISIONS
    derived = bool(a.offset or a.length)
    return Claim(
        kind="period" if is_period else "date",
        char_start=a.start,
        char_end=a.end,
        quote=text[a.start : a.end],
        bound=a.bound,
        date_start=start,
        date_end=end,
        date_precision="day" if derived else a.precision,
        resolved=resolved,
        extractor=NAME,
        extractor_version=VERSION,
        confidence=a.confidence,
    )


def find_dates(text: str, published: dt.date | None = None) -> list[Claim]:
    """Every date and period in ``text``, resolved against ``published`` when given."""
    return [c for c in _dates(text, published) if isinstance(c, Claim)]


def _dates(text: str, published: dt.date | None) -> Iterator[Claim | Fault]:
    """Claims, with a :class:`Fault` in place of any one that could not be built: a bad
    rule loses that date, not the document's other dates."""
    found = periods(text, atoms(text, published))
    for a in found + derived(text, found):
        try:
            claim = _claim(text, a, published)
        except Exception as exc:  # containment: one atom's failure costs its claim only
            yield Fault(NAME, VERSION, a.start, describe(exc))
            continue
        if (a.offset or a.length) and not claim.resolved:
            continue  # a date counted from an unresolved day is not known at all
        yield claim


@register(NAME, VERSION, "Dates and periods: days, months, years, weekdays, seasons, quarters, decades, ranges")
def run(ctx: Context) -> list[Claim | Fault]:
    published = ctx.published
    if isinstance(published, dt.datetime):
        published = published.date()
    return list(_dates(ctx.text, published))
