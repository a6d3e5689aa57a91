"""CSV exports meant for people: one writer, ISO dates, formulas inert; the ledger stays verbatim."""

from __future__ import annotations

import csv

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from osint import io, maps  # noqa: E402
from osint.cli import main  # noqa: E402
from osint.table_export import export_table, neutralise  # noqa: E402
from osint.timeline import plot_timeline, save_timeline  # noqa: E402

from conftest import ledger_frame  # noqa: E402

FORMULA = '=HYPERLINK("http://x","y")'


def _rows(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _hostile() -> pd.DataFrame:
    return ledger_frame(
        [
            dict(
                claim_id="x-1",
                statement_date="2024-10-18",
                date_precision="day",
                claimant="+Claimant",
                claimant_type="media",
                stance="asserts",
                measure="arrived_in_russia",
                qualifier="exact",
                figure_low=1500,
                figure_high=1500,
                location="Vladivostok",
                geo_precision="point",
                source_url="https://example.org/a",
                source_outlet="@outlet",
                source_title="-title",
                quote=FORMULA,
                reliability="C",
                credibility=3,
            )
        ]
    )


def test_neutralise_only_formula_starts():
    assert neutralise(FORMULA) == "'" + FORMULA
    assert [neutralise(t) for t in ("+1", "-1", "@a", "\tx", "plain", "1,500", "")] == [
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "plain",
        "1,500",
        "",
    ]


def test_export_table_writes_iso_dates_numbers_and_inert_text(tmp_path):
    table = pd.DataFrame(
        {
            "when": pd.to_datetime(["2024-10-18"]),
            "figure": pd.array([-5], dtype="Int64"),
            "quote": pd.array([FORMULA], dtype="string"),
            "missing": pd.array([pd.NA], dtype="string"),
        }
    )
    row = _rows(export_table(table, tmp_path / "t.csv"))[0]
    assert row == {"when": "2024-10-18", "figure": "-5", "quote": "'" + FORMULA, "missing": ""}
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"], "written atomically, no temp file left"


def test_a_formula_in_the_ledger_reaches_every_export_inert(tmp_path):
    claims = _hostile()
    fig = plot_timeline(claims)
    timeline = _rows(save_timeline(fig, claims, tmp_path, "timeline")["csv"])[0]
    assert timeline["quote"] == "'" + FORMULA and timeline["claimant"] == "'+Claimant"
    assert timeline["source_outlet"] == "'@outlet" and timeline["source_title"] == "'-title"
    assert timeline["statement_date"] == "2024-10-18" and timeline["figure_low"] == "1500"
    placed = _rows(maps.save_map(maps.plot_deployment_map(claims), tmp_path / "map.png", claims)["csv"])[0]
    assert placed["quote"] == "'" + FORMULA and placed["map_status"] == "placed"
    plt.close("all")


def test_extraction_candidates_are_written_inert(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("The NIS said 8,000 North Korean troops had moved to the Kursk region.\n", encoding="utf-8")
    out = tmp_path / "candidates.csv"
    result = CliRunner().invoke(
        main, ["extract", str(text), "--published", "2024-11-01", "--url", FORMULA, "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert rows and all(r["source_url"] == "'" + FORMULA for r in rows)
    assert rows[0]["statement_date"] == "2024-11-01"


def test_the_ledger_itself_is_saved_verbatim(tmp_path):
    claims = _hostile()
    io.save_claims(claims, tmp_path / "claims.csv")
    row = _rows(tmp_path / "claims.csv")[0]
    assert row["quote"] == FORMULA and row["claimant"] == "+Claimant"
