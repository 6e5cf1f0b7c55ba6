"""Hostile inputs: no file, line, name or byte loses the batch (issue 8).

Every input here is generated at test time in ``tmp_path``; the large ones are sparse files
or built in memory, never committed. Each class of input gets either a document stored
correctly or one printable line saying why not, and the good inputs around it still come
through.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.ingest import InputError, Skipped, iter_inputs, readers
from factdb.ingest.decode import decode, display_path
from factdb.models import DocumentIn

GOOD = "Good one\n\nThe drill involved nine ships and 1,100 sailors.\n"


def items_of(*paths, **kw):
    return list(iter_inputs([str(p) if not isinstance(p, bytes) else os.fsdecode(p) for p in paths], **kw))


def docs(items):
    return [i for i in items if isinstance(i, DocumentIn)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


def assert_printable(message: str):
    assert "\n" not in message and "\r" not in message
    message.encode("utf-8")  # no lone surrogates
    assert message.isprintable()


def only_error(path, **kw) -> str:
    items = items_of(path, **kw)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    message = str(items[0])
    assert_printable(message)
    return message


@pytest.fixture
def no_hang():
    """Fail, rather than hang the suite, if reading blocks for seconds."""

    def alarm(signum, frame):
        raise TimeoutError("reading blocked")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# 1. File names that are not UTF-8


def test_undecodable_file_name_is_escaped_and_the_file_still_read(tmp_path):
    folder = os.fsencode(tmp_path)
    name = os.path.join(folder, b"caf\xe9.txt")
    with open(name, "wb") as f:
        f.write(GOOD.encode())
    for items in (items_of(tmp_path), items_of(name)):
        (doc,) = items
        assert doc.source == f"{tmp_path}/caf\\xe9.txt"
        assert doc.title == "Good one"
        doc.source.encode("utf-8")
    # and the name survives SQLite and printing
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (source TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (doc.source,))
    assert conn.execute("SELECT source FROM t").fetchone()[0] == doc.source


def test_undecodable_or_control_names_in_errors_are_one_printable_line(tmp_path):
    folder = os.fsencode(tmp_path)
    empty = os.path.join(folder, b"\xff\xfe-empty.txt")
    open(empty, "wb").close()
    newline = tmp_path / "two\nlines.txt"
    newline.write_bytes(b"")
    message = only_error(empty)
    assert "\\xff\\xfe-empty.txt: empty file" in message
    message = only_error(newline)
    assert "two\\nlines.txt: empty file" in message
    missing = only_error(os.path.join(folder, b"gone-\xe9.txt"))
    assert "gone-\\xe9.txt: no such file or directory" in message or "gone-\\xe9.txt" in missing


def test_display_path():
    assert display_path("plain/a.txt") == "plain/a.txt"
    assert display_path(b"caf\xe9.txt") == "caf\\xe9.txt"
    assert display_path(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert display_path("caf\u00e9.txt") == "caf\u00e9.txt"
    assert display_path("a\x1bb\u2028.txt") == "a\\x1bb\\u2028.txt"
    assert display_path("lone\ud800.txt").encode("utf-8")


# 2. YAML front matter


@pytest.mark.parametrize(
    "date_line",
    [
        "date: 2016-13-45",
        "date: !!int abc",
        "date: !!timestamp foo",
        "date: !!float 1e9999",
        "date: [1, [2]]",
    ],
)
def test_bad_front_matter_dates_are_left_unset(tmp_path, date_line):
    path = tmp_path / "post.md"
    path.write_text(
        f"---\ntitle: Missile test\n{date_line}\n---\nThe missile flew 1,100 km.\n", encoding="utf-8"
    )
    (doc,) = items_of(path)
    assert doc.title == "Missile test" and doc.published is None


def test_front_matter_tags_are_never_constructed(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: !!python/object/apply:os.system ['echo hacked']\nauthor: !!binary '%%%'\n"
        "post_date: 2016-02-07 10:00:00 +09:00\n---\nBody text with 5 ships.\n",
        encoding="utf-8",
    )
    (doc,) = items_of(path)
    assert doc.published == "2016-02-07"
    assert doc.byline == "%%%"


def test_front_matter_non_scalars_are_not_used_lists_give_their_first(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: {nested: mapping}\nauthor: [Jane Doe, John Roe]\nurl: null\n---\nBody with 7 ships.\n",
        encoding="utf-8",
    )
    (doc,) = items_of(path)
    assert "nested" not in str(doc.title) and doc.byline == "Jane Doe" and doc.url is None


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines)


def test_yaml_alias_bomb_is_refused_without_expanding(tmp_path):
    bomb = billion_laughs()
    assert len(bomb) < 400
    path = tmp_path / "bomb.md"
    path.write_text(f"---\n{bomb}\n---\nBody.\n", encoding="utf-8")
    message = only_error(path)
    assert "YAML front matter refused: alias *a at line 3 (aliases are not allowed)" in message


def test_deep_or_huge_front_matter_is_refused(tmp_path):
    deep = tmp_path / "deep.md"
    deep.write_text("---\nx: " + "[" * 10_000 + "\n---\nBody.\n", encoding="utf-8")
    message = only_error(deep)
    assert "YAML front matter refused: nested more than 8 levels deep at line 2" in message
    deeper = tmp_path / "deeper.md"
    deeper.write_text("---\nx: " + "[" * 100_000 + "\n---\nBody.\n", encoding="utf-8")
    assert "YAML front matter refused: 100,003 characters (limit 65,536)" in only_error(deeper)
    huge = tmp_path / "huge.md"
    huge.write_text("---\ntitle: " + "x" * 70_000 + "\n---\nBody.\n", encoding="utf-8")
    assert "YAML front matter refused: 70,007 characters (limit 65,536)" in only_error(huge)


def test_malformed_front_matter_names_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\nbad: [unclosed\n---\nBody.\n", encoding="utf-8")
    assert "malformed YAML front matter at line" in only_error(path)


# 3. JSON Lines records that break the parser


def test_jsonl_line_errors_stay_on_their_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "First story with 3 ships."}),
        "[" * 100_000,
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"text": "Has a nested title.", "title": {"a": 1}}),
        json.dumps({"text": "Last story with 4 ships."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = items_of(path)
    assert [d.text for d in docs(items)] == ["First story with 3 ships.", "Last story with 4 ships."]
    errs = errors(items)
    assert [e.line for e in errs] == [2, 3, 4]
    assert str(errs[0]) == f"{path}:2: malformed JSON: nested too deeply"
    assert "malformed JSON" in str(errs[1]) and "'title' is not a string" in str(errs[2])
    for e in errs:
        assert_printable(str(e))


def test_an_internal_error_in_one_record_costs_that_line(tmp_path, monkeypatch):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "A.", "published": "boom"})
        + "\n"
        + json.dumps({"text": "B.", "published": "2024-01-02"}),
        encoding="utf-8",
    )
    real = readers.parse_date

    def parse_date(value):
        if value == "boom":
            raise RuntimeError("parser exploded\nwith two lines")
        return real(value)

    monkeypatch.setattr(readers, "parse_date", parse_date)
    items = items_of(path)
    assert [d.text for d in docs(items)] == ["B."]
    (err,) = errors(items)
    assert str(err) == f"{path}:1: internal error (RuntimeError: parser exploded); please report it with this input"
    assert err.stage == "read"


# 4. NUL characters


@pytest.mark.parametrize("name", ["late.txt", "late.md", "late.html"])
def test_a_nul_anywhere_in_a_file_is_binary(tmp_path, name):
    path = tmp_path / name
    body = "<p>" + "Nine ships sailed. " * 1000 + "</p>" if name.endswith("html") else "Nine ships. " * 1000
    path.write_bytes(body.encode() + b"\x00" + b" more text")
    assert only_error(path).endswith(": binary file (contains NUL bytes)")


def test_nul_or_lone_surrogate_in_jsonl_fields_is_that_lines_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"text": "before\\u0000after"}',
                '{"text": "fine", "title": "bad\\u0000title"}',
                '{"text": "lone \\ud800 surrogate"}',
                '{"text": "a good one"}',
            ]
        ),
        encoding="utf-8",
    )
    items = items_of(path)
    assert [d.text for d in docs(items)] == ["a good one"]
    assert [str(e) for e in errors(items)] == [
        f"{path}:1: text contains NUL (\\u0000)",
        f"{path}:2: title contains NUL (\\u0000)",
        f"{path}:3: text contains an unpaired surrogate (\\ud800)",
    ]


# 5. Encodings: decoded right (and recorded) or refused, never mojibake

RUSSIAN = (
    "Министерство обороны России сообщило в пятницу, что ракета пролетела более 1100 километров и упала "
    "в море. По словам официальных лиц, это был второй запуск за месяц."
)
JAPANESE = (
    "北朝鮮は金曜日、弾道ミサイル1発を日本海に向けて発射したと韓国軍が発表した。ミサイルは約1100キロメートル"
    "飛行した後、海上に落下したとみられる。"
)
CHINESE = "韩国军方周五表示，朝鲜向日本海方向发射了一枚弹道导弹。该导弹飞行约1100公里后落入海中。这是本月第二次发射。"
KOREAN = (
    "합동참모본부는 금요일 북한이 동해상으로 탄도미사일 1발을 발사했다고 밝혔다. 미사일은 약 1100킬로미터를 "
    "비행한 뒤 바다에 떨어진 것으로 추정된다."
)
ENGLISH = "The missile flew 1,100 kilometers before landing in the sea, officials said on Friday."


@pytest.mark.parametrize(
    "text, codec, recorded",
    [
        (RUSSIAN, "koi8_r", {"koi8-r"}),
        (RUSSIAN, "cp1251", {"windows-1251"}),
        (JAPANESE, "shift_jis", {"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"}),
        (CHINESE, "gb18030", {"gb18030", "gbk", "gb2312"}),
        (KOREAN, "euc_kr", {"euc_kr", "cp949"}),
        (RUSSIAN, "utf-16-le", {"utf-16-le"}),
        (RUSSIAN, "utf-16-be", {"utf-16-be"}),
        (ENGLISH, "utf-16-le", {"utf-16-le"}),
        (ENGLISH, "utf-16-be", {"utf-16-be"}),
        (JAPANESE, "utf-32", {"utf-32"}),
        (ENGLISH, "utf-32", {"utf-32"}),
        (KOREAN, "utf-32-le", {"utf-32-le"}),
        (ENGLISH, "utf-32-be", {"utf-32-be"}),
    ],
)
def test_encodings_decoded_and_recorded(tmp_path, text, codec, recorded):
    article = f"Headline\n\n{text}\n"
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(article.encode(codec))
    (doc,) = items_of(path)
    assert isinstance(doc, DocumentIn), doc
    assert doc.text == article and doc.encoding in recorded


@pytest.mark.parametrize("codec", ["koi8_r", "cp1251", "iso8859_5", "mac_cyrillic"])
@pytest.mark.parametrize("length", [15, 30, 60, len(RUSSIAN)])
def test_short_cyrillic_is_right_or_refused_never_mojibake(codec, length):
    text = RUSSIAN[:length]
    try:
        decoded, _ = decode(text.encode(codec), "x.txt")
    except InputError as exc:
        assert "undecodable bytes: not UTF-8 and no encoding fits" in str(exc)
        return
    assert decoded == text


def test_utf8_with_one_bad_byte_is_refused_as_mostly_utf8():
    data = ("Z\u00fcrich caf\u00e9 " * 40).encode() + b"\x93quoted\x94"
    with pytest.raises(InputError, match="invalid UTF-8 at byte 560 in an otherwise UTF-8 file"):
        decode(data, "x.txt")


def test_latin1_text_with_symbols_inside_words_is_not_read_as_latin1():
    polish = (
        "Pocisk przeleciał ponad 1100 kilometrów, zanim spadł do morza. Żołnierze są gotowi do walki. " * 3
    )
    text, encoding = decode(polish.encode("cp1250"), "x.txt")
    assert encoding == "windows-1250" and text == polish


# 6. Things that are not regular files


def test_fifo_and_device_inside_a_folder_are_skipped_not_read(tmp_path, no_hang):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    items = items_of(tmp_path)
    assert [d.title for d in docs(items)] == ["Good one"]
    assert not errors(items)
    skipped = {os.path.basename(s.source): s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {
        "pipe.txt": "not a regular file (named pipe)",
        "zero.txt": "not a regular file (character device)",
        "dangling.txt": "broken symbolic link",
        "loop1.txt": "symbolic link loop",
        "loop2.txt": "symbolic link loop",
    }


def test_special_files_named_on_the_command_line(tmp_path, no_hang):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "loop2.txt", tmp_path / "loop1.txt")
    os.symlink(tmp_path / "loop1.txt", tmp_path / "loop2.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    assert only_error(tmp_path / "pipe.txt").endswith("pipe.txt: not a regular file")
    assert only_error("/dev/zero").endswith("/dev/zero: not a regular file")
    assert only_error(tmp_path / "loop1.txt").endswith("loop1.txt: symbolic link loop")
    assert only_error(tmp_path / "dangling.txt").endswith("dangling.txt: broken symbolic link")
    assert only_error(tmp_path / "missing.txt").endswith("missing.txt: no such file or directory")


def test_read_file_on_a_fifo_does_not_block(tmp_path, no_hang):
    os.mkfifo(tmp_path / "pipe.txt")
    (err,) = list(readers.read_file(tmp_path / "pipe.txt"))
    assert str(err).endswith("pipe.txt: not a regular file")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_one_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert "cannot read folder: permission denied" in only_error(locked)
    finally:
        locked.chmod(0o755)


# 7. Size limit


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:  # sparse: 23.1 MB on paper, nothing on disk
        f.truncate(int(23.1 * 1024 * 1024))
    assert only_error(path) == (
        f"{path}: too large: 23.1 MB (limit 5.0 MB; set FACTDB_MAX_DOCUMENT_BYTES to raise it)"
    )


def test_limit_from_keyword_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert "too large: 59 bytes (limit 20 bytes;" in only_error(path, max_bytes=20)
    monkeypatch.setenv("FACTDB_MAX_DOCUMENT_BYTES", "30")
    assert "too large: 59 bytes (limit 30 bytes;" in only_error(path)
    monkeypatch.setenv("FACTDB_MAX_DOCUMENT_BYTES", "lots")
    first, doc = items_of(path)
    assert str(first).startswith("FACTDB_MAX_DOCUMENT_BYTES: ignored: 'lots' is not a positive whole number")
    assert doc.title == "Good one"


def test_jsonl_over_the_limit_is_streamed_and_each_record_checked(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [{"text": f"Story {i} with {i} ships."} for i in range(50)]
    records[7] = {"text": "x" * 600}
    lines = [json.dumps(r) for r in records]
    lines[20] = "y" * 5000  # a line too long to hold, whatever it is
    lines[30] = '{"text": "caf\xe9"}'
    path.write_bytes(
        "\r\n".join(lines[:30]).encode()
        + b"\n"
        + lines[30].encode("latin-1")
        + b"\n"
        + "\n".join(lines[31:]).encode()
    )
    assert path.stat().st_size > 1000
    items = items_of(path, max_bytes=500)
    assert len(docs(items)) == 47
    assert docs(items)[0].source == f"{path}:1" and docs(items)[0].text == "Story 0 with 0 ships."
    assert [(e.line, e.reason) for e in errors(items)] == [
        (8, "too large: 600 bytes (limit 500 bytes; set FACTDB_MAX_DOCUMENT_BYTES to raise it)"),
        (21, "too large: 4.9 KB (limit 500 bytes; set FACTDB_MAX_DOCUMENT_BYTES to raise it)"),
        (31, "undecodable bytes: invalid UTF-8 at byte 13 of the line"),
    ]
    # the same records under the limit, read whole, give the same documents
    small = items_of(path, max_bytes=10**6)
    assert [d.text for d in docs(small)][:3] == [d.text for d in docs(items)][:3]


def test_lines_never_holds_an_overlong_line():
    chunks = [b"ab\ncd", b"e" * 100, b"f\n", b"\n", b"tail"]
    assert list(readers._lines(iter(chunks), 10)) == [(b"ab", 2), (None, 103), (b"", 0), (b"tail", 4)]


def test_stdin_over_the_limit(tmp_path):
    big = io.BytesIO(b"Headline\n\n" + b"word " * 200)
    (err,) = list(iter_inputs(["-"], stdin=big, max_bytes=100))
    assert (
        str(err)
        == "<stdin>: too large: more than 100 bytes (limit 100 bytes; set FACTDB_MAX_DOCUMENT_BYTES to raise it)"
    )
    feed = io.BytesIO(b"".join(json.dumps({"text": f"Record {i}."}).encode() + b"\n" for i in range(20)))
    items = list(iter_inputs(["-"], stdin=feed, max_bytes=100))
    assert [d.text for d in items] == [f"Record {i}." for i in range(20)]


# 8. Unexpected exceptions while reading one input


def test_a_library_bug_on_one_file_costs_that_file(tmp_path, monkeypatch):
    import trafilatura

    (tmp_path / "a.html").write_text("<html><body><p>Odd page.</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    items = items_of(tmp_path)
    (err,) = errors(items)
    assert str(err) == f"{tmp_path}/a.html: internal error (IndexError: list index out of range); please report it with this input"
    assert err.stage == "read"
    assert [d.title for d in docs(items)] == ["Good one"]


def test_a_bad_path_object_is_an_error_not_a_crash():
    items = list(iter_inputs([None, "-"], stdin=io.BytesIO(b"Headline\n\nText.")))
    assert isinstance(items[0], InputError) and "internal error (TypeError" in str(items[0])
    assert items[1].title == "Headline"


# Whatever the bytes, iter_inputs yields and never raises.


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_any_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in iter_inputs([str(path)]):
        if isinstance(item, InputError):
            assert_printable(str(item))
        else:
            assert "\x00" not in item.text
            item.text.encode("utf-8")


if sys.platform == "win32":  # pragma: no cover - FIFOs and /dev/zero are POSIX
    pytestmark = pytest.mark.skip("POSIX file types")
