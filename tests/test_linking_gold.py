"""Derived facts against the hand-read gold of issue 10 (corpus/gold/claim_pairs.jsonl,
launch_events.jsonl, attributes.jsonl), scored by factdb.entities.gold on a database the
production pipeline builds from the gold documents. Floors sit just under what is achieved;
the measured figures are in docs/linking.md and the evaluator's output
(``.venv/bin/python -m factdb.entities.gold``)."""

from __future__ import annotations

import pytest

from .conftest import SHARED_CORPUS


@pytest.fixture(scope="module")
def scores():
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the issue-10 gold annotates articles in {SHARED_CORPUS}, which is absent")
    from factdb.entities.gold import evaluate

    return evaluate()


def test_corroboration_is_precise(scores):
    c = scores["pairs"]["corroborating"]
    assert c["gold"] == 54 and scores["pairs"]["pairs"] == 158
    assert c["predicted"] >= 18, c  # it does say something
    assert c["precision"] >= 0.90, c["false"]
    assert c["recall"] >= 0.40, c  # reported; a third of gold pairs name no curated attribute


def test_contradictions_are_found_and_none_is_false(scores):
    """No revision, copy or unrelated pair is called a contradiction, and Kumamoto's two
    magnitudes for one main shock are. (The gold's other contradiction, two tolls dated only
    by publication, is left by the rules as a possible revision.)"""
    c = scores["pairs"]["contradicting"]
    assert c["predicted"] - c["correct"] == 0, c["false"]
    assert c["correct"] >= 1 and c["precision"] >= 0.90, c


def test_launch_events(scores):
    e = scores["events"]
    assert e["gold_rows"] == 51 and e["documents_read"] >= 85
    assert e["precision"] >= 0.93, e["false_events"]
    assert e["recall"] >= 0.70
    assert e["date_accuracy"] >= 0.95 and e["date_pairs"] >= 25
    fields = e["field_accuracy"]
    assert fields["date_span"]["accuracy"] >= 0.9  # the date points at the words that give it
    assert fields["missile"]["accuracy"] >= 0.8
    assert fields["count"]["accuracy"] >= 0.75
    assert fields["flight_distance"]["accuracy"] >= 0.8


def test_attribute_precision(scores):
    a = scores["attributes"]
    assert a["labelled"] >= 160
    for name, s in a["attributes"].items():
        if name.split(".")[0] in ("missile", "arms_sale", "casualties", "earthquake"):
            assert s["precision"] >= 0.95, (name, s, a["wrong"].get(name))
    assert a["attributes"]["casualties.killed"]["of"] >= 30 and a["attributes"]["casualties.wounded"]["of"] >= 30
