"""The gazetteer is data, its matcher finds exact spans, and stored mentions keep the span invariant."""

from __future__ import annotations

import sqlite3

import pytest

from factdb.entities.gazetteer import build, find_mentions, gazetteer, parse


def test_gazetteer_covers_the_issue_names():
    names = gazetteer().entities
    for name in ("North Korea", "Kim Jong Un", "Yoon Suk Yeol", "Antony Blinken", "Fumio Kishida", "Shigeru Ishiba",
                 "Joe Biden", "Donald Trump", "Vladimir Putin", "Choi Sang-mok", "Joint Chiefs of Staff", "KCNA",
                 "Constitutional Court", "Workers' Party of Korea", "ICBM", "IRBM", "SRBM",
                 "hypersonic glide vehicle", "Musudan", "Hwasong", "THAAD", "USS Carl Vinson"):
        assert name in names, name


@pytest.mark.parametrize(
    "text, quote, entity",
    [
        ("a visit to Pyongyang", "Pyongyang", "North Korea"),
        ("The North said", "The North", "North Korea"),
        ("Yoon Suk-yeol was impeached", "Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("the Workers’ Party met", "Workers’ Party", "Workers' Party of Korea"),
        ("a Hwasong-18 launch", "Hwasong-18", "Hwasong"),
        ("an intermediate-range ballistic missile flew", "intermediate-range ballistic missile", "IRBM"),
        ("Thaad batteries", "Thaad", "THAAD"),
        ("North Korea's state media said", "North Korea's state media", "KCNA"),
    ],
)
def test_matcher_longest_match_and_variants(text, quote, entity):
    found = find_mentions(text)
    assert [(m.quote, m.entity) for m in found][0] == (quote, entity)
    assert all(text[m.char_start : m.char_end] == m.quote for m in found)


def test_word_boundaries():
    assert find_mentions("USA Today and BUSINESS") == [] or all(m.quote != "US" for m in find_mentions("BUSINESS"))
    assert find_mentions("Kimchi and Japanesey") == []


def test_adding_an_entry_is_data_only():
    entries = [{"name": "Testland", "type": "country", "description": "a test", "aliases": ["Testville"]}]
    gaz = build(parse(entries))
    assert [m.entity for m in gaz.find("Testville and Testland")] == ["Testland", "Testland"]
    with pytest.raises(ValueError):
        parse([{"name": "X", "type": "planet", "description": "bad type"}])
    with pytest.raises(ValueError):
        build(parse(entries + [{"name": "Other", "type": "country", "description": "d", "aliases": ["Testville"]}]))


def test_stored_mentions_keep_the_span_invariant(seeded_db):
    conn = sqlite3.connect(seeded_db)
    texts = dict(conn.execute("SELECT id, text FROM documents"))
    rows = conn.execute("SELECT document_id, char_start, char_end, quote FROM entity_mentions").fetchall()
    assert len(rows) > 200
    for doc_id, start, end, quote in rows:
        assert texts[doc_id][start:end] == quote
    n_entities = conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    assert n_entities == len(gazetteer().entities)


def test_verify_checks_mention_spans(tmp_path, cli):
    import shutil

    from .conftest import SEEDS

    db = tmp_path / "v.db"
    assert cli("ingest", SEEDS, "--db", db).exit_code == 0
    assert cli("verify", "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE entity_mentions SET quote = 'tampered' WHERE id = (SELECT min(id) FROM entity_mentions)")
    conn.commit()
    conn.close()
    result = cli("verify", "--db", db)
    assert result.exit_code == 1 and "mention spans" in result.output
    shutil.rmtree(tmp_path, ignore_errors=True)
