"""Hostile ledgers: each one either fails `osint validate` (exit 1, naming its line) or loads
with every row and renders the briefing.

Every ledger is made here from a clean three-row ledger (rows on lines 2-4) and one change:
a stray quote, a lone carriage return, Latin-1 bytes, a date pandas cannot hold, a figure
past 2^63, digits of another script, a blank claimant, and so on. The valid-but-nasty rows
are gathered into one ledger that papermill renders once as the briefing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from osint import load_claims
from osint.cli import main
from osint.ledger_csv import format_record, format_table
from osint.report import run_report
from osint.schema import COLUMNS

BASE = [
    {
        "claim_id": "h-001",
        "statement_date": "2024-10-18",
        "date_precision": "day",
        "published": "2024-10-19",
        "claimant": "Example Agency",
        "claimant_country": "KR",
        "claimant_type": "intelligence",
        "stance": "asserts",
        "measure": "arrived_in_russia",
        "personnel": "combat_troops",
        "figure_low": "1500",
        "qualifier": "at_least",
        "location": "Vladivostok",
        "geo_precision": "point",
        "source_url": "https://example.org/fictional/a",
        "source_outlet": "Example Wire",
        "source_title": "An invented item, for tests",
        "reliability": "B",
        "credibility": "3",
        "notes": "fixture row",
    },
    {
        "claim_id": "h-002",
        "statement_date": "2024-10-23",
        "date_precision": "day",
        "claimant": "Example Ministry",
        "claimant_country": "US",
        "claimant_type": "government",
        "stance": "asserts",
        "measure": "mustering_in_russia",
        "personnel": "combat_troops",
        "figure_low": "3000",
        "figure_high": "3000",
        "qualifier": "about",
        "source_url": "https://example.org/fictional/b",
        "source_outlet": "Example Daily",
        "reliability": "B",
        "credibility": "2",
        "notes": "fixture row",
    },
    {
        "claim_id": "h-003",
        "statement_date": "2024-11-04",
        "date_precision": "week",
        "claimant": "Example Front",
        "claimant_country": "UA",
        "claimant_type": "military",
        "stance": "asserts",
        "measure": "in_combat",
        "personnel": "combat_troops",
        "figure_high": "11000",
        "qualifier": "up_to",
        "location": "Kursk region",
        "geo_precision": "region",
        "source_url": "https://example.org/fictional/c",
        "source_outlet": "Example Post",
        "reliability": "C",
        "credibility": "3",
        "notes": "fixture row",
    },
]


def cells(row: dict[str, str]) -> list[str]:
    return [row.get(c, "") for c in COLUMNS]


def ledger_text(rows: list[dict[str, str]] | None = None, newline: str = "\n") -> str:
    return format_table(list(COLUMNS), [cells(r) for r in (rows or BASE)], newline)


def with_change(number: int, **changes: str) -> bytes:
    """The clean ledger with row ``number`` (1-3, on line number + 1) changed."""
    rows = [dict(r) for r in BASE]
    rows[number - 1].update(changes)
    return ledger_text(rows).encode("utf-8")


def raw_lines(edit: Callable[[list[str]], None]) -> bytes:
    """The clean ledger's lines, edited as raw text (for problems a writer would never make)."""
    lines = ledger_text().split("\n")
    edit(lines)
    return "\n".join(lines).encode("utf-8")


def _set(lines: list[str], index: int, text: str) -> None:
    lines[index] = text


# name -> (bytes of the ledger, line that must be named)
INVALID: dict[str, tuple[bytes, int]] = {
    # A stray quote opening the last cell (notes): the case. Here nothing closes it.
    "stray quote, never closed": (raw_lines(lambda ls: _set(ls, 1, ls[1].replace(",fixture row", ',"fixture row'))), 2),
    # ... here a quote in a later row closes it, followed by more text.
    "stray quote, closed by a later cell": (
        raw_lines(
            lambda ls: (
                _set(ls, 1, ls[1].replace(",fixture row", ',"fixture row')),
                _set(ls, 3, ls[3].replace("Example Post", '"Example, Post"')),
            )
        ),
        2,
    ),
    # ... and here it closes cleanly at the end of a later row: valid CSV that swallows a row.
    "stray quote swallowing whole rows": (
        raw_lines(lambda ls: (_set(ls, 1, ls[1].replace(",fixture row", ',"fixture row')), _set(ls, 3, ls[3] + '"'))),
        2,
    ),
    "lone carriage return written unquoted": (raw_lines(lambda ls: _set(ls, 2, ls[2] + "\rmore")), 3),
    "quote inside an unquoted cell": (raw_lines(lambda ls: _set(ls, 3, ls[3].replace("fixture row", 'a 10" gun'))), 4),
    "text after a closing quote": (
        raw_lines(lambda ls: _set(ls, 2, ls[2].replace("Example Daily", '"Example"Daily'))),
        3,
    ),
    "a cell too many": (raw_lines(lambda ls: _set(ls, 2, ls[2] + ",extra")), 3),
    "a cell too few": (raw_lines(lambda ls: _set(ls, 3, ls[3].rsplit(",", 1)[0])), 4),
    "Latin-1 bytes": (ledger_text().replace("Example Ministry", "Ministère").encode("latin-1"), 3),
    "undecodable bytes in a quoted cell": (with_change(3, notes="x").replace(b",x\n", b',"\xff\xfe"\n'), 4),
    "UTF-16 file": (ledger_text().encode("utf-16"), 1),
    "Excel workbook": (b"PK\x03\x04" + b"\x00" * 40, 1),
    "binary NUL bytes": (ledger_text().encode().replace(b"fixture", b"fix\x00ture", 1), 2),
    "oversized cell": (with_change(2, notes="x" * 150_000), 3),
    "date 0001-01-01": (with_change(2, statement_date="0001-01-01"), 3),
    "date 9999-12-31": (with_change(3, published="9999-12-31"), 4),
    "date just before pandas' range": (with_change(1, statement_date="1677-09-21"), 2),
    "date in Arabic-Indic digits": (with_change(1, statement_date="٢٠٢٤-١٠-١٨"), 2),
    "figure of 2^63": (with_change(1, figure_low=str(2**63)), 2),
    "figure past the largest": (with_change(3, figure_high="1000000001"), 4),
    "figure of 5000 digits": (with_change(1, figure_low="9" * 5000), 2),
    "figure of 5000 leading zeros": (with_change(1, figure_low="0" * 5000 + "1"), 2),
    "figure in Arabic-Indic digits": (with_change(2, figure_low="١٠٠٠٠", figure_high="١٠٠٠٠"), 3),
    "figure written as a superscript": (with_change(1, figure_low="²"), 2),
    "credibility in Devanagari digits": (with_change(3, credibility="३"), 4),
    "claimant of spaces only": (with_change(2, claimant="   "), 3),
    "claimant of a no-break space": (with_change(2, claimant="\u00a0"), 3),
    "claimant of a zero-width space": (with_change(1, claimant="\u200b"), 2),
    "location of spaces only": (with_change(1, location="  "), 2),
    "control character in notes": (with_change(3, notes="bell\x07"), 4),
    "duplicate id hidden after a multi-line cell": (with_change(3, claim_id="h-001"), 4),
}


def validate(path: Path):
    return CliRunner().invoke(main, ["validate", str(path)])


@pytest.mark.parametrize("name", sorted(INVALID))
def test_hostile_ledger_fails_validation_naming_its_line(name, tmp_path):
    data, line = INVALID[name]
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    result = validate(path)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"{path}:{line}:" in result.stdout, result.stdout
    assert ":0:" not in result.stdout, "every problem has its real line"
    assert "Traceback" not in result.output
    with pytest.raises(ValueError):
        load_claims(path)


def test_bom_is_accepted_without_a_misleading_error(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ledger_text().encode())
    assert validate(path).exit_code == 0
    assert load_claims(path)["claim_id"].tolist() == ["h-001", "h-002", "h-003"]
    broken = tmp_path / "bom-broken.csv"
    broken.write_bytes(b"\xef\xbb\xbf" + with_change(2, measure="sent_home"))
    result = validate(broken)
    assert result.stdout.splitlines() == [
        f"{broken}:3: column measure: got 'sent_home', expected one of: " + result.stdout.split("one of: ")[1].strip()
    ], "the header is read right: one problem, on the row"


def test_many_latin1_lines_are_named_then_counted(tmp_path):
    rows = [dict(BASE[0], claim_id=f"h-{i:03d}", claimant="Ministère") for i in range(1, 31)]
    path = tmp_path / "latin.csv"
    path.write_bytes(ledger_text(rows).encode("latin-1"))
    lines = validate(path).stdout.splitlines()
    assert [line.split(":")[1] for line in lines[:20]] == [str(n) for n in range(2, 22)]
    assert "10 more line(s)" in lines[20] and len(lines) == 21


def test_the_installed_command_exits_1_with_one_line_per_problem(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(INVALID["stray quote, never closed"][0])
    command = Path(sys.executable).with_name("osint")  # the console script installed with the package
    run = subprocess.run([str(command), "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stdout.startswith(f"{path}:2: column notes:") and "Traceback" not in run.stderr
    assert run.stderr.strip() == "1 problem(s) found"


# --- valid, but nasty: every row loads and the briefing renders ---------------------------------

NASTY_ROWS = [
    dict(
        BASE[0],
        claim_id="n-001",
        figure_low="010000",
        figure_high="10000",
        qualifier="exact",
        notes="figure written with a leading zero",
    ),
    dict(
        BASE[1],
        claim_id="n-002",
        notes="a lone carriage return\rinside, then CRLF\r\nand blank lines\n\n(end)",
        quote='they said "about 3,000" and left',
    ),
    dict(
        BASE[2],
        claim_id="n-003",
        claimant="Главное управление разведки",
        claimant_country="UA",
        source_title="北朝鮮の派兵について",
        notes="مصدر: مثال — with an emoji 🪖 and combining é",
    ),
    dict(
        BASE[0],
        claim_id="n-004",
        notes='=HYPERLINK("https://example.org/x","click")',
        quote="+1 troops",
        source_title="@SUM(A1)",
        relay="-2+3",
    ),
    dict(BASE[1], claim_id="n-005", notes="Spent $5 and $10 on <b>markup</b> & <script>alert(1)</script>"),
    dict(BASE[2], claim_id="n-006", figure_high="1000000000", notes="the largest figure a ledger holds"),
    dict(BASE[0], claim_id="n-007", statement_date="2024-10-31", published="2024-11-01", notes="  spaced  "),
    dict(BASE[1], claim_id="n-008", notes='"', source_title='""'),
    dict(BASE[2], claim_id="n-009", notes="long " * 18_000),
    dict(BASE[0], claim_id="n-010", claimant=" Example Agency (with a leading space)", notes="tab\there"),
]


def nasty_ledger_bytes() -> bytes:
    """The nasty rows in a file with a BOM, mixed line endings, blank lines and no final newline."""
    text = format_record(list(COLUMNS))
    for i, row in enumerate(NASTY_ROWS):
        text += format_record(cells(row), "\r\n" if i % 2 else "\n")
        if i == 3:
            text += "\n,,,,\n   \n"  # blank records are not rows
    return b"\xef\xbb\xbf" + text.rstrip("\r\n").encode("utf-8")


def test_valid_but_nasty_rows_load_verbatim(tmp_path):
    path = tmp_path / "nasty.csv"
    path.write_bytes(nasty_ledger_bytes())
    result = validate(path)
    assert result.exit_code == 0, result.output
    claims = load_claims(path).set_index("claim_id")
    assert claims.index.tolist() == [r["claim_id"] for r in NASTY_ROWS], "every row, none swallowed"
    for row in NASTY_ROWS:
        for column in ("notes", "quote", "claimant", "source_title", "relay"):
            if row.get(column):
                assert claims.loc[row["claim_id"], column] == row[column], (row["claim_id"], column)
    assert claims.loc["n-001", "figure_low"] == 10000 and claims.loc["n-006", "figure_high"] == 1_000_000_000


@pytest.mark.parametrize("date", ["1677-09-22", "2262-04-11"])
def test_the_edges_of_the_date_range_load(tmp_path, date):
    path = tmp_path / "edge.csv"
    path.write_bytes(with_change(2, statement_date=date))
    assert validate(path).exit_code == 0
    assert str(load_claims(path)["statement_date"].iloc[1].date()) == date


def test_the_briefing_renders_the_nasty_ledger(tmp_path):
    path = tmp_path / "nasty.csv"
    path.write_bytes(nasty_ledger_bytes())
    result = run_report("briefing", {"ledger": str(path)}, out_dir=tmp_path / "reports")
    assert result.ok, result.error
    page = result.html.read_text(encoding="utf-8")
    for row in NASTY_ROWS:
        assert row["claim_id"] in page
    assert "<script>alert(1)" not in page
    assert "Главное управление разведки" in page


def test_a_command_reading_a_broken_ledger_exits_1_with_its_problems(tmp_path):
    ledger = tmp_path / "claims.csv"
    ledger.write_bytes(INVALID["stray quote, never closed"][0])
    article = tmp_path / "article.txt"
    article.write_text(
        "SEOUL - In an invented item, officials said 3,000 North Korean troops arrived in Russia.\n", encoding="utf-8"
    )
    out = tmp_path / "c.csv"
    result = CliRunner().invoke(
        main, ["extract", str(article), "--ledger", str(ledger), "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{ledger}:2: column notes" in result.stderr and "Traceback" not in result.output
    assert not out.exists()
