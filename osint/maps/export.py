"""How each mapped claim was drawn, as an HTML table and as the CSV saved beside a map.

Example:
    >>> save_map(fig, "reports/figures/deployment_map.png", claims)       # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from matplotlib.figure import Figure, SubFigure

from ..atomic import atomic_write
from ..places.gazetteer import Gazetteer
from ..places.placement import _missing, place_claims
from ..schema import COLUMNS
from ..style import MEASURE_LABELS, format_figure
from ..table_export import export_table
from ..tables import HtmlTable, render_table
from .drawing import _select

__all__ = ["placement_table", "save_map"]


def _cell(value: Any) -> str:
    """Escaped HTML text of a cell value ('' for missing; dates as YYYY-MM-DD)."""
    import html

    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


def placement_table(
    claims: pd.DataFrame,
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    gazetteer: Gazetteer | None = None,
) -> HtmlTable:
    """HTML table: how each claim with a stated place is drawn on the maps, or why it is not.

    ``stances`` and ``include_repeats`` are those given to the maps, so rows the maps leave
    out are shown as left out, with the reason.

    Example:
        >>> placement_table(claims)                                     # doctest: +SKIP
    """
    placed = place_claims(claims, gazetteer)
    shown, _ = _select(claims, stances, include_repeats)
    rows = []
    for (idx, r), (_, p) in zip(claims.iterrows(), placed.iterrows()):
        if p["status"] == "no_location":
            continue
        drawn = {
            "point": "town",
            "near": "near a town (halo)",
            "region": "region (shaded)",
            "country": "country only (listed)",
        }.get(str(p["drawn_as"]), "not drawn: place not resolved")
        if idx not in shown.index:
            drawn = (
                f"left out: repeats {r['repeats']}"
                if not _missing(r["repeats"])
                else f"left out: {str(r['stance']).replace('_', ' ')}"
            )
        rows.append(
            {
                "Claim": _cell(r["claim_id"]),
                "Said": _cell(r["statement_date"]),
                "Measure": _cell(MEASURE_LABELS[str(r["measure"])]),
                "Figure": _cell(format_figure(r["qualifier"], r["figure_low"], r["figure_high"])),
                "Place as stated": _cell(r["location"]),
                "On the maps": _cell(drawn),
                "Place drawn": _cell(p["place"]),
                "From": _cell(r.get("origin")) if "origin" in claims.columns else "",
                "Note": _cell(p["note"]),
            }
        )
    columns = ["Claim", "Said", "Measure", "Figure", "Place as stated", "On the maps", "Place drawn", "From", "Note"]
    return render_table(rows, columns, caption=f"{len(rows)} claim(s) with a stated place")


def save_map(
    fig: Figure | SubFigure,
    path: str | Path,
    claims: pd.DataFrame | None = None,
    dpi: int = 170,
    gazetteer: Gazetteer | None = None,
    placed: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Write the figure as PNG at ``path`` and, given ``claims``, ``<stem>.csv`` beside it: the
    claims in ledger columns plus how each was placed (``placed``, else placed here), so every
    mark traces to its source (written by :func:`osint.table_export.export_table`).
    Both writes are atomic. Returns the paths by format.

    Example:
        >>> save_map(fig, "reports/figures/deployment_map.png", claims)  # doctest: +SKIP
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"save_map writes PNG; give a path ending in .png, got {path}")
    paths = {"png": path}
    with atomic_write(path, "wb") as handle:
        fig.get_figure(root=True).savefig(handle, format="png", dpi=dpi, metadata={"Software": None})
    if claims is not None:
        if placed is None:
            placed = place_claims(claims, gazetteer)
        placed = placed.reindex(claims.index).drop(columns=["claim_id"])
        table = claims[[c for c in COLUMNS if c in claims.columns]].join(placed.add_prefix("map_"))
        paths["csv"] = export_table(table, path.with_suffix(".csv"))
    return paths
