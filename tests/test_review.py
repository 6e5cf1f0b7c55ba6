"""factdb review: verdicts recorded, kept, exported as ClaimReview and imported back onto the same claims."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from .conftest import SEEDS

ARTICLE = """---
title: Missile test report
url: https://www.news.example.test/2024/01/05/missile-test/
published: 2024-01-05
outlet: Example News
---
North Korea fired an intermediate-range ballistic missile on Friday that flew over 1,100 kilometers before \
landing in the sea, according to South Korea's military. The launch came days after a $35 billion arms deal.
"""


def _ingest(path: Path, *inputs: str) -> Path:
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    engine = open_database(path)
    summary = ingest(engine, iter_inputs(list(inputs)))
    engine.dispose()
    assert not summary.failed
    return path


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    """A seeds database to copy: each test reviews its own copy."""
    return _ingest(tmp_path_factory.mktemp("review") / "seeds.db", str(SEEDS))


@pytest.fixture
def db1(seeds_db, tmp_path) -> Path:
    path = tmp_path / "one.db"
    shutil.copy(seeds_db, path)
    return path


@pytest.fixture(scope="module")
def article_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("article")
    (folder / "article.md").write_text(ARTICLE, encoding="utf-8")
    return _ingest(folder / "article.db", str(SEEDS), str(folder / "article.md"))


@pytest.fixture
def adb(article_db, tmp_path) -> Path:
    path = tmp_path / "article.db"
    shutil.copy(article_db, path)
    return path


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def verdicts(db: Path) -> list[tuple]:
    return sorted(rows(db, "SELECT claim_id, rating, reviewer, note, url, reviewed_at FROM reviews"))


def claim_ids(db: Path, sql_where: str = "1") -> list[str]:
    return [r[0] for r in rows(db, f"SELECT id FROM claims WHERE is_current AND {sql_where} ORDER BY pk")]


# --- recording -----------------------------------------------------------------------------------


def test_review_by_id_prefix_or_pk_keeps_history(cli, db1):
    cid = claim_ids(db1)[0]
    pk = rows(db1, "SELECT pk FROM claims WHERE id = ?", (cid,))[0][0]
    first = cli(
        "review",
        cid,
        "--rating",
        "false",
        "--note",
        "flew less",
        "--by",
        "Ana",
        "--url",
        "https://fc.test/1",
        "--db",
        db1,
    )
    assert first.exit_code == 0, first.output
    assert f"claim {cid}" in first.stdout and "is false" in first.stdout
    assert cli("review", cid[:10], "--rating", "mostly-true", "--by", "Bo", "--db", db1).exit_code == 0
    assert cli("review", "claim", str(pk), "--rating", "unverifiable", "--db", db1).exit_code == 0
    history = rows(
        db1, "SELECT rating, reviewer, note, url, source FROM reviews WHERE claim_id = ? ORDER BY id", (cid,)
    )
    assert history == [
        ("false", "Ana", "flew less", "https://fc.test/1", "cli"),
        ("mostly-true", "Bo", None, None, "cli"),
        ("unverifiable", None, None, None, "cli"),
    ]
    shown = cli("review", "show", cid, "--db", db1, "--json")
    assert [r["rating"] for r in json.loads(shown.stdout)] == ["false", "mostly-true", "unverifiable"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["0123456789abcdef0123456789abcdef", "--rating", "false"], "no claim"),
        (["not a claim", "--rating", "false"], "is not a claim id"),
        (["1", "--rating", "pants-on-fire"], "unknown rating"),
    ],
)
def test_review_errors_are_one_line(cli, db1, args, message):
    result = cli("review", *args, "--db", db1)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert rows(db1, "SELECT count(*) FROM reviews") == [(0,)]


def test_review_refuses_a_missing_database(cli, tmp_path):
    result = cli("review", "1", "--rating", "false", "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and "no database" in result.stderr
    assert not (tmp_path / "none.db").exists()


# --- reviews in the ClaimReview export -------------------------------------------------------------


def test_reviews_appear_in_claimreview_export(cli, db1, tmp_path):
    cid = claim_ids(db1)[0]
    cli(
        "review",
        cid,
        "--rating",
        "false",
        "--by",
        "Ana",
        "--note",
        "no",
        "--url",
        "https://fc.test/a",
        "--db",
        db1,
    )
    cli("review", cid, "--rating", "mixed", "--by", "Bo", "--db", db1)
    out = tmp_path / "all.json"
    assert cli("export", "--format", "claimreview", "--db", db1, "--out", out).exit_code == 0
    items = json.loads(out.read_text())
    mine = [i for i in items if i["itemReviewed"]["identifier"] == cid]
    assert [i["reviewRating"]["alternateName"] for i in mine] == ["False", "Mixed"]  # history, oldest first
    first = mine[0]
    assert first["reviewRating"]["ratingValue"] == 1 and first["reviewRating"]["bestRating"] == 5
    assert first["author"] == {"@type": "Person", "name": "Ana"}
    assert first["url"] == "https://fc.test/a" and first["reviewBody"] == "no"
    assert len(items) == len(claim_ids(db1)) + 1  # one object per review, one per unreviewed claim
    reviewed = tmp_path / "reviewed.json"
    cli("export", "--format", "claimreview", "--reviewed", "--db", db1, "--out", reviewed)
    assert len(json.loads(reviewed.read_text())) == 2


# --- the round trip: review, export, import into a fresh database of the same documents -------------


RATINGS = ("true", "mostly-true", "mixed", "misleading", "false", "unverifiable")


def test_round_trip_same_verdicts_land_on_same_claims(cli, seeds_db, tmp_path):
    one = _ingest(tmp_path / "one.db", str(SEEDS))  # two databases ingested separately from seeds/
    two = _ingest(tmp_path / "two.db", str(SEEDS))
    ids = claim_ids(one)
    assert len(ids) >= 6
    picks = ids[:: max(1, len(ids) // 7)][:7]
    for i, cid in enumerate(picks):
        args = ["review", cid, "--rating", RATINGS[i % len(RATINGS)], "--by", f"checker {i}", "--db", one]
        if i % 2:
            args += ["--note", f"note {i}", "--url", f"https://fc.test/{i}"]
        result = cli(*args)
        assert result.exit_code == 0, result.output
    cli(
        "review",
        picks[0],
        "--rating",
        "true",
        "--by",
        "second opinion",
        "--url",
        "https://fc.test/2",
        "--db",
        one,
    )
    feed = tmp_path / "feed.json"
    assert cli("export", "--format", "claimreview", "--reviewed", "--db", one, "--out", feed).exit_code == 0
    # the importer must find claims by article and quote, not by factdb's ids: strip them
    items = json.loads(feed.read_text())
    for item in items:
        del item["itemReviewed"]["@id"], item["itemReviewed"]["identifier"]
        item["itemReviewed"]["additionalProperty"] = [
            p
            for p in item["itemReviewed"]["additionalProperty"]
            if p["propertyID"] not in ("id", "document_id")
        ]
    feed.write_text(json.dumps(items))
    result = cli("review", "import", feed, "--db", two)
    assert result.exit_code == 0, result.output
    assert "not matched" not in result.stderr
    assert verdicts(two) == verdicts(one)
    assert {r[0] for r in rows(two, "SELECT DISTINCT source FROM reviews")} == {"import"}
    assert rows(two, "SELECT DISTINCT imported_from FROM reviews") == [(str(feed),)]
    again = cli("review", "import", feed, "--db", two)
    assert "0 reviews stored" in again.stdout and verdicts(two) == verdicts(one)


def test_full_export_imports_only_what_has_a_verdict(cli, db1, tmp_path):
    cid = claim_ids(db1)[0]
    cli("review", cid, "--rating", "misleading", "--db", db1)
    feed = tmp_path / "all.json"
    cli("export", "--format", "claimreview", "--db", db1, "--out", feed)
    fresh = tmp_path / "fresh.db"
    shutil.copy(db1, fresh)
    sqlite3.connect(fresh).execute("DELETE FROM reviews").connection.commit()
    result = cli("review", "import", feed, "--db", fresh, "--json")
    report = json.loads(result.stdout)
    assert report["reviews"] == 1 and report["unmatched"] == []
    assert report["without_rating"] == len(claim_ids(db1)) - 1  # every other claim: no verdict, skipped
    assert rows(fresh, "SELECT claim_id, rating FROM reviews") == [(cid, "misleading")]


# --- ClaimReviews published by fact-checkers ---------------------------------------------------------


def test_import_by_appearance_url_and_paraphrase(cli, adb, tmp_path):
    (distance,) = [
        r[0]
        for r in rows(
            adb,
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id "
            "WHERE d.url LIKE '%missile-test%' AND c.quote = 'over 1,100 kilometers'",
        )
    ]
    feed = tmp_path / "factcheck.json"
    feed.write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": "https://factcheck.example/nk-distance",
                "datePublished": "2024-01-08",
                "author": {"@type": "Organization", "name": "Example Check"},
                "claimReviewed": "North Korea's missile flew over 1,100 kilometers",
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 2,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "Mostly False",
                },
                # the same page, written differently: http, no www, utm parameters, no trailing slash
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [
                        {
                            "@type": "CreativeWork",
                            "url": "http://news.example.test/2024/01/05/missile-test?utm_source=x",
                        }
                    ],
                },
            }
        )
    )
    result = cli("review", "import", feed, "--db", adb)
    assert result.exit_code == 0, result.output
    assert rows(adb, "SELECT claim_id, rating, reviewer, url, reviewed_at, source FROM reviews") == [
        (
            distance,
            "misleading",
            "Example Check",
            "https://factcheck.example/nk-distance",
            "2024-01-08",
            "import",
        )
    ]


def test_import_by_quoted_sentence_links_the_claims_it_overlaps(cli, adb, tmp_path):
    sentence = "The launch came days after a $35 billion arms deal."
    expected = {
        r[0]
        for r in rows(
            adb,
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id WHERE d.url LIKE '%missile-test%' "
            "AND c.is_current AND c.char_start >= instr(d.text, ?) - 1",
            (sentence,),
        )
    }
    assert expected
    feed = tmp_path / "sentence.json"
    feed.write_text(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "claimReviewed": sentence,
                    "reviewRating": {"alternateName": "True"},
                    "itemReviewed": {
                        "@type": "Claim",
                        "appearance": "https://news.example.test/2024/01/05/missile-test/",
                    },
                }
            ]
        )
    )
    assert cli("review", "import", feed, "--db", adb).exit_code == 0
    assert {r[0] for r in rows(adb, "SELECT claim_id FROM reviews WHERE rating = 'true'")} == expected


def test_import_by_attribute_subject_and_value(cli, adb, tmp_path):
    expected = set(claim_ids(adb, "attribute = 'missile.flight_distance' AND value = 1100"))
    assert len(expected) >= 2  # the seed article and the URL article
    feed = tmp_path / "graph.json"
    feed.write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {
                        "@type": "ClaimReview",
                        "claimReviewed": "A missile flew 1,100 km",
                        "reviewRating": {"alternateName": "Pants on Fire"},
                        "itemReviewed": {
                            "@type": "Claim",
                            "additionalProperty": [
                                {
                                    "@type": "PropertyValue",
                                    "propertyID": "attribute",
                                    "value": "missile.flight_distance",
                                },
                                {"@type": "PropertyValue", "propertyID": "value", "value": 1100},
                            ],
                        },
                    }
                ],
            }
        )
    )
    result = cli("review", "import", feed, "--db", adb)
    assert result.exit_code == 0
    assert {r[0] for r in rows(adb, "SELECT claim_id FROM reviews WHERE rating = 'false'")} == expected


def test_unmatched_reviews_reported_one_line_each(cli, adb, tmp_path):
    feed = tmp_path / "mixed.json"
    feed.write_text(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Elsewhere entirely",
                    "reviewRating": {"alternateName": "False"},
                    "itemReviewed": {
                        "@type": "Claim",
                        "appearance": {"url": "https://unknown.example/story"},
                    },
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Unheard verdict",
                    "reviewRating": {"alternateName": "Wobbly"},
                    "itemReviewed": {
                        "@type": "Claim",
                        "appearance": {"url": "https://news.example.test/2024/01/05/missile-test/"},
                    },
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "No article named",
                    "reviewRating": {"alternateName": "True"},
                    "itemReviewed": {"@type": "Claim"},
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Nothing like it in the article",
                    "reviewRating": {"alternateName": "True"},
                    "itemReviewed": {
                        "@type": "Claim",
                        "appearance": {"url": "https://news.example.test/2024/01/05/missile-test/"},
                    },
                },
                {"@type": "WebPage", "name": "not a review"},
            ]
        )
    )
    result = cli("review", "import", feed, "--db", adb)
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("not matched: #") for line in lines)
    assert "no stored document at https://unknown.example/story" in lines[0]
    assert "Wobbly" in lines[1]
    assert "names no article" in lines[2]
    assert "no claim in its article overlaps" in lines[3]
    assert "4 claim reviews read: 0 matched" in result.stdout
    assert rows(adb, "SELECT count(*) FROM reviews") == [(0,)]


def test_import_reads_json_ld_scripts_of_an_html_page(cli, adb, tmp_path):
    page = tmp_path / "page.html"
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "flew over 1,100 kilometers",
        "reviewRating": {"@type": "Rating", "ratingValue": 5},
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"url": "https://news.example.test/2024/01/05/missile-test/"},
        },
    }
    page.write_text(
        f'<html><head><script type="application/ld+json">{json.dumps(review)}</script></head></html>'
    )
    assert cli("review", "import", page, "--db", adb).exit_code == 0
    assert rows(adb, "SELECT rating FROM reviews") == [("true",)]
    again = cli("review", "import", page, "--db", adb)  # undated: stamped on import, still not stored twice
    assert "1 already imported" in again.stdout
    assert rows(adb, "SELECT count(*) FROM reviews") == [(1,)]


def test_import_refuses_unreadable_files_in_one_line(cli, adb, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = cli("review", "import", bad, "--db", adb)
    assert result.exit_code == 2 and "is not JSON" in result.stderr
    result = cli("review", "import", tmp_path / "missing.json", "--db", adb)
    assert result.exit_code == 2 and "cannot read" in result.stderr


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ({"alternateName": "Half True"}, "mixed"),
        ({"alternateName": "Four Pinocchios"}, "false"),
        ({"alternateName": "Unproven"}, "unverifiable"),
        ({"ratingValue": 4}, "mostly-true"),
        ({"ratingValue": 1, "bestRating": 1, "worstRating": 7}, "true"),
        ({"ratingValue": "3", "bestRating": "5", "worstRating": "1"}, "mixed"),
        ({"ratingValue": 9}, None),
        ({"name": "Something else"}, None),
    ],
)
def test_verdict_words_and_scales(rating, expected):
    from factdb.export.jsonld import parse_rating

    assert parse_rating(rating) == expected


@pytest.mark.parametrize(
    "item",
    [
        {"@type": "Claim", "appearance": "https://news.example.test/2024/01/05/missile-test/"},
        {
            "@type": "Claim",
            "firstAppearance": {
                "@type": "NewsArticle",
                "url": "https://news.example.test/2024/01/05/missile-test",
            },
        },
        {"@type": "CreativeWork", "url": "https://www.news.example.test/2024/01/05/missile-test/#main"},
        {"@type": "CreativeWork", "sameAs": ["https://news.example.test/2024/01/05/missile-test/"]},
    ],
)
def test_import_finds_the_article_however_the_markup_names_it(cli, adb, tmp_path, item):
    feed = tmp_path / "one.json"
    feed.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "claimReviewed": "It flew over 1,100 kilometers.",
                "reviewRating": {"alternateName": "Correct"},
                "itemReviewed": item,
            }
        )
    )
    result = cli("review", "import", feed, "--db", adb)
    assert result.exit_code == 0 and "1 matched" in result.stdout, result.output
    assert rows(adb, "SELECT r.rating, c.quote FROM reviews r JOIN claims c ON c.id = r.claim_id") == [
        ("true", "over 1,100 kilometers")
    ]


def test_a_review_pinned_to_one_version_stays_on_it(cli, tmp_path):
    """Two versions of one article (same URL, different text) are two documents: factdb's own
    export names the version by its text hash, and only that version's claim gets the verdict;
    a fact-checker's review naming only the URL reaches every version."""
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "v1.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "v2.md").write_text(ARTICLE.replace("according to", "said"), encoding="utf-8")
    db = _ingest(tmp_path / "versions.db", str(folder))
    first, second = rows(
        db, "SELECT c.id FROM claims c WHERE c.quote = 'over 1,100 kilometers' ORDER BY c.document_id"
    )
    cli("review", first[0], "--rating", "false", "--db", db)
    feed = tmp_path / "pinned.json"
    cli("export", "--format", "claimreview", "--reviewed", "--db", db, "--out", feed)
    other = _ingest(tmp_path / "other.db", str(folder))
    cli("review", "import", feed, "--db", other)
    assert rows(other, "SELECT claim_id FROM reviews") == [first]
    loose = tmp_path / "loose.json"
    loose.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "claimReviewed": "flew over 1,100 kilometers",
                "reviewRating": {"alternateName": "False"},
                "author": {"@type": "Organization", "name": "Example Check"},
                "itemReviewed": {"appearance": {"url": "https://news.example.test/2024/01/05/missile-test"}},
            }
        )
    )
    cli("review", "import", loose, "--db", other)
    assert sorted(rows(other, "SELECT claim_id FROM reviews")) == sorted([first, first, second])


def test_review_options_may_come_before_the_claim_or_subcommand(cli, db1, tmp_path):
    cid = claim_ids(db1)[0]
    assert cli("review", "--db", db1, cid, "--rating", "mixed").exit_code == 0
    shown = cli("review", "--db", db1, "show", cid, "--json")
    assert shown.exit_code == 0 and [r["rating"] for r in json.loads(shown.stdout)] == ["mixed"]
    assert cli("review", "--help").exit_code == 0


async def test_reviews_show_in_claims_view_and_on_the_claim_page(db1, tmp_path):
    """The latest verdict is a column of claims_view; the claim page lists every review, newest first."""
    from typer.testing import CliRunner

    from factdb.cli import app
    from factdb.publish.serve import make_datasette
    from factdb.publish.snapshot import publish

    conn = sqlite3.connect(db1)
    claim_id, pk = conn.execute("SELECT id, pk FROM claims WHERE is_current ORDER BY pk LIMIT 1").fetchone()
    conn.close()
    runner = CliRunner()
    for rating, note, when in (("mixed", "first look", "2024-01-01"), ("false", "after checking", "2024-02-01")):
        result = runner.invoke(app, ["review", claim_id, "--rating", rating, "--note", note, "--by", "Desk A",
                                     "--db", str(db1)])
        assert result.exit_code == 0, result.output
        conn = sqlite3.connect(db1)
        conn.execute("UPDATE reviews SET reviewed_at = ? WHERE id = (SELECT max(id) FROM reviews)", (when,))
        conn.commit()
        conn.close()
    conn = sqlite3.connect(db1)
    row = conn.execute("SELECT latest_rating, reviews FROM claims_view WHERE id = ?", (claim_id,)).fetchone()
    assert row == ("false", 2)
    assert conn.execute("SELECT count(*) FROM claims_view WHERE latest_rating IS NULL").fetchone()[0] > 0
    conn.close()
    snap = publish(db1, tmp_path / "dist")
    ds = make_datasette(snap.path.parent)
    page = await ds.client.get(f"/-/claim/{pk}")
    assert page.status_code == 200
    html = page.text
    assert "<h2>Reviews</h2>" in html
    assert html.index("after checking") < html.index("first look")
    assert "<strong>false</strong> by Desk A" in html and "(latest)" in html
