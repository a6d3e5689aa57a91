"""The strict ledger CSV reader and its writer: what one writes the other reads back, cell for
cell; what validation accepts always loads. Properties are checked with Hypothesis."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import osint
from osint.io import canonical_row, claims_frame, read_ledger_rows
from osint.ledger_csv import format_record, format_table, parse_csv
from osint.schema import COLUMNS, LedgerError, validate_records

# Cells as a user may type them: any text but NUL and lone surrogates (UTF-8 cannot hold
# those), weighted towards the characters CSV gives a meaning to.
CELL = st.text(
    alphabet=st.one_of(
        st.sampled_from([",", '"', "\r", "\n", " ", "\t", "a", "0", "=", "\ufeff"]),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_what_the_writer_writes_the_reader_reads_back(records, newline, bom):
    records = [r for r in records if any(cell.strip() for cell in r)]  # rows of blanks are not rows
    data = format_table(["a", "b", "c"], records, newline).encode("utf-8")
    table = parse_csv((b"\xef\xbb\xbf" if bom else b"") + data, "x.csv")
    assert table.issues == []
    assert table.header == ["a", "b", "c"] and table.records == records
    assert table.bom is bom and table.newline == newline
    assert table.lines == sorted(table.lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.text(alphabet=[",", '"', "\r", "\n", "a", " "], max_size=40))
def test_whatever_the_reader_accepts_round_trips(text):
    table = parse_csv(("h1,h2\n" + text).encode("utf-8"), "x.csv")
    assume(not table.issues)
    again = parse_csv(format_table(table.header, table.records).encode("utf-8"), "x.csv")
    assert again.issues == [] and again.records == table.records


# --- validate ok => load ok ----------------------------------------------------------------------

GOOD = {
    "claim_id": "p-1",
    "statement_date": "2024-10-18",
    "date_precision": "day",
    "claimant": "Example Agency",
    "claimant_type": "intelligence",
    "stance": "asserts",
    "measure": "arrived_in_russia",
    "personnel": "combat_troops",
    "figure_low": "1500",
    "figure_high": "",
    "qualifier": "at_least",
    "source_url": "https://example.org/a",
    "source_outlet": "Example",
    "reliability": "B",
    "credibility": "3",
}
NASTY_NUMBERS = [
    "010000",
    "١٠٠٠٠",
    "²",
    "³",
    "٣",
    "9223372036854775808",
    "1000000000",
    "1000000001",
    "0",
    " 1",
    "1 ",
    "1e3",
    "0" * 20 + "1",
    "-5",
    "+5",
    "1_000",
    "1,000",
    "12.0",
    "",
]
NASTY_DATES = [
    "0001-01-01",
    "9999-12-31",
    "1677-09-21",
    "1677-09-22",
    "2262-04-11",
    "2262-04-12",
    "2024-02-30",
    "٢٠٢٤-١٠-١٨",
    "2024-1-8",
    "20241018",
    "2024-10-18T00:00",
    " 2024-10-18",
    "",
]
NASTY_TEXT = ["", " ", "\u00a0", "\u200b", "\t", "x", " x ", "\x0b", "a\x00b", "\r", "=1+1"]


def figures():
    return st.one_of(
        st.sampled_from(["", "1500", "12000"]),
        st.sampled_from(NASTY_NUMBERS),
        st.text(alphabet="0123456789٠١²³ ", max_size=14),
    )


def dates():
    return st.one_of(
        st.just("2024-10-18"), st.sampled_from(NASTY_DATES), st.dates(min_value=date(1, 1, 1)).map(date.isoformat)
    )


def texts():
    return st.one_of(st.just("Example Agency"), st.sampled_from(NASTY_TEXT), st.text(max_size=5))


def qualifier_for(low: str, high: str) -> str:
    """The qualifier that fits the figures given (so that most rows get past that rule)."""
    if low and high:
        return "exact" if low.strip("0") == high.strip("0") else "range"
    return "at_least" if low else "up_to" if high else "none"


FIELDS = {
    "figure_low": figures(),
    "figure_high": figures(),
    "statement_date": dates(),
    "published": dates(),
    "credibility": st.one_of(st.sampled_from(["1", "6", "06", "٣", "7"]), figures()),
    "claimant": texts(),
    "location": texts(),
    "notes": texts(),
}


@st.composite
def rows(draw) -> dict[str, str]:
    """A good row with up to three of its cells drawn from the nasty values above."""
    row = dict(GOOD, published="", location="", notes="")
    for column in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=3, unique=True)):
        row[column] = draw(FIELDS[column])
    row["qualifier"] = qualifier_for(row["figure_low"], row["figure_high"])
    if row["location"]:
        row["geo_precision"] = "region"
    return row


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=rows())
def test_a_row_that_validates_always_loads(row):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        path.write_text(format_table(list(COLUMNS), [[row.get(c, "") for c in COLUMNS]]), encoding="utf-8")
        issues = osint.validate_ledger(path)
        assert all(issue.line == 2 for issue in issues)
        event("valid" if not issues else "invalid")
        if issues:
            with pytest.raises(LedgerError):
                osint.load_claims(path)
            return
        claims = osint.load_claims(path)
    assert len(claims) == 1
    for column in ("figure_low", "figure_high", "credibility"):
        if row[column]:
            assert claims[column].iloc[0] == int(row[column])
    assert claims["statement_date"].iloc[0].date().isoformat() == row["statement_date"]
    notes = claims["notes"].iloc[0]
    assert (notes if isinstance(notes, str) else "") == row["notes"], "text is loaded verbatim"


def test_validation_of_text_rows_equals_validation_of_the_frame():
    rows = [dict(GOOD, claim_id=f"p-{i}", figure_low=f"{i:06d}") for i in range(1, 4)]
    assert validate_records(rows) == []
    frame = claims_frame(rows)
    assert frame["figure_low"].tolist() == [1, 2, 3]
    assert [canonical_row(r)["figure_low"] for r in rows] == ["1", "2", "3"]


# --- the reader's rules, one by one ----------------------------------------------------------------


def test_line_numbers_count_every_kind_of_line_break():
    data = b'h1,h2\r\n1,"a\rb"\n2,"c\r\nd"\n3,e\n'
    table = parse_csv(data, "x.csv")
    assert table.records == [["1", "a\rb"], ["2", "c\r\nd"], ["3", "e"]]
    assert table.lines == [2, 4, 6], "a lone \\r inside quotes ends a line for the counting, as in an editor"
    assert table.newline == "\r\n" and table.ends_with_newline


def test_a_stray_quote_is_named_and_the_rows_after_it_are_still_read():
    data = b'h1,h2\n1,"stray\n2,two\n3,three\n'
    table = parse_csv(data, "x.csv")
    assert [(i.line, i.column) for i in table.issues] == [(2, "h2")]
    assert table.records == [["2", "two"], ["3", "three"]], "the rows after the stray quote are read on their own"


def test_read_rows_raises_rather_than_losing_rows(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'h1,h2\n1,"stray\n2,two\n')
    with pytest.raises(LedgerError, match=r"x.csv:2: column h2"):
        read_ledger_rows(path)


def test_a_missing_final_newline_is_noticed():
    table = parse_csv(b"h1,h2\n1,2", "x.csv")
    assert table.records == [["1", "2"]] and not table.ends_with_newline


@pytest.mark.parametrize("cell", ["a\rb", "a\r\nb", "a\nb", 'say "no"', "x,y", "  padded  ", "010000", '"', "=A1"])
def test_save_claims_writes_every_cell_so_that_it_reads_back(tmp_path, small_ledger, cell):
    claims = osint.load_claims(small_ledger)
    claims.loc[claims.index[1], "notes"] = cell
    path = osint.save_claims(claims, tmp_path / "copy.csv")
    assert osint.validate_ledger(path) == []
    again = osint.load_claims(path)
    assert again["notes"].iloc[1] == cell and len(again) == len(claims)


def test_format_record_quotes_only_what_needs_quotes():
    assert format_record(["010000", " a ", "=1+1", "a\rb", ""], "\r\n") == '010000, a ,=1+1,"a\rb",\r\n'
