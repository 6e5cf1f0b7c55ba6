"""Reading articles: files, folders and standard input, in text, Markdown, HTML and JSON Lines."""

from factdb.ingest.decode import InputError
from factdb.ingest.readers import (
    FORMATS,
    FileToRead,
    Skipped,
    iter_inputs,
    read_deferred,
    read_document,
    read_file,
)

__all__ = [
    "FORMATS",
    "FileToRead",
    "InputError",
    "Skipped",
    "iter_inputs",
    "read_deferred",
    "read_document",
    "read_file",
]
