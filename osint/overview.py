"""The overview: a compact timeline of every claimed figure, fast enough to redraw on each change.

Each figure is drawn against its statement date on one (log) axis, coloured by measure; big
selections are aggregated. The marks, colours and number formats are :mod:`osint.style`'s,
as in the full timeline (:mod:`osint.timeline`) and the maps.

Example:
    >>> ax = plot_overview(load_claims("data/claims.csv"), selected="nkr-0003")  # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .schema import DATE_PRECISIONS, MEASURES, QUALIFIERS, STANCES
from .style import (
    FIGURE_AXIS_LABEL,
    GRID,
    INK,
    KIND_MARKERS,
    MARK_KIND,
    MEASURE_LABELS,
    MUTED,
    NO_CLAIMS,
    measure_color,
    thousands,
)

__all__ = ["OVERVIEW_KEY", "overview_legend", "overview_measures", "plot_overview"]


def _mid_dates(claims: pd.DataFrame) -> np.ndarray:
    """Matplotlib date numbers at the middle of each statement's date extent."""
    day = claims["statement_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    x = mdates.date2num(day)
    precision = _codes(claims["date_precision"], DATE_PRECISIONS)
    week, month = precision == DATE_PRECISIONS.index("week"), precision == DATE_PRECISIONS.index("month")
    x[week] += 3.5
    if month.any():
        first = day[month].astype("datetime64[M]")
        start, stop = (
            mdates.date2num(first.astype("datetime64[D]")),
            mdates.date2num((first + 1).astype("datetime64[D]")),
        )
        x[month] = (start + stop) / 2
    return x


def _codes(values: pd.Series, categories: Sequence[str]) -> np.ndarray:
    """Position of each value in ``categories`` (-1 when missing or unknown), without text copies."""
    if isinstance(values.dtype, pd.CategoricalDtype) and list(values.cat.categories) == list(categories):
        return values.cat.codes.to_numpy()
    return pd.Categorical(values.astype("string"), categories=list(categories)).codes


def _log_ticks(lo: float, hi: float) -> tuple[np.ndarray, list[str]]:
    """Ticks for a log10 axis drawn linearly: powers of ten, with 2 and 5 between when few."""
    first, last = int(np.floor(lo)), int(np.ceil(hi))
    steps = (1, 2, 5) if last - first <= 3 else (1,)
    values = [m * 10.0**k for k in range(first, last + 1) for m in steps]
    ticks = np.log10([v for v in values if lo <= np.log10(v) <= hi])
    return ticks, [thousands(10**t) for t in ticks]


_MEASURE_COLORS = np.array([measure_color(m) for m in MEASURES] + [measure_color("other")], dtype=object)
_KIND_CODES = {"point": 0, "upto": 1, "atleast": 2, "range": 3}
_QUALIFIER_KIND = np.array([_KIND_CODES.get(MARK_KIND.get(q, ""), -1) for q in QUALIFIERS] + [-1])
_STANCE_ASSERTS = STANCES.index("asserts")


def plot_overview(
    claims: pd.DataFrame,
    ax: Axes | None = None,
    *,
    selected: str | None = None,
    max_marks: int = 1500,
    scale: str = "log",
    legend: bool = True,
) -> Axes:
    """A compact timeline: each claimed figure against its statement date, coloured by measure.

    Point figures are dots, "up to" figures downward and "at least" figures upward
    triangles, ranges vertical bars; repeats are hollow. Statements without a figure are
    ticks along the bottom. With more than ``max_marks`` figures the claims are drawn as one
    min–max bar per measure per week, with a dot at the median, and the axes says so.
    ``selected`` (a claim_id) is ringed. With ``scale="log"`` the y data are log10 of the
    figures, labelled in troops. ``legend=False`` leaves out the legend of measures and
    marks (the explorer shows it as HTML beside the image: text is the slow part to draw). Artist gids: ``marks:point``, ``marks:upto``,
    ``marks:atleast`` (``:repeat`` for hollow ones), ``marks:range``, ``aggregate``, ``rug``,
    ``selected``, ``note:aggregated``, ``note:empty``, ``note:key``.

    Built for speed in an interactive explorer: few text artists, one collection per kind,
    no non-linear transform. For the full drawing rules use
    :func:`osint.timeline.plot_timeline`.

    Example:
        >>> ax = plot_overview(load_claims("data/claims.csv"), selected="nkr-0003")  # doctest: +SKIP
    """
    if scale not in ("log", "linear"):
        raise ValueError(f"scale must be 'log' or 'linear', got {scale!r}")
    if ax is None:
        fig = Figure(figsize=(10, 3.4) if legend else (8.6, 3.2))
        ax = fig.add_axes((0.075, 0.17, 0.72, 0.78) if legend else (0.085, 0.14, 0.9, 0.8))
    if not len(claims):
        ax.text(0.5, 0.5, NO_CLAIMS, ha="center", va="center", transform=ax.transAxes, color=MUTED, gid="note:empty")
        ax.set_axis_off()
        return ax
    ax.set_axis_on()
    log = scale == "log"
    lo = claims["figure_low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hi = claims["figure_high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    kind = _QUALIFIER_KIND[_codes(claims["qualifier"], QUALIFIERS)]
    asserts = _codes(claims["stance"], STANCES) == _STANCE_ASSERTS
    on_axis = (~np.isnan(lo) | ~np.isnan(hi)) & asserts & (kind >= 0)
    x = _mid_dates(claims)
    if log:  # log10 drawn on a linear axis: no per-path non-linear transform when drawing
        with np.errstate(divide="ignore", invalid="ignore"):
            lo, hi = np.log10(np.maximum(lo, 1.0)), np.log10(np.maximum(hi, 1.0))
    point = np.where(kind == _KIND_CODES["upto"], hi, np.where(np.isnan(lo), hi, lo))
    y = np.where(kind == _KIND_CODES["range"], (lo + hi) / 2, point)
    measure = _codes(claims["measure"], MEASURES)
    colors = _MEASURE_COLORS[measure]
    repeat = claims["repeats"].notna().to_numpy(dtype=bool)

    figures = np.flatnonzero(on_axis)
    aggregated = len(figures) > max_marks
    if aggregated:
        _draw_aggregate(ax, x[figures], y[figures], measure[figures])
    else:
        for name, marker in KIND_MARKERS.items():
            for hollow in (False, True):
                idx = figures[(kind[figures] == _KIND_CODES[name]) & (repeat[figures] == hollow)]
                if len(idx):
                    edge = list(colors[idx])
                    ax.scatter(
                        x[idx],
                        y[idx],
                        s=22,
                        marker=marker,
                        linewidths=1.0,
                        zorder=3,
                        facecolors="none" if hollow else edge,
                        edgecolors=edge,
                        gid=f"marks:{name}" + (":repeat" if hollow else ""),
                    )
        ranges = figures[kind[figures] == _KIND_CODES["range"]]
        if len(ranges):
            segs = np.stack([np.c_[x[ranges], lo[ranges]], np.c_[x[ranges], hi[ranges]]], axis=1)
            ax.add_collection(
                LineCollection(
                    segs,  # type: ignore[arg-type]
                    colors=list(colors[ranges]),
                    linewidths=2.2,
                    zorder=3,
                    gid="marks:range",
                    capstyle="butt",
                )
            )
    rug = np.flatnonzero(~on_axis)
    if len(rug):
        rx = np.unique(np.round(x[rug], 1)) if aggregated else x[rug]
        ax.scatter(
            rx,
            np.full(len(rx), 0.03),
            marker="|",
            s=60,
            color=MUTED,
            linewidths=1.0,
            transform=ax.get_xaxis_transform(),
            zorder=2,
            gid="rug",
        )
    if selected is not None:
        where = np.flatnonzero(claims["claim_id"].to_numpy(dtype=object, na_value="") == selected)
        if len(where):
            i = where[0]
            if on_axis[i]:
                ax.scatter(
                    [x[i]],
                    [y[i]],
                    s=180,
                    marker="o",
                    facecolors="none",
                    edgecolors="#000000",
                    linewidths=1.6,
                    zorder=5,
                    gid="selected",
                )
            else:
                ax.axvline(x[i], color="#000000", linewidth=1.2, zorder=5, gid="selected")

    # axes: dates below, troops on the left; the measures shown, in a legend on the right
    if len(figures):
        ys = np.r_[lo[figures], hi[figures], y[figures]]
        ymin, ymax = float(np.nanmin(ys)), float(np.nanmax(ys))
    else:
        ymin, ymax = (0.0, 1.0)
    if log:
        bottom, top = ymin - max(0.35, (ymax - ymin) * 0.08), ymax + max(0.35, (ymax - ymin) * 0.08)
        ticks, labels = _log_ticks(bottom, top)
        ax.set_yticks(ticks, labels)
    else:
        bottom, top = 0.0, ymax * 1.12 + 1
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(thousands))
    ax.set_ylim(bottom, top)
    left, right = float(np.nanmin(x)), float(np.nanmax(x))
    pad = max((right - left) * 0.03, 4.0)
    ax.set_xlim(left - pad, right + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(labelsize=8, colors=INK)
    ax.grid(True, axis="y", color=GRID, linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel(FIGURE_AXIS_LABEL + (" (log scale)" if log else ""), fontsize=8, color=INK)
    if legend:
        shown = overview_measures(claims.iloc[figures])
        handles = [Line2D([], [], color=measure_color(m), marker="o", linestyle="", markersize=5) for m in shown]
        labels = [MEASURE_LABELS[m] for m in shown]
        if len(rug):
            handles.append(Line2D([], [], color=MUTED, marker="|", linestyle="", markersize=8))
            labels.append("no figure")
        if handles:
            ax.legend(
                handles,
                labels,
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                fontsize=7.5,
                frameon=False,
                handletextpad=0.3,
                borderaxespad=0.0,
                labelspacing=0.35,
            )
        ax.text(
            1.01,
            0.0,
            "\n".join(OVERVIEW_KEY[aggregated]),
            transform=ax.transAxes,
            fontsize=7,
            color=MUTED,
            va="bottom",
            ha="left",
            gid="note:key",
        )
    if aggregated:
        ax.text(
            0.0,
            1.0,
            f"{len(figures):,} figures: weekly min–max per measure, dot at the median",
            transform=ax.transAxes,
            fontsize=7.5,
            color=MUTED,
            va="bottom",
            ha="left",
            gid="note:aggregated",
        )
    return ax


#: What the marks mean, in detail and when aggregated.
OVERVIEW_KEY = {
    False: (
        "● figure (exact or about)",
        "▼ up to: a ceiling",
        "▲ at least: a floor",
        "| range, low to high",
        "○ hollow: a repeat of another row",
    ),
    True: ("| lowest to highest in a week", "● the week's median"),
}


def overview_measures(claims: pd.DataFrame) -> list[str]:
    """Measures of the claims with a figure on the overview, in reading order."""
    present = set(_codes(claims["measure"], MEASURES).tolist())
    return [m for i, m in enumerate(MEASURES) if i in present]


def overview_legend(claims: pd.DataFrame, max_marks: int = 1500) -> str:
    """The overview's legend as HTML: a coloured dot per measure shown, and what the marks mean.

    Example:
        >>> overview_legend(load_claims("data/claims.csv"))[:40]          # doctest: +SKIP
    """
    kind = _QUALIFIER_KIND[_codes(claims["qualifier"], QUALIFIERS)]
    asserts = _codes(claims["stance"], STANCES) == _STANCE_ASSERTS
    has = (claims["figure_low"].notna() | claims["figure_high"].notna()).to_numpy(dtype=bool)
    on_axis = has & asserts & (kind >= 0)
    items = [
        f'<div><span style="color:{measure_color(m)}">●</span> {html.escape(MEASURE_LABELS[m])}</div>'
        for m in overview_measures(claims.loc[on_axis])
    ]
    if (~on_axis).any():
        items.append(f'<div><span style="color:{MUTED}">|</span> no figure (along the bottom)</div>')
    key = "".join(f"<div>{html.escape(part)}</div>" for part in OVERVIEW_KEY[bool(on_axis.sum() > max_marks)])
    return (
        f'<div class="osint-legend" style="font-size:0.85em;line-height:1.35">{"".join(items)}'
        f'<div style="color:{MUTED};margin-top:0.5em">{key}</div></div>'
    )


def _draw_aggregate(ax: Axes, x: np.ndarray, y: np.ndarray, measure: np.ndarray) -> None:
    """One min–max bar per measure per week and a dot at the median (big selections)."""
    week = np.floor(x / 7.0).astype(np.int64)
    group = measure.astype(np.int64) * 1_000_000 + (week - week.min())
    order = np.lexsort((y, group))  # by group, then by figure within the group
    g, v = group[order], y[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    ends = np.r_[starts[1:], len(g)] - 1
    middle = (v[starts + (ends - starts) // 2] + v[starts + (ends - starts + 1) // 2]) / 2
    bx = week[order][starts] * 7.0 + 3.5
    colors = list(_MEASURE_COLORS[measure[order][starts]])
    segs = np.stack([np.c_[bx, v[starts]], np.c_[bx, v[ends]]], axis=1)
    ax.add_collection(
        LineCollection(
            segs,  # type: ignore[arg-type]
            colors=colors,
            linewidths=2.0,
            alpha=0.55,
            zorder=3,  # type: ignore[arg-type]
            gid="aggregate",
        )
    )
    ax.scatter(bx, middle, s=9, c=colors, zorder=3.1, gid="aggregate:median")
