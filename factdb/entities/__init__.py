"""Entities, claim links, corroboration/contradiction groups and launch events (issue 4).

- :mod:`.gazetteer`  the curated entity list (a YAML data file) and its compiled matcher
- :mod:`.linking`    mentions and claim→entity links for one document, stored with it
- :mod:`.intervals`  a numeric claim as an interval; compatibility
- :mod:`.groups`     cross-document groups: corroborations and contradictions
- :mod:`.events`     the missile-launch event assembler
See ``docs/linking.md`` for the rules and the numbers they use.
"""
