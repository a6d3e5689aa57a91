"""What a map cannot show as marks (notes), its keys (legends) and its credits.

>>> "Crimea" in BORDER_POLICY
True
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.offsetbox import AnnotationBbox, VPacker
from matplotlib.patches import FancyArrowPatch, Patch

from ..style import (
    CREDITS,
    GEO_CREDITS,
    MEASURE_LABELS,
    MEASURE_ORDER,
    PERSONNEL_HATCHES,
    PERSONNEL_NAMES,
    measure_color,
    personnel_label,
    personnel_marker,
)
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
        lines = [
            (measure_color(r.measure), f"{r.claim_id} “{r.location}”: {_short(r.note)}")
            for r in unresolved.itertuples()
        ]
        sections.append(("Places that could not be resolved (not drawn)", lines))
    origin_bad = rows[
        rows["note"].fillna("").str.contains("origin ", regex=False)
        & rows["origin_lon"].isna()
        & (rows["status"] == "placed")
    ]
    if len(origin_bad):
        sections.append(
            (
                "Movement origins not placed (no arrow)",
                [(measure_color(r.measure), f"{r.claim_id}: {r.note}") for r in origin_bad.itertuples()],
            )
        )
    if outside:
        sections.append(
            ("Outside this view", [("", f"{name} ({len(g)} claim{'s' if len(g) > 1 else ''})") for name, g in outside])
        )
    other = []
    no_place = int((rows["status"] == "no_location").sum())
    if no_place:
        other.append(("", f"{no_place} claim{'s state' if no_place > 1 else ' states'} no place"))
    if rows.empty and not any(dropped.values()):
        other.append(("", "no claims in the selection"))
    if dropped.get("stance"):
        other.append(
            (
                "",
                f"{dropped['stance']} “cannot confirm” or “denies” statement"
                f"{'s' if dropped['stance'] > 1 else ''} (they place no one)",
            )
        )
    if dropped.get("repeats"):
        other.append(("", f"{dropped['repeats']} repeat{'s' if dropped['repeats'] > 1 else ''} of another row"))
    if other:
        sections.append(("Not mapped", other))
    return sections


def _short(reason: object) -> str:
    """The gist of a gazetteer's reason (its first clause), for the notes beside a map."""
    text = str(reason or "not placed")
    return text.split(": ", 1)[0] if text.startswith("not in the gazetteer") else text


def _notes_box(sections: list, size: float, width: int) -> VPacker | None:
    boxes: list[Artist] = [_textbox(header, lines, size, width) for header, lines in sections]
    return VPacker(children=boxes, pad=0, sep=6, align="left") if boxes else None


def _legend_sections(
    rows: pd.DataFrame, drawn: set | None = None, notes: bool = True
) -> list[tuple[str, list, list, dict]]:
    """(title, handles, labels, legend options) for the keys of what is on the map: measures,
    figure sizes, kinds of people and kinds of place, each entry only when something drawn
    uses it (``drawn``: the union of the panels' ``drawn`` sets; None keys every measure of
    the placed rows; ``notes``: the country-level claims are listed with colour bullets)."""
    drawn = set(drawn or ())
    marks = {v for k, v in drawn if k == "mark"}
    placed = rows[rows["status"] == "placed"]
    listed = {str(m) for m in placed.loc[placed["drawn_as"] == "country", "measure"]} if notes else set()
    used = {v for k, v in drawn if k == "measure"} | listed
    measures = [m for m in MEASURE_ORDER if m in used]
    sections: list[tuple[str, list, list, dict]] = []
    if measures:
        sections.append(
            (
                "Measure",
                [Patch(facecolor=measure_color(m), edgecolor="none") for m in measures],
                [MEASURE_LABELS[m] for m in measures],
                {},
            )
        )
    if marks & {"point", "hollow"}:
        sizes = (1_000, 5_000, 15_000) if "point" in marks else ()
        handles = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=math.sqrt(figure_area(None, v)),
                markerfacecolor="#9a9a9a",
                markeredgecolor="white",
            )
            for v in sizes
        ]
        labels = [f"{v:,}" for v in sizes]
        if "hollow" in marks:
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=math.sqrt(NO_FIGURE_AREA),
                    markerfacecolor="white",
                    markeredgecolor="#555555",
                    markeredgewidth=1.6,
                )
            )
            labels.append("no figure stated")
        sections.append(
            (
                "Figure (mark area)",
                handles,
                labels,
                dict(handleheight=3.4, handlelength=3.4, labelspacing=0.25) if sizes else {},
            )
        )
    kinds = [k for k in PERSONNEL_NAMES if ("personnel", k) in drawn]
    if kinds and (kinds != ["combat_troops"] or marks & {"point", "hollow"}):
        kind_handles: list[Any] = []
        labels = []
        for k in kinds:
            hatch = PERSONNEL_HATCHES.get(k)
            marker = Line2D(
                [],
                [],
                linestyle="none",
                marker=personnel_marker(k),
                markersize=7,
                markerfacecolor="#777777",
                markeredgecolor="white",
            )
            if hatch and marks & {"region", "near"}:  # the area's hatching with the town mark over it
                kind_handles.append((Patch(facecolor="#d9d9d9", edgecolor="#1a1a1a", linewidth=0, hatch=hatch), marker))
            else:
                kind_handles.append(marker)
            labels.append(personnel_label(k))
        sections.append(("Who is counted", kind_handles, labels, {}))
    entries = [
        (
            "point",
            Line2D(
                [], [], linestyle="none", marker="o", markersize=7, markerfacecolor="#777777", markeredgecolor="white"
            ),
            "at a town",
        ),
        (
            "hollow",
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=7,
                markerfacecolor="white",
                markeredgecolor="#555555",
                markeredgewidth=1.4,
            ),
            "at a town, no figure",
        ),
        (
            "near",
            Patch(facecolor=(0.5, 0.5, 0.5, 0.22), edgecolor="#555555", linestyle="--"),
            f"near a town (halo of {NEAR_RADIUS_KM:g} km)",
        ),
        ("region", Patch(facecolor=(0.5, 0.5, 0.5, 0.55), edgecolor="#2b2b2b"), "region (several claims: striped)"),
        (
            "country",
            Patch(facecolor="none", edgecolor=COUNTRY_CLAIM, linestyle=(0, (4, 2.5))),
            "country only (dashed border, listed)",
        ),
        (
            "arrow",
            FancyArrowPatch((0, 0), (1, 0), arrowstyle="-|>", mutation_scale=10, color="#555555"),
            "movement (origin → place)",
        ),
        (
            "origin_area",
            Patch(facecolor="none", edgecolor="#555555", linestyle=(0, (1, 1.5))),
            "origin named as a region or country",
        ),
        (
            "reference",
            Line2D([], [], linestyle="none", marker="s", markersize=3, color=REF),
            "reference town, no claim",
        ),
        (
            "occupied",
            Patch(facecolor=FOCUS_FILL, edgecolor=HATCH, hatch="////", linewidth=0.5),
            "occupied (Crimea, Sevastopol)",
        ),
    ]
    shown = [(h, t) for key, h, t in entries if key in marks and not (key == "hollow" and "point" in marks)]
    if shown:
        sections.append(("Place as stated", [h for h, _ in shown], [t for _, t in shown], {}))
    return sections


class _ArrowHandler:
    def legend_artist(self, legend, orig, fontsize, handlebox):
        x0, y0 = handlebox.xdescent, handlebox.ydescent
        w, h = handlebox.width, handlebox.height
        arrow = FancyArrowPatch(
            (x0, y0 + h / 2),
            (x0 + w, y0 + h / 2),
            arrowstyle="-|>",
            mutation_scale=10,
            color=orig.get_edgecolor(),
            linewidth=1.3,
            transform=handlebox.get_transform(),
        )
        handlebox.add_artist(arrow)
        return arrow


def _add_legends(
    ax: Axes,
    rows: pd.DataFrame,
    start: tuple[float, float],
    direction: str = "down",
    drawn: set | None = None,
    notes: bool = True,
) -> list:
    """The keys of what is drawn (:func:`_legend_sections`), stacked downward (or side by
    side) from ``start`` in axes fraction."""
    x, y = start
    renderer = _renderer(ax)
    legends = []
    beside = None  # stacking down: the figure-size key and the kinds of people share a row
    for title, handles, labels, options in _legend_sections(rows, drawn, notes):
        if beside is not None and title == "Who is counted":
            x, y = beside[0], beside[1]
        legend = ax.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(x, y),
            bbox_transform=ax.transAxes,
            handler_map={FancyArrowPatch: _ArrowHandler()},
            fontsize=7.5,
            frameon=False,
            borderaxespad=0.0,
            title=title,
            alignment="left",
            title_fontproperties={"weight": "bold", "size": 8},
            **{"handlelength": 1.8, "labelspacing": 0.45, **options},
        )
        legend.set_gid(f"legend:{title.split()[0].lower()}")
        ax.add_artist(legend)
        legends.append(legend)
        if renderer is not None:
            box = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
            if direction == "down" and title.startswith("Figure"):
                beside = (box.x1 + 0.06, box.y1, box.y0)
                y = box.y0 - 0.02
            elif direction == "down" and beside is not None and title == "Who is counted":
                x, y, beside = start[0], min(box.y0, beside[2]) - 0.02, None
            elif direction == "down":
                y = box.y0 - 0.02
            else:
                x = box.x1 + 0.03
        else:
            y, x = (y - 0.3, x) if direction == "down" else (y, x + 0.3)
    return legends


def _credits_text() -> str:
    return f"{BORDER_POLICY}\n{GEO_CREDITS} {CREDITS.split('. ')[0]}."


def _add_notes(
    ax: Axes,
    rows: pd.DataFrame,
    dropped: dict[str, int],
    outside: list,
    width: int,
    xy: tuple[float, float],
    offset: tuple[float, float],
    align: tuple[float, float],
    size: float = 7.0,
    fit_above: float | None = None,
) -> AnnotationBbox | None:
    """The notes box (what the map cannot show as marks) at ``xy`` (axes fraction).

    With ``fit_above`` (a figure-pixel height) a box hanging below ``xy`` is set in smaller
    type, down to 5 pt, until its bottom stays above that height."""
    sections = _notes_sections(rows, dropped, outside)
    while True:
        box = _notes_box(sections, size, int(width * 7.0 / size))
        if box is None:
            return None
        ab = AnnotationBbox(
            box,
            xy,
            xycoords="axes fraction",
            xybox=offset,
            boxcoords="offset points",
            box_alignment=align,
            frameon=False,
            annotation_clip=False,
        )
        ab.set_gid("note:unplaced")
        ax.add_artist(ab)
        renderer = _renderer(ax)
        if fit_above is None or renderer is None or size <= 5.0:
            return ab
        if ab.get_window_extent(renderer).y0 >= fit_above:
            return ab
        ab.remove()
        size -= 0.5
