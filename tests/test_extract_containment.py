"""Containment and the contract on well-formed numeric phrases (issue 8: no input loses the batch).

The property test writes figures the way journalists do (ranges with mixed scales,
composites, negatives, huge and tiny numbers with separators, decimals and scale words),
puts them in sentences, and extracts them against any publication date from year 1 to 9999.
None of that may raise, break a span, put ``value_high`` below ``value``, or cost a claim
(a fault on a well-formed phrase is a rule bug).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.extract import extract
from factdb.extract.registry import Fault
from factdb.extract.rules import build, dates, kinds, scan
from factdb.extract.rules.mention import Mention

# Any date of the calendar, the ends drawn often: that is where resolution can fall off it.
EDGES = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 6), dt.date(1, 3, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 27)])
PUBLISHED = st.one_of(st.none(), EDGES, st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


def _with_commas(n: int) -> str:
    return f"{n:,}"


@st.composite
def figures(draw) -> str:
    """A number as printed: 7, 1,100, 28500, 4.5, 0.000000000001, 12,345,678,901,234,567."""
    form = draw(st.sampled_from(["int", "commas", "decimal", "tiny", "huge"]))
    if form == "int":
        return str(draw(st.integers(1, 999)))
    if form == "commas":
        return _with_commas(draw(st.integers(1000, 10**12)))
    if form == "decimal":
        return f"{draw(st.integers(0, 999))}.{draw(st.integers(0, 99)):02d}".lstrip("0") or "0.5"
    if form == "tiny":
        return f"{draw(st.floats(1e-12, 1e-3)):.12f}".rstrip("0")
    return _with_commas(draw(st.integers(10**12, 10**18)))


SCALES = st.sampled_from(["", " thousand", " million", " billion", " trillion", "m", "bn", "k"])
WORD_NUMBERS = st.sampled_from(["two", "four", "twenty", "a hundred", "five hundred", "seventy", "a dozen"])
UNITS = st.sampled_from(["km", "miles", "kilometres", "kg", "tonnes", "percent", "%", "people", "soldiers", "ships"])


@st.composite
def phrases(draw) -> str:
    x, y = draw(figures()), draw(figures())
    scale, unit = draw(SCALES), draw(UNITS)
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return f"from ${x} to ${y}{scale}"
    if kind == 1:
        return f"range from ${x} to ${y}{scale}"
    if kind == 2:
        return f"{x} to {y}{scale} {unit}"
    if kind == 3:
        return f"between {x} and {y} {unit}"
    if kind == 4:
        return f"{draw(WORD_NUMBERS)} to {draw(WORD_NUMBERS)}{draw(SCALES)} {unit}"
    if kind == 5:
        return f"{draw(st.integers(1, 99))} dollars {draw(st.integers(1, 99))} cents"
    if kind == 6:
        return f"{draw(st.integers(1, 9))} feet {draw(st.integers(1, 11))} inches"
    if kind == 7:
        return f"-{x}%"
    if kind == 8:
        return f"minus {draw(st.integers(1, 60))} {draw(st.sampled_from(['C', 'degrees Celsius', '°C', 'F']))}"
    if kind == 9:
        return f"${x}{scale}"
    if kind == 10:
        return f"{x}{scale} {unit}"
    return f"{draw(st.sampled_from(['more than', 'about', 'up to', 'at least']))} {x} {unit}"


SENTENCES = st.sampled_from(
    [
        "{p}.",
        "Officials said {p} on Tuesday.",
        "According to the ministry, prices rose {p} last year, up from 2015.",
        "The firm expects {p} next month, it said in a statement on December 3.",
        "Temperatures fell to {p} in two weeks, forecasters said.",
        "North Korea fired {p}, South Korea's military said, (Reuters) - ",
        "\n{p}\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(SENTENCES, phrases()), min_size=1, max_size=3), PUBLISHED)
def test_well_formed_figures_never_raise_break_a_span_or_fault(parts, published):
    text = " ".join(s.format(p=p) for s, p in parts)
    result = extract(text, published)
    for claim in result.claims:
        assert text[claim.char_start : claim.char_end] == claim.quote
        if claim.value is not None and claim.value_high is not None:
            assert claim.value <= claim.value_high, claim
    assert result.faults == []


@settings(max_examples=200, deadline=None)
@given(PUBLISHED)
def test_dates_resolve_or_stay_unresolved_at_the_ends_of_the_calendar(published):
    text = (
        "It happened on Tuesday, next month, last year, in two weeks, on December 3, on February 29, "
        "next Monday, last summer, next spring and in March, the ministry said."
    )
    result = extract(text, published)
    assert result.faults == []
    for claim in result.claims:
        if claim.kind == "date" and claim.resolved and claim.date_start:
            year = claim.date_start.split("-")[0]
            assert len(year) == 4 and 1 <= int(year) <= 9999


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_out_of_calendar_resolution_is_unresolved_not_an_error(published):
    text = "Talks began on Tuesday and will resume next Monday; the deal was signed on December 3."
    result = extract(text, published, ["dates"])
    assert result.faults == []
    days = {c.quote: c for c in result.claims}
    assert {"Tuesday", "Monday", "December 3"} <= set(days)
    unresolved = [c for c in days.values() if not c.resolved]
    assert unresolved, "one of these leaves the calendar at either end"
    for c in unresolved:
        assert c.date_start.startswith(("-", "--"))


def test_a_claim_the_contract_refuses_is_a_fault_at_its_mention(monkeypatch):
    """A rule bug that builds an invalid claim (here value_high below value) costs that claim only."""
    text = "Rebels fired 12 rockets, then 30 km away another 5 km stretch burned."
    real = scan.analysis(text)
    bad = [
        Mention(m.kind, m.start, m.end, m.value, m.unit, "range", m.value - 1, m.currency)
        if m.kind == "distance" and m.value == 30.0
        else m
        for m in real.mentions
    ]
    monkeypatch.setattr(scan, "analysis", lambda t: scan.Analysis(tuple(bad), ()))
    out = list(build.claims(text, ("distance", "count"), "quantities", "x"))
    faults = [c for c in out if isinstance(c, Fault)]
    claims = [c for c in out if not isinstance(c, Fault)]
    assert len(faults) == 1
    assert faults[0].offset == text.index("30 km") and faults[0].reason.startswith("ContractError: value_high")
    assert {c.quote for c in claims} >= {"12 rockets", "5 km"}


def test_a_raising_match_is_a_fault_and_the_pass_goes_on(monkeypatch):
    text = "It flew 1,100 km and cost $35 billion; 9 ships sailed."
    real = kinds.classify

    def classify(t, m):
        if t[m.start() :].startswith("$35"):
            raise ZeroDivisionError("boom")
        return real(t, m)

    monkeypatch.setattr(kinds, "classify", classify)
    scan.analysis.cache_clear()
    try:
        result = extract(text)
    finally:
        scan.analysis.cache_clear()
    assert {c.quote for c in result.claims} >= {"1,100 km", "9 ships"}
    assert any(f.offset == text.index("$35") and "ZeroDivisionError: boom" in f.reason for f in result.faults)


def test_a_dates_failure_costs_that_date_only(monkeypatch):
    text = "Talks on December 3, 2024 failed; talks on March 5, 2025 did not."
    real = dates._claim

    def claim(t, a, pub):
        if t[a.start :].startswith("March"):
            raise OverflowError("date value out of range")
        return real(t, a, pub)

    monkeypatch.setattr(dates, "_claim", claim)
    result = extract(text, None, ["dates"])
    assert [c.quote for c in result.claims] == ["December 3, 2024"]
    assert [(f.offset, f.reason) for f in result.faults] == [
        (text.index("March"), "OverflowError: date value out of range")
    ]
