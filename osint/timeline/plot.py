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
from .axes import _axes_in, _DatesUpTo, _Frame, _own_figure, _style_lane, _y_limits, lane_title
from .lanes import (
    _CHAR_EM,
    _LABEL_PT,
    _MAX_AGGREGATE_LABELS,
    _WIDTH_IN,
    Lane,
    _figure_label_texts,
    _figure_mask,
    _geometry,
    _label_texts,
    _labelled,
    _latest,
    lanes_for,
)
from .layout import LABEL_PT, Placement, _frac, layout_rug, place_lane
from .placing import text_size
from .legend import (
    _HEADERS,
    _draw_events,
    _event_rows,
    _events_frame,
    _Glyph,
    _GlyphHandler,
    _legend_entries,
    _subtitle,
)
from .marks import (
    _bin_width,
    _draw_aggregate,
    _draw_detail,
    _draw_envelopes,
    _draw_labels,
    _draw_placed,
    _draw_rug,
    _shifted,
)

__all__ = ["busiest_window", "lane_axes", "plot_timeline"]

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
    labelled: pd.DataFrame
    label_texts: list[str]


def _plan_lane(lane: Lane, rows: pd.DataFrame, max_marks: int, log: bool) -> _LanePlan:
    aggregate = len(rows) > max_marks
    counts = rows.groupby(["measure", "claimant"]).size().to_dict() if aggregate else None
    latest = _latest(rows, log)
    if counts is not None and len(latest) > _MAX_AGGREGATE_LABELS:  # an overview: label the busiest claimants
        busiest = sorted(counts, key=lambda k: (-counts[k], k))[:_MAX_AGGREGATE_LABELS]
        keys = pd.MultiIndex.from_frame(latest[["measure", "claimant"]])
        latest = latest[keys.isin(busiest)]
    labelled = rows.iloc[:0] if aggregate else _labelled(rows, log)
    return _LanePlan(
        lane, rows, aggregate, latest, _label_texts(latest, lane, counts), labelled, _figure_label_texts(labelled, lane)
    )


def busiest_window(
    claims: pd.DataFrame, days: int = 21, min_share: float = 0.2, min_rows: int = 12
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The ``days``-long window with the most statements, when a long selection crowds into it.

    None when the selection spans less than three such windows, or when its busiest window
    holds fewer than ``min_rows`` statements or less than ``min_share`` of them. The
    briefing draws the window again as a detail timeline below the overview.

    Example:
        >>> busiest_window(claims)                                    # doctest: +SKIP
        (Timestamp('2024-10-14 00:00:00'), Timestamp('2024-11-03 00:00:00'))
    """
    dates = np.sort(claims["statement_date"].dropna().to_numpy(dtype="datetime64[D]"))
    if len(dates) == 0 or (dates[-1] - dates[0]).astype(int) < 3 * days:
        return None
    ends = np.searchsorted(dates, dates + np.timedelta64(days, "D"), side="left")
    counts = ends - np.arange(len(dates))
    best = int(np.argmax(counts))
    if counts[best] < min_rows or counts[best] < min_share * len(dates):
        return None
    first = pd.Timestamp(dates[best])
    return first, first + pd.Timedelta(days=days - 1)


_BASE_LANE_PT = 118.0
_GAP_IN = 0.42  # room under each lane for its dates


def _xpt(axis_xlim: tuple[float, float], width_pt: float):
    span = axis_xlim[1] - axis_xlim[0]
    return lambda x: (np.asarray(x, dtype=float) - axis_xlim[0]) / span * width_pt


def _place(
    plan: _LanePlan,
    g: pd.DataFrame,
    optional: np.ndarray,
    axis_xlim,
    width_pt: float,
    bound_pt: float,
    height_pt: float,
    log: bool,
) -> tuple[tuple[float, float], Placement]:
    ylim = _y_limits(np.r_[g["env_lo"].to_numpy(), g["env_hi"].to_numpy()], log, height_pt)
    title_pt = len(lane_title(plan.lane)) * 9 * 0.62 + 14
    placement = place_lane(
        g,
        plan.labelled,
        plan.label_texts,
        optional,
        _xpt(axis_xlim, width_pt),
        ylim,
        log,
        bound_pt,
        height_pt,
        title_pt,
    )
    return ylim, placement


def _margin_width_in(placements: list[Placement]) -> float:
    widest = 0.0
    for p in placements:
        for i in np.flatnonzero(p.margin):
            widest = max(widest, text_size(p.texts[i] + " (30 Oct)", LABEL_PT)[0])
    return widest / 72


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
    detail: tuple[Any, Any] | None = None,
) -> Figure | SubFigure:
    """Draw ``claims`` against statement date, one lane per group of measures; return the figure.

    ``claims`` is a ledger frame as given: select rows first with
    :func:`osint.analysis.filter_claims`, whose recorded selection the subtitle describes and
    whose start and end set the date axis (``window=(start, end)`` sets it explicitly).
    ``fig``: None makes a new figure sized for its lanes and labels; a Figure or SubFigure is
    filled with the lanes (margin labels in a zone inside the axes, title above, key below).
    ``scale``: ``"linear"`` or ``"log"``. ``events`` marks landmarks: a frame with ``date``
    and ``label`` columns, or ``(date, label)`` pairs. ``lanes``: ``"grouped"``
    (:data:`LANE_GROUPS`) or ``"measure"``. A lane with more than ``max_marks`` figure rows
    is drawn aggregated, and says so. ``detail=(start, end)``: a window drawn again in a
    detail timeline (see :func:`busiest_window`); it is shaded here, and labels inside it
    are drawn only where they fit beside their mark. :func:`lane_axes` gives the lanes of
    the result; the drawing rules and the artist gids are listed in :mod:`osint.timeline`.

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
    d_lo: float | None = None
    d_hi: float | None = None
    if detail is not None:
        d_lo = float(mdates.date2num(pd.Timestamp(detail[0]).to_datetime64()))
        d_hi = float(mdates.date2num((pd.Timestamp(detail[1]) + pd.Timedelta(days=1)).to_datetime64()))

    def optional(frame: pd.DataFrame) -> np.ndarray:
        x = frame["x"].to_numpy(dtype=float)
        return (x >= d_lo) & (x < d_hi) if d_lo is not None else np.zeros(len(frame), dtype=bool)

    plans = [_plan_lane(lane, figs[figs["measure"].isin(lane.measures)], max_marks, log) for lane in lane_list]
    rug = rug.iloc[np.argsort(rug["x"].to_numpy(dtype=float), kind="stable")]
    rug_optional = optional(rug) | rug["is_rep"].to_numpy(dtype=bool) | (rug["stance"] == "asserts").to_numpy()
    rug_aggregate = len(rug) > max_marks
    events_df = _events_frame(events)
    any_aggregate = any(p.aggregate for p in plans)
    handles, labels, ncol, legend_rows = _legend_entries(
        geo,
        {c: claimant_color(c) for c in geo["claimant"].unique()},
        len(events_df) > 0,
        detail is not None,
        claimants=any_aggregate,
    )
    credits = CREDITS
    n_aggregated = sum(1 for p in plans if p.aggregate)
    if n_aggregated:
        credits += (
            f"\nAggregated lanes ({n_aggregated}, each over {max_marks:,} claims): one bar per claimant per "
            f"{_bin_width(xlim[1] - xlim[0])[2]} from the lowest to the highest figure claimed; margin labels name the "
            f"{_MAX_AGGREGATE_LABELS} busiest claimants per lane with their claim counts (n); every row is in the CSV."
        )
    colors = {c: mpl.colors.to_hex(claimant_color(c)) for c in pd.unique(geo["claimant"])}
    owned = fig is None

    def shifted(width_pt: float, span: float) -> list[pd.DataFrame]:
        nudge = span * 9 / max(width_pt, 1.0)  # about 9 points
        out = []
        for p in plans:
            g = p.rows.copy()
            g["xs"] = _shifted(g, nudge) if len(g) else np.zeros(0)
            out.append(g)
        return out

    if owned:
        gutter = 1.2
        heights_pt = [_BASE_LANE_PT] * len(plans)
        for _ in range(3):
            width_pt = (_WIDTH_IN - 1.0 - gutter) * 72
            rows = shifted(width_pt, xlim[1] - xlim[0])
            results: list[tuple[tuple[float, float], Placement] | None] = []
            for i, (p, g) in enumerate(zip(plans, rows)):
                if p.aggregate:
                    results.append(None)
                    continue
                for _ in range(4):  # grow a crowded lane so more labels sit beside their marks
                    ylim, placement = _place(p, g, optional(p.labelled), xlim, width_pt, width_pt, heights_pt[i], log)
                    n_margin = int(placement.margin.sum())
                    need = n_margin * LABEL_PT * 1.45 + 24
                    if need > heights_pt[i]:
                        heights_pt[i] = need
                    elif n_margin > 2 and heights_pt[i] < 2.2 * _BASE_LANE_PT:
                        heights_pt[i] *= 1.3
                    else:
                        break
                results.append((ylim, placement))
            rug_xpt = _xpt(xlim, width_pt)(rug["x"].to_numpy(dtype=float))
            rug_layout = (
                None if rug_aggregate or not stances else layout_rug(rug, stances, rug_xpt, width_pt, rug_optional)
            )
            margins = [r[1] for r in results if r is not None] + ([rug_layout.placement] if rug_layout else [])
            texts = [t for p in plans if p.aggregate for t in p.texts]
            need_in = (
                max(_margin_width_in(margins), max((len(t) * _LABEL_PT * _CHAR_EM / 72 for t in texts), default=0.0))
                + 0.3
            )
            if need_in <= gutter + 0.05:
                break
            gutter = min(need_in, 5.0)
        heights = [h / 72 for h in heights_pt]
        rug_h = (rug_layout.height_pt / 72 if rug_layout else 0.46 * (1 + len(stances))) if stances else 0.0
        axes_width_pt = width_pt
        ev_x, ev_labels, ev_rows = _event_rows(events_df, xlim, axes_width_pt)
        n_event_rows = max(ev_rows, default=-1) + 1
        legend_in = legend_rows * 12.0 / 72 + 0.1
        frame = _Frame(
            left=1.0,
            gutter=gutter,
            top=0.75 + legend_in + 0.14 * n_event_rows + 0.15,
            gap=_GAP_IN,
            rug_gap=0.55,
            bottom=0.55 + 0.16 * (credits.count("\n") + 1) + 0.15,
        )
        fig, axes = _own_figure(heights, rug_h, frame)
        axis_xlim = xlim
        zone = 0.0
    else:
        key_pt = 62 + 10 * credits.count("\n") + legend_rows * 12.5 + 12
        heights = [_BASE_LANE_PT / 72] * len(plans)
        rug_h = 0.46 * (1 + len(stances)) if stances else 0.0
        ev_x, ev_labels, ev_rows = _event_rows(events_df, xlim, 600.0)
        n_event_rows = max(ev_rows, default=-1) + 1
        assert fig is not None
        axes = _axes_in(fig, heights, rug_h, top_pt=36 + 10 * n_event_rows, bottom_pt=key_pt)
        axes_width_pt = _points(axes[0])[0]
        zone = min(2.2 * 72 / max(axes_width_pt, 1.0), 0.4)
        axis_xlim = (xlim[0], xlim[0] + (xlim[1] - xlim[0]) / (1 - zone))
        rows = shifted(axes_width_pt, axis_xlim[1] - axis_xlim[0])
        results = []  # of the same type as above
        for p, g, ax in zip(plans, rows, axes):
            if p.aggregate:
                results.append(None)
                continue
            results.append(
                _place(
                    p,
                    g,
                    optional(p.labelled),
                    axis_xlim,
                    axes_width_pt,
                    axes_width_pt * (1 - zone),
                    _points(ax)[1],
                    log,
                )
            )
        rug_layout = None
        if stances and not rug_aggregate:
            rug_xpt = _xpt(axis_xlim, axes_width_pt)(rug["x"].to_numpy(dtype=float))
            rug_layout = layout_rug(rug, stances, rug_xpt, axes_width_pt * (1 - zone), rug_optional)

    margin_x = 1.0 - zone
    for plan, g, result, lane_ax in zip(plans, rows, results, axes):
        lane, aggregate = plan.lane, plan.aggregate
        note = f"aggregated: {len(g):,} claims in {_bin_width(xlim[1] - xlim[0])[1]} min–max bars" if aggregate else ""
        _style_lane(lane_ax, lane, log, ylabel=not owned, aggregated=note)
        lane_ax.set_xlim(axis_xlim)
        height_pt = _points(lane_ax)[1]
        if result is None:
            lane_ax.set_ylim(_y_limits(np.r_[g["env_lo"].to_numpy(), g["env_hi"].to_numpy()], log, height_pt))
        else:
            lane_ax.set_ylim(result[0])
        _draw_envelopes(lane_ax, g, lane, xlim[1])
        if aggregate or result is None:
            _draw_aggregate(lane_ax, g, colors, lane, xlim)
            _draw_labels(
                lane_ax, plan.latest, plan.texts, colors, height_pt, carry=False, x_end=xlim[1], label_x=margin_x
            )
        else:
            _draw_detail(lane_ax, g, colors, lane, log)
            placement = result[1]
            xp = _xpt(axis_xlim, _points(lane_ax)[0])
            ylim = result[0]
            anchor_pt = np.c_[
                xp(placement.rows["x"].to_numpy(dtype=float)),
                _frac(placement.rows["y"].to_numpy(dtype=float), ylim, log) * height_pt,
            ]
            anchor_data = np.c_[placement.rows["x"].to_numpy(dtype=float), placement.rows["y"].to_numpy(dtype=float)]
            _draw_placed(lane_ax, placement, colors, anchor_pt, anchor_data, margin_x, height_pt)
        if zone:
            lane_ax.axvspan(xlim[1], axis_xlim[1], color="white", alpha=0.85, zorder=4.5, linewidth=0)

    if stances:
        rug_ax = axes[len(lane_list)]
        rug_ax.set_xlim(axis_xlim)
        rug_xpt = _xpt(axis_xlim, _points(rug_ax)[0])(rug["x"].to_numpy(dtype=float))
        _draw_rug(rug_ax, rug, colors, stances, xlim, max_marks, rug_layout, rug_xpt, margin_x)

    if d_lo is not None and d_hi is not None:
        for a in axes:
            span = a.axvspan(d_lo, d_hi, color="#ececec", zorder=0.1, linewidth=0)
            span.set_gid("detail-window")
        axes[0].annotate(
            "busiest weeks: detail below",
            xy=((d_lo + d_hi) / 2, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color=MUTED,
            annotation_clip=False,
        )

    bottom = axes[-1]
    locator = _DatesUpTo(xlim[1] if zone else None, minticks=4, maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)
    if mdates.num2date(axis_xlim[0]).strftime("%Y%m") != mdates.num2date(axis_xlim[1]).strftime("%Y%m"):
        formatter.offset_formats[2] = "%Y"  # month names are on the axis: the offset names the year
    bottom.xaxis.set_major_formatter(formatter)
    for a in axes:
        a.tick_params(axis="x", labelbottom=True, labelsize=7.5)  # dates under every lane
        a.xaxis.grid(True, color=GRID, linewidth=0.6)
        a.set_axisbelow(True)
    bottom.set_xlabel("statement date (when the claimant said it)", fontsize=8, color=INK)
    _draw_events(list(axes), ev_x, ev_labels, ev_rows)

    subtitle = _subtitle(claims, selection, log)
    legend_kw: dict[str, Any] = dict(
        handler_map={_Glyph: _GlyphHandler()},
        ncol=ncol,
        fontsize=7.5,
        frameon=False,
        handlelength=2.4,
        handleheight=1.6,
        columnspacing=1.6,
        labelspacing=0.15,
        borderaxespad=0.0,
    )
    if owned:
        assert isinstance(fig, Figure)  # made above
        height_in = fig.get_size_inches()[1]
        fig.text(0.1 / _WIDTH_IN, 1 - 0.12 / height_in, title, fontsize=13, fontweight="bold", va="top", ha="left")
        fig.text(0.1 / _WIDTH_IN, 1 - 0.45 / height_in, subtitle, fontsize=8.5, color=INK, va="top", ha="left")
        legend = fig.legend(
            handles, labels, loc="upper left", bbox_to_anchor=(1.0 / _WIDTH_IN, 1 - 0.72 / height_in), **legend_kw
        )
        credit = fig.text(
            0.1 / _WIDTH_IN, 0.1 / height_in, credits, fontsize=7, color=MUTED, va="bottom", ha="left", linespacing=1.5
        )
        lanes_top = 1 - frame.top / height_in
        lanes_bottom = axes[len(lane_list) - 1].get_position().y0 if lane_list else lanes_top
        fig.text(
            0.2 / _WIDTH_IN,
            (lanes_top + lanes_bottom) / 2,
            FIGURE_AXIS_LABEL,
            rotation=90,
            fontsize=8.5,
            color=INK,
            va="center",
            ha="center",
        )
    else:
        top = axes[0]
        top.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6 + 10 * n_event_rows),
            textcoords="offset points",
            fontsize=8.5,
            color=INK,
            ha="left",
            va="bottom",
            annotation_clip=False,
        )
        top.annotate(
            title,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 20 + 10 * n_event_rows),
            textcoords="offset points",
            fontsize=11,
            fontweight="bold",
            ha="left",
            va="bottom",
            annotation_clip=False,
        )
        below = (62 + 10 * credits.count("\n")) / max(_points(bottom)[1], 1.0)
        legend = bottom.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -below), **legend_kw)
        credit = bottom.annotate(
            credits,
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -34),
            textcoords="offset points",
            fontsize=7,
            color=MUTED,
            va="top",
            annotation_clip=False,
        )
    credit.set_gid("credits")
    for text in legend.get_texts():
        if text.get_text() in _HEADERS:
            text.set_fontweight("bold")
    assert fig is not None
    return fig
