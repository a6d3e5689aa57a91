"""Troop-claims workbook: load, check, plot and report claims of troop figures.

The names below load their module on first use, so that a command such as
``osint report`` does not pay for pandas before it needs it.

Example:
    >>> import osint
    >>> claims = osint.load_claims("data/claims.csv")   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from .paths import PROJECT_ROOT, project_path

_LAZY = {
    "load_claims": ".io",
    "save_claims": ".io",
    "validate_ledger": ".io",
    "COLUMNS": ".schema",
    "LedgerError": ".schema",
    "LedgerIssue": ".schema",
    "filter_claims": ".analysis",
    "latest_claims": ".analysis",
    "resolve_place": ".places",
    "resolve_places": ".places",
    "place_claims": ".places",
    "extract_claims": ".extract",
    "Explorer": ".explore",
    "Review": ".review",
    "import_claims": ".importing",
}

__all__ = [
    "PROJECT_ROOT",
    "project_path",
    "load_claims",
    "save_claims",
    "validate_ledger",
    "COLUMNS",
    "LedgerError",
    "LedgerIssue",
    "filter_claims",
    "latest_claims",
    "resolve_place",
    "resolve_places",
    "place_claims",
    "extract_claims",
    "Explorer",
    "Review",
    "import_claims",
]
assert set(__all__) == {"PROJECT_ROOT", "project_path", *_LAZY}
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'osint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
