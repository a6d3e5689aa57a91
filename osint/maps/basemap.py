"""The offline basemap: countries, regions and occupied areas, reprojected and drawn.

Everything is read from ``data/geo/basemap.gpkg`` and the gazetteer's polygons; each layer is
reprojected once per projection and kept in memory. Borders follow data/geo/GEODATA.md:
internationally recognised, Crimea and Sevastopol part of Ukraine, hatched as occupied.

>>> BASEMAP.name
'basemap.gpkg'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from ..places.gazetteer import GEO_DIR, ResolvedPlace, default_gazetteer
from .extents import Extent, _transformer

BASEMAP = GEO_DIR / "basemap.gpkg"
FOCUS_COUNTRIES = ("RU", "UA", "BY", "KP", "KR")

SEA = "#e3edf5"
FOCUS_FILL = "#fbfaf6"
OTHER_FILL = "#e9e7e2"
BORDER = "#6f6f6f"
ADMIN1 = "#c9c5bc"
HATCH = "#8a8a8a"
COUNTRY_CLAIM = "#3b3b3b"
REF = "#5a5a5a"


@lru_cache(maxsize=1)
def _basemap_wgs84() -> dict[str, Any]:
    import geopandas as gpd

    countries = gpd.read_file(BASEMAP, layer="countries", engine="pyogrio")
    regions = gpd.read_file(BASEMAP, layer="regions", engine="pyogrio")
    return {"countries": countries, "regions": regions}


@lru_cache(maxsize=8)
def _basemap(crs: str) -> dict[str, Any]:
    """The basemap layers in ``crs`` (reprojected once, then kept)."""
    layers = _basemap_wgs84()
    return {name: gdf.to_crs(crs) for name, gdf in layers.items()}


def _polygons(geom) -> list:
    """The polygons inside any shapely geometry (collections included)."""
    if geom is None or geom.is_empty:
        return []
    kind = geom.geom_type
    if kind == "Polygon":
        return [geom]
    if kind in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in _polygons(g)]
    return []


def _path(geom) -> MplPath:
    """A matplotlib Path of a (multi)polygon; holes wind the other way, so they stay holes."""
    import shapely

    verts, codes = [], []
    for poly in _polygons(geom):
        poly = shapely.orient_polygons(poly)
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 4:
                continue
            c = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            c[0], c[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            verts.append(xy)
            codes.append(c)
    if not verts:
        return MplPath(np.empty((0, 2)))
    return MplPath(np.concatenate(verts), np.concatenate(codes))


@dataclass(frozen=True)
class _Layers:
    focus: dict[str, MplPath]
    others: MplPath
    borders: MplPath
    admin1: MplPath
    occupied: MplPath


@lru_cache(maxsize=16)
def _panel_layers(extent: Extent) -> _Layers:
    """Basemap paths for one view, clipped to a generous box around it (fast to draw)."""
    import shapely

    base = _basemap(extent.crs)
    xmin, xmax, ymin, ymax = extent.bounds
    w, h = xmax - xmin, ymax - ymin
    box = (xmin - w, ymin - h, xmax + w, ymax + h)

    def clip(geom):
        return shapely.clip_by_rect(geom, *box)

    countries = base["countries"]
    focus_parts: dict[str, list] = {}
    others = []
    for iso2, geom in zip(countries["iso2"], countries.geometry):
        g = clip(geom)
        if g.is_empty:
            continue
        if iso2 in FOCUS_COUNTRIES:
            focus_parts.setdefault(iso2, []).append(g)
        else:
            others.append(g)
    focus = {iso2: _path(shapely.union_all(parts)) for iso2, parts in focus_parts.items()}
    regions = base["regions"]
    occ = regions[regions["occupied"].astype(bool)]
    occupied = clip(shapely.union_all(list(occ.geometry))) if len(occ) else shapely.Polygon()
    # shared edges are drawn twice rather than paying for a union of all boundaries
    admin1 = shapely.GeometryCollection([clip(g) for g in regions.geometry.boundary])
    borders = shapely.GeometryCollection([clip(g) for g in countries.geometry.boundary])
    return _Layers(
        focus, _path(shapely.GeometryCollection(others)), _lines_path(borders), _lines_path(admin1), _path(occupied)
    )


def _lines_path(geom) -> MplPath:
    verts, codes = [], []
    stack = [geom]
    while stack:
        g = stack.pop()
        if g is None or g.is_empty:
            continue
        if g.geom_type in ("MultiLineString", "GeometryCollection", "MultiPolygon"):
            stack.extend(g.geoms)
        elif g.geom_type in ("LineString", "LinearRing"):
            xy = np.asarray(g.coords)[:, :2]
            if len(xy) >= 2:
                c = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
                c[0] = MplPath.MOVETO
                verts.append(xy)
                codes.append(c)
        elif g.geom_type == "Polygon":
            stack.append(g.boundary)
    if not verts:
        return MplPath(np.empty((0, 2)))
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _draw_basemap(ax: Axes, extent: Extent) -> None:
    layers = _panel_layers(extent)
    ax.set_facecolor(SEA)
    ax.add_artist(PathPatch(layers.others, facecolor=OTHER_FILL, edgecolor="none", zorder=1, gid="countries:other"))
    for iso2, path in layers.focus.items():
        ax.add_artist(PathPatch(path, facecolor=FOCUS_FILL, edgecolor="none", zorder=1, gid=f"country:{iso2}"))
    ax.add_artist(
        PathPatch(layers.admin1, facecolor="none", edgecolor=ADMIN1, linewidth=0.35, zorder=2.4, gid="admin1")
    )
    crimea = PathPatch(
        layers.occupied,
        facecolor=FOCUS_FILL,
        edgecolor=HATCH,
        linewidth=0.0,
        hatch="////",
        zorder=2.2,
        gid="crimea:occupied",
    )
    ax.add_artist(crimea)
    ax.add_artist(
        PathPatch(layers.borders, facecolor="none", edgecolor=BORDER, linewidth=0.7, zorder=2.6, gid="borders")
    )


@lru_cache(maxsize=256)
def _shape_xy(shape: str, crs: str):
    """The projected polygon of a ``shape`` key (from the gazetteer's polygons)."""
    import shapely

    kind, _, key = shape.partition(":")
    gz = default_gazetteer()
    precision = "region" if kind == "area" else kind
    place = {
        "region": ResolvedPlace(key, True, kind="region", region_id=key, geo_precision=precision),
        "area": ResolvedPlace(key, True, kind="area", area_id=key, geo_precision=precision),
        "country": ResolvedPlace(key, True, kind="country", country=key, geo_precision=precision),
    }[kind]
    geom = gz.polygon(place)
    if geom is None:
        return None
    t = _transformer(crs)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
