"""A numeric mention: what each stage of the grammar reads and hands on.

Stages, one module each, in the order a number is read (read them in this order):

1. :mod:`.numbers`      the number as written: digits, words, fractions, scales, vague plurals
   :mod:`.figure`       the one regex that finds a figure (bound word, currency sign, number,
                        scale, a range's second number) and the values of a match
   :mod:`.ranges`       "X to Y": one range (with a shared scale), a change, or two figures
2. :mod:`.unit_phrase`, :mod:`.currency`   the unit or currency phrase around the number; their
                        data is :mod:`.units` (news conventions) over :mod:`.lexicon` (generated
                        from CLDR and Pint by ``factdb/extract/data/generate.py``)
3. :mod:`.kinds`        what a figure measures, tried in order: money by sign, Mach, percentage,
                        multiplier, then :mod:`.ages`, money words, :mod:`.measures` (a unit
                        phrase), :mod:`.counted` (a counted noun or a casualty); bounds
   :mod:`.scan`         the pass over a text: figures -> :mod:`.kinds`, then
                        :mod:`.side_finders` (figures the one regex does not start on: "more
                        than a year", "doubled", "one in five", "3:49.78"); :mod:`.cues` holds
                        what several stages share
4. :mod:`.composition`  mentions joined: ranges with a unit on each end, composite amounts
                        ("5 feet 2 inches", "3 dollars 50 cents"), halves and fractions of a unit
5. :mod:`.build`        mentions -> contract claims with attribute (:mod:`.attributes`), subject
                        and attribution (:mod:`.attribution`)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    kind: str
    start: int
    end: int
    value: float | None
    unit: str | None
    bound: str = "exact"
    value_high: float | None = None
    currency: str | None = None
    confidence: float = 0.9
    noun_phrase: str | None = None  # counted noun as written ("short-range ballistic missiles")
    participle: str | None = None  # casualties: "killed or wounded"
    num_start: int = 0
    num_end: int = 0
    extra: dict = field(default_factory=dict)
