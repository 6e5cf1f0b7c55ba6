"""The shortcuts that make claim groups scale (issue 13) give the answers of the plain
comparisons they replace: the document sketch bound never rules out a pair whose texts do
share DOC_CONTAINED of their shingles, origins found through it equal origins found by
comparing every pair's shingle sets, and contradiction candidates filtered by slot come in
the order of the unfiltered pairs."""

from __future__ import annotations

import random

from factdb.entities.groups import (
    DOC_CONTAINED,
    DocShingles,
    _contradiction_slot,
    _pairs,
    find_origins,
)


def _documents(rng: random.Random, n: int) -> dict[int, set[int]]:
    """Shingle sets of n documents: some copies and versions of a few stories (sharing most
    shingles), some sharing a little, most unrelated; sizes from tiny to long."""
    stories = [set(rng.getrandbits(64) for _ in range(rng.choice((3, 40, 300, 900)))) for _ in range(6)]
    docs = {}
    for d in range(1, n + 1):
        base = rng.choice(stories)
        keep = rng.choice((0.0, 0.1, 0.19, 0.21, 0.3, 0.9, 1.0))
        own = {h for h in base if rng.random() < keep}
        own |= {rng.getrandbits(64) for _ in range(rng.choice((1, 5, 50, 400)))}
        docs[d] = own
    return docs


def _sketched(docs: dict[int, set[int]]) -> DocShingles:
    shingles = DocShingles(conn=None, sketches={d: DocShingles.sketch(s) for d, s in docs.items()}, keep=10**6)
    shingles.cache.update(docs)  # as if read from the database
    return shingles


def test_sketch_bound_never_rules_out_a_contained_pair():
    rng = random.Random(13)
    docs = _documents(rng, 80)
    shingles = _sketched(docs)
    contained = 0
    for a in docs:
        for b in docs:
            if a < b:
                da, db = docs[a], docs[b]
                exact = len(da & db) >= DOC_CONTAINED * min(len(da), len(db))
                contained += exact
                assert shingles.contained(a, b) == exact, (a, b)
    assert contained > 20  # the sample has both answers, not only unrelated pairs


def _claims(rng: random.Random, docs: dict[int, set[int]]) -> list[dict]:
    """Claims stating a few values, with sentence and surrounding shingles that are sometimes
    copies of another claim's."""
    wordings = [({rng.getrandbits(64) for _ in range(k)}, {rng.getrandbits(64) for _ in range(3 * k)})
                for k in (2, 6, 12, 30)]
    out = []
    for d in docs:
        for _ in range(rng.choice((1, 2, 3))):
            sentence, local = rng.choice(wordings) if rng.random() < 0.3 else (
                {rng.getrandbits(64) for _ in range(10)}, {rng.getrandbits(64) for _ in range(30)})
            out.append({"document_id": d, "attribute": "casualties.killed", "value": float(rng.choice((1, 2, 3, 7))),
                        "shingles": set(sentence), "local": set(local)})
    return out


def test_origins_through_sketches_equal_origins_from_every_set_comparison():
    rng = random.Random(7)
    for _ in range(3):
        docs = _documents(rng, 60)
        claims = _claims(rng, docs)
        plain = find_origins(claims, dict(docs))
        sketched = find_origins(claims, _sketched(docs))
        roots = {d: plain.find(d) for d in docs}
        assert roots == {d: sketched.find(d) for d in docs}
        assert len(set(roots.values())) not in (1, len(docs))  # some joined, not all


class _Scope:
    def __init__(self, start, basis="text"):
        self.start = self.end = start
        self.basis = basis


def test_slotted_pairs_are_the_unfiltered_pairs_that_pass_in_their_order():
    rng = random.Random(3)
    members = []
    for i in range(60):
        attribute = rng.choice(("casualties.killed", "missile.count", "earthquake.magnitude"))
        day = rng.choice((1, 2, 3))
        members.append({
            "attribute": attribute, "bound": rng.choice(("exact", "approx", "lower")),
            "scope": _Scope(day, rng.choice(("text", "publication"))), "published": rng.choice((day, 9)),
            "names": set(rng.sample(["Kabul", "Ankara", "Paris", "Lima"], 2)),
            "agents": [rng.choice(["North Korea", "Iran"])], "countries": set(), "id": i,
        })
    slotted = [(a["id"], b["id"]) for a, b in _pairs(members, _contradiction_slot)]
    every = [(a["id"], b["id"]) for a, b in _pairs(members)]
    passing = [(i, j) for i, j in every if _contradiction_slot(members[i]) is not None
               and _contradiction_slot(members[i]) == _contradiction_slot(members[j])]
    assert slotted == passing
    assert 0 < len(slotted) < len(every)
