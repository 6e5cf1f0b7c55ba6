"""Readers: turn files, folders and standard input into :class:`DocumentIn` objects.

:func:`iter_inputs` is the one entry point for ingestion. It never raises for bad input:
it yields an :class:`InputError` for each input that cannot be stored (so the caller can
report it and carry on with the good ones) and a :class:`Skipped` for files inside a
folder that are not articles (images, ``.DS_Store``).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from factdb.ingest.decode import InputError, decode, normalize_newlines
from factdb.ingest.metadata import outlet_from_url, parse_date, text_header
from factdb.models import DocumentIn

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
) -> Iterator[DocumentIn | InputError | Skipped]:
    """Every document in ``paths`` (files, folders, ``-`` for ``stdin``), in order.

    ``fmt`` forces a format (needed for standard input, which has no extension);
    ``outlet`` fills the outlet of documents that do not name their own.
    """
    for raw in paths:
        if raw == "-":
            if stdin is None:
                yield InputError("<stdin>", "standard input is not available")
                continue
            yield from _with_outlet(_read_bytes(stdin.read(), "<stdin>", fmt or None), outlet)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, recursive, fmt, outlet)
        elif path.is_file():
            yield from _with_outlet(read_file(path, fmt), outlet)
        elif path.exists():
            yield InputError(raw, "not a regular file")
        else:
            yield InputError(raw, "no such file or directory")


def _walk(folder: Path, recursive: bool, fmt: str | None, outlet: str | None):
    entries = sorted(folder.rglob("*") if recursive else folder.iterdir())
    for path in entries:
        if path.is_dir():
            if not recursive:
                yield Skipped(str(path), "folder (use --recursive to read folders inside folders)")
            continue
        if path.name.startswith(".") or (fmt is None and path.suffix.lower() not in FORMATS):
            yield Skipped(str(path), "not an article file type")
            continue
        yield from _with_outlet(read_file(path, fmt), outlet)


def _with_outlet(items: Iterator, outlet: str | None):
    for item in items:
        if outlet and isinstance(item, DocumentIn) and not item.outlet:
            item = item.model_copy(update={"outlet": outlet})
        yield item


def read_file(path: Path, fmt: str | None = None) -> Iterator[DocumentIn | InputError]:
    source = str(path)
    fmt = fmt or FORMATS.get(path.suffix.lower())
    if fmt is None:
        yield InputError(
            source, f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of {', '.join(FORMATS)}"
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, source, fmt)


def read_document(path: str | Path) -> DocumentIn:
    """The one document in a single-document file; raises :class:`InputError` otherwise."""
    items = list(read_file(Path(path)))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise InputError(str(path), f"holds {len(items)} documents, expected one")
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


def _document(source: str, fields: dict, **extra) -> DocumentIn:
    try:
        return DocumentIn(source=source, **fields, **extra)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(source, f"invalid {where}: {first['msg']}") from None


def _plain(text: str, source: str) -> dict:
    return {"text": text, **text_header(text)}


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_SHORTCODE = re.compile(r"\[/?[a-z]+_?\d*\]")  # WordPress furniture such as [ad_1]


def _markdown(text: str, source: str) -> dict:
    meta: dict = {}
    body = text
    m = _FRONT_MATTER.match(text)
    if m:
        import yaml

        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 2}" if mark else ""
            raise InputError(source, f"malformed YAML front matter{line}") from None
        meta = loaded if isinstance(loaded, dict) else {}
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


def _front_matter_fields(meta: dict, source: str) -> dict:
    def first(*keys):
        for key in keys:
            value = meta.get(key)
            if isinstance(value, list):
                value = value[0] if value else None
            if value not in (None, ""):
                # WordPress exports keep HTML entities in titles (&#039;, &amp;)
                return html.unescape(" ".join(str(value).split()))
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
    try:
        content, encoding = decode(data, source)
    except InputError as exc:
        yield exc
        return
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"malformed JSON: {exc.msg} at column {exc.colno}", line=number)
            continue
        if not isinstance(record, dict):
            yield InputError(source, "record is not a JSON object", line=number)
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(source, "record has no 'text' (a non-empty string)", line=number)
            continue
        published = None
        if record.get("published") not in (None, ""):
            published = parse_date(record["published"])
            if published is None:
                yield InputError(source, f"unrecognised 'published' date {record['published']!r}", line=number)
                continue
        fields = {k: record.get(k) for k in ("title", "url", "outlet", "byline")}
        fields = {k: (str(v) if v is not None else None) for k, v in fields.items()}
        if not fields["outlet"]:
            fields["outlet"] = outlet_from_url(fields["url"])
        try:
            yield _document(
                f"{source}:{number}",
                {
                    "text": normalize_newlines(text),
                    **fields,
                    "published": published[0] if published else None,
                    "published_precision": published[1] if published else None,
                },
                media_type=MEDIA_TYPES["jsonl"],
                encoding=encoding,
                raw_sha256=hashlib.sha256(line.encode("utf-8")).hexdigest(),
            )
        except InputError as exc:
            yield InputError(source, exc.reason, line=number)
