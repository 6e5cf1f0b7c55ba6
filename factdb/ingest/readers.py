"""Readers: turn files, folders and standard input into :class:`DocumentIn` objects.

:func:`iter_inputs` is the one entry point for ingestion. It never raises, whatever the
input: it yields an :class:`InputError` (one line) for each input that cannot be stored,
so the caller can report it and carry on with the good ones, and a :class:`Skipped` for
things inside a folder that are not articles (images, ``.DS_Store``, sub-folders without
``--recursive``, FIFOs, devices, broken links). An exception nobody foresaw while reading
one input (a bug here or in trafilatura) becomes that input's ``internal error``.

Limits that keep one hostile input from costing the batch:

* Size: a document may be at most ``MAX_DOCUMENT_BYTES`` (5 MiB; the environment variable
  ``FACTDB_MAX_DOCUMENT_BYTES`` or ``iter_inputs(max_bytes=...)`` changes it), checked
  with ``fstat`` before a file is read and by reading at most one byte more from standard
  input. A JSON Lines file is a container: the file may be larger, each record's text may
  not. Over the limit it is streamed line by line, and must then be UTF-8 (as JSON Lines
  requires); a smaller one may be in any encoding :func:`decode` recognises.
* Only regular files are read (opened non-blocking, then ``fstat``): a FIFO or a link to
  ``/dev/zero`` would otherwise be read forever.
* NUL: stored text never contains U+0000 (SQLite's ``substr`` and ``length`` stop at it,
  breaking every span after it). A file with a NUL byte is binary; a JSON Lines field
  with ``\\u0000`` is that line's error. Stored text is never repaired: its hash is its
  identity, so the input is refused rather than cleaned.
* YAML front matter is composed without aliases (a "billion laughs" bomb is refused
  before anything expands), at most ``FRONT_MATTER_MAX_DEPTH`` levels deep and
  ``FRONT_MATTER_MAX_CHARS`` long. Scalars are read as the strings written: no tag is
  constructed, so no ``!!int abc`` or ``!!timestamp foo`` can raise, and dates go through
  :func:`parse_date` like every other date; a date that is no date (``2016-13-45``) is
  left unset, not guessed and not fatal. A field whose value is not a scalar (or a list
  of scalars, of which the first is used, as author lists are) is not used.
* Names: ``source`` is always printable and encodable as UTF-8 (:func:`display_path`),
  whatever bytes the file name has; the file is still read by its real name.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import functools
import hashlib
import html
import itertools
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from factdb.ingest.decode import InputError, decode, display_path, internal_error, normalize_newlines
from factdb.ingest.metadata import outlet_from_url, parse_date, text_header
from factdb.models import ContractError, DocumentIn

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
MEDIA_TYPES = {"txt": "text/plain", "md": "text/markdown", "html": "text/html", "jsonl": "application/jsonl"}
JSONL_FIELDS = {"text", "title", "url", "published", "outlet", "byline"}

# The longest article in the shared corpus is 72 KB, and a news page with its scripts and
# styles runs to 1-3 MB; 5 MiB leaves room for those and refuses what cannot be one article
# (a 6 MB page of character references is 375,000 figures).
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_BYTES_ENV = "FACTDB_MAX_DOCUMENT_BYTES"
FRONT_MATTER_MAX_CHARS = 64 * 1024
FRONT_MATTER_MAX_DEPTH = 8
STDIN = "<stdin>"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


def iter_inputs(
    paths: Iterable[str],
    recursive: bool = False,
    fmt: str | None = None,
    stdin: BinaryIO | None = None,
    outlet: str | None = None,
    max_bytes: int | None = None,
    defer: bool = False,
) -> Iterator[DocumentIn | InputError | Skipped | FileToRead]:
    """Every document in ``paths`` (files, folders, ``-`` for ``stdin``), in order.

    ``fmt`` forces a format (needed for standard input, which has no extension);
    ``outlet`` fills the outlet of documents that do not name their own; ``max_bytes``
    overrides the document size limit (see the module docstring). With ``defer``, a
    regular single-document file (not JSON Lines) is yielded as a :class:`FileToRead`
    instead of being read, so that another process can read it (:func:`read_deferred`):
    ``ingest --jobs N`` reads and parses in its workers.
    """
    limit, problem = document_limit(max_bytes)
    if problem is not None:
        yield problem
    for raw in paths:
        try:
            source = STDIN if raw == "-" else display_path(raw)
        except Exception as exc:  # not a path at all (None, a number)
            yield internal_error(repr(raw), exc)
            continue
        items = _guarded(source, _one_input(raw, source, recursive, fmt, stdin, limit, defer))
        yield from _with_outlet(items, outlet)


def document_limit(max_bytes: int | None = None) -> tuple[int, InputError | None]:
    """The size limit in bytes, and the complaint about a malformed environment setting."""
    if max_bytes is not None:
        return max_bytes, None
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return MAX_DOCUMENT_BYTES, None
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        reason = f"ignored: {raw!r} is not a positive whole number of bytes; the limit stays {_size(MAX_DOCUMENT_BYTES)}"
        return MAX_DOCUMENT_BYTES, InputError(MAX_BYTES_ENV, reason)
    return value, None


def too_large(size: int | None, limit: int) -> str:
    what = _size(size) if size is not None else f"more than {_size(limit)}"
    return f"too large: {what} (limit {_size(limit)}; set {MAX_BYTES_ENV} to raise it)"


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KB"
    return f"{n} bytes"


def _guarded(source: str, items: Iterator) -> Iterator:
    """``items``, with any exception they raise turned into ``source``'s one error."""
    try:
        yield from items
    except Exception as exc:  # a bug (ours or a library's) costs this input, not the batch
        yield internal_error(source, exc)


def _one_input(raw, source: str, recursive: bool, fmt: str | None, stdin, limit: int, defer: bool) -> Iterator:
    if raw == "-":
        if stdin is None:
            yield InputError(STDIN, "standard input is not available")
        else:
            yield from _read_stdin(stdin, fmt, limit)
        return
    path = Path(os.fsdecode(raw))
    st = _stat(path)
    if isinstance(st, str):
        yield InputError(source, st)
    elif stat.S_ISDIR(st.st_mode):
        yield from _walk(path, source, recursive, fmt, limit, defer)
    elif not stat.S_ISREG(st.st_mode):
        yield InputError(source, "not a regular file")
    else:
        yield from _read_or_defer(path, source, fmt, limit, defer)


def _stat(path: Path) -> os.stat_result | str:
    """``os.stat`` (following links), or the one-line reason it failed."""
    try:
        return os.stat(path)
    except OSError as exc:
        return _why(path, exc)


def _why(path: Path, exc: OSError) -> str:
    # pathlib's exists() says False for a link loop; say what is actually wrong.
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _walk(folder: Path, source: str, recursive: bool, fmt: str | None, limit: int, defer: bool) -> Iterator:
    try:
        entries = sorted(folder.rglob("*") if recursive else folder.iterdir())
    except OSError as exc:
        yield InputError(source, f"cannot read folder: {_why(folder, exc)}")
        return
    for path in entries:
        name = display_path(path)
        yield from _guarded(name, _entry(path, name, recursive, fmt, limit, defer))


def _entry(path: Path, name: str, recursive: bool, fmt: str | None, limit: int, defer: bool) -> Iterator:
    st = _stat(path)
    if isinstance(st, str):
        yield Skipped(name, st)
    elif stat.S_ISDIR(st.st_mode):
        if not recursive:
            yield Skipped(name, "folder (use --recursive to read folders inside folders)")
    elif path.name.startswith(".") or (fmt is None and path.suffix.lower() not in FORMATS):
        yield Skipped(name, "not an article file type")
    elif not stat.S_ISREG(st.st_mode):
        # a FIFO or a device (a link to /dev/zero) would be read forever
        yield Skipped(name, f"not a regular file ({_file_kind(st.st_mode)})")
    else:
        yield from _read_or_defer(path, name, fmt, limit, defer)


@dataclass(frozen=True)
class FileToRead:
    """A single-document file found by ``iter_inputs(defer=True)``, not read yet."""

    path: Path
    source: str
    fmt: str | None
    max_bytes: int
    outlet: str | None = None


def _read_or_defer(path: Path, source: str, fmt: str | None, limit: int, defer: bool) -> Iterator:
    # JSON Lines stays with the caller: one file is many documents, to be shared out one by one
    if defer and (fmt or FORMATS.get(path.suffix.lower())) not in (None, "jsonl"):
        yield FileToRead(path, source, fmt, limit)
    else:
        yield from read_file(path, fmt, max_bytes=limit)


def read_deferred(task: FileToRead) -> list[DocumentIn | InputError]:
    """What :func:`iter_inputs` would have yielded for ``task`` without ``defer``."""
    items = _guarded(task.source, read_file(task.path, task.fmt, max_bytes=task.max_bytes))
    return list(_with_outlet(items, task.outlet))


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return kind
    return "special file"


def _with_outlet(items: Iterator, outlet: str | None):
    for item in items:
        if outlet and isinstance(item, DocumentIn) and not item.outlet:
            item = dataclasses.replace(item, outlet=outlet)
        elif outlet and isinstance(item, FileToRead):
            item = dataclasses.replace(item, outlet=outlet)
        yield item


def read_file(
    path: Path, fmt: str | None = None, max_bytes: int | None = None
) -> Iterator[DocumentIn | InputError]:
    """The documents in one file (one, or one per line of a JSON Lines file)."""
    path = path if isinstance(path, Path) else Path(path)
    source = display_path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        yield InputError(
            source,
            f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of {', '.join(FORMATS)}",
        )
        return
    limit = max_bytes if max_bytes is not None else document_limit()[0]
    try:
        # Non-blocking, so that opening a FIFO cannot hang; fstat then says what it is.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        yield InputError(source, f"cannot read: {_why(path, exc)}")
        return
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            yield InputError(source, "not a regular file")
        elif st.st_size > limit and fmt == "jsonl":
            yield from _stream_jsonl(iter(functools.partial(os.read, fd, _CHUNK), b""), source, limit)
        elif st.st_size > limit:
            yield InputError(source, too_large(st.st_size, limit))
        else:
            try:
                data = _read_at_most(fd, limit + 1, st.st_size + 1)
            except OSError as exc:
                yield InputError(source, f"cannot read: {_why(path, exc)}")
                return
            if len(data) > limit:  # it grew since fstat
                yield InputError(source, too_large(None, limit))
            else:
                yield from _read_bytes(data, source, fmt)
    finally:
        os.close(fd)


def _read_at_most(fd: int, most: int, first: int) -> bytes:
    """Up to ``most`` bytes; ``first`` (the size fstat gave, plus one) is asked for first,
    so a small file costs one read and the limit is never allocated up front."""
    parts = []
    got = 0
    want = first
    while got < most:
        chunk = os.read(fd, min(want, most - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
        want = _CHUNK
    return b"".join(parts)


def _read_stdin(stdin: BinaryIO, fmt: str | None, limit: int) -> Iterator[DocumentIn | InputError]:
    try:
        head = stdin.read(limit + 1) or b""
    except OSError as exc:
        yield InputError(STDIN, f"cannot read: {exc.strerror or exc}")
        return
    if len(head) <= limit:
        yield from _read_bytes(head, STDIN, fmt)
    elif fmt == "jsonl" or (fmt is None and head.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"{"):
        rest = iter(lambda: stdin.read(_CHUNK) or b"", b"")
        yield from _stream_jsonl(itertools.chain([head], rest), STDIN, limit)
    else:
        yield InputError(STDIN, too_large(None, limit))


def read_document(path: str | Path) -> DocumentIn:
    """The one document in a single-document file; raises :class:`InputError` otherwise."""
    items = list(_guarded(display_path(path), read_file(Path(path))))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise InputError(display_path(path), f"holds {len(items)} documents, expected one")
    return items[0]


def _read_bytes(data: bytes, source: str, fmt: str | None) -> Iterator[DocumentIn | InputError]:
    if fmt == "jsonl":
        yield from _read_jsonl(data, source)
        return
    try:
        text, encoding = decode(data, source)
        fmt = fmt or _sniff(text)
        if fmt == "jsonl":
            yield from _read_jsonl(data, source)
            return
        fields = {"txt": _plain, "md": _markdown, "html": _html}[fmt](text, source)
        yield _document(
            source,
            fields,
            media_type=MEDIA_TYPES[fmt],
            encoding=encoding,
            raw_sha256=hashlib.sha256(data).hexdigest(),
        )
    except InputError as exc:
        yield exc


def _sniff(text: str) -> str:
    head = text.lstrip()[:200]
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("---"):
        return "md"
    if head.startswith("<"):
        return "html"
    return "txt"


# No stored field may hold NUL (SQLite's substr and length stop at it) or a lone surrogate
# (JSON "\\ud800": it cannot be encoded, so neither hashed nor stored).
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _document(source: str, fields: dict, surrogates: bool = False, **extra) -> DocumentIn:
    """A validated document; ``surrogates`` when its fields came from JSON, the only way a
    lone surrogate gets in (decoded bytes never hold one)."""
    for key in ("text", "title", "byline", "outlet", "url"):
        value = fields.get(key)
        if not isinstance(value, str):
            continue
        bad = "\x00" if "\x00" in value else None
        if bad is None and surrogates and not value.isascii():
            found = _SURROGATE.search(value)
            bad = found.group() if found else None
        if bad is not None:
            what = "NUL" if bad == "\x00" else "an unpaired surrogate"
            raise InputError(source, f"{key} contains {what} (\\u{ord(bad):04x})")  # as JSON writes it
    try:
        return DocumentIn(source=source, **fields, **extra)
    except ContractError as exc:
        raise InputError(source, f"invalid {exc.field}: {exc.reason}") from None


def _plain(text: str, source: str) -> dict:
    return {"text": text, **text_header(text)}


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_SHORTCODE = re.compile(r"\[/?[a-z]+_?\d*\]")  # WordPress furniture such as [ad_1]


def _markdown(text: str, source: str) -> dict:
    meta: dict = {}
    body = text
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _front_matter(m.group(1), source)
        body = text[m.end() :]
    if "<p" in body or "<div" in body or "<br" in body:
        fields = _html_fields(body, source, with_metadata=False)
    else:
        fields = _plain(body.strip("\n"), source)
        fields["text"] = body.strip()
    fm = _front_matter_fields(meta, source)
    merged = {**fields, **{k: v for k, v in fm.items() if v}}
    merged["text"] = _with_title(merged.get("title"), fields["text"])
    return merged


class _Refused(Exception):
    """Front matter that would cost more to load than any article's metadata needs."""


def _front_matter(block: str, source: str) -> dict:
    import yaml

    if len(block) > FRONT_MATTER_MAX_CHARS:
        raise InputError(
            source, f"YAML front matter refused: {len(block):,} characters (limit {FRONT_MATTER_MAX_CHARS:,})"
        )
    fast = getattr(yaml, "CBaseLoader", None)  # libyaml, when PyYAML was built with it
    if fast is not None:
        # libyaml parses ~10x faster than the pure-Python parser, which was a third of
        # the time to read a Reuters article. Its composer runs in C, so the checks the
        # pure-Python loader makes while composing are made on the events first; YAML
        # it cannot read is left to the pure-Python parser, whose messages name the line.
        loader = None
        try:
            _check_events(yaml.parse(block, Loader=fast))
            loader = fast(block)
            loaded = loader.get_single_data()
            return loaded if isinstance(loaded, dict) else {}
        except _Refused as exc:
            raise InputError(source, f"YAML front matter refused: {exc}") from None
        except yaml.YAMLError:
            pass
        finally:
            if loader is not None:
                loader.dispose()
    loader = _front_matter_loader()(block)
    try:
        loaded = loader.get_single_data()
    except _Refused as exc:
        raise InputError(source, f"YAML front matter refused: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or ""
        raise InputError(source, f"malformed YAML front matter{line}: {problem}".rstrip(": ")) from None
    finally:
        loader.dispose()
    return loaded if isinstance(loaded, dict) else {}


def _check_events(events) -> None:
    """Refuse aliases and deep nesting as :func:`_front_matter_loader`'s composer does,
    from the parser's events, before anything is composed."""
    import yaml

    depth = 0  # collections open around the next node
    for event in events:
        if isinstance(event, yaml.NodeEvent):
            where = f"line {event.start_mark.line + 2}"
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(f"alias *{event.anchor} at {where} (aliases are not allowed)")
            if depth >= FRONT_MATTER_MAX_DEPTH:
                raise _Refused(f"nested more than {FRONT_MATTER_MAX_DEPTH} levels deep at {where}")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


@functools.cache
def _front_matter_loader():
    """A YAML loader that composes no aliases, nests shallowly and constructs no tags.

    ``BaseLoader`` reads every scalar as the string written, so no tag's constructor can
    raise (``!!int abc``) or be slow. Aliases are refused before anything is built: one is
    enough for a "billion laughs" bomb, and real front matter has no use for them. The
    depth bound also keeps the recursive composer far from Python's recursion limit.
    """
    import yaml

    class FrontMatterLoader(yaml.BaseLoader):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            where = f"line {event.start_mark.line + 2}"
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(f"alias *{event.anchor} at {where} (aliases are not allowed)")
            if self.depth >= FRONT_MATTER_MAX_DEPTH:
                raise _Refused(f"nested more than {FRONT_MATTER_MAX_DEPTH} levels deep at {where}")
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return FrontMatterLoader


# What YAML means by "no value"; BaseLoader hands them over as written.
_YAML_NULLS = {"", "~", "null", "Null", "NULL"}


def _front_matter_fields(meta: dict, source: str) -> dict:
    def first(*keys):
        for key in keys:
            value = meta.get(key)
            if isinstance(value, list):  # author lists, WordPress' one-item lists
                value = value[0] if value else None
            if isinstance(value, str) and value.strip() not in _YAML_NULLS:
                # WordPress exports keep HTML entities in titles (&#039;, &amp;)
                return html.unescape(" ".join(value.split()))
        return None

    url = first("canonical_url", "original_link", "url", "link", "permalink")
    published = parse_date(first("published_date", "post_date", "date", "published"))
    return {
        "title": first("title", "post_title", "original_title"),
        "url": url,
        "outlet": first("outlet", "source", "publisher", "site_name") or outlet_from_url(url),
        "byline": first("byline", "author"),
        "published": published[0] if published else None,
        "published_precision": published[1] if published else None,
    }


def _with_title(title: str | None, body: str) -> str:
    # The headline is part of what the article says (figures in it are claims too),
    # so it leads the stored text, as it does in plain-text articles.
    if title and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}"
    return body


def _html(text: str, source: str) -> dict:
    fields = _html_fields(text, source, with_metadata=True)
    fields["text"] = _with_title(fields.get("title"), fields["text"])
    return fields


def _html_fields(html: str, source: str, with_metadata: bool) -> dict:
    import trafilatura

    html = _SHORTCODE.sub("", html)
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=False,
        # metadata only: never guess a publication date from the article's prose
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text if doc is not None else None) or _fallback_text(html)
    text = normalize_newlines(text).strip()
    if not text:
        raise InputError(source, "no article text found in the HTML")
    fields: dict = {"text": text}
    if with_metadata and doc is not None:
        published = parse_date(doc.date)
        fields.update(
            title=doc.title,
            url=doc.url,
            outlet=doc.sitename or outlet_from_url(doc.url),
            byline=doc.author,
            published=published[0] if published else None,
            published_precision=published[1] if published else None,
        )
    return fields


def _fallback_text(html: str) -> str:
    """Paragraph text for fragments too short for trafilatura's boilerplate model."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for junk; all mean "no text here"
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//footer|//form"):
        bad.drop_tree()
    paragraphs = [" ".join(p.text_content().split()) for p in root.xpath("//p|//h1|//h2|//h3|//li")]
    return "\n".join(p for p in paragraphs if p) or " ".join(root.text_content().split())


def _read_jsonl(data: bytes, source: str) -> Iterator[DocumentIn | InputError]:
    """A JSON Lines file within the size limit: decoded whole, then one record a line."""
    try:
        content, encoding = decode(data, source)
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            yield _record(line, source, number, encoding, None)


def _stream_jsonl(chunks: Iterator[bytes], source: str, limit: int) -> Iterator[DocumentIn | InputError]:
    """A JSON Lines file over the size limit, one line at a time; UTF-8 only."""
    for number, (raw, size) in enumerate(_lines(chunks, 2 * limit), start=1):
        if number == 1:
            if raw is not None and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield InputError(
                    source, f"{too_large(None, limit)}: a JSON Lines file this large must be UTF-8"
                )
                return
            raw = raw.removeprefix(codecs.BOM_UTF8) if raw is not None else None
        if raw is None:
            # JSON escapes can double a text; a line longer than that cannot hold a text within the limit
            yield InputError(source, too_large(size, limit), line=number)
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").removesuffix("\r")
        except UnicodeDecodeError as exc:
            yield InputError(
                source, f"undecodable bytes: invalid UTF-8 at byte {exc.start} of the line", line=number
            )
            continue
        yield _record(line, source, number, "utf-8", limit)


def _lines(chunks: Iterator[bytes], cap: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, size)`` for each line of a byte stream; a line over ``cap`` bytes comes as
    ``(None, size)`` and is never held in memory whole."""
    buf = bytearray()
    dropped = 0  # bytes of the current line already let go, because it is over the cap
    for chunk in chunks:
        buf += chunk
        start = 0
        while (end := buf.find(b"\n", start)) >= 0:
            size = dropped + end - start
            yield (bytes(buf[start:end]) if size <= cap else None), size
            dropped = 0
            start = end + 1
        del buf[:start]
        if dropped + len(buf) > cap:
            dropped += len(buf)
            buf.clear()
    if dropped or buf:
        size = dropped + len(buf)
        yield (bytes(buf) if size <= cap else None), size


def _record(line: str, source: str, number: int, encoding: str, limit: int | None) -> DocumentIn | InputError:
    """One JSON Lines record; whatever goes wrong with it is this line's error alone."""
    try:
        return _record_document(line, source, number, encoding, limit)
    except InputError as exc:
        return InputError(source, exc.reason, line=number)
    except Exception as exc:  # a bug met on one record costs that record
        return internal_error(source, exc, line=number)


def _record_document(line: str, source: str, number: int, encoding: str, limit: int | None) -> DocumentIn:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:  # '[[[[…' a hundred thousand deep
        raise InputError(source, "malformed JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise InputError(source, f"malformed JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(source, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "record has no 'text' (a non-empty string)")
    if limit is not None and len(text) > limit // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise InputError(source, too_large(size, limit))
    published = None
    if record.get("published") not in (None, ""):
        published = parse_date(record["published"])
        if published is None:
            raise InputError(source, f"unrecognised 'published' date {record['published']!r}")
    fields = {}
    for key in ("title", "url", "outlet", "byline"):
        value = record.get(key)
        if isinstance(value, (dict, list)):
            raise InputError(source, f"'{key}' is not a string")
        fields[key] = str(value) if value is not None else None
    if not fields["outlet"]:
        fields["outlet"] = outlet_from_url(fields["url"])
    return _document(
        f"{source}:{number}",
        {
            "text": normalize_newlines(text),
            **fields,
            "published": published[0] if published else None,
            "published_precision": published[1] if published else None,
        },
        surrogates=True,
        media_type=MEDIA_TYPES["jsonl"],
        encoding=encoding,
        raw_sha256=hashlib.sha256(line.encode("utf-8")).hexdigest(),
    )
