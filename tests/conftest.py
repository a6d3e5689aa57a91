"""Shared test fixtures: paths to the project, its fixtures and the shared corpus."""

from __future__ import annotations

import csv
import itertools
import os
import tempfile
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The seed and corpus (development material beside the project); OSINT_SHARED may point elsewhere.
SHARED = Path(os.environ.get("OSINT_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def small_ledger() -> Path:
    """A seven-row ledger: the seed article's five statements and two fictional rows."""
    return FIXTURES / "claims_small.csv"


@pytest.fixture
def shared_dir() -> Path:
    """The shared seed and corpus folder; tests that need it skip when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (seed and corpus) is not present")
    return SHARED


def ledger_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows written as a ledger CSV and read back by osint.load_claims (so: checked and typed)."""
    from osint import load_claims
    from osint.schema import COLUMNS

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            for r in rows:
                r = {"personnel": "combat_troops", **r}  # the annotators' default kind of people
                writer.writerow({c: "" if r.get(c) is None else str(r[c]) for c in COLUMNS})
        return load_claims(path)


_map_ids = itertools.count(1)


def map_row(prefix: str = "m", **values) -> dict:
    """One ledger row for map tests, with defaults a test does not care about (invented, not facts).

    A row with ``figure_low`` and no ``qualifier`` is an exact figure.
    """
    base = dict(
        claim_id=f"{prefix}-{next(_map_ids):04d}",
        statement_date="2024-10-18",
        date_precision="day",
        claimant="Claimant A",
        claimant_type="intelligence",
        stance="asserts",
        measure="arrived_in_russia",
        qualifier="none",
        source_url="https://example.org/item",
        source_outlet="Example Wire",
        reliability="C",
        credibility=3,
    )
    base.update(values)
    if "figure_low" in values and "qualifier" not in values:
        base["qualifier"] = "exact"
        base.setdefault("figure_high", values["figure_low"])
    return base
