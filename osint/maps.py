"""Maps of where claims place the troops, drawn offline on the project's basemap.

Each claim is drawn no more precisely than its source put it. The precision drawn is the
coarser of the ledger's ``geo_precision`` and what the gazetteer could resolve
(:func:`place_claims`), so "eastern Ukraine" (no boundary in the basemap) is drawn as Ukraine,
and a town written with precision ``region`` is drawn as its region.

How a claim is drawn
    point     a circle at the town, its area proportional to the figure (the upper bound when
              both are given), coloured by measure; a hollow ring when no figure was stated
    near      a dashed halo of :data:`NEAR_RADIUS_KM` around the town (never a dot)
    region    the region's polygon from the gazetteer, shaded in the measure's colour; claims
              naming the same region share it in fine diagonal stripes, one set per claim,
              so each measure shows in proportion to its claims without tying it to a side
    country   no mark inside the country: its border is redrawn dashed and the claims are
              listed in the notes beside the map (a dot at a country's middle would be false)
    movement  an arrow from ``origin`` to ``location`` when the ledger gives an origin
    label     one box per place: the place, then one line per measure (figure, claimant, date;
              or the count, figure range and months when several claims share a measure),
              placed off the other labels and the claimed shapes, with a leader line

Only claims with stance ``asserts`` are mapped by default (a "cannot confirm" places no one)
and repeats of another row are left out (they are not a second sighting); the notes say how
many rows were left out and list every place that could not be resolved, with the reason.
Nothing is ever put at 0,0.

Borders follow data/geo/GEODATA.md: internationally recognised, Crimea and Sevastopol part of
Ukraine, hatched as occupied; :data:`BORDER_POLICY` is printed on every map with
:data:`osint.style.GEO_CREDITS`. Everything is read from ``data/geo/basemap.gpkg`` and the
gazetteer; nothing is fetched.

Projections: the overview uses an Albers equal-area projection fitted to Russia's span,
the zoomed panels a Lambert conformal conic fitted to each area (:data:`EXTENTS`). The
basemap is reprojected once per projection and kept in memory. :func:`map_extent` gives the
:class:`Extent` (and so the CRS) an axes was drawn in.

Artist ids (``artist.get_gid()``), for tests and for post-editing
    ``point:<claim_id>``      circle of a point claim (PathCollection; offsets in map metres)
    ``near:<claim_id>``       halo of a near claim (Circle; ``nearedge:<claim_id>`` its dashed rim)
    ``region:<claim_id>``     shading of a region claim (PathPatch)
    ``regionedge:<key>``      outline of a claimed region (PathPatch), key e.g. ``region:RU-kursk``
    ``countryclaim:<ISO2>``   dashed border of a country with country-level claims (PathPatch);
                              ``countrynote:<ISO2>`` the count written inside it
    ``arrow:<claim_id>``      movement origin -> location (FancyArrowPatch)
    ``origin:<claim_id>``     the origin end of a movement (PathCollection)
    ``label:<key>``           label box of a place (AnnotationBbox)
    ``ref:<name>``            reference town, not a claim (PathCollection; ``reftext:<name>``)
    ``country:<ISO2>``        a focus country's fill (PathPatch); ``countries:other``, ``borders``,
                              ``admin1``; ``crimea:occupied`` (hatched PathPatch in Ukraine's fill)
    ``locator:<extent>``      frame of a zoomed panel on the overview
    ``note:unplaced``         box listing country-level, unresolved and left-out claims
    ``note:empty``            "no claim ... names a town or region in this view" on such a panel
    ``legend:measure``, ``legend:figure``, ``legend:place``   the three keys
    ``credits``               border policy and credits
    Map axes carry ``map:<extent>``; each small-multiple panel is a SubFigure ``period:<label>``.

Example:
    >>> from osint import load_claims                                   # doctest: +SKIP
    >>> claims = load_claims("data/claims.csv")                         # doctest: +SKIP
    >>> fig = plot_deployment_map(claims, title="Where the claims place the troops")  # doctest: +SKIP
    >>> save_map(fig, "reports/figures/deployment_map.png", claims)       # doctest: +SKIP

Command line (saves the map, a CSV of how each claim was placed, and optionally the small
multiples)::

    .venv/bin/python -m osint.maps data/claims.csv --out reports/figures/deployment_map.png
"""

from __future__ import annotations

import argparse
import math
import textwrap
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.offsetbox import AnnotationBbox, HPacker, TextArea, VPacker
from matplotlib.patches import Circle, FancyArrowPatch, Patch, PathPatch
from matplotlib.path import Path as MplPath

from .atomic import atomic_write
from .gazetteer import GEO_DIR, Gazetteer, ResolvedPlace, default_gazetteer
from .schema import COLUMNS
from .style import CREDITS, GEO_CREDITS, MEASURE_LABELS, MEASURE_ORDER, claimant_label, measure_color
from .tables import HtmlTable, format_figure, render_table

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase

__all__ = [
    "Extent",
    "EXTENTS",
    "NEAR_RADIUS_KM",
    "BORDER_POLICY",
    "get_extent",
    "map_extent",
    "place_claims",
    "unplaced_claims",
    "placement_table",
    "figure_area",
    "plot_claims_map",
    "plot_deployment_map",
    "plot_small_multiples",
    "save_map",
    "main",
]

#: Radius of the halo drawn for ``near`` claims, in kilometres (and at least a few points
#: on screen, so it stays visible on an overview; it is never drawn smaller).
NEAR_RADIUS_KM = 50.0
#: Figure whose circle gets :data:`MAX_MARKER_AREA` (circle area is proportional to figure).
FULL_SIZE_FIGURE = 15_000
MAX_MARKER_AREA = 650.0  # pt², scatter's ``s``
MIN_MARKER_AREA = 14.0
NO_FIGURE_AREA = 40.0
#: The border statement printed on every map.
BORDER_POLICY = (
    "Borders: internationally recognised; Crimea shown as part of Ukraine, occupied (hatched). "
    "Other Russian-held areas and front lines are not drawn."
)
BASEMAP = GEO_DIR / "basemap.gpkg"

PRECISIONS = ("point", "near", "region", "country")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
FOCUS_COUNTRIES = ("RU", "UA", "BY", "KP", "KR")

SEA = "#e3edf5"
FOCUS_FILL = "#fbfaf6"
OTHER_FILL = "#e9e7e2"
BORDER = "#6f6f6f"
ADMIN1 = "#c9c5bc"
HATCH = "#8a8a8a"
COUNTRY_CLAIM = "#3b3b3b"
REF = "#5a5a5a"


# ---------------------------------------------------------------------------------- extents
@dataclass(frozen=True)
class Extent:
    """A named map view: a lon/lat box and the projection it is drawn in.

    ``references`` are towns drawn small and grey for orientation (they are not claims).

    >>> get_extent("front").crs.split()[0]
    '+proj=lcc'
    """

    name: str
    title: str
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    crs: str
    references: tuple[str, ...] = ()

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, xmax, ymin, ymax) of the lon/lat box in the projection, in metres."""
        return _projected_bounds(self)


def _lcc(lon_min: float, lon_max: float, lat_min: float, lat_max: float) -> str:
    span = lat_max - lat_min
    return (f"+proj=lcc +lat_0={(lat_min + lat_max) / 2:.2f} +lon_0={(lon_min + lon_max) / 2:.2f} "
            f"+lat_1={lat_min + span / 6:.2f} +lat_2={lat_max - span / 6:.2f} "
            "+datum=WGS84 +units=m +no_defs")


EXTENTS: dict[str, Extent] = {
    "region": Extent(
        "region", "Ukraine to the Pacific", 25.0, 141.0, 36.0, 66.0,
        "+proj=aea +lat_0=52 +lon_0=84 +lat_1=44 +lat_2=62 +datum=WGS84 +units=m +no_defs",
        ("Moscow", "Vladivostok", "Kyiv", "Khabarovsk", "Pyongyang", "Novosibirsk"),
    ),
    "front": Extent(
        "front", "The front: Kursk to Donetsk", 30.0, 42.5, 44.3, 53.6, _lcc(30.0, 42.5, 44.3, 53.6),
        ("Kursk", "Donetsk", "Kharkiv", "Sudzha", "Belgorod", "Sumy", "Kyiv", "Luhansk", "Rostov-on-Don",
         "Voronezh", "Zaporizhzhia"),
    ),
    "far_east": Extent(
        "far_east", "Russian Far East and Korea", 122.0, 142.0, 37.3, 52.0, _lcc(122.0, 142.0, 37.3, 52.0),
        ("Vladivostok", "Khabarovsk", "Pyongyang", "Ussuriysk", "Blagoveshchensk", "Wonsan", "Chongjin",
         "Seoul"),
    ),
}


def get_extent(extent: str | Extent | Sequence[float]) -> Extent:
    """An :class:`Extent` from a name in :data:`EXTENTS`, an Extent, or a
    ``(lon_min, lon_max, lat_min, lat_max)`` box (drawn in a fitted Lambert conformal conic).

    >>> get_extent("far_east").title
    'Russian Far East and Korea'
    >>> get_extent((30, 40, 45, 52)).name
    'custom'
    """
    if isinstance(extent, Extent):
        return extent
    if isinstance(extent, str):
        if extent not in EXTENTS:
            raise ValueError(f"unknown extent {extent!r}; known: {', '.join(EXTENTS)}, "
                             "or a (lon_min, lon_max, lat_min, lat_max) box")
        return EXTENTS[extent]
    lon_min, lon_max, lat_min, lat_max = (float(v) for v in extent)
    if not (lon_min < lon_max and lat_min < lat_max):
        raise ValueError(f"extent box must be (lon_min, lon_max, lat_min, lat_max), got {tuple(extent)}")
    return Extent("custom", f"{lon_min:g}–{lon_max:g}°E, {lat_min:g}–{lat_max:g}°N",
                  lon_min, lon_max, lat_min, lat_max, _lcc(lon_min, lon_max, lat_min, lat_max))


_AXES_EXTENT: "weakref.WeakKeyDictionary[Axes, Extent]" = weakref.WeakKeyDictionary()


def map_extent(ax: Axes) -> Extent | None:
    """The :class:`Extent` a map axes was drawn in (its ``crs`` turns data coordinates back
    into degrees), or None for an axes that is not a map.

    >>> ax = plot_claims_map(claims)                                    # doctest: +SKIP
    >>> map_extent(ax).crs                                              # doctest: +SKIP
    """
    return _AXES_EXTENT.get(ax)


@lru_cache(maxsize=16)
def _transformer(crs: str, inverse: bool = False):
    from pyproj import Transformer

    if inverse:
        return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _project(crs: str, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    x, y = _transformer(crs).transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def _box_ring(lon_min: float, lon_max: float, lat_min: float, lat_max: float, n: int = 60) -> np.ndarray:
    lons = np.linspace(lon_min, lon_max, n)
    lats = np.linspace(lat_min, lat_max, n)
    return np.vstack([
        np.column_stack([lons, np.full(n, lat_min)]),
        np.column_stack([np.full(n, lon_max), lats]),
        np.column_stack([lons[::-1], np.full(n, lat_max)]),
        np.column_stack([np.full(n, lon_min), lats[::-1]]),
    ])


@lru_cache(maxsize=32)
def _projected_bounds(extent: Extent) -> tuple[float, float, float, float]:
    ring = _box_ring(extent.lon_min, extent.lon_max, extent.lat_min, extent.lat_max)
    x, y = _project(extent.crs, ring[:, 0], ring[:, 1])
    return float(x.min()), float(x.max()), float(y.min()), float(y.max())


# ---------------------------------------------------------------------------------- basemap
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
    return _Layers(focus, _path(shapely.GeometryCollection(others)), _lines_path(borders), _lines_path(admin1),
                   _path(occupied))


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
    ax.add_artist(PathPatch(layers.others, facecolor=OTHER_FILL, edgecolor="none", zorder=1,
                           gid="countries:other"))
    for iso2, path in layers.focus.items():
        ax.add_artist(PathPatch(path, facecolor=FOCUS_FILL, edgecolor="none", zorder=1, gid=f"country:{iso2}"))
    ax.add_artist(PathPatch(layers.admin1, facecolor="none", edgecolor=ADMIN1, linewidth=0.35, zorder=2.4,
                           gid="admin1"))
    crimea = PathPatch(layers.occupied, facecolor=FOCUS_FILL, edgecolor=HATCH, linewidth=0.0,
                       hatch="////", zorder=2.2, gid="crimea:occupied")
    ax.add_artist(crimea)
    ax.add_artist(PathPatch(layers.borders, facecolor="none", edgecolor=BORDER, linewidth=0.7, zorder=2.6,
                           gid="borders"))


# ---------------------------------------------------------------------------------- placing
def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


@lru_cache(maxsize=1)
def _region_info() -> dict[str, tuple[str, float, float, str]]:
    regions = _basemap_wgs84()["regions"]
    return {r: (n, float(lo), float(la), c) for r, n, lo, la, c in
            zip(regions["region_id"], regions["name"], regions["label_lon"], regions["label_lat"], regions["iso2"])}


def _country_info(gz: Gazetteer, iso2: str) -> tuple[str, float | None, float | None]:
    """Name and label point of a country by ISO2 (the gazetteer's own country records)."""
    try:
        idx = gz.index["main_country"][iso2]
        name, _, _, lon, lat = gz.index["countries"][idx]
        return name, lon, lat
    except (KeyError, IndexError, TypeError, ValueError):
        countries = _basemap_wgs84()["countries"]
        hit = countries[countries["iso2"] == iso2]
        if len(hit):
            return str(hit["name"].iloc[0]), float(hit["label_lon"].iloc[0]), float(hit["label_lat"].iloc[0])
        return iso2, None, None


PLACEMENT_COLUMNS = ("claim_id", "status", "drawn_as", "place", "shape", "lon", "lat", "stated_precision",
                     "origin_place", "origin_lon", "origin_lat", "note")


def place_claims(claims: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """How each claim is placed on a map: one row per claim, same index as ``claims``.

    Columns
        ``status``      ``placed``, ``no_location`` (no place stated) or ``unresolved``
        ``drawn_as``    point / near / region / country: the coarser of the ledger's
                        ``geo_precision`` and the gazetteer's answer
        ``place``       display name ("Vladivostok", "near Donetsk", "Kursk region", "Russia")
        ``shape``       polygon key for region and country (``region:RU-kursk``,
                        ``area:far_east``, ``country:RU``), else empty
        ``lon``/``lat`` the town (point, near) or the label point of the shape (WGS84)
        ``origin_place``, ``origin_lon``, ``origin_lat``  resolved ``origin`` (movements)
        ``note``        why it was not placed, or how the precision was set

    >>> place_claims(claims).loc[:, ["claim_id", "drawn_as", "place"]]  # doctest: +SKIP
    """
    gz = gazetteer or default_gazetteer()
    rows = []
    origins = claims["origin"] if "origin" in claims.columns else pd.Series(pd.NA, index=claims.index)
    for (idx, r), origin in zip(claims.iterrows(), origins):
        row = dict.fromkeys(PLACEMENT_COLUMNS)
        row["claim_id"] = r["claim_id"]
        stated = None if _missing(r.get("geo_precision")) else str(r["geo_precision"])
        row["stated_precision"] = stated
        location = r.get("location")
        if _missing(location) or not str(location).strip():
            row["status"] = "no_location"
            rows.append(row)
            continue
        place = gz.resolve(str(location))
        if not place:
            row["status"], row["note"] = "unresolved", place.reason
            rows.append(row)
            continue
        row.update(_placement(gz, place, stated))
        if not _missing(origin) and str(origin).strip():
            o = gz.resolve(str(origin))
            if o:
                row["origin_place"], row["origin_lon"], row["origin_lat"] = o.name, o.lon, o.lat
            else:
                row["note"] = "; ".join(filter(None, [row["note"], f"origin {origin!r} not placed: {o.reason}"]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS), index=claims.index)
    return frame.astype({"claim_id": "string", "status": "string", "drawn_as": "string", "place": "string",
                         "shape": "string", "lon": "float64", "lat": "float64", "stated_precision": "string",
                         "origin_place": "string", "origin_lon": "float64", "origin_lat": "float64",
                         "note": "string"})


def _placement(gz: Gazetteer, place: ResolvedPlace, stated: str | None) -> dict[str, Any]:
    found = place.geo_precision
    drawn = found if stated not in _RANK else max(stated, found, key=_RANK.__getitem__)
    notes = [place.note] if place.note else []
    if stated in _RANK and drawn != stated:
        notes.append(f"ledger says {stated}; the gazetteer resolves {place.query!r} only to the "
                     f"{'whole country' if drawn == 'country' else drawn}")
    out: dict[str, Any] = {"status": "placed", "drawn_as": drawn}
    if drawn in ("point", "near"):
        out.update(place=("near " if drawn == "near" else "") + place.name, lon=place.lon, lat=place.lat)
    elif drawn == "region":
        if place.kind == "region":
            out.update(place=f"{place.name} region", shape=f"region:{place.region_id}", lon=place.lon, lat=place.lat)
        elif place.kind == "area":
            out.update(place=place.name, shape=f"area:{place.area_id}", lon=place.lon, lat=place.lat)
        elif place.region_id and place.region_id in _region_info():
            name, lon, lat, _ = _region_info()[place.region_id]
            notes.append(f"drawn as the region of {place.name}, as the ledger's precision says")
            out.update(place=f"{name} region", shape=f"region:{place.region_id}", lon=lon, lat=lat)
        else:
            drawn = out["drawn_as"] = "country"
            notes.append(f"no region known for {place.name}: drawn as its country")
    if drawn == "country":
        if not place.country:
            return {"status": "unresolved", "drawn_as": None,
                    "note": "; ".join([*notes, f"{place.name} spans several countries: no country to draw"])}
        if place.kind == "country":
            name, lon, lat = place.name, place.lon, place.lat
        else:
            name, lon, lat = _country_info(gz, place.country)
        out.update(place=name, shape=f"country:{place.country}", lon=lon, lat=lat)
    out["note"] = "; ".join(notes) or None
    return out


def unplaced_claims(claims: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Claims whose stated place could not be put on a map, with the reason.

    >>> unplaced_claims(claims)[["claim_id", "location", "reason"]]      # doctest: +SKIP
    """
    placed = place_claims(claims, gazetteer)
    bad = placed["status"] == "unresolved"
    return pd.DataFrame({"claim_id": placed.loc[bad, "claim_id"], "location": claims.loc[bad, "location"],
                         "reason": placed.loc[bad, "note"]})


@lru_cache(maxsize=256)
def _shape_xy(shape: str, crs: str):
    """The projected polygon of a ``shape`` key (from the gazetteer's polygons)."""
    import shapely

    kind, _, key = shape.partition(":")
    gz = default_gazetteer()
    fields = {"region": {"kind": "region", "region_id": key}, "area": {"kind": "area", "area_id": key},
              "country": {"kind": "country", "country": key}}[kind]
    geom = gz.polygon(ResolvedPlace(key, True, geo_precision=kind if kind != "area" else "region", **fields))
    if geom is None:
        return None
    t = _transformer(crs)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


# ---------------------------------------------------------------------------------- drawing
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
    children = []
    if header:
        children.append(TextArea(header, textprops=dict(fontsize=size + 0.5, fontweight="bold", color="#222222",
                                                        parse_math=False)))
    for color, text in lines:
        wrapped = textwrap.fill(text, width, subsequent_indent="  ")
        bullet = TextArea("●" if color else " ", textprops=dict(fontsize=size, color=color or "#222222"))
        body = TextArea(wrapped, textprops=dict(fontsize=size, color="#222222", parse_math=False))
        children.append(HPacker(children=[bullet, body], pad=0, sep=3, align="top"))
    return VPacker(children=children, pad=0, sep=1.5, align="left")


def _renderer(ax: Axes) -> "RendererBase | None":
    try:
        return ax.get_figure(root=True).canvas.get_renderer()
    except Exception:  # a canvas without a renderer: labels are placed without collision checks
        return None


def _candidates() -> list[tuple[float, float, tuple[float, float]]]:
    """Label offsets (points) and box alignments, nearest first, in eight directions."""
    out = []
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
        scale = ax.get_figure(root=True).dpi / 72.0
        best = None
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


def _metres_per_point(ax: Axes) -> float:
    ax.apply_aspect()
    x0, x1 = ax.get_xlim()
    width_pt = ax.get_window_extent().width * 72.0 / ax.get_figure(root=True).dpi
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
        shapes = [shapely.Polygon(p) for p in polys if len(p) >= 4 and np.all(np.isfinite(p))]
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
                 reference: bool) -> dict[str, Any]:
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
        edge = Circle((float(x), float(y)), radius, facecolor="none", edgecolor=color, linestyle="--",
                      linewidth=1.1, zorder=4.1, gid=f"nearedge:{r.claim_id}")
        ax.add_artist(edge)
        obstacles.append(edge)

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
    moves = placed[placed["origin_lon"].notna() & placed["drawn_as"].ne("country")]  # a country is listed, not drawn
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
            obstacles.append(ax.annotate(p.name, (float(x), float(y)), xytext=(3, 2), textcoords="offset points",
                                         fontsize=6.5, color=REF, style="italic", zorder=5, gid=f"reftext:{p.name}"))

    # labels: one per place, kept off the claimed shapes, the towns and each other
    outside = []
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


# ---------------------------------------------------------------------------------- notes and legend
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
    boxes = [_textbox(header, lines, size, width) for header, lines in sections]
    return VPacker(children=boxes, pad=0, sep=6, align="left") if boxes else None


def _legend_sections(rows: pd.DataFrame) -> list[tuple[str, list, list, dict]]:
    """(title, handles, labels, legend options) for the measure, size and precision keys."""
    placed = rows[rows["status"] == "placed"]
    measures = [m for m in MEASURE_ORDER if m in set(placed["measure"])]
    sections = []
    if measures:
        sections.append(("Measure", [Patch(facecolor=measure_color(m), edgecolor="none") for m in measures],
                         [MEASURE_LABELS[m] for m in measures], {}))
    sizes = (1_000, 5_000, 15_000)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(figure_area(None, v)),
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


# ---------------------------------------------------------------------------------- public plots
def _map_panel(ax: Axes, rows: pd.DataFrame, extent: Extent, labels: str = "full", reference: bool | int = True,
               near_km: float = NEAR_RADIUS_KM) -> dict[str, Any]:
    """Basemap and claims of ``rows`` (selected and placed) on ``ax``."""
    _setup_axes(ax, extent)
    _draw_basemap(ax, extent)
    return _draw_claims(ax, rows, extent, labels, near_km, reference)


def _prepare(claims: pd.DataFrame, stances: Iterable[str] | None, include_repeats: bool,
             gazetteer: Gazetteer | None) -> tuple[pd.DataFrame, dict[str, int]]:
    shown, dropped = _select(claims, stances, include_repeats)
    return _merged(shown, None, gazetteer), dropped


def _add_notes(ax: Axes, rows: pd.DataFrame, dropped: dict[str, int], outside: list, width: int,
               xy: tuple[float, float], offset: tuple[float, float], align: tuple[float, float]) -> None:
    box = _notes_box(_notes_sections(rows, dropped, outside), 7, width)
    if box is None:
        return
    ab = AnnotationBbox(box, xy, xycoords="axes fraction", xybox=offset, boxcoords="offset points",
                        box_alignment=align, frameon=False, annotation_clip=False)
    ab.set_gid("note:unplaced")
    ax.add_artist(ab)


def plot_claims_map(
    claims: pd.DataFrame,
    ax: Axes | None = None,
    extent: str | Extent | Sequence[float] = "region",
    *,
    title: str | None = None,
    labels: str | bool = True,
    legend: bool = True,
    notes: bool = True,
    credits: bool = True,
    reference: bool = True,
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
) -> Axes:
    """Draw where ``claims`` (the ledger frame) place the troops on one map; returns the axes.

    ``extent`` is a name in :data:`EXTENTS` (``region``, ``front``, ``far_east``) or a
    (lon_min, lon_max, lat_min, lat_max) box. ``labels``: True (a box per place listing its
    claims), ``"names"`` (place names only) or False. ``stances`` and ``include_repeats``
    choose the rows drawn (default: assertions, no repeats). The legend goes to the right of
    the axes and the notes (country-level claims, unresolved places, rows left out) below
    it, so leave room there when passing your own ``ax``. Artist ids: see the module docstring.

    Example:
        >>> ax = plot_claims_map(filter_claims(claims, start="2024-10-01"), extent="front")  # doctest: +SKIP
        >>> [a.get_gid() for a in ax.patches if (a.get_gid() or "").startswith("region:")]  # doctest: +SKIP
    """
    ext = get_extent(extent)
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 7.5))
        fig.subplots_adjust(left=0.02, right=0.76, top=0.94, bottom=0.24)
    label_mode = "full" if labels is True else ("names" if labels == "names" else "none")
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer)
    info = _map_panel(ax, rows, ext, label_mode, reference, near_km)
    if title:
        ax.set_title(title, fontsize=11, loc="left")
    if legend:
        _add_legends(ax, rows, (1.02, 1.0))
    if notes:
        _add_notes(ax, rows, dropped, info["outside"], 110, (0, 0), (0, -6), (0, 1))
    if credits:
        ax.text(0.995, 0.006, _credits_text(), transform=ax.transAxes, ha="right", va="bottom", fontsize=6,
                color="#444444", zorder=9, gid="credits",
                bbox=dict(boxstyle="square,pad=0.25", facecolor="white", edgecolor="none", alpha=0.8))
    return ax


def _locator(ax: Axes, main: Extent, zoom: Extent, tag: str) -> None:
    ring = _box_ring(zoom.lon_min, zoom.lon_max, zoom.lat_min, zoom.lat_max, 30)
    x, y = _project(main.crs, ring[:, 0], ring[:, 1])
    ax.add_artist(PathPatch(MplPath(np.column_stack([x, y])), facecolor="none", edgecolor="#1a1a1a", linewidth=1.1,
                            zorder=7, gid=f"locator:{zoom.name}"))
    if tag:
        top = int(np.argmax(y))
        ax.annotate(tag, (float(x[top]), float(y[top])), xytext=(0, 3), textcoords="offset points", ha="center",
                    va="bottom", fontsize=9, fontweight="bold", color="#1a1a1a", zorder=7)


def plot_deployment_map(
    claims: pd.DataFrame,
    extent: str | Extent | Sequence[float] = "region",
    *,
    title: str | None = None,
    zooms: Sequence[str | Extent] = ("front", "far_east"),
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
    figsize: tuple[float, float] = (15.5, 11.0),
) -> Figure:
    """The analyst's map, several panels in one Figure (returned).

    With ``extent="region"`` (the default) an overview from Ukraine to the Pacific sits on
    top, framing the ``zooms`` (A: the front, Kursk to Donetsk; B: the Russian Far East and
    Korea), which are drawn beneath it with a label box per place. With another extent that
    view is the main panel and a small overview locates it. The legend and the notes
    (country-level claims, unresolved places, rows left out) fill the right-hand column;
    the border policy and credits are at the bottom. Panels carry gids ``map:<extent>``.

    Example:
        >>> fig = plot_deployment_map(claims, title="Where the claims place the troops")  # doctest: +SKIP
        >>> [ax.get_gid() for ax in fig.axes]                                            # doctest: +SKIP
        ['map:region', 'map:front', 'map:far_east', 'side']
    """
    ext = get_extent(extent)
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer)
    fig = plt.figure(figsize=figsize)
    if ext.name == "region":
        gs = fig.add_gridspec(2, 3, width_ratios=[1, 1, 0.58], height_ratios=[0.82, 1], left=0.01, right=0.995,
                              top=0.94, bottom=0.06, wspace=0.03, hspace=0.08)
        main = fig.add_subplot(gs[0, :2])
        _map_panel(main, rows, ext, "names", True, near_km)
        main.set_title(ext.title, fontsize=10, loc="left", fontweight="bold")
        for i, (zoom, tag) in enumerate(zip([get_extent(z) for z in zooms][:2], "AB")):
            zax = fig.add_subplot(gs[1, i])
            _map_panel(zax, rows, zoom, "full", True, near_km)
            zax.set_title(f"{tag}  {zoom.title}", fontsize=10, loc="left", fontweight="bold")
            _locator(main, ext, zoom, tag)
        side = fig.add_subplot(gs[:, 2])
    else:
        gs = fig.add_gridspec(2, 2, width_ratios=[1.6, 0.58], height_ratios=[0.3, 1], left=0.01, right=0.995,
                              top=0.94, bottom=0.06, wspace=0.03, hspace=0.05)
        main = fig.add_subplot(gs[:, 0])
        _map_panel(main, rows, ext, "full", True, near_km)
        main.set_title(ext.title, fontsize=10, loc="left", fontweight="bold")
        over = fig.add_subplot(gs[0, 1])
        _map_panel(over, rows, EXTENTS["region"], "none", False, near_km)
        _locator(over, EXTENTS["region"], ext, "")
        side = fig.add_subplot(gs[1, 1])
    side.set_axis_off()
    side.set_gid("side")
    _add_legends(side, rows, (0.0, 1.0))
    _add_notes(side, rows, dropped, [], 52, (0, 0), (0, 0), (0, 0))
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    fig.text(0.01, 0.012, _credits_text(), fontsize=7, color="#444444", ha="left", va="bottom", gid="credits")
    return fig


def _period_label(period: pd.Period, freq: str) -> str:
    if freq == "Q":
        return f"{period.year} Q{period.quarter}"
    return period.strftime("%b %Y")


def _count_text(g: pd.DataFrame) -> str:
    counts = g.groupby("place", sort=True).size()
    return ", ".join(f"{place} {n}" for place, n in counts.items())


def plot_small_multiples(
    claims: pd.DataFrame,
    period: str = "Q",
    extent: str | Extent | Sequence[float] = "region",
    *,
    ncols: int | None = None,
    skip_empty: bool = False,
    title: str | None = None,
    zooms: Sequence[str | Extent] = ("front", "far_east"),
    stances: Iterable[str] | None = ("asserts",),
    include_repeats: bool = False,
    near_km: float = NEAR_RADIUS_KM,
    gazetteer: Gazetteer | None = None,
) -> Figure:
    """One small map panel per month (``period="M"``) or quarter (``"Q"``) of statement date,
    from the first claim's period to the last, to show how the reported places changed;
    returns the Figure.

    Each panel is a SubFigure with gid ``period:<label>`` (``period:2024 Q4``,
    ``period:Oct 2024``) holding one map axes, or, for ``extent="region"``, the two
    ``zooms`` side by side (the front and the Far East, where a whole-region view would
    shrink a region to a few pixels). The panel title counts the claims placed and made in
    the period; a line below names the country-only claims and places outside the views.
    A claim dated to a week or a month goes in the period of its first day. Empty periods
    are drawn (their title says so) unless ``skip_empty``. Shared legend and credits at the
    bottom.

    Example:
        >>> fig = plot_small_multiples(claims, period="M", extent="front")  # doctest: +SKIP
        >>> [sf.get_gid() for sf in fig.subfigs[0].subfigs]                  # doctest: +SKIP
    """
    freq = str(period).upper()
    if freq not in ("M", "Q"):
        raise ValueError(f"period must be 'M' (month) or 'Q' (quarter), got {period!r}")
    ext = get_extent(extent)
    views = [get_extent(z) for z in zooms] if ext.name == "region" else [ext]
    rows, dropped = _prepare(claims, stances, include_repeats, gazetteer)
    dates = claims["statement_date"].dropna()
    periods = [] if dates.empty else list(
        pd.period_range(dates.min().to_period(freq), dates.max().to_period(freq), freq=freq))
    row_period = rows["statement_date"].dt.to_period(freq)
    all_period = claims["statement_date"].dt.to_period(freq)
    if skip_empty:
        periods = [p for p in periods if (row_period == p).any()]

    # panel size: views side by side at a common height
    aspects = []
    for v in views:
        x0, x1, y0, y1 = v.bounds
        aspects.append((x1 - x0) / (y1 - y0))
    map_h = 2.3 if len(views) > 1 else 3.0
    panel_w = map_h * sum(aspects) + 0.1 * (len(views) - 1)
    ncols = ncols or max(1, int(15.5 // panel_w))
    n = max(len(periods), 1)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    panel_h = map_h + 0.75
    legend_h = 2.3
    title_h = 0.5 if title else 0.05
    fig = plt.figure(figsize=(max(panel_w * ncols + 0.3, 11.0), title_h + panel_h * nrows + legend_h))
    _, grid, foot = fig.subfigures(3, 1, height_ratios=[title_h, panel_h * nrows, legend_h])
    cells = np.atleast_1d(grid.subfigures(nrows, ncols, wspace=0.02, hspace=0.02)).ravel()
    for i, cell in enumerate(cells):
        if i >= len(periods):
            if not periods and i == 0:
                cell.text(0.02, 0.5, "No claims in the selection.", fontsize=10)
            continue
        p = periods[i]
        label = _period_label(p, freq)
        here = rows[(row_period == p).to_numpy()]
        cell.set_gid(f"period:{label}")
        gs = cell.add_gridspec(1, len(views), width_ratios=aspects, left=0.01, right=0.99, top=0.8, bottom=0.1,
                               wspace=0.04)
        outside: dict[str, int] = {}
        for j, view in enumerate(views):
            ax = cell.add_subplot(gs[0, j])
            info = _map_panel(ax, here, view, "small", 3, near_km)
            for name, g in info["outside"]:
                outside[name] = outside.get(name, 0) + 1
            if len(views) > 1:
                ax.set_title(view.title, fontsize=6.5, loc="left", pad=2, color="#333333")
        placed = here[here["status"] == "placed"]
        total = int((all_period == p).sum())
        cell.suptitle(f"{label}:  {len(placed)} placed of {total} claim{'s' if total != 1 else ''}",
                      x=0.01, y=0.985, ha="left", va="top", fontsize=9.5,
                      fontweight="bold" if len(placed) else "normal", color="#222222" if len(placed) else "#888888")
        country = placed[placed["drawn_as"] == "country"]
        located = placed[placed["drawn_as"] != "country"]
        away = [name for name, k in outside.items() if k == len(views)]
        bits = []
        if len(country):
            bits.append("country only: " + _count_text(country))
        if away:
            bits.append("outside the view: " + _count_text(located[located["place"].isin(away)]))
        if bits:
            cell.text(0.01, 0.012, textwrap.shorten("; ".join(bits), 120), ha="left", va="bottom", fontsize=6.5,
                      color=COUNTRY_CLAIM, style="italic", parse_math=False)
    foot.set_gid("legend")
    legend_ax = foot.add_axes((0.01, 0.0, 0.98, 1.0))
    legend_ax.set_axis_off()
    _add_legends(legend_ax, rows, (0.0, 0.95), "right")
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    left_out = sum(dropped.values())
    extra = (f"\n{left_out} row(s) left out: repeats of another row, or statements that assert nothing."
             if left_out else "")
    fig.text(0.99, 0.008, _credits_text() + extra, fontsize=6.5, color="#444444", ha="right", va="bottom",
             gid="credits")
    return fig


# ---------------------------------------------------------------------------------- tables and export
def _cell(value: Any) -> str:
    """Escaped HTML text of a cell value ('' for missing; dates as YYYY-MM-DD)."""
    import html

    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


def placement_table(claims: pd.DataFrame, stances: Iterable[str] | None = ("asserts",),
                    include_repeats: bool = False, gazetteer: Gazetteer | None = None) -> HtmlTable:
    """HTML table: how each claim with a stated place is drawn on the maps, or why it is not.

    ``stances`` and ``include_repeats`` are those given to the maps, so rows the maps leave
    out are shown as left out, with the reason.

    Example:
        >>> placement_table(claims)                                     # doctest: +SKIP
    """
    placed = place_claims(claims, gazetteer)
    shown, _ = _select(claims, stances, include_repeats)
    rows = []
    for (idx, r), (_, p) in zip(claims.iterrows(), placed.iterrows()):
        if p["status"] == "no_location":
            continue
        drawn = {"point": "town", "near": "near a town (halo)", "region": "region (shaded)",
                 "country": "country only (listed)"}.get(str(p["drawn_as"]), "not drawn: place not resolved")
        if idx not in shown.index:
            drawn = (f"left out: repeats {r['repeats']}" if not _missing(r["repeats"])
                     else f"left out: {str(r['stance']).replace('_', ' ')}")
        rows.append({
            "Claim": _cell(r["claim_id"]),
            "Said": _cell(r["statement_date"]),
            "Measure": _cell(MEASURE_LABELS[str(r["measure"])]),
            "Figure": _cell(format_figure(r["qualifier"], r["figure_low"], r["figure_high"])),
            "Place as stated": _cell(r["location"]),
            "On the maps": _cell(drawn),
            "Place drawn": _cell(p["place"]),
            "From": _cell(r.get("origin")) if "origin" in claims.columns else "",
            "Note": _cell(p["note"]),
        })
    columns = ["Claim", "Said", "Measure", "Figure", "Place as stated", "On the maps", "Place drawn", "From", "Note"]
    return render_table(rows, columns, caption=f"{len(rows)} claim(s) with a stated place")


def save_map(fig: Figure, path: str | Path, claims: pd.DataFrame | None = None, dpi: int = 170,
             gazetteer: Gazetteer | None = None) -> dict[str, Path]:
    """Write the figure as PNG at ``path`` and, given ``claims``, ``<stem>.csv`` beside it: the
    claims in ledger columns plus how each was placed, so every mark traces to its source.
    Both writes are atomic. Returns the paths by format.

    Example:
        >>> save_map(fig, "reports/figures/deployment_map.png", claims)  # doctest: +SKIP
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"save_map writes PNG; give a path ending in .png, got {path}")
    paths = {"png": path}
    with atomic_write(path, "wb") as handle:
        fig.savefig(handle, format="png", dpi=dpi, metadata={"Software": None})
    if claims is not None:
        placed = place_claims(claims, gazetteer).drop(columns=["claim_id"])
        table = claims[[c for c in COLUMNS if c in claims.columns]].join(placed.add_prefix("map_"))
        for column in table.columns:
            if pd.api.types.is_datetime64_any_dtype(table[column]):
                table[column] = table[column].dt.strftime("%Y-%m-%d")
        paths["csv"] = path.with_suffix(".csv")
        with atomic_write(paths["csv"], "w", newline="", encoding="utf-8") as handle:
            table.to_csv(handle, index=False, lineterminator="\n")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: draw the deployment map of a ledger and save it (see the module docstring)."""
    from .analysis import filter_claims
    from .io import load_claims

    parser = argparse.ArgumentParser(prog="python -m osint.maps", description=main.__doc__)
    parser.add_argument("ledger", help="claims ledger (CSV or Parquet)")
    parser.add_argument("--out", required=True,
                        help="PNG path of the map; a CSV of the placements is written beside it")
    parser.add_argument("--start", default="", help="first statement date, YYYY-MM-DD")
    parser.add_argument("--end", default="", help="last statement date, YYYY-MM-DD")
    parser.add_argument("--measure", action="append", default=[], help="measure to show (repeatable)")
    parser.add_argument("--extent", default="region", choices=sorted(EXTENTS), help="main view")
    parser.add_argument("--title", default="Where the claims place North Korean troops")
    parser.add_argument("--multiples", default="", help="also save small multiples to this PNG path")
    parser.add_argument("--period", default="Q", choices=["M", "Q"], help="period of the small multiples")
    args = parser.parse_args(argv)

    claims = filter_claims(load_claims(args.ledger), start=args.start or None, end=args.end or None,
                           measures=args.measure)
    fig = plot_deployment_map(claims, args.extent, title=args.title)
    written = save_map(fig, args.out, claims)
    plt.close(fig)
    if args.multiples:
        fig = plot_small_multiples(claims, args.period, args.extent, title=f"{args.title}, by "
                                   f"{'quarter' if args.period == 'Q' else 'month'}")
        written["multiples"] = save_map(fig, args.multiples)["png"]
        plt.close(fig)
    for kind, path in written.items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
