"""Readers: formats, metadata found where the text gives it, and bad input refused clearly."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.ingest import InputError, Skipped, iter_inputs, read_document
from factdb.ingest.decode import decode
from factdb.ingest.metadata import outlet_from_url, parse_date, text_header

from .conftest import SEEDS


def one(path, **kw):
    items = list(iter_inputs([str(path)], **kw))
    assert len(items) == 1, items
    return items[0]


def test_seed_titles_dates_and_byline():
    docs = {p.name[:3]: read_document(p) for p in sorted(SEEDS.glob("*.txt"))}
    assert docs["000"].title == "US, Japan, and South Korea Launch Trilateral Missile Tracking System"
    assert (docs["000"].published, docs["000"].published_precision) == ("2024-01-03", "day")
    assert docs["001"].title.startswith("Expanding Military Cooperation")
    assert docs["001"].published == "2023-08-15"
    # no date in the text: nothing is invented
    assert docs["002"].published is None and docs["003"].published is None and docs["004"].published is None
    assert docs["002"].title is None  # its first line is a paragraph, not a headline
    assert docs["004"].byline == "Daniel Robinson"
    for doc in docs.values():
        assert doc.text == (SEEDS / "x").with_name(doc.source.split("/")[-1]).read_text("utf-8")


def test_text_header_styles():
    assert text_header(" date 2024-01-03 Headline here\n\nBody.")["published"] == "2024-01-03"
    assert text_header("Headline\n\nTue Aug 15 2023\nBody")["published"] == "2023-08-15"
    assert text_header("Headline\n\n15 August 2023\nBody")["published"] == "2023-08-15"
    assert text_header("Headline\n\nAugust 15, 2023\nBody")["published"] == "2023-08-15"
    assert text_header("Headline\n\nIt rained on August 15, 2023 in town.\n")["published"] is None
    assert text_header("Headline\nBy Jane Q. Doe\n\nText")["byline"] == "Jane Q. Doe"


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_roundtrip(d):
    assert parse_date(d.isoformat()) == (d.isoformat(), "day")
    assert parse_date(f"{d.isoformat()}T10:11:12Z") == (d.isoformat(), "day")
    assert parse_date(d.strftime("%B %d, %Y")) == (d.isoformat(), "day")


def test_parse_date_partial_and_bad():
    assert parse_date("2024-03") == ("2024-03", "month")
    assert parse_date("2024") == ("2024", "year")
    assert parse_date("2024-02-30") is None
    assert parse_date("yesterday") is None


def test_reuters_markdown_front_matter_and_furniture(shared_corpus):
    path = shared_corpus / "reuters-2016" / (
        "2016-02-08-north-korea-rocket-launch-may-spur-u-s-missile-defense-buildup-in-asia.md"
    )
    doc = read_document(path)
    assert doc.title == "North Korea rocket launch may spur U.S. missile defense buildup in Asia"
    assert doc.published == "2016-02-08"
    assert doc.url.startswith("http://feeds.reuters.com/")
    assert doc.outlet == "Reuters"
    assert doc.text.startswith(doc.title + "\n\n")
    for furniture in ("[ad_1]", "<span", "midArticle", "<p>", "<script"):
        assert furniture not in doc.text
    assert "THAAD" in doc.text and "Lockheed Martin" in doc.text


def test_reuters_sample_has_no_markup(shared_corpus):
    paths = sorted((shared_corpus / "reuters-2016").glob("*.md"))[::200]
    for path in paths:
        item = one(path)
        if isinstance(item, InputError):
            continue  # reported, not stored; counted by the ingest test
        assert "[ad_1]" not in item.text and "<script" not in item.text and "</p>" not in item.text
        assert item.published and item.published_precision == "day"


def test_html_page_metadata_and_escaping(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Missile flew far</title>"
        '<meta property="og:site_name" content="Example News">'
        '<link rel="canonical" href="https://news.example.com/a">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-12-20T10:00:00Z"></head>'
        "<body><nav>Home | World | Share this</nav><article><h1>Missile flew far</h1>"
        "<p>The missile traveled over 1,100 kilometers before landing in the sea, officials said.</p>"
        "<p>It was the second launch this month, and analysts expect more tests soon.</p></article>"
        "<script>alert('x')</script></body></html>",
        encoding="utf-8",
    )
    doc = one(page)
    assert doc.title == "Missile flew far"
    assert doc.outlet == "Example News"
    assert doc.url == "https://news.example.com/a"
    assert doc.published == "2024-12-20"
    assert doc.media_type == "text/html"
    assert "over 1,100 kilometers" in doc.text
    assert "alert" not in doc.text and "Share this" not in doc.text


def test_jsonl_records_and_line_errors(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "Nine ships took part.", "title": "Drill", "published": "2024-01-05", "outlet": "X"}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second good one.", "url": "https://www.reuters.com/x"}),
        json.dumps({"text": "Bad date.", "published": "someday"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [d.title for d in good] == ["Drill", None]
    assert good[0].published == "2024-01-05" and good[0].source.endswith("batch.jsonl:1")
    assert good[1].outlet == "Reuters"
    assert [e.line for e in bad] == [2, 3, 5, 7]
    assert "malformed JSON" in str(bad[0]) and f"{path}:2" in str(bad[0])
    assert "no 'text'" in str(bad[1])


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file"),
        ("mixed.txt", "café ".encode() + b"\xff\xfe broken", "undecodable bytes"),
        ("c1.txt", b"\x81\x8d\x8f\x90\x9d", "undecodable bytes"),
        ("notes.docx", b"hello", "unsupported file type"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nbody", "malformed YAML"),
    ],
)
def test_bad_files_get_one_line_reasons(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    err = one(path)
    assert isinstance(err, InputError)
    message = str(err)
    assert str(path) in message and reason in message and "\n" not in message


def test_missing_path():
    err = one("/nonexistent/nowhere.txt")
    assert isinstance(err, InputError) and "no such file" in str(err)


def test_legacy_encodings_recorded(tmp_path):
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes("Headline\n\nThe \u201cdeal\u201d was worth \u20ac5 million \u2013 caf\u00e9.".encode("cp1252"))
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Headline\n\nA caf\u00e9 in Z\u00fcrich sold 300 cr\u00eapes.".encode("latin-1"))
    a, b = one(cp), one(latin)
    assert a.encoding == "windows-1252" and "\u20ac5 million" in a.text and "\u201cdeal\u201d" in a.text
    assert b.encoding == "iso-8859-1" and "Z\u00fcrich" in b.text


def test_newlines_and_bom_normalized(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody line one.\rBody line two.\r\n")
    doc = one(path)
    assert doc.text == "Title\n\nBody line one.\nBody line two.\n"
    assert doc.encoding == "utf-8"


def test_folder_skips_non_articles(tmp_path):
    (tmp_path / "a.txt").write_text("One\n\nText with 5 ships.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Two\n\nMore text.", encoding="utf-8")
    flat = list(iter_inputs([str(tmp_path)]))
    assert sum(isinstance(i, Skipped) for i in flat) == 3  # .DS_Store, photo.jpg, sub/
    assert [i.title for i in flat if not isinstance(i, (Skipped, InputError))] == ["One"]
    deep = list(iter_inputs([str(tmp_path)], recursive=True))
    assert sorted(i.title for i in deep if not isinstance(i, (Skipped, InputError))) == ["One", "Two"]


def test_stdin_sniffs_format():
    doc = one("-", stdin=io.BytesIO(b"Headline\n\nOver 1,100 kilometers."))
    assert doc.source == "<stdin>" and doc.title == "Headline"
    docs = list(iter_inputs(["-"], stdin=io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')))
    assert [d.text for d in docs] == ["a", "b"]


@given(st.text(min_size=1, max_size=200))
def test_decode_utf8_roundtrip_or_clear_error(s):
    data = s.encode("utf-8")
    try:
        text, encoding = decode(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    if "\x00" in s:
        # NUL bytes are never UTF-8 text; read at all, they were ASCII-heavy UTF-16/32
        assert encoding.startswith(("utf-16", "utf-32")), encoding
        return
    assert encoding == "utf-8"
    assert text == s.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def test_outlet_from_url():
    assert outlet_from_url("http://feeds.reuters.com/~r/x") == "Reuters"
    assert outlet_from_url("https://www.example.co.uk/a") == "example.co.uk"
    assert outlet_from_url(None) is None


def test_stray_control_character_is_kept_dense_ones_are_binary(tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_text("Headline\n\nA bullet \u0095 left by an upstream mis-decoding, in 2016.", encoding="utf-8")
    doc = one(stray)
    assert "\u0095" in doc.text  # kept as written: stored text is never repaired
    mojibake = tmp_path / "mojibake.txt"
    mojibake.write_text("Headline\n\nPROCTOR \u0097 \u0093Eggs\u0094 " * 40, encoding="utf-8")
    assert "\u0097" in one(mojibake).text  # cp1252 punctuation mis-decoded upstream: text, not binary
    dense = tmp_path / "dense.txt"
    dense.write_bytes(bytes(range(1, 9)) * 20 + b"text")
    err = one(dense)
    assert isinstance(err, InputError) and "binary file" in str(err)


def test_front_matter_entities_unescaped(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\npost_title: >\n  Kim&#039;s rocket &amp; the U.N.\npost_date: 2016-02-07 10:00:00\n---\n"
        "<p>North Korea launched a rocket carrying what it called a satellite.</p>",
        encoding="utf-8",
    )
    doc = one(path)
    assert doc.title == "Kim's rocket & the U.N."
    assert doc.text.startswith("Kim's rocket & the U.N.\n\n")


def test_outlet_of_an_aggregator_redirect_is_the_target():
    url = "http://news.google.com/news/url?sa=t&fd=R&url=http://www.nbcnews.com/meet-the-press/obama-n493606"
    assert outlet_from_url(url) == "NBC News"
    assert outlet_from_url("http://news.google.com/news/url?sa=t&url=http://www.seattlepi.com/a.php") == "seattlepi.com"


FRONT_MATTERS = {
    "plain": "title: A title\nauthor: [Jane Doe, John Roe]\npost_date: 2016-01-10 21:45:06\n",
    "folded": "post_title: >\n  A folded\n  title\noriginal_link:\n  - >\n    http://example.com/a\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "deep 8": "x: " + "[" * 7 + "1" + "]" * 7 + "\n",
    "deep 9": "x: " + "[" * 8 + "1" + "]" * 8 + "\n",
    "deep 2000": "x: " + "[" * 2000 + "\n",
    "malformed": "title: ok\nbad: [unclosed\n",
    "tags": "date: !!timestamp foo\nn: !!int abc\n",
    "not a mapping": "- a\n- b\n",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTERS))
def test_front_matter_reads_the_same_with_and_without_libyaml(name, tmp_path, monkeypatch):
    """libyaml (fast) and the pure-Python loader accept and refuse the same front matter,
    with the same message: the checks on aliases and depth hold on both paths."""
    import yaml

    from factdb.ingest.readers import _front_matter

    block = FRONT_MATTERS[name]

    def outcome():
        try:
            return _front_matter(block.rstrip("\n"), "x.md")
        except InputError as exc:
            return str(exc)

    fast = outcome()
    monkeypatch.delattr(yaml, "CBaseLoader")
    slow = outcome()
    if name.startswith(("alias", "deep 9", "deep 2000")):
        assert "YAML front matter refused" in slow
    if name == "malformed":
        assert fast.startswith("x.md: malformed YAML front matter at line 3: ")
    assert fast == slow
