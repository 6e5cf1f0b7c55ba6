"""Curated rule extractors. Importing this package registers them with the registry.

- ``quantities``: distance, altitude, speed, weight, percentage, age, duration, other_quantity
- ``money``: amounts of money in any currency
- ``counts``: counts of things and casualties
- ``dates`` (another module): dates and periods

All numeric extractors share one number grammar (:mod:`.numbers`) and one pass over the
text (:mod:`.engine`).
"""

from . import counts, money, quantities  # noqa: F401

try:
    from . import dates  # noqa: F401
except ImportError:  # pragma: no cover - written separately
    pass
