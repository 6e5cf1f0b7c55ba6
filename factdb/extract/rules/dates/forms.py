"""Passes 1 and 2 of the dates extractor: date forms as *atoms*, then periods.

An atom is a span plus the calendar parts it states (year, month, day, a range's far end),
before any resolution against the publication date. The forms, by class:

- **written dates**: ``December 3``, ``Dec. 3, 2024``, ``3 December 2024``, ``the 3rd of
  March``, ``March the 3rd``, ``the first of March``, ``March first``, ``third day of
  October``, ``the fourth of July 1995``; ``of``/``in`` before the year (``June of 1992``,
  ``28 June in 2020``). A year after a day or month must be on the same line and not a clock
  time (``26 February  1400 GMT``).
- **days and years in words** (:mod:`.words`): ``May twenty nine``, ``march first``,
  ``april the ninth``, ``twenty five January nineteen eighty six`` (a day in words before the
  month needs a year), ``October two thousand and five``, ``13 Sept nineteen seventy two``;
  not before a noun (``In March twenty people died``, ``October two thousand people``).
- **a two-digit year after a date**: ``Dec '18``, ``April of '87``, ``15 April of 87``.
- **glued forms**: ``Dec31, 1994``, ``mar3``, ``Feb13``, ``14april 2015``, year codes
  ``CY18``, ``fy2019``; never inside a web address or an encoded string.
- **named days with a year** (:mod:`.holidays`): ``Christmas 2014``, ``Easter 2018``,
  ``Black Friday 2010``, ``St. Patrick's Day, 2020``.
- **eras**: ``AD 79``, ``14 a.d.``, ``410 C.E.`` (years of any length); a ``BC`` year is no date.
- **compact and file-name dates**: ``20170302``, ``report-2002-10-09.xlsx``; not in an address.
- **month names in lower case** ("may" and "march" are also common words): only with a day
  or year next to them (``march 3``, ``on june 5th``, ``14 nov``, ``may 2017``), or after
  "of"/"in" with a day or weekday in words before (``the first of march``, ``the first
  tuesday in october``); never as a bare month, and not before a word that makes them prose
  (``troops march 3 miles``, ``10 may have died``).
- **numeric dates**: ``2024-01-03``, ``2015-3-3``, ``2015/03/03``, ``2015-03``, ``2015/03``,
  ``3/3/2015``, ``03/03/15``, ``12.03.2015``, ``2/2013``, ``12-2015``, ``Dec-2018``,
  ``Dec/2018``, ``05-Aug-2016``, ``2019/aug/01``, and ranges of them (``10/1/2018-10/7/2018``).
  Day/month order: with slashes or dashes the US order, month first, unless the first number
  is over 12 (``22/04/2016`` is 22 April); with full stops the European order, day first
  (``12.03.2015`` is 12 March), unless the second number is over 12. Two-digit years: 00-29
  are 2000-2029, 30-99 are 1930-1999. ``2008-9`` and ``1998/9`` are year ranges, not months.
  A yearless ``11/20`` is a date only after "on", "since", "until" or a weekday, or next to
  such a date (``on 11/20, 11/22 or 11/25``): "from 4/6 to 1/2" is more often betting odds
  and "by 3/4" a fraction. ``9/11``, ``7/7``, ``24/7`` are names; a yearless ``5.12`` is
  never a date (decimals); nor is a run of numbers (``4-8-19-27-34``).
- **day ranges sharing a month**: ``July 13-15``, ``July 13 to 15``, ``July 13 through 15``,
  ``13-15 July``, ``from 13 to 15 July``, ``from the 13th to the 15th of July``, ``between
  the 13th and 15th of July``; ``July 13 to 15 people`` is the day alone; ``18 and 19 June``
  is two dates, the first taking the month written once for both.
- **ranges of two dates**: joined by ``to``/``-``/``until``/``through`` (``and`` after
  ``between``), ends of the same precision or, both years written, of different ones (``from
  2014 through May 2018``); an approximate end may join (``from 2007 to the end of 2008``).
- **quarters and halves** (periods, precision ``quarter``/``half``): ``Q3 2019``, ``2019 Q3``,
  ``2019-Q1``, ``18q4``, ``2018Q4``, ``the third quarter of 2019``, ``4th quarter 2018``,
  ``3rd qtr``, ``the first quarter`` (year from publication), ``the third quarter of next
  year``, ``H2 2019``, ``2019 H2``, ``the second half of 2019``. A half needs its year
  written: "the second half" alone is mostly sport. A fiscal quarter is not a calendar one.
- **weeks** (periods, precision ``week``): ``the week of April 10th`` (Monday to Sunday),
  ``the week beginning February 4`` and ``w/c Feb 4`` (seven days from it), ``the first week
  of 2015`` and ``week 3 of 2027`` (ISO weeks), ``the 3rd week of January`` (the week holding
  the month's third Thursday, as ISO weeks count).
- **the nth weekday of a month**: ``the first Tuesday in November``, ``the last Friday of
  January``.
- **a day of the month without a month**: ``Tuesday the 19th``, ``Thu 15th``, ``Sunday
  31.``, ``on the 15th``: month and year from the publication date; only before punctuation
  or a small word (not ``the 9th U.S. Circuit``, ``Thursday, the first time``).
- **month, year, season, decade, century, weekday**: ``in March``, ``January 2024``,
  ``2016``, ``fiscal 2017``, ``summer of 2016``, ``the 1990s``, ``20th century``, ``on
  Friday``; with a bound word ``early``/``mid``/``late``/``the end of``/``the beginning
  of``/``the middle of`` (approx), ``at least`` (lower), ``around``/``circa`` (approx).

Overlapping atoms are settled by keeping the earliest, then the longest. A day alone at the
head of the text is the article's dateline (no claim) unless it lies more than a week from
the publication date ("fourth of July, 1995" opening a text of 2016 is a claim).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from factdb.extract.rules.patterns import lazy_re, trie_regex
from factdb.extract.rules.units import IRREGULAR_NOUNS

from . import words
from .holidays import holiday_before

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
# Meteorological seasons (northern hemisphere): first month and length in months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
ORDINAL_WORDS = {w: i for i, w in enumerate(_UNITS, 1)}
ORDINAL_WORDS["twentieth"] = 20
ORDINAL_WORDS["thirtieth"] = 30
for _i, _w in enumerate(_UNITS[:9], 1):
    ORDINAL_WORDS[f"twenty-{_w}"] = 20 + _i
ORDINAL_WORDS["thirty-first"] = 31

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
# Full names first so "Jan" never wins over "January"; abbreviations may carry a full stop.
_MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH}\.?)"
# Any case ("march 3", "14 NOV"): only in forms where a day or a year sits next to the name.
_MONTH_ANY = rf"(?i:{_FULL_MONTH}|{_ABBR_MONTH}\.?)"
_DIGIT_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORD_WORD = (
    r"(?i:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|twentieth|thirtieth|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
)
_DAY = rf"(?:{_DIGIT_DAY}|{_ORD_WORD})"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# What may not sit right after a number for it to be a year or a day: more digits,
# a decimal or thousands part, a letter ("2000km"), a percent sign.
_NUM_END = r"(?![\w%]|[.,][0-9])"
# ...and what may not sit right before it ("$2005", "1,2005", "Su-2000", "#2004").
_NOT_BEFORE_NUMBER = frozenset("$£€¥#.,/:+'’-_")
# Between the two days of a range sharing a month.
_DAY_CONN = r"(?P<conn>\s*[-–]\s*|\s+(?i:to|through|thru|till|until|and)\s+(?:the\s+)?)"
# A year after a day or month: on the same line, and not a clock time ("26 February 1400 GMT").
_NOT_TIME = r"(?![ \t]*(?:GMT|BST|UTC|[ECMP][SD]T|hrs\b|local\s+time))"
_YEAR_AFTER = rf"(?:[ \t]*,?[ \t]+(?:(?:of|in)[ \t]+)?(?P<y>{_YEAR}){_NUM_END}{_NOT_TIME})?"

# Pass 1 scans the text once for anchors (a run of digits, or a date word) with a regex shaped
# as a trie, so the engine rejects most positions on their first character; each anchor is then
# tried against the few forms that can start (or end) there with .match().
_ANCHOR_WORDS = sorted(
    {
        *(w.capitalize() for w in (*MONTHS, *WEEKDAYS, *WEEKDAY_ABBR, *SEASONS, *_UNITS)),
        *(w.capitalize() for w in ("fiscal", "century", "twenty", "thirty", "twentieth", "thirtieth")),
        "FY", "spring", "summer", "autumn", "winter", "fall", "fiscal", "century", "quarter", "qtr", "week", "Week",
    }
)


# Case-sensitive, and in lower case only the few words that start a date form in news
# (seasons, "fiscal", "century", "quarter", "half"): every lower-case letter in the engine's
# first-character test would make it try nearly every position. A month name in lower case
# is found from the day or year after it ("march 3", "may 2017"), an ordinal word from the
# month after it ("the first of March").
# Digits and words are two scans: one pattern holding both would lose the engine's
# first-character test and cost twice the time of the two.
_ANCHOR = re.compile(r"(?:" + trie_regex(_ANCHOR_WORDS) + r")(?![A-Za-z])")
# A lower-case month after "of"/"in" ("the first of march", "first tuesday in october"):
# two scans for a literal word, which the engine runs at the speed of a substring search.
_OF_LOWER_MONTH = tuple(
    re.compile(rf"{w} (?P<m>{trie_regex(sorted(MONTHS))})(?![A-Za-z])") for w in ("of", "in")
)
_LOWER_MONTH_BEFORE = lazy_re(
    rf"(?<![\w.])(?P<m>{_FULL_MONTH.lower()}|{_ABBR_MONTH.lower()}\.?)(?:\s+(?:the|of|in))?,?\s+\Z"
)
_ORDINAL_OF_BEFORE = lazy_re(
    rf"(?<![\w-])(?P<d>{_ORD_WORD})(?:{_DAY_CONN.replace('(?P<conn>', '(?:')}{_ORD_WORD})?\s+(?:(?i:day)\s+)?(?i:of)\s+\Z"
)
_NUMERIC_BEFORE_DASH = lazy_re(r"(?<![0-9/.-])[0-9]{1,2}([/.-])[0-9]{1,2}(?:\1[0-9]{2,4})?\Z")
_WEEK_OF_BEFORE = lazy_re(
    r"(?<![\w/])(?P<w>[Ww]eek\s+of(?:\s+the)?|[Ww]eek\s+(?P<from>beginning|starting|commencing)(?:\s+on)?"
    r"|[Ww]eek\s+(?P<to>ending|ended)(?:\s+on)?|w/c)\s+\Z"
)
_WEEK_N = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_NTH_WEEK_BEFORE = lazy_re(r"(?<![\w-])(?P<n>(?i:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th))\s+\Z")
_HALF_BEFORE = lazy_re(r"(?<![\w-])(?i:first|second|1st|2nd)[\s-]+(?i:half)\s+(?:(?i:of)\s+)?\Z")
_NTH_WEEKDAY_BEFORE = lazy_re(
    r"(?<![\w-])(?P<n>(?i:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th))\s+"
    r"(?P<w>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+(?i:of|in)\s+\Z"
)
_ORDINAL_BEFORE = lazy_re(r"(?<![\w-])(?i:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+\Z")

_P = {
    "iso": lazy_re(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})(?![\w]|[-/][0-9]|\.[0-9])"),
    "ym": lazy_re(r"(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})(?![\w%]|[-/.,][0-9])"),
    "ymon": lazy_re(
        rf"(?P<y>{_YEAR})(?P<sep>[-/])(?P<m>{_MONTH_ANY})(?:(?P=sep)(?P<d>[0-9]{{1,2}}))?(?![\w]|[-/][0-9])"
    ),
    "yq": lazy_re(rf"(?P<y>{_YEAR})\s?[-/]?\s?(?P<qh>[QqHh])(?P<n>[1-4])(?![\w])"),
    "yyq": lazy_re(r"(?P<y>[0-9]{2})(?P<qh>[Qq])(?P<n>[1-4])(?![\w])"),
    "yrange": lazy_re(
        rf"(?P<y>{_YEAR})\s*(?P<sep>[-–—/~])\s*(?P<y2>{_YEAR}|[0-9]{{2}}){_NUM_END}(?![-–/][0-9])"
    ),
    "decade": lazy_re(r"(?P<y>1[0-9]{2}0|20[0-9]0)['’]?s\b"),
    "year": lazy_re(rf"(?P<y>{_YEAR}){_NUM_END}(?!\s*[-–/~]\s*[0-9])"),
    # 3/3/2015, 03/03/15, 12.03.2015, 3-3-2015
    "mdy_num": lazy_re(
        r"(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})"
        # not inside a longer run of numbers ("4-8-19-27-34"), unless a range of two dates
        r"(?![\w]|[/.,][0-9]|-(?![0-9]{1,2}(?P<sep2>[/.-])[0-9]{1,2}(?P=sep2)[0-9]{2,4}(?![\w/.-])))"
    ),
    # 11/20 (yearless; only after a date word or next to a date)
    "md_num": lazy_re(r"(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})(?![\w/]|[.,-][0-9](?![0-9]?/))"),
    # 2/2013, 12-2015
    "my_num": lazy_re(rf"(?P<m>[0-9]{{1,2}})[-/](?P<y>{_YEAR})(?![\w]|[-/.,][0-9])"),
    # 05-Aug-2016, 23/Sep/2020
    "dmy_sep": lazy_re(rf"(?P<d>[0-9]{{1,2}})(?P<sep>[-/])(?P<m>{_MONTH_ANY})(?P=sep)(?P<y>{_YEAR})(?![\w]|[-/][0-9])"),
    "dmy": lazy_re(
        rf"(?P<d>{_DAY})(?:{_DAY_CONN}(?P<d2>{_DAY}))?\s+(?P<dayof>(?i:day\s+))?(?P<of>(?i:of\s+))?(?P<m>{_MONTH_ANY})(?!\w)"
        + _YEAR_AFTER
    ),
    "mdy": lazy_re(
        rf"(?P<m>{_MONTH_ANY})(?:\s+(?P<the>the))?\s+(?P<d>{_DAY})(?:{_DAY_CONN}(?P<d2>{_DAY}))?(?![\w%]|[-–.,:/][0-9])"
        + _YEAR_AFTER
    ),
    # Dec-2018, Dec/2018, Sep-23-2020, Oct/2
    "mon_sep": lazy_re(
        rf"(?P<m>{_MONTH_ANY})(?P<sep>[-/])(?:(?P<y>{_YEAR})|(?P<d>[0-9]{{1,2}})(?:(?P=sep)(?P<y2>{_YEAR}))?)(?![\w]|[-/][0-9])"
    ),
    "my": lazy_re(rf"(?P<m>{_MONTH_ANY}),?[ \t]+(?:(?i:of|in)[ \t]+)?(?P<y>{_YEAR}){_NUM_END}{_NOT_TIME}"),
    "month": lazy_re(rf"(?P<m>{_FULL_MONTH}|{_ABBR_MONTH}(?![.\w]))(?!\w)(?P<poss>['’]s\b)?", re.IGNORECASE),
    "weekday": lazy_re(r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w\-])"),
    "weekday_day": lazy_re(
        r"(?i:(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?)"
        rf",?\s+(?:(?P<the>the)\s+)?(?P<d>{_DIGIT_DAY}|{_ORD_WORD})(?![\w/:-]|[.,][0-9])(?!\s*(?:of\s+)?{_MONTH_ANY}(?!\w))"
    ),
    "day_only": lazy_re(r"(?P<d>(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w-])"),
    "season": lazy_re(
        rf"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\b(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END})?"
    ),
    "fiscal": lazy_re(rf"(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?)(?P<y>{_YEAR}|[0-9]{{2}}){_NUM_END}"),
    "century": lazy_re(r"[Cc]entury\b"),
    "nth_week": lazy_re(
        rf"[Ww]eek\s+of\s+(?:(?P<y>{_YEAR}){_NUM_END}|(?P<m>{_MONTH_ANY})(?!\w)(?:,?\s+(?P<y2>{_YEAR}){_NUM_END})?)"
    ),
    "week_n": lazy_re(rf"[Ww]eek\s+(?P<n>[1-9]|[1-4][0-9]|5[0-3])\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END}"),
    "q": lazy_re(rf"(?P<qh>[QqHh])(?P<n>[1-4])(?:\s?(?:[-/]\s?|\s(?:of\s+)?)(?P<y>{_YEAR}))?(?![\w])"),
    "nth_quarter": lazy_re(
        r"(?P<n>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?P<unit>(?i:quarter|qtr))(?![\w])"
        rf"(?:(?:\s+(?:of\s+)?|,\s+)(?:(?P<y>{_YEAR}){_NUM_END}|(?i:(?:the\s+)?(?P<rel>this|next|last)\s+year)))?"
    ),
    "nth_half": lazy_re(rf"(?P<n>(?i:first|second|1st|2nd))[\s-]+(?i:half)(?:\s+of)?\s+(?P<y>{_YEAR}){_NUM_END}"),
}
_QUARTER_N = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Words just before an anchor that belong in the span (searched in a short window).
_MOD_BEFORE = lazy_re(
    r"(?<!\w)(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)\s+of)"
    r"(?:\s+|-)\Z"
)
_BOUND_BEFORE = lazy_re(
    r"(?<!\w)(?P<bnd>[Aa]t\s+least|[Aa]round|[Cc]irca|[Aa]pproximately|[Rr]oughly)\s+\Z"
)
_SEASON_MOD_BEFORE = lazy_re(
    r"(?<!\w)(?P<smod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id)(?:\s+|-)\Z"
)
_CENTURY_BEFORE = lazy_re(
    r"(?<!\w)(?:(?P<mod>early|mid|late)(?:\s+|-))?"
    r"(?:(?P<c>1[0-9]|2[01]|[1-9])(?:st|nd|rd|th)|(?P<cw>"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r"))[\s-]+\Z",
    re.IGNORECASE,
)

# Words before a bare month that make it a date ("in March", "Last April's").
_MONTH_CONTEXT = frozenset(
    "in since by until till from during last next this of before after through throughout to "
    "for between early mid late each every".split()
)
# A month as the modifier of an event or a figure after a determiner: "his April order", "at
# January levels", "its March meeting", "the May elections". The noun must be one of these, so
# "the May government" or "a March morning" stay unread.
_MONTH_MODIFIER_BEFORE = frozenset("the its his her their our at a".split())
_MONTH_MODIFIED = frozenset(
    "meeting meetings order orders report reports level levels figure figures data election elections "
    "vote poll polls survey deadline session summit talks visit ruling decision hearing trial statement "
    "release sales results referendum primary primaries deal agreement rally protest protests budget "
    "forecast forecasts estimate estimates edition announcement".split()
)
# Words before a yearless numeric date (11/20) or a lone day ("the 15th") that make it a date.
# ("from 4/6 to 1/2" is more often betting odds, "by 3/4" a fraction.)
_DATE_PREP = frozenset("on since until till".split())
_NUMERIC_NAMES = frozenset({(9, 11), (24, 7), (7, 11), (7, 7)})  # 9/11, 24/7, 7/11 (7-Eleven), 7/7
_PERSON_TITLES = frozenset("mr mrs ms miss dr theresa sir lady lord".split())
# Capitalised words that may sit right before a year without making it part of a name.
_NAME_EXCEPTIONS = frozenset(
    "in since by until till from during last next this of before after through throughout to for "
    "between early mid late around about circa each every and or than on as into the its their his "
    "her our year fiscal christmas easter new spring summer autumn winter fall but".split()
)
_WEEKDAY_NAMES = frozenset("good black bloody super cyber man holy ash palm easter shrove".split())
# After a date in lower case or with its day in words, what may follow: punctuation, the end,
# or one of these words; any other lower-case word makes it prose ("troops march 3 miles",
# "10 may have died", "in May first-round voting").
_FOLLOW_OK = frozenset(
    "and or to through thru till until in at on of for from by is was will would the this that "
    "last next when as with after before but".split()
)
_ON_THE = lazy_re(r"(?<!\w)[Oo]n\s+the\s+\Z")
_NEXT_WORD = lazy_re(r"[ \t]+([a-z][a-z'’-]*)")
_TIME_AFTER = lazy_re(r"\s*(?:GMT|BST|UTC|[ECMP][SD]?T|hrs|hours|h\b|local\s+time)")
# "between 2000 and 2100 GMT", "from 1800 to 2000 BST": the first of two clock times whose
# zone is written once, after the second
_CLOCK_PAIR_AFTER = lazy_re(
    r"\s*(?:and|to|until|till|-|–)\s*(?:[01]\d|2[0-4])[0-5]\d"
    r"\s*(?:GMT|BST|UTC|[ECMP][SD]?T|hrs|hours|h\b|local\s+time)"
)
_CONNECTOR = lazy_re(r"\s*(?:[-–—~]|to|until|till|through|thru|and)\s*(?:the\s+)?\Z", re.IGNORECASE)
_LIST_JOIN = lazy_re(r"\s*(?:,|and|or|,\s*and|,\s*or|to|-|–)\s*\Z")
_PERIOD_PREFIX = lazy_re(r"(?<!\w)([Ff]rom|[Bb]etween)\s+(?:the\s+)?\Z")
_DATELINE_PREFIX = lazy_re(
    r"(?:\A|\n)[ \t]*(?:(?:date|dated|published|updated|posted)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\w*\.?,?\s+)?\Z",
    re.IGNORECASE,
)
_DATELINE_LABEL = lazy_re(r"(?:date|dated|published|updated|posted)(?:\s+on)?\s*:?\s*\Z", re.IGNORECASE)
_DATELINE_REST = lazy_re(
    r"[ \t,.|]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*\w{0,4})?[ \t]*(?:\n|\Z)"
)
_NEWSWIRE_AFTER = lazy_re(r"\s*\((?:Reuters|AP|AFP|Xinhua|Yonhap|Bloomberg|UPI)\)")


@dataclass(frozen=True)
class Atom:
    """One date expression before resolution: its span and the calendar parts it states."""

    start: int
    end: int
    precision: str  # day, month, year, weekday, season, decade, century, quarter, half
    y: int | None = None
    m: int | None = None  # for a season, quarter or half: its first month
    d: int | None = None  # for a weekday: 0 (Monday) .. 6
    # The far end of a range stated inside one expression ("December 3-5", "2016-17").
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    bound: str = "exact"
    relative: str | None = None  # "last", "this", "next": how a yearless date resolves
    wd: int | None = None  # a weekday the day must fall on ("Tuesday the 19th")
    weak: bool = False  # only a date if a neighbouring date vouches for it
    lower: bool = False  # a bare month in lower case: only a date as one end of "from ... to ..."
    numeric: bool = False  # a yearless 11/20: joins another such only after "from"/"between"
    # a week (precision "week"): "from" the day d ("the week beginning May 3"), the week "of"
    # the day d (Monday to Sunday), "iso" week d of year y, or the "nth" (d) week of month m
    week: str | None = None
    nth: int | None = None  # the nth (-1: last) weekday wd of month m: "the first Tuesday in November"
    confidence: float = 0.9
    # A date stated as a distance from this one (:mod:`.offsets`): "3 days after January 12th"
    # is (3, "day"), "2 weeks before May 13" (-2, "week").
    offset: tuple[int, str] | None = None
    # A period stated as this day and a length: "from 18 Dec for 10 days" is (10, "day").
    length: tuple[int, str] | None = None


def max_day(m: int, y: int | None) -> int:
    # Without a year, February 29 is possible.
    return calendar.monthrange(y if y is not None else 2000, m)[1]


def _day(s: str) -> int:
    low = s.lower().replace(" ", "-")
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    return int(low.rstrip("stndrh"))


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _year2(raw: str) -> int:
    """A year written with two digits: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    if len(raw) == 4:
        return int(raw)
    n = int(raw)
    return 2000 + n if n < 30 else 1900 + n


def _before(rx: re.Pattern, text: str, pos: int, window: int = 30) -> re.Match | None:
    """``rx`` (anchored with ``\\Z``) matched against the few characters just before ``pos``."""
    return rx.search(text, max(0, pos - window), pos)


def _tail_has(text: str, pos: int, words: tuple[str, ...], window: int = 30) -> bool:
    """Does one of ``words`` occur in the few characters before ``pos``? A substring test that
    spares most positions the look-back regex (which tries every start in its window)."""
    tail = text[max(0, pos - window) : pos].lower()
    return any(w in tail for w in words)


_MOD_WORDS = ("early", "mid", "late", " of")
_BOUND_WORDS = ("least", "around", "circa", "approx", "roughly")


def _prev_word(text: str, pos: int) -> str:
    """The token just before ``pos`` (punctuation included), looking back a short way only."""
    if pos == 0 or not text[pos - 1].isspace():
        return ""
    words = text[max(0, pos - 24) : pos].split()
    return words[-1] if words else ""


def _number_starts(text: str, pos: int) -> bool:
    """A number may start here: not glued to a word, a currency sign, a decimal or a designation."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    return ch not in _NOT_BEFORE_NUMBER and not ch.isalnum()


def _word_starts(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def _name_before(text: str, pos: int) -> bool:
    """A capitalised word right before a number names a thing: ``Euro 2004``, ``Windows 2000``."""
    prev = _prev_word(text, pos)
    if not prev or not prev[0].isupper() or not prev[-1].isalpha():
        return False
    low = prev.lower()
    return low not in _NAME_EXCEPTIONS and low not in MONTHS


def _lower_month_before(text: str, pos: int) -> bool:
    """Is the word before ``pos`` (or the one before "of"/"in"/"the") a month name in lower case?"""
    words = text[max(0, pos - 16) : pos].split()
    if not words:
        return False
    last = words[-1].rstrip(".,")
    if last in ("of", "in", "the") and len(words) > 1:
        last = words[-2].rstrip(".,")
    return last in MONTHS


def _next_is_capital(text: str, pos: int) -> bool:
    return pos + 1 < len(text) and text[pos] == " " and text[pos + 1].isupper()


_NEXT_TOKEN = lazy_re(r"[ \t]+([A-Za-z][\w'’.-]*)")


def _follow_strict(text: str, end: int) -> bool:
    """Only punctuation, the end, or a small lower-case word follows ``end``: "on the 9th." but
    not "the 9th U.S. Circuit", "Thursday, the first time"."""
    m = _NEXT_TOKEN.match(text, end)
    return not m or m.group(1) in _FOLLOW_OK


def _follow_ok(text: str, end: int) -> bool:
    """Nothing but punctuation, the end, a capital or a small function word follows ``end``."""
    m = _NEXT_WORD.match(text, end)
    return not m or m.group(1) in _FOLLOW_OK


def _second_day_ok(text: str, end: int) -> bool:
    """After "June 24 and 25", is the 25 a day? Yes before punctuation, a capital or a small
    word, and before a verb ("... 25 form part of the tour"); no before a plural noun that
    it counts ("March 3 and 4 people", "May 1 and 2 goals"): a word ending in "s" or an
    unmarked plural."""
    if _follow_ok(text, end):
        return True
    w = _NEXT_WORD.match(text, end)
    word = w.group(1).lower() if w else ""
    return not word.endswith(("s", "'", "’")) and word not in IRREGULAR_NOUNS


def _starts_with_month(s: str) -> bool:
    word = re.match(r"[A-Za-z]+", s)
    return bool(word) and word.group(0).lower() in MONTHS


def _is_lower(name: str) -> bool:
    return name[:1].islower()


def _range_prefix(text: str, pos: int, the: bool = True) -> re.Match | None:
    """``from``/``between`` (and ``the`` if ``the``) just before ``pos``: the start of a range."""
    m = _PERIOD_PREFIX.search(text, max(0, pos - 14), pos)
    return m if m and (the or not m.group(0).rstrip().endswith("the")) else None


# ---------------------------------------------------------------------------------------
# Pass 1: atoms. Each function tries its forms at one anchor position.


_DIGIT_RUN = re.compile(r"[0-9]+")


def _at_digits(text: str, pos: int, run: int | None = None) -> Iterator[Atom]:
    """Forms starting at the run of ``run`` digits at ``pos`` (all of them: the run is not followed
    by a digit). Every year form needs exactly four digits, since none may be followed by a word
    character; a day, a numeric month or a two-digit year needs one or two. Other runs start no
    date."""
    if run is None:
        run = len(_DIGIT_RUN.match(text, pos).group())
    starts = _number_starts(text, pos)
    if not starts and run <= 2 and text[pos - 1] in "-–" and _before(_NUMERIC_BEFORE_DASH, text, pos - 1, 12):
        # "10/1/2018-10/7/2018", "10/1-11/7": the far end of a range of numeric dates
        m = _P["mdy_num"].match(text, pos)
        if m:
            yield from _numeric_date(m, pos)
            return
        m = _P["md_num"].match(text, pos)
        if m:
            yield from _numeric_day_month(text, m, pos)
            return
    if not starts and text[pos - 1].isalpha():
        yield from _glued_before(text, pos, run)  # "Dec31", "mar3", "CY18"
        return
    # an era is rare: two C-level string tests settle most numbers before any regex runs
    era = _ERA_AFTER.match(text, pos + run) if run <= 4 and text.startswith(_ERA_STARTS, pos + run) else None
    era_before = run <= 4 and not era and text.endswith(_ERA_BEFORE, 0, pos)
    if era or era_before:
        if starts and not (era and era["era"].lower().startswith("b")) and int(text[pos : pos + run]) > 0:
            start = text.rindex("A", 0, pos) if era_before else pos
            yield Atom(start, era.end() if era else pos + run, "year", int(text[pos : pos + run]))
        return  # "14 a.d.", "AD 800"; "300 BC" is no date this calendar can write
    if run == 8 and (starts or text[pos - 1] in "-_") and not _in_address(text, pos, 8):
        yield from _compact(text, pos)  # 20170302
        return
    if run == 4 and not starts and text[pos - 1] in "-_" and text[pos - 2 : pos - 1].isalnum() and not _in_address(text, pos, 10):
        # a full date inside a file name or an address: "report-2002-10-09.xlsx"
        m = _P["iso"].match(text, pos)
        if m and m["sep"] == "-":
            yield from _numeric_with_year(text, pos)
    if starts and run <= 2 and text[pos + run : pos + run + 1].isalpha() and not _in_address(text, pos, run):
        yield from _glued_after(text, pos, run)  # "14april 2015"
    if pos > 1 and text[pos - 2].islower() and text[pos - 1] in " \t" and (run <= 2 or run == 4):
        low = _before(_LOWER_MONTH_BEFORE, text, pos, 14) if _lower_month_before(text, pos) else None
        if low:  # "march 3", "on june 5th", "may 2017"
            yield from _month_first(text, low.start())
    if run == 2 and text[pos - 1 : pos] in ("'", "’") and text.startswith("0s", pos + 1):
        yield from _short_decade(text, pos)  # "the '90s", "mid-’80s"
        return
    if run <= 2:
        if starts:
            yield from _at_short_number(text, pos, run)
        return
    if run == 4 and starts and text.startswith(("21", "22"), pos):
        yield from _far_year(text, pos)  # "by 2100"
        return
    if run != 4:
        return
    mod = _before(_MOD_BEFORE, text, pos) if _tail_has(text, pos, _MOD_WORDS) else None
    if starts:
        yield from _numeric_with_year(text, pos)
        hol = holiday_before(text, pos)
        m = _P["year"].match(text, pos) if hol else None
        if m:  # "Christmas 2014", "Easter 2018", "Black Friday 2010"
            day = hol[1](int(m["y"]))
            yield Atom(hol[0], m.end(), "day", day.year, day.month, day.day, confidence=0.85)
        half = _before(_HALF_BEFORE, text, pos, 20) if _tail_has(text, pos, ("half",), 20) else None
        m = _P["nth_half"].match(text, half.start()) if half else None
        if m:  # "the second half of 2019", found from its year
            yield from _nth_quarter(text, m, half.start())
    m = _P["yrange"].match(text, pos)
    yrange = False
    if m and starts and not _name_before(text, pos):
        y, raw2 = int(m["y"]), m["y2"]
        y2 = int(raw2) if len(raw2) == 4 else (y // 100) * 100 + int(raw2)
        if y2 > y and not (m["sep"] == "/" and y2 - y > 1):
            yrange = True
            prefix = _range_prefix(text, pos, the=False)  # not "from the 2007-09 recession"
            yield Atom(prefix.start(1) if prefix else pos, m.end(), "year", y, y2=y2, bound="range")
    m = _P["ym"].match(text, pos)
    if m and starts and not yrange and 1 <= int(m["m"]) <= 12 and 1000 <= int(m["y"]) <= 2099:
        y, mo = int(m["y"]), int(m["m"])
        if len(m["m"]) == 1 and (y + 1) % 10 == mo and not _name_before(text, pos):
            yield Atom(pos, m.end(), "year", y, y2=y + 1, bound="range")  # "the 2008-9 crisis", "1998/9"
        else:
            yield Atom(pos, m.end(), "month", y, mo, confidence=0.85)
    m = _P["decade"].match(text, pos)
    if m and (starts or mod):
        y = int(m["y"])
        start = mod.start() if mod else pos
        # "the 1800s", "the early 1900s": a hundred years; "the 2000s" is the decade
        span = 99 if y % 100 == 0 and y < 2000 else 9
        yield Atom(start, m.end(), "century" if span == 99 else "decade", y, y2=y + span, bound="approx" if mod else "range")
    m = _P["year"].match(text, pos)
    if m:
        yield from _year(text, m, pos, starts, mod)


def _short_decade(text: str, pos: int) -> Iterator[Atom]:
    """A decade written with two digits after an apostrophe: ``the '90s``, ``mid-’80s``. Without
    the apostrophe "the 90s" is as often a temperature or an age."""
    if pos > 1 and (text[pos - 2].isalnum() or text[pos - 2] in "'’") or text[pos + 3 : pos + 4].isalnum():
        return
    y = _year2(text[pos : pos + 2])
    mod = _before(_MOD_BEFORE, text, pos - 1) if _tail_has(text, pos - 1, _MOD_WORDS) else None
    start = mod.start() if mod else pos - 1
    yield Atom(start, pos + 3, "decade", y, y2=y + 9, bound="approx" if mod else "range", confidence=0.8)


# Words before a year past 2099 that make it one: "by 2100", "until 2150" (else a count).
_FAR_YEAR_PREP = frozenset("by in until till before after through to from since".split())


def _far_year(text: str, pos: int) -> Iterator[Atom]:
    """A year from 2100 to 2299 after a preposition, followed by nothing that makes it a count
    (``by 2100``, ``until 2150,``; not ``by 2100 votes``)."""
    if text[pos + 4 : pos + 5].isalnum() or text[pos + 4 : pos + 6] in (",0", ",1", ".0", ".5"):
        return
    if _TIME_AFTER.match(text, pos + 4) or _CLOCK_PAIR_AFTER.match(text, pos + 4):
        return  # "until 2200 GMT", "to 2130 BST": a clock time
    if _prev_word(text, pos).lower() in _FAR_YEAR_PREP and _follow_ok(text, pos + 4):
        yield Atom(pos, pos + 4, "year", int(text[pos : pos + 4]), confidence=0.75)


_YEAR_AFTER_RX = lazy_re(_YEAR_AFTER)
_DAY_SUFFIX = lazy_re(r"(?:st|nd|rd|th)?(?![\w])")
# An era after a year ("14 a.d.", "1066 AD", "300 BC") or before it ("AD 800").
_ERA_AFTER = lazy_re(r"[ \t]*(?P<era>A\.D\.|a\.d\.|AD|C\.E\.|CE|B\.C\.(?:E\.)?|b\.c\.|BCE?)(?![\w])")
_ERA_BEFORE = (" AD ", " A.D. ", "\nAD ", "\nA.D. ")
_ERA_STARTS = tuple(f"{sp}{e}" for sp in ("", " ") for e in ("A.D.", "a.d.", "AD", "C.E.", "CE", "B.C", "b.c.", "BC"))
# Year codes glued to the year: fiscal and calendar years ("FY18", "cy2018").
_YEAR_CODES = frozenset({"fy", "cy"})


def _glued_before(text: str, pos: int, run: int) -> Iterator[Atom]:
    """A month name or a year code written against its number: ``Dec31, 1994``, ``mar3``,
    ``Feb13``, ``CY18``, ``fy2019``. The letters must be the whole word before the digits."""
    k = pos
    while k > 0 and text[k - 1].isalpha() and pos - k <= 9:
        k -= 1
    if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_-/.'’"):
        return  # part of a longer token: "abc-Dec31", "mp3"
    word = text[k:pos].lower()
    if word not in _YEAR_CODES and word not in MONTHS or _in_address(text, pos, run):
        return
    if word in _YEAR_CODES and run in (2, 4) and not text[pos + run : pos + run + 1].isalnum():
        raw = text[pos : pos + run]
        yield Atom(k, pos + run, "year", int(raw) if run == 4 else 2000 + int(raw))
    elif word in MONTHS and run <= 2:
        suffix = _DAY_SUFFIX.match(text, pos + run)
        d, mo = int(text[pos : pos + run]), MONTHS[word]
        if suffix and 1 <= d <= max_day(mo, None):
            y = _YEAR_AFTER_RX.match(text, suffix.end())
            if y["y"] and d > max_day(mo, int(y["y"])):
                return
            yield Atom(k, y.end() if y["y"] else suffix.end(), "day", int(y["y"]) if y["y"] else None, mo, d, confidence=0.75)


def _in_address(text: str, pos: int, run: int) -> bool:
    """Is the number at ``pos`` part of a web address, a path or an encoded string? A date in
    ``/la-na-flint-water-20160122-story.html`` or ``%20Nov%20`` names a page, not an event."""
    before = text[max(0, pos - 150) : pos].rsplit(None, 1)
    token = (before[-1] if before and not text[pos - 1 : pos].isspace() else "") + text[pos : pos + run + 40].split(None, 1)[0]
    return any(c in token for c in "/%=\\<>\"") or "www." in token


_GLUED_MONTH = lazy_re(r"([A-Za-z]{3,9})(?![\w])")


def _glued_after(text: str, pos: int, run: int) -> Iterator[Atom]:
    """A day written against the month after it: ``14april 2015``, ``3Dec``."""
    m = _GLUED_MONTH.match(text, pos + run)
    if not m or m.group(1).lower() not in MONTHS:
        return
    d, mo = int(text[pos : pos + run]), MONTHS[m.group(1).lower()]
    y = _YEAR_AFTER_RX.match(text, m.end())
    year = int(y["y"]) if y["y"] else None
    if 1 <= d <= max_day(mo, year):
        yield Atom(pos, y.end() if year else m.end(), "day", year, mo, d, confidence=0.75)


def _compact(text: str, pos: int) -> Iterator[Atom]:
    """``20170302``: eight digits that read as year, month and day, nothing glued after them."""
    raw = text[pos : pos + 8]
    y, mo, d = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    after = text[pos + 8 : pos + 9]
    if 1900 <= y <= 2099 and 1 <= mo <= 12 and 1 <= d <= max_day(mo, y) and not (after.isalnum() or after in "%"):
        yield Atom(pos, pos + 8, "day", y, mo, d, confidence=0.7)


def _numeric_with_year(text: str, pos: int) -> Iterator[Atom]:
    """Year-first numeric forms: 2024-01-03, 2015/3/3, 2019/aug/01, 2019 Q3, 2019-H2."""
    m = _P["iso"].match(text, pos)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= max_day(mo, y) and (m["sep"] == "-" or 1000 <= y <= 2099):
            yield Atom(pos, m.end(), "day", y, mo, d, confidence=0.95)
    m = _P["ymon"].match(text, pos)
    if m:
        y, mo = int(m["y"]), _month(m["m"])
        if m["d"] and 1 <= int(m["d"]) <= max_day(mo, y):
            yield Atom(pos, m.end(), "day", y, mo, int(m["d"]))
        elif not m["d"]:
            yield Atom(pos, m.end(), "month", y, mo)
    m = _P["yq"].match(text, pos)
    if m:
        yield from _quarter_or_half(pos, m.end(), m["qh"], int(m["n"]), int(m["y"]))


_NUMERIC_SEPARATORS = ("/", ".", "-")
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def _at_short_number(text: str, pos: int, run: int) -> Iterator[Atom]:
    """Forms starting at a number of one or two digits (``run``): days, numeric dates, quarters.

    The numeric forms need their separator, a quarter its "Q" and a bare day its ordinal
    suffix right after the digits: a look at those characters spares most numbers five of
    the seven regexes (each form's regex still decides)."""
    m = _P["dmy"].match(text, pos)
    if m:
        yield from _day_month(text, m, pos)
    after = text[pos + run : pos + run + 2]
    if after[:1] in _NUMERIC_SEPARATORS:
        yield from _numeric_at(text, pos)
    if run == 2 and after[:1] in ("Q", "q"):
        m = _P["yyq"].match(text, pos)
        if m:
            yield from _quarter_or_half(pos, m.end(), "q", int(m["n"]), _year2(m["y"]))
    if after in _ORDINAL_SUFFIXES:
        m = _P["day_only"].match(text, pos)
        if m and _before(_ON_THE, text, pos) and _follow_strict(text, m.end()):
            yield Atom(pos, m.end(), "day", d=_day(m["d"]), confidence=0.7)


def _numeric_at(text: str, pos: int) -> Iterator[Atom]:
    """The numeric forms of :func:`_at_short_number`: 3/3/2015, 11/20, 5/2017, 3-Dec-2015."""
    m = _P["mdy_num"].match(text, pos)
    if m:
        yield from _numeric_date(m, pos)
    else:
        m = _P["md_num"].match(text, pos)
        if m:
            yield from _numeric_day_month(text, m, pos)
    m = _P["my_num"].match(text, pos)
    if m and 1 <= int(m["m"]) <= 12:
        yield Atom(pos, m.end(), "month", int(m["y"]), int(m["m"]), confidence=0.8)
    m = _P["dmy_sep"].match(text, pos)
    if m:
        y, mo, d = int(m["y"]), _month(m["m"]), int(m["d"])
        if 1 <= d <= max_day(mo, y):
            yield Atom(pos, m.end(), "day", y, mo, d)


def _numeric_date(m: re.Match, pos: int) -> Iterator[Atom]:
    """3/3/2015 (month first), 22/04/2016 (day first: 22 > 12), 12.03.2015 (full stops: day first)."""
    a, b, y = int(m["a"]), int(m["b"]), _year2(m["y"])
    if m["sep"] == ".":
        d, mo = (a, b) if b <= 12 else (b, a)
        if len(m["y"]) == 2:
            return  # 1.5.10 reads as a version or a score more often than as a date
    else:
        mo, d = (a, b) if a <= 12 else (b, a)
    if 1 <= mo <= 12 and 1 <= d <= max_day(mo, y):
        yield Atom(pos, m.end(), "day", y, mo, d, confidence=0.85)


def _numeric_day_month(text: str, m: re.Match, pos: int) -> Iterator[Atom]:
    """11/20 without a year: a date after a date word (``on``, ``from``), else weak."""
    a, b = int(m["a"]), int(m["b"])
    mo, d = (a, b) if a <= 12 else (b, a)
    if (a, b) in _NUMERIC_NAMES or not (1 <= mo <= 12 and 1 <= d <= max_day(mo, None)):
        return
    prev = _prev_word(text, pos).lower().rstrip(",")
    strong = prev in _DATE_PREP or prev in WEEKDAYS or prev in WEEKDAY_ABBR
    yield Atom(pos, m.end(), "day", None, mo, d, weak=not strong, numeric=True, confidence=0.75)


def _quarter_or_half(start: int, end: int, qh: str, n: int, y: int | None, relative: str | None = None) -> Iterator[Atom]:
    if qh in "Qq":
        yield Atom(start, end, "quarter", y, 3 * n - 2, bound="range", relative=relative)
    elif n <= 2:
        yield Atom(start, end, "half", y, 6 * n - 5, bound="range", relative=relative)


def _nth_quarter(text: str, m: re.Match, pos: int) -> Iterator[Atom]:
    """the third quarter of 2019, 4th quarter 2018, 3rd qtr, the second half of 2019."""
    prev = _prev_word(text, pos).lower()
    if prev == "fiscal" or prev.endswith("-"):
        return  # a fiscal quarter is not a calendar one
    n = _QUARTER_N[m["n"].lower()]
    is_half = "unit" not in m.groupdict()
    y = int(m["y"]) if m["y"] else None
    rel = m.groupdict().get("rel")
    rel = rel.lower() if rel else None  # "of this year", "of next year", "of last year"
    yield from _quarter_or_half(pos, m.end(), "h" if is_half else "q", n, y, rel)


def _year(text: str, m: re.Match, pos: int, starts: bool, mod: re.Match | None) -> Iterator[Atom]:
    y = int(m["y"])
    bnd = _before(_BOUND_BEFORE, text, pos) if _tail_has(text, pos, _BOUND_WORDS) else None
    if bnd and starts:
        bound = "lower" if bnd["bnd"].lower().startswith("at") else "approx"
        yield Atom(bnd.start(), m.end(), "year", y, bound=bound)
        return
    if mod:
        yield Atom(mod.start(), m.end(), "year", y, bound="approx")
        return
    if not starts or _name_before(text, pos) or _TIME_AFTER.match(text, m.end()):
        return
    if y % 100 < 60 and y <= 2400 and _CLOCK_PAIR_AFTER.match(text, m.end()):
        return  # a clock time: "between 2000 and 2100 GMT"
    prev = _prev_word(text, pos).lower()
    old = y < 1800 and prev not in ("in", "since", "from", "of", "until", "by", "before", "after")
    yield Atom(pos, m.end(), "year", y, weak=old, confidence=0.8)


def _day_month(text: str, m: re.Match, pos: int) -> Iterator[Atom]:
    """A day (or two, sharing the month) and a month, maybe a year: from mdy or dmy."""
    name = m["m"]
    mo, d = _month(name), _day(m["d"])
    y = int(m["y"]) if m["y"] else None
    worded = not m["d"][0].isdigit() or (m["d2"] and not m["d2"][0].isdigit())
    if y is None and (_is_lower(name) or worded) and not _follow_ok(text, m.end()) and not _worded_year_after(text, m.end()):
        return  # "troops march 3 miles", "10 may have died"
    if worded and "dayof" in m.groupdict() and not m["of"]:
        return  # "the first May election": a word ordinal before a month needs "of"
    if d > max_day(mo, y):
        return
    if not m["d2"]:
        yield Atom(pos, m.end(), "day", y, mo, d)
        return
    d2 = _day(m["d2"])
    prefix = _range_prefix(text, pos)
    conn = m["conn"].strip().lower()
    between = prefix and prefix.group(1).lower() == "between"
    month_first = m.start("m") < m.start("d")
    if conn == "and" and not between:
        # "February 16 and 17", "18 and 19 June": two dates; the first takes the month written
        # once for both, the second is found at its own number
        yield Atom(pos, m.end("d"), "day", None if month_first else y, mo, d)
        # "June 24 and 25": the second day has no month of its own after it, so it is read
        # here, with the month (and a year written after it); "March 3 and 4 people" is one date
        if month_first and d < d2 <= max_day(mo, y) and (y is not None or _second_day_ok(text, m.end())):
            yield Atom(m.start("d2"), m.end(), "day", y, mo, d2)
        return
    if d < d2 <= max_day(mo, y) and (conn in ("-", "–") or y is not None or not month_first or _follow_ok(text, m.end())):
        start = prefix.start(1) if prefix else pos
        yield Atom(start, m.end(), "day", y, mo, d, y2=y, m2=mo, d2=d2, bound="range")
    elif month_first:
        yield Atom(pos, m.end("d"), "day", None, mo, d)  # "July 13 to 15 people": the day alone


def _at_month(text: str, pos: int) -> Iterator[Atom]:
    prev = _prev_word(text, pos).rstrip(".").lower()
    if prev in _PERSON_TITLES:
        return  # "Theresa May", "Mrs May"
    mod = _before(_MOD_BEFORE, text, pos) if _tail_has(text, pos, _MOD_WORDS) else None
    yield from _month_first(text, pos)
    m = _P["month"].match(text, pos)
    if m:
        yield _bare_month(text, m, pos, prev, mod)


def _month_first(text: str, pos: int) -> Iterator[Atom]:
    """Forms that start with the month name at ``pos`` (March 3, Dec-2018, March 2017), or end
    with it after a day in words (the first of March)."""
    mod = _before(_MOD_BEFORE, text, pos) if _tail_has(text, pos, _MOD_WORDS) else None
    nw = _before(_NTH_WEEKDAY_BEFORE, text, pos, 40)
    if nw:  # "the first Tuesday in November", "third tuesday of september 2014"
        m = _P["my"].match(text, pos) or _P["month"].match(text, pos)
        if m:
            n = -1 if nw["n"].lower() == "last" else _WEEK_N[nw["n"].lower()]
            y = int(m["y"]) if "y" in m.groupdict() and m["y"] else None
            wd = WEEKDAYS[nw["w"].lower()]
            yield Atom(nw.start(), m.end(), "day", y, _month(m["m"]), nth=n, wd=wd, confidence=0.85)
    ordinal = _before(_ORDINAL_OF_BEFORE, text, pos, 60)
    if ordinal:  # "the first of March", "between the ninth and the seventeenth of April"
        m = _P["dmy"].match(text, ordinal.start())
        if m:
            yield from _day_month(text, m, ordinal.start())
    m = _P["mdy"].match(text, pos)
    if m:
        yield from _day_month(text, m, pos)
    yield from _month_words(text, pos)
    m = _P["mon_sep"].match(text, pos)
    if m:
        mo = _month(m["m"])
        if m["y"]:
            yield Atom(pos, m.end(), "month", int(m["y"]), mo)
        elif 1 <= int(m["d"]) <= max_day(mo, None):
            y = int(m["y2"]) if m["y2"] else None
            if y is None or int(m["d"]) <= max_day(mo, y):
                yield Atom(pos, m.end(), "day", y, mo, int(m["d"]))
    m = _P["my"].match(text, pos)
    if m:
        start = mod.start() if mod else pos
        yield Atom(start, m.end(), "month", int(m["y"]), _month(m["m"]), bound="approx" if mod else "exact")


_MONTH_TOKEN = lazy_re(r"([A-Za-z]+)(\.?)[ \t]+(?:(the)[ \t]+)?")
# What may stand between a day or month and a year after it in words or as 'YY.
_YEAR_GAP = lazy_re(r"[ \t]*,?[ \t]+(?:(?i:of|in)[ \t]+)?(?=[A-Za-z])")
_SHORT_YEAR_AFTER = lazy_re(r"(?:[ \t]*,?[ \t]+(?:of[ \t]+)?['’]|[ \t]+of[ \t]+)(?P<y>[0-9]{2})(?![\w'’%]|[.,][0-9])")


def _worded_year_after(text: str, end: int) -> tuple[int, int] | None:
    """A year in words right after a day or month (``nineteen eighty six``, ``two thousand and
    five``), followed by nothing that makes it a count (``two thousand people``)."""
    if text[end : end + 1] not in (" ", ",", "\t"):
        return None
    gap = _YEAR_GAP.match(text, end)
    found = words.year_words(text, gap.end()) if gap else None
    return found if found and _follow_ok(text, found[1]) else None


def _year_after_date(text: str, a: Atom) -> Atom:
    """A yearless day or month whose year follows in words or as two digits: ``October two
    thousand and five``, ``13 Sept nineteen seventy two``, ``April of 87``, ``Dec '18``."""
    if a.y is not None or a.m is None or a.precision not in ("day", "month") or a.m2 is not None:
        return a
    if a.wd is not None or a.nth is not None or a.week or a.relative:
        return a
    found = _worded_year_after(text, a.end)
    if found is None:
        near = text[a.end : a.end + 6]
        m = _SHORT_YEAR_AFTER.match(text, a.end) if ("'" in near or "’" in near or "of" in near) else None
        if m is None or not _follow_ok(text, m.end()):
            return a
        found = _year2(m["y"]), m.end()
    y, end = found
    if a.d and a.d > max_day(a.m, y):
        return a
    return replace(a, end=end, y=y, weak=False, lower=False)


def _month_words(text: str, pos: int) -> Iterator[Atom]:
    """A month with its day in words as a cardinal (``May twenty nine``, ``January twenty five
    nineteen eighty six``) or with a day in words before it and a year after (``twenty five
    January nineteen eighty six``, ``fifteen August 1993``). Ordinals after the month
    (``March first``) are the mdy form's."""
    m = _MONTH_TOKEN.match(text, pos)
    if not m or m.group(1).lower() not in MONTHS:
        return
    mo = MONTHS[m.group(1).lower()]
    # "June. One of the shows": a full stop after a full month name ends the sentence; a day
    # in words is written in lower case ("May twenty nine")
    full_stop = m.group(2) and len(m.group(1)) > 4
    ok = not m.group(3) and not full_stop and text[m.end() : m.end() + 1].islower()
    found = words.day_words(text, m.end()) if ok else None
    if found and not found[2] and found[0] <= max_day(mo, None):
        d, end = found[0], found[1]
        y = _YEAR_AFTER_RX.match(text, end)
        if y["y"]:
            yield Atom(pos, y.end(), "day", int(y["y"]), mo, d, confidence=0.8)
        elif _follow_ok(text, end) or _worded_year_after(text, end):
            yield Atom(pos, end, "day", None, mo, d, confidence=0.75)
    before = _day_words_before(text, pos)
    if before:
        start, d = before
        month_end = m.end(2) if m.group(2) else m.end(1)
        y = _YEAR_AFTER_RX.match(text, month_end)
        if y["y"] and d <= max_day(mo, int(y["y"])):
            yield Atom(start, y.end(), "day", int(y["y"]), mo, d, confidence=0.8)
        elif not y["y"]:
            wy = _worded_year_after(text, month_end)
            if wy and d <= max_day(mo, wy[0]):
                yield Atom(start, month_end, "day", None, mo, d, confidence=0.8)  # the year joins later


def _day_words_before(text: str, pos: int) -> tuple[int, int] | None:
    """A day in words (one or two words) ending just before the month at ``pos``: (start, day)."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == pos or j == 0 or not text[j - 1].isalpha():
        return None
    last = text[max(0, j - 12) : j].replace("-", " ").rsplit(None, 1)
    if not last or last[-1].lower() not in words.NUMBER_WORDS:
        return None  # most words before a month are no number: spare the token walk
    starts, k = [], j
    for _ in range(2):
        while k > 0 and text[k - 1].isalpha() and j - k < 24:
            k -= 1
        starts.append(k)
        s = k
        while s > 0 and text[s - 1] in " \t-":
            s -= 1
        if s == k or s == 0 or not text[s - 1].isalpha():
            break
        k = s
    for st in reversed(starts):  # the longer reading first: "twenty five", then "five"
        if st > 0 and text[st - 1].isalnum():
            continue
        found = words.day_words(text, st)
        if found and found[1] == j:
            return st, found[0]
    return None


def _bare_month(text: str, m: re.Match, pos: int, prev: str, mod: re.Match | None) -> Atom:
    """``in March``, ``early December``, ``December's``: month precision, year from context.

    A month name in lower case, or abbreviated, reads as a date only next to another date
    (``from may to june``, ``Jan-Feb 2017``)."""
    name = m["m"]
    lower = _is_lower(name)
    abbr = name.lower() not in ("may", "june", "july") and len(name) <= 4
    strong = not lower and not abbr and (bool(mod or m["poss"]) or prev in _MONTH_CONTEXT)
    if not strong and not lower and not abbr and prev in _MONTH_MODIFIER_BEFORE:
        nw = _NEXT_WORD.match(text, m.end("m"))
        strong = nw is not None and nw.group(1) in _MONTH_MODIFIED
    if name == "May" and not mod and prev in ("to", "by", "for") and _next_is_capital(text, m.end("m")):
        strong = False  # "a letter to May Gurney"
    return Atom(
        mod.start() if mod else pos,
        m.end("m"),
        "month",
        None,
        _month(name),
        bound="approx" if mod else "exact",
        relative=prev if prev in ("last", "next", "this") else None,
        weak=not strong,
        lower=lower,
        confidence=0.85,
    )


def _at_weekday(text: str, pos: int) -> Iterator[Atom]:
    m = _P["weekday_day"].match(text, pos)
    if m:
        d = _day(m["d"])
        worded = not m["d"][0].isdigit()
        # "Tuesday the 19th", "Thu 15th", "Sunday 31." -- not "on Monday 20 people died",
        # "on Monday first thing"
        comma = "," in text[m.end("w") : m.start("d")]
        if 1 <= d <= 31 and (m["the"] or not worded) and not (comma and m["the"]) and _follow_strict(text, m.end()):
            wd = {**WEEKDAYS, **WEEKDAY_ABBR}[m["w"].lower()]
            yield Atom(pos, m.end(), "day", d=d, wd=wd, confidence=0.75)
            return
    m = _P["weekday"].match(text, pos)
    if not m:
        return
    prev = _prev_word(text, pos)
    prev_l = prev.lower()
    if prev_l in _WEEKDAY_NAMES:
        return  # "Good Friday", "Black Monday"
    after = text[m.end() : m.end() + 12]
    if len(after) > 1 and after[0] == " " and after[1].isupper() and not _starts_with_month(after[1:]):
        return  # "Sunday Times", "Monday Night Football"
    if prev_l == "on" and _prev_word(text, pos - len(prev) - 1).lower() in ("mail", "independent"):
        return  # "Mail on Sunday"
    relative = prev_l if prev_l in ("last", "next", "this") else None
    yield Atom(pos, m.end(), "weekday", d=WEEKDAYS[m["w"].lower()], relative=relative, confidence=0.8)


def _at_season(text: str, pos: int) -> Iterator[Atom]:
    m = _P["season"].match(text, pos)
    if not m:
        return
    smod = _before(_SEASON_MOD_BEFORE, text, pos)
    mod = smod["smod"].lower() if smod else ""
    y = int(m["y"]) if m["y"] else None
    if y is None and mod not in ("last", "this", "next"):
        return  # "in the summer", "winter Olympics", "prices fall": too vague or not a date
    approx = mod in ("early", "late", "mid")
    yield Atom(
        smod.start() if approx else pos,
        m.end(),
        "season",
        y,
        SEASONS[m["s"].lower()],
        bound="approx" if approx else "exact",
        relative=mod if mod in ("last", "this", "next") else None,
    )


def _at_fiscal(text: str, pos: int) -> Iterator[Atom]:
    m = _P["fiscal"].match(text, pos)
    if m:
        raw = m["y"]
        yield Atom(pos, m.end(), "year", int(raw) if len(raw) == 4 else 2000 + int(raw))


def _at_century(text: str, pos: int) -> Iterator[Atom]:
    m = _P["century"].match(text, pos)
    before = _before(_CENTURY_BEFORE, text, pos, 40) if m else None
    if not before:
        return
    c = int(before["c"]) if before["c"] else ORDINAL_WORDS[before["cw"].lower().replace(" ", "-")]
    first = (c - 1) * 100
    bound = "approx" if before["mod"] else "range"
    yield Atom(before.start(), m.end(), "century", first, y2=first + 99, bound=bound)


def _at_ordinal(text: str, pos: int) -> Iterator[Atom]:
    """A day or a quarter in words: the first of March, third day of October, the third quarter."""
    m = _P["dmy"].match(text, pos)
    if m:
        yield from _day_month(text, m, pos)


def _at_quarter_code(text: str, pos: int) -> Iterator[Atom]:
    """Q3, Q3 2019, q1-2019, H2 2019 (a half needs its year)."""
    m = _P["q"].match(text, pos)
    if not m or _name_before(text, pos):
        return  # "Audi Q3"
    y = int(m["y"]) if m["y"] else None
    if m["qh"] in "Hh" and y is None:
        return
    yield from _quarter_or_half(pos, m.end(), m["qh"], int(m["n"]), y)


def _at_week(text: str, pos: int) -> Iterator[Atom]:
    """the first week of 2015 (ISO week 1), the 3rd week of January, week 3 of 2027."""
    m = _P["week_n"].match(text, pos)
    if m and int(m["n"]) <= _iso_weeks(int(m["y"])):
        yield Atom(pos, m.end(), "week", int(m["y"]), d=int(m["n"]), bound="range", week="iso")
        return
    before = _before(_NTH_WEEK_BEFORE, text, pos, 10)
    m = _P["nth_week"].match(text, pos) if before else None
    if not m:
        return
    n = _WEEK_N[before["n"].lower()]
    if m["y"]:
        if n <= _iso_weeks(int(m["y"])):
            yield Atom(before.start(), m.end(), "week", int(m["y"]), d=n, bound="range", week="iso")
    else:
        y = int(m["y2"]) if m["y2"] else None
        yield Atom(before.start(), m.end(), "week", y, _month(m["m"]), n, bound="range", week="nth")


def _iso_weeks(y: int) -> int:
    return dt.date(y, 12, 28).isocalendar()[1]


def _weeks(text: str, a: Atom) -> Atom:
    """``the week of May 3`` (Monday to Sunday), ``the week beginning May 3`` (7 days from it),
    ``the week ended Jan. 5`` (the 7 days up to it, as weekly economic figures count)."""
    if a.precision != "day" or a.m is None or a.m2 is not None or a.wd is not None:
        return a
    w = _before(_WEEK_OF_BEFORE, text, a.start, 40) if _tail_has(text, a.start, ("eek", "w/c"), 40) else None
    if not w:
        return a
    kind = "from" if (w["from"] or w["w"] == "w/c") else "to" if w["to"] else "of"
    return replace(a, start=w.start(), precision="week", bound="range", week=kind)


def _at_quarter_word(text: str, pos: int) -> Iterator[Atom]:
    """the third quarter (of 2019), 4th qtr 2018, the first half of 2019: found from the noun."""
    before = _before(_ORDINAL_BEFORE, text, pos, 12)
    if before:
        start = before.start()
        m = _P["nth_quarter"].match(text, start)
        if m:
            yield from _nth_quarter(text, m, start)


_DISPATCH = {
    **{name: _at_month for name in MONTHS},
    **{name: _at_weekday for name in WEEKDAYS},
    **{name: _at_weekday for name in WEEKDAY_ABBR},
    **{name: _at_season for name in SEASONS},
    **{name: _at_ordinal for name in (*_UNITS, "twenty", "thirty", "twentieth", "thirtieth")},
    "quarter": _at_quarter_word,
    "qtr": _at_quarter_word,
    "week": _at_week,
    "fy": _at_fiscal,
    "fiscal": _at_fiscal,
    "century": _at_century,
}


# A month name in lower case with a day in words after it ("march first", "april the ninth",
# "may twenty nine"): a literal space, then a trie of the full names, so the engine rejects
# most positions on their first character; the next word must start with a letter a number
# word starts with. (Lower-case abbreviations take a day in digits: "feb 3".)
_LOWER_MONTH_CORE = (
    r"(?P<m>" + trie_regex([m for m in MONTHS if len(m) > 3 or m == "may"]) + r") (?:the |(?=[efnst]))"
)
_LOWER_MONTH_WORD = re.compile(" " + _LOWER_MONTH_CORE)
_LOWER_MONTH_AT_START = re.compile(_LOWER_MONTH_CORE)
# A bare month in lower case after "from"/"between", and the month that ends the range
# ("between august and october", "from april to June in 2017").
_RANGE_LOWER_MONTH = tuple(
    re.compile(rf"{w} (?P<m>{trie_regex(sorted(MONTHS))})(?![A-Za-z])") for w in ("from", "between")
)
_RANGE_SECOND_MONTH = lazy_re(r"[ \t]*(?:-|–|to|through|till|until|and)[ \t]+(?P<m>[a-z]+)(?![A-Za-z])")


def atoms(text: str, published: dt.date | None = None) -> list[Atom]:
    """All atoms, overlaps settled: earliest start first, then the longest. ``published``,
    when known, tells the article's own dateline from a date that only opens the text."""
    found: list[Atom] = []
    for anchor in _DIGIT_RUN.finditer(text):
        pos = anchor.start()
        found.extend(_at_digits(text, pos, anchor.end() - pos))
        if pos and text[pos - 1] in "QqH" and anchor.end() - pos == 1 and _word_starts(text, pos - 1):
            found.extend(_at_quarter_code(text, pos - 1))  # Q3, H2
    for anchor in _ANCHOR.finditer(text):
        pos = anchor.start()
        if _word_starts(text, pos):
            found.extend(_DISPATCH[anchor.group().lower()](text, pos))
    for rx in _OF_LOWER_MONTH:
        for anchor in rx.finditer(text):
            if _word_starts(text, anchor.start()):
                found.extend(_month_first(text, anchor.start("m")))
    lower = list(_LOWER_MONTH_WORD.finditer(text))
    first = _LOWER_MONTH_AT_START.match(text)
    for anchor in ([first] if first else []) + lower:
        if anchor["m"] in MONTHS:
            found.extend(_month_first(text, anchor.start("m")))
    for rx in _RANGE_LOWER_MONTH:
        for anchor in rx.finditer(text):
            if _word_starts(text, anchor.start()):
                found.extend(_lower_month_range(text, anchor))
    found = [_year_after_date(text, a) for a in found]
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Atom] = []
    last_end = -1
    for a in found:
        if a.start >= last_end:
            kept.append(a)
            last_end = a.end
    return [_weeks(text, a) for a in kept if not _is_dateline(text, a, published)]


def _lower_month_range(text: str, anchor: re.Match) -> Iterator[Atom]:
    """The ends of "from may to june", "between august and october": bare months in lower
    case, which :func:`periods` joins (and drops if they do not make a range)."""
    for m in (anchor, _RANGE_SECOND_MONTH.match(text, anchor.end())):
        if m is None or m["m"] not in MONTHS or (m is not anchor and not _follow_ok(text, m.end("m"))):
            continue  # "between august and may be", "to march on": verbs, not months
        yield Atom(m.start("m"), m.end("m"), "month", None, MONTHS[m["m"]], weak=True, lower=True, confidence=0.8)


def _near_publication(a: Atom, published: dt.date) -> bool:
    """Could the day ``a`` be the article's own date (within a week of ``published``)?"""
    if a.m is None or a.d is None:
        return True
    for y in (a.y,) if a.y is not None else (published.year - 1, published.year, published.year + 1):
        try:
            if abs((dt.date(y, a.m, a.d) - published).days) <= 7:
                return True
        except ValueError:  # February 29 in a common year
            continue
    return False


def _is_dateline(text: str, a: Atom, published: dt.date | None = None) -> bool:
    """The article's own date at its head (``date 2024-01-03``, ``Tue Aug 15 2023``) or wire
    dateline. An unlabelled date at the head that lies more than a week from the publication
    date is not the article's own ("fourth of July, 1995" opening a text of 2016)."""
    if _NEWSWIRE_AFTER.match(text, a.end):
        return True
    if a.precision not in ("day",):
        return False
    before = text[max(0, a.start - 40) : a.start]
    if not _DATELINE_PREFIX.search(before):
        return False
    if _DATELINE_LABEL.search(before):
        return True
    if published is not None and not _near_publication(a, published):
        return False
    return bool(_DATELINE_REST.match(text, a.end))


# ---------------------------------------------------------------------------------------
# Pass 2: periods and promotion of weak atoms.


def _combine(a: Atom, b: Atom, start: int) -> Atom | None:
    """``a`` to ``b`` as one period atom, or None when they do not make a sensible range."""
    if a.precision != b.precision:
        return _combine_mixed(a, b, start)
    if a.precision in ("quarter", "half"):
        return _combine_spans(a, b, start)
    if a.precision not in ("day", "month", "year"):
        return None
    # an approximate end joins ("from 2007 to the end of 2008"); a bound one does not ("at least")
    if a.bound not in ("exact", "approx") or b.bound not in ("exact", "approx"):
        return None
    if a.y2 or b.y2 or a.m2 or b.m2 or a.wd is not None or b.wd is not None or a.week or b.week:
        return None
    if a.precision == "year":
        if b.y <= a.y:
            return None
        return Atom(start, b.end, "year", a.y, y2=b.y, bound="range", confidence=0.9)
    if a.m is None or b.m is None:
        return None
    ya, yb = a.y, b.y
    key_a, key_b = (a.m, a.d or 0), (b.m, b.d or 0)
    if ya is None and yb is not None:
        ya = yb if key_a <= key_b else yb - 1
    elif yb is None and ya is not None:
        yb = ya if key_b >= key_a else ya + 1
    if ya is not None and (ya, *key_a) >= (yb, *key_b):
        return None
    return Atom(
        start,
        b.end,
        a.precision,
        ya,
        a.m,
        a.d,
        y2=yb,
        m2=b.m,
        d2=b.d,
        bound="range",
        relative=b.relative,
        confidence=0.9,
    )


def _combine_spans(a: Atom, b: Atom, start: int) -> Atom | None:
    """Two quarters or halves as one period, the far one with its year written: "from Q1 2017
    to Q3 2018", "between the first quarter and the third quarter of 2019". The period ends
    with the far one's last month."""
    if b.y is None or a.m2 is not None or b.m2 is not None or a.relative or b.relative:
        return None
    ya = a.y if a.y is not None else (b.y if a.m < b.m else None)
    if ya is None or (ya, a.m) >= (b.y, b.m):
        return None
    months = 3 if a.precision == "quarter" else 6
    return Atom(start, b.end, a.precision, ya, a.m, y2=b.y, m2=b.m + months - 1, bound="range", confidence=0.9)


def _combine_mixed(a: Atom, b: Atom, start: int) -> Atom | None:
    """A range whose ends differ in precision, both with their year written: "2014 through May
    2018", "from March 3, 2015 to 2017". Each end keeps its own precision in the ISO strings."""
    days = ("day", "month", "year")
    if a.precision not in days or b.precision not in days or a.y is None or b.y is None:
        return None
    if a.bound not in ("exact", "approx") or b.bound not in ("exact", "approx") or a.y2 or b.y2 or a.m2 or b.m2:
        return None
    if a.wd is not None or b.wd is not None or a.nth is not None or b.nth is not None or a.week or b.week:
        return None
    if (a.y, a.m or 1, a.d or 1) >= (b.y, b.m or 12, b.d or 31):
        return None
    precision = "day" if a.d else "month"
    return Atom(start, b.end, precision, a.y, a.m, a.d, y2=b.y, m2=b.m, d2=b.d, bound="range", confidence=0.85)


def periods(text: str, found: list[Atom]) -> list[Atom]:
    out: list[Atom] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and b.start - a.end <= 12:
            gap = text[a.end : b.start]
            if _CONNECTOR.match(gap):
                prefix = _PERIOD_PREFIX.search(text, max(0, a.start - 14), a.start)
                # ("and the" is "and" too: "from 2000 and the 2005 review" joins no period)
                is_and = gap.strip().lower().split()[0] == "and"
                between = prefix and prefix.group(1).lower() == "between"
                # a bare month in lower case joins only after "from"/"between"; two yearless
                # numeric dates never vouch for each other ("from 4/6 to 1/2" are odds)
                lower_ok = (not (a.lower or b.lower) or prefix) and not (a.weak and b.weak and a.numeric)
                if (not is_and or between) and lower_ok:
                    start = prefix.start(1) if prefix else a.start
                    period = _combine(a, b, start)
                    if period is not None:
                        out.append(period)
                        i += 2
                        continue
            if _LIST_JOIN.match(gap) and (a.weak != b.weak) and not (a.lower or b.lower):
                # "January and February", "2000 and 2003": a strong date vouches for its neighbour.
                a, b = replace(a, weak=False), replace(b, weak=False)
                found[i + 1] = b
        out.append(a)
        i += 1
    return [a for a in out if not a.weak]
