"""The public map plots: one map on an axes, the analyst's multi-panel map, small multiples.

Example:
    >>> fig = plot_deployment_map(claims, title="Where the claims place the troops")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import textwrap
from typing import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from ..places.gazetteer import Gazetteer
from .basemap import COUNTRY_CLAIM
from .drawing import NEAR_RADIUS_KM, _map_panel, _prepare, placed_in_view
from .extents import EXTENTS, Extent, _box_ring, _project, get_extent
from .legend import _add_legends, _add_notes, _credits_text

__all__ = ["plot_claims_map", "plot_deployment_map", "plot_small_multiples"]


def plot_claims_map(
    claims: pd.DataFrame,
    ax: Axes | None = None,
    extent: str | Extent | Sequence[float] = "region",
    *,
    title: str | None = None,
    labels: str | bool = True,
    legend: bool = True,
    notes: bool = True,
    credits: bool = True,
    reference: bool = True,
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
    placed: pd.DataFrame | None = None,
) -> Axes:
    """Draw where ``claims`` (the ledger frame) place the troops on one map; returns the axes.

    ``extent`` is a name in :data:`EXTENTS` (``region``, ``front``, ``far_east``) or a
    (lon_min, lon_max, lat_min, lat_max) box. ``labels``: True (a box per place listing its
    claims), ``"names"`` (place names only) or False. ``stances`` and ``include_repeats``
    choose the rows drawn (default: assertions, no repeats). ``placed`` is the result of
    :func:`osint.places.place_claims` for these claims (or a superset), to skip placing them
    again when one ledger is drawn many times (rows it lacks are placed). The legend goes to the right of
    the axes and the notes (country-level claims, unresolved places, rows left out) below
    it, so leave room there when passing your own ``ax``. Artist ids: see the module docstring.

    Example:
        >>> ax = plot_claims_map(filter_claims(claims, start="2024-10-01"), extent="front")  # doctest: +SKIP
        >>> [a.get_gid() for a in ax.patches if (a.get_gid() or "").startswith("region:")]  # doctest: +SKIP
    """
    ext = get_extent(extent)
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 7.5))
        fig.subplots_adjust(left=0.02, right=0.76, top=0.94, bottom=0.24)
    label_mode = "full" if labels is True else ("names" if labels == "names" else "none")
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer, placed)
    info = _map_panel(ax, rows, ext, label_mode, reference, near_km)
    if title:
        ax.set_title(title, fontsize=11, loc="left")
    if legend:
        _add_legends(ax, rows, (1.02, 1.0), drawn=info["drawn"])
    if notes:
        _add_notes(ax, rows, dropped, info["outside"], 110, (0, 0), (0, -6), (0, 1))
    if credits:
        ax.text(
            0.995,
            0.006,
            _credits_text(),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=6,
            color="#444444",
            zorder=9,
            gid="credits",
            bbox=dict(boxstyle="square,pad=0.25", facecolor="white", edgecolor="none", alpha=0.8),
        )
    return ax


def _locator(ax: Axes, main: Extent, zoom: Extent, tag: str) -> None:
    ring = _box_ring(zoom.lon_min, zoom.lon_max, zoom.lat_min, zoom.lat_max, 30)
    x, y = _project(main.crs, ring[:, 0], ring[:, 1])
    ax.add_artist(
        PathPatch(
            MplPath(np.column_stack([x, y])),
            facecolor="none",
            edgecolor="#1a1a1a",
            linewidth=1.1,
            zorder=7,
            gid=f"locator:{zoom.name}",
        )
    )
    if tag:
        top = int(np.argmax(y))
        ax.annotate(
            tag,
            (float(x[top]), float(y[top])),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
            color="#1a1a1a",
            zorder=7,
        )


def plot_deployment_map(
    claims: pd.DataFrame,
    fig: Figure | SubFigure | None = None,
    *,
    extent: str | Extent | Sequence[float] = "region",
    title: str | None = None,
    zooms: Sequence[str | Extent] = ("front", "far_east"),
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
    placed: pd.DataFrame | None = None,
    figsize: tuple[float, float] = (15.5, 11.0),
) -> Figure | SubFigure:
    """The analyst's map, several panels in one Figure (returned): a new one of ``figsize``,
    or ``fig`` (a Figure or SubFigure) drawn into as it is.

    With ``extent="region"`` (the default) an overview from Ukraine to the Pacific sits on
    top, framing the ``zooms`` (A: the front, Kursk to Donetsk; B: the Russian Far East and
    Korea), which are drawn beneath it with a label box per place; a zoom in which nothing
    is placed (:func:`~osint.maps.drawing.placed_in_view`) is left out. With another extent that
    view is the main panel and a small overview locates it. The legend (only what is drawn) and the notes
    (country-level claims, unresolved places, rows left out) fill the right-hand column;
    the border policy and credits are at the bottom. Panels carry gids ``map:<extent>``.

    Example:
        >>> fig = plot_deployment_map(claims, title="Where the claims place the troops")  # doctest: +SKIP
        >>> [ax.get_gid() for ax in fig.axes]                                            # doctest: +SKIP
        ['map:region', 'map:front', 'map:far_east', 'side']
    """
    ext = get_extent(extent)
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer, placed)
    if fig is None:
        fig = plt.figure(figsize=figsize)
    drawn: set = set()
    if ext.name == "region":
        shown = [z for z in (get_extent(z) for z in zooms) if placed_in_view(rows, z)][:2]
        gs = fig.add_gridspec(
            2 if shown else 1,
            3,
            width_ratios=[1, 1, 0.58],
            height_ratios=[0.82, 1] if shown else [1],
            left=0.01,
            right=0.995,
            top=0.94,
            bottom=0.06,
            wspace=0.03,
            hspace=0.08,
        )
        main = fig.add_subplot(gs[0, :2])
        drawn |= _map_panel(main, rows, ext, "names", True, near_km)["drawn"]
        main.set_title(ext.title, fontsize=10, loc="left", fontweight="bold")
        for i, (zoom, tag) in enumerate(zip(shown, "AB")):
            zax = fig.add_subplot(gs[1, i] if len(shown) > 1 else gs[1, :2])
            drawn |= _map_panel(zax, rows, zoom, "full", True, near_km)["drawn"]
            zax.set_title(f"{tag}  {zoom.title}", fontsize=10, loc="left", fontweight="bold")
            _locator(main, ext, zoom, tag)
        side = fig.add_subplot(gs[:, 2])
    else:
        gs = fig.add_gridspec(
            2,
            2,
            width_ratios=[1.6, 0.58],
            height_ratios=[0.3, 1],
            left=0.01,
            right=0.995,
            top=0.94,
            bottom=0.06,
            wspace=0.03,
            hspace=0.05,
        )
        main = fig.add_subplot(gs[:, 0])
        drawn |= _map_panel(main, rows, ext, "full", True, near_km)["drawn"]
        main.set_title(ext.title, fontsize=10, loc="left", fontweight="bold")
        over = fig.add_subplot(gs[0, 1])
        drawn |= _map_panel(over, rows, EXTENTS["region"], "none", False, near_km)["drawn"]
        _locator(over, EXTENTS["region"], ext, "")
        side = fig.add_subplot(gs[1, 1])
    side.set_axis_off()
    side.set_gid("side")
    legends = _add_legends(side, rows, (0.0, 1.0), drawn=drawn)
    renderer = fig.get_figure(root=True).canvas.get_renderer()  # type: ignore[attr-defined]
    below = min(
        (lg.get_window_extent(renderer).transformed(side.transAxes.inverted()).y0 for lg in legends), default=1.0
    )
    _add_notes(
        side, rows, dropped, [], 52, (0, below - 0.015), (0, 0), (0, 1), fit_above=side.get_window_extent(renderer).y0
    )
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    fig.text(0.01, 0.012, _credits_text(), fontsize=7, color="#444444", ha="left", va="bottom", gid="credits")
    return fig


def _period_label(period: pd.Period, freq: str) -> str:
    if freq == "Q":
        return f"{period.year} Q{period.quarter}"
    return period.strftime("%b %Y")


def _count_text(g: pd.DataFrame) -> str:
    counts = g.groupby("place", sort=True).size()
    return ", ".join(f"{place} {n}" for place, n in counts.items())


def plot_small_multiples(
    claims: pd.DataFrame,
    fig: Figure | SubFigure | None = None,
    *,
    period: str = "Q",
    extent: str | Extent | Sequence[float] = "region",
    ncols: int | None = None,
    skip_empty: bool = False,
    title: str | None = None,
    zooms: Sequence[str | Extent] = ("front", "far_east"),
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
    placed: pd.DataFrame | None = None,
) -> Figure | SubFigure:
    """One small map panel per month (``period="M"``) or quarter (``"Q"``) of statement date,
    from the first claim's period to the last, to show how the reported places changed;
    returns the Figure.

    Each panel is a SubFigure with gid ``period:<label>`` (``period:2024 Q4``,
    ``period:Oct 2024``) holding one map axes, or, for ``extent="region"``, the two
    ``zooms`` side by side (the front and the Far East, where a whole-region view would
    shrink a region to a few pixels); a view in which nothing of the period is placed is
    left out of that panel. The panel title counts the claims placed and made in
    the period; a line below names the country-only claims and places outside the views.
    A claim dated to a week or a month goes in the period of its first day. Empty periods
    are drawn (their title says so) unless ``skip_empty``. Shared legend and credits at the
    bottom. A new Figure sized for the panels, or ``fig`` (Figure or SubFigure) as given.

    Example:
        >>> fig = plot_small_multiples(claims, period="M", extent="front")  # doctest: +SKIP
        >>> [sf.get_gid() for sf in fig.subfigs[0].subfigs]                  # doctest: +SKIP
    """
    freq = str(period).upper()
    if freq not in ("M", "Q"):
        raise ValueError(f"period must be 'M' (month) or 'Q' (quarter), got {period!r}")
    ext = get_extent(extent)
    views = [get_extent(z) for z in zooms] if ext.name == "region" else [ext]
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer, placed)
    dates = claims["statement_date"].dropna()
    periods = (
        []
        if dates.empty
        else list(pd.period_range(dates.min().to_period(freq), dates.max().to_period(freq), freq=freq))
    )
    row_period = rows["statement_date"].dt.to_period(freq)
    all_period = claims["statement_date"].dt.to_period(freq)
    if skip_empty:
        periods = [p for p in periods if (row_period == p).any()]

    # panel size: views side by side at a common height
    aspects = []
    for v in views:
        x0, x1, y0, y1 = v.bounds
        aspects.append((x1 - x0) / (y1 - y0))
    map_h = 2.3 if len(views) > 1 else 3.0
    panel_w = map_h * sum(aspects) + 0.1 * (len(views) - 1)
    ncols = ncols or max(1, int(15.5 // panel_w))
    n = max(len(periods), 1)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    panel_h = map_h + 0.75
    legend_h = 2.3
    title_h = 0.45 if title else 0.05
    if fig is None:  # sized for its panels; a given figure is drawn into as it is
        fig = plt.figure(figsize=(max(panel_w * ncols + 0.3, 11.0), title_h + panel_h * nrows + legend_h))
    _, grid, foot = fig.subfigures(3, 1, height_ratios=[title_h, panel_h * nrows, legend_h])  # type: ignore[misc]
    cells = np.atleast_1d(grid.subfigures(nrows, ncols, wspace=0.02, hspace=0.02)).ravel()
    drawn: set = set()
    for i, cell in enumerate(cells):
        if i >= len(periods):
            if not periods and i == 0:
                cell.text(0.02, 0.5, "No claims in the selection.", fontsize=10)
            continue
        p = periods[i]
        label = _period_label(p, freq)
        here = rows[(row_period == p).to_numpy()]
        cell.set_gid(f"period:{label}")
        here_views = [v for v in views if placed_in_view(here, v)]
        outside: dict[str, int] = {}
        if here_views:  # every view keeps its slot, so a view sits in the same place in every panel
            gs = cell.add_gridspec(
                1, len(views), width_ratios=aspects, left=0.01, right=0.99, top=0.8, bottom=0.1, wspace=0.04
            )
        for view in here_views:
            ax = cell.add_subplot(gs[0, views.index(view)])
            info = _map_panel(ax, here, view, "small", 3, near_km)
            drawn |= info["drawn"]
            for name, _rows in info["outside"]:
                outside[name] = outside.get(name, 0) + 1
            if len(views) > 1:
                ax.set_title(view.title, fontsize=6.5, loc="left", pad=2, color="#333333")
        if not here_views:
            cell.text(
                0.5,
                0.5,
                "nothing placed in these views",
                ha="center",
                va="center",
                fontsize=8,
                style="italic",
                color="#888888",
                gid="note:nothing",
            )
        placed = here[here["status"] == "placed"]
        total = int((all_period == p).sum())
        cell.suptitle(
            f"{label}:  {len(placed)} placed of {total} claim{'s' if total != 1 else ''}",
            x=0.01,
            y=0.985,
            ha="left",
            va="top",
            fontsize=9.5,
            fontweight="bold" if len(placed) else "normal",
            color="#222222" if len(placed) else "#888888",
        )
        country = placed[placed["drawn_as"] == "country"]
        located = placed[placed["drawn_as"] != "country"]
        away = [name for name, k in outside.items() if k == len(here_views)]
        away += [p for p in located["place"].dropna().unique() if p not in outside and not here_views]
        bits = []
        if len(country):
            bits.append("country only: " + _count_text(country))
        if away:
            bits.append("outside the view: " + _count_text(located[located["place"].isin(away)]))
        if bits:
            cell.text(
                0.01,
                0.012,
                textwrap.shorten("; ".join(bits), 120),
                ha="left",
                va="bottom",
                fontsize=6.5,
                color=COUNTRY_CLAIM,
                style="italic",
                parse_math=False,
            )
    foot.set_gid("legend")
    legend_ax = foot.add_axes((0.01, 0.0, 0.98, 1.0))
    legend_ax.set_axis_off()
    _add_legends(legend_ax, rows, (0.0, 0.95), "right", drawn=drawn, notes=False)
    if title:
        height = fig.get_window_extent().height / fig.get_figure(root=True).dpi  # inches, of this (sub)figure
        fig.suptitle(title, x=0.01, y=1 - 0.08 / max(height, 0.5), ha="left", va="top", fontsize=12, fontweight="bold")
    left_out = sum(dropped.values())
    extra = (
        f"\n{left_out} row(s) left out: repeats of another row, or statements that assert nothing." if left_out else ""
    )
    fig.text(
        0.99, 0.008, _credits_text() + extra, fontsize=6.5, color="#444444", ha="right", va="bottom", gid="credits"
    )
    return fig
