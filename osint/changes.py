"""What changed in a ledger between two report runs: claims added, changed or removed.

A report run keeps a compressed copy of the ledger it read (``ledger.csv.gz`` in its run
folder, :func:`osint.reporting.records.snapshot_ledger`); the next run of the same report and parameters compares the ledger it reads now
with that copy.

Example:
    >>> diff = ledger_changes(claims, "reports/runs/20261125T201500000Z-briefing-defaults")  # doctest: +SKIP
    >>> diff[["claim_id", "change", "columns"]]                                            # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .analysis import filter_claims
from .io import load_claims
from .reporting.records import SNAPSHOT, snapshot_ledger
from .schema import COLUMNS

__all__ = ["SNAPSHOT", "changes_since", "ledger_changes", "load_snapshot", "snapshot_ledger"]


def load_snapshot(run_folder: str | Path) -> pd.DataFrame | None:
    """The ledger a previous run read, or None if that run kept no copy."""
    path = Path(run_folder) / SNAPSHOT
    if not path.is_file():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "ledger.csv"
        with gzip.open(path, "rb") as packed, open(plain, "wb") as out:
            shutil.copyfileobj(packed, out)
        return load_claims(plain)


def _comparable(claims: pd.DataFrame) -> pd.DataFrame:
    return claims.set_index("claim_id")[[c for c in COLUMNS if c != "claim_id"]].astype("string").fillna("")


def ledger_changes(current: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    """Rows added, changed or removed between ``previous`` and ``current`` ledgers.

    Returns columns ``claim_id``, ``change`` (added / changed / removed) and ``columns``
    (the changed column names, comma-separated), ordered added, changed, removed.
    """
    columns = ["claim_id", "change", "columns"]
    if previous is None:
        return pd.DataFrame(columns=columns)
    now, before = _comparable(current), _comparable(previous)
    added = now.index.difference(before.index)
    removed = before.index.difference(now.index)
    both = now.index.intersection(before.index)
    differs = now.loc[both] != before.loc[both]
    changed = differs.index[differs.any(axis=1)]
    rows = [(cid, "added", "") for cid in added]
    rows += [(cid, "changed", ", ".join(differs.columns[differs.loc[cid]])) for cid in changed]
    rows += [(cid, "removed", "") for cid in removed]
    return pd.DataFrame(rows, columns=columns)


def changes_since(current: pd.DataFrame, since_run: str | Path | None, **filters) -> pd.DataFrame | None:
    """:func:`ledger_changes` against the ledger a previous run kept; None if there is none.

    ``filters`` (as for :func:`osint.analysis.filter_claims`) are applied to the previous
    ledger too, so that a report compares the same window of both.
    """
    if not since_run:
        return None
    previous = load_snapshot(since_run)
    if previous is None:
        return None
    return ledger_changes(current, filter_claims(previous, **filters))
