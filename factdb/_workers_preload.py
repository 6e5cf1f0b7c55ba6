"""Imported by the fork server of ``factdb ingest --jobs N`` (and nowhere else).

Workers are forked from that server: whatever it has imported and loaded, each worker
has without paying for it again, so this imports the pipeline and warms it up once.
"""

from factdb.pipeline import warm_up

warm_up()
