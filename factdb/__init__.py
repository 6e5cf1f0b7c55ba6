"""factdb: a structured fact database with claim provenance."""

__version__ = "0.1.0"
