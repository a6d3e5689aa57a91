"""Label boxes on maps: what a place's box says, and where it goes (off the other labels
and the claimed shapes, inside the axes when it can).

>>> len(_candidates()) > 40
True
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Sequence

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.offsetbox import AnnotationBbox, HPacker, TextArea, VPacker

from ..style import MEASURE_LABELS, MEASURE_ORDER, claimant_label, format_figure, measure_color

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase


def _date(ts: pd.Timestamp, precision: str) -> str:
    if precision == "month":
        return ts.strftime("%b %Y")
    if precision == "week":
        return "week of " + ts.strftime("%-d %b %Y")
    return ts.strftime("%-d %b %Y")


def _label_lines(group: pd.DataFrame) -> list[tuple[str, str]]:
    """(colour, text) per measure for one place: figure, claimant and date, or a summary."""
    lines = []
    for measure in [m for m in MEASURE_ORDER if m in set(group["measure"])]:
        g = group[group["measure"] == measure].sort_values("statement_date")
        label = MEASURE_LABELS[measure]
        if len(g) == 1:
            r = g.iloc[0]
            text = (f"{label}: {format_figure(r['qualifier'], r['figure_low'], r['figure_high'])} "
                    f"({claimant_label(r['claimant'])}, {_date(r['statement_date'], str(r['date_precision']))})")
        else:
            values = pd.concat([g["figure_low"], g["figure_high"]]).dropna()
            with_figure = int((g["figure_low"].notna() | g["figure_high"].notna()).sum())
            first, last = g["statement_date"].min(), g["statement_date"].max()
            span = first.strftime("%b %Y") if first.to_period("M") == last.to_period("M") else \
                f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"
            if values.empty:
                figs = "no figure"
            else:
                figs = (f"{int(values.min()):,}" if values.min() == values.max()
                        else f"{int(values.min()):,}–{int(values.max()):,}")
                figs += "" if with_figure == len(g) else f" ({with_figure} with a figure)"
            text = f"{label}, {len(g)} claims: {figs} ({span})"
        lines.append((measure_color(measure), text))
    return lines


def _textbox(header: str | None, lines: Sequence[tuple[str, str]], size: float, width: int = 60) -> VPacker:
    children: list[Artist] = []
    if header:
        children.append(TextArea(header, textprops=dict(fontsize=size + 0.5, fontweight="bold", color="#222222",
                                                        parse_math=False)))
    for color, text in lines:
        wrapped = textwrap.fill(text, width, subsequent_indent="  ")
        bullet = TextArea("●" if color else " ", textprops=dict(fontsize=size, color=color or "#222222"))
        body = TextArea(wrapped, textprops=dict(fontsize=size, color="#222222", parse_math=False))
        children.append(HPacker(children=[bullet, body], pad=0, sep=3, align="top"))
    return VPacker(children=children, pad=0, sep=1.5, align="left")


def _renderer(ax: Axes) -> RendererBase | None:
    try:
        return ax.get_figure(root=True).canvas.get_renderer()  # type: ignore[union-attr]
    except Exception:  # a canvas without a renderer: labels are placed without collision checks
        return None


def _dpi(ax: Axes) -> float:
    """Dots per inch of the figure an axes is drawn in."""
    fig = ax.get_figure(root=True)
    assert fig is not None, "the axes is in a figure"
    return float(fig.dpi)


def _candidates() -> list[tuple[float, float, tuple[float, float]]]:
    """Label offsets (points) and box alignments, nearest first, in eight directions."""
    out: list[tuple[float, float, tuple[float, float]]] = []
    for dist in (14, 40, 75, 115, 160):
        for ux, uy in ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)):
            align = (0.0 if ux > 0 else 1.0 if ux < 0 else 0.5, 0.0 if uy > 0 else 1.0 if uy < 0 else 0.5)
            out.append((ux * dist, uy * dist * 0.8, align))
            if ux and uy:  # also boxes centred above or below at that height
                out.append((0, uy * dist * 0.8, (0.5, align[1])))
    return out


class _LabelPlacer:
    """Puts label boxes beside their anchors: off other labels, off the claimed shapes and
    inside the axes when it can (scored placement among :func:`_candidates`).

    ``obstacles`` are shapely geometries in display pixels."""

    CANDIDATES = _candidates()

    def __init__(self, ax: Axes, obstacles: Sequence = ()):
        import shapely

        self.ax = ax
        self.renderer = _renderer(ax)
        self.taken: list = []
        self.obstacles = shapely.union_all(list(obstacles)) if len(obstacles) else None

    def place(self, box, xy: tuple[float, float], gid: str, leader: bool = True) -> AnnotationBbox:
        import shapely
        from matplotlib.transforms import Bbox

        ax = self.ax

        def make(dx, dy, align):
            ab = AnnotationBbox(box, xy, xybox=(dx, dy), xycoords="data", boxcoords="offset points",
                                box_alignment=align, frameon=True, pad=0.25, zorder=8,
                                arrowprops=dict(arrowstyle="-", color="#555555", lw=0.6, shrinkA=0, shrinkB=2)
                                if leader else None,
                                bboxprops=dict(boxstyle="round,pad=0.2", facecolor="white",
                                               edgecolor="#999999" if leader else "none", linewidth=0.5,
                                               alpha=0.9 if leader else 0.75))
            ab.set_gid(gid)
            return ab

        candidates = self.CANDIDATES if leader else [(0.0, 0.0, (0.5, 0.5)), *self.CANDIDATES[:16]]
        first = make(*candidates[0])
        ax.add_artist(first)
        if self.renderer is None:
            return first
        first.update_positions(self.renderer)
        size = first.patch.get_window_extent(self.renderer)
        w, h = size.width, size.height
        first.remove()
        frame = ax.get_window_extent(self.renderer)
        px, py = ax.transData.transform(xy)
        scale = _dpi(ax) / 72.0
        best: tuple[float, tuple[float, float, tuple[float, float]], Bbox] | None = None
        for rank, (dx, dy, align) in enumerate(candidates):
            x0 = px + dx * scale - align[0] * w
            y0 = py + dy * scale - align[1] * h
            ext = Bbox.from_bounds(x0, y0, w, h)
            score = 3 * sum(_overlap(ext, t) for t in self.taken) + 6 * _outside(ext, frame) + rank * 0.004 * w * h
            if best is not None and score >= best[0]:
                continue
            if self.obstacles is not None:
                score += 1.5 * shapely.box(ext.x0, ext.y0, ext.x1, ext.y1).intersection(self.obstacles).area
            if best is None or score < best[0]:
                best = (score, (dx, dy, align), ext)
        assert best is not None  # there are always candidates
        _, candidate, ext = best
        ab = make(*candidate)
        ax.add_artist(ab)
        self.taken.append(ext)
        return ab


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(w, 0) * max(h, 0)


def _outside(a, frame) -> float:
    inside_w = max(min(a.x1, frame.x1) - max(a.x0, frame.x0), 0)
    inside_h = max(min(a.y1, frame.y1) - max(a.y0, frame.y0), 0)
    return a.width * a.height - inside_w * inside_h
