"""The gazetteer under its former module name: see :mod:`osint.places`.

Kept so that ``from osint.gazetteer import resolve_place`` goes on working; new code
imports from :mod:`osint.places`.

>>> resolve_place("Kursk region").geo_precision
'region'
"""

from __future__ import annotations

from .places.gazetteer import (
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
from .places.index import build_index
from .places.names import normalize

__all__ = [
    "COLUMNS",
    "GEO_DIR",
    "GEO_PRECISIONS",
    "KINDS",
    "Gazetteer",
    "ResolvedPlace",
    "build_index",
    "default_gazetteer",
    "normalize",
    "resolve_place",
    "resolve_places",
]
