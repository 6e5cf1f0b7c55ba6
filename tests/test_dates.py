"""The date and period extractor: forms, spans, bounds, resolution, and robustness properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.registry import Context, Fault
from factdb.extract.rules.dates import find_dates, run

ROOT = Path(__file__).resolve().parents[1]
PUB = dt.date(2025, 4, 18)  # a Friday


def one(text: str, published: dt.date | None = PUB):
    claims = find_dates(text, published)
    assert len(claims) == 1, [(c.quote, c.date_start) for c in claims]
    return claims[0]


def row(c):
    return (c.kind, c.quote, c.date_start, c.date_end, c.date_precision, c.bound, c.resolved)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It happened on December 3.", ("date", "December 3", "2024-12-03", None, "day", "exact", True)),
        (
            "Signed on Dec. 3, 2024 in Seoul.",
            ("date", "Dec. 3, 2024", "2024-12-03", None, "day", "exact", True),
        ),
        (
            "Signed on 3 December 2024 in Seoul.",
            ("date", "3 December 2024", "2024-12-03", None, "day", "exact", True),
        ),
        ("Signed on 2024-01-03 in Seoul.", ("date", "2024-01-03", "2024-01-03", None, "day", "exact", True)),
        (
            "Plans roll out in January 2024.",
            ("date", "January 2024", "2024-01", None, "month", "exact", True),
        ),
        ("It rose in March.", ("date", "March", "2025-03", None, "month", "exact", True)),
        ("It rose in May.", ("date", "May", "2024-05", None, "month", "exact", True)),
        ("issued in early December.", ("date", "early December", "2024-12", None, "month", "approx", True)),
        ("It happened on Friday.", ("date", "Friday", "2025-04-18", None, "weekday", "exact", True)),
        ("It happened on Tuesday.", ("date", "Tuesday", "2025-04-15", None, "weekday", "exact", True)),
        ("It grew in 2016.", ("date", "2016", "2016", None, "year", "exact", True)),
        ("the 2001 recession", ("date", "2001", "2001", None, "year", "exact", True)),
        ("profits in fiscal 2017 rose", ("date", "fiscal 2017", "2017", None, "year", "exact", True)),
        ("done by 2009", ("date", "2009", "2009", None, "year", "exact", True)),
        ("ready by mid-2005", ("date", "mid-2005", "2005", None, "year", "approx", True)),
        ("until at least 2008", ("date", "at least 2008", "2008", None, "year", "lower", True)),
        ("around 2007 it", ("date", "around 2007", "2007", None, "year", "approx", True)),
        ("in the early 2030s", ("period", "early 2030s", "2030", "2039", "decade", "approx", True)),
        ("in the 1990s", ("period", "1990s", "1990", "1999", "decade", "range", True)),
        ("in the 20th century", ("period", "20th century", "1900", "1999", "century", "range", True)),
        ("ruled from 1910 to 1945.", ("period", "from 1910 to 1945", "1910", "1945", "year", "range", True)),
        (
            "lost between 1989 and 2003.",
            ("period", "between 1989 and 2003", "1989", "2003", "year", "range", True),
        ),
        ("ruled 1910-1945.", ("period", "1910-1945", "1910", "1945", "year", "range", True)),
        ("the 1950-53 war", ("period", "1950-53", "1950", "1953", "year", "range", True)),
        ("in the 2004/05 season", ("period", "2004/05", "2004", "2005", "year", "range", True)),
        (
            "held December 3-5 in",
            ("period", "December 3-5", "2024-12-03", "2024-12-05", "day", "range", True),
        ),
        (
            "from March to May 2016",
            ("period", "from March to May 2016", "2016-03", "2016-05", "month", "range", True),
        ),
        ("launched last summer", ("date", "summer", "2024-06", "2024-08", "season", "exact", True)),
        ("in the summer of 2016", ("date", "summer of 2016", "2016-06", "2016-08", "season", "exact", True)),
    ],
)
def test_forms(text, expected):
    c = one(text)
    assert row(c) == expected
    assert text[c.char_start : c.char_end] == c.quote
    assert c.value is None and c.value_high is None and c.unit is None


def test_period_window_resolves_by_the_tense_of_its_clause():
    # Without a forward cue, the most recent such dates on or before publication...
    c = one("between Feb. 8 and Feb. 25", dt.date(2016, 2, 2))
    assert (c.kind, c.date_start, c.date_end, c.bound) == ("period", "2015-02-08", "2015-02-25", "range")
    # ...and when the clause points forward (the Reuters gold's launch window), the nearest after.
    c = one("the launch, which it said would come between Feb. 8 and Feb. 25, in an alert", dt.date(2016, 2, 2))
    assert (c.kind, c.date_start, c.date_end, c.bound) == ("period", "2016-02-08", "2016-02-25", "range")


@pytest.mark.parametrize(
    "text",
    [
        "World War II ended",
        "the first time Kim reached out",
        "Umbro profits lifted by Euro 2004",
        "machines running Windows 2000",
        "shown at 2000 GMT on BBC One",
        "it weighs 2000kg",
        "it cost $2005",
        "over 1,100 kilometers",
        "Theresa May said",
        "talks with Mrs May",
        "the Sunday Times reported",
        "the Mail on Sunday said",
        "on Good Friday",
        "prices fall sharply",
        "the Su-2000 missile",
        "the mayor spoke",
    ],
)
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_datelines_are_not_claims():
    assert find_dates(" date 2024-01-03 US, Japan and South Korea launch a system\n\nBody.", None) == []
    assert find_dates("Title\n\nTue Aug 15 2023\nicons\n\nBody text.", None) == []
    assert find_dates("SEOUL, Dec 3 (Reuters) - North Korea fired", None) == []


def test_neighbouring_months_vouch_for_each_other():
    quotes = [c.quote for c in find_dates("joblessness in January and February was high", PUB)]
    assert quotes == ["January", "February"]
    assert find_dates("Sam and May went home", PUB) == []


def test_seed_002_unresolved_without_publication_date():
    text = (ROOT / "seeds" / "002_01e0fc5698f5ed76.txt").read_text(encoding="utf-8")
    got = {c.quote: (c.date_start, c.resolved, c.date_precision) for c in find_dates(text, None)}
    assert got["December 3"] == ("--12-03", False, "day")
    assert got["November 5"] == ("--11-05", False, "day")


def test_seed_002_resolved_with_publication_date():
    text = (ROOT / "seeds" / "002_01e0fc5698f5ed76.txt").read_text(encoding="utf-8")
    got = {c.quote: (c.date_start, c.resolved) for c in run(Context(text, dt.date(2024, 12, 20)))}
    assert got["December 3"] == ("2024-12-03", True)
    assert got["November 5"] == ("2024-11-05", True)


def test_resolution_rules():
    # The most recent such date on or before publication.
    assert one("on December 10", dt.date(2025, 4, 18)).date_start == "2024-12-10"
    assert one("on April 18", dt.date(2025, 4, 18)).date_start == "2025-04-18"
    assert one("on April 19", dt.date(2025, 4, 18)).date_start == "2024-04-19"
    assert one("on February 29", dt.date(2025, 4, 18)).date_start == "2024-02-29"
    assert one("in April", dt.date(2025, 4, 18)).date_start == "2025-04"
    # Without a publication date: what is known, in ISO 8601 truncated form.
    assert row(one("in March", None))[2:] == ("--03", None, "month", "exact", False)
    assert row(one("on Friday", None))[2:] == ("-W-5", None, "weekday", "exact", False)
    # Explicit dates are resolved regardless.
    assert one("on 3 December 2024", None).resolved is True


def test_impossible_days_are_not_dates():
    assert [c.date_precision for c in find_dates("on February 30 2024 it", PUB)] == [
        "year"
    ]  # the year stands
    assert find_dates("on 2024-13-01 it", PUB) == []


def test_registered_extractor_stamps_name_and_version():
    from factdb.extract.registry import extract_claims

    claims = [c for c in extract_claims("It happened on December 3, 2024.", None) if c.kind == "date"]
    assert claims and claims[0].extractor == "dates" and claims[0].extractor_version


# ---------------------------------------------------------------------------------------
# Properties.

_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789 -–/.,'’stndrhofMayJuneDecember Friday summer early 1990s\n")),
    max_size=80,
) | st.text(max_size=80)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.dates(min_value=dt.date.min, max_value=dt.date.max)))
def test_never_crashes_and_quotes_are_the_text(text, published):
    out = run(Context(text, published))
    assert not [c for c in out if isinstance(c, Fault)]
    for c in out:
        assert text[c.char_start : c.char_end] == c.quote
        assert c.kind in ("date", "period")
        assert c.date_start


_FULL = "January February March April May June July August September October November December".split()
_ABBR = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()


def _formats(d: dt.date) -> list[str]:
    month, abbr = _FULL[d.month - 1], _ABBR[d.month - 1]
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return [
        f"{month} {d.day}, {d.year}",
        f"{abbr} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{d.day}{suffix} of {month} {d.year}",
        f"{month} {d.day}{suffix} {d.year}",
        d.isoformat(),
    ]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_formatted_dates_parse_back(d):
    for form in _formats(d):
        text = f"The meeting on {form} was long."
        c = one(text, None)
        assert (c.quote, c.date_start, c.date_precision, c.resolved) == (form, d.isoformat(), "day", True)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 400))
def test_yearless_dates_resolve_on_or_before_publication(d, days_later):
    published = d + dt.timedelta(days=days_later)
    c = one(f"It began on {_FULL[d.month - 1]} {d.day} and ended.", published)
    resolved = dt.date.fromisoformat(c.date_start)
    assert (resolved.month, resolved.day) == (d.month, d.day)
    assert resolved <= published
    assert (published - resolved).days < 366 + 365 * 3 * (d.month == 2 and d.day == 29)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(1, 2, 28), dt.date(9999, 12, 27)]),
        st.dates(min_value=dt.date.min, max_value=dt.date.max),
    )
)
def test_any_publication_date_resolves_or_leaves_dates_unresolved(published):
    """Resolution that would leave year 1..9999 gives an unresolved claim, never an exception."""
    text = (
        "On Tuesday, next Monday and last Friday, next month, last year and in two weeks; "
        "on December 3, on January 1, on February 29, in March, last summer, next spring."
    )
    claims = list(run(Context(text, published)))
    assert not [c for c in claims if isinstance(c, Fault)]
    for c in claims:
        assert text[c.char_start : c.char_end] == c.quote
        if c.resolved and c.date_precision in ("day", "month", "weekday", "season"):
            for iso in (c.date_start, c.date_end):
                if iso:
                    assert 1 <= int(iso[:4]) <= 9999 and not iso.startswith("-")
        elif not c.resolved:
            assert c.date_start.startswith("-")


def test_edges_of_the_calendar():
    first, last = dt.date.min, dt.date.max
    assert row(one("It closed on Tuesday.", last)) == ("date", "Tuesday", "9999-12-28", None, "weekday", "exact", True)
    assert row(one("It opens next Monday.", last)) == ("date", "Monday", "-W-1", None, "weekday", "exact", False)
    assert row(one("It closed on December 3.", first)) == ("date", "December 3", "--12-03", None, "day", "exact", False)
    assert row(one("It closed on December 3.", last)) == ("date", "December 3", "9999-12-03", None, "day", "exact", True)
