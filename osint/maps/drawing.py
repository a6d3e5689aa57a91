"""Claims drawn on one map axes: circles, halos, striped regions, dashed countries, arrows,
reference towns and the label of each place (the rules are in :mod:`osint.maps`).

>>> figure_area(None, FULL_SIZE_FIGURE) == MAX_MARKER_AREA
True
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.offsetbox import TextArea
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch

from ..places.gazetteer import Gazetteer, default_gazetteer
from ..places.placement import _missing, place_claims
from ..style import MEASURE_ORDER, PERSONNEL_HATCHES, measure_color, personnel_marker
from .basemap import COUNTRY_CLAIM, REF, _draw_basemap, _path, _shape_xy
from .extents import _AXES_EXTENT, Extent, _project
from .labels import _dpi, _label_lines, _LabelPlacer, _renderer, _textbox

#: Radius of the halo drawn for ``near`` claims, in kilometres (and at least a few points
#: on screen, so it stays visible on an overview; it is never drawn smaller).
NEAR_RADIUS_KM = 50.0
#: Figure whose circle gets :data:`MAX_MARKER_AREA` (circle area is proportional to figure).
FULL_SIZE_FIGURE = 15_000
#: Lines (measure and kind of people) in one place's label box on a full map; more are summed
#: up in a last line (every claim stays in the placement table and CSV).
MAX_LABEL_LINES = 9
MAX_MARKER_AREA = 650.0  # pt², scatter's ``s``
MIN_MARKER_AREA = 14.0
NO_FIGURE_AREA = 40.0


def figure_area(low: Any, high: Any) -> float:
    """Marker area (pt², scatter's ``s``) for a figure: proportional to the upper stated bound,
    :data:`NO_FIGURE_AREA` for none.

    >>> figure_area(None, 15000) == MAX_MARKER_AREA
    True
    >>> figure_area(1500, None) < figure_area(None, 12000)
    True
    """
    value = high if not _missing(high) else low
    if _missing(value):
        return NO_FIGURE_AREA
    return float(np.clip(MAX_MARKER_AREA * float(value) / FULL_SIZE_FIGURE, MIN_MARKER_AREA, 2 * MAX_MARKER_AREA))


def _select(
    claims: pd.DataFrame, stances: Iterable[str] | None, include_repeats: bool
) -> tuple[pd.DataFrame, dict[str, int]]:
    keep = pd.Series(True, index=claims.index)
    dropped: dict[str, int] = {}
    if stances:
        ok = claims["stance"].astype("string").isin(list(stances)).fillna(False)
        dropped["stance"] = int((~ok).sum())
        keep &= ok
    if not include_repeats:
        rep = claims["repeats"].notna()
        dropped["repeats"] = int((rep & keep).sum())
        keep &= ~rep
    return claims.loc[keep], dropped


def _merged(claims: pd.DataFrame, placed: pd.DataFrame | None, gazetteer: Gazetteer | None) -> pd.DataFrame:
    if placed is None:
        placed = place_claims(claims, gazetteer)
    else:
        placed = placed.loc[placed.index.intersection(claims.index)]
        missing = claims.index.difference(placed.index)
        if len(missing):
            placed = pd.concat([placed, place_claims(claims.loc[missing], gazetteer)])
    extra = placed.drop(columns=["claim_id"]).reindex(claims.index)
    rows = claims.join(extra)
    # plain Python values: grouping and comparing small frames is much faster on them
    for column in (
        "claim_id",
        "claimant",
        "measure",
        "qualifier",
        "date_precision",
        "location",
        "status",
        "drawn_as",
        "place",
        "shape",
        "note",
        "origin_place",
        "origin_drawn_as",
        "origin_shape",
    ):
        if column in rows.columns:
            rows[column] = rows[column].astype(object).where(rows[column].notna(), None)
    return rows


def _metres_per_point(ax: Axes) -> float:
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    width_pt = ax.get_window_extent().width * 72.0 / _dpi(ax)
    return abs(x1 - x0) / max(width_pt, 1.0)


def _setup_axes(ax: Axes, extent: Extent) -> None:
    """Limits that show the whole extent at equal scale and fill the axes box."""
    xmin, xmax, ymin, ymax = extent.bounds
    box = ax.get_window_extent()
    box_aspect = box.height / max(box.width, 1e-9)
    w, h = xmax - xmin, ymax - ymin
    if h / w < box_aspect:  # box is taller than the extent: add height
        grow = (w * box_aspect - h) / 2
        ymin, ymax = ymin - grow, ymax + grow
    else:
        grow = (h / box_aspect - w) / 2
        xmin, xmax = xmin - grow, xmax + grow
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#777777")
        spine.set_linewidth(0.8)
    ax.set_gid(f"map:{extent.name}")
    _AXES_EXTENT[ax] = extent


def _inside(ax: Axes, x: float, y: float) -> bool:
    x0, x1 = sorted(ax.get_xlim())
    y0, y1 = sorted(ax.get_ylim())
    return x0 <= x <= x1 and y0 <= y <= y1


def _stripes(geom, n: int, width: float) -> list:
    """Split a polygon into ``n`` interleaved sets of diagonal stripes (one set per claim), so
    claims sharing a region each get an equal share of it, with no claim tied to one side."""
    import shapely
    from shapely import affinity

    c = geom.centroid
    turned = affinity.rotate(geom, 45, origin=c)
    x0, y0, x1, y1 = turned.bounds
    width = min(width, (x1 - x0) / (2 * n))
    count = max(int(math.ceil((x1 - x0) / width)), n)
    parts: list[list] = [[] for _ in range(n)]
    for k in range(count):
        band = shapely.clip_by_rect(turned, x0 + k * width, y0, x0 + (k + 1) * width, y1)
        if not band.is_empty:
            parts[k % n].append(band)
    return [affinity.rotate(shapely.union_all(p), -45, origin=c) if p else shapely.Polygon() for p in parts]


def _interleave(group: pd.DataFrame) -> pd.DataFrame:
    """Rows taken in turn from each measure (in measure order), so stripes mix the measures."""
    by_measure = [
        g.sort_values("statement_date")
        for _, g in sorted(group.groupby("measure"), key=lambda kv: MEASURE_ORDER.index(kv[0]))
    ]
    order = []
    for i in range(max(len(g) for g in by_measure)):
        order += [g.index[i] for g in by_measure if i < len(g)]
    return group.loc[order]


def _display_geom(ax: Axes, artist) -> Any:
    """An artist's footprint in display pixels, as a shapely geometry (for label placement)."""
    import shapely

    if isinstance(artist, PathPatch):
        polys = artist.get_path().to_polygons(artist.get_transform(), closed_only=True)
        shapes = [shapely.Polygon(p) for p in polys if len(p) >= 4 and np.all(np.isfinite(p))]  # type: ignore[arg-type]
        shapes = [s if s.is_valid else s.buffer(0) for s in shapes]
        return shapely.union_all(shapes) if shapes else None
    bbox = artist.get_window_extent(_renderer(ax))
    if not np.all(np.isfinite(bbox.extents)):
        return None
    return shapely.box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)


def _any_inside(ax: Axes, located: pd.DataFrame, crs: str) -> bool:
    """True when a town, halo centre or region label point of ``located`` is in the view."""
    import shapely

    if located.empty:
        return False
    x, y = _project(crs, located["lon"].to_numpy(float), located["lat"].to_numpy(float))
    if any(_inside(ax, float(a), float(b)) for a, b in zip(np.atleast_1d(x), np.atleast_1d(y))):
        return True
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    view = shapely.box(x0, y0, x1, y1)
    shapes = (_shape_xy(key, crs) for key in located["shape"].dropna().unique())
    return any(geom is not None and geom.intersects(view) for geom in shapes)


def _label_box(place: str, lines: list, cap: int | None, compact: bool) -> Any:
    """A place's label: its name only (compact), or its lines, at most ``cap`` of them with a
    last one counting the rest (every claim stays in the placement table and CSV)."""
    if compact:
        return TextArea(place, textprops=dict(fontsize=6.5, color="#222222", fontweight="bold", parse_math=False))
    if cap is not None and len(lines) > cap:
        more = len(lines) - cap + 1 if cap > 1 else len(lines)
        lines = lines[: cap - 1] + [
            ("", f"… {more} {'more ' if cap > 1 else ''}lines of measures and kinds of people: see the placement table")
        ]
    return _textbox(place, lines, 6.5, 48)


def _kind_of(r: Any) -> str:
    kind = getattr(r, "personnel", None)
    return "combat_troops" if _missing(kind) else str(kind)


def _arrow_ends(crs: str, r: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """Map coordinates of a movement's two ends: a town's own point; for an origin that is
    a region, area or country, the point of its outline nearest the destination (the arrow
    leaves that place, not an arbitrary middle of it)."""
    import shapely

    (x1,), (y1,) = _project(crs, [r.lon], [r.lat])
    (x0,), (y0,) = _project(crs, [r.origin_lon], [r.origin_lat])
    shape = getattr(r, "origin_shape", None)
    if not _missing(shape) and str(getattr(r, "origin_drawn_as", "")) in ("region", "country"):
        geom = _shape_xy(str(shape), crs)
        if geom is not None and not geom.contains(shapely.Point(float(x1), float(y1))):
            near = shapely.ops.nearest_points(geom.boundary, shapely.Point(float(x1), float(y1)))[0]
            x0, y0 = near.x, near.y
    return (float(x0), float(y0)), (float(x1), float(y1))


def _movable(r: Any) -> bool:
    """A movement gets an arrow when its origin is placed and its destination is finer than a
    whole country (an arrow into the middle of a country would point at nowhere stated)."""
    return not _missing(r.origin_lon) and str(r.drawn_as) != "country"


def _draw_claims(
    ax: Axes, rows: pd.DataFrame, extent: Extent, labels: str, near_km: float, reference: bool | int
) -> dict[str, Any]:
    """Draw placed claims on a prepared map axes; returns what the notes and keys need:
    ``outside`` (places beyond the view) and ``drawn``, the set of ``(key, value)`` marks
    actually drawn (``("measure", m)``, ``("personnel", p)``, ``("mark", kind)``) from which
    the legend shows only what is on the map."""
    import shapely.ops  # noqa: F401  (nearest points of movement origins)

    crs = extent.crs
    placed = rows[rows["status"] == "placed"]
    mpp = _metres_per_point(ax)
    compact = labels != "full"
    obstacles: list = []  # artists that labels should not cover
    notes: list = []  # (text, xy, gid) of country notes, placed with the labels
    drawn: set[tuple[str, str]] = set()

    def mark(kind: str, r: Any) -> None:
        drawn.update({("mark", kind), ("measure", str(r.measure)), ("personnel", _kind_of(r))})

    view = shapely.box(*(lambda b: (b[0], b[2], b[1], b[3]))(sorted(ax.get_xlim()) + sorted(ax.get_ylim())))

    # country level: a dashed border, no mark inside
    country_rows = placed[placed["drawn_as"] == "country"]
    for shape, g in country_rows.groupby("shape", sort=True):
        geom = _shape_xy(shape, crs)
        if geom is None:
            continue
        iso2 = shape.split(":", 1)[1]
        ax.add_artist(
            PathPatch(
                _path(geom),
                facecolor="none",
                edgecolor=COUNTRY_CLAIM,
                linewidth=1.0 if compact else 1.2,
                linestyle=(0, (4, 2.5)),
                zorder=3,
                gid=f"countryclaim:{iso2}",
            )
        )
        if geom.intersects(view):
            drawn.add(("mark", "country"))
        x, y = _project(crs, g["lon"].iloc[0], g["lat"].iloc[0])
        n = len(g)
        notes.append(
            (
                f"{g['place'].iloc[0]}: {n} claim{'s' if n > 1 else ''}, no finer place",
                (float(x), float(y)),
                f"countrynote:{iso2}",
            )
        )

    # region level: the polygon, striped in the colours of the claims that name it; builders,
    # deminers and labourers hatched over their stripes
    region_rows = placed[placed["drawn_as"] == "region"]
    for shape, g in region_rows.groupby("shape", sort=True):
        geom = _shape_xy(shape, crs)
        if geom is None:
            continue
        visible = geom.intersects(view)
        g = _interleave(g)
        parts = [geom] if len(g) == 1 else _stripes(geom, len(g), 2.5 * mpp)
        for r, part in zip(g.itertuples(), parts):
            hatch = PERSONNEL_HATCHES.get(_kind_of(r))
            ax.add_artist(
                PathPatch(
                    _path(part),
                    facecolor=measure_color(r.measure),
                    edgecolor="#1a1a1a" if hatch else "none",
                    linewidth=0,
                    hatch=hatch,
                    alpha=0.6,
                    zorder=3.2,
                    gid=f"region:{r.claim_id}",
                )
            )
            if visible:
                mark("region", r)
        edge = PathPatch(
            _path(geom),
            facecolor="none",
            edgecolor="#2b2b2b",
            linewidth=1.3 if compact else 1.0,
            zorder=3.4,
            gid=f"regionedge:{shape}",
        )
        ax.add_artist(edge)
        obstacles.append(edge)

    # near: a halo, never a dot
    near_rows = placed[placed["drawn_as"] == "near"]
    radius = max(near_km * 1000.0, 6.0 * mpp)
    for r in near_rows.itertuples():
        x, y = _project(crs, r.lon, r.lat)
        visible = view.buffer(radius).contains(shapely.Point(float(x), float(y)))
        color = measure_color(r.measure)
        hatch = PERSONNEL_HATCHES.get(_kind_of(r))
        ax.add_artist(
            Circle(
                (float(x), float(y)),
                radius,
                facecolor=color,
                alpha=0.22 if not hatch else 0.35,
                edgecolor="#1a1a1a" if hatch else "none",
                linewidth=0,
                hatch=hatch,
                zorder=4,
                gid=f"near:{r.claim_id}",
            )
        )
        rim = Circle(
            (float(x), float(y)),
            radius,
            facecolor="none",
            edgecolor=color,
            linestyle="--",
            linewidth=1.1,
            zorder=4.1,
            gid=f"nearedge:{r.claim_id}",
        )
        ax.add_artist(rim)
        obstacles.append(rim)
        if visible:
            mark("near", r)

    # points: area by figure, shape by kind of people, biggest first so small ones stay on top
    point_rows = placed[placed["drawn_as"] == "point"].copy()
    point_rows["marker_area"] = [
        figure_area(lo, hi) for lo, hi in zip(point_rows["figure_low"], point_rows["figure_high"])
    ]
    for r in point_rows.sort_values("marker_area", ascending=False).itertuples():
        x, y = _project(crs, r.lon, r.lat)
        color = measure_color(r.measure)
        has_figure = not (_missing(r.figure_low) and _missing(r.figure_high))
        obstacles.append(
            ax.scatter(
                [float(x)],
                [float(y)],
                s=r.marker_area,
                marker=personnel_marker(_kind_of(r)),
                facecolor=color if has_figure else "white",
                edgecolor="white" if has_figure else color,
                linewidth=0.8 if has_figure else 1.6,
                alpha=0.9,
                zorder=6,
                gid=f"point:{r.claim_id}",
            )
        )
        if _inside(ax, float(x), float(y)):
            mark("point" if has_figure else "hollow", r)

    # movements: one arrow per claim; claims sharing origin, place and measure share a path,
    # other measures between the same two places bend apart
    moves = placed[[_movable(r) for r in placed.itertuples()]] if len(placed) else placed
    bends: dict[tuple, list] = {}
    for r in moves.itertuples():
        bends.setdefault((r.origin_place, r.place), [])
        if r.measure not in bends[(r.origin_place, r.place)]:
            bends[(r.origin_place, r.place)].append(r.measure)
    origins_drawn: set = set()
    for r in moves.itertuples():
        (x0, y0), (x1, y1) = _arrow_ends(crs, r)
        color = measure_color(r.measure)
        k = bends[(r.origin_place, r.place)].index(r.measure)
        rad = 0.18 + 0.12 * k
        ax.add_artist(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                arrowstyle="-|>",
                mutation_scale=13,
                connectionstyle=f"arc3,rad={rad:.2f}",
                color=color,
                linewidth=1.5,
                shrinkA=3,
                shrinkB=7,
                zorder=5.5,
                alpha=0.9,
                gid=f"arrow:{r.claim_id}",
            )
        )
        if view.intersects(shapely.LineString([(x0, y0), (x1, y1)])):
            mark("arrow", r)
        if str(r.origin_drawn_as) in ("region", "country") and not _missing(r.origin_shape):
            key = str(r.origin_shape)
            geom = _shape_xy(key, crs)
            if geom is not None and key not in origins_drawn:
                ax.add_artist(
                    PathPatch(
                        _path(geom),
                        facecolor="none",
                        edgecolor="#555555",
                        linewidth=0.9,
                        linestyle=(0, (1, 1.5)),
                        zorder=3.5,
                        gid=f"originarea:{key}",
                    )
                )
                origins_drawn.add(key)
                drawn.add(("mark", "origin_area"))
        obstacles.append(
            ax.scatter(
                [x0],
                [y0],
                s=22,
                marker="s",
                facecolor="white",
                edgecolor=color,
                linewidth=1.2,
                zorder=5.6,
                gid=f"origin:{r.claim_id}",
            )
        )

    # labels: one per place, kept off the claimed shapes, the towns and each other
    outside: list[tuple[str, pd.DataFrame]] = []
    located = placed[placed["drawn_as"].isin(["point", "near", "region"])]
    refs = []
    claim_places = {str(p).removeprefix("near ") for p in placed["place"].dropna()}
    if reference:
        gz = default_gazetteer()
        for name in extent.references if reference is True else extent.references[: int(reference)]:
            p = gz.resolve(name)
            if not p or p.name in claim_places:
                continue
            x, y = _project(crs, p.lon, p.lat)
            dot = ax.scatter([float(x)], [float(y)], s=9, marker="s", color=REF, zorder=5, gid=f"ref:{p.name}")
            obstacles.append(dot)
            refs.append((str(p.name), (float(x), float(y)), dot))
    renderer = _renderer(ax)
    shapes = [s for s in (_display_geom(ax, a) for a in obstacles) if s is not None] if renderer else []
    placer = _LabelPlacer(ax, shapes)
    if labels != "none":
        boxes = []
        for key, g in located.groupby("place", sort=True):
            (x,), (y,) = _project(crs, [g["lon"].iloc[0]], [g["lat"].iloc[0]])
            if not _inside(ax, float(x), float(y)):
                outside.append((str(key), g))
                continue
            lines = [] if compact else _label_lines(g)
            boxes.append((len(lines), str(key), lines, (float(x), float(y))))
        # small boxes first, so they sit by their places; a crowded box finds the room left,
        # and is cut to fewer lines (the rest in the placement table) where none is left
        for n, key, lines, xy in sorted(boxes, key=lambda b: (b[0], b[1])):
            caps = [c for c in (MAX_LABEL_LINES, 6, 4, 2, 1) if c < n] if n > 1 else []
            for cap in [None, *caps] if n <= MAX_LABEL_LINES else caps:
                placed_box = placer.place(_label_box(key, lines, cap, compact), xy, f"label:{key}")
                if placer.last_clash <= 0.5 or cap == (caps[-1] if caps else None):
                    break
                placer.withdraw(placed_box)
        if labels != "small" and not _any_inside(ax, located, crs):
            ax.text(
                0.5,
                0.02,
                "No claim in this selection names a town or region in this view.",
                transform=ax.transAxes,
                ha="center",
                va="bottom",
                fontsize=7,
                style="italic",
                color="#555555",
                zorder=9,
                gid="note:empty",
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="none", alpha=0.85),
            )
        for text, (x, y), gid in notes if labels != "small" else []:  # small multiples list them below
            if _inside(ax, x, y):
                box = TextArea(
                    text, textprops=dict(fontsize=6.5, color=COUNTRY_CLAIM, style="italic", parse_math=False)
                )
                placer.place(box, (x, y), gid, leader=False)
    # reference names last: orientation only, so they give way to the claims' labels
    for name, xy, dot in refs:
        if not _inside(ax, *xy):
            continue
        if placer.place_name(name, xy, f"reftext:{name}", fontsize=6.5, color=REF, style="italic", zorder=5) is None:
            dot.remove()  # a dot without its name would read as a claim
            continue
        drawn.add(("mark", "reference"))
    if _crimea_in_view(ax, crs):
        drawn.add(("mark", "occupied"))
    return {"outside": outside, "drawn": drawn}


def _crimea_in_view(ax: Axes, crs: str) -> bool:
    x, y = _project(crs, [33.0, 34.2, 36.5], [44.6, 45.3, 45.3])
    return any(_inside(ax, float(a), float(b)) for a, b in zip(x, y))


def placed_in_view(rows: pd.DataFrame, extent: Extent) -> bool:
    """True when ``rows`` (placed claims) put a mark inside ``extent``: a town, a halo, a
    claimed region reaching into it, or the origin end of a movement. Country-level claims
    put no mark, so they do not count. Panels without any are left out of the maps.

    >>> placed_in_view(claims_and_placement, get_extent("far_east"))     # doctest: +SKIP
    """
    import shapely

    placed = rows[rows["status"] == "placed"] if "status" in rows.columns else rows.iloc[:0]
    if placed.empty:
        return False
    xmin, xmax, ymin, ymax = extent.bounds
    view = shapely.box(xmin, ymin, xmax, ymax)
    fine = placed[placed["drawn_as"].isin(["point", "near"])]
    if len(fine):
        x, y = _project(extent.crs, fine["lon"].to_numpy(float), fine["lat"].to_numpy(float))
        if any(view.contains(shapely.Point(float(a), float(b))) for a, b in zip(np.atleast_1d(x), np.atleast_1d(y))):
            return True
    for key in placed.loc[placed["drawn_as"] == "region", "shape"].dropna().unique():
        geom = _shape_xy(str(key), extent.crs)
        if geom is not None and geom.intersects(view):
            return True
    moves = placed[[_movable(r) for r in placed.itertuples()]]
    for r in moves.itertuples():
        (x0, y0), _ = _arrow_ends(extent.crs, r)
        if view.contains(shapely.Point(x0, y0)):
            return True
    return False


def _map_panel(
    ax: Axes,
    rows: pd.DataFrame,
    extent: Extent,
    labels: str = "full",
    reference: bool | int = True,
    near_km: float = NEAR_RADIUS_KM,
) -> dict[str, Any]:
    """Basemap and claims of ``rows`` (selected and placed) on ``ax``; returns what
    :func:`_draw_claims` returns (``outside``, ``drawn``)."""
    _setup_axes(ax, extent)
    _draw_basemap(ax, extent)
    return _draw_claims(ax, rows, extent, labels, near_km, reference)


def _prepare(
    claims: pd.DataFrame,
    stances: Iterable[str] | None,
    include_repeats: bool,
    gazetteer: Gazetteer | None,
    placed: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The rows a map draws, joined to their placement (``placed`` reused where it covers them)."""
    shown, dropped = _select(claims, stances, include_repeats)
    return _merged(shown, placed, gazetteer), dropped
