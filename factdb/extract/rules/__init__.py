"""Curated rule extractors. Importing this package registers them with the registry.

- ``quantities``: distance, altitude, speed, weight, percentage, age, duration, other_quantity
- ``money``: amounts of money in any currency
- ``counts``: counts of things and casualties
- ``dates`` (another module): dates and periods

All numeric extractors share one grammar, read in stages (numbers -> unit and currency
phrases -> one pass that classifies -> composition -> claims); :mod:`.mention` lists the stage
modules in reading order.
"""

from . import counts, money, quantities  # noqa: F401

try:
    from . import dates  # noqa: F401
except ImportError:  # pragma: no cover - written separately
    pass
