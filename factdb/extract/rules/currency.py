"""Currency phrases: the signs, ISO codes and words that make a number money.

Stage 2 of the grammar (see :mod:`.mention`), for money: signs and codes written before the
number (``CUR_PREFIX``, read inside :data:`.figure.MASTER`), and currency words, codes and
signs written after it (``_currency_word_at``, ``_CUR_WORD_CASED``), minor units (``_MINOR``).
The data is :mod:`.units` (news conventions) over :mod:`.lexicon` (CLDR via Babel).
"""

from __future__ import annotations

import re

from . import numbers as N
from . import units as U
from .patterns import _ICASE_FOLD, lazy_re, trie_regex

# Currency signs and codes written before the number, case-sensitive: the hand-chosen news
# readings and the CLDR signs (:data:`U.CURRENCY_SIGNS`), ISO codes ("USD", "UAH") and "RMB"
# only before digits, and tokenized lowercase forms ("c $ 16.4 million", "hk $ 10").
_SIGN_ALT = trie_regex(U.CURRENCY_SIGNS) + r"|U\.S\.\s\$"  # after the number: every sign
# before the number: every sign that does not start with a letter, the hand-chosen ones, and the
# letter signs news writes before figures; rarer letter signs ("Fdj", "Lekë") are read after it
_LETTER_PREFIXES = {"Rp", "Ksh", "KSh", "S/", "Kz", "Bs", "Bs.S", "TSh", "USh", "NT$", "RD$", "RM", "WS$", "T$", "MOP$"}
_PREFIX_SIGNS = {w for w in U.CURRENCY_SIGNS if not w[0].isalpha()} | set(U.CURRENCY_SIGNS) & (
    _LETTER_PREFIXES | {"US$", "USD$", "U.S.$", "AU$", "A$", "AUD$", "CA$", "C$", "CAD$", "NZ$", "NZD$", "HK$",
                        "S$", "R$", "Mex$", "MX$", "MXN$", "Rs", "Rs.", "CN¥"}
)
_PREFIX_ALT = trie_regex(_PREFIX_SIGNS) + r"|U\.S\.\s\$"
# any three capitals here; the match is kept only for a known ISO code (:func:`_known_code`):
# one set lookup instead of a 180-branch alternation to compile and try
_CODE_ALT = r"[A-Z]{3}"
_CODES = U.CURRENCY_CODES | {"RMB"}
CUR_PREFIX = (
    rf"(?:(?-i:(?:{_PREFIX_ALT})|(?:{_CODE_ALT})(?=\s?\d)))"
)
# tokenized lowercase prefixes before "$" ("c $ 16.4 million", "hk $ 10", "usd$ 15"): read back from
# a "$" match (cheaper than offering every word start to MASTER)
_LOWER_DOLLAR_BEFORE = lazy_re(r"(?<![\w$])(?P<p>us|hk|nz|au|ca|c|mex|usd|aud|cad|nzd|mxn)\s?$", re.IGNORECASE)
# the second end of a range repeats the first's sign: the common ones suffice ("$10 to $15")
CUR_PREFIX2 = r"(?:(?-i:US\$|AU\$|A\$|CA\$|C\$|NZ\$|HK\$|S\$|R\$|\$|£|€|¥|₩|₹|₽|₺|₪|RM|Rs\.?))"


def _known_code(cur: str) -> bool:
    """Is a matched currency prefix a sign, or a code CLDR knows ("USD" yes, "ABC" no)?"""
    w = cur.strip()
    return not (len(w) == 3 and w.isalpha() and w.isupper()) or w in _CODES


def currency_of_sign(written: str) -> str:
    """The ISO code of a currency sign or code as matched ("HK$" -> HKD, "c $" -> CAD)."""
    w = written.strip()
    if w in U.CURRENCY_SIGNS:
        return U.CURRENCY_SIGNS[w]
    squeezed = re.sub(r"\s", "", w)
    if squeezed in U.CURRENCY_SIGNS:
        return U.CURRENCY_SIGNS[squeezed]
    if squeezed in U.CURRENCY_CODES:
        return squeezed
    low = squeezed.lower().replace("u.s.", "us")
    if low in U.CURRENCY_PREFIX:
        return U.CURRENCY_PREFIX[low]
    lowered = {k.lower(): v for k, v in U.CURRENCY_SIGNS.items()}
    return lowered.get(low, U.CURRENCY_PREFIX.get(low[:-1], "USD") if low.endswith("$") else "USD")


# a currency word after the number ("5 million euros", "42 kuwaiti dinars"): up to four words,
# looked up longest first in :data:`U.CURRENCY_SUFFIX` (a dict lookup: the CLDR names are too
# many for one alternation to compile fast)
_CUR_WORDS = lazy_re(r"(?P<of>\s+of)?(?:\s+|-(?=[^\W\d_]))(?P<w>[^\W\d_]+(?:[ .][^\W\d_]+\.?){0,3})")
_CUR_WORD_END = lazy_re(r"\b(?![-'’]\w)")
_CUR_WORD_MAX = max(len(k.split()) for k in U.CURRENCY_SUFFIX)
_CUR_FIRST_WORDS = frozenset(k.split()[0].rstrip(".") for k in U.CURRENCY_SUFFIX)


class _CurWord:
    """The part of a :data:`_CUR_WORDS` match that names a currency (a match-like object)."""

    __slots__ = ("_of", "_u", "_end")

    def __init__(self, of, u, end):
        self._of, self._u, self._end = of, u, end

    def group(self, name):
        return self._of if name == "of" else self._u

    def end(self):
        return self._end


_NON_SPACE = lazy_re(r"\S+")


def _currency_word_at(text: str, e: int) -> _CurWord | None:
    wm = _CUR_WORDS.match(text, e)
    if wm is None:
        return None
    words = wm.group("w")
    # folded once for every candidate below: the fold and lower() map each character to one
    # character (the only one lower() would expand, "İ", is folded to "i" first), so offsets
    # into ``words`` are offsets into ``low``
    low = words.translate(_ICASE_FOLD).lower()
    if low.split(None, 1)[0].rstrip(".") not in _CUR_FIRST_WORDS:
        return None
    w0 = wm.start("w")
    spans = [(x.start(), x.end()) for x in _NON_SPACE.finditer(words)]
    for k in range(min(len(spans), _CUR_WORD_MAX), 0, -1):
        a, b = spans[0][0], spans[k - 1][1]
        written = words[a:b]
        for cand in (written, written.rstrip(".")) if written.endswith(".") else (written,):
            key = " ".join(low[a : a + len(cand)].split())
            if key in U.CURRENCY_SUFFIX and _CUR_WORD_END.match(text, w0 + a + len(cand)):
                return _CurWord(wm.group("of"), cand, w0 + a + len(cand))
    return None


# an ISO code or a sign after the number: "42 KWD", "115USD", "20€", "5 €", "10 $", "100₾", "42 RM"
_CUR_WORD_CASED = lazy_re(
    rf"(?:\s?(?P<u>{_CODE_ALT})\b|\s?M(?P<mc>{_CODE_ALT})\b|\s?(?P<s>{_SIGN_ALT})(?![\w$]))(?!\s?\d)"
    rf"(?:\s+(?P<scale>{N._BIG})\b)?"  # "75 USD million"
)
_SCALE_AFTER_CODE = lazy_re(rf"\s+(?P<scale>{N._BIG})\b(?!\s+(?:of|in|to)\b)", re.IGNORECASE)
_PENCE_AFTER = lazy_re(r"\s+(?:and\s+)?\d{1,2}\s?(?:p|pence)\b")  # "3 pounds 20 pence" is money
_MINOR = lazy_re(
    r"(?:[\s-](?P<w>cents?|pence|penny|pennies|satoshis?|kopecks?|kopeks?)\b|(?P<p>p)\b|\s?(?P<sign>¢))", re.IGNORECASE
)
