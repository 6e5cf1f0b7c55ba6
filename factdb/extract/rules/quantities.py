"""Measured quantities: distance, altitude, speed, weight, percentage, age, duration, multipliers."""

from __future__ import annotations

from factdb.extract.registry import Context, register

from . import build

NAME = "quantities"
VERSION = "1.29.1"
KINDS = ("distance", "altitude", "speed", "weight", "percentage", "age", "duration", "other_quantity")


@register(NAME, VERSION, "distances, altitudes, speeds, weights, percentages, ages, durations, multipliers")
def run(ctx: Context):
    return build.claims(ctx.text, KINDS, NAME, VERSION)
