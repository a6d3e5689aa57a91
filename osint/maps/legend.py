"""What a map cannot show as marks (notes), its keys (legends) and its credits.

>>> "Crimea" in BORDER_POLICY
True
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.offsetbox import AnnotationBbox, VPacker
from matplotlib.patches import FancyArrowPatch, Patch

from ..style import CREDITS, GEO_CREDITS, MEASURE_LABELS, MEASURE_ORDER, measure_color
from .basemap import COUNTRY_CLAIM, FOCUS_FILL, HATCH, REF
from .drawing import NEAR_RADIUS_KM, NO_FIGURE_AREA, figure_area
from .labels import _label_lines, _renderer, _textbox

#: The border statement printed on every map.
BORDER_POLICY = (
    "Borders: internationally recognised; Crimea shown as part of Ukraine, occupied (hatched). "
    "Other Russian-held areas and front lines are not drawn."
)


def _notes_sections(rows: pd.DataFrame, dropped: dict[str, int], outside: list) -> list:
    """(header, [(colour, text)]) sections listing what the map cannot show as marks."""
    sections = []
    country = rows[(rows["status"] == "placed") & (rows["drawn_as"] == "country")]
    if len(country):
        lines = []
        for place, g in country.groupby("place", sort=True):
            for color, text in _label_lines(g):
                lines.append((color, f"{place} – {text}"))
        sections.append(("Claims naming only a country (dashed border)", lines))
    unresolved = rows[rows["status"] == "unresolved"]
    if len(unresolved):
        lines = [(measure_color(r.measure), f"{r.claim_id} “{r.location}”: {r.note}")
                 for r in unresolved.itertuples()]
        sections.append(("Places that could not be resolved (not drawn)", lines))
    origin_bad = rows[rows["note"].fillna("").str.contains("origin ", regex=False) & rows["origin_lon"].isna()
                      & (rows["status"] == "placed")]
    if len(origin_bad):
        sections.append(("Movement origins not placed (no arrow)",
                         [(measure_color(r.measure), f"{r.claim_id}: {r.note}") for r in origin_bad.itertuples()]))
    if outside:
        sections.append(("Outside this view", [("", f"{name} ({len(g)} claim{'s' if len(g) > 1 else ''})")
                                               for name, g in outside]))
    other = []
    no_place = int((rows["status"] == "no_location").sum())
    if no_place:
        other.append(("", f"{no_place} claim{'s state' if no_place > 1 else ' states'} no place"))
    if rows.empty and not any(dropped.values()):
        other.append(("", "no claims in the selection"))
    if dropped.get("stance"):
        other.append(("", f"{dropped['stance']} “cannot confirm” or “denies” statement"
                          f"{'s' if dropped['stance'] > 1 else ''} (they place no one)"))
    if dropped.get("repeats"):
        other.append(("", f"{dropped['repeats']} repeat{'s' if dropped['repeats'] > 1 else ''} of another row"))
    if other:
        sections.append(("Not mapped", other))
    return sections


def _notes_box(sections: list, size: float, width: int) -> VPacker | None:
    boxes: list[Artist] = [_textbox(header, lines, size, width) for header, lines in sections]
    return VPacker(children=boxes, pad=0, sep=6, align="left") if boxes else None


def _legend_sections(rows: pd.DataFrame) -> list[tuple[str, list, list, dict]]:
    """(title, handles, labels, legend options) for the measure, size and precision keys."""
    placed = rows[rows["status"] == "placed"]
    measures = [m for m in MEASURE_ORDER if m in set(placed["measure"])]
    sections: list[tuple[str, list, list, dict]] = []
    if measures:
        sections.append(("Measure", [Patch(facecolor=measure_color(m), edgecolor="none") for m in measures],
                         [MEASURE_LABELS[m] for m in measures], {}))
    sizes = (1_000, 5_000, 15_000)
    handles: list[Artist] = [Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(figure_area(None, v)),
                      markerfacecolor="#9a9a9a", markeredgecolor="white") for v in sizes]
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(NO_FIGURE_AREA),
                          markerfacecolor="white", markeredgecolor="#555555", markeredgewidth=1.6))
    sections.append(("Figure (circle area)", handles, [f"{v:,}" for v in sizes] + ["no figure stated"],
                     dict(handleheight=3.4, handlelength=3.4, labelspacing=0.25)))
    handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="#777777", markeredgecolor="white"),
        Patch(facecolor=(0.5, 0.5, 0.5, 0.22), edgecolor="#555555", linestyle="--"),
        Patch(facecolor=(0.5, 0.5, 0.5, 0.55), edgecolor="#2b2b2b"),
        Patch(facecolor="none", edgecolor=COUNTRY_CLAIM, linestyle=(0, (4, 2.5))),
        FancyArrowPatch((0, 0), (1, 0), arrowstyle="-|>", mutation_scale=10, color="#555555"),
        Line2D([], [], linestyle="none", marker="s", markersize=3, color=REF),
        Patch(facecolor=FOCUS_FILL, edgecolor=HATCH, hatch="////", linewidth=0.5),
    ]
    labels = ["at a town", f"near a town (halo of {NEAR_RADIUS_KM:g} km)",
              "region (several claims: striped)", "country only (dashed border, listed)",
              "movement (origin → place)", "reference town, no claim", "occupied (Crimea, Sevastopol)"]
    sections.append(("Place as stated", handles, labels, {}))
    return sections


class _ArrowHandler:
    def legend_artist(self, legend, orig, fontsize, handlebox):
        x0, y0 = handlebox.xdescent, handlebox.ydescent
        w, h = handlebox.width, handlebox.height
        arrow = FancyArrowPatch((x0, y0 + h / 2), (x0 + w, y0 + h / 2), arrowstyle="-|>", mutation_scale=10,
                                color=orig.get_edgecolor(), linewidth=1.3, transform=handlebox.get_transform())
        handlebox.add_artist(arrow)
        return arrow


def _add_legends(ax: Axes, rows: pd.DataFrame, start: tuple[float, float], direction: str = "down") -> list:
    """The three keys, stacked downward (or side by side) from ``start`` in axes fraction."""
    x, y = start
    renderer = _renderer(ax)
    legends = []
    for title, handles, labels, options in _legend_sections(rows):
        legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(x, y), bbox_transform=ax.transAxes,
                           handler_map={FancyArrowPatch: _ArrowHandler()}, fontsize=7.5, frameon=False,
                           borderaxespad=0.0, title=title, alignment="left",
                           title_fontproperties={"weight": "bold", "size": 8},
                           **{"handlelength": 1.8, "labelspacing": 0.45, **options})
        legend.set_gid(f"legend:{title.split()[0].lower()}")
        ax.add_artist(legend)
        legends.append(legend)
        if renderer is not None:
            box = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
            if direction == "down":
                y = box.y0 - 0.02
            else:
                x = box.x1 + 0.03
        else:
            y, x = (y - 0.3, x) if direction == "down" else (y, x + 0.3)
    return legends


def _credits_text() -> str:
    return f"{BORDER_POLICY}\n{GEO_CREDITS} {CREDITS.split('. ')[0]}."


def _add_notes(ax: Axes, rows: pd.DataFrame, dropped: dict[str, int], outside: list, width: int,
               xy: tuple[float, float], offset: tuple[float, float], align: tuple[float, float]) -> None:
    box = _notes_box(_notes_sections(rows, dropped, outside), 7, width)
    if box is None:
        return
    ab = AnnotationBbox(box, xy, xycoords="axes fraction", xybox=offset, boxcoords="offset points",
                        box_alignment=align, frameon=False, annotation_clip=False)
    ab.set_gid("note:unplaced")
    ax.add_artist(ab)
