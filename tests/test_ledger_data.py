"""The curated ledger that ships in data/: it loads clean and holds the seed's statements."""

from __future__ import annotations

import pandas as pd
import pytest

import osint
from osint.paths import DATA_DIR

SEED_URL = "https://www.zerohedge.com/geopolitical/new-claims-10000-north-korean-troops-are-being-sent-fight-ukraine"


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return osint.load_claims(DATA_DIR / "claims.csv")


def _one(claims: pd.DataFrame, **match) -> pd.Series:
    mask = pd.Series(True, index=claims.index)
    for column, value in match.items():
        mask &= claims[column] == value
    rows = claims[mask]
    assert len(rows) >= 1, f"no row with {match}"
    return rows.iloc[0]


def test_ledger_is_clean_and_large_enough(claims):
    assert len(claims) >= 250
    assert claims["claim_id"].is_unique
    assert claims["statement_date"].min() >= pd.Timestamp("2024-10-01")
    assert claims["source_url"].str.match(r"^https?://").all()


def test_seed_statements_are_in_the_ledger(claims):
    seed = claims[claims["source_url"] == SEED_URL]
    zelensky = _one(seed, claimant="Volodymyr Zelensky", measure="pledged_or_preparing")
    assert (zelensky["statement_date"], zelensky["figure_low"], zelensky["qualifier"]) == (
        pd.Timestamp("2024-10-17"),
        10000,
        "exact",
    )
    mustering = _one(seed, measure="mustering_in_russia")
    assert (mustering["statement_date"], mustering["figure_high"], mustering["qualifier"]) == (
        pd.Timestamp("2024-10-18"),
        12000,
        "up_to",
    )
    assert pd.isna(mustering["figure_low"])
    arrived = _one(seed, measure="arrived_in_russia")
    assert (arrived["figure_low"], arrived["qualifier"]) == (1500, "at_least") and pd.isna(arrived["figure_high"])
    doubts = seed[seed["stance"] == "cannot_confirm"].sort_values("statement_date")
    assert list(doubts["statement_date"]) == [pd.Timestamp("2024-10-15"), pd.Timestamp("2024-10-16")]
    assert doubts["claimant"].str.contains("Kirby").iloc[0] and doubts["claimant"].str.contains("Rutte").iloc[1]
    assert (seed["published"] == pd.Timestamp("2024-10-19")).all()


def test_ledger_covers_the_kinds_of_claims(claims):
    measures = set(claims["measure"].astype(str))
    assert {"pledged_or_preparing", "arrived_in_russia", "in_combat", "casualties", "killed", "wounded"} <= measures
    countries = set(claims["claimant_country"].dropna())
    assert {"UA", "KR", "US", "RU", "KP"} <= countries


def test_repeats_point_backwards_in_time(claims):
    by_id = claims.set_index("claim_id")
    for _, row in claims[claims["repeats"].notna()].iterrows():
        assert by_id.loc[row["repeats"], "statement_date"] <= row["statement_date"]


# --- coverage the briefing relies on ------------------------------------------------------------


def test_enough_claimants_and_each_kind_of_loss(claims):
    assert claims["claimant"].nunique() >= 60
    counts = claims["measure"].value_counts()
    assert counts["captured"] >= 4 and counts["wounded"] >= 6
    assert counts["killed"] >= 15 and counts["casualties"] >= 15


def test_every_month_of_the_kursk_fighting_has_claims(claims):
    months = claims["statement_date"].dt.to_period("M").value_counts()
    for month in pd.period_range("2024-10", "2025-04", freq="M"):
        assert months.get(month, 0) >= 3, f"{month} has {months.get(month, 0)} claims"


def _span_end(row: pd.Series) -> pd.Timestamp:
    """The last day a claim may have been said on, by its date precision."""
    start = row["statement_date"]
    if row["date_precision"] == "week":
        return start + pd.Timedelta(days=6)
    if row["date_precision"] == "month":
        return start + pd.offsets.MonthEnd(0)
    return start


def test_no_silence_of_more_than_45_days_through_2025(claims):
    """Gaps are measured between the dated spans of claims (a claim of July 2025 with month
    precision covers July), from October 2024 to the end of December 2025."""
    upto = claims[claims["statement_date"] <= pd.Timestamp("2025-12-31")].sort_values("statement_date")
    covered = upto["statement_date"].iloc[0]
    widest = []
    for _, row in upto.iterrows():
        widest.append(((row["statement_date"] - covered).days, covered, row["claim_id"]))
        covered = max(covered, _span_end(row))
    gap, after, claim_id = max(widest)
    assert gap <= 45, f"{gap} days without a claim after {after:%Y-%m-%d}, until {claim_id}"
    assert (pd.Timestamp("2025-12-31") - covered).days <= 45


def test_the_move_from_the_far_east_to_kursk_is_in_the_ledger(claims):
    october = claims[claims["statement_date"].dt.to_period("M") == pd.Period("2024-10", "M")]
    far_east = october[october["location"].fillna("").str.contains("Vladivostok|Ussuriysk|Khabarovsk")]
    placed = set(far_east.loc[far_east["geo_precision"] == "point", "location"])
    assert {"Vladivostok", "Ussuriysk", "Khabarovsk"} <= {p.split(" (")[0] for p in placed}
    arrows = far_east[far_east["origin"].notna()]
    assert {"Wonsan"} <= set(arrows["origin"]) and len(arrows) >= 2
    november = claims[claims["statement_date"].dt.to_period("M") == pd.Period("2024-11", "M")]
    assert (november["location"].fillna("").str.contains("Kursk")).sum() >= 8


def test_kinds_of_personnel_are_told_apart(claims):
    from osint.analysis import latest_claims
    from osint.schema import PERSONNEL

    assert set(claims["personnel"].astype(str)) <= set(PERSONNEL)
    nis = latest_claims(claims[claims["claimant"] == "National Intelligence Service (South Korea)"])
    arrived = nis[nis["measure"] == "arrived_in_russia"].set_index("personnel")
    assert arrived.loc["military_builders", "figure_low"] == 5000
    assert arrived.loc["combat_troops", "figure_low"] >= 13000  # never replaced by the builders
    assert {"deminers", "military_builders", "labourers", "officers", "special_forces"} <= set(
        claims["personnel"].astype(str)
    )


def test_rows_fixed_by_the_ledger_check(claims):
    by_id = claims.set_index("claim_id")
    assert by_id.loc["nkr-0009", "location"] == "Vladivostok" and by_id.loc["nkr-0009", "geo_precision"] == "point"
    original = by_id.loc[by_id.loc["nkr-0010", "repeats"]]
    assert (original["measure"], original["figure_low"], original["qualifier"]) == (
        "pledged_or_preparing",
        12000,
        "about",
    )
    assert by_id.loc["nkr-0010", "quote"].startswith("up to 12,000")  # the seed's own wording stays
    assert by_id.loc["nkr-0007", "measure"] != "deployed_to_front"
    assert by_id.loc["nkr-0020", "date_precision"] == "day"
    assert all(pd.isna(by_id.loc[i, "location"]) for i in ("nkr-0012", "nkr-0026", "nkr-0037", "nkr-0038", "nkr-0045"))
    assert "adjust" in by_id.loc["nkr-0049", "notes"] and "drone spotting before" in by_id.loc["nkr-0049", "notes"]
    assert set(by_id.loc[["nkr-0021", "nkr-0022", "nkr-0023"], "qualifier"]) == {"about"}
    event_164 = claims[claims["notes"].fillna("").str.contains("CSIS timeline event 164")]
    assert {(p, f) for p, f in zip(event_164["personnel"], event_164["figure_low"]) if pd.notna(f)} >= {
        ("military_builders", 5000),
        ("deminers", 1000),
    }


# --- against the development corpus (skipped without ../shared) ---------------------------------


def test_every_source_url_comes_from_a_source_in_hand(claims, shared_dir):
    import csv
    import json

    known = set()
    with open(shared_dir / "corpus" / "news_claims.csv", newline="", encoding="utf-8") as handle:
        known |= {r["source_url"] for r in csv.DictReader(handle)}
    events = json.loads((shared_dir / "corpus" / "csis_nk_ru_timeline.json").read_text(encoding="utf-8"))
    known |= {e["source"].strip() for e in events if e.get("source")}
    known.add(SEED_URL)
    unknown = sorted(set(claims["source_url"]) - known)
    assert not unknown, unknown


def test_every_corpus_figure_is_a_row_or_left_out_with_a_reason(claims, shared_dir):
    import csv

    from osint.paths import DATA_DIR

    with open(shared_dir / "corpus" / "news_claims.csv", newline="", encoding="utf-8") as handle:
        with_figure = [r["fact_id"] for r in csv.DictReader(handle) if r["figure_low"] or r["figure_high"]]
    with open(DATA_DIR / "corpus_decisions.csv", newline="", encoding="utf-8") as handle:
        decisions = {r["fact_id"]: r for r in csv.DictReader(handle)}
    sources_md = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    ids = set(claims["claim_id"])
    for fact in with_figure:
        decision = decisions[fact]
        if decision["decision"] == "leave_out":
            assert decision["reason"] and f"`{fact}`" in sources_md, fact
        else:
            assert decision["claim_id"] in ids, fact


def test_the_shipped_ledger_is_what_the_build_script_makes(shared_dir):
    import subprocess
    import sys

    from osint.paths import PROJECT_ROOT

    done = subprocess.run(
        [sys.executable, "scripts/build_ledger_from_corpus.py", "--check", "--corpus", str(shared_dir / "corpus")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout
