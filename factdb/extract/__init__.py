"""Curated extractors: hand-written, versioned rules that turn news prose into claims."""

from factdb.extract.registry import Context, Extractor, extract_claims, extractors, register

__all__ = ["Context", "Extractor", "extract_claims", "extractors", "register"]
