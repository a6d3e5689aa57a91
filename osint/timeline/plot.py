"""The timeline plot: :func:`plot_timeline` (drawing rules and artist ids: :mod:`osint.timeline`).

Example:
    >>> fig = plot_timeline(filter_claims(claims, start="2024-10-01"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from ..style import CREDITS, FIGURE_AXIS_LABEL, GRID, INK, MUTED, NO_CLAIMS, claimant_color
from .axes import _axes_in, _DatesUpTo, _Frame, _own_figure, _style_lane, _y_limits
from .lanes import (
    _CHAR_EM,
    _LABEL_PT,
    _MAX_AGGREGATE_LABELS,
    _WIDTH_IN,
    Lane,
    _figure_mask,
    _geometry,
    _label_texts,
    _latest,
    lanes_for,
)
from .legend import _HEADERS, _draw_events, _event_rows, _events_frame, _Glyph, _GlyphHandler, _legend_entries, _subtitle
from .marks import _bin_width, _draw_aggregate, _draw_detail, _draw_envelopes, _draw_labels, _draw_rug

__all__ = ["lane_axes", "plot_timeline"]

DEFAULT_TITLE = "Troop-figure claims by statement date: who said how many, when"


def _date_window(geo: pd.DataFrame, start: Any, end: Any) -> tuple[float, float]:
    """The x range: the selection's window when known, else the data; padded, three weeks at least."""
    lo_x, hi_x = float(geo["x0"].min()), float(geo["x1"].max())
    if start:
        lo_x = min(lo_x, float(mdates.date2num(pd.Timestamp(start).to_datetime64())))
    if end:
        hi_x = max(hi_x, float(mdates.date2num(pd.Timestamp(end).to_datetime64())))
    pad = max((hi_x - lo_x) * 0.03, 3.0)
    lo_x, hi_x = lo_x - pad, hi_x + pad
    if hi_x - lo_x < 21:
        mid = (lo_x + hi_x) / 2
        lo_x, hi_x = mid - 10.5, mid + 10.5
    return lo_x, hi_x


def _points(artist: Axes | Figure | SubFigure) -> tuple[float, float]:
    """Width and height of an axes or (sub)figure, in points."""
    root = artist.get_figure(root=True)
    assert root is not None, "drawn in a figure"
    dpi = root.dpi
    return artist.bbox.width * 72 / dpi, artist.bbox.height * 72 / dpi


def lane_axes(fig: Figure | SubFigure) -> list[Axes]:
    """The lane axes of a drawn timeline, top to bottom, the rug last.

    Example:
        >>> [ax.get_gid() for ax in lane_axes(plot_timeline(claims))]      # doctest: +SKIP
        ['lane:pledged', 'lane:in_russia', 'lane:rug']
    """
    return [ax for ax in fig.axes if str(ax.get_gid() or "").startswith("lane:")]


class _LanePlan(NamedTuple):
    """What one lane will show, known before the figure is sized."""

    lane: Lane
    rows: pd.DataFrame
    aggregate: bool
    latest: pd.DataFrame
    texts: list[str]


def _plan_lane(lane: Lane, rows: pd.DataFrame, max_marks: int, log: bool) -> _LanePlan:
    aggregate = len(rows) > max_marks
    counts = rows.groupby(["measure", "claimant"]).size().to_dict() if aggregate else None
    latest = _latest(rows, log)
    if counts is not None and len(latest) > _MAX_AGGREGATE_LABELS:  # an overview: label the busiest claimants
        busiest = sorted(counts, key=lambda k: (-counts[k], k))[:_MAX_AGGREGATE_LABELS]
        keys = pd.MultiIndex.from_frame(latest[["measure", "claimant"]])
        latest = latest[keys.isin(busiest)]
    return _LanePlan(lane, rows, aggregate, latest, _label_texts(latest, lane, counts))


def plot_timeline(
    claims: pd.DataFrame,
    fig: Figure | SubFigure | None = None,
    *,
    window: tuple[Any, Any] | None = None,
    scale: str = "linear",
    events: pd.DataFrame | Iterable[tuple] | None = None,
    title: str | None = None,
    lanes: str = "grouped",
    max_marks: int = 400,
) -> Figure | SubFigure:
    """Draw ``claims`` against statement date, one lane per group of measures; return the figure.

    ``claims`` is a ledger frame as given: select rows first with
    :func:`osint.analysis.filter_claims`, whose recorded selection the subtitle describes and
    whose start and end set the date axis (``window=(start, end)`` sets it explicitly).
    ``fig``: None makes a new figure sized for its lanes and labels; a Figure or SubFigure is
    filled with the lanes (labels in a margin inside the axes, title above, key below).
    ``scale``: ``"linear"`` or ``"log"``. ``events`` marks landmarks: a frame with ``date``
    and ``label`` columns, or ``(date, label)`` pairs. ``lanes``: ``"grouped"``
    (:data:`LANE_GROUPS`) or ``"measure"``. A lane with more than ``max_marks`` figure rows
    is drawn aggregated, and says so. :func:`lane_axes` gives the lanes of the result; the
    drawing rules and the artist gids are listed in :mod:`osint.timeline`.

    Example:
        >>> rows = filter_claims(claims, start="2024-10-01", min_reliability="C")  # doctest: +SKIP
        >>> fig = plot_timeline(rows, scale="log")                         # doctest: +SKIP
        >>> [a.get_gid() for a in lane_axes(fig)]                          # doctest: +SKIP
        ['lane:pledged', 'lane:in_russia', 'lane:rug']
    """
    if scale not in ("linear", "log"):
        raise ValueError(f"scale must be 'linear' or 'log', got {scale!r}")
    log = scale == "log"
    selection = dict(claims.attrs.get("selection") or {})
    start, end = window if window is not None else (selection.get("start"), selection.get("end"))
    geo = _geometry(claims)
    on_lane = _figure_mask(claims)
    lane_list = lanes_for(claims, lanes)
    figs, rug = geo[on_lane], geo[~on_lane]
    stances = [s for s in ("cannot_confirm", "denies", "asserts") if (rug["stance"] == s).any()]
    title = title or DEFAULT_TITLE

    if not lane_list and not stances:
        if fig is None:
            fig = plt.figure(figsize=(_WIDTH_IN, 3))
            empty = fig.add_axes((0.05, 0.1, 0.9, 0.75))
            fig.text(0.01, 0.97, title, fontsize=13, fontweight="bold", va="top")
        else:
            empty = fig.add_subplot()
        empty.set_gid("lane:empty")
        empty.text(0.5, 0.5, NO_CLAIMS, ha="center", va="center", transform=empty.transAxes, gid="note:empty")
        empty.set_axis_off()
        return fig

    xlim = _date_window(geo, start, end)
    plans = [_plan_lane(lane, figs[figs["measure"].isin(lane.measures)], max_marks, log) for lane in lane_list]
    heights = [max(2.3, 0.7 + len(p.latest) * _LABEL_PT * 1.3 / 72) for p in plans]
    rug_h = 0.46 * (1 + len(stances)) if stances else 0.0
    widest = max([len(t) for p in plans for t in p.texts] + [20])
    gutter = min(max(widest * _LABEL_PT * _CHAR_EM / 72 + 0.35, 1.4), 4.6)
    axes_width_pt = (_WIDTH_IN - 1.0 - gutter) * 72
    events_df = _events_frame(events)
    ev_x, ev_labels, ev_rows = _event_rows(events_df, xlim, axes_width_pt)
    n_event_rows = max(ev_rows, default=-1) + 1
    handles, labels, ncol, legend_rows = _legend_entries(geo, {c: claimant_color(c) for c in geo["claimant"].unique()},
                                                         bool(len(ev_x)))

    credits = CREDITS
    n_aggregated = sum(1 for p in plans if p.aggregate)
    if n_aggregated:
        credits += (
            f"\nAggregated lanes ({n_aggregated}, each over {max_marks:,} claims): one bar per claimant per "
            f"{_bin_width(xlim[1] - xlim[0])[2]} from the lowest to the highest figure claimed; margin labels name the "
            f"{_MAX_AGGREGATE_LABELS} busiest claimants per lane with their claim counts (n); every row is in the CSV."
        )
    owned = fig is None
    if fig is None:
        frame = _Frame(
            left=1.0, gutter=gutter, top=0.85 + 0.14 * n_event_rows, gap=0.16, rug_gap=0.4,
            bottom=0.6 + legend_rows * 12.5 / 72 + 0.2 + 0.16 * (credits.count("\n") + 1) + 0.1,
        )
        fig, axes = _own_figure(heights, rug_h, frame)
    else:
        key_pt = 62 + 10 * credits.count("\n") + legend_rows * 12.5 + 12
        axes = _axes_in(fig, heights, rug_h, top_pt=36 + 10 * n_event_rows, bottom_pt=key_pt)
        axes_width_pt = _points(axes[0])[0]
    # labels go in a margin: outside an owned figure's lanes, else in a zone inside the axes
    zone = 0.0 if owned else min(gutter * 72 / max(axes_width_pt, 1.0), 0.45)
    axis_xlim = (xlim[0], xlim[0] + (xlim[1] - xlim[0]) / (1 - zone))
    colors = {c: mpl.colors.to_hex(claimant_color(c)) for c in pd.unique(geo["claimant"])}
    nudge = (xlim[1] - xlim[0]) * 9 / max(axes_width_pt, 1.0)  # about 9 points

    for (lane, g, aggregate, latest, texts), lane_ax in zip(plans, axes):
        note = f"aggregated: {len(g):,} claims in {_bin_width(xlim[1] - xlim[0])[1]} min–max bars" if aggregate else ""
        _style_lane(lane_ax, lane, log, ylabel=not owned, aggregated=note)
        lane_ax.set_xlim(axis_xlim)
        height_pt = _points(lane_ax)[1]
        lane_ax.set_ylim(_y_limits(np.r_[g["env_lo"].to_numpy(), g["env_hi"].to_numpy()], log, height_pt))
        _draw_envelopes(lane_ax, g, lane, xlim[1])
        if aggregate:
            _draw_aggregate(lane_ax, g, colors, lane, xlim)
        else:
            _draw_detail(lane_ax, g, colors, lane, log, nudge)
        _draw_labels(lane_ax, latest, texts, colors, height_pt, carry=not aggregate and len(latest) <= 10,
                     x_end=xlim[1], label_x=1.0 - zone)
        if zone:
            lane_ax.axvspan(xlim[1], axis_xlim[1], color="white", alpha=0.85, zorder=4.5, linewidth=0)

    if stances:
        rug_ax = axes[len(lane_list)]
        rug_ax.set_xlim(axis_xlim)
        _draw_rug(rug_ax, rug, colors, stances, xlim, max_marks, axes_width_pt)

    bottom = axes[-1]
    locator = _DatesUpTo(xlim[1] if zone else None, minticks=4, maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)
    if mdates.num2date(axis_xlim[0]).strftime("%Y%m") != mdates.num2date(axis_xlim[1]).strftime("%Y%m"):
        formatter.offset_formats[2] = "%Y"  # month names are on the axis: the offset names the year
    bottom.xaxis.set_major_formatter(formatter)
    for a in axes[:-1]:
        a.tick_params(labelbottom=False)
    for a in axes:
        a.xaxis.grid(True, color=GRID, linewidth=0.6)
        a.set_axisbelow(True)
    bottom.set_xlabel("statement date (when the claimant said it)", fontsize=8, color=INK)
    _draw_events(list(axes), ev_x, ev_labels, ev_rows)

    subtitle = _subtitle(claims, selection, log)
    legend_kw: dict[str, Any] = dict(
        handler_map={_Glyph: _GlyphHandler()}, ncol=ncol, fontsize=7.5, frameon=False, handlelength=2.4,
        handleheight=1.8, columnspacing=1.6, labelspacing=0.2, borderaxespad=0.0,
    )
    if owned:
        assert isinstance(fig, Figure)  # made above
        height_in = fig.get_size_inches()[1]
        fig.text(0.1 / _WIDTH_IN, 1 - 0.12 / height_in, title, fontsize=13, fontweight="bold", va="top", ha="left")
        fig.text(0.1 / _WIDTH_IN, 1 - 0.45 / height_in, subtitle, fontsize=8.5, color=INK, va="top", ha="left")
        legend_top = (frame.bottom - 0.6) / height_in
        anchor = (0.1 / _WIDTH_IN, legend_top)
        legend = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=anchor, **legend_kw)
        credit = fig.text(0.1 / _WIDTH_IN, 0.1 / height_in, credits, fontsize=7, color=MUTED, va="bottom", ha="left",
                          linespacing=1.5)
        lanes_top = 1 - frame.top / height_in
        lanes_bottom = axes[len(lane_list) - 1].get_position().y0 if lane_list else lanes_top
        fig.text(0.2 / _WIDTH_IN, (lanes_top + lanes_bottom) / 2, FIGURE_AXIS_LABEL, rotation=90, fontsize=8.5,
                 color=INK, va="center", ha="center")
    else:
        top = axes[0]
        top.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 6 + 10 * n_event_rows),
                     textcoords="offset points", fontsize=8.5, color=INK, ha="left", va="bottom",
                     annotation_clip=False)
        top.annotate(title, xy=(0, 1), xycoords="axes fraction", xytext=(0, 20 + 10 * n_event_rows),
                     textcoords="offset points", fontsize=11, fontweight="bold", ha="left", va="bottom",
                     annotation_clip=False)
        below = (62 + 10 * credits.count("\n")) / max(_points(bottom)[1], 1.0)
        legend = bottom.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -below), **legend_kw)
        credit = bottom.annotate(credits, xy=(0, 0), xycoords="axes fraction", xytext=(0, -34),
                                 textcoords="offset points", fontsize=7, color=MUTED, va="top", annotation_clip=False)
    credit.set_gid("credits")
    for text in legend.get_texts():
        if text.get_text() in _HEADERS:
            text.set_fontweight("bold")
    return fig
