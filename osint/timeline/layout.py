"""Where a timeline's labels go, worked out in points before anything is drawn.

A figure lane labels the figures that matter (:func:`osint.timeline.lanes._labelled`)
beside their marks; labels with no room beside their mark go to the right margin (required
ones) or are left to the detail panel (optional ones, inside the window a detail panel
shows). The no-figure lane dodges its marks onto sub-rows and labels each statement.

>>> _frac(np.array([10.0, 100.0]), (1.0, 1000.0), log=True).round(3).tolist()
[0.333, 0.667]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ..style import MEASURE_LABELS, claimant_short
from .placing import dodge, place_labels, text_size

#: Font size of labels beside marks and in the margin, in points.
LABEL_PT = 7.0
#: Half the size of a marker, in points (labels keep clear of it).
MARK_R = 4.5
#: Vertical room of one sub-row of dodged marks in the no-figure lane, in points.
SUBROW_PT = 7.0


class Placement(NamedTuple):
    """Labels of one lane: texts, boxes in points (NaN: not beside its mark), which sit off
    their mark (leader line), and which go to the margin."""

    rows: pd.DataFrame
    texts: list[str]
    boxes: np.ndarray
    far: np.ndarray
    margin: np.ndarray


def _frac(y: np.ndarray, ylim: tuple[float, float], log: bool) -> np.ndarray:
    lo, hi = ylim
    y = np.asarray(y, dtype=float)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            return (np.log(np.clip(y, lo, None)) - np.log(lo)) / (np.log(hi) - np.log(lo))
    return (y - lo) / (hi - lo)


def mark_boxes(g: pd.DataFrame, xpt: np.ndarray, ylim, log: bool, height_pt: float) -> tuple[np.ndarray, dict]:
    """Boxes (points) covered by each row's marks (marker, range bar, fading stroke); and the
    index of each claim's own marker box."""
    boxes: list[tuple[float, float, float, float]] = []
    own: dict[str, int] = {}
    kinds = g["kind"].to_numpy(dtype=object)
    lo = _frac(g["env_lo"].to_numpy(dtype=float), ylim, log) * height_pt
    hi = _frac(g["env_hi"].to_numpy(dtype=float), ylim, log) * height_pt
    for i, cid in enumerate(g["claim_id"].to_numpy(dtype=object)):
        x, kind = xpt[i], kinds[i]
        if kind == "range":
            own[cid] = len(boxes)
            boxes.append((x - MARK_R, lo[i] - MARK_R, x + MARK_R, hi[i] + MARK_R))
            continue
        y = hi[i] if kind == "upto" else lo[i]
        own[cid] = len(boxes)
        boxes.append((x - MARK_R, y - MARK_R, x + MARK_R, y + MARK_R))
        if kind == "upto":
            boxes.append((x - 1.5, y - 34.0, x + 1.5, y - MARK_R))
        elif kind == "atleast":
            boxes.append((x - 1.5, y + MARK_R, x + 1.5, y + 34.0))
    return np.array(boxes, dtype=float).reshape(-1, 4), own


def place_lane(
    g: pd.DataFrame,
    labelled: pd.DataFrame,
    texts: list[str],
    optional: np.ndarray,
    xpt_of,
    ylim,
    log: bool,
    width_pt: float,
    height_pt: float,
    title_pt: float,
) -> Placement:
    """Labels of a figure lane: beside the mark when there is room, else margin or none."""
    xpt = xpt_of(g["xs"].to_numpy(dtype=float))
    obstacles, own = mark_boxes(g, xpt, ylim, log, height_pt)
    obstacles = np.vstack([obstacles, [0.0, height_pt - 15.0, title_pt, height_pt]])
    order = np.lexsort((labelled["x"].to_numpy(dtype=float), labelled["rank"].to_numpy(), optional))
    ax_ = xpt_of(labelled["x"].to_numpy(dtype=float))
    ay = _frac(labelled["y"].to_numpy(dtype=float), ylim, log) * height_pt
    anchors = np.c_[ax_, ay][order]
    sizes = np.array([text_size(t, LABEL_PT) for t in texts], dtype=float).reshape(-1, 2)[order]
    marks = np.array([own.get(c, -1) for c in labelled["claim_id"].to_numpy(dtype=object)])[order]
    boxes_o, far_o = place_labels(
        anchors, sizes, obstacles, (0.0, 0.0, width_pt, height_pt), marks=marks, near_only=optional[order]
    )
    boxes, far = np.full_like(boxes_o, np.nan), np.zeros(len(order), dtype=bool)
    boxes[order], far[order] = boxes_o, far_o
    margin = ~np.isfinite(boxes[:, 0]) & ~optional
    return Placement(labelled, texts, boxes, far, margin)


def rug_texts(r: pd.DataFrame) -> list[str]:
    """Labels of no-figure statements: who, and of what measure."""
    return [
        f"{claimant_short(c)}: {MEASURE_LABELS.get(m, m).split(' (')[0]}" for c, m in zip(r["claimant"], r["measure"])
    ]


class RugLayout(NamedTuple):
    """The no-figure lane in points: y of each mark, the centre and band of each stance row,
    the total height, and the labels."""

    y: np.ndarray
    centers: dict[str, float]
    height_pt: float
    placement: Placement


def layout_rug(
    r: pd.DataFrame, stances: list[str], xpt: np.ndarray, width_pt: float, optional: np.ndarray
) -> RugLayout:
    """Dodge the marks of each stance row onto sub-rows and place a label for each statement."""
    y = np.zeros(len(r))
    centers: dict[str, float] = {}
    top = 6.0
    stance = r["stance"].to_numpy(dtype=object)
    bands = []
    for s in stances:  # top to bottom
        rows = np.flatnonzero(stance == s)
        levels = dodge(xpt[rows], MARK_R * 1.5) if len(rows) else np.zeros(0, dtype=int)
        up = int(levels.max(initial=0))
        down = int(-levels.min(initial=0))
        room = 2 * text_size("x", LABEL_PT)[1] + 4  # a label row above and below the marks
        band = (up + down) * SUBROW_PT + 2 * room
        center = top + room + up * SUBROW_PT
        y[rows] = center - levels * SUBROW_PT
        centers[s] = center
        bands.append((top, top + band))
        top += band
    height = top + 4.0
    y = height - y  # points from the bottom, as axes coordinates grow upward
    centers = {s: height - c for s, c in centers.items()}
    texts = rug_texts(r)
    obstacles = np.c_[xpt - MARK_R, y - MARK_R, xpt + MARK_R, y + MARK_R]
    order = np.lexsort((xpt, r["is_rep"].to_numpy(dtype=bool), optional))
    sizes = np.array([text_size(t, LABEL_PT) for t in texts], dtype=float).reshape(-1, 2)
    boxes_o, far_o = place_labels(
        np.c_[xpt, y][order],
        sizes[order],
        obstacles,
        (0.0, 0.0, width_pt, height),
        marks=order,
        reach=24.0,
        near_only=optional[order],
    )
    boxes, far = np.full_like(boxes_o, np.nan), np.zeros(len(r), dtype=bool)
    boxes[order], far[order] = boxes_o, far_o
    margin = ~np.isfinite(boxes[:, 0]) & ~optional
    return RugLayout(y, centers, height, Placement(r, texts, boxes, far, margin))
