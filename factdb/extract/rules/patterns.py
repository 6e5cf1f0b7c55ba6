"""Small regex builders shared by the grammar's stages."""

from __future__ import annotations

import re


def _alt(words) -> str:
    """Regex alternation, longest first so ``seventeen`` wins over ``seven``."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# re.IGNORECASE lets "ı", "İ", "ſ" and the Kelvin sign match ASCII letters, so a matched
# bound word is folded the same way before it is looked up (unfolded, it crashed the lookup).
_ICASE_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def trie_regex(words) -> str:
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
    """A regex compiled on first use, so ``factdb extract`` pays at start-up only for the
    patterns its text needs (an age cue, a domain rule's words, "cent of"), not for every
    pattern of every stage. After the first use the compiled pattern's methods sit in the
    instance, so a call costs what a call on the compiled pattern costs."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):
        # only reached for names not yet in the instance
        if name == "_compiled":
            compiled = re.compile(self.pattern, self.flags)
            self._compiled = compiled
            for method in ("match", "search", "finditer", "findall", "fullmatch", "sub", "subn", "split"):
                setattr(self, method, getattr(compiled, method))
            return compiled
        return getattr(self._compiled, name)
