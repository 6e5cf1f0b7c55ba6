"""The curated gazetteer (``gazetteer.yaml``) and the one compiled matcher over it.

The gazetteer is data: people add entities by editing the YAML, never this module.
Matching is a single compiled alternation of every alias, longest first, anchored on
word boundaries, so one left-to-right scan of a document finds every mention and at
each position the longest alias wins ("North Korea's state media" beats "North Korea").
The matcher is built once per process (``lru_cache``): linking runs inside ingest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from factdb.extract.rules.patterns import trie_regex

TYPES = (
    "country",
    "person",
    "organization",
    "weapon_class",
    "weapon_system",
    "place",
    "event",
    "topic",
)
_APOSTROPHES = ("'", "\u2019")


@dataclass(frozen=True)
class Entity:
    key: str  # the canonical name: unique, and what rows are synced on
    type: str
    description: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    ignore_case: bool = False
    role: str | None = None
    country: str | None = None
    weapon_class: str | None = None
    defensive: bool = False  # interceptors and missile-defence systems: their mention is no launch

    @property
    def name(self) -> str:
        return self.key


@dataclass(frozen=True)
class Mention:
    """One place a document names an entity: ``text[char_start:char_end] == quote``."""

    entity: str  # canonical name
    char_start: int
    char_end: int
    quote: str


@dataclass
class Gazetteer:
    entities: dict[str, Entity]
    digest: str
    _exact: dict[str, str] = field(default_factory=dict)  # alias as written -> entity
    _folded: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> entity (ignore_case)
    _patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)
    regex: re.Pattern | None = None
    # The same matcher for the scan past the text's first character: each match opens with
    # the non-word character before the mention (see build); None when it cannot be used.
    _scan: re.Pattern | None = None

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, non-overlapping, longest match at each position."""
        out = []
        for start, end in self.spans(text):
            surface = text[start:end]
            key = self.resolve(surface)
            if key is not None:
                out.append(Mention(key, start, end, surface))
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``regex`` matches in ``text`` (``finditer``), as (start, end) pairs."""
        if self._scan is None:
            return [m.span() for m in self.regex.finditer(text)]
        # ``regex`` at the text's start (nothing before it), then ``_scan`` from where that
        # match ended, each of its matches opening with the character before the name
        first = self.regex.match(text)
        out = [first.span()] if first else []
        out += [(m.start() + 1, m.end()) for m in self._scan.finditer(text, first.end() if first else 0)]
        return out

    def resolve(self, surface: str) -> str | None:
        """The entity a matched surface form names."""
        key = self._exact.get(surface) or self._folded.get(surface.lower())
        if key is not None:
            return key
        for pattern, entity in self._patterns:
            if pattern.fullmatch(surface):
                return entity
        return None


def _variants(alias: str) -> set[str]:
    """An alias as written plus its apostrophe and sentence-initial ("The North") forms."""
    out = {alias}
    for a, b in (_APOSTROPHES, _APOSTROPHES[::-1]):
        out |= {v.replace(a, b) for v in list(out)}
    out |= {v[0].upper() + v[1:] for v in list(out) if v[:1].islower()}
    return out


def parse(entries: list[dict]) -> dict[str, Entity]:
    """Validate the YAML entries; a bad entry is an error with its name, not a silent skip."""
    entities: dict[str, Entity] = {}
    for i, e in enumerate(entries):
        name = e.get("name")
        if not name or e.get("type") not in TYPES or not e.get("description"):
            raise ValueError(f"gazetteer entry {i} ({name!r}) needs name, a type in {TYPES} and a description")
        if name in entities:
            raise ValueError(f"gazetteer entity {name!r} listed twice")
        entities[name] = Entity(
            key=name,
            type=e["type"],
            description=e["description"],
            aliases=tuple(e.get("aliases") or ()),
            patterns=tuple(e.get("patterns") or ()),
            ignore_case=bool(e.get("ignore_case", False)),
            role=e.get("role"),
            country=e.get("country"),
            weapon_class=e.get("class"),
            defensive=bool(e.get("defensive", False)),
        )
    for ent in entities.values():
        for ref in (ent.country, ent.weapon_class):
            if ref is not None and ref not in entities:
                raise ValueError(f"gazetteer entity {ent.key!r} refers to unknown entity {ref!r}")
    return entities


def build(entities: dict[str, Entity], digest: str = "") -> Gazetteer:
    """Compile the one alternation. Aliases claimed by two entities are an error."""
    gaz = Gazetteer(entities, digest)
    alternatives: set[tuple[str, bool]] = set()
    for ent in entities.values():
        for alias in (ent.key, *ent.aliases):
            for form in _variants(alias):
                table, key = (gaz._folded, form.lower()) if ent.ignore_case else (gaz._exact, form)
                if table.get(key, ent.key) != ent.key:
                    raise ValueError(f"alias {form!r} names both {table[key]!r} and {ent.key!r}")
                table[key] = ent.key
                alternatives.add((form, ent.ignore_case))
        for pattern in ent.patterns:
            gaz._patterns.append((re.compile(pattern), ent.key))
    # Literals as a trie-shaped regex: at each position the engine follows one branch per
    # character instead of trying every alias in turn (ingest's hot path). Greedy optional
    # continuations keep "longest match first".
    exact_forms = [form for form, folded in alternatives if not folded]
    folded_forms = [form.lower() for form, folded in alternatives if folded]
    exact = trie_regex(exact_forms)
    folded = trie_regex(folded_forms)
    parts = [p.pattern for p, _ in gaz._patterns] + [exact] + ([f"(?i:{folded})"] if folded else [])
    body = "|".join(p for p in parts if p)
    gaz.regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    if all(_WORD_START.match(form) for form in exact_forms + folded_forms) and all(
        _LITERAL_WORD_START.match(p.pattern) for p, _ in gaz._patterns
    ):
        # The same alternation, but each match opens with the non-word character before the
        # mention instead of a look-behind: the regex engine then skips to the next such
        # character in C and tries the aliases only there (after a space, a quote...), not at
        # every character of the text. The same matches, because every alternative starts with
        # a word character: a position the look-behind accepts is one after a non-word
        # character, and no mention can start where the previous one ended (before a non-word
        # character). The alternatives are also laid out flat, each opening with a plain
        # character or class that the engine rejects in one step (see _first_level), in the
        # same order of preference. This scan was half of ingest's link stage.
        alts = [p.pattern for p, _ in gaz._patterns] + _first_level(exact_forms) + _first_level(folded_forms, True)
        # Most non-word characters are followed by a word no alias starts with: one look at
        # the next character (any that can start a match: every first character as written,
        # either case of a case-insensitive one, anything non-ASCII) spares the alternatives.
        firsts = {p.pattern[0] for p, _ in gaz._patterns} | {form[0] for form in exact_forms}
        firsts |= {c for form in folded_forms for c in (form[0], form[0].lower(), form[0].upper())}
        can_start = _with_non_ascii(c for c in firsts if c.isascii())
        gaz._scan = re.compile(rf"\W(?={can_start})(?:{'|'.join(alts)})(?!\w)")
    return gaz


# The fast scan (see build) needs every alternative to start with a word character: true of
# every alias today; a pattern qualifies when it opens with a literal letter or digit.
_WORD_START = re.compile(r"\w")
_LITERAL_WORD_START = re.compile(r"[A-Za-z0-9](?![?*+{])[^|]*$")


def _with_non_ascii(chars) -> str:
    """A character class of ``chars`` (ASCII) and every non-ASCII character, written as the
    ASCII characters it leaves out, negated: ``[xX\\x80-\\U0010ffff]`` matches the same, but re
    compiles a range that wide by walking 65,000 characters in Python (~4 ms a class on this
    machine, ~0.1 s of every process's start-up over the gazetteer's classes)."""
    keep = set(chars)
    return "[^" + "".join(re.escape(chr(i)) for i in range(128) if chr(i) not in keep) + "]"


def _first_level(forms: list[str], ignore_case: bool = False) -> list[str]:
    """The first-level alternatives of ``trie_regex(forms)`` (of ``(?i:trie_regex(forms))``
    with ``ignore_case``), in its order: one per first character, followed by the trie of the
    rest.

    Case-insensitively, a first letter is first tested as a plain character class, which the
    engine rejects in one step where ``(?i:x)`` costs a try of its own at every position: the
    letter, its capital and every non-ASCII character (the only characters that can match an
    ASCII letter case-insensitively); the look-behind then checks exactly what ``(?i:x)``
    would have."""
    by_first: dict[str, list[str]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form[1:])
    alts = []
    for first in sorted(by_first):
        rest = trie_regex(by_first[first])
        if not ignore_case:
            alts.append(re.escape(first) + rest)
            continue
        if first.isascii() and first.isalpha():
            guard = f"{_with_non_ascii(first.lower() + first.upper())}(?<=(?i:{first}))"
        else:
            guard = f"(?i:{re.escape(first)})"
        alts.append(f"{guard}(?i:{rest})" if rest else guard)
    return alts


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, compiled once per process."""
    raw = (resources.files("factdb.entities") / "gazetteer.yaml").read_bytes()
    # libyaml when PyYAML has it: the same data, a tenth of the time every process pays once
    entities = parse(yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    return build(entities, hashlib.sha256(raw).hexdigest()[:16])


def find_mentions(text: str) -> list[Mention]:
    return gazetteer().find(text)
