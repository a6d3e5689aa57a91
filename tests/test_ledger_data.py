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
    assert len(claims) >= 45
    assert claims["claim_id"].is_unique
    assert claims["statement_date"].min() >= pd.Timestamp("2024-10-01")
    assert claims["source_url"].str.match(r"^https?://").all()


def test_seed_statements_are_in_the_ledger(claims):
    seed = claims[claims["source_url"] == SEED_URL]
    zelensky = _one(seed, claimant="Volodymyr Zelensky", measure="pledged_or_preparing")
    assert (zelensky["statement_date"], zelensky["figure_low"], zelensky["qualifier"]) == (pd.Timestamp("2024-10-17"), 10000, "exact")
    mustering = _one(seed, measure="mustering_in_russia")
    assert (mustering["statement_date"], mustering["figure_high"], mustering["qualifier"]) == (pd.Timestamp("2024-10-18"), 12000, "up_to")
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
