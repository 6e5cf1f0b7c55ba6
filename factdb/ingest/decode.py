"""Bytes to stored text: decoding, and the only normalization stored text ever gets.

Spans index the stored text forever, so normalization is deliberately minimal: line
endings become ``\\n`` and a leading BOM goes. Everything else is kept as written.

A guess that turns out wrong would store mojibake under a permanent identity (the hash of
the text), so every guess here needs evidence and every doubt is a refusal:

* UTF-32 and UTF-16 with a BOM (UTF-32 first: its little-endian BOM starts with UTF-16's);
  without a BOM when the zero bytes fall where ASCII-heavy UTF-16/32 puts them, and the
  strict decoding reads as text.
* Any other NUL byte, anywhere in the file, makes it binary: SQLite's ``substr`` and
  ``length`` stop at NUL, which would break every span after it.
* UTF-8 (the common path: one strict decode, nothing else). A file that is mostly UTF-8
  (its valid multibyte sequences are a clear majority of its high bytes) but has invalid
  bytes is mis-encoded and refused; a Shift-JIS or GB18030 file has byte pairs that look
  like UTF-8 by chance, but only a minority.
* Windows-1252 / ISO-8859-1 when the result reads like Western text (accented letters in
  mostly-ASCII words; no symbols inside words, as Polish in cp1250 would give).
* Otherwise charset_normalizer (only on this rare path), accepted only with evidence: a
  language it recognises with some coherence (Cyrillic, Greek), or, for the multi-byte
  East Asian encodings, text that is nearly all CJK script.
* Otherwise ``undecodable bytes: not UTF-8 and no encoding fits``.
"""

from __future__ import annotations

import codecs
import os
import re


class InputError(Exception):
    """An input that cannot be stored; ``str()`` is the one-line message for people.

    Every reader failure is a failure of the ``read`` stage; ``source`` and ``reason`` are
    made one printable line that encodes as UTF-8 whatever they were built from (a file
    name with undecodable bytes, an exception message quoting the input).
    """

    stage = "read"

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source = one_line(source)
        self.reason = one_line(reason)
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {self.reason}")

    def __reduce__(self):
        # rebuilt from its fields: ``ingest --jobs`` sends read errors back from its workers
        return type(self), (self.source, self.reason, self.line)


def internal_error(source: str, exc: BaseException, line: int | None = None) -> InputError:
    """A reader bug (or a library's) met on one input: that input's failure, not the batch's."""
    from factdb.failures import internal_reason

    return InputError(source, internal_reason(exc), line=line)


# Characters that would break a one-line message or a terminal: C0/C1 controls, DEL and
# the Unicode line separators. Shown as Python escapes ('\n', '\x1b', '\u2028').
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MESSAGE_MAX = 400


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(s: str, limit: int = _MESSAGE_MAX) -> str:
    """``s`` as one printable line that encodes as UTF-8, cut to ``limit`` characters."""
    if not isinstance(s, str):
        s = str(s)
    if not s.isascii():
        # lone surrogates (undecodable file-name bytes, JSON "\ud800") cannot be written out
        s = s.encode("utf-8", "backslashreplace").decode("utf-8")
    s = _UNPRINTABLE.sub(_escape, s.strip())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def display_path(path: str | bytes | os.PathLike) -> str:
    """A path as people and the database see it: printable, always encodable as UTF-8.

    File names are bytes. Python keeps bytes that are not UTF-8 as lone surrogates, which
    crash printing and SQLite later; here they become backslash escapes (``caf\\xe9.txt``),
    so the name still says which file it was. The file itself is read by its real path.
    """
    raw = os.fspath(path)
    if isinstance(raw, str):
        if raw.isascii() and raw.isprintable():
            return raw
        try:
            raw = os.fsencode(raw)
        except UnicodeEncodeError:  # a surrogate that no file-name byte produces
            raw = raw.encode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(_escape, raw.decode("utf-8", "backslashreplace"))


# C0 controls other than tab, newline, carriage return and form feed do not occur in
# text; a file dense with them is binary. C1 code points (U+0080-U+009F) are not counted:
# in real articles they are Windows-1252 punctuation mis-decoded upstream (U+0097 for an
# em dash), readable text kept as written.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Well-formed UTF-8 multibyte sequences (no overlongs, no surrogates, nothing past U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))
BINARY_NUL = "binary file (contains NUL bytes)"
NOTHING_FITS = "undecodable bytes: not UTF-8 and no encoding fits"


def normalize_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)`` or raise :class:`InputError`.

    See the module docstring for the order of guesses and why each needs evidence.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    bom = _with_bom(data, source)
    if bom is not None:
        return bom
    if b"\x00" in data:
        wide = _wide_without_bom(data, source)
        if wide is None:
            raise InputError(source, BINARY_NUL)
        return wide
    try:
        return _checked(data.decode("utf-8-sig"), source), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    high = len(data.translate(None, _ASCII))
    in_utf8 = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if in_utf8 >= 0.75 * high:
        raise InputError(
            source, f"undecodable bytes: invalid UTF-8 at byte {first_bad} in an otherwise UTF-8 file"
        )
    return _legacy(data, source, looks_utf8=in_utf8 >= 0.25 * high)


def _with_bom(data: bytes, source: str) -> tuple[str, str] | None:
    # UTF-32-LE's BOM begins with UTF-16-LE's, so UTF-32 is tried first; a UTF-16 file whose
    # first character is NUL would look like UTF-32 and is refused below as binary anyway.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), source), codec
            except UnicodeDecodeError as exc:
                if codec == "utf-32":
                    continue  # perhaps UTF-16 after all
                raise InputError(source, f"undecodable bytes: invalid UTF-16 at byte {exc.start}") from None
    return None


def _wide_without_bom(data: bytes, source: str) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM, told by where the zero bytes fall; else None.

    Every UTF-32 code unit has a zero top byte; ASCII-heavy UTF-16 has a zero high byte in
    most code units and almost never a zero low byte. The strict decoding must then read
    as text (no NUL characters, not dense with controls) to be believed.
    """
    n = len(data)
    candidates = []
    if n % 4 == 0:
        units = n // 4
        if data[3::4].count(0) == units and data[2::4].count(0) >= units // 2:
            candidates.append("utf-32-le")
        if data[0::4].count(0) == units and data[1::4].count(0) >= units // 2:
            candidates.append("utf-32-be")
    if n % 2 == 0:
        # ASCII-heavy: at least a tenth of the code units (spaces, digits, punctuation in
        # Cyrillic or Greek text) have a zero high byte, and hardly any a zero low byte.
        enough = max(4, n // 20)
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if odd >= enough and odd >= 8 * even:
            candidates.append("utf-16-le")
        if even >= enough and even >= 8 * odd:
            candidates.append("utf-16-be")
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or not (" " in text or "\n" in text):
            continue  # NUL is binary; text without a space or a line break is not prose
        try:
            return _checked(text, source), codec
        except InputError:
            continue
    return None


def _legacy(data: bytes, source: str, looks_utf8: bool) -> tuple[str, str]:
    # Latin-1 and Windows-1252 agree on every printable byte except 0x80-0x9F, where
    # Latin-1 has only control characters; so the bytes say which one was meant. A file
    # with many well-formed UTF-8 sequences among its high bytes is not Western text in a
    # legacy encoding ("cafÃ©" is UTF-8 read as Latin-1).
    if not looks_utf8:
        western = (
            ("cp1252", "windows-1252") if re.search(rb"[\x80-\x9f]", data) else ("latin-1", "iso-8859-1")
        )
        codec, name = western
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not Windows-1252
            text = None
        if text is not None and _reads_western(text):
            return _checked(text, source), name
    return _detected(data, source)


# In-word punctuation that Western text does have between letters (don’t, Jean‑Luc).
_IN_WORD = set("\u2019\u2018\u00b4\u2010\u2011\u2013\u2014\u00b7\u00ad")


def _reads_western(text: str) -> bool:
    """Whether Latin-1/cp1252 text reads as a Western European language, not mojibake.

    Western languages write accented letters inside mostly-ASCII words (café, Zürich), so
    only a small share of letters are non-ASCII. Cyrillic, Greek or CJK bytes read as
    Latin-1 give words made of accented letters (ñÏÂÒÁÎÉÅ); Central European bytes give
    symbols inside words (¯o³nierze for Żołnierze).
    """
    letters, high_letters, inside, high = _letter_stats(text)
    return high_letters <= 0.3 * max(letters, 1) and inside <= 0.05 * max(high, 1)


def _letter_stats(text: str, sample: int = 200_000) -> tuple[int, int, int, int]:
    """Letters, non-ASCII letters, non-ASCII symbols between two letters, non-ASCII characters."""
    text = text[:sample]
    letters = len(_ASCII_LETTER.findall(text))
    high = high_letters = inside = 0
    for m in _NON_ASCII.finditer(text):
        high += 1
        ch = m.group()
        if ch.isalpha():
            letters += 1
            high_letters += 1
        elif (
            ch not in _IN_WORD
            and text[m.start() - 1 : m.start()].isalpha()
            and text[m.end() : m.end() + 1].isalpha()
        ):
            inside += 1
    return letters, high_letters, inside, high


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# CJK scripts and punctuation; not half-width katakana, which is what Cyrillic bytes read
# as Shift-JIS look like (and which real Japanese articles hardly use).
_CJK = re.compile(
    r"[\u1100-\u11ff\u3000-\u303f\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]"
)
_MULTIBYTE = {
    "shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "euc_kr", "cp949", "johab",
}  # fmt: skip


def _detected(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for the rare file that needs it

    for match in from_bytes(data):
        name = codecs.lookup(match.encoding).name
        codec = name.replace("-", "_")
        try:
            text = data.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _has_evidence(match, codec, text):
            continue
        try:
            return _checked(text, source), _label(name)
        except InputError:
            continue
    raise InputError(source, NOTHING_FITS)


def _has_evidence(match, codec: str, text: str) -> bool:
    # Without some evidence of a language the "best" guess is noise (five C1 bytes come
    # back as Ukrainian cp1125). charset_normalizer's coherence is near zero for CJK even
    # when right, so there the evidence is the text itself: nearly all CJK script.
    if codec in _MULTIBYTE:
        sample = text[:200_000]
        non_ascii = len(sample) - sum(ch.isascii() for ch in sample)
        cjk = len(_CJK.findall(sample))
        return cjk >= 8 and cjk >= 0.9 * non_ascii
    if codec in ("cp1252", "iso8859_1"):
        return False  # already judged above: not Western text
    _, _, inside, high = _letter_stats(text)
    return match.percent_coherence >= 20 and match.language != "Unknown" and inside <= 0.05 * max(high, 1)


def _label(codec: str) -> str:
    # Python's canonical codec name, with the Windows code pages under their IANA names
    # as Windows-1252 already is.
    return "windows-" + codec[2:] if codec.startswith("cp125") else codec


def _checked(text: str, source: str) -> str:
    text = normalize_newlines(text)
    if "\x00" in text:
        raise InputError(source, BINARY_NUL)
    # A stray control character occurs in real articles; binary data is dense with them.
    # Stray ones are kept as written: stored text is never repaired.
    controls = _CONTROL.findall(text, 0, 65536)
    if len(controls) > max(2, len(text[:65536]) // 200):
        first = _CONTROL.search(text)
        raise InputError(
            source,
            f"binary file ({len(controls)} control characters, the first {first.group()!r} at char {first.start()})",
        )
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)")
    return text
