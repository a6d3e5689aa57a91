"""Places: the offline gazetteer and where each claim is placed.

* :mod:`osint.places.names`      folding a place name into a lookup key;
* :mod:`osint.places.index`      the lookup index, built from ``data/geo`` and cached;
* :mod:`osint.places.gazetteer`  :class:`Gazetteer`, :func:`resolve_place`, :func:`resolve_places`;
* :mod:`osint.places.placement`  :func:`place_claims`: how precisely each claim can be drawn.

Only the standard library is needed to resolve names (pandas for the frame functions).

Example:
    >>> resolve_place("near Sudzha").geo_precision
    'near'
"""

from __future__ import annotations

from .gazetteer import (
    COLUMNS,
    GEO_DIR,
    GEO_PRECISIONS,
    KINDS,
    Gazetteer,
    ResolvedPlace,
    default_gazetteer,
    resolve_place,
    resolve_places,
)
from .names import normalize

__all__ = [
    "COLUMNS",
    "GEO_DIR",
    "GEO_PRECISIONS",
    "KINDS",
    "Gazetteer",
    "ResolvedPlace",
    "default_gazetteer",
    "normalize",
    "place_claims",
    "resolve_place",
    "resolve_places",
    "unplaced_claims",
]


def __getattr__(name: str):
    # placement needs pandas: loaded on first use, so resolving a name stays light
    if name in ("place_claims", "unplaced_claims", "PLACEMENT_COLUMNS"):
        from . import placement

        return getattr(placement, name)
    raise AttributeError(f"module 'osint.places' has no attribute {name!r}")
