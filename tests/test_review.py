"""The review queue: decisions reach the ledger whole and valid, and survive a dead kernel.

Every test works on a copy of the small fixture ledger in a temporary folder; the
candidates are fictional (example.org) and live in tests/fixtures/candidates_*.csv.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

from osint import load_claims, validate_ledger
from osint.review import (
    Review,
    candidate_key,
    candidate_records,
    highlight,
    next_claim_id,
)
from osint.schema import LedgerError

CANDIDATES = FIXTURES / "candidates_example.csv"
HOSTILE = FIXTURES / "candidates_hostile.csv"
SPAN = "more than 10,000 North Korean troops have arrived in Russia"


@pytest.fixture
def ledger(tmp_path, small_ledger) -> Path:
    path = tmp_path / "claims.csv"
    shutil.copyfile(small_ledger, path)
    return path


def log_lines(path: Path) -> list[dict]:
    log = path.parent / f"{path.stem}.review" / "decisions.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def test_opening_a_queue_writes_nothing(ledger):
    before = ledger.read_bytes()
    review = Review(CANDIDATES, ledger)
    assert review.summary() == {
        "candidates": 5,
        "pending": 5,
        "accepted": 0,
        "repeats": 0,
        "duplicates": 0,
        "rejected": 0,
    }
    assert review.current["quote"] == SPAN
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["claims.csv"]


def test_candidate_is_shown_in_its_text_with_the_span_marked(ledger):
    review = Review(CANDIDATES, ledger)
    page = review.candidate_html()
    assert f"<mark>{SPAN}</mark>" in page
    assert "This is a fictional item written for software tests." in page, "the text around the span is shown"
    assert "Candidate 1 of 5" in page and "5 still to decide" in page
    assert 'href="https://example.org/fictional/briefing-1"' in page


def test_untrusted_candidate_text_is_escaped_before_the_span_is_wrapped(ledger):
    review = Review(HOSTILE, ledger)
    page = review.candidate_html()
    assert "<script>" not in page and "<iframe" not in page and "<b onmouseover" not in page
    assert "<img src=x" not in page and "<i>Officials</i>" not in page
    assert (
        "<mark>&lt;b onmouseover=&quot;window.__injected = 1&quot;&gt;500 North Korean troops&lt;/b&gt; "
        "had arrived</mark>"
    ) in page
    assert "&lt;script&gt;window.__injected = &quot;text&quot;&lt;/script&gt;" in page
    review.skip()
    second = review.candidate_html()
    assert 'href="javascript:' not in second, "a javascript: URL is never a link"
    assert "not found in the source text" in second
    for markup in (review.queue_table().markup, review.snapshot().markup):
        assert "<script>" not in markup and 'href="javascript:' not in markup
    assert "<script" not in review.ui.candidate.value


def test_highlight_cuts_long_texts_around_the_span():
    text = "a" * 5000 + "<SPAN>" + "b" * 5000
    marked = highlight(text, 5000, 5006, context=100)
    assert marked == "…" + "a" * 100 + "<mark>&lt;SPAN&gt;</mark>" + "b" * 100 + "…"
    assert highlight("short", None, None) == "short"


def test_accept_appends_a_valid_row_with_the_next_id_and_backs_up_the_ledger(ledger):
    original = ledger.read_bytes()
    review = Review(CANDIDATES, ledger)
    new_id = review.accept(edits={"reliability": "B", "credibility": 2})
    assert new_id == "t-008"
    claims = load_claims(ledger)
    assert len(claims) == 8
    row = claims.iloc[-1]
    assert row["claim_id"] == "t-008" and row["figure_low"] == 10000 and row["qualifier"] == "more_than"
    assert row["reliability"] == "B" and row["credibility"] == 2 and row["quote"] == SPAN
    assert row["source_url"] == "https://example.org/fictional/briefing-1"
    assert ledger.read_bytes().startswith(original), "rows already in the ledger are left as they were"
    assert [b.read_bytes() for b in review.backups] == [original]
    assert [(e["action"], e["phase"], e["claim_id"]) for e in log_lines(ledger)] == [
        ("accept", "intent", "t-008"),
        ("accept", "done", "t-008"),
    ]
    assert review.current["measure"] == "arrived_in_russia" and review.current["stance"] == "cannot_confirm"


def test_ungraded_candidates_are_written_as_cannot_be_judged(ledger):
    review = Review(CANDIDATES, ledger)
    review.accept()
    row = load_claims(ledger).iloc[-1]
    assert row["reliability"] == "F" and row["credibility"] == 6


def test_an_invalid_edit_writes_nothing_and_says_what_is_wrong(ledger):
    before = ledger.read_bytes()
    review = Review(CANDIDATES, ledger)
    key = review.current_key
    with pytest.raises(LedgerError) as error:
        review.accept(edits={"figure_low": "many", "geo_precision": "street"})
    assert {i.column for i in error.value.issues} == {"figure_low", "geo_precision"}
    assert ledger.read_bytes() == before
    assert log_lines(ledger) == [] and review.backups == []
    assert review.current_key == key, "the candidate stays on show to be fixed"
    with pytest.raises(KeyError):
        review.accept(edits={"claim_id": "mine"})  # ids are given, not chosen


def test_reject_needs_a_reason_and_is_logged(ledger):
    before = ledger.read_bytes()
    review = Review(CANDIDATES, ledger)
    key = review.current_key
    with pytest.raises(ValueError):
        review.reject("   ")
    assert log_lines(ledger) == []
    review.reject("a lawmaker's paraphrase, not the agency's figure")
    assert ledger.read_bytes() == before
    (entry,) = log_lines(ledger)
    assert entry["key"] == key and entry["action"] == "reject" and "paraphrase" in entry["reason"]
    assert review.pending_count == 4


def test_mark_repeat_adds_a_repeat_row_or_only_logs_a_duplicate(ledger):
    review = Review(CANDIDATES, ledger)
    recap = next(k for k in review.order if review.candidates[k]["source_url"].endswith("recap-3"))
    review.go_to(recap)
    assert [r["claim_id"] for r in review.similar_claims(review.current)] == ["t-005"]
    with pytest.raises(KeyError):
        review.mark_repeat("t-999")
    new_id = review.mark_repeat("t-005", edits={"reliability": "C", "credibility": 3})
    row = load_claims(ledger).set_index("claim_id").loc[new_id]
    assert row["repeats"] == "t-005" and row["source_outlet"] == "Example Daily"
    before = ledger.read_bytes()
    review.mark_repeat("t-003", add_row=False)
    assert ledger.read_bytes() == before
    assert log_lines(ledger)[-1]["action"] == "duplicate" and log_lines(ledger)[-1]["repeats"] == "t-003"
    assert review.summary()["repeats"] == 1 and review.summary()["duplicates"] == 1


def test_skip_and_previous_move_without_deciding(ledger):
    review = Review(CANDIDATES, ledger)
    keys = review.order
    assert review.current_key == keys[0]
    review.skip()
    assert review.current_key == keys[1]
    review.previous()
    assert review.current_key == keys[0]
    review.previous()  # wraps round to the last
    assert review.current_key == keys[-1]
    assert log_lines(ledger) == []


def decide_two_accepts_one_reject(review: Review) -> list[str]:
    ids = [review.accept(edits={"reliability": "B", "credibility": 3})]
    review.reject("the extractor took a lawmaker's aside for a count")
    ids.append(review.accept(edits={"reliability": "C", "credibility": 3}))
    return ids


def check_after_restart(ledger: Path, original: bytes, accepted: list[str]) -> None:
    review = Review(CANDIDATES, ledger)
    assert validate_ledger(ledger) == []
    claims = load_claims(ledger)
    assert claims["claim_id"].tolist() == [f"t-00{i}" for i in range(1, 8)] + accepted
    assert review.summary() == {
        "candidates": 5,
        "pending": 2,
        "accepted": 2,
        "repeats": 0,
        "duplicates": 0,
        "rejected": 1,
    }
    assert review.current_key == review.order[3], "the queue resumes at the first undecided candidate"
    assert review.backups[0].read_bytes() == original, "the first backup is the ledger before the review"
    assert review.accept(edits={"reliability": "B", "credibility": 3}) == "t-010"


def test_round_trip_with_a_fresh_review_on_the_same_files(ledger):
    original = ledger.read_bytes()
    accepted = decide_two_accepts_one_reject(Review(CANDIDATES, ledger))
    assert accepted == ["t-008", "t-009"]
    check_after_restart(ledger, original, accepted)


def test_round_trip_after_the_reviewing_process_is_killed(ledger):
    original = ledger.read_bytes()
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from osint.review import Review
        from test_review import decide_two_accepts_one_reject
        review = Review({str(CANDIDATES)!r}, {str(ledger)!r})
        print(",".join(decide_two_accepts_one_reject(review)), flush=True)
        time.sleep(120)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = process.stdout.readline().strip()
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert line == "t-008,t-009"
    check_after_restart(ledger, original, ["t-008", "t-009"])


def test_dying_before_the_ledger_is_written_leaves_the_candidate_pending(ledger, monkeypatch):
    import osint.io

    before = ledger.read_bytes()
    review = Review(CANDIDATES, ledger)
    key = review.current_key

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("kernel stopped")

    monkeypatch.setattr(osint.io, "atomic_write", killed)  # the kernel stops as the ledger is about to be written
    with pytest.raises(KeyboardInterrupt):
        review.accept()
    monkeypatch.undo()
    assert ledger.read_bytes() == before
    assert log_lines(ledger)[-1]["phase"] == "intent"
    again = Review(CANDIDATES, ledger)
    assert again.current_key == key and again.pending_count == 5
    assert again.accept() == "t-008"
    assert load_claims(ledger)["claim_id"].tolist()[-1] == "t-008" and len(load_claims(ledger)) == 8


def test_dying_after_the_ledger_is_written_counts_the_accept(ledger, monkeypatch):
    review = Review(CANDIDATES, ledger)
    key = review.current_key
    write = Review._log

    def log_then_die(self, entry):
        if entry.get("phase") == "done":
            raise KeyboardInterrupt("kernel stopped")
        write(self, entry)

    monkeypatch.setattr(Review, "_log", log_then_die)
    with pytest.raises(KeyboardInterrupt):
        review.accept()
    monkeypatch.undo()
    again = Review(CANDIDATES, ledger)
    assert key not in again.pending and again.summary()["accepted"] == 1
    assert len(load_claims(ledger)) == 8, "the row is not added twice"


def test_a_line_cut_short_by_a_crash_is_ignored(ledger):
    review = Review(CANDIDATES, ledger)
    review.reject("not a troop figure")
    log = ledger.parent / "claims.review" / "decisions.jsonl"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write('{"key": "abc", "action": "rej')
    again = Review(CANDIDATES, ledger)
    assert again.summary()["rejected"] == 1 and again.pending_count == 4


def test_dry_run_never_touches_the_real_ledger(ledger):
    before = ledger.read_bytes()
    review = Review(CANDIDATES, ledger, dry_run=True)
    assert review.accept() == "t-008"
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["claims.csv"]
    assert len(load_claims(review.ledger_path)) == 8


def test_buttons_call_the_same_methods(ledger):
    review = Review(CANDIDATES, ledger)
    ui = review.ui
    assert ui.fields["quote"].value == SPAN and ui.fields["reliability"].value == "F"
    ui.fields["reliability"].value = "A"
    ui.fields["credibility"].value = "2"
    ui.accept_button.click()
    assert "accepted as t-008" in ui.status.value
    row = load_claims(ledger).iloc[-1]
    assert row["reliability"] == "A" and row["credibility"] == 2
    assert ui.fields["stance"].value == "cannot_confirm", "the form shows the next candidate"
    ui.reject_button.click()  # no reason given
    assert "needs a reason" in ui.status.value and review.summary()["rejected"] == 0
    ui.reject_reason.value = "not about deployment"
    ui.reject_button.click()
    assert review.summary()["rejected"] == 1
    ui.fields["figure_low"].value = "lots"
    ui.accept_button.click()
    assert "Not written" in ui.status.value and "figure_low" in ui.status.value
    assert len(load_claims(ledger)) == 8
    ui.skip_button.click()
    assert review.current["measure"] == "captured"


def test_candidates_from_the_extractor_frame_with_texts_given_apart(ledger):
    extract = pytest.importorskip("osint.extract")
    text = "SEOUL - In an invented test item, officials said 3,000 North Korean troops have arrived in Russia."
    url = "https://example.org/fictional/frame"
    frame = extract.extract_claims(text, published="2024-11-02", source_url=url, source_outlet="Example Wire")
    assert len(frame) >= 1
    review = Review(frame, ledger, texts={url: text})
    page = review.candidate_html()
    start, end = int(frame.loc[0, "char_start"]), int(frame.loc[0, "char_end"])
    assert f"<mark>{text[start:end]}</mark>" in page
    new_id = review.accept(edits={"reliability": "C", "credibility": 3})
    assert load_claims(ledger).set_index("claim_id").loc[new_id, "figure_low"] == 3000


def test_candidate_keys_are_stable_across_csv_and_frame():
    from_csv = candidate_records(CANDIDATES)
    frame = pd.read_csv(
        CANDIDATES, dtype={"char_start": "Int64", "char_end": "Int64", "figure_low": "Int64", "figure_high": "Int64"}
    )
    from_frame = candidate_records(frame)
    assert [candidate_key(r) for r in from_csv] == [candidate_key(r) for r in from_frame]
    assert len({candidate_key(r) for r in from_csv}) == len(from_csv)


def test_next_claim_id_follows_the_ledger_numbering():
    assert next_claim_id(["nkr-0001", "nkr-0050", "other"]) == "nkr-0051"
    assert next_claim_id(["t-001", "t-009"]) == "t-010"
    assert next_claim_id(["x-9", "x-10"]) == "x-11"
    assert next_claim_id([]) == "claim-0001"


def test_two_reviews_of_one_ledger_never_decide_a_candidate_twice(ledger):
    first, second = Review(CANDIDATES, ledger), Review(CANDIDATES, ledger)
    assert first.current_key == second.current_key
    first.accept()
    with pytest.raises(ValueError, match="another review"):
        second.accept()
    assert len(load_claims(ledger)) == 8, "no second row for the same candidate"
    assert second.current_key == second.order[1], "the queue moves on past it"
    second.reject("not a troop figure")  # the next one is still free to decide
    assert Review(CANDIDATES, ledger).summary()["rejected"] == 1
