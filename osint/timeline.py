"""Timelines of troop-figure claims: who said how many, when, and how sure.

:func:`plot_timeline` draws claims against their statement date, one lane (panel) per
group of measures, with a colour per claimant (:func:`osint.style.claimant_color`) and a
marker shape per claimant type. Statements without a figure (cannot confirm, denies,
asserts with no number) sit in a rug lane below, on the same date axis.

How a claim is drawn
    exact               filled marker
    about               half-filled marker
    range               vertical bar from low to high with a marker at each end
    up_to / fewer_than  marker at the ceiling and a stroke that fades out downward: no floor
    at_least/more_than  marker at the floor and a stroke that fades out upward: no ceiling
    week / month        a translucent band over the 7 days from statement_date, or over the
                        calendar month; the marker sits in its middle, not on a false day
    repeat              hollow marker joined to the row it repeats by a dotted line; repeats
                        never count as corroboration (no envelope, join line or label)
    join line           thin line through one claimant's successive claims of one measure
                        (solid for a lane's first measure, dashed for its second)
    envelope            shaded step band per measure: lowest and highest of the latest claim
                        of each distinct claimant (a bound counts as its stated figure)
    label               each claimant's latest figure per measure, in the right margin,
                        spread apart so they do not overlap (an owned figure's lanes grow
                        to fit them)

A lane with more than ``max_marks`` figure rows (default 400) is drawn aggregated: one
min-max bar per claimant per day, week or month, a note in the lane title and under the
figure, and margin labels for the eight busiest claimants with their claim counts. Every
row stays in the exported CSV.

Artist ids (``artist.get_gid()``), for tests and for post-editing a figure
    ``point:<id>``    marker of an exact or about claim (Line2D)
    ``range:<id>``    bar of a range claim (Line2D, two vertices low..high)
    ``upto:<id>``     marker of an up_to / fewer_than claim (Line2D at figure_high)
    ``atleast:<id>``  marker of an at_least / more_than claim (Line2D at figure_low)
    ``fade:<id>``     open end of a bound (LineCollection anchored at the marker, drawn
                      in points; the segments' alpha falls to near zero)
    ``extent:<id>``   week/month extent (Line2D, or Rectangle for a range)
    ``repeat:<id>``   dotted link from repeat row ``<id>`` to the row it repeats (Line2D)
    ``rug:<id>``      mark of a statement without a plotted figure in the rug lane
    ``label:<id>``    margin label naming the latest claim ``<id>`` (Text)
    ``join:<measure>:<claimant>``, ``carry:<measure>:<claimant>`` (latest claim carried
    to the margin), ``envelope:<measure>``, ``aggregate:<lane key>``, ``rugcount:<stance>``,
    ``event:<n>``, ``leaders``, ``credits``; a lane's title is ``title:<lane key>``, or
    ``note:aggregated`` when the lane is aggregated.
    Lane axes carry ``lane:<key>`` (see :data:`LANE_GROUPS`) and ``lane:rug``.

Example:
    >>> from osint import load_claims                                  # doctest: +SKIP
    >>> rows = filter_claims(load_claims("data/claims.csv"), start="2024-10-01")  # doctest: +SKIP
    >>> axes = plot_timeline(rows, events=[("2024-10-23", "US: troops in Russia")])  # doctest: +SKIP
    >>> save_timeline(axes[0].figure, rows, "reports/figures", "timeline")        # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .analysis import as_list, filter_claims
from .io import atomic_write
from .schema import COLUMNS, MEASURES
from .style import (
    CLAIMANT_TYPE_LABELS,
    CREDITS,
    MEASURE_LABELS,
    claimant_color,
    claimant_label,
    claimant_type_marker,
    measure_color,
)

__all__ = [
    "LANE_GROUPS",
    "Lane",
    "filter_claims",
    "figure_label",
    "lanes_for",
    "plot_timeline",
    "save_timeline",
]


class Lane(NamedTuple):
    """One panel of a timeline: a key (for ``lane:<key>`` gids), a title, its measures."""

    key: str
    title: str
    measures: tuple[str, ...]


#: Default grouping: measures that describe the same stage share a lane.
LANE_GROUPS: tuple[Lane, ...] = (
    Lane("pledged", "Pledged or preparing", ("pledged_or_preparing",)),
    Lane("in_russia", "In Russia: mustering or arrived", ("mustering_in_russia", "arrived_in_russia")),
    Lane("front", "At the front: deployed or in combat", ("deployed_to_front", "in_combat")),
    Lane("casualties", "Casualties (killed + wounded)", ("casualties",)),
    Lane("killed", "Killed", ("killed",)),
    Lane("wounded", "Wounded", ("wounded",)),
    Lane("captured", "Captured", ("captured",)),
    Lane("other", "Other measures", ("other",)),
)

_SIGNS = {"exact": "", "about": "~", "up_to": "≤", "fewer_than": "<", "at_least": "≥", "more_than": ">"}
_KIND = {
    "exact": "point",
    "about": "point",
    "range": "range",
    "up_to": "upto",
    "fewer_than": "upto",
    "at_least": "atleast",
    "more_than": "atleast",
}
_STANCE_ROWS = {"asserts": "asserts, no figure", "cannot_confirm": "cannot confirm", "denies": "denies"}
_DASHES = ("-", (0, (4, 2)), (0, (1, 1.5)))
_INK = "#333333"
_MUTED = "#666666"
_GRID = "#e6e6e6"
_LABEL_PT = 7.5
_MAX_AGGREGATE_LABELS = 8
_CHAR_EM = 0.58  # mean glyph width of DejaVu Sans, in em, to size margins before drawing
_WIDTH_IN = 12.5


# --- selection ---------------------------------------------------------------------------


def _given(value) -> bool:
    return value is not None and str(value) != ""


def figure_label(qualifier: str, low: float | None, high: float | None) -> str:
    """A claimed figure as a compact figure label: ``≤12,000``, ``~10,000``, ``1,000–2,000``.

    (Tables spell the qualifier out instead: :func:`osint.tables.format_figure`.)

    Example:
        >>> figure_label("up_to", None, 12000)
        '≤12,000'
        >>> figure_label("range", 1000, 2000)
        '1,000–2,000'
    """

    def num(v: float | None) -> str:
        return "?" if v is None or pd.isna(v) else f"{int(v):,}"

    qualifier = str(qualifier)
    if qualifier == "range":
        return f"{num(low)}–{num(high)}"
    if qualifier in ("up_to", "fewer_than"):
        return _SIGNS[qualifier] + num(high)
    if qualifier in ("at_least", "more_than"):
        return _SIGNS[qualifier] + num(low)
    if qualifier in ("exact", "about"):
        return _SIGNS[qualifier] + num(high if low is None or pd.isna(low) else low)
    return "no figure"


def _figure_mask(claims: pd.DataFrame) -> np.ndarray:
    """Rows drawn in a figure lane: assertions that carry a figure and a figure qualifier."""
    has = (claims["figure_low"].notna() | claims["figure_high"].notna()).to_numpy(dtype=bool)
    asserts = (claims["stance"] == "asserts").to_numpy(dtype=bool, na_value=False)
    qualified = claims["qualifier"].isin(list(_KIND)).to_numpy(dtype=bool)
    return has & asserts & qualified


def lanes_for(claims: pd.DataFrame, lanes: str = "grouped") -> list[Lane]:
    """The lanes a timeline of ``claims`` needs, in reading order.

    ``lanes="grouped"`` uses :data:`LANE_GROUPS`; ``"measure"`` gives one lane per measure.
    Only lanes with at least one figure to draw are returned.

    Example:
        >>> [lane.key for lane in lanes_for(claims)]                   # doctest: +SKIP
        ['pledged', 'in_russia']
    """
    if lanes == "grouped":
        groups = LANE_GROUPS
    elif lanes == "measure":
        groups = tuple(Lane(m, MEASURE_LABELS[m].capitalize(), (m,)) for m in MEASURES)
    else:
        raise ValueError(f"lanes must be 'grouped' or 'measure', got {lanes!r}")
    present = set(claims.loc[_figure_mask(claims), "measure"].astype("string").unique())
    return [lane for lane in groups if present & set(lane.measures)]


# --- geometry ---------------------------------------------------------------------------


def _text(series: pd.Series, missing: str = "", mapping: dict[str, str] | None = None) -> pd.Series:
    """A column as plain Python strings (object dtype: fast to compare and iterate).

    With ``mapping``, each value is replaced by ``mapping[value]`` (``missing`` if absent).
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        names = series.cat.categories.astype(str).to_numpy(dtype=object)
        if mapping is not None:
            names = np.array([mapping.get(n, missing) for n in names], dtype=object)
        names = np.append(names, missing)
        values = names[series.cat.codes.to_numpy()]  # code -1 (missing) picks the last
    else:  # factorize: one Python string per distinct value, not one per row
        codes, uniques = pd.factorize(series.astype("string"))
        names = np.asarray(uniques.to_numpy(dtype=object, na_value=missing), dtype=object)
        if mapping is not None:
            names = np.array([mapping.get(n, missing) for n in names], dtype=object)
        values = np.append(names, missing)[codes]
    return pd.Series(values, dtype=object)


def _geometry(claims: pd.DataFrame) -> pd.DataFrame:
    """Per-row drawing quantities: date extent (x0, x1), mark date x, figures as floats."""
    day = claims["statement_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    precision = _text(claims["date_precision"], "day").to_numpy()
    start, stop = day.copy(), day.copy()
    week, month = precision == "week", precision == "month"
    stop[week] = day[week] + np.timedelta64(7, "D")
    first = day[month].astype("datetime64[M]")
    start[month] = first.astype("datetime64[D]")
    stop[month] = (first + 1).astype("datetime64[D]")
    x0, x1 = mdates.date2num(start), mdates.date2num(stop)
    lo = claims["figure_low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hi = claims["figure_high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    qualifier = _text(claims["qualifier"], "none")
    repeats = claims["repeats"]
    ccode, names = pd.factorize(claims["claimant"].astype("string"))
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"].astype("string").reset_index(drop=True),
            "claimant": pd.Series(np.append(names.to_numpy(dtype=object, na_value=""), "")[ccode], dtype=object),
            "ctype": _text(claims["claimant_type"], "other"),
            "stance": _text(claims["stance"]),
            "measure": _text(claims["measure"], "other"),
            "qualifier": qualifier,
            "precision": pd.Series(precision, dtype=object),
            "kind": _text(claims["qualifier"], "none", _KIND),
            "x0": x0,
            "x1": x1,
            "x": (x0 + x1) / 2,
            "lo": lo,
            "hi": hi,
            "env_lo": np.where(np.isnan(lo), hi, lo),
            "env_hi": np.where(np.isnan(hi), lo, hi),
            "is_rep": repeats.notna().to_numpy(dtype=bool),
            "origin": _text(repeats),
            "ccode": ccode,
        }
    )


def _y_anchor(g: pd.DataFrame, log: bool) -> np.ndarray:
    """One y per row for join lines, labels and links: the figure, or a range's middle."""
    lo, hi = g["env_lo"].to_numpy(dtype=float), g["env_hi"].to_numpy(dtype=float)
    mid = np.sqrt(lo * hi) if log else (lo + hi) / 2
    kind = g["kind"].to_numpy(dtype=object)
    return np.where(kind == "range", mid, np.where(kind == "upto", hi, lo))


def _envelope(g: pd.DataFrame, x_end: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step envelope over time: min and max of each distinct claimant's latest figures."""
    own = g[~g["is_rep"]]
    if own.empty:
        return np.array([]), np.array([]), np.array([])
    xs, xi = np.unique(own["x"].to_numpy(dtype=float), return_inverse=True)
    ci = pd.factorize(own["ccode"].to_numpy())[0]
    low = np.full((len(xs), ci.max() + 1), np.nan)
    high = low.copy()
    np.fmin.at(low, (xi, ci), own["env_lo"].to_numpy(dtype=float))
    np.fmax.at(high, (xi, ci), own["env_hi"].to_numpy(dtype=float))
    lows = np.nanmin(pd.DataFrame(low).ffill().to_numpy(), axis=1)
    highs = np.nanmax(pd.DataFrame(high).ffill().to_numpy(), axis=1)
    return np.append(xs, max(x_end, xs[-1])), np.append(lows, lows[-1]), np.append(highs, highs[-1])


def _latest(g: pd.DataFrame, log: bool) -> pd.DataFrame:
    """Each claimant's latest independent claim per measure, with its anchor y."""
    own = g[~g["is_rep"]]
    own = own.iloc[np.argsort(own["x"].to_numpy(dtype=float), kind="stable")]
    latest = own.drop_duplicates(["measure", "ccode"], keep="last").copy()
    latest["y"] = _y_anchor(latest, log)
    return latest


def _label_texts(latest: pd.DataFrame, lane: Lane, counts: dict | None) -> list[str]:
    texts = []
    for r in latest.itertuples(index=False):
        text = f"{claimant_label(r.claimant, 30)}  {figure_label(r.qualifier, r.lo, r.hi)}"
        if len(lane.measures) > 1:
            text += " " + MEASURE_LABELS[r.measure].split(" ")[0]
        if counts is not None:
            text += f"  (n={counts.get((r.measure, r.claimant), 0):,})"
        texts.append(text)
    return texts


# --- axes ---------------------------------------------------------------------------------


class _Frame(NamedTuple):
    """Sizes (inches) of an owned figure: margins around the lanes."""

    left: float
    gutter: float
    top: float
    bottom: float
    gap: float
    rug_gap: float


def _own_figure(lane_heights: Sequence[float], rug_h: float, frame: _Frame) -> tuple[Figure, list[Axes]]:
    """A figure with lanes stacked at fixed sizes; no layout engine (fast and repeatable)."""
    n = len(lane_heights)
    body = sum(lane_heights) + frame.gap * max(n - 1, 0) + (frame.rug_gap + rug_h if rug_h else 0.0)
    height = frame.top + body + frame.bottom
    fig = plt.figure(figsize=(_WIDTH_IN, height))
    width = (_WIDTH_IN - frame.left - frame.gutter) / _WIDTH_IN
    y = height - frame.top
    axes: list[Axes] = []
    for i, h in enumerate(list(lane_heights) + ([rug_h] if rug_h else [])):
        if i == n:
            y -= frame.rug_gap - frame.gap
        y -= h
        rect = (frame.left / _WIDTH_IN, y / height, width, h / height)
        axes.append(fig.add_axes(rect, sharex=axes[0] if axes else None))
        y -= frame.gap
    return fig, axes


def _given_axes(ax, n_lanes: int, rug_h: float, lane_heights: Sequence[float]) -> list[Axes]:
    total = n_lanes + (1 if rug_h else 0)
    ratios = list(lane_heights) + ([rug_h] if rug_h else [])
    if isinstance(ax, Axes):
        if total == 1:
            return [ax]
        spec = ax.get_subplotspec()
        if spec is None:
            raise ValueError(f"this timeline needs {total} lanes: pass {total} axes, or one axes made by subplots")
        fig = ax.figure
        ax.remove()
        gs = spec.subgridspec(total, 1, height_ratios=ratios, hspace=0.12)
        axes: list[Axes] = []
        for i in range(total):
            axes.append(fig.add_subplot(gs[i], sharex=axes[0] if axes else None))
        return axes
    given = list(np.ravel(np.asarray(ax, dtype=object)))
    if len(given) < total:
        rug = " and a rug" if rug_h else ""
        raise ValueError(f"this timeline needs {total} axes ({n_lanes} lanes{rug}), got {len(given)}")
    for extra in given[total:]:
        extra.set_visible(False)
    return given[:total]


def _y_limits(values: np.ndarray, log: bool, height_pt: float) -> tuple[float, float]:
    """Limits with room above the highest figure for its open-ended stroke and the lane title."""
    values = values[np.isfinite(values)]
    room = min(max(48.0 / max(height_pt, 1.0), 0.15), 0.4)  # fraction of the lane kept free on top
    if log:
        positive = values[values > 0]
        if positive.size == 0:
            return 0.5, 10.0
        low, high = float(positive.min()) / 2.0, float(positive.max())
        return low, low * (high / low) ** (1 / (1 - room))
    top = float(values.max()) if values.size else 1.0
    return 0.0, max(top / (1 - room), 1.0)


def _thousands(value: float, _pos=None) -> str:
    return f"{value:,.0f}"


def _style_lane(ax: Axes, lane: Lane, log: bool, ylabel: bool, aggregated: str = "") -> None:
    ax.set_gid(f"lane:{lane.key}")
    ax.grid(axis="y", color=_GRID, lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, colors=_INK)
    if log:
        ax.set_yscale("log", nonpositive="clip")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_formatter(mticker.NullFormatter())
    else:
        ax.yaxis.set_major_locator(mticker.MaxNLocator(5, integer=True))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    if ylabel:
        ax.set_ylabel("troops, as claimed", fontsize=8, color=_INK)
    title = lane.title
    if aggregated:
        title += f"   · {aggregated}"
    elif len(lane.measures) > 1:
        styles = ("solid", "dashed", "dotted")
        title += "   (join lines: " + ", ".join(
            f"{MEASURE_LABELS[m].split(' ')[0]} {styles[i]}" for i, m in enumerate(lane.measures)
        ) + ")"
    head = ax.text(
        0.005, 0.97, title, transform=ax.transAxes, ha="left", va="top", fontsize=9, fontweight="bold",
        color="#a00000" if aggregated else _INK, bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.8),
        zorder=6,
    )
    head.set_gid("note:aggregated" if aggregated else f"title:{lane.key}")


class _DatesUpTo(mdates.AutoDateLocator):
    """Date ticks, none past ``limit`` (the label zone of a lane drawn in given axes)."""

    def __init__(self, limit: float | None, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def __call__(self):
        ticks = super().__call__()
        return ticks if self.limit is None else [t for t in ticks if t <= self.limit]


# --- marks --------------------------------------------------------------------------------


def _add(ax: Axes, artist, gid: str | None = None):
    """Add an artist without autoscaling (limits are set explicitly), clipped to the axes; tag it."""
    if gid is not None:
        artist.set_gid(gid)
    if artist.get_clip_on() and artist.get_clip_path() is None:
        clip = getattr(ax, "_osint_clip", None)
        if clip is None:  # one clip path per axes, shared: building one per artist is slow
            clip = ax._osint_clip = mtransforms.TransformedPatchPath(ax.patch)
        artist.set_clip_path(clip)
    ax.add_artist(artist)
    return artist


def _marker_size(marker: str) -> float:
    return {"*": 11.0, "P": 8.0, "X": 8.0, "h": 8.0, "p": 8.0}.get(marker, 7.0)


def _mark_style(color: str, marker: str, qualifier: str, repeat: bool) -> dict:
    style = dict(marker=marker, markersize=_marker_size(marker), color=color, linestyle="none", zorder=4)
    if repeat:
        style.update(fillstyle="none", markerfacecolor="none", markeredgecolor=color, markeredgewidth=1.2, alpha=0.9)
    elif qualifier == "about":
        style.update(fillstyle="bottom", markerfacecolor=color, markerfacecoloralt="white",
                     markeredgecolor=color, markeredgewidth=1.1)
    else:
        style.update(markerfacecolor=color, markeredgecolor="white", markeredgewidth=0.6)
    return style


def _fade(ax: Axes, x: float, y: float, color: str, direction: int, gap_pt: float, gid: str) -> LineCollection:
    """A stroke that starts at the marker and fades out over ~30 points, with no end cap."""
    n, step = 16, 1.8
    segs = [[(0.0, direction * (gap_pt + i * step)), (0.0, direction * (gap_pt + (i + 1) * step))] for i in range(n)]
    rgba = np.tile(mpl.colors.to_rgba(color), (n, 1))
    rgba[:, 3] = np.linspace(1.0, 0.03, n)
    points = mtransforms.Affine2D().scale(1 / 72) + ax.figure.dpi_scale_trans
    coll = LineCollection(
        segs, colors=rgba, linewidths=2.2, capstyle="butt", antialiaseds=False, transform=points,
        offsets=[(x, y)] * n, offset_transform=ax.transData, zorder=3,
    )
    return _add(ax, coll, gid)


def _draw_claim(ax: Axes, r, color: str, x: float) -> None:
    """The marks of one figure row (tagged with gids, see the module docstring)."""
    repeat = bool(r.is_rep)
    marker = claimant_type_marker(r.ctype)
    style = _mark_style(color, marker, r.qualifier, repeat)
    cid = r.claim_id
    if r.precision in ("week", "month"):
        if r.kind == "range":
            box = Rectangle(
                (r.x0, r.lo), r.x1 - r.x0, r.hi - r.lo, facecolor=color, edgecolor=color, linewidth=0.6,
                alpha=0.12 if repeat else 0.18, zorder=2, transform=ax.transData,
            )
            _add(ax, box, f"extent:{cid}")
        else:
            y = r.hi if r.kind == "upto" else r.lo
            band = Line2D(
                [r.x0, r.x1], [y, y], color=color, linewidth=4.5, alpha=0.22 if repeat else 0.32,
                solid_capstyle="butt", marker="|", markersize=7, markeredgewidth=1.0, zorder=2,
            )
            _add(ax, band, f"extent:{cid}")
    gap = _marker_size(marker) / 2 + 1
    if r.kind == "range":
        line = Line2D([x, x], [r.lo, r.hi], **{**style, "linestyle": ":" if repeat else "-"}, linewidth=2.4,
                      solid_capstyle="butt")
    elif r.kind == "upto":
        line = Line2D([x], [r.hi], **style)
        _fade(ax, x, r.hi, color, -1, gap, f"fade:{cid}")
    elif r.kind == "atleast":
        line = Line2D([x], [r.lo], **style)
        _fade(ax, x, r.lo, color, +1, gap, f"fade:{cid}")
    else:
        line = Line2D([x], [r.env_lo], **style)
    _add(ax, line, f"{r.kind}:{cid}")


def _draw_detail(ax: Axes, g: pd.DataFrame, colors: dict[str, str], lane: Lane, log: bool, nudge: float) -> None:
    g = g.iloc[np.argsort(g["x"].to_numpy(dtype=float), kind="stable")].copy()
    g["y"] = _y_anchor(g, log)
    pos = {cid: (x, y) for cid, x, y in zip(g["claim_id"], g["x"], g["y"])}
    # a repeat that would hide under its origin is moved right, one step per repeat
    shifted = g["x"].to_numpy(dtype=float).copy()
    seen: dict[str, int] = {}
    for i, origin in enumerate(g["origin"]):
        if origin and origin in pos:
            seen[origin] = seen.get(origin, 0) + 1
            if abs(shifted[i] - pos[origin][0]) < nudge * 0.6:
                shifted[i] = pos[origin][0] + nudge * seen[origin]
    g["xs"] = shifted
    for r in g.itertuples(index=False):
        color = colors[r.claimant]
        _draw_claim(ax, r, color, r.xs)
        if r.is_rep and r.origin in pos:
            ox, oy = pos[r.origin]
            link = Line2D([ox, r.xs], [oy, r.y], linestyle=":", linewidth=1.1, color=color, alpha=0.9, zorder=3)
            _add(ax, link, f"repeat:{r.claim_id}")
    own = g[~g["is_rep"]]
    for i, measure in enumerate(lane.measures):
        for claimant, rows in own[own["measure"] == measure].groupby("claimant", sort=True):
            if len(rows) > 1:
                join = Line2D(rows["x"].to_numpy(), rows["y"].to_numpy(), color=colors[claimant], linewidth=0.9,
                              alpha=0.55, linestyle=_DASHES[i % len(_DASHES)], zorder=1)
                _add(ax, join, f"join:{measure}:{claimant}")


def _bin_width(span_days: float) -> tuple[float, str, str]:
    """Bin width in days for aggregated lanes, with its adjective and noun."""
    if span_days <= 120:
        return 1.0, "daily", "day"
    if span_days <= 3 * 365:
        return 7.0, "weekly", "week"
    return 30.4375, "monthly", "month"


def _draw_aggregate(ax: Axes, g: pd.DataFrame, colors: dict[str, str], lane: Lane, xlim) -> str:
    """Per claimant and bin, one bar from the lowest to the highest figure claimed."""
    width, word, _ = _bin_width(xlim[1] - xlim[0])
    bins = np.floor((g["x"].to_numpy(dtype=float) - xlim[0]) / width).astype(np.int64)
    measure_code = pd.factorize(g["measure"].to_numpy())[0]
    key = (measure_code * (int(g["ccode"].max()) + 1) + g["ccode"].to_numpy()) * (int(bins.max()) + 1) + bins
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    lo = np.full(len(keys), np.inf)
    hi = np.full(len(keys), -np.inf)
    np.minimum.at(lo, inverse, g["env_lo"].to_numpy(dtype=float))
    np.maximum.at(hi, inverse, g["env_hi"].to_numpy(dtype=float))
    bottom_y, top_y = ax.get_ylim()
    if ax.get_yscale() == "log":
        hi = np.maximum(hi, lo * (top_y / bottom_y) ** 0.006)
    else:
        hi = np.maximum(hi, lo + (top_y - bottom_y) * 0.006)  # a single figure stays visible
    left = xlim[0] + bins[first] * width + width * 0.1
    right = left + width * 0.8
    verts = np.stack([np.c_[left, lo], np.c_[right, lo], np.c_[right, hi], np.c_[left, hi]], axis=1)
    palette = {c: mpl.colors.to_rgba(colors[c]) for c in pd.unique(g["claimant"])}
    rgba = np.array([palette[c] for c in g["claimant"].to_numpy()[first]]).reshape(-1, 4)
    coll = PolyCollection(
        verts, facecolors=rgba * [1, 1, 1, 0.55], linewidths=0, zorder=2, transform=ax.transData
    )
    _add(ax, coll, f"aggregate:{lane.key}")
    return f"{word} min–max bar per claimant"


def _repel(targets: np.ndarray, gap: float, lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
    """Positions as near ``targets`` as possible, at least ``gap`` apart, within [lo, hi]."""
    order = np.argsort(targets, kind="stable")
    y = np.clip(np.asarray(targets, dtype=float)[order], lo, hi)
    n = len(y)
    if n == 0:
        return y
    gap = min(gap, (hi - lo) / max(n - 1, 1))
    for i in range(1, n):
        y[i] = max(y[i], y[i - 1] + gap)
    if y[-1] > hi:
        y[-1] = hi
        for i in range(n - 2, -1, -1):
            y[i] = min(y[i], y[i + 1] - gap)
    out = np.empty(n)
    out[order] = y
    return out


def _draw_labels(
    ax: Axes, latest: pd.DataFrame, texts: list[str], colors: dict[str, str], lane_height_pt: float, carry: bool,
    x_end: float, label_x: float = 1.0,
) -> None:
    """Latest figure per claimant and measure in the right margin, spread apart.

    ``label_x`` (axes fraction) is where the margin starts: 1.0 outside the axes, less
    when the labels must stay inside axes the caller laid out.
    """
    if latest.empty:
        return
    to_axes = ax.transScale + ax.transLimits
    frac = to_axes.transform(np.c_[latest["x"].to_numpy(dtype=float), latest["y"].to_numpy(dtype=float)])[:, 1]
    frac = np.clip(np.nan_to_num(frac, nan=0.0), 0.0, 1.0)
    placed = _repel(frac, gap=_LABEL_PT * 1.3 / max(lane_height_pt, 1.0), lo=0.02, hi=0.98)
    segments, seg_colors = [], []
    for r, text, y, f in zip(latest.itertuples(index=False), texts, placed, frac):
        color = colors[r.claimant]
        if carry:  # a claim stands until its claimant says otherwise
            line = Line2D([r.x, x_end], [r.y, r.y], color=color, linewidth=0.7, alpha=0.45,
                          linestyle=(0, (1, 2.5)), zorder=1)
            _add(ax, line, f"carry:{r.measure}:{r.claimant}")
        label = ax.text(label_x + 0.014, y, text, transform=ax.transAxes, ha="left", va="center", fontsize=_LABEL_PT,
                        color=color, clip_on=False, zorder=6)
        label.set_gid(f"label:{r.claim_id}")
        segments.append([(label_x, f), (label_x + 0.012, y)])
        seg_colors.append(color)
    leaders = LineCollection(segments, colors=seg_colors, linewidths=0.6, alpha=0.6, transform=ax.transAxes, zorder=6)
    leaders.set_clip_on(False)
    _add(ax, leaders, "leaders")


def _draw_envelopes(ax: Axes, g: pd.DataFrame, lane: Lane, x_end: float) -> None:
    slim = g[["measure", "x", "ccode", "env_lo", "env_hi", "is_rep"]]
    for measure in lane.measures:
        xs, lows, highs = _envelope(slim[slim["measure"] == measure], x_end)
        if xs.size == 0:
            continue
        color = measure_color(measure)
        band = ax.fill_between(xs, lows, highs, step="post", color=color, alpha=0.13, linewidth=0, zorder=0.5)
        band.set_gid(f"envelope:{measure}")
        for edge in (lows, highs):
            ax.step(xs, edge, where="post", color=color, linewidth=0.6, alpha=0.5, zorder=0.6)


def _draw_rug(
    ax: Axes, r: pd.DataFrame, colors: dict[str, str], stances: list[str], xlim, max_marks: int, width_pt: float
) -> None:
    """Statements without a plotted figure, one row per stance, on the shared date axis."""
    ax.set_gid("lane:rug")
    rows = {s: i for i, s in enumerate(reversed(stances))}
    ax.set_ylim(-0.6, len(stances) - 0.4)
    ax.set_yticks(list(rows.values()), [_STANCE_ROWS[s] for s in rows])
    ax.tick_params(labelsize=8, colors=_INK, length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for y in rows.values():
        ax.axhline(y, color=_GRID, linewidth=0.8, zorder=0)
    ax.text(0.005, 1.02, "Statements without a plotted figure (not dropped)", transform=ax.transAxes, ha="left",
            va="bottom", fontsize=9, fontweight="bold", color=_INK)
    if len(r) > max_marks:
        width, word, _ = _bin_width(xlim[1] - xlim[0])
        edges = np.arange(xlim[0], xlim[1] + width, width)
        for stance, y in rows.items():
            counts, _ = np.histogram(r.loc[r["stance"] == stance, "x"].to_numpy(dtype=float), bins=edges)
            if counts.max(initial=0) == 0:
                continue
            art = ax.stairs(y - 0.35 + 0.7 * counts / counts.max(), edges, baseline=y - 0.35, fill=True,
                            color="#777777", alpha=0.6)
            art.set_gid(f"rugcount:{stance}")
            ax.text(1.014, y, f"{int(counts.sum()):,} statements ({word} counts)", transform=ax.get_yaxis_transform(),
                    fontsize=_LABEL_PT, va="center", color=_INK, clip_on=False)
        return
    per_pt = (xlim[1] - xlim[0]) / max(width_pt, 1.0)
    last_end: dict[tuple[int, int], float] = {}
    for k in r.sort_values("x", kind="stable").itertuples(index=False):
        y = rows[k.stance]
        color = colors[k.claimant]
        if k.precision in ("week", "month"):
            band = Line2D([k.x0, k.x1], [y, y], color=color, linewidth=4.5, alpha=0.3, solid_capstyle="butt",
                          marker="|", markersize=7, zorder=2)
            _add(ax, band, f"extent:{k.claim_id}")
        style = _mark_style(color, claimant_type_marker(k.ctype), "exact", bool(k.is_rep))
        _add(ax, Line2D([k.x], [y], **style), f"rug:{k.claim_id}")
        if len(r) <= 60:  # name the claimant where there is room: above the row, else below
            text = claimant_label(k.claimant, 22)
            if k.kind != "none":
                text += " " + figure_label(k.qualifier, k.lo, k.hi)
            width = (len(text) * 6.5 * _CHAR_EM + 4) * per_pt
            begin = k.x - 2 * per_pt
            if begin + width > xlim[1]:  # near the right edge the name ends at the mark instead
                begin = k.x + 2 * per_pt - width
            for slot, dy in enumerate((0.3, -0.3)):
                if begin > last_end.get((y, slot), -np.inf):
                    ax.text(begin, y + dy, text, fontsize=6.5, color=color, va="center", ha="left", clip_on=True)
                    last_end[(y, slot)] = begin + width
                    break


# --- legend -------------------------------------------------------------------------------


class _Glyph:
    """Legend proxy for one drawing rule, drawn by :class:`_GlyphHandler`."""

    def __init__(self, kind: str, color: str = "#555555", marker: str = "o"):
        self.kind, self.color, self.marker = kind, color, marker


class _GlyphHandler(HandlerBase):
    def create_artists(self, legend, orig, xdescent, ydescent, width, height, fontsize, trans):
        c, m = orig.color, orig.marker
        cx, cy = width / 2 - xdescent, height / 2 - ydescent
        top, bottom = height - ydescent, -ydescent
        full = dict(marker=m, markersize=7.0, markerfacecolor=c, markeredgecolor="white", markeredgewidth=0.5,
                    color=c, transform=trans, linestyle="none")
        small = {**full, "markersize": 5.0}
        kind = orig.kind
        out: list = []
        if kind in ("exact", "marker"):
            out.append(Line2D([cx], [cy], **full))
        elif kind == "about":
            out.append(Line2D([cx], [cy], **{**full, "fillstyle": "bottom", "markerfacecoloralt": "white",
                                            "markeredgecolor": c, "markeredgewidth": 1.0}))
        elif kind == "range":
            out.append(Line2D([cx, cx], [bottom + 2, top - 2], linewidth=2.0, **{**small, "linestyle": "-"}))
        elif kind in ("upto", "atleast"):
            y0, sign = (top - 2, -1) if kind == "upto" else (bottom + 2, 1)
            out.append(Line2D([cx], [y0], **small))
            n = 6
            span = (height - 6) / n
            for i in range(n):
                out.append(Line2D([cx, cx], [y0 + sign * (3 + i * span), y0 + sign * (3.4 + (i + 1) * span)],
                                  color=c, alpha=1.0 - i * 0.95 / n, linewidth=1.8, transform=trans,
                                  solid_capstyle="butt"))
        elif kind == "repeat":
            out.append(Line2D([xdescent + 3, width - 3], [cy, cy], linestyle=":", color=c, linewidth=1.0,
                              transform=trans))
            out.append(Line2D([xdescent + 3], [cy], **full))
            out.append(Line2D([width - 3], [cy], **{**full, "markerfacecolor": "none", "fillstyle": "none",
                                                   "markeredgecolor": c, "markeredgewidth": 1.0}))
        elif kind == "extent":
            out.append(Line2D([xdescent + 1, width - 1], [cy, cy], color=c, linewidth=4.0, alpha=0.35,
                              solid_capstyle="butt", marker="|", markersize=6, transform=trans))
            out.append(Line2D([cx], [cy], **full))
        elif kind == "envelope":
            out.append(Rectangle((xdescent, bottom + 2), width, height - 4, facecolor=c, alpha=0.18, edgecolor=c,
                                 linewidth=0.6, transform=trans))
        elif kind == "join":
            out.append(Line2D([xdescent, width], [bottom + 2, top - 2], color=c, linewidth=0.9, transform=trans))
        elif kind == "carry":
            out.append(Line2D([xdescent + 3], [cy], **full))
            out.append(Line2D([xdescent + 3, width], [cy, cy], color=c, linewidth=0.8, linestyle=(0, (1, 2)),
                              transform=trans))
        elif kind == "event":
            out.append(Line2D([cx, cx], [bottom, top], color="#888888", linewidth=0.9, linestyle="--",
                              transform=trans))
        else:
            out.append(Line2D([], [], transform=trans))
        return out


_HEADERS = ("Claimant (colour)", "Claimant type (shape)", "Figure as claimed", "Date and layers")


def _legend_entries(g: pd.DataFrame, colors: dict[str, str], events: bool) -> tuple[list, list, int, int]:
    """Legend handles and labels in aligned sections; also its columns and rows."""
    firsts = g.iloc[np.argsort(g["x"].to_numpy(dtype=float), kind="stable")].drop_duplicates("ccode")
    order = firsts["claimant"].tolist()
    common_type = dict(zip(firsts["claimant"], firsts["ctype"]))  # the type of its first claim
    blank = _Glyph("none")
    columns: list[list[tuple]] = []
    people = [(_Glyph("marker", colors[c], claimant_type_marker(common_type[c])), claimant_label(c, 30)) for c in order]
    chunk = max(8, -(-len(people) // 2))  # at most two columns of claimants
    for i in range(0, len(people), chunk):
        columns.append([(blank, _HEADERS[0] if i == 0 else "")] + people[i : i + chunk])
    present = set(g["ctype"].unique())
    types = [t for t in CLAIMANT_TYPE_LABELS if t in present]
    columns.append(
        [(blank, _HEADERS[1])]
        + [(_Glyph("marker", "#555555", claimant_type_marker(t)), CLAIMANT_TYPE_LABELS[t]) for t in types]
    )
    columns.append(
        [
            (blank, _HEADERS[2]),
            (_Glyph("exact"), "exact"),
            (_Glyph("about"), "about (half-filled)"),
            (_Glyph("range"), "range, low to high"),
            (_Glyph("upto"), "up to / fewer than (no floor)"),
            (_Glyph("atleast"), "at least / more than (no ceiling)"),
            (_Glyph("repeat"), "repeat of a claim (hollow)"),
        ]
    )
    other = [
        (blank, _HEADERS[3]),
        (_Glyph("exact"), "said on a known day"),
        (_Glyph("extent"), "said within that week / month"),
        (_Glyph("envelope", "#6baed6"), "lowest to highest latest claim"),
        (blank, "  of each claimant (colour: measure)"),
        (_Glyph("join"), "one claimant's successive claims"),
        (_Glyph("carry"), "latest claim, carried to its label"),
    ]
    if events:
        other.append((_Glyph("event"), "landmark event"))
    columns.append(other)
    rows = max(len(c) for c in columns)
    handles, labels = [], []
    for col in columns:
        col = col + [(blank, "")] * (rows - len(col))
        handles += [h for h, _ in col]
        labels += [label for _, label in col]
    return handles, labels, len(columns), rows


# --- events and text ------------------------------------------------------------------------


def _events_frame(events) -> pd.DataFrame:
    if events is None:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "label": pd.Series(dtype="string")})
    if isinstance(events, pd.DataFrame):
        date_col = "date" if "date" in events.columns else "statement_date"
        frame = pd.DataFrame({"date": pd.to_datetime(events[date_col]), "label": events["label"].astype("string")})
    else:
        pairs = list(events)
        frame = pd.DataFrame(
            {
                "date": pd.to_datetime([p[0] for p in pairs]),
                "label": pd.Series([str(p[1]) for p in pairs], dtype="string"),
            }
        )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def _event_rows(events: pd.DataFrame, xlim, width_pt: float) -> tuple[np.ndarray, list[str], list[int]]:
    """Events inside the window and a text row for each, so that no two labels overlap."""
    x = mdates.date2num(events["date"].to_numpy(dtype="datetime64[ns]")) if len(events) else np.array([])
    inside = (x >= xlim[0]) & (x <= xlim[1])
    per_pt = (xlim[1] - xlim[0]) / max(width_pt, 1.0)
    ends: list[float] = []
    rows: list[int] = []
    labels = [str(v) for v in events.loc[inside, "label"]]
    for xi, label in zip(x[inside], labels):
        row = next((i for i, end in enumerate(ends) if xi > end), len(ends))
        if row == len(ends):
            ends.append(-np.inf)
        ends[row] = xi + (len(label) * 7 * _CHAR_EM + 10) * per_pt
        rows.append(row)
    return x[inside], labels, rows


def _draw_events(axes: list[Axes], x: np.ndarray, labels: list[str], rows: list[int]) -> None:
    for n, (xi, label, row) in enumerate(zip(x, labels, rows)):
        for ax in axes:
            line = ax.axvline(xi, color="#888888", linewidth=0.9, linestyle="--", zorder=0.4)
            line.set_gid(f"event:{n}")
        axes[0].annotate(
            label, xy=(xi, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 3 + 10 * row),
            textcoords="offset points", fontsize=7, color="#555555", ha="left", va="bottom", annotation_clip=False,
        )


def _subtitle(claims: pd.DataFrame, shown: pd.DataFrame, filters: dict[str, str], log: bool) -> str:
    n = len(shown)
    repeats = int(shown["repeats"].notna().sum())
    people = shown["claimant"].nunique()
    parts = [f"{n:,} statements ({n - repeats:,} independent, {repeats:,} repeats) from {people:,} claimants"]
    if n:
        d0, d1 = shown["statement_date"].min(), shown["statement_date"].max()
        parts.append(f"said {d0:%d %b %Y} – {d1:%d %b %Y}")
    chosen = [f"{k} {v}" for k, v in filters.items() if v]
    if chosen:
        parts.append("filters: " + "; ".join(chosen))
    if len(shown) < len(claims):
        parts.append(f"{len(claims) - len(shown):,} rows filtered out")
    if log:
        parts.append("log scale")
    return " · ".join(parts)


# --- the plot -------------------------------------------------------------------------------


def _date_window(geo: pd.DataFrame, start, end) -> tuple[float, float]:
    """The x range: the filter window when given, else the data; padded, three weeks at least."""
    lo_x, hi_x = float(geo["x0"].min()), float(geo["x1"].max())
    if _given(start):
        lo_x = min(lo_x, float(mdates.date2num(pd.Timestamp(start).to_datetime64())))
    if _given(end):
        hi_x = max(hi_x, float(mdates.date2num(pd.Timestamp(end).to_datetime64())))
    pad = max((hi_x - lo_x) * 0.03, 3.0)
    lo_x, hi_x = lo_x - pad, hi_x + pad
    if hi_x - lo_x < 21:
        mid = (lo_x + hi_x) / 2
        lo_x, hi_x = mid - 10.5, mid + 10.5
    return lo_x, hi_x


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
    ax: Axes | Sequence[Axes] | None = None,
    *,
    measures: str | Iterable[str] | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    claimants: str | Iterable[str] | None = None,
    min_reliability: str = "F",
    min_credibility: int = 6,
    include_repeats: bool = True,
    scale: str = "linear",
    events: pd.DataFrame | Iterable[tuple] | None = None,
    title: str | None = None,
    lanes: str = "grouped",
    max_marks: int = 400,
) -> np.ndarray:
    """Draw claims against statement date; return the lane axes, top to bottom, rug last.

    ``claims`` is a ledger frame (:func:`osint.load_claims`); the filters are those of
    :func:`osint.analysis.filter_claims` (re-exported here as ``filter_claims``).
    ``ax``: None makes a new figure sized for its lanes and labels; one Axes is used as is
    when a single lane suffices, else its grid slot is split into the lanes (the
    placeholder axes is removed); a sequence of Axes is filled in order, one per lane then
    one for the rug (spares are hidden). ``scale``: ``"linear"`` or ``"log"``.
    ``events`` marks landmarks: a frame with ``date`` and ``label`` columns, or
    ``(date, label)`` pairs. ``lanes``: ``"grouped"`` (:data:`LANE_GROUPS`) or ``"measure"``.
    A lane with more than ``max_marks`` figure rows is drawn aggregated, and says so.

    Returns a numpy array of Axes; ``axes[0].figure`` is the figure. The drawing rules and
    the artist gids are listed in the module docstring.

    Example:
        >>> axes = plot_timeline(claims, start="2024-10-01", min_reliability="C", scale="log")  # doctest: +SKIP
        >>> [a.get_gid() for a in axes]                                  # doctest: +SKIP
        ['lane:pledged', 'lane:in_russia', 'lane:rug']
    """
    if scale not in ("linear", "log"):
        raise ValueError(f"scale must be 'linear' or 'log', got {scale!r}")
    log = scale == "log"
    shown = filter_claims(
        claims, start=start, end=end, measures=measures, claimants=claimants, min_reliability=min_reliability,
        min_credibility=min_credibility, include_repeats=include_repeats,
    )
    geo = _geometry(shown)
    on_lane = _figure_mask(shown)
    lane_list = lanes_for(shown, lanes)
    figs, rug = geo[on_lane], geo[~on_lane]
    stances = [s for s in ("cannot_confirm", "denies", "asserts") if (rug["stance"] == s).any()]
    title = title or "Troop-figure claims by statement date: who said how many, when"

    if not lane_list and not stances:
        if ax is None:
            fig = plt.figure(figsize=(_WIDTH_IN, 3))
            ax = fig.add_axes((0.05, 0.1, 0.9, 0.75))
            fig.text(0.01, 0.97, title, fontsize=13, fontweight="bold", va="top")
        empty = ax if isinstance(ax, Axes) else list(np.ravel(np.asarray(ax, dtype=object)))[0]
        empty.text(0.5, 0.5, "No claims match these filters", ha="center", va="center", transform=empty.transAxes)
        empty.set_axis_off()
        return np.array([empty], dtype=object)

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
    owned = ax is None
    if owned:
        frame = _Frame(
            left=1.0, gutter=gutter, top=0.85 + 0.14 * n_event_rows, gap=0.16, rug_gap=0.4,
            bottom=0.6 + legend_rows * 12.5 / 72 + 0.2 + 0.16 * (credits.count("\n") + 1) + 0.1,
        )
        fig, axes = _own_figure(heights, rug_h, frame)
    else:
        axes = _given_axes(ax, len(lane_list), rug_h, heights)
        fig = axes[0].figure
        axes_width_pt = axes[0].get_position().width * fig.get_size_inches()[0] * 72
    # labels go in a margin: outside an owned figure's lanes, else in a zone inside the axes
    zone = 0.0 if owned else min(gutter * 72 / max(axes_width_pt, 1.0), 0.45)
    axis_xlim = (xlim[0], xlim[0] + (xlim[1] - xlim[0]) / (1 - zone))
    fig_h_pt = fig.get_size_inches()[1] * 72
    colors = {c: mpl.colors.to_hex(claimant_color(c)) for c in pd.unique(geo["claimant"])}
    nudge = (xlim[1] - xlim[0]) * 9 / max(axes_width_pt, 1.0)  # about 9 points

    for (lane, g, aggregate, latest, texts), lane_ax in zip(plans, axes):
        note = f"aggregated: {len(g):,} claims in {_bin_width(xlim[1] - xlim[0])[1]} min–max bars" if aggregate else ""
        _style_lane(lane_ax, lane, log, ylabel=not owned, aggregated=note)
        lane_ax.set_xlim(axis_xlim)
        height_pt = lane_ax.get_position().height * fig_h_pt
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
        a.xaxis.grid(True, color=_GRID, linewidth=0.6)
        a.set_axisbelow(True)
    bottom.set_xlabel("statement date (when the claimant said it)", fontsize=8, color=_INK)
    _draw_events(list(axes), ev_x, ev_labels, ev_rows)

    filters = {
        "from": f"{pd.Timestamp(start):%d %b %Y}" if _given(start) else "",
        "to": f"{pd.Timestamp(end):%d %b %Y}" if _given(end) else "",
        "measures": ", ".join(as_list(measures)),
        "claimants": ", ".join(as_list(claimants)),
        "reliability": "" if min_reliability == "F" else f"A–{min_reliability}",
        "credibility": "" if int(min_credibility) == 6 else f"1–{int(min_credibility)}",
        "repeats": "" if include_repeats else "excluded",
    }
    subtitle = _subtitle(claims, shown, filters, log)
    legend_kw = dict(
        handler_map={_Glyph: _GlyphHandler()}, ncol=ncol, fontsize=7.5, frameon=False, handlelength=2.4,
        handleheight=1.8, columnspacing=1.6, labelspacing=0.2, borderaxespad=0.0,
    )
    if owned:
        height_in = fig.get_size_inches()[1]
        fig.text(0.1 / _WIDTH_IN, 1 - 0.12 / height_in, title, fontsize=13, fontweight="bold", va="top", ha="left")
        fig.text(0.1 / _WIDTH_IN, 1 - 0.45 / height_in, subtitle, fontsize=8.5, color=_INK, va="top", ha="left")
        legend_top = (frame.bottom - 0.6) / height_in
        anchor = (0.1 / _WIDTH_IN, legend_top)
        legend = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=anchor, **legend_kw)
        credit = fig.text(0.1 / _WIDTH_IN, 0.1 / height_in, credits, fontsize=7, color=_MUTED, va="bottom", ha="left",
                          linespacing=1.5)
        lanes_top = 1 - frame.top / height_in
        lanes_bottom = axes[len(lane_list) - 1].get_position().y0 if lane_list else lanes_top
        fig.text(0.2 / _WIDTH_IN, (lanes_top + lanes_bottom) / 2, "troops, as claimed", rotation=90, fontsize=8.5,
                 color=_INK, va="center", ha="center")
    else:
        top = axes[0]
        top.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 6 + 10 * n_event_rows),
                     textcoords="offset points", fontsize=8.5, color=_INK, ha="left", va="bottom",
                     annotation_clip=False)
        top.annotate(title, xy=(0, 1), xycoords="axes fraction", xytext=(0, 20 + 10 * n_event_rows),
                     textcoords="offset points", fontsize=11, fontweight="bold", ha="left", va="bottom",
                     annotation_clip=False)
        below = (62 + 10 * credits.count("\n")) / max(bottom.get_position().height * fig_h_pt, 1.0)
        legend = bottom.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, -below), **legend_kw)
        credit = bottom.annotate(credits, xy=(0, 0), xycoords="axes fraction", xytext=(0, -34),
                                 textcoords="offset points", fontsize=7, color=_MUTED, va="top", annotation_clip=False)
    credit.set_gid("credits")
    for text in legend.get_texts():
        if text.get_text() in _HEADERS:
            text.set_fontweight("bold")
    return np.array(axes, dtype=object)


# --- export ---------------------------------------------------------------------------------

_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def save_timeline(
    fig: Figure, claims_plotted: pd.DataFrame, out_dir: str | os.PathLike[str], stem: str, dpi: int = 200
) -> dict[str, Path]:
    """Write ``<stem>.png`` (at ``dpi``), ``<stem>.svg`` and ``<stem>.csv`` atomically.

    The CSV holds the plotted rows in the ledger's columns and formats (dates YYYY-MM-DD),
    so every mark can be traced to its source URL. Returns the paths by format.

    Example:
        >>> paths = save_timeline(axes[0].figure, rows, "reports/figures", "nk-troops")  # doctest: +SKIP
        >>> sorted(paths)                                                  # doctest: +SKIP
        ['csv', 'png', 'svg']
    """
    if not _STEM.match(stem):
        raise ValueError(f"stem must be a plain file name such as 'timeline-2024-10', got {stem!r}")
    out = Path(out_dir)
    paths = {fmt: out / f"{stem}.{fmt}" for fmt in ("png", "svg", "csv")}
    with mpl.rc_context({"svg.hashsalt": stem}):
        with atomic_write(paths["png"], "wb") as handle:
            fig.savefig(handle, format="png", dpi=dpi, metadata={"Software": None})
        with atomic_write(paths["svg"], "wb") as handle:
            fig.savefig(handle, format="svg", metadata={"Date": None})
    table = claims_plotted.copy()
    table = table[[c for c in COLUMNS if c in table.columns] + [c for c in table.columns if c not in COLUMNS]]
    for column in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
    with atomic_write(paths["csv"], "w", newline="", encoding="utf-8") as handle:
        table.to_csv(handle, index=False, lineterminator="\n")
    return paths
