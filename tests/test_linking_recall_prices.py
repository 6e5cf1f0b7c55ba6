"""A thing's price in two outlets' stories of one day corroborates (issue 10/13 follow-up):
``price.value`` is compared by the name the price is about, the same day only, and never
called a contradiction. Products, outlets and places are made up for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import ingest_stories


def _price_groups(conn) -> list[tuple[str, list[str]]]:
    """(status, sorted quotes) of every group of price.value claims with more than one member."""
    out: dict[int, tuple[str, list[str]]] = {}
    for gid, status, quote in conn.execute(
        "SELECT g.id, g.status, c.quote FROM claim_groups g JOIN claim_group_members m ON m.group_id = g.id "
        "JOIN claims c ON c.id = m.claim_id WHERE g.attribute = 'price.value' ORDER BY c.document_id, c.char_start"):
        out.setdefault(gid, (status, []))[1].append(quote)
    return sorted((s, sorted(q)) for s, q in out.values() if len(q) > 1)


STORY = """\
    ---
    title: {title}
    date: {date}
    outlet: {outlet}
    ---
    {lead}

    {sentence}
    """


def _story(sentence, date="2031-03-04", outlet="Metro Ledger (fictional)",
           title="Scooter maker opens orders for its first model",
           lead="A start-up from Lisbourne opened orders for its first electric scooter on Tuesday."):
    return STORY.format(title=title, date=date, outlet=outlet, lead=lead, sentence=sentence)


@pytest.mark.parametrize("first, second", [
    ("The Zephyr will cost $1,299 when deliveries begin, the company said.",
     "Its Zephyr scooter is priced at $1,299, about half what rivals charge."),
    ("Buyers will pay a starting price of $1,299 for the Zephyr.",
     "The Zephyr carries a price tag of $1,299 in its base trim."),
])
def test_one_products_price_in_two_outlets_the_same_day_corroborates(tmp_path, first, second):
    conn = ingest_stories(tmp_path, {
        "a": _story(first),
        "b": _story(second, outlet="Valley Courier (fictional)", title="Commuters get a new option",
                    lead="Commuters in Lisbourne will soon have another way to work."),
    })
    assert _price_groups(conn) == [("corroborated", ["$1,299", "$1,299"])]


def test_the_same_price_of_two_products_stays_apart(tmp_path):
    conn = ingest_stories(tmp_path, {
        "a": _story("The Zephyr costs $1,299, the company said."),
        "b": _story("The Kestrel costs $1,299, its maker said.", outlet="Valley Courier (fictional)",
                    title="A rival scooter arrives", lead="A second maker showed its scooter in Lisbourne."),
    })
    assert _price_groups(conn) == []


def test_the_same_price_days_apart_stays_apart(tmp_path):
    """A price moves (a market's every day, a product's with each offer): only one day is compared."""
    conn = ingest_stories(tmp_path, {
        "a": _story("The Zephyr costs $1,299, the company said."),
        "b": _story("Its Zephyr scooter is priced at $1,299.", date="2031-03-09", outlet="Valley Courier (fictional)",
                    title="Commuters get a new option", lead="Commuters in Lisbourne will soon have another way to work."),
    })
    assert _price_groups(conn) == []


def test_an_upper_bound_price_is_no_confirmation_of_a_smaller_amount(tmp_path):
    """'below $1,100' of one story is a price just under $1,100, not another story's $250 rebate
    of the same scooter (the old reading, [0, 1,100], took in any smaller sum)."""
    conn = ingest_stories(tmp_path, {
        "a": _story("A federal rebate of $250 brings the Zephyr's price below $1,100 for early buyers."),
        "b": _story("The Zephyr carries a price tag of $250 for a year of battery swaps.",
                    outlet="Valley Courier (fictional)"),
    })
    groups = _price_groups(conn)
    assert all("below $1,100" not in quotes for _, quotes in groups)


def test_two_prices_of_one_product_are_never_a_contradiction(tmp_path):
    """An opening and a closing price, a base and an average price: they differ without either
    report being wrong, so prices only ever corroborate."""
    conn = ingest_stories(tmp_path, {
        "a": _story("The Zephyr costs $1,299, the company said."),
        "b": _story("The Zephyr costs $1,899 with the larger battery.", outlet="Valley Courier (fictional)",
                    title="Commuters get a new option", lead="Commuters in Lisbourne will soon have another way to work."),
    })
    assert conn.execute("SELECT count(*) FROM claim_groups WHERE status = 'contradiction'").fetchone()[0] == 0
    assert _price_groups(conn) == []


async def test_the_claim_page_of_a_price(tmp_path):
    """A compared price says corroborated; a price with no name near it was not compared for want
    of a subject, not because prices are never compared."""
    from factdb.publish.serve import make_datasette
    from factdb.publish.snapshot import SNAPSHOT_NAME, publish

    conn = ingest_stories(tmp_path, {
        "a": _story("The Zephyr costs $1,299, the company said. It costs $40 more to ship one to any address."),
        "b": _story("Its Zephyr scooter is priced at $1,299.", outlet="Valley Courier (fictional)",
                    title="Commuters get a new option", lead="Commuters in Lisbourne will soon have another way to work."),
    })
    pks = {q: pk for q, pk in conn.execute("SELECT quote, pk FROM claims WHERE is_current AND attribute = 'price.value'")}
    conn.close()
    assert "$40" in pks, pks
    out = tmp_path / "dist"
    publish(tmp_path / "stories.db", out)
    assert (out / SNAPSHOT_NAME).exists()
    ds = make_datasette(out)
    await ds.invoke_startup()
    html = (await ds.client.get(f"/-/claim/{pks['$1,299']}")).text
    assert "Status: corroborated" in html
    html = (await ds.client.get(f"/-/claim/{pks['$40']}")).text
    assert "Status: not compared" in html and "person's, company's or market's" not in html
