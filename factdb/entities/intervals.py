"""A numeric claim as the interval of values it allows, and when intervals agree.

The tolerances are the project's reading of newsroom rounding (``docs/linking.md``):

- ``exact``  — "1,100 km": reported figures are rounded, so ±1 % for measured
  quantities (distance, altitude, speed, weight, money, percentages, durations); counts
  of things and people (``count``, ``casualties``, ``age``) are exact integers: ±0.
- ``approx`` — "about", "approximately", "some", "nearly": ±10 % (APPROX_TOLERANCE);
  for counts at least ±1.
- ``lower``  — "over", "more than", "at least": [value, +∞). "over" is read as "at least"
  (journalists write "over 1,000" of exactly 1,000-odd), so the bound is closed.
- ``upper``  — "up to", "under", "less than": [−∞, value] (0 for non-negative kinds).
- ``range``  — "1,000-1,500": [value, value_high], each end with the exact tolerance.

Intervals are compatible when they share a point: max(lows) ≤ min(highs).
"""

from __future__ import annotations

import math

APPROX_TOLERANCE = 0.10
EXACT_TOLERANCE = 0.01
COUNTED_KINDS = ("count", "casualties", "age")


def interval(kind: str, value: float | None, value_high: float | None, bound: str) -> tuple[float, float] | None:
    """[low, high] allowed by a claim, or None when it has no number."""
    if value is None:
        return None
    counted = kind in COUNTED_KINDS
    exact = 0.0 if counted else abs(value) * EXACT_TOLERANCE
    if bound == "approx":
        spread = abs(value) * APPROX_TOLERANCE
        if counted:
            spread = max(1.0, math.ceil(spread))
        return value - spread, value + spread
    if bound == "lower":
        return value, math.inf
    if bound == "upper":
        return (0.0 if value >= 0 else -math.inf), value
    if bound == "range" and value_high is not None:
        high_tol = 0.0 if counted else abs(value_high) * EXACT_TOLERANCE
        return value - exact, value_high + high_tol
    return value - exact, value + exact


def common(intervals: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The values every interval allows, or None when they cannot all hold."""
    low = max(i[0] for i in intervals)
    high = min(i[1] for i in intervals)
    return (low, high) if low <= high else None
