"""End to end in a real browser: ``factdb serve`` on a loopback port, headless Chromium.

Chromium is Debian's (``make browser-deps``); Playwright's Python package drives it
through ``executable_path`` (its own browser download is not used). Without Chromium the
test skips with a message, except under CI (``CI`` set), where a missing browser fails.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_publish import source_db  # noqa: F401  (session fixture: seeds + dated test reports)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUOTE = "over 1,100 kilometers"

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file():
        return
    message = (
        f"Chromium not found at {CHROMIUM}: install it with `make browser-deps` (Debian package chromium)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"factdb serve exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"factdb serve did not answer {url} within {timeout} s")


@pytest.fixture
def server(source_db, tmp_path):  # noqa: F811
    """``factdb serve --db source.db`` (publish, then serve) as a child process on a free port:
    the seeds plus test_publish's four dated reports of two launches (so a chart has points)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "factdb", "serve", "--db", str(source_db), "--dir", str(tmp_path / "dist")]
        + ["--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/-/versions.json", proc)
        yield base, tmp_path / "dist" / "factdb.db"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_claim_page_in_chromium(server, tmp_path):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base, snapshot = server
    conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    pk, doc_id = conn.execute(
        "SELECT pk, document_id FROM claims WHERE quote = ? ORDER BY pk", (QUOTE,)
    ).fetchone()
    conn.close()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            response = page.goto(f"{base}/-/claim/{pk}")
            assert response is not None and response.status == 200
            mark = page.locator("blockquote.factdb-sentence mark.factdb-quote")
            assert mark.count() == 1
            assert mark.inner_text() == QUOTE
            assert mark.is_visible()
            sentence = page.locator("blockquote.factdb-sentence").inner_text()
            assert "missile" in sentence and QUOTE in sentence
            screenshot = tmp_path / "claim.png"
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 10_000

            # From the claim to its article: the span is marked there too, and links to its row.
            page.goto(f"{base}/-/document/{doc_id}#claim-{pk}")
            span = page.locator(f"#claim-{pk} + a.factdb-span")
            assert span.inner_text() == QUOTE
            assert span.get_attribute("href") == f"/-/claim/{pk}"
            page.screenshot(path=str(tmp_path / "document.png"), full_page=True)

            # The claims page people browse shows the quote inside its sentence.
            page.goto(f"{base}/factdb/claims_view?_search=kilometers")
            assert QUOTE in page.locator("td.col-quote mark.factdb-quote").all_inner_texts()
        finally:
            browser.close()


SHOTS = Path(os.environ.get("FACTDB_SHOTS", "/tmp/shots"))


def test_site_walk_in_chromium(server):
    """Landing page → search → a claim page; a claim_entities link → a claim page (not a 404);
    a #claim-N link marks its claim. Screenshots of each page go to /tmp/shots (FACTDB_SHOTS)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base, snapshot = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    pk, doc_id = conn.execute(
        "SELECT pk, document_id FROM claims WHERE quote = ? ORDER BY pk", (QUOTE,)
    ).fetchone()
    conn.close()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            assert page.goto(f"{base}/").status == 200
            assert page.locator("ul.factdb-kinds a", has_text="distance").count() == 1
            page.screenshot(path=str(SHOTS / "landing.png"), full_page=True)

            page.fill("form.factdb-search-form input[name=q]", "kilometers")
            page.click("form.factdb-search-form button")
            page.wait_for_url("**/-/search?q=kilometers")
            page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
            with page.expect_navigation():
                page.locator("ol.factdb-results a.factdb-quote-link", has_text=QUOTE).first.click()
            assert "/-/claim/" in page.url
            assert page.locator("blockquote.factdb-sentence mark.factdb-quote").inner_text() == QUOTE
            assert page.locator(".factdb-reads .factdb-figure").inner_text() == "over 1,100 km"
            page.screenshot(path=str(SHOTS / "claim.png"), full_page=True)

            # A claim id in claim_entities is a link that answers with the claim page.
            assert page.goto(f"{base}/factdb/claim_entities").status == 200
            link = page.locator("td.col-claim_id a").first
            claim_id = link.inner_text()
            with page.expect_navigation():
                link.click()
            assert page.url.endswith(f"/-/claim/{claim_id}")
            assert page.locator("blockquote.factdb-sentence mark.factdb-quote").count() == 1
            # The hash row URL Datasette's own links use redirects to the same page.
            response = page.goto(f"{base}/factdb/claims/{claim_id}")
            assert response.status == 200 and page.url.endswith(f"/-/claim/{claim_id}")

            # The claims listing with readable figures.
            page.set_viewport_size({"width": 2400, "height": 900})  # the view is wide: show every column
            assert page.goto(f"{base}/factdb/claims_view?kind=distance").status == 200
            assert any("over 1,100 km" in t for t in page.locator("td.col-value").all_inner_texts())
            page.locator("table.rows-and-columns").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "claims_view.png"))
            page.set_viewport_size({"width": 1200, "height": 900})
            page.goto(f"{base}/")
            with page.expect_navigation():
                page.click("text=its main columns only")
            assert page.locator("td.col-quote mark.factdb-quote").count() > 3
            assert "over 1,100 km" in page.locator("td.col-value").all_inner_texts()
            page.evaluate(
                "window.scrollTo(0, document.querySelector('table.rows-and-columns').offsetTop - 10)"
            )
            page.screenshot(path=str(SHOTS / "claims_listing.png"))

            # A link to one claim in its article marks it (CSS :target).
            page.goto(f"{base}/-/document/{doc_id}#claim-{pk}")
            mark = page.locator(f"#claim-{pk} + a.factdb-span mark")
            assert mark.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
            page.screenshot(path=str(SHOTS / "document-target.png"))
        finally:
            browser.close()


def _launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def test_entity_page_and_chart_in_chromium(server):
    """Claim page → its entity's page → the chart of this figure about it: one mark per dated
    claim, drawn from the vendored libraries with no network; a mark opens its claim page."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base, snapshot = server
    conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    nk = conn.execute("SELECT id FROM entities WHERE name = 'North Korea'").fetchone()[0]
    pk = conn.execute(
        "SELECT c.pk FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.quote = 'about 1,150 kilometers' AND d.outlet = 'Other Test Wire'"
    ).fetchone()[0]
    dated = conn.execute(
        "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
        "WHERE c.attribute = 'missile.flight_distance' AND c.is_current AND c.value IS NOT NULL "
        "AND d.published IS NOT NULL AND c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id = ?)",
        (nk,),
    ).fetchone()[0]
    conn.close()
    assert dated >= 4

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            outside = []
            # Anything not from this server is refused and remembered: the page must not need it.
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(base)
                    else (outside.append(route.request.url), route.abort())
                ),
            )
            page.goto(f"{base}/-/claim/{pk}")
            with page.expect_navigation():
                page.locator("ul.factdb-entities a.factdb-entity-link", has_text="North Korea").click()
            assert page.url == f"{base}/-/entity/{nk}"
            assert page.locator("h1").inner_text().startswith("North Korea")
            assert page.locator("table.factdb-entity-claims mark.factdb-quote").count() >= 4
            assert page.locator("ul.factdb-entity-counts a", has_text="missile.flight_distance").count() == 1

            with page.expect_navigation():
                page.locator("ul.factdb-entity-counts a", has_text="missile.flight_distance").click()
            page.wait_for_selector("#factdb-chart[data-drawn=yes]", timeout=20_000)
            marks = page.locator("#factdb-chart svg g.claims_marks path")
            assert marks.count() == dated
            assert page.locator("table.factdb-figure-points tbody tr").count() >= dated
            assert outside == []

            with page.expect_navigation():
                marks.first.click()
            assert "/-/claim/" in page.url
            assert page.locator("blockquote.factdb-sentence mark.factdb-quote").count() == 1
        finally:
            browser.close()


CRAWL_MIN = 300
CRAWL_MAX = 360
SKIP = re.compile(r"\.(csv|json|jsonl|db)(\?|$)|[?&](_stream|_format|_shape)=|/-/claims\.")


def test_crawl_from_the_home_page_finds_no_404_and_no_500(server):
    """Breadth-first from /, every same-origin link (downloads excepted) in Chromium: at least
    300 pages, none answering 404 or 5xx. The count goes to the output (-s) for the report."""
    _require_chromium()
    from urllib.parse import urldefrag, urljoin

    from playwright.sync_api import sync_playwright

    base, _snapshot = server
    queue, seen, bad, crawled = [base + "/"], {base + "/"}, [], 0
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page()
            while queue and crawled < CRAWL_MAX:
                url = queue.pop(0)
                response = page.goto(url, wait_until="domcontentloaded")
                crawled += 1
                status = response.status if response else 0
                if status == 404 or status >= 500 or status == 0:
                    bad.append((status, url, page.evaluate("document.referrer")))
                    continue
                for href in page.eval_on_selector_all(
                    "a[href]", "els => els.map(e => e.getAttribute('href'))"
                ):
                    link = urldefrag(urljoin(url, href))[0]
                    if link.startswith(base + "/") and link not in seen and not SKIP.search(link):
                        seen.add(link)
                        queue.append(link)
        finally:
            browser.close()
    print(f"crawled {crawled} pages from {base}/ ({len(seen)} links found); bad: {bad}")
    assert bad == []
    assert crawled >= CRAWL_MIN, f"only {crawled} pages reachable from the home page"
