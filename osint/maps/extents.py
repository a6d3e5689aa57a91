"""Named map views (:class:`Extent`) and their projections.

The overview uses an Albers equal-area projection fitted to Russia's span, the zoomed
panels a Lambert conformal conic fitted to each area (:data:`EXTENTS`). :func:`map_extent`
gives the :class:`Extent` (and so the CRS) an axes was drawn in.

>>> get_extent("front").crs.split()[0]
'+proj=lcc'
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np
from matplotlib.axes import Axes

__all__ = ["EXTENTS", "Extent", "get_extent", "map_extent"]


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
    return (
        f"+proj=lcc +lat_0={(lat_min + lat_max) / 2:.2f} +lon_0={(lon_min + lon_max) / 2:.2f} "
        f"+lat_1={lat_min + span / 6:.2f} +lat_2={lat_max - span / 6:.2f} "
        "+datum=WGS84 +units=m +no_defs"
    )


EXTENTS: dict[str, Extent] = {
    "region": Extent(
        "region",
        "Ukraine to the Pacific",
        25.0,
        141.0,
        36.0,
        66.0,
        "+proj=aea +lat_0=52 +lon_0=84 +lat_1=44 +lat_2=62 +datum=WGS84 +units=m +no_defs",
        ("Moscow", "Vladivostok", "Kyiv", "Khabarovsk", "Pyongyang", "Novosibirsk"),
    ),
    "front": Extent(
        "front",
        "The front: Kursk to Donetsk",
        30.0,
        42.5,
        44.3,
        53.6,
        _lcc(30.0, 42.5, 44.3, 53.6),
        (
            "Kursk",
            "Donetsk",
            "Kharkiv",
            "Sudzha",
            "Belgorod",
            "Sumy",
            "Kyiv",
            "Luhansk",
            "Rostov-on-Don",
            "Voronezh",
            "Zaporizhzhia",
        ),
    ),
    "far_east": Extent(
        "far_east",
        "Russian Far East and Korea",
        122.0,
        142.0,
        37.3,
        52.0,
        _lcc(122.0, 142.0, 37.3, 52.0),
        ("Vladivostok", "Khabarovsk", "Pyongyang", "Ussuriysk", "Blagoveshchensk", "Wonsan", "Chongjin", "Seoul"),
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
            raise ValueError(
                f"unknown extent {extent!r}; known: {', '.join(EXTENTS)}, or a (lon_min, lon_max, lat_min, lat_max) box"
            )
        return EXTENTS[extent]
    lon_min, lon_max, lat_min, lat_max = (float(v) for v in extent)
    if not (lon_min < lon_max and lat_min < lat_max):
        raise ValueError(f"extent box must be (lon_min, lon_max, lat_min, lat_max), got {tuple(extent)}")
    return Extent(
        "custom",
        f"{lon_min:g}–{lon_max:g}°E, {lat_min:g}–{lat_max:g}°N",
        lon_min,
        lon_max,
        lat_min,
        lat_max,
        _lcc(lon_min, lon_max, lat_min, lat_max),
    )


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
    return np.vstack(
        [
            np.column_stack([lons, np.full(n, lat_min)]),
            np.column_stack([np.full(n, lon_max), lats]),
            np.column_stack([lons[::-1], np.full(n, lat_max)]),
            np.column_stack([np.full(n, lon_min), lats[::-1]]),
        ]
    )


@lru_cache(maxsize=32)
def _projected_bounds(extent: Extent) -> tuple[float, float, float, float]:
    ring = _box_ring(extent.lon_min, extent.lon_max, extent.lat_min, extent.lat_max)
    x, y = _project(extent.crs, ring[:, 0], ring[:, 1])
    return float(x.min()), float(x.max()), float(y.min()), float(y.max())
