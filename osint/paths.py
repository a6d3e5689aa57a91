"""Where the workbook's files are: the project root, its data, notebooks and reports.

Example:
    >>> project_path("data/claims.csv").name
    'claims.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

#: A file path as the workbook's functions take it: text or any ``os.PathLike``.
PathLike = str | os.PathLike[str]

#: The checkout the package runs from (``osint/`` sits directly inside it).
PROJECT_ROOT = Path(os.environ.get("OSINT_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"


def project_path(path: PathLike) -> Path:
    """An absolute path: ``path`` itself if absolute, else relative to the project root."""
    path = Path(path)
    return path if path.is_absolute() else PROJECT_ROOT / path
