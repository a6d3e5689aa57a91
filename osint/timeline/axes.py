"""The axes of a timeline: lanes stacked in an owned figure or laid out in a given one, styled.

>>> _Frame(1.0, 2.0, 0.8, 0.6, 0.16, 0.4).gutter
2.0
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from ..style import FIGURE_AXIS_LABEL, GRID, INK, MEASURE_LABELS, thousands
from .lanes import _WIDTH_IN, Lane


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


def _axes_in(
    fig: Figure | SubFigure, lane_heights: Sequence[float], rug_h: float, top_pt: float, bottom_pt: float
) -> list[Axes]:
    """Lanes (then the rug) stacked in a given figure or subfigure, leaving ``top_pt`` above
    for the title and ``bottom_pt`` below for the key and credits."""
    dpi = fig.get_figure(root=True).dpi
    width_pt, height_pt = fig.bbox.width * 72 / dpi, fig.bbox.height * 72 / dpi
    ratios = list(lane_heights) + ([rug_h] if rug_h else [])
    gs = fig.add_gridspec(
        len(ratios),
        1,
        height_ratios=ratios,
        hspace=0.12,
        left=min(64 / max(width_pt, 1.0), 0.25),
        right=0.98,
        top=1 - min(top_pt / max(height_pt, 1.0), 0.3),
        bottom=min(bottom_pt / max(height_pt, 1.0), 0.55),
    )
    axes: list[Axes] = []
    for i in range(len(ratios)):
        axes.append(fig.add_subplot(gs[i], sharex=axes[0] if axes else None))
    return axes


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


def lane_title(lane: Lane, aggregated: str = "") -> str:
    """The title drawn at the top left of a lane."""
    title = lane.title
    if aggregated:
        title += f"   · {aggregated}"
    elif len(lane.measures) > 1:
        styles = ("solid", "dashed", "dotted")
        title += (
            "   (join lines: "
            + ", ".join(f"{MEASURE_LABELS[m].split(' ')[0]} {styles[i]}" for i, m in enumerate(lane.measures))
            + ")"
        )
    return title


def _style_lane(ax: Axes, lane: Lane, log: bool, ylabel: bool, aggregated: str = "") -> None:
    ax.set_gid(f"lane:{lane.key}")
    ax.grid(axis="y", color=GRID, lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, colors=INK)
    if log:
        ax.set_yscale("log", nonpositive="clip")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_formatter(mticker.NullFormatter())
    else:
        ax.yaxis.set_major_locator(mticker.MaxNLocator(5, integer=True))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(thousands))
    if ylabel:
        ax.set_ylabel(FIGURE_AXIS_LABEL, fontsize=8, color=INK)
    title = lane_title(lane, aggregated)
    head = ax.text(
        0.005,
        0.97,
        title,
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=9,
        fontweight="bold",
        color="#a00000" if aggregated else INK,
        bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.8),
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
