"""Shared test fixtures: paths to the project, its fixtures and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


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
