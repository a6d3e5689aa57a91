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
from matplotlib.offsetbox import TextArea, VPacker
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch

from ..places.gazetteer import Gazetteer, default_gazetteer
from ..places.placement import _missing, place_claims
from ..style import MEASURE_ORDER, measure_color
from .basemap import COUNTRY_CLAIM, REF, _draw_basemap, _path, _shape_xy
from .extents import _AXES_EXTENT, Extent, _project
from .labels import _dpi, _label_lines, _LabelPlacer, _renderer, _textbox

#: Radius of the halo drawn for ``near`` claims, in kilometres (and at least a few points
#: on screen, so it stays visible on an overview; it is never drawn smaller).
NEAR_RADIUS_KM = 50.0
#: Figure whose circle gets :data:`MAX_MARKER_AREA` (circle area is proportional to figure).
FULL_SIZE_FIGURE = 15_000
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


def _select(claims: pd.DataFrame, stances: Iterable[str] | None,
            include_repeats: bool) -> tuple[pd.DataFrame, dict[str, int]]:
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
    for column in ("claim_id", "claimant", "measure", "qualifier", "date_precision", "location", "status",
                   "drawn_as", "place", "shape", "note"):
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
    by_measure = [g.sort_values("statement_date") for _, g in
                  sorted(group.groupby("measure"), key=lambda kv: MEASURE_ORDER.index(kv[0]))]
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


def _draw_claims(ax: Axes, rows: pd.DataFrame, extent: Extent, labels: str, near_km: float,
                 reference: bool | int) -> dict[str, Any]:
    """Draw placed claims on a prepared map axes; returns what the notes need."""
    crs = extent.crs
    placed = rows[rows["status"] == "placed"]
    mpp = _metres_per_point(ax)
    compact = labels != "full"
    obstacles: list = []  # artists that labels should not cover
    notes: list = []  # (text, xy, gid) of country notes, placed with the labels

    # country level: a dashed border, no mark inside
    country_rows = placed[placed["drawn_as"] == "country"]
    for shape, g in country_rows.groupby("shape", sort=True):
        geom = _shape_xy(shape, crs)
        if geom is None:
            continue
        iso2 = shape.split(":", 1)[1]
        ax.add_artist(PathPatch(_path(geom), facecolor="none", edgecolor=COUNTRY_CLAIM,
                                linewidth=1.0 if compact else 1.2,
                                linestyle=(0, (4, 2.5)), zorder=3, gid=f"countryclaim:{iso2}"))
        x, y = _project(crs, g["lon"].iloc[0], g["lat"].iloc[0])
        n = len(g)
        notes.append((f"{g['place'].iloc[0]}: {n} claim{'s' if n > 1 else ''}, no finer place",
                      (float(x), float(y)), f"countrynote:{iso2}"))

    # region level: the polygon, striped in the colours of the claims that name it
    region_rows = placed[placed["drawn_as"] == "region"]
    for shape, g in region_rows.groupby("shape", sort=True):
        geom = _shape_xy(shape, crs)
        if geom is None:
            continue
        g = _interleave(g)
        parts = [geom] if len(g) == 1 else _stripes(geom, len(g), 2.5 * mpp)
        for r, part in zip(g.itertuples(), parts):
            ax.add_artist(PathPatch(_path(part), facecolor=measure_color(r.measure), edgecolor="none", alpha=0.6,
                                    zorder=3.2, gid=f"region:{r.claim_id}"))
        edge = PathPatch(_path(geom), facecolor="none", edgecolor="#2b2b2b", linewidth=1.3 if compact else 1.0,
                         zorder=3.4, gid=f"regionedge:{shape}")
        ax.add_artist(edge)
        obstacles.append(edge)

    # near: a halo, never a dot
    near_rows = placed[placed["drawn_as"] == "near"]
    radius = max(near_km * 1000.0, 6.0 * mpp)
    for r in near_rows.itertuples():
        x, y = _project(crs, r.lon, r.lat)
        color = measure_color(r.measure)
        ax.add_artist(Circle((float(x), float(y)), radius, facecolor=color, alpha=0.22, edgecolor="none",
                             zorder=4, gid=f"near:{r.claim_id}"))
        rim = Circle((float(x), float(y)), radius, facecolor="none", edgecolor=color, linestyle="--",
                     linewidth=1.1, zorder=4.1, gid=f"nearedge:{r.claim_id}")
        ax.add_artist(rim)
        obstacles.append(rim)

    # points: area by figure, biggest first so small ones stay visible on top
    point_rows = placed[placed["drawn_as"] == "point"].copy()
    point_rows["marker_area"] = [figure_area(lo, hi)
                                 for lo, hi in zip(point_rows["figure_low"], point_rows["figure_high"])]
    for r in point_rows.sort_values("marker_area", ascending=False).itertuples():
        x, y = _project(crs, r.lon, r.lat)
        color = measure_color(r.measure)
        has_figure = not (_missing(r.figure_low) and _missing(r.figure_high))
        obstacles.append(ax.scatter([float(x)], [float(y)], s=r.marker_area, facecolor=color if has_figure else "white",
                                    edgecolor="white" if has_figure else color, linewidth=0.8 if has_figure else 1.6,
                                    alpha=0.9, zorder=6, gid=f"point:{r.claim_id}"))

    # movements
    moves = placed[placed["origin_lon"].notna()]
    for r in moves.itertuples():
        (x0,), (y0,) = _project(crs, [r.origin_lon], [r.origin_lat])
        (x1,), (y1,) = _project(crs, [r.lon], [r.lat])
        color = measure_color(r.measure)
        ax.add_artist(FancyArrowPatch((float(x0), float(y0)), (float(x1), float(y1)), arrowstyle="-|>",
                                      mutation_scale=13, connectionstyle="arc3,rad=0.18", color=color,
                                      linewidth=1.5, shrinkA=3, shrinkB=7, zorder=5.5, alpha=0.9,
                                      gid=f"arrow:{r.claim_id}"))
        obstacles.append(ax.scatter([float(x0)], [float(y0)], s=22, marker="s", facecolor="white", edgecolor=color,
                                    linewidth=1.2, zorder=5.6, gid=f"origin:{r.claim_id}"))

    # reference towns (not claims)
    claim_places = {str(p).removeprefix("near ") for p in placed["place"].dropna()}
    if reference:
        gz = default_gazetteer()
        for name in extent.references if reference is True else extent.references[: int(reference)]:
            p = gz.resolve(name)
            if not p or p.name in claim_places:
                continue
            x, y = _project(crs, p.lon, p.lat)
            ax.scatter([float(x)], [float(y)], s=9, marker="s", color=REF, zorder=5, gid=f"ref:{p.name}")
            obstacles.append(ax.annotate(str(p.name), (float(x), float(y)), xytext=(3, 2), textcoords="offset points",
                                         fontsize=6.5, color=REF, style="italic", zorder=5, gid=f"reftext:{p.name}"))

    # labels: one per place, kept off the claimed shapes, the towns and each other
    outside: list[tuple[str, pd.DataFrame]] = []
    located = placed[placed["drawn_as"].isin(["point", "near", "region"])]
    if labels == "none":
        return {"outside": outside}
    renderer = _renderer(ax)
    shapes = [s for s in (_display_geom(ax, a) for a in obstacles) if s is not None] if renderer else []
    placer = _LabelPlacer(ax, shapes)
    for key, g in located.groupby("place", sort=True):
        (x,), (y,) = _project(crs, [g["lon"].iloc[0]], [g["lat"].iloc[0]])
        if not _inside(ax, float(x), float(y)):
            outside.append((str(key), g))
            continue
        box: TextArea | VPacker
        if compact:
            box = TextArea(str(key), textprops=dict(fontsize=6.5, color="#222222", fontweight="bold",
                                                    parse_math=False))
        else:
            box = _textbox(str(key), _label_lines(g), 6.5, 44)
        placer.place(box, (float(x), float(y)), f"label:{key}")
    if labels != "small" and not _any_inside(ax, located, crs):
        ax.text(0.5, 0.02, "No claim in this selection names a town or region in this view.", transform=ax.transAxes,
                ha="center", va="bottom", fontsize=7, style="italic", color="#555555", zorder=9, gid="note:empty",
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="none", alpha=0.85))
    for text, (x, y), gid in notes if labels != "small" else []:  # small multiples list them below
        if _inside(ax, x, y):
            box = TextArea(text, textprops=dict(fontsize=6.5, color=COUNTRY_CLAIM, style="italic",
                                                parse_math=False))
            placer.place(box, (x, y), gid, leader=False)
    return {"outside": outside}


def _map_panel(ax: Axes, rows: pd.DataFrame, extent: Extent, labels: str = "full", reference: bool | int = True,
               near_km: float = NEAR_RADIUS_KM) -> dict[str, Any]:
    """Basemap and claims of ``rows`` (selected and placed) on ``ax``."""
    _setup_axes(ax, extent)
    _draw_basemap(ax, extent)
    return _draw_claims(ax, rows, extent, labels, near_km, reference)


def _prepare(claims: pd.DataFrame, stances: Iterable[str] | None, include_repeats: bool,
             gazetteer: Gazetteer | None, placed: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """The rows a map draws, joined to their placement (``placed`` reused where it covers them)."""
    shown, dropped = _select(claims, stances, include_repeats)
    return _merged(shown, placed, gazetteer), dropped
