"""Benchmarks: ``python -m benchmarks <name>``; each module here has a ``main(argv)``."""
