"""Loading, validating and saving claim ledgers."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import osint
from osint.io import read_ledger_rows
from osint.schema import COLUMNS, LedgerError

from conftest import FIXTURES


def _write(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or list(COLUMNS)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def _good_row(claim_id: str = "r-1", **changes: str) -> dict[str, str]:
    row = {column: "" for column in COLUMNS}
    row.update(
        claim_id=claim_id,
        statement_date="2024-10-18",
        date_precision="day",
        claimant="Example Agency",
        claimant_country="KR",
        claimant_type="intelligence",
        stance="asserts",
        measure="arrived_in_russia",
        personnel="combat_troops",
        figure_low="1500",
        qualifier="at_least",
        source_url="https://example.org/item",
        source_outlet="Example Wire",
        reliability="B",
        credibility="3",
    )
    row.update(changes)
    return row


def _problems(path: Path) -> list[tuple[int, str]]:
    return [(issue.line, issue.column) for issue in osint.validate_ledger(path)]


def test_load_gives_typed_columns(small_ledger):
    claims = osint.load_claims(small_ledger)
    assert list(claims.columns) == list(COLUMNS)
    assert str(claims["statement_date"].dtype) == "datetime64[ns]"
    assert str(claims["figure_low"].dtype) == "Int64"
    assert isinstance(claims["measure"].dtype, pd.CategoricalDtype)
    assert claims["reliability"].cat.ordered
    up_to = claims.loc[claims["claim_id"] == "t-004"].iloc[0]
    assert pd.isna(up_to["figure_low"]) and up_to["figure_high"] == 12000
    assert up_to["statement_date"] == pd.Timestamp("2024-10-18")


def test_every_problem_reported_at_once_with_lines(tmp_path):
    rows = [
        _good_row("r-1"),
        _good_row("r-1"),  # duplicate id, line 3
        _good_row("r-3", figure_low="3000", figure_high="1500", qualifier="range"),  # line 4
        _good_row("r-4", statement_date="18/10/2024"),  # line 5
        _good_row("r-5", stance="rumours"),  # line 6
        _good_row("r-6", source_url=""),  # line 7
        _good_row("r-7", qualifier="up_to"),  # low figure with up_to, line 8
        _good_row("r-8", reliability="G", credibility="0"),  # line 9
        _good_row("r-9", repeats="r-404"),  # line 10
        _good_row("r-10", figure_low="12,000"),  # line 11
    ]
    path = _write(tmp_path / "bad.csv", rows)
    found = _problems(path)
    assert (3, "claim_id") in found
    assert (4, "figure_low") in found
    assert (5, "statement_date") in found
    assert (6, "stance") in found
    assert (7, "source_url") in found
    assert (8, "qualifier") in found
    assert (9, "reliability") in found and (9, "credibility") in found
    assert (10, "repeats") in found
    assert (11, "figure_low") in found
    assert not any(line == 2 for line, _ in found), "the clean first row has no problem"
    with pytest.raises(LedgerError) as raised:
        osint.load_claims(path)
    assert len(raised.value.issues) == len(found)
    message = str(raised.value)
    assert "bad.csv:5: column statement_date: got '18/10/2024'" in message
    assert "expected" in message


def test_issue_names_value_and_expectation(tmp_path):
    path = _write(tmp_path / "one.csv", [_good_row(measure="sent_home")])
    (issue,) = osint.validate_ledger(path)
    assert (issue.file, issue.line, issue.column, issue.value) == (str(path), 2, "measure", "sent_home")
    assert "arrived_in_russia" in issue.expected


@pytest.mark.parametrize(
    "qualifier, low, high, ok",
    [
        ("exact", "10000", "10000", True),
        ("exact", "10000", "12000", False),
        ("about", "", "10000", False),
        ("up_to", "", "12000", True),
        ("up_to", "1500", "", False),
        ("fewer_than", "", "100", True),
        ("at_least", "1500", "", True),
        ("more_than", "", "1500", False),
        ("range", "10000", "12000", True),
        ("range", "12000", "12000", False),
        ("none", "", "", True),
        ("none", "5", "", False),
    ],
)
def test_qualifier_must_fit_the_figures(tmp_path, qualifier, low, high, ok):
    path = _write(tmp_path / "q.csv", [_good_row(qualifier=qualifier, figure_low=low, figure_high=high)])
    assert (osint.validate_ledger(path) == []) is ok


def test_unknown_and_missing_columns_are_named_once(tmp_path):
    header = [c for c in COLUMNS if c != "measure"] + ["mood"]
    rows = [{k: v for k, v in _good_row(f"r-{i}").items() if k != "measure"} | {"mood": "x"} for i in range(3)]
    path = _write(tmp_path / "cols.csv", rows, header=header)
    found = _problems(path)
    assert found.count((1, "measure")) == 1
    assert found.count((1, "mood")) == 1
    assert len(found) == 2, "a header problem is not repeated on every row"


def test_line_numbers_follow_multiline_quotes(tmp_path):
    rows = [_good_row("r-1", quote="first line\nsecond line"), _good_row("r-2", measure="bogus")]
    path = _write(tmp_path / "multi.csv", rows)
    assert _problems(path) == [(4, "measure")]


def test_short_row_is_reported(tmp_path):
    path = _write(tmp_path / "short.csv", [_good_row("r-1")])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("r-2,2024-10-18,day\n")
    lines = {line for line, _ in _problems(path)}
    assert lines == {3}


def test_missing_file_is_an_issue_not_a_crash(tmp_path):
    (issue,) = osint.validate_ledger(tmp_path / "absent.csv")
    assert "existing ledger file" in issue.expected


def test_save_round_trips_and_refuses_bad_rows(tmp_path, small_ledger):
    claims = osint.load_claims(small_ledger)
    out = osint.save_claims(claims, tmp_path / "copy.csv")
    assert out.read_text(encoding="utf-8") == small_ledger.read_text(encoding="utf-8")
    parquet = osint.save_claims(claims, tmp_path / "copy.parquet")
    pd.testing.assert_frame_equal(osint.load_claims(parquet), claims, check_like=False)

    broken = claims.copy()
    broken.loc[broken.index[0], "source_url"] = pd.NA
    with pytest.raises(LedgerError):
        osint.save_claims(broken, out)
    assert out.read_text(encoding="utf-8") == small_ledger.read_text(encoding="utf-8"), "old file kept"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file left behind"


def test_parquet_ledger_is_validated_too(tmp_path, small_ledger):
    claims = osint.load_claims(small_ledger)
    frame = claims.astype({"measure": "string"})
    frame.loc[frame.index[2], "measure"] = "bogus"
    frame.to_parquet(tmp_path / "bad.parquet", index=False)
    (issue,) = osint.validate_ledger(tmp_path / "bad.parquet")
    assert (issue.line, issue.column, issue.value) == (3, "measure", "bogus")


def test_read_rows_keeps_cells_verbatim(tmp_path):
    path = _write(tmp_path / "raw.csv", [_good_row(notes="  spaced  ")])
    _, rows, lines = read_ledger_rows(path)
    assert rows[0]["notes"] == "  spaced  " and lines == [2]


def test_fixture_with_five_kinds_of_bad_rows():
    columns = {column for _, column in _problems(FIXTURES / "bad_five_kinds.csv")}
    assert {"claim_id", "figure_low", "statement_date", "measure", "source_url", "qualifier", "repeats"} <= columns


def test_landmarks_load_and_bad_rows_are_named(tmp_path):
    from osint.io import load_landmarks
    from osint.paths import DATA_DIR

    landmarks = load_landmarks(DATA_DIR / "landmarks.csv")
    assert len(landmarks) >= 3 and landmarks["source_url"].str.startswith("https://").all()
    bad = tmp_path / "landmarks.csv"
    bad.write_text(
        "date,label,source_url\n2024-02-30,Leap,https://example.org/a\n2024-03-01,,ftp://example.org/b\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerError) as raised:
        load_landmarks(bad)
    assert [(i.line, i.column) for i in raised.value.issues] == [(2, "date"), (3, "label"), (3, "source_url")]


def test_personnel_is_required_and_checked(tmp_path):
    path = _write(tmp_path / "kinds.csv", [_good_row("r-1", personnel="cooks"), _good_row("r-2", personnel="")])
    found = {(i.line, i.column): i for i in osint.validate_ledger(path)}
    assert set(found) == {(2, "personnel"), (3, "personnel")}
    assert found[2, "personnel"].value == "cooks" and "military_builders" in found[2, "personnel"].expected
    assert "required" in found[3, "personnel"].expected


def test_a_ledger_without_the_personnel_column_is_refused_by_name(tmp_path):
    header = [c for c in COLUMNS if c != "personnel"]
    path = _write(tmp_path / "old.csv", [{c: v for c, v in _good_row().items() if c != "personnel"}], header)
    issues = osint.validate_ledger(path)
    assert [(i.line, i.column) for i in issues] == [(1, "personnel")]
    assert "required column" in issues[0].expected
    with pytest.raises(LedgerError, match="personnel"):
        osint.load_claims(path)


def test_personnel_loads_as_a_category_and_survives_parquet(tmp_path):
    path = _write(tmp_path / "k.csv", [_good_row("r-1"), _good_row("r-2", personnel="military_builders")])
    claims = osint.load_claims(path)
    assert list(claims["personnel"]) == ["combat_troops", "military_builders"]
    assert "deminers" in claims["personnel"].cat.categories
    assert list(claims.columns).index("personnel") == list(claims.columns).index("measure") + 1
    copy = osint.save_claims(claims, tmp_path / "k.parquet")
    assert list(osint.load_claims(copy)["personnel"]) == ["combat_troops", "military_builders"]


def test_latest_claims_never_lets_one_kind_replace_another(tmp_path):
    from osint.analysis import filter_claims, latest_claims

    rows = [
        _good_row("r-1", statement_date="2025-04-30", figure_low="15000", figure_high="15000", qualifier="about"),
        _good_row(
            "r-2",
            statement_date="2025-11-04",
            figure_low="5000",
            figure_high="5000",
            qualifier="about",
            personnel="military_builders",
        ),
    ]
    claims = osint.load_claims(_write(tmp_path / "two.csv", rows))
    latest = latest_claims(claims)
    assert sorted(zip(latest["personnel"], latest["figure_low"])) == [
        ("combat_troops", 15000),
        ("military_builders", 5000),
    ]
    assert list(filter_claims(claims, personnel="military_builders")["claim_id"]) == ["r-2"]
    with pytest.raises(ValueError, match="unknown personnel"):
        filter_claims(claims, personnel="cooks")
