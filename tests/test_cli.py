"""The ``osint`` command line, run as a user runs it."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from osint.cli import main

from conftest import FIXTURES


def test_validate_names_all_five_kinds_of_bad_rows_and_exits_1():
    # Run the real console entry point in a fresh process, as a user or a cron job would.
    result = subprocess.run(
        [sys.executable, "-m", "osint.cli", "validate", str(FIXTURES / "bad_five_kinds.csv")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    found = {}
    for line in lines:
        match = re.match(r".*bad_five_kinds\.csv:(\d+): column (\w+): got (.*), expected (.+)", line)
        assert match, f"every line names file, line, column, value and expectation: {line!r}"
        found.setdefault(match.group(2), int(match.group(1)))
    assert found["claim_id"] == 3  # duplicate id
    assert found["figure_low"] == 4  # low above high
    assert found["statement_date"] == 5  # not a date
    assert found["measure"] == 6  # outside the enumeration
    assert found["source_url"] == 7  # missing source
    assert found["qualifier"] == 8  # up_to with a low figure
    assert found["reliability"] == 8 and found["credibility"] == 8
    assert found["repeats"] == 9  # points to no claim
    assert "problem(s) found" in result.stderr


def test_validate_clean_file_exits_0(small_ledger):
    result = CliRunner().invoke(main, ["validate", str(small_ledger)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(": ok")


def test_validate_several_files_reports_each(small_ledger):
    result = CliRunner().invoke(main, ["validate", str(small_ledger), str(FIXTURES / "bad_five_kinds.csv")])
    assert result.exit_code == 1
    assert "claims_small.csv: ok" in result.output
    assert "bad_five_kinds.csv:3:" in result.output


def test_report_rejects_unknown_parameter_before_running(tmp_path):
    result = CliRunner().invoke(main, ["report", "briefing", "-p", "colour", "red", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown parameter 'colour'" in result.output
    assert list(tmp_path.iterdir()) == [], "nothing was executed or written"


def test_report_rejects_bad_date_and_unknown_report(tmp_path):
    result = CliRunner().invoke(main, ["report", "briefing", "-p", "start", "October", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(main, ["report", "no-such-report", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "briefing" in result.output
    assert list(tmp_path.iterdir()) == []


def test_extract_writes_candidates_for_review(tmp_path, small_ledger):
    out = tmp_path / "candidates.csv"
    result = CliRunner().invoke(
        main,
        [
            "extract",
            str(FIXTURES / "extract_briefing.txt"),
            "--published",
            "2024-10-25",
            "--url",
            "https://example.org/briefing",
            "--ledger",
            str(small_ledger),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    import pandas as pd

    candidates = pd.read_csv(out)
    assert len(candidates) >= 1 and f"{len(candidates)} candidate claim(s)" in result.output
    assert (candidates["source_url"] == "https://example.org/briefing").all()
    assert {"quote", "char_start", "char_end", "measure", "qualifier"} <= set(candidates.columns)


def test_extract_refuses_a_bad_date(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "extract",
            str(FIXTURES / "extract_briefing.txt"),
            "--published",
            "25/10/2024",
            "--out",
            str(tmp_path / "c.csv"),
        ],
    )
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert not (tmp_path / "c.csv").exists()
