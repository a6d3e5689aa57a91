"""Label boxes on maps: what a place's box says, and where it goes (off the other labels
and the claimed shapes, inside the axes when it can).

>>> len(_candidates()) > 40
True
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Sequence

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.offsetbox import AnnotationBbox, HPacker, TextArea, VPacker

from ..style import (
    MEASURE_LABELS,
    MEASURE_ORDER,
    PERSONNEL_NAMES,
    claimant_family,
    format_figure,
    measure_color,
    personnel_label,
)

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase


def _date(ts: pd.Timestamp, precision: str) -> str:
    if precision == "month":
        return ts.strftime("%b %Y")
    if precision == "week":
        return "week of " + ts.strftime("%-d %b %Y")
    return ts.strftime("%-d %b %Y")


def _kinds(group: pd.DataFrame) -> pd.Series:
    """The personnel kind of each row (combat troops where the frame has no such column)."""
    if "personnel" not in group.columns:
        return pd.Series("combat_troops", index=group.index, dtype=object)
    return group["personnel"].astype(object).where(group["personnel"].notna(), "combat_troops")


def _label_lines(group: pd.DataFrame) -> list[tuple[str, str]]:
    """(colour, text) per measure and kind of people for one place: figure, claimant and
    date, or a summary. Kinds are never summed or ranged together: builders and deminers
    get their own line, named, and combat troops are the unnamed default.
    """
    lines = []
    kinds = _kinds(group)
    for measure in [m for m in MEASURE_ORDER if m in set(group["measure"])]:
        for kind in [k for k in PERSONNEL_NAMES if k in set(kinds[group["measure"] == measure])]:
            g = group[(group["measure"] == measure) & (kinds == kind)].sort_values("statement_date")
            label = MEASURE_LABELS[measure] + ("" if kind == "combat_troops" else f", {personnel_label(kind)}")
            lines.append((measure_color(measure), _line(g, label)))
    return lines


def _claimant(name: object) -> str:
    """A claimant as a label names it: the agency's acronym for a long agency name, else
    the whole name (label boxes wrap; names are never cut)."""
    text = " ".join(str(name).split())
    family = claimant_family(text)
    if family is not None and family.abbreviates and len(text) > len(family.label):
        return family.label
    return text


def _line(g: pd.DataFrame, label: str) -> str:
    if len(g) == 1:
        r = g.iloc[0]
        return (
            f"{label}: {format_figure(r['qualifier'], r['figure_low'], r['figure_high'])} "
            f"({_claimant(r['claimant'])}, {_date(r['statement_date'], str(r['date_precision']))})"
        )
    values = pd.concat([g["figure_low"], g["figure_high"]]).dropna()
    with_figure = int((g["figure_low"].notna() | g["figure_high"].notna()).sum())
    first, last = g["statement_date"].min(), g["statement_date"].max()
    span = (
        first.strftime("%b %Y")
        if first.to_period("M") == last.to_period("M")
        else f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"
    )
    if values.empty:
        figs = "no figure"
    else:
        figs = (
            f"{int(values.min()):,}" if values.min() == values.max() else f"{int(values.min()):,}–{int(values.max()):,}"
        )
        figs += "" if with_figure == len(g) else f" ({with_figure} with a figure)"
    return f"{label}, {len(g)} claims: {figs} ({span})"


def _textbox(header: str | None, lines: Sequence[tuple[str, str]], size: float, width: int = 60) -> VPacker:
    children: list[Artist] = []
    if header:
        children.append(
            TextArea(header, textprops=dict(fontsize=size + 0.5, fontweight="bold", color="#222222", parse_math=False))
        )
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
    for dist in (14, 40, 75, 115, 160, 220):
        for ux, uy in ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)):
            align = (0.0 if ux > 0 else 1.0 if ux < 0 else 0.5, 0.0 if uy > 0 else 1.0 if uy < 0 else 0.5)
            out.append((ux * dist, uy * dist * 0.8, align))
            if ux and uy:  # also boxes centred above or below at that height
                out.append((0, uy * dist * 0.8, (0.5, align[1])))
    return out


class _LabelPlacer:
    """Puts label boxes beside their anchors: off other labels, off the claimed shapes and
    inside the axes when it can (scored placement among :func:`_candidates`).

    Candidates are scored on the box size first measured; the best ones are then drawn and
    their real bounding boxes (after layout, in display pixels) checked against the labels
    already placed and the axes frame, so no two labels placed by one placer overlap when
    any candidate avoids it. ``obstacles`` are shapely geometries in display pixels;
    :attr:`taken` holds the real boxes of what was placed.
    """

    CANDIDATES = _candidates()
    #: How many of the best-scored candidates are drawn and checked for real.
    TRIES = 40

    def __init__(self, ax: Axes, obstacles: Sequence = ()):
        import shapely

        self.ax = ax
        self.renderer = _renderer(ax)
        self.taken: list = []
        self.last_clash = 0.0  # real overlap left by the last placement (0: none)
        self.obstacles = shapely.union_all(list(obstacles)) if len(obstacles) else None

    def _frame(self):
        return self.ax.get_window_extent(self.renderer)

    def _clash(self, ext) -> float:
        """Real overlap (px²) of a drawn box with placed labels, plus what sticks out of the axes."""
        return 2 * sum(_overlap(ext, t) for t in self.taken) + _outside(ext, self._frame())

    def place(self, box, xy: tuple[float, float], gid: str, leader: bool = True) -> AnnotationBbox:
        import shapely
        from matplotlib.transforms import Bbox

        ax = self.ax

        def make(dx, dy, align):
            ab = AnnotationBbox(
                box,
                xy,
                xybox=(dx, dy),
                xycoords="data",
                boxcoords="offset points",
                box_alignment=align,
                frameon=True,
                pad=0.25,
                zorder=8,
                arrowprops=dict(arrowstyle="-", color="#555555", lw=0.6, shrinkA=0, shrinkB=2) if leader else None,
                bboxprops=dict(
                    boxstyle="round,pad=0.2",
                    facecolor="white",
                    edgecolor="#999999" if leader else "none",
                    linewidth=0.5,
                    alpha=0.9 if leader else 0.75,
                ),
            )
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
        frame = self._frame()
        px, py = ax.transData.transform(xy)
        scale = _dpi(ax) / 72.0
        scored = []
        for rank, (dx, dy, align) in enumerate(candidates):
            x0 = px + dx * scale - align[0] * w
            y0 = py + dy * scale - align[1] * h
            ext = Bbox.from_bounds(x0, y0, w, h)
            score = 3 * sum(_overlap(ext, t) for t in self.taken) + 6 * _outside(ext, frame) + rank * 0.004 * w * h
            if self.obstacles is not None:
                score += 1.5 * shapely.box(ext.x0, ext.y0, ext.x1, ext.y1).intersection(self.obstacles).area
            scored.append((score, rank))
        best: tuple[float, int] | None = None
        for _, rank in sorted(scored)[: self.TRIES]:
            ab = make(*candidates[rank])
            ax.add_artist(ab)
            ext = self.extent(ab)
            clash = self._clash(ext)
            if clash <= 0.5:
                self.taken.append(ext)
                self.last_clash = 0.0
                return ab
            ab.remove()
            if best is None or clash < best[0]:
                best = (clash, rank)
        assert best is not None  # there are always candidates
        ab = make(*candidates[best[1]])  # every candidate clashes: the least bad one
        ax.add_artist(ab)
        self.taken.append(self.extent(ab))
        self.last_clash = best[0]
        return ab

    def withdraw(self, ab: AnnotationBbox) -> None:
        """Take back the label placed last (to place a smaller one instead)."""
        ab.remove()
        self.taken.pop()

    def place_name(self, text: str, xy: tuple[float, float], gid: str, **textprops) -> Any:
        """A short name beside a small mark (reference towns), in the first of a few spots
        beside it that clashes with nothing placed; None (nothing drawn) when all clash."""
        spots = (
            (3, 2, "left", "bottom"),
            (3, -2, "left", "top"),
            (-3, 2, "right", "bottom"),
            (-3, -2, "right", "top"),
            (0, 4, "center", "bottom"),
            (0, -4, "center", "top"),
        )
        for dx, dy, ha, va in spots:
            t = self.ax.annotate(
                text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, gid=gid, **textprops
            )
            if self.renderer is None:
                return t
            ext = t.get_window_extent(self.renderer)
            if self._clash(ext) <= 0.5 and not self._covers_obstacle(ext):
                self.taken.append(ext)
                return t
            t.remove()
        return None

    def _covers_obstacle(self, ext) -> bool:
        import shapely

        if self.obstacles is None:
            return False
        return (
            shapely.box(ext.x0, ext.y0, ext.x1, ext.y1).intersection(self.obstacles).area
            > 0.25 * ext.width * ext.height
        )

    def extent(self, artist) -> Any:
        """The real display box of a placed label (its frame for a label box)."""
        if isinstance(artist, AnnotationBbox):
            artist.update_positions(self.renderer)  # type: ignore[arg-type]
            return artist.patch.get_window_extent(self.renderer)
        return artist.get_window_extent(self.renderer)


def _overlap(a, b) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(w, 0) * max(h, 0)


def _outside(a, frame) -> float:
    inside_w = max(min(a.x1, frame.x1) - max(a.x0, frame.x0), 0)
    inside_h = max(min(a.y1, frame.y1) - max(a.y0, frame.y0), 0)
    return a.width * a.height - inside_w * inside_h
