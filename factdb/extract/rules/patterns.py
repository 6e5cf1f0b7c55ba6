"""Small regex builders shared by the grammar's stages."""

from __future__ import annotations

import re


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# re.IGNORECASE lets "ı", "İ", "ſ" and the Kelvin sign match ASCII letters, so a matched
# bound word is folded the same way before it is looked up (unfolded, it crashed the lookup).
_ICASE_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def _trie(words) -> str:
    """Regex alternation of ``words`` shaped as a trie: the engine tests one character per branch."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = f"(?:{'|'.join(alts)})" if len(alts) > 1 else alts[0]
        return f"(?:{body})?" if "" in node else body

    return emit(root)


class lazy_re:  # noqa: N801 - reads like re.compile at the definition site
    """A regex compiled on first use: for patterns only some texts need ("-strong", "cent of",
    fractions of a unit), so ``factdb extract`` does not pay their compile time at start-up."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._pattern, self._flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)
