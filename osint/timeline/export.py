"""Saving a timeline: the figure as PNG and SVG, and the plotted rows as CSV.

Example:
    >>> paths = save_timeline(fig, rows, "reports/figures", "nk-troops")  # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure, SubFigure

from ..atomic import atomic_write
from ..paths import PathLike
from ..schema import COLUMNS
from ..table_export import export_table

__all__ = ["save_timeline"]

_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def save_timeline(
    fig: Figure | SubFigure, claims_plotted: pd.DataFrame, out_dir: PathLike, stem: str, dpi: int = 200
) -> dict[str, Path]:
    """Write ``<stem>.png`` (at ``dpi``), ``<stem>.svg`` and ``<stem>.csv`` atomically.

    The CSV holds the plotted rows in the ledger's columns (dates YYYY-MM-DD, text that a
    spreadsheet would run as a formula neutralised: :func:`osint.table_export.export_table`),
    so every mark can be traced to its source URL. Returns the paths by format.

    Example:
        >>> paths = save_timeline(fig, rows, "reports/figures", "nk-troops")  # doctest: +SKIP
        >>> sorted(paths)                                                  # doctest: +SKIP
        ['csv', 'png', 'svg']
    """
    if not _STEM.match(stem):
        raise ValueError(f"stem must be a plain file name such as 'timeline-2024-10', got {stem!r}")
    out = Path(out_dir)
    paths = {fmt: out / f"{stem}.{fmt}" for fmt in ("png", "svg", "csv")}
    root = fig.get_figure(root=True)
    with mpl.rc_context({"svg.hashsalt": stem}):
        with atomic_write(paths["png"], "wb") as handle:
            root.savefig(handle, format="png", dpi=dpi, metadata={"Software": None})
        with atomic_write(paths["svg"], "wb") as handle:
            root.savefig(handle, format="svg", metadata={"Date": None})
    table = claims_plotted[
        [c for c in COLUMNS if c in claims_plotted.columns] + [c for c in claims_plotted.columns if c not in COLUMNS]
    ]
    export_table(table, paths["csv"])
    return paths
