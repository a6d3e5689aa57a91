"""``osint import``: colleagues' spreadsheets checked, matched and turned into review candidates."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from osint.cli import main
from osint.importing import import_claims, parse_mapping, read_mapping_file
from osint.review import Review
from osint.schema import LedgerError

from conftest import FIXTURES, ROOT

RENAMED_BAD = FIXTURES / "import_renamed.csv"
RENAMED_OK = FIXTURES / "import_renamed_ok.csv"
MAPPING = FIXTURES / "import_mapping.csv"


@pytest.fixture
def ledger(tmp_path, small_ledger) -> Path:
    path = tmp_path / "claims.csv"
    shutil.copyfile(small_ledger, path)
    return path


def _run(*args: str):
    return CliRunner().invoke(main, ["import", *args])


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_excel_csv_with_renamed_columns_and_three_bad_rows_names_all_and_writes_nothing(tmp_path, ledger):
    assert RENAMED_BAD.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in RENAMED_BAD.read_bytes()
    out = tmp_path / "candidates.csv"
    result = _run(str(RENAMED_BAD), "--map-file", str(MAPPING), "--ledger", str(ledger), "--out", str(out))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(str(RENAMED_BAD))]
    assert len(lines) == 3
    assert f"{RENAMED_BAD}:3: column statement_date: got '2024-13-05'" in lines[0]
    assert f"{RENAMED_BAD}:5: column measure: got 'sent_home'" in lines[1]
    assert f"{RENAMED_BAD}:7: column personnel: got 'cooks'" in lines[2]
    assert "nothing written" in result.output
    assert not out.exists()


def test_an_existing_candidates_file_is_left_untouched_on_error(tmp_path, ledger):
    out = tmp_path / "candidates.csv"
    out.write_text("earlier work\n", encoding="utf-8")
    result = _run(str(RENAMED_BAD), "--map-file", str(MAPPING), "--ledger", str(ledger), "--out", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "earlier work\n"


def test_good_rows_become_candidates_with_personnel_and_likely_repeats(tmp_path, ledger):
    out = tmp_path / "candidates.csv"
    result = _run(str(RENAMED_OK), "--map-file", str(MAPPING), "--ledger", str(ledger), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 candidate(s)" in result.output and "1 flagged" in result.output
    rows = {r["claim_id"]: r for r in _read(out)}
    assert [rows[k]["personnel"] for k in ("x1", "x2", "x3")] == ["combat_troops", "combat_troops", "military_builders"]
    assert rows["x2"]["likely_repeat_of"] == "t-005" and "1 day(s) apart" in rows["x2"]["match_reason"]
    # another claimant with the same figure is not a repeat
    assert rows["x1"]["likely_repeat_of"] == ""
    assert [rows[k]["source_line"] for k in ("x1", "x2", "x3")] == ["2", "3", "4"]
    assert (rows["x1"]["reliability"], rows["x1"]["credibility"]) == ("F", "6")


def test_the_review_queue_opens_imported_candidates_and_keeps_their_personnel(tmp_path, ledger):
    out = tmp_path / "candidates.csv"
    assert _run(str(RENAMED_OK), "--map-file", str(MAPPING), "--ledger", str(ledger), "--out", str(out)).exit_code == 0
    review = Review(out, ledger)
    assert review.summary()["candidates"] == 3
    assert "t-005" in review.candidate_html(review.order[1])
    review.go_to(review.order[2])
    new_id = review.accept({"reliability": "C", "credibility": "3"})
    written = {r["claim_id"]: r for r in _read(ledger)}[new_id]
    assert (written["personnel"], written["figure_low"], written["claimant"]) == (
        "military_builders",
        "400",
        "Example Monitor",
    )


def test_map_options_and_set_fill_what_the_file_lacks(tmp_path, ledger):
    source = tmp_path / "plain.csv"
    source.write_text(
        "when,who,type,stance,what,qualifier,url,outlet,date_precision\n"
        "2024-10-25,Example Monitor,osint_analyst,cannot_confirm,in_combat,none,https://example.org/p,Example Wire,day\n",
        encoding="utf-8",
    )
    out = tmp_path / "c.csv"
    result = _run(
        str(source),
        "--map",
        "when=statement_date",
        "--map",
        "who=claimant",
        "--map",
        "type=claimant_type",
        "--map",
        "what=measure",
        "--map",
        "url=source_url",
        "--map",
        "outlet=source_outlet",
        "--set",
        "personnel=combat_troops",
        "--ledger",
        str(ledger),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    (row,) = _read(out)
    assert (row["claim_id"], row["personnel"], row["measure"]) == ("imp-0001", "combat_troops", "in_combat")


def test_without_a_personnel_column_the_kind_is_unspecified_until_reviewed(tmp_path):
    source = tmp_path / "plain.csv"
    source.write_text(
        "statement_date,date_precision,claimant,claimant_type,stance,measure,qualifier,source_url,source_outlet\n"
        "2024-10-25,day,Example Monitor,osint_analyst,cannot_confirm,in_combat,none,https://example.org/p,Example Wire\n",
        encoding="utf-8",
    )
    (row,) = import_claims(source).rows
    assert row["personnel"] == "unspecified"


def test_mapping_problems_and_missing_columns_are_named(tmp_path):
    with pytest.raises(LedgerError) as raised:
        import_claims(RENAMED_OK, mapping={**read_mapping_file(MAPPING), "Stage": "stage_of_things"})
    assert any(i.column == "Stage" and i.value == "stage_of_things" for i in raised.value.issues)
    with pytest.raises(LedgerError) as raised:
        import_claims(RENAMED_OK)  # unmapped: the ledger's required columns are not there
    assert {"statement_date", "claimant", "measure"} <= {i.column for i in raised.value.issues}
    assert all(i.line == 1 for i in raised.value.issues)
    with pytest.raises(ValueError):
        parse_mapping(["no equals sign"])


# --- the development corpus -----------------------------------------------------------------


def test_the_raw_corpus_is_refused_with_each_bad_row_named(shared_dir, tmp_path, ledger):
    out = tmp_path / "c.csv"
    source = shared_dir / "corpus" / "news_claims.csv"
    result = _run(str(source), "--map", "fact_id=claim_id", "--ledger", str(ledger), "--out", str(out))
    assert result.exit_code == 1
    named = {line.split(":")[1] for line in result.output.splitlines() if line.startswith(str(source))}
    assert named == {"50", "70", "72", "192"}  # a place without precision (3), an 'exact' with one figure
    assert not out.exists()


def test_the_corpus_import_flags_repeats_of_shipped_rows(shared_dir, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_ledger_from_corpus as build

    prepared = tmp_path / "corpus.csv"
    build.prepare(shared_dir / "corpus" / "news_claims.csv", prepared)
    made = {d["claim_id"] for d in build.read_csv(build.DECISIONS) if d["claim_id"]}
    base = [r for r in build.read_csv(ROOT / "data" / "claims.csv") if r["claim_id"] not in made]
    base_csv = tmp_path / "base.csv"
    build.write_csv(
        base_csv, [{**r, "repeats": "" if r["repeats"] in made else r["repeats"]} for r in base], list(base[0])
    )
    result = import_claims(prepared, mapping={"fact_id": "claim_id"}, ledger=base_csv)
    flagged = {r["claim_id"]: r["likely_repeat_of"] for r in result.rows if r["likely_repeat_of"]}
    assert flagged["f24-030"] == "nkr-0012"  # NIS, about 3,000 sent (23 Oct 2024), two outlets
    assert flagged["f24-037"] == "nkr-0014"  # Putin's non-answer in Kazan
    assert flagged["f25-056"] == "nkr-0022"  # NIS, 4,700 casualties (30 Apr 2025)
    assert flagged["f25-057"] == "nkr-0023"  # NIS, 600 killed
    assert flagged["f25-059"] == "nkr-0021"  # NIS, 15,000 sent
    assert flagged["f25-096"] == "nkr-0033"  # NIS, 5,000 construction troops: builders match builders
    assert "f25-097" in flagged and flagged["f25-097"] == "nkr-0034"
    # the builders' 5,000 is never a repeat of a combat-troop figure
    assert all(r["likely_repeat_of"] != "nkr-0033" for r in result.rows if r["personnel"] != "military_builders")


def test_a_latin_1_export_is_named_by_line_and_read_when_its_encoding_is_given(tmp_path, ledger):
    text = RENAMED_OK.read_text(encoding="utf-8-sig").replace("Example Gazette", "Example Gazétte")
    source = tmp_path / "cp1252.csv"
    source.write_bytes(text.encode("cp1252"))
    out = tmp_path / "c.csv"
    args = [str(source), "--map-file", str(MAPPING), "--ledger", str(ledger), "--out", str(out)]
    result = _run(*args)
    assert result.exit_code == 1 and f"{source}:4: row: got 'byte 0xe9'" in result.output
    assert not out.exists()
    assert _run(*args, "--encoding", "cp1252").exit_code == 0
    assert {r["source_outlet"] for r in _read(out)} >= {"Example Gazétte"}


def test_review_gives_unspecified_personnel_until_the_analyst_picks_one(tmp_path, ledger):
    source = tmp_path / "plain.csv"
    source.write_text(
        "statement_date,date_precision,claimant,claimant_type,stance,measure,figure_low,figure_high,qualifier,"
        "source_url,source_outlet\n"
        "2025-06-20,day,Example Monitor,osint_analyst,asserts,arrived_in_russia,900,900,about,https://example.org/d,Example Wire\n",
        encoding="utf-8",
    )
    out = tmp_path / "c.csv"
    assert _run(str(source), "--ledger", str(ledger), "--out", str(out)).exit_code == 0
    review = Review(out, ledger)
    assert review.row_for(review.current)["personnel"] == "unspecified"
    from osint.review_ui import CHOICES, ReviewUI
    from osint.schema import PERSONNEL

    assert "personnel" in ReviewUI.FORM_COLUMNS and CHOICES["personnel"] == PERSONNEL  # a drop-down in the form
    new_id = review.accept({"personnel": "deminers"})
    assert {r["claim_id"]: r for r in _read(ledger)}[new_id]["personnel"] == "deminers"
