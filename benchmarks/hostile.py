"""Hostile-input benchmark: every input that ever broke or stalled ingest, alone and in a batch.

    python -m benchmarks hostile [--articles N] [--corpus DIR]

Part one ingests each hostile input alone into a fresh database and prints the table
input → outcome, message, seconds. Part two mixes them all into a folder of N real
articles (read from the shared corpus, linked, never copied into the project) and
compares the batch's wall time and peak memory with the same batch without them.

The inputs are made by :func:`make_hostile`, which the test suite uses too
(``tests/test_hostile_batch.py``): each comes with the outcome a person should see.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FACTDB = [sys.executable, "-m", "factdb"]

RUSSIAN = "Москва заявила, что 1200 военных погибли, а ущерб составил 35 миллиардов рублей. " * 3
JAPANESE = "北朝鮮は弾道ミサイル7発を発射し、約1100キロ飛行したと韓国軍が発表した。" * 3
CHINESE = "朝鲜发射了7枚弹道导弹，飞行约1100公里，韩国军方表示。" * 3
KOREAN = "북한은 탄도미사일 7발을 발사했으며 약 1100킬로미터를 비행했다고 합참이 밝혔다. " * 3
ENGLISH = "North Korea fired 7 ballistic missiles on Tuesday that flew about 1,100 km, Seoul said.\n"


@dataclass(frozen=True)
class Hostile:
    name: str  # what the input is, for the table
    path: str  # file name inside the folder ("" for the command-line-only ones)
    outcome: str  # "stored", "failed" or "skipped"
    expect: str = ""  # a substring of the one-line message (failed) or of the stored text (stored)


def _write(folder: Path, name: str, data: bytes | str) -> None:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def make_hostile(folder: Path, big: bool = True) -> list[Hostile]:
    """Write every hostile input into ``folder``; returns what each should come to.

    ``big`` adds the multi-megabyte inputs (a 6 MB character-reference page, a 20 MB text).
    """
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Hostile] = []

    def add(name, path, data, outcome, expect=""):
        if data is not None:
            _write(folder, path, data)
        cases.append(Hostile(name, path, outcome, expect))

    # Sentences that crashed a rule: stored, with their claims.
    add("range with mixed scales", "condos.txt",
        "Half the condos, which range from $800,000 to $1.3 million, have sold.\n"
        "Prices range from $370,000 to $5.5 million, and from $200 to $4 million.\n", "stored", "condos")
    # A file name that is not UTF-8: stored, its name escaped in messages and rows.
    nonutf8 = os.fsdecode(b"caf\xe9-story.txt")
    add("non-UTF-8 file name", nonutf8, ENGLISH, "stored", "North Korea fired")
    # Front matter that YAML cannot construct.
    add("front matter date 2016-13-45", "bad-date.md", "---\ntitle: A\ndate: 2016-13-45\n---\n" + ENGLISH,
        "stored", "North Korea fired")
    # tags are never constructed: the date is left unset, the article stored
    add("front matter !!int abc", "bad-int.md", "---\ntitle: B\ndate: !!int abc\n---\n" + ENGLISH,
        "stored", "North Korea fired")
    add("front matter !!timestamp foo", "bad-ts.md", "---\ntitle: C\ndate: !!timestamp foo\n---\n" + ENGLISH,
        "stored", "North Korea fired")
    bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]\n"
    bomb += "title: *i\n---\n" + ENGLISH
    add("YAML alias bomb in front matter", "bomb.md", bomb, "failed", "front matter")
    # JSON Lines: deep nesting, NUL, far dates.
    add("JSONL line of 100,000 '['", "deep.jsonl", "[" * 100_000 + "\n", "failed", "deep")
    add("JSONL text with \\u0000", "nul.jsonl", json.dumps({"text": "Seven\u0000 missiles flew 40 km."}) + "\n",
        "failed", "NUL")
    far = "\n".join(
        json.dumps({"text": f"{word}: the vote is on Tuesday and talks resume next month; 3 ships left last year.",
                    "published": when})
        for word, when in (("Year one", "0001-01-01"), ("Year 9999", "9999-12-31"))
    )
    add("publication dates 0001-01-01 and 9999-12-31", "far-dates.jsonl", far + "\n", "stored", "the vote is on")
    # NUL past the first 8 KB.
    add("NUL after the first 8 KB", "late-nul.txt", ENGLISH * 120 + "\x00" + ENGLISH, "failed", "NUL")
    # Encodings.
    add("KOI8-R Russian", "koi8.txt", RUSSIAN.encode("koi8_r"), "stored", "Москва")
    ukrainian = RUSSIAN.replace("Москва заявила", "Киев сообщил")  # another text, or it is stored once
    add("Windows-1251 Russian", "cp1251.txt", ukrainian.encode("cp1251"), "stored", "Киев")
    add("Shift-JIS Japanese", "sjis.txt", JAPANESE.encode("shift_jis"), "stored", "北朝鮮")
    add("GB18030 Chinese", "gb.txt", CHINESE.encode("gb18030"), "stored", "朝鲜")
    add("EUC-KR Korean", "euckr.txt", KOREAN.encode("euc_kr"), "stored", "북한")
    add("UTF-16 without BOM", "utf16.txt", ("UTF-16 story. " + ENGLISH).encode("utf-16-le"), "stored", "UTF-16 story")
    add("UTF-32 with BOM", "utf32.txt", ("UTF-32 story. " + ENGLISH).encode("utf-32"), "stored", "UTF-32 story")
    # Claim density: linear work, not quadratic.
    add("'10% ' * 16000 (64 KB)", "dense-percent.txt", "10% " * 16_000, "stored", "10%")
    add("'$1 ' * 16000", "dense-dollars.txt", "$1 " * 16_000, "stored", "$1")
    # Ordinary bad files.
    add("empty file", "empty.txt", b"", "failed", "empty")
    add("binary file named .txt", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "failed", "binary")
    add("malformed JSONL line", "broken.jsonl", '{"text": "ok 5 km"}\n{"text": \n', "failed", "malformed JSON")
    # Not regular files, inside the folder: skipped, never read.
    fifo = folder / "pipe.txt"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
        cases.append(Hostile("FIFO inside a folder", "pipe.txt", "skipped"))
    zero = folder / "zero.txt"
    if Path("/dev/zero").exists() and not zero.is_symlink():
        zero.symlink_to("/dev/zero")
        cases.append(Hostile("link to /dev/zero inside a folder", "zero.txt", "skipped"))
    loop = folder / "loop.txt"
    if not loop.is_symlink():
        loop.symlink_to(loop.name)
        cases.append(Hostile("symbolic link loop inside a folder", "loop.txt", "skipped"))
    if big:
        unit = "&#49;&#48;&#37; "
        page = "<html><head><title>Refs</title></head><body><article><p>"
        page += unit * (6_000_000 // len(unit)) + "</p></article></body></html>"
        add("6 MB page of character references", "charrefs.html", page, "failed", "too large")
        big_text = (ENGLISH * (20_000_000 // len(ENGLISH) + 1))[:20_000_000]
        add("20 MB text file", "huge.txt", big_text, "failed", "too large")
    return cases


def run_ingest(args: list[str], db: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``factdb ingest`` as a child; returns (process, seconds, peak RSS of the child in MB)."""
    code = (
        "import resource, sys, runpy\n"
        "sys.argv = ['factdb'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('factdb', run_name='__main__')\n"
        "finally:\n"
        "    print('peak_rss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, "ingest", "--json", "--db", str(db), *args],
        capture_output=True, text=True, timeout=1200,
    )
    seconds = time.perf_counter() - t0
    peak = 0.0
    lines = []
    for line in proc.stderr.splitlines():
        if line.startswith("peak_rss_kb "):
            peak = int(line.split()[1]) / 1024
        else:
            lines.append(line)
    proc.stderr = "\n".join(lines)
    return proc, seconds, peak


def real_articles(corpus: Path, n: int) -> list[Path]:
    files = sorted((corpus / "bbc").rglob("*.txt"))[: n // 2] + sorted((corpus / "reuters-2016").iterdir())[: n - n // 2]
    return files[:n]


def link_articles(files: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(files):
        (folder / f"{i:05d}-{f.name}").symlink_to(f.resolve())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks hostile", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        hostile_dir = tmp / "hostile"
        cases = make_hostile(hostile_dir)
        print("each hostile input alone, fresh database:\n")
        print("| input | outcome | message | s |\n|---|---|---|---|")
        for i, case in enumerate(cases):
            one = tmp / f"one-{i}"
            one.mkdir()
            src = hostile_dir / case.path
            # the file itself (not a copy of a FIFO or a link): move the entry into its own folder
            os.rename(src, one / case.path)
            proc, seconds, _ = run_ingest([str(one)], tmp / f"one-{i}.db")
            os.rename(one / case.path, src)
            errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
            summary = json.loads(proc.stdout) if proc.stdout.strip() else {}
            outcome = "stored" if summary.get("new") else "failed" if errors else (
                "skipped" if summary.get("skipped") else "?")
            message = errors[0].replace("|", "\\|") if errors else ""
            if "Traceback" in proc.stderr:
                message = "TRACEBACK"
            print(f"| {case.name} | {outcome} | {message} | {seconds:.2f} |")
        if not args.corpus.is_dir():
            print(f"\nbatch part skipped: corpus not found at {args.corpus}")
            return 0
        articles = real_articles(args.corpus, args.articles)
        clean = tmp / "clean"
        link_articles(articles, clean)
        proc0, s0, m0 = run_ingest([str(clean)], tmp / "clean.db")
        mixed = tmp / "mixed"
        link_articles(articles, mixed)
        for case in cases:
            os.rename(hostile_dir / case.path, mixed / case.path)
        extra = [str(tmp / "missing.txt"), str(ROOT / "pyproject.toml")]
        proc1, s1, m1 = run_ingest([str(mixed), *extra], tmp / "mixed.db")
        for proc in (proc0, proc1):
            if not proc.stdout.strip():
                print(f"\nno summary from ingest (exit {proc.returncode}):\n" + "\n".join(proc.stderr.splitlines()[-5:]))
                return 1
        r0, r1 = json.loads(proc0.stdout), json.loads(proc1.stdout)
        print(f"\nbatch of {len(articles)} real articles:")
        print(f"  without hostile inputs: {r0['new']} new, {r0['failed']} failed, {s0:.1f} s, peak {m0:.0f} MB")
        print(f"  with {len(cases) + 2} hostile inputs: {r1['new']} new, {r1['failed']} failed, "
              f"{r1['skipped']} skipped, exit {proc1.returncode}, {s1:.1f} s ({s1 / s0:.2f}x), peak {m1:.0f} MB, "
              f"traceback: {'yes' if 'Traceback' in proc1.stderr else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
