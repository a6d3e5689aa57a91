"""The marks of a timeline: claims, repeats, join lines, aggregates, labels, envelopes, the rug.

>>> _repel(np.array([0.5, 0.5]), 0.1).round(2).tolist()
[0.5, 0.6]
"""

from __future__ import annotations

import weakref

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..style import GRID, INK, STANCE_LABELS, claimant_type_marker, measure_color
from .lanes import _DASHES, _LABEL_PT, Lane, _envelope, _y_anchor
from .layout import LABEL_PT

_STANCE_ROWS = {**STANCE_LABELS, "cannot_confirm": "cannot\nconfirm", "asserts": "asserts,\nno figure"}


#: The clip path of each lane, shared by its marks.
_CLIPS: weakref.WeakKeyDictionary[Axes, mtransforms.TransformedPatchPath] = weakref.WeakKeyDictionary()


def _add(ax: Axes, artist, gid: str | None = None):
    """Add an artist without autoscaling (limits are set explicitly), clipped to the axes; tag it."""
    if gid is not None:
        artist.set_gid(gid)
    if artist.get_clip_on() and artist.get_clip_path() is None:
        clip = _CLIPS.get(ax)
        if clip is None:  # one clip path per axes, shared: building one per artist is slow
            clip = _CLIPS[ax] = mtransforms.TransformedPatchPath(ax.patch)
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
        style.update(
            fillstyle="bottom",
            markerfacecolor=color,
            markerfacecoloralt="white",
            markeredgecolor=color,
            markeredgewidth=1.1,
        )
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
        segs,
        colors=rgba,
        linewidths=2.2,
        capstyle="butt",
        antialiaseds=False,
        transform=points,
        offsets=[(x, y)] * n,
        offset_transform=ax.transData,
        zorder=3,
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
                (r.x0, r.lo),
                r.x1 - r.x0,
                r.hi - r.lo,
                facecolor=color,
                edgecolor=color,
                linewidth=0.6,
                alpha=0.12 if repeat else 0.18,
                zorder=2,
                transform=ax.transData,
            )
            _add(ax, box, f"extent:{cid}")
        else:
            y = r.hi if r.kind == "upto" else r.lo
            band = Line2D(
                [r.x0, r.x1],
                [y, y],
                color=color,
                linewidth=4.5,
                alpha=0.22 if repeat else 0.32,
                solid_capstyle="butt",
                marker="|",
                markersize=7,
                markeredgewidth=1.0,
                zorder=2,
            )
            _add(ax, band, f"extent:{cid}")
    gap = _marker_size(marker) / 2 + 1
    if r.kind == "range":
        line = Line2D(
            [x, x], [r.lo, r.hi], **{**style, "linestyle": ":" if repeat else "-"}, linewidth=2.4, solid_capstyle="butt"
        )
    elif r.kind == "upto":
        line = Line2D([x], [r.hi], **style)
        _fade(ax, x, r.hi, color, -1, gap, f"fade:{cid}")
    elif r.kind == "atleast":
        line = Line2D([x], [r.lo], **style)
        _fade(ax, x, r.lo, color, +1, gap, f"fade:{cid}")
    else:
        line = Line2D([x], [r.env_lo], **style)
    _add(ax, line, f"{r.kind}:{cid}")


def _shifted(g: pd.DataFrame, nudge: float) -> np.ndarray:
    """Mark x of each row: a repeat that would hide under its origin moves right, a step per repeat."""
    x = g["x"].to_numpy(dtype=float)
    shifted = x.copy()
    where = dict(zip(g["claim_id"], x))
    seen: dict[str, int] = {}
    for i, origin in enumerate(g["origin"]):
        if origin and origin in where:
            seen[origin] = seen.get(origin, 0) + 1
            if abs(shifted[i] - where[origin]) < nudge * 0.6:
                shifted[i] = where[origin] + nudge * seen[origin]
    return shifted


def _draw_detail(ax: Axes, g: pd.DataFrame, colors: dict[str, str], lane: Lane, log: bool) -> None:
    """Every claim's marks, repeat links, and one join line per series (measure, personnel,
    claimant): figures of different kinds of people are never joined. ``g`` carries ``xs``."""
    g = g.iloc[np.argsort(g["x"].to_numpy(dtype=float), kind="stable")].copy()
    g["y"] = _y_anchor(g, log)
    pos = {cid: (x, y) for cid, x, y in zip(g["claim_id"], g["x"], g["y"])}
    for r in g.itertuples(index=False):
        color = colors[r.claimant]
        _draw_claim(ax, r, color, r.xs)
        if r.is_rep and r.origin in pos:
            ox, oy = pos[r.origin]
            link = Line2D([ox, r.xs], [oy, r.y], linestyle=":", linewidth=1.1, color=color, alpha=0.9, zorder=3)
            _add(ax, link, f"repeat:{r.claim_id}")
    own = g[~g["is_rep"]]
    for i, measure in enumerate(lane.measures):
        mine = own[own["measure"] == measure]
        for (claimant, personnel), rows in mine.groupby(["claimant", "personnel"], sort=True):
            if len(rows) > 1:
                join = Line2D(
                    rows["x"].to_numpy(),
                    rows["y"].to_numpy(),
                    color=colors[claimant],
                    linewidth=0.9,
                    alpha=0.55,
                    linestyle=_DASHES[i % len(_DASHES)],  # type: ignore[arg-type]
                    zorder=1,
                )
                _add(ax, join, f"join:{measure}:{personnel}:{claimant}")


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
        verts,  # type: ignore[arg-type]
        facecolors=rgba * [1, 1, 1, 0.55],
        linewidths=0,
        zorder=2,
        transform=ax.transData,  # type: ignore[arg-type]
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
    ax: Axes,
    latest: pd.DataFrame,
    texts: list[str],
    colors: dict[str, str],
    lane_height_pt: float,
    carry: bool,
    x_end: float,
    label_x: float = 1.0,
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
            line = Line2D(
                [r.x, x_end], [r.y, r.y], color=color, linewidth=0.7, alpha=0.45, linestyle=(0, (1, 2.5)), zorder=1
            )
            _add(ax, line, f"carry:{r.measure}:{r.claimant}")
        label = ax.text(
            label_x + 0.014,
            y,
            text,
            transform=ax.transAxes,
            ha="left",
            va="center",
            fontsize=_LABEL_PT,
            color=color,
            clip_on=False,
            zorder=6,
        )
        label.set_gid(f"label:{r.claim_id}")
        segments.append([(label_x, f), (label_x + 0.012, y)])
        seg_colors.append(color)
    leaders = LineCollection(segments, colors=seg_colors, linewidths=0.6, alpha=0.6, transform=ax.transAxes, zorder=6)
    leaders.set_clip_on(False)
    _add(ax, leaders, "leaders")


def _draw_envelopes(ax: Axes, g: pd.DataFrame, lane: Lane, x_end: float) -> None:
    """One step band per series kind (measure, personnel): kinds of people never share a band."""
    slim = g[["measure", "personnel", "x", "ccode", "env_lo", "env_hi", "is_rep"]]
    for measure in lane.measures:
        for personnel, rows in slim[slim["measure"] == measure].groupby("personnel", sort=True):
            xs, lows, highs = _envelope(rows, x_end)
            if xs.size == 0:
                continue
            color = measure_color(measure)
            alpha = 0.13 if personnel == "combat_troops" else 0.07
            band = ax.fill_between(xs, lows, highs, step="post", color=color, alpha=alpha, linewidth=0, zorder=0.5)
            band.set_gid(f"envelope:{measure}:{personnel}")
            for edge in (lows, highs):
                ax.step(xs, edge, where="post", color=color, linewidth=0.6, alpha=0.5, zorder=0.6)


def _draw_placed(
    ax: Axes,
    placement,
    colors: dict[str, str],
    anchor_pt: np.ndarray,
    anchor_data: np.ndarray,
    margin_x: float,
    height_pt: float,
    dated: bool = True,
) -> None:
    """Labels beside their marks (offset in points from the mark), and the margin labels.

    ``anchor_pt`` (n, 2): each label's mark in points from the axes' lower left;
    ``anchor_data`` (n, 2): the same in data. Margin labels (right of ``margin_x``, an axes
    fraction) are spread apart, name the date, and a faint line leads to their mark.
    """
    rows, texts, boxes, far, margin = placement
    ids = rows["claim_id"].to_numpy(dtype=object)
    claimants = rows["claimant"].to_numpy(dtype=object)
    dates = rows["x"].to_numpy(dtype=float)
    for i in np.flatnonzero(np.isfinite(boxes[:, 0])):
        color = colors[claimants[i]]
        dx, dy = boxes[i, 0] + 1.5 - anchor_pt[i, 0], boxes[i, 1] + 1.5 - anchor_pt[i, 1]
        arrow = dict(arrowstyle="-", color=color, lw=0.6, alpha=0.8, shrinkA=0, shrinkB=3) if far[i] else None
        label = ax.annotate(
            texts[i],
            xy=tuple(anchor_data[i]),
            xycoords="data",
            xytext=(dx, dy),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=LABEL_PT,
            color=color,
            zorder=6,
            annotation_clip=False,
            arrowprops=arrow,
            bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.7),
        )
        label.set_gid(f"label:{ids[i]}")
    pending = np.flatnonzero(margin)
    if not len(pending):
        return
    frac = np.clip(anchor_pt[pending, 1] / max(height_pt, 1.0), 0.0, 1.0)
    placed = _repel(frac, gap=LABEL_PT * 1.45 / max(height_pt, 1.0), lo=0.02, hi=0.98)
    segments, seg_colors = [], []
    to_axes = ax.transAxes.inverted()
    for i, y in zip(pending, placed):
        color = colors[claimants[i]]
        day = mdates.num2date(dates[i]).strftime("%-d %b")
        text = f"{texts[i]} ({day})" if dated else texts[i]
        margin_label = ax.text(
            margin_x + 0.014,
            y,
            text,
            transform=ax.transAxes,
            ha="left",
            va="center",
            fontsize=LABEL_PT,
            color=color,
            clip_on=False,
            zorder=6,
        )
        margin_label.set_gid(f"label:{ids[i]}")
        mark = to_axes.transform(ax.transData.transform(anchor_data[i]))
        segments.append([(mark[0], mark[1]), (margin_x + 0.012, y)])
        seg_colors.append(color)
    leaders = LineCollection(
        segments,
        colors=seg_colors,
        linewidths=0.5,
        alpha=0.35,
        linestyles=(0, (1, 2)),
        transform=ax.transAxes,
        zorder=1,
    )
    leaders.set_clip_on(False)
    _add(ax, leaders, "leaders")


def _draw_rug(
    ax: Axes,
    r: pd.DataFrame,
    colors: dict[str, str],
    stances: list[str],
    xlim,
    max_marks: int,
    rug_layout,
    xpt: np.ndarray,
    margin_x: float = 1.0,
) -> None:
    """Statements without a plotted figure, one row per stance, on the shared date axis; marks
    that would hide one another are dodged onto sub-rows, and each is labelled."""
    ax.set_gid("lane:rug")
    rows = {s: i for i, s in enumerate(reversed(stances))}
    ax.tick_params(axis="y", labelsize=8, colors=INK, length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.text(
        0.005,
        1.02,
        "Statements without a plotted figure (not dropped)",
        transform=ax.transAxes,
        ha="left",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color=INK,
    )
    if len(r) > max_marks:
        ax.set_ylim(-0.6, len(stances) - 0.4)
        ax.set_yticks(list(rows.values()), [_STANCE_ROWS[s] for s in rows])
        width, word, _ = _bin_width(xlim[1] - xlim[0])
        edges = np.arange(xlim[0], xlim[1] + width, width)
        for stance, y in rows.items():
            counts, _ = np.histogram(r.loc[r["stance"] == stance, "x"].to_numpy(dtype=float), bins=edges)
            if counts.max(initial=0) == 0:
                continue
            art = ax.stairs(
                y - 0.35 + 0.7 * counts / counts.max(), edges, baseline=y - 0.35, fill=True, color="#777777", alpha=0.6
            )
            art.set_gid(f"rugcount:{stance}")
            ax.text(
                1.014,
                y,
                f"{int(counts.sum()):,} statements ({word} counts)",
                transform=ax.get_yaxis_transform(),
                fontsize=_LABEL_PT,
                va="center",
                color=INK,
                clip_on=False,
            )
        return
    layout = rug_layout
    y = layout.y
    ax.set_ylim(0.0, layout.height_pt)
    centers = [layout.centers[s] for s in stances]
    ax.set_yticks(centers, [_STANCE_ROWS[s] for s in stances])
    for c in centers:
        ax.axhline(c, color=GRID, linewidth=0.8, zorder=0)
    for i, k in enumerate(r.itertuples(index=False)):
        color = colors[k.claimant]
        if k.precision in ("week", "month"):
            band = Line2D(
                [k.x0, k.x1],
                [y[i], y[i]],
                color=color,
                linewidth=4.5,
                alpha=0.3,
                solid_capstyle="butt",
                marker="|",
                markersize=7,
                zorder=2,
            )
            _add(ax, band, f"extent:{k.claim_id}")
        style = _mark_style(color, claimant_type_marker(k.ctype), "exact", bool(k.is_rep))
        _add(ax, Line2D([k.x], [y[i]], **style), f"rug:{k.claim_id}")
    anchor_data = np.c_[r["x"].to_numpy(dtype=float), y]
    _draw_placed(ax, layout.placement, colors, np.c_[xpt, y], anchor_data, margin_x, layout.height_pt)
