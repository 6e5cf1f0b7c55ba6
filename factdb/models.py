"""The shapes that cross factdb's edges: a document read from input, and a claim.

These follow ``spec/claims.md`` (the claim contract). Validation happens here, once,
so the extractors, the store and the exporters can trust what they are handed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import operator
import re
from dataclasses import MISSING, dataclass, fields
from typing import Literal

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
DATE_PRECISIONS = (
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "year",
    "season",
    "decade",
    "century",
    "weekday",
    "time",
)

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
    # A figure of at most 12 characters cannot carry more than 12 digits: skip reading it
    # (most figures are that short, and this runs for every claim built).
    digits = SIGNIFICANT_DIGITS
    if figure and len(figure) > SIGNIFICANT_DIGITS:
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


class ContractError(ValueError):
    """A value the contract refuses: which field, and why (one line)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


# Plain-regex forms of the contract's patterns, matched with fullmatch so that a trailing
# newline is refused (Python's "$" would let "USD\n" through).
_CURRENCY = re.compile(r"[A-Z]{3}")
_ATTRIBUTE = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")
_CLAIM_STR = ("quote", "subject", "extractor", "extractor_version")
_CLAIM_OPTIONAL_STR = (
    "value_as_written",
    "unit_as_written",
    "unit",
    "currency",
    "attribute",
    "date_start",
    "date_end",
    "date_precision",
    "attribution",
)
_claim_str = operator.attrgetter(*_CLAIM_STR)
_claim_optional_str = operator.attrgetter(*_CLAIM_OPTIONAL_STR)
_ONLY_STR = {str}
_STR_OR_NONE = {str, type(None)}


# Strings that passed the currency or attribute pattern (both patterns are fixed, so a string
# once valid stays valid); a set of them bounded so no input can grow it without end.
_VALID_SEEN: set[str] = set()


def _seen_valid(s: str) -> None:
    if len(_VALID_SEEN) < 4096 and type(s) is str:
        _VALID_SEEN.add(s)


def _round_float(v) -> bool:
    """Is ``v`` a float that :func:`canonical_number` gives back unchanged? A whole number of
    fewer than 13 digits is written exactly by 12 significant digits (the most figures: "5",
    "1,100", "35 billion"), so its canonical form is itself; other values go the long way."""
    return type(v) is float and v.is_integer() and -1e12 < v < 1e12


def _number(name: str, v) -> float:
    # bool is an int to Python, never a figure to the contract
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ContractError(name, f"should be a number, not {type(v).__name__}")
    return float(v)


# Plain frozen dataclasses, not pydantic models (issue 9): a claim is built on the hot path
# of every extraction and importing and building pydantic models cost a quarter of a second
# of every ``factdb extract``. Untrusted input (gold files, JSONL claims, review imports) is
# still typed and coerced by pydantic at the edge: ``pydantic.TypeAdapter(Claim)`` works on
# these, and ends in the same ``__post_init__`` checks.
@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One statement of fact made by one document, anchored to its exact characters.

    Extractors build these with ``char_start``/``char_end``/``quote`` taken from the text;
    :func:`Claim.check_span` is the provenance invariant every layer re-checks. Construction
    raises :class:`ContractError` (a ``ValueError``) for anything the contract refuses.
    """

    kind: Kind
    char_start: int
    char_end: int
    quote: str
    # As written (issue 9): the rounding below keeps as many digits as the figure carries.
    value_as_written: str | None = None
    unit_as_written: str | None = None
    unit: str | None = None
    value: float | None = None
    value_high: float | None = None
    currency: str | None = None
    bound: Bound = "exact"
    attribute: str | None = None
    subject: str = ""
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    resolved: bool = True
    attribution: str | None = None
    extractor: str = ""
    extractor_version: str = ""
    confidence: float = 0.9

    def __post_init__(self) -> None:
        if self.kind not in KINDS or not isinstance(self.kind, str):
            raise ContractError("kind", f"{self.kind!r} is not one of the contract's kinds")
        if self.bound not in BOUNDS or not isinstance(self.bound, str):
            raise ContractError("bound", f"{self.bound!r} is not one of {', '.join(BOUNDS)}")
        # Speed only (issue 9): every claim built passes the type checks below, so they are
        # first asked all at once, in C (the set of the fields' exact types); only a claim
        # with some other type (a str subclass, a wrong type) walks the field loops, which
        # decide and word the error as before.
        if type(self.char_start) is not int or type(self.char_end) is not int \
                or {*map(type, _claim_str(self))} != _ONLY_STR \
                or not {*map(type, _claim_optional_str(self))} <= _STR_OR_NONE:
            self._check_types()
        if not isinstance(self.resolved, bool):
            raise ContractError("resolved", f"should be true or false, not {type(self.resolved).__name__}")
        if self.char_start < 0:
            raise ContractError("char_start", "must be 0 or more")
        if self.char_end <= self.char_start:
            raise ContractError("char_end", "must be greater than char_start")
        if not self.quote:
            raise ContractError("quote", "must not be empty")
        if self.char_end - self.char_start != len(self.quote):
            raise ContractError("quote", "quote length does not match its span")
        # Speed only (issue 13): a code or name already found valid (a set lookup) is not
        # matched again; the few distinct ones a run meets are remembered, up to a bound.
        currency, attribute = self.currency, self.attribute
        if currency is not None and currency not in _VALID_SEEN:
            if not _CURRENCY.fullmatch(currency):
                raise ContractError("currency", f"{currency!r} is not a three-letter ISO 4217 code")
            _seen_valid(currency)
        if attribute is not None and attribute not in _VALID_SEEN:
            if not _ATTRIBUTE.fullmatch(attribute):
                raise ContractError("attribute", f"{attribute!r} is not a dotted lower-case name")
            _seen_valid(attribute)
        set_ = object.__setattr__  # frozen: the canonical forms are set once, here
        confidence = self.confidence
        if type(confidence) is not float:  # (a float is its own canonical form: nothing to set)
            confidence = _number("confidence", confidence)
            set_(self, "confidence", confidence)
        if not 0.0 <= confidence <= 1.0:
            raise ContractError("confidence", "must be between 0 and 1")
        value, high = self.value, self.value_high
        if value is not None:
            if not _round_float(value):
                value = canonical_number(_number("value", value), self.value_as_written)
                set_(self, "value", value)
        if high is not None:
            if not _round_float(high):
                high = canonical_number(_number("value_high", high), self.value_as_written)
                set_(self, "value_high", high)
        if high is not None and value is not None and high < value:
            raise ContractError("value_high", "value_high is below value")
        if self.value_as_written is not None and self.value_as_written not in self.quote:
            raise ContractError("value_as_written", "value_as_written is not in the quote")

    def _check_types(self) -> None:
        for name in ("char_start", "char_end"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int):
                raise ContractError(name, f"should be an integer, not {type(v).__name__}")
        for name in _CLAIM_STR:
            if not isinstance(getattr(self, name), str):
                raise ContractError(name, f"should be a string, not {type(getattr(self, name)).__name__}")
        for name in _CLAIM_OPTIONAL_STR:
            v = getattr(self, name)
            if v is not None and not isinstance(v, str):
                raise ContractError(name, f"should be a string or null, not {type(v).__name__}")

    def check_span(self, text: str) -> bool:
        return text[self.char_start : self.char_end] == self.quote

    def as_dict(self) -> dict:
        """The claim's fields as a plain dict (what ``model_dump`` gave)."""
        return {name: getattr(self, name) for name in _CLAIM_ATTRS}

    def model_dump(self, mode: str = "python") -> dict:
        """:meth:`as_dict` under pydantic's name, for callers outside this repository (the
        shared scoring adapter calls ``model_dump(mode="json")``); every value is already
        JSON's kind, so both modes give the same dict."""
        return self.as_dict()

    def record(self, document_id: str | int | None, text_sha256: str) -> dict:
        """The contract's flat row for this claim in a given document."""
        row = self.as_dict()
        row["id"] = claim_id(
            text_sha256, self.char_start, self.char_end, self.kind, self.extractor, self.extractor_version
        )
        row["document_id"] = document_id
        return {field: row[field] for field in CLAIM_FIELDS}


_CLAIM_ATTRS = tuple(f.name for f in fields(Claim))


def _fast_init(cls) -> None:
    """Replace a frozen dataclass's ``__init__`` with the same function, made as the dataclass
    module makes it but with ``object.__setattr__`` looked up once per call, not once per field.

    Speed only (issue 13): a claim has 21 fields, and the generated ``__init__`` looked up the
    setter through a global and an attribute for each (a fifth of building a claim). The
    signature, defaults, keyword-only parameters and the call of ``__post_init__`` are kept."""
    params, body, env = [], [], {"_object_setattr": object.__setattr__}
    for f in fields(cls):
        if f.default is not MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:  # no such field today: keep the generated __init__
            return
        else:
            params.append(f.name)
        body.append(f"    set_(self, {f.name!r}, {f.name})")
    src = f"def __init__(self, *, {', '.join(params)}):\n    set_ = _object_setattr\n" + "\n".join(body) \
        + "\n    self.__post_init__()\n"
    exec(src, env)  # noqa: S102 - source built above from the class's own field names
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init


_fast_init(Claim)

PUBLISHED_PRECISIONS = ("day", "month", "year")
_DOCUMENT_OPTIONAL_STR = ("title", "outlet", "byline", "url", "published", "raw_sha256")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentIn:
    """A document as read from input, before it is stored.

    ``text`` is the stored text (decoded, line endings normalized, boilerplate removed);
    every span of every claim indexes it, and its SHA-256 is the document's identity.
    An unknown field is refused (``TypeError``, as for any Python call); a bad value raises
    :class:`ContractError`.
    """

    text: str
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

    def __post_init__(self) -> None:
        for name in ("text", "source", "media_type", "encoding"):
            if not isinstance(getattr(self, name), str):
                raise ContractError(name, f"should be a string, not {type(getattr(self, name)).__name__}")
        for name in _DOCUMENT_OPTIONAL_STR:
            v = getattr(self, name)
            if v is not None and not isinstance(v, str):
                raise ContractError(name, f"should be a string or null, not {type(v).__name__}")
        if not self.text:
            raise ContractError("text", "must not be empty")
        if self.published_precision is not None and self.published_precision not in PUBLISHED_PRECISIONS:
            raise ContractError(
                "published_precision",
                f"{self.published_precision!r} is not one of {', '.join(PUBLISHED_PRECISIONS)}",
            )

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)

    @property
    def publication_date(self) -> dt.date | None:
        return publication_date(self.published, self.published_precision)
