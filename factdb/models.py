"""The shapes that cross factdb's edges: a document read from input, and a claim.

These follow ``spec/claims.md`` (the claim contract). Validation happens here, once,
so the extractors, the store and the exporters can trust what they are handed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

KINDS = (
    "distance",
    "altitude",
    "speed",
    "weight",
    "money",
    "count",
    "casualties",
    "percentage",
    "age",
    "duration",
    "date",
    "period",
    "other_quantity",
)
BOUNDS = ("exact", "approx", "lower", "upper", "range")
DATE_PRECISIONS = ("day", "week", "month", "quarter", "half", "year", "season", "decade", "century", "weekday", "time")

# typing treats a tuple subscript as the list of literals, so the tuples above are the one source
Kind = Literal[KINDS]  # type: ignore[valid-type]
Bound = Literal[BOUNDS]  # type: ignore[valid-type]

# The contract's fields, in the order every export prints them.
CLAIM_FIELDS = (
    "id",
    "document_id",
    "kind",
    "attribute",
    "subject",
    "value",
    "value_high",
    "unit",
    "currency",
    "bound",
    "date_start",
    "date_end",
    "date_precision",
    "resolved",
    "char_start",
    "char_end",
    "quote",
    "attribution",
    "extractor",
    "extractor_version",
    "confidence",
    # issue 9: the figure and unit as the text writes them, next to the canonical ones
    "value_as_written",
    "unit_as_written",
)

# Canonical values keep this many significant digits (more only when the text itself
# writes a longer figure): enough for any figure a journalist prints times an exact
# conversion factor (19 mi x 1.609344 = 30.577536 km), and it drops the binary noise of
# float arithmetic (30.577536000000002, 482.80320000000006) without inventing precision.
SIGNIFICANT_DIGITS = 12
_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


def written_digits(figure: str | None) -> int:
    """Significant digits of the longest number written in ``figure`` ("1,234.50" -> 6)."""
    if not figure:
        return 0
    runs = [re.sub(r"\D", "", run).lstrip("0") for run in _DIGIT_RUN.findall(figure)]
    return max((len(r) for r in runs), default=0)


def canonical_number(value: float | None, figure: str | None = None) -> float | None:
    """``value`` rounded to :data:`SIGNIFICANT_DIGITS` significant digits (or to as many as
    the written ``figure`` carries, when that is more): the one place canonical values lose
    their float noise. ``35000000000.0000001`` -> ``35000000000.0``; infinities and NaN pass."""
    if value is None or not math.isfinite(value):
        return value
    digits = max(SIGNIFICANT_DIGITS, written_digits(figure))
    return float(f"{value:.{digits}g}")


def sha256_text(text: str) -> str:
    """A document's identity: the SHA-256 of its stored text, UTF-8 encoded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publication_date(published: str | None, precision: str | None) -> dt.date | None:
    """The date extractors resolve "December 3" against: only a day-precise one will do."""
    if published and precision == "day":
        return dt.date.fromisoformat(published)
    return None


def claim_id(
    text_sha256: str, char_start: int, char_end: int, kind: str, extractor: str, extractor_version: str
) -> str:
    """Stable claim id.

    The contract hashes text + span + kind + extractor name. We add the extractor version so
    that a re-extraction with new rules can store its claims beside the old run's (both stay
    queryable); re-ingesting with the same rules still gives the same ids.
    """
    key = f"{text_sha256}:{char_start}:{char_end}:{kind}:{extractor}:{extractor_version}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class Claim(BaseModel):
    """One statement of fact made by one document, anchored to its exact characters.

    Extractors build these with ``char_start``/``char_end``/``quote`` taken from the text;
    :func:`Claim.check_span` is the provenance invariant every layer re-checks.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    char_start: int = Field(ge=0)
    char_end: int = Field(gt=0)
    quote: str = Field(min_length=1)
    # As written (issue 9). Declared before ``value`` so the rounding below can see the figure.
    value_as_written: str | None = None
    unit_as_written: str | None = None
    unit: str | None = None
    value: float | None = None
    value_high: float | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    bound: Bound = "exact"
    attribute: str | None = Field(default=None, pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    subject: str = ""
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    resolved: bool = True
    attribution: str | None = None
    extractor: str = ""
    extractor_version: str = ""
    confidence: float = Field(default=0.9, ge=0.0, le=1.0)

    @field_validator("value", "value_high", mode="after")
    @classmethod
    def _no_float_noise(cls, v: float | None, info: ValidationInfo) -> float | None:
        return canonical_number(v, info.data.get("value_as_written"))

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.char_end <= self.char_start:
            raise ValueError("char_end must be greater than char_start")
        if self.char_end - self.char_start != len(self.quote):
            raise ValueError("quote length does not match its span")
        if self.value_high is not None and self.value is not None and self.value_high < self.value:
            raise ValueError("value_high is below value")
        if self.value_as_written is not None and self.value_as_written not in self.quote:
            raise ValueError("value_as_written is not in the quote")
        return self

    def check_span(self, text: str) -> bool:
        return text[self.char_start : self.char_end] == self.quote

    def record(self, document_id: str | int | None, text_sha256: str) -> dict:
        """The contract's flat row for this claim in a given document."""
        row = self.model_dump()
        row["id"] = claim_id(
            text_sha256, self.char_start, self.char_end, self.kind, self.extractor, self.extractor_version
        )
        row["document_id"] = document_id
        return {field: row[field] for field in CLAIM_FIELDS}


class DocumentIn(BaseModel):
    """A document as read from input, before it is stored.

    ``text`` is the stored text (decoded, line endings normalized, boilerplate removed);
    every span of every claim indexes it, and its SHA-256 is the document's identity.
    """

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601: 2024-01-03, 2024-01 or 2024
    published_precision: Literal["day", "month", "year"] | None = None
    source: str  # where it was read from: a path, "<stdin>", "file.jsonl:12"
    media_type: str = "text/plain"
    encoding: str = "utf-8"
    raw_sha256: str | None = None

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)

    @property
    def publication_date(self) -> dt.date | None:
        return publication_date(self.published, self.published_precision)
