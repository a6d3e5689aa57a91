"""'What changed since the last run': claims added, changed or removed between runs."""

from __future__ import annotations

import shutil

import pandas as pd

import osint
from osint.changes import ledger_changes, load_snapshot, snapshot_ledger
from osint.reporting import run_report


def test_ledger_changes_names_added_changed_and_removed(small_ledger):
    before = osint.load_claims(small_ledger)
    after = before.copy()
    after.loc[after["claim_id"] == "t-004", "figure_high"] = 13000
    after = after[after["claim_id"] != "t-001"]
    after = pd.concat([after, before[before["claim_id"] == "t-001"].assign(claim_id="t-100")])
    diff = ledger_changes(after, before)
    assert diff.to_dict("records") == [
        {"claim_id": "t-100", "change": "added", "columns": ""},
        {"claim_id": "t-004", "change": "changed", "columns": "figure_high"},
        {"claim_id": "t-001", "change": "removed", "columns": ""},
    ]
    assert ledger_changes(before, before).empty


def test_snapshot_round_trips(tmp_path, small_ledger):
    snapshot_ledger(small_ledger, tmp_path)
    pd.testing.assert_frame_equal(load_snapshot(tmp_path), osint.load_claims(small_ledger))


def test_second_run_reports_what_changed(tmp_path, small_ledger):
    ledger = tmp_path / "ledger.csv"
    shutil.copy(small_ledger, ledger)
    out = tmp_path / "reports"
    first = run_report("briefing", {"ledger": str(ledger)}, out_dir=out)
    assert first.ok, first.error
    assert "nothing to compare" in first.html.read_text(encoding="utf-8")

    claims = osint.load_claims(ledger)
    claims.loc[claims["claim_id"] == "t-005", "figure_low"] = 1600
    osint.save_claims(claims, ledger)
    second = run_report("briefing", {"ledger": str(ledger)}, out_dir=out)
    assert second.ok, second.error
    text = second.html.read_text(encoding="utf-8")
    assert "0 added, 1 changed, 0 removed" in text
    assert "<td>t-005</td><td>changed</td><td>figure_low</td>" in text
