"""The gold scorer: matching levels, one-to-one matching, per-kind figures, gold checks, dev gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdb import evaluate as ev_mod
from factdb.evaluate import GoldClaim, Predicted, errors, is_scored, match, score
from factdb.models import Claim

ROOT = Path(__file__).resolve().parents[1]


def gold(start, end, kind="count", value=1.0, high=None, bound="exact", doc="d"):
    return GoldClaim(doc, start, end, "x" * (end - start), kind, value, high, None, bound)


def pred(start, end, kind="count", value=1.0, high=None, bound="exact", doc="d"):
    return Predicted(doc, start, end, "x" * (end - start), kind, value, high, None, bound)


def test_levels_on_a_small_set():
    g = [
        gold(0, 10, value=5),  # exact hit
        gold(20, 30, value=7),  # span overlaps, value wrong
        gold(40, 50, "date", "2024-12-03"),  # date hit, bound differs
        gold(60, 70, value=1),  # missed entirely
    ]
    p = [
        pred(2, 8, value=5.000001),  # within 1e-6 relative
        pred(25, 35, value=8),
        pred(40, 50, "date", "2024-12-03", bound="approx"),
        pred(80, 90, value=3),  # extra
    ]
    ev = score(g, p)
    span, m, full = ev.score("span"), ev.score("match"), ev.score("full")
    assert (span.matched_gold, span.precision, span.recall) == (3, 0.75, 0.75)
    assert (m.matched_gold, m.precision, m.recall) == (2, 0.5, 0.5)
    assert (full.matched_gold, full.precision, full.recall) == (1, 0.25, 0.25)
    assert m.f1 == pytest.approx(0.5)
    assert full.f1 == pytest.approx(0.25)


def test_each_claim_is_matched_once():
    # Two predictions on one gold claim: one matches, the other is an extra.
    ev = score([gold(0, 10)], [pred(0, 10), pred(2, 6)])
    s = ev.score("match")
    assert (s.matched_gold, s.matched_pred, s.precision, s.recall) == (1, 1, 0.5, 1.0)
    # One prediction over two gold claims: only one of them is found.
    ev = score([gold(0, 5), gold(5, 10)], [pred(0, 10)])
    s = ev.score("match")
    assert (s.matched_gold, s.precision, s.recall) == (1, 1.0, 0.5)


def test_greedy_prefers_the_longest_overlap():
    pairs = match([gold(0, 10), gold(8, 20)], [pred(5, 20)], "span")
    assert pairs == [(1, 0)]


def test_documents_never_cross():
    ev = score([gold(0, 10, doc="a")], [pred(0, 10, doc="b")])
    assert ev.score("span").matched_gold == 0


def test_per_kind_recall_by_gold_kind_precision_by_predicted_kind():
    g = [gold(0, 10, "money", 5), gold(20, 30, "count", 3)]
    p = [pred(0, 10, "count", 5), pred(20, 30, "count", 3)]
    ev = score(g, p)
    money, count = ev.score("match", "money"), ev.score("match", "count")
    assert (money.n_gold, money.n_pred, money.recall) == (1, 0, 0.0)
    assert (count.n_gold, count.n_pred, count.precision, count.recall) == (1, 2, 0.5, 1.0)
    assert ev.score("span", "money").recall == 1.0  # spans alone do not look at kinds


def test_periods_compare_start_and_end():
    g = [gold(0, 17, "period", "1910", "1945", "range")]
    assert score(g, [pred(0, 17, "period", "1910", "1945", "range")]).score("full").f1 == 1.0
    ev = score(g, [pred(0, 17, "period", "1910", "1946", "range")])
    assert (ev.score("match").f1, ev.score("full").f1) == (1.0, 0.0)


def test_errors_lists_misses_and_extras():
    ev = score([gold(0, 10), gold(20, 30)], [pred(0, 10), pred(40, 50)])
    misses, extras = errors(ev)
    assert [(g.char_start, g.char_end) for g in misses] == [(20, 30)]
    assert [(p.char_start, p.char_end) for p in extras] == [(40, 50)]


def test_weekday_and_relative_dates_are_not_scored():
    def date(quote):
        return Claim(kind="date", char_start=0, char_end=len(quote), quote=quote, date_start="x")

    assert not is_scored(date("Friday"))
    assert is_scored(date("December"))
    assert is_scored(date("2004"))
    assert is_scored(Claim(kind="count", char_start=0, char_end=10, quote="nine ships", value=9))


def test_values_equal():
    assert ev_mod.values_equal(1e9, 1e9 * (1 + 1e-7))
    assert not ev_mod.values_equal(1e9, 1e9 * (1 + 1e-5))
    assert ev_mod.values_equal("2024-12", "2024-12")
    assert not ev_mod.values_equal("2024-12", "2024-12-01")
    assert ev_mod.values_equal(None, None) and not ev_mod.values_equal(None, 0)


def test_bad_gold_lines_are_reported(tmp_path):
    (tmp_path / "corpus" / "gold").mkdir(parents=True)
    (tmp_path / "doc.txt").write_text(
        "\ufeffIt fell in March 2005.\r\nNine ships sailed.\r\n", encoding="utf-8"
    )
    good = {"doc": "doc.txt", "char_start": 11, "char_end": 21, "quote": "March 2005", "kind": "date",
            "value": "2005-03", "value_high": None, "unit": None, "bound": "exact"}  # fmt: skip
    bad = dict(good, char_start=10, char_end=20)
    path = tmp_path / "corpus" / "gold" / "g.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (good, bad)) + "\nnot json\n", encoding="utf-8")
    ev = ev_mod.evaluate([path], names=["dates"])
    assert len(ev.gold) == 1
    messages = [p.message for p in ev.problems]
    assert len(messages) == 2
    assert any("!= text[10:20]" in m for m in messages)
    assert any("unreadable" in m for m in messages)
    assert ev.score("match", "date").f1 == 1.0


def test_only_claim_gold_files_are_picked(tmp_path):
    (tmp_path / "claims.jsonl").write_text(
        '{"doc": "d", "char_start": 0, "char_end": 1, "quote": "x", "kind": "count", "value": 1}\n',
        encoding="utf-8",
    )
    (tmp_path / "links.jsonl").write_text('{"doc": "d", "entity": "e"}\n', encoding="utf-8")
    assert [p.name for p in ev_mod.claim_gold_files(tmp_path)] == ["claims.jsonl"]


def test_project_root_is_the_folder_holding_corpus(tmp_path):
    (tmp_path / "corpus" / "gold").mkdir(parents=True)
    assert ev_mod.project_root(tmp_path / "corpus" / "gold" / "x.jsonl") == tmp_path.resolve()


def _dev_gold() -> list[Path]:
    # generalization*.jsonl is the unseen-topics check, scored on its own (not tuned on)
    files = [
        p for p in ev_mod.claim_gold_files(ROOT / "corpus" / "gold") if not p.name.startswith("generalization")
    ]
    if not files:
        pytest.skip("no dev gold in corpus/gold/")
    needs_shared = any(
        "../shared/" in line for f in files for line in f.read_text(encoding="utf-8").splitlines()
    )
    if needs_shared and not (ROOT.parent / "shared" / "corpus").is_dir():
        pytest.skip("dev gold refers to ../shared/corpus, which is absent")
    return files


@pytest.mark.corpus
def test_dev_gold_dates_and_periods():
    ev = ev_mod.evaluate(_dev_gold())
    assert not ev.problems, ev_mod.format_problems(ev)
    for kind in ("date", "period"):
        s = ev.score("match", kind)
        assert s.f1 >= 0.95, (kind, s.as_dict())


@pytest.mark.corpus
def test_dev_gold_match_f1():
    ev = ev_mod.evaluate(_dev_gold())
    assert not ev.problems, ev_mod.format_problems(ev)
    s = ev.score("match")
    assert s.f1 >= 0.90, ev_mod.format_table(ev)


@pytest.mark.corpus
def test_unseen_topics_gold_does_not_regress():
    # A check on topics nobody tuned the rules on (corpus/gold/generalization.md); its floor
    # sits below the measured 0.887 so it catches regressions without becoming a target.
    path = ROOT / "corpus" / "gold" / "generalization.jsonl"
    if not path.exists() or not (ROOT.parent / "shared" / "corpus").is_dir():
        pytest.skip("generalization gold or ../shared/corpus absent")
    ev = ev_mod.evaluate([path])
    assert not ev.problems, ev_mod.format_problems(ev)
    assert ev.score("match").f1 >= 0.85, ev_mod.format_table(ev)


def test_paraphrase_gold_match_f1():
    # Re-tellings written for the project (corpus/fixtures/paraphrases, corpus/gold/paraphrases.md):
    # no third-party text, so this runs on every machine. Measured 0.976 (after the fixes read
    # from it) and 0.964 on its held-out part; the floor catches regressions, it is no target.
    files = [ROOT / "corpus" / "gold" / name for name in ("paraphrases.jsonl", "paraphrases_holdout.jsonl")]
    ev = ev_mod.evaluate(files)
    assert not ev.problems, ev_mod.format_problems(ev)
    assert ev.score("match").f1 >= 0.95, ev_mod.format_table(ev)
