"""Bytes to stored text: decoding, and the only normalization stored text ever gets.

Spans index the stored text forever, so normalization is deliberately minimal: line
endings become ``\\n`` and a leading BOM goes. Everything else is kept as written.
"""

from __future__ import annotations

import codecs
import re


class InputError(Exception):
    """A input that cannot be stored; ``str()`` is the one-line message for people."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


# C0 controls other than tab, newline, carriage return and form feed do not occur in
# text; a file dense with them is binary. C1 code points (U+0080-U+009F) are not counted:
# in real articles they are Windows-1252 punctuation mis-decoded upstream (U+0097 for an
# em dash), readable text kept as written.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def normalize_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)`` or raise :class:`InputError`.

    UTF-8 first (with or without BOM), UTF-16 when it carries a BOM, then a legacy
    single-byte encoding for files with no UTF-8 in them at all. A file that is mostly
    UTF-8 but has invalid bytes is mis-encoded and refused rather than guessed at: a guess
    would store mojibake under a permanent identity.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), source), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(source, f"undecodable bytes: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        return _checked(text, source), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise InputError(
                source, f"undecodable bytes: invalid UTF-8 at byte {exc.start} in an otherwise UTF-8 file"
            ) from None
    return _legacy(data, source)


def _legacy(data: bytes, source: str) -> tuple[str, str]:
    # Latin-1 and Windows-1252 agree on every printable byte except 0x80-0x9F, where
    # Latin-1 has only control characters; so the bytes say which one was meant.
    if re.search(rb"[\x80-\x9f]", data):
        try:
            return _checked(data.decode("cp1252"), source), "windows-1252"
        except (UnicodeDecodeError, InputError):
            pass
    else:
        return _checked(data.decode("latin-1"), source), "iso-8859-1"
    from charset_normalizer import from_bytes  # only for the rare file that needs it

    best = from_bytes(data).best()
    # Without some evidence of a language the "best" guess is noise (five C1 bytes come
    # back as Ukrainian cp1125); refuse rather than store mojibake.
    if best is not None and best.percent_coherence >= 20:
        try:
            return _checked(str(best), source), best.encoding
        except InputError:
            pass
    raise InputError(source, "undecodable bytes: not UTF-8 and no legacy encoding fits")


def _checked(text: str, source: str) -> str:
    text = normalize_newlines(text)
    # A stray control character occurs in real articles; binary data is dense with them.
    # Stray ones are kept as written: stored text is never repaired.
    controls = _CONTROL.findall(text, 0, 65536)
    if len(controls) > max(2, len(text[:65536]) // 200):
        first = _CONTROL.search(text)
        raise InputError(
            source, f"binary file ({len(controls)} control characters, the first {first.group()!r} at char {first.start()})"
        )
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)")
    return text
