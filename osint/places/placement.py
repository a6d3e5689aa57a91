"""Claim placement: where and how precisely each claim's stated place can be drawn.

The precision drawn is the coarser of the ledger's ``geo_precision`` and what the gazetteer
could resolve, so "eastern Ukraine" (no boundary in the basemap) is placed as Ukraine, and a
town written with precision ``region`` is placed as its region. Nothing is ever put at 0,0:
a place that cannot be resolved is ``unresolved``, with the reason. The maps, the explorer
and the placement tables all read this one answer.

Example:
    >>> from osint import load_claims                                   # doctest: +SKIP
    >>> place_claims(load_claims("data/claims.csv"))[["claim_id", "drawn_as", "place"]]  # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .gazetteer import Gazetteer, ResolvedPlace, default_gazetteer
from .index import _read_layer

__all__ = ["PLACEMENT_COLUMNS", "PRECISIONS", "place_claims", "unplaced_claims"]

#: Precisions from finest to coarsest.
PRECISIONS = ("point", "near", "region", "country")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}

PLACEMENT_COLUMNS = (
    "claim_id",
    "status",
    "drawn_as",
    "place",
    "shape",
    "lon",
    "lat",
    "stated_precision",
    "origin_place",
    "origin_lon",
    "origin_lat",
    "origin_drawn_as",
    "origin_shape",
    "note",
)
_DTYPES = {
    "claim_id": "string",
    "status": "string",
    "drawn_as": "string",
    "place": "string",
    "shape": "string",
    "lon": "float64",
    "lat": "float64",
    "stated_precision": "string",
    "origin_place": "string",
    "origin_lon": "float64",
    "origin_lat": "float64",
    "origin_drawn_as": "string",
    "origin_shape": "string",
    "note": "string",
}


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


@lru_cache(maxsize=4)
def _layer_info(basemap: Path, layer: str, key: str) -> dict[str, tuple[str, float, float, str]]:
    """Name, label point and country of each record of a basemap layer, by ``key``."""
    records, _ = _read_layer(basemap, layer, geometry=False)
    return {
        str(r[key]): (str(r["name"]), float(r["label_lon"]), float(r["label_lat"]), str(r["iso2"]))
        for r in records
        if r.get(key)
    }


def _country_info(gz: Gazetteer, iso2: str) -> tuple[str, float | None, float | None]:
    """Name and label point of a country by ISO2 (the gazetteer's own country records)."""
    try:
        idx = gz.index["main_country"][iso2]
        name, _, _, lon, lat = gz.index["countries"][idx]
        return name, lon, lat
    except (KeyError, IndexError, TypeError, ValueError):
        hit = _layer_info(gz.basemap, "countries", "iso2").get(iso2)
        if hit is not None:
            return hit[0], hit[1], hit[2]
        return iso2, None, None


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
        ``origin_drawn_as``, ``origin_shape``  how precisely the origin resolved (point, near,
                        region, country) and its polygon key for a region, area or country
        ``note``        why it was not placed, or how the precision was set

    Placing is the slow part of a map; a caller drawing many selections of one ledger
    places it once and passes the result on (``placed=`` of the map functions).

    >>> place_claims(claims).loc[:, ["claim_id", "drawn_as", "place"]]  # doctest: +SKIP
    """
    gz = gazetteer or default_gazetteer()
    rows = []
    origins = claims["origin"] if "origin" in claims.columns else pd.Series(pd.NA, index=claims.index)
    for (_, r), origin in zip(claims.iterrows(), origins):
        row: dict[str, Any] = dict.fromkeys(PLACEMENT_COLUMNS)
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
                end = _placement(gz, o, None)
                row["origin_drawn_as"], row["origin_shape"] = end.get("drawn_as"), end.get("shape")
            else:
                row["note"] = "; ".join(filter(None, [row["note"], f"origin {origin!r} not placed: {o.reason}"]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS), index=claims.index)
    return frame.astype(_DTYPES)


def _placement(gz: Gazetteer, place: ResolvedPlace, stated: str | None) -> dict[str, Any]:
    found = place.geo_precision or "country"
    drawn = found if stated not in _RANK else max(stated, found, key=_RANK.__getitem__)
    notes = [place.note] if place.note else []
    if stated in _RANK and drawn != stated:
        notes.append(
            f"ledger says {stated}; the gazetteer resolves {place.query!r} only to the "
            f"{'whole country' if drawn == 'country' else drawn}"
        )
    out: dict[str, Any] = {"status": "placed", "drawn_as": drawn}
    if drawn in ("point", "near"):
        out.update(place=("near " if drawn == "near" else "") + str(place.name), lon=place.lon, lat=place.lat)
    elif drawn == "region":
        regions = _layer_info(gz.basemap, "regions", "region_id")
        if place.kind == "region":
            out.update(place=f"{place.name} region", shape=f"region:{place.region_id}", lon=place.lon, lat=place.lat)
        elif place.kind == "area":
            out.update(place=place.name, shape=f"area:{place.area_id}", lon=place.lon, lat=place.lat)
        elif place.region_id and place.region_id in regions:
            name, lon, lat, _ = regions[place.region_id]
            notes.append(f"drawn as the region of {place.name}, as the ledger's precision says")
            out.update(place=f"{name} region", shape=f"region:{place.region_id}", lon=lon, lat=lat)
        else:
            drawn = out["drawn_as"] = "country"
            notes.append(f"no region known for {place.name}: drawn as its country")
    if drawn == "country":
        if not place.country:
            return {
                "status": "unresolved",
                "drawn_as": None,
                "note": "; ".join([*notes, f"{place.name} spans several countries: no country to draw"]),
            }
        if place.kind == "country":
            where: tuple[str, float | None, float | None] = (str(place.name), place.lon, place.lat)
        else:
            where = _country_info(gz, place.country)
        out.update(place=where[0], shape=f"country:{place.country}", lon=where[1], lat=where[2])
    out["note"] = "; ".join(notes) or None
    return out


def unplaced_claims(claims: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Claims whose stated place could not be put on a map, with the reason.

    >>> unplaced_claims(claims)[["claim_id", "location", "reason"]]      # doctest: +SKIP
    """
    placed = place_claims(claims, gazetteer)
    bad = placed["status"] == "unresolved"
    return pd.DataFrame(
        {
            "claim_id": placed.loc[bad, "claim_id"],
            "location": claims.loc[bad, "location"],
            "reason": placed.loc[bad, "note"],
        }
    )
