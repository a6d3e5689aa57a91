"""Label placement beside marks, in points, so that no label covers another label or a mark.

:func:`place_labels` tries, for each label in turn, positions around its mark from near to
far (right, left, above, below, then further off with a leader line) and keeps the first
whose box overlaps no placed label, no mark and stays inside the bounds. A label that finds
no room is reported unplaced: the caller puts it in the margin (a required label) or leaves
it to a detail panel (an optional one).

:func:`dodge` spreads marks that share a row (the no-figure lanes) onto sub-rows so that
none hides another.

>>> boxes, far = place_labels(np.array([[50.0, 50.0], [52.0, 50.0]]), np.array([[30.0, 8.0], [30.0, 8.0]]),
...                           np.empty((0, 4)), (0.0, 0.0, 200.0, 100.0))
>>> bool(np.isfinite(boxes).all()), _overlap(boxes[:1], boxes[1]).any()
(True, np.False_)
>>> dodge(np.array([0.0, 1.0, 20.0]), 8.0).tolist()
[0, 1, 0]
"""

from __future__ import annotations

import numpy as np

__all__ = ["dodge", "place_labels", "text_size"]

#: Mean glyph width of DejaVu Sans, in em (a little generous, so estimates never underrun).
CHAR_EM = 0.6


def text_size(text: str, fontsize: float, pad: float = 1.5) -> tuple[float, float]:
    """Width and height in points of a one-line label (an estimate, with padding).

    Example:
        >>> text_size("NIS 1,500", 10.0)
        (57.0, 15.0)
    """
    return len(text) * fontsize * CHAR_EM + 2 * pad, fontsize * 1.2 + 2 * pad


def _overlap(boxes: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` (n, 4: x0, y0, x1, y1) overlap ``box``."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=bool)
    return (boxes[:, 0] < box[2]) & (boxes[:, 2] > box[0]) & (boxes[:, 1] < box[3]) & (boxes[:, 3] > box[1])


def _candidates(w: float, h: float, r: float, reach: float) -> np.ndarray:
    """Offsets (dx, dy) of a label's lower-left corner from its mark, near to far."""
    near = [
        (r + 2, -h / 2),
        (-r - 2 - w, -h / 2),
        (r - 1, r - 1),
        (r - 1, -r + 1 - h),
        (-r + 1 - w, r - 1),
        (-r + 1 - w, -r + 1 - h),
        (-w / 2, r + 1),
        (-w / 2, -r - 1 - h),
    ]
    far = []
    step = h * 0.55
    for k in range(1, int(reach / step) + 1):
        dy = k * step
        for dx in (r + 6, -r - 6 - w, r + 6 + k * 4, -r - 6 - w - k * 4):
            far.append((dx, dy - h / 2))
            far.append((dx, -dy - h / 2))
    out = np.array(near + far, dtype=float)
    distance = np.hypot(out[:, 0] + w / 2, out[:, 1] + h / 2)
    return np.r_[out[:8], out[8:][np.argsort(distance[8:], kind="stable")]]


def place_labels(
    anchors: np.ndarray,
    sizes: np.ndarray,
    obstacles: np.ndarray,
    bounds: tuple[float, float, float, float],
    *,
    marks: np.ndarray | None = None,
    radius: float = 5.0,
    reach: float = 60.0,
    near_only: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (n, 4) for labels of size ``sizes`` (n, 2) beside ``anchors`` (n, 2), in order.

    ``obstacles`` (m, 4) are boxes no label may cover (marks, titles); ``marks`` (n,) gives
    the index in ``obstacles`` of each label's own mark, which it may touch. Labels are
    placed in the order given (put the most important first); a row of NaN means no room
    was found. The second result says which placed labels sit off their mark (draw a leader).
    ``near_only`` (n,) marks labels that may only sit right beside their mark.
    """
    n = len(anchors)
    boxes = np.full((n, 4), np.nan)
    far = np.zeros(n, dtype=bool)
    placed = np.empty((0, 4))
    obstacles = np.asarray(obstacles, dtype=float).reshape(-1, 4)
    bx0, by0, bx1, by1 = bounds
    for i in range(n):
        (x, y), (w, h) = anchors[i], sizes[i]
        cands = _candidates(w, h, radius, reach)
        lows = np.c_[x + cands[:, 0], y + cands[:, 1]]
        all_boxes = np.c_[lows, lows + [w, h]]
        if near_only is not None and near_only[i]:
            all_boxes = all_boxes[:8]
        inside = (
            (all_boxes[:, 0] >= bx0) & (all_boxes[:, 2] <= bx1) & (all_boxes[:, 1] >= by0) & (all_boxes[:, 3] <= by1)
        )
        own = -1 if marks is None else int(marks[i])
        for j in np.flatnonzero(inside):
            box = all_boxes[j]
            hit = _overlap(obstacles, box)
            if own >= 0 and own < len(hit):
                hit[own] = False
            if hit.any() or _overlap(placed, box).any():
                continue
            boxes[i] = box
            far[i] = j >= 8
            placed = np.vstack([placed, box])
            break
    return boxes, far


def dodge(x: np.ndarray, spacing: float) -> np.ndarray:
    """Sub-row of each mark (0, 1, -1, 2, -2, ...) so that marks on one sub-row are at least
    ``spacing`` apart; ``x`` in points, any order.

    Example:
        >>> dodge(np.array([5.0, 5.0, 5.0, 30.0]), 8.0).tolist()
        [0, 1, -1, 0]
    """
    order = np.argsort(x, kind="stable")
    last: dict[int, float] = {}
    levels = np.zeros(len(x), dtype=int)
    for i in order:
        k = 0
        while True:
            for level in (0,) if k == 0 else (k, -k):
                if x[i] - last.get(level, -np.inf) >= spacing:
                    levels[i] = level
                    last[level] = x[i]
                    break
            else:
                k += 1
                continue
            break
    return levels
