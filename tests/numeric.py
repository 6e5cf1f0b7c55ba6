"""What the numeric extractor tests share: run the three numeric extractors on a text and
check every claim's span against the text before a test looks at it."""

from __future__ import annotations

from factdb.extract import extract_claims

NUMERIC = ["quantities", "money", "counts"]


def claims(text, names=NUMERIC):
    """The claims of ``names`` in ``text``, each checked: ``text[char_start:char_end] == quote``."""
    out = extract_claims(text, names=names)
    for c in out:
        assert text[c.char_start : c.char_end] == c.quote
    return out


def by_quote(text):
    return {c.quote: c for c in claims(text)}
