"""Curated extractors: hand-written, versioned rules that turn news prose into claims."""

from factdb.extract.registry import (
    Context,
    Extraction,
    Extractor,
    Fault,
    extract,
    extract_claims,
    extractors,
    register,
)

__all__ = ["Context", "Extraction", "Extractor", "Fault", "extract", "extract_claims", "extractors", "register"]
