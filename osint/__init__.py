"""Troop-claims workbook: load, check, plot and report claims of troop figures.

Example:
    >>> import osint
    >>> claims = osint.load_claims("data/claims.csv")   # doctest: +SKIP
"""

from __future__ import annotations

from .io import load_claims, save_claims, validate_ledger
from .paths import PROJECT_ROOT, project_path
from .schema import COLUMNS, LedgerError, LedgerIssue

__all__ = [
    "COLUMNS",
    "PROJECT_ROOT",
    "LedgerError",
    "LedgerIssue",
    "load_claims",
    "project_path",
    "save_claims",
    "validate_ledger",
]
__version__ = "0.1.0"
