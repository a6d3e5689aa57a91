"""Report running under its former module name: see :mod:`osint.reporting`.

Kept so that ``from osint.report import run_report, ParameterError`` goes on working; new
code imports from :mod:`osint.reporting` (and errors from :mod:`osint.errors`).
"""

from __future__ import annotations

from .errors import AlreadyRunning, ParameterError
from .reporting import ReportResult, run_report

__all__ = ["AlreadyRunning", "ParameterError", "ReportResult", "run_report"]
