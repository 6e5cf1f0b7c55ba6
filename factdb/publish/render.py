"""HTML for claims in their text: a quote inside its sentence, a document with every span marked.

Pure functions over strings, so the escaping rules can be tested without a server.
Everything that came from an article goes through :func:`markupsafe.escape`; only the
markup built here is trusted. An article containing ``<script>`` therefore shows the
characters ``<script>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

# Look this far either side of a span for its sentence; longer sentences are cut with "…".
CONTEXT_CHARS = 400
# A sentence ends at . ! or ? (maybe followed by closing quotes/brackets) and whitespace,
# or at a line break. Abbreviations such as "U.S." end a sentence early: harmless here.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def sentence_bounds(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[int, int]:
    """Offsets of the sentence around ``text[start:end]``, at most ``limit`` characters each side."""
    lo = max(0, start - limit)
    s = lo
    for match in _SENTENCE_END.finditer(text, lo, start):
        s = match.end()
    hi = min(len(text), end + limit)
    match = _SENTENCE_END.search(text, end, hi)
    if match is None:
        e = hi
    elif text[match.start()] == "\n":
        e = match.start()
    else:
        e = match.start() + len(match.group().rstrip())
    return s, e


def quote_in_context(
    text: str, start: int, end: int, href: str | None = None, limit: int = CONTEXT_CHARS
) -> Markup:
    """The sentence holding the span, the span itself in ``<mark class="factdb-quote">``.

    ``href`` (a claim page) makes the highlighted words a link. An ellipsis shows where
    a very long sentence was cut.
    """
    s, e = sentence_bounds(text, start, end, limit)
    lead = "…" if s == start - limit and s > 0 else ""
    tail = "…" if e == end + limit and e < len(text) else ""
    # Plain concatenation of escaped pieces: the same markup as Markup.format, which costs
    # several times more and runs for every quote cell of every listing page.
    mark = f'<mark class="factdb-quote">{escape(text[start:end])}</mark>'
    if href:
        mark = f'<a class="factdb-quote-link" href="{escape(href)}">{mark}</a>'
    before, after = escape(text[s:start].lstrip()), escape(text[end:e].rstrip())
    return Markup(f'<span class="factdb-context">{lead}{before}{mark}{after}{tail}</span>')


@dataclass(frozen=True)
class Span:
    """One claim's place in a document: offsets, the page it links to, a label for hovering."""

    start: int
    end: int
    key: str
    href: str
    label: str = ""


def highlight_document(text: str, spans: list[Span]) -> Markup:
    """The whole text, escaped, with each claim's characters marked and linked to its row.

    Spans may overlap (a restatement inside a range, a date inside a period): the text is
    cut at every span edge and each piece links to the shortest claim covering it, so no
    character is dropped or repeated. An empty ``id="claim-<key>"`` anchor precedes each
    claim's first character so a link can jump to it.
    """
    valid = [sp for sp in spans if 0 <= sp.start < sp.end <= len(text)]
    cuts = sorted({0, len(text), *(sp.start for sp in valid), *(sp.end for sp in valid)})
    # A sweep over the cuts keeps the spans open at each piece, so a document with thousands
    # of claims costs (pieces + spans) rather than pieces x spans.
    starting: dict[int, list[Span]] = {}
    for sp in valid:
        starting.setdefault(sp.start, []).append(sp)
    active: list[Span] = []
    parts: list[Markup] = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        opened = starting.get(a, ())
        for sp in opened:
            parts.append(Markup('<span class="factdb-anchor" id="claim-{}"></span>').format(sp.key))
        active = [sp for sp in active if sp.end > a] + list(opened)
        covering = [sp for sp in active if b <= sp.end]  # every open span covers the whole piece
        if not covering:
            parts.append(escape(piece))
            continue
        best = min(covering, key=lambda sp: (sp.end - sp.start, sp.start))
        label = "; ".join(dict.fromkeys(sp.label for sp in covering if sp.label))
        parts.append(
            Markup('<a class="factdb-span" href="{}" title="{}"><mark>{}</mark></a>').format(
                best.href, label, piece
            )
        )
    return Markup("").join(parts)


# --- The figure as written beside the canonical one (issue 9) ----------------------------

_COUNTED = ("count", "casualties")


def _number(v: float) -> str:
    """A canonical value for people: 35,000,000,000 · 30.58 · 0.5."""
    if v == int(v) and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def written_figure(
    value_as_written: str | None,
    unit_as_written: str | None,
    quote: str = "",
    value: float | None = None,
    value_high: float | None = None,
    unit: str | None = None,
    kind: str | None = None,
) -> str | None:
    """ "19 miles (30.58 km)": the figure and unit as the text writes them, then the
    canonical value in brackets when it reads differently ("$35 billion (35,000,000,000 USD)");
    "1,100 km" alone when nothing was converted or scaled. None when nothing was recorded as
    written (dates, claims stored before schema 0004). Plain text: the caller escapes it."""
    if not value_as_written:
        return None
    shown = value_as_written
    if unit_as_written:
        u = unit_as_written
        before = 0 <= quote.find(u) < max(quote.find(value_as_written), 0)  # "$35", "Mach 5"
        if before:
            shown = f"{u}{'' if not u[-1].isalnum() else ' '}{shown}"
        else:
            shown = f"{shown}{'' if not u[0].isalnum() else ' '}{u}"
    if value is None:
        return shown
    canonical = _number(value) if value_high is None else f"{_number(value)}–{_number(value_high)}"
    if canonical == value_as_written:
        return shown
    if unit and kind not in _COUNTED:
        canonical = f"{canonical} {unit}"
    return f"{shown} ({canonical})"


# --- A canonical figure in words: "over 1,100 km", "about $35 billion" (issue 11) ----------

_BOUND_WORDS = {"approx": "about", "lower": "over", "upper": "up to"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def _scaled(v: float) -> str:
    """35,000,000,000 → "35 billion"; 1,100 → "1,100"; 30.577536 → "30.58"."""
    for size, word in _SCALES:
        if abs(v) >= size:
            return f"{_number(round(v / size, 2))} {word}"
    return _number(v)


def readable_figure(
    value: float | None,
    value_high: float | None = None,
    unit: str | None = None,
    bound: str | None = None,
    kind: str | None = None,
    currency: str | None = None,
    quote: str = "",
) -> str | None:
    """The canonical value as a reader says it: "over 1,100 km", "about $35 billion",
    "3–5 missiles", "four-year" stays "4 years". Rounded to two decimals at most, so no
    float noise shows. The bound word is the quote's own when it has one ("at least",
    "nearly"), else "over", "up to" or "about". None without a value (dates). Plain text:
    the caller escapes it."""
    if value is None or isinstance(value, str):
        return None
    number = _scaled(value) if value_high is None else f"{_scaled(value)}–{_scaled(value_high)}"
    code = currency or (unit if kind == "money" else None)
    if code and code in _CURRENCY_SIGNS:
        text = f"{_CURRENCY_SIGNS[code]}{number}"
    elif code:
        text = f"{number} {code}"
    elif unit == "percent":
        text = f"{number}%"
    elif unit:
        plural = kind in _COUNTED or unit in ("year", "month", "week", "day", "hour", "minute", "second")
        many = value_high is not None or value != 1
        text = f"{number} {unit}{'s' if plural and many and not unit.endswith('s') else ''}"
    else:
        text = number
    word = _BOUND_WORDS.get(bound or "")
    low = quote.lower()
    for phrase in _BOUND_PHRASES.get(bound or "", ()):
        if re.search(rf"\b{phrase}\b", low):
            word = phrase  # the text's own word: "at least seven" stays "at least 7"
            break
    return f"{word} {text}" if word and value_high is None else text


# Bound words a quote may use, in the order they are looked for; the first found is shown.
_BOUND_PHRASES = {
    "lower": ("at least", "more than", "over", "above", "upwards of", "no fewer than", "no less than"),
    "upper": ("up to", "less than", "fewer than", "under", "nearly", "almost", "below", "at most"),
    "approx": ("about", "around", "approximately", "roughly", "some", "nearly", "almost"),
}
