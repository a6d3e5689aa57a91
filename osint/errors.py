"""The workbook's errors: one class per thing that can go wrong, each message saying what to do.

Every error is an :class:`OsintError`, and also the built-in exception it refines
(a bad value is a ``ValueError``), so ``except ValueError`` keeps working. The classes are
importable from the modules that raised them before (``osint.schema.LedgerError``,
``osint.report.ParameterError``, ...). This module imports nothing but the standard library.

Example:
    >>> try:
    ...     raise ParameterError("parameter end expects a date written YYYY-MM-DD, got '31/10/2024'")
    ... except ValueError as exc:
    ...     print(type(exc).__name__, isinstance(exc, OsintError))
    ParameterError True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AlreadyRunning",
    "KernelError",
    "LedgerError",
    "OsintError",
    "ParameterError",
]


class OsintError(Exception):
    """Base of the workbook's errors."""


class LedgerError(OsintError, ValueError):
    """A claims ledger with problems: every problem at once, each with its file, line, column,
    value and what was expected (``issues``). Fix the rows named, then run
    ``osint validate`` until it says ok.
    """

    def __init__(self, issues: Sequence[Any]):
        self.issues = list(issues)
        head = f"{len(self.issues)} problem(s) in the claims ledger (fix them, then run `osint validate`):"
        super().__init__("\n".join([head, *(f"  {i}" for i in self.issues)]))


class ParameterError(OsintError, ValueError):
    """A report, schedule or parameter that cannot run: unknown, of the wrong type or value.
    Nothing has run; the message names every problem and what each expects."""


class AlreadyRunning(OsintError, RuntimeError):
    """The same report with the same parameters is running now (its lock is held): wait for
    it to finish and look at its report, or run again later (``wait=True`` waits)."""


class KernelError(OsintError, RuntimeError):
    """The Jupyter kernel that runs reports could not start or be reset: check that the
    environment is complete (``make env``), then run again."""
