"""Gazetteer: place names resolve offline to the right coordinates, regions and precision.

Reference coordinates below are rounded published positions of each city centre; a match
within 25 km shows the right place was chosen (the two Donetsks are 160 km apart).
"""

from __future__ import annotations

import csv
import math
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest

from osint.places import gazetteer as gz_mod
from osint.places import Gazetteer, ResolvedPlace, normalize, resolve_place, resolve_places

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "data" / "geo"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return gz_mod.default_gazetteer()


REFERENCE = [
    # name as written, lat, lon, ISO2
    ("Vladivostok", 43.12, 131.89, "RU"),
    ("Ussuriysk", 43.80, 131.95, "RU"),
    ("Khabarovsk", 48.48, 135.08, "RU"),
    ("Kursk", 51.73, 36.19, "RU"),
    ("Sudzha", 51.19, 35.27, "RU"),
    ("Donetsk", 48.00, 37.80, "UA"),
    ("Pyongyang", 39.02, 125.75, "KP"),
    ("Wonsan", 39.15, 127.44, "KP"),
    ("Kyiv", 50.45, 30.52, "UA"),
    ("Moscow", 55.76, 37.62, "RU"),
    ("Blagoveshchensk", 50.26, 127.54, "RU"),
    ("Donetsk, Russia", 48.34, 39.95, "RU"),
]


@pytest.mark.parametrize("name,lat,lon,country", REFERENCE)
def test_known_places_within_25_km(gz, name, lat, lon, country):
    p = gz.resolve(name)
    assert p.resolved, p.reason
    assert p.kind == "city" and p.geo_precision == "point"
    assert p.country == country
    assert km(p.lat, p.lon, lat, lon) < 25, (p.name, p.lat, p.lon)
    assert p.geonames_id is not None and p.source == "GeoNames"


@pytest.mark.parametrize(
    "variants",
    [
        ["Kyiv", "Kiev", "KYIV", "  kyiv ", "Kyiv, Ukraine"],
        ["Kharkiv", "Kharkov"],
        ["Zaporizhzhia", "Zaporozhye", "Zaporizhzhya"],
        ["Ussuriysk", "Ussuriisk"],
        ["Wonsan", "Wŏnsan", "WONSAN", "Wonsan, North Korea"],
        ["Artyom", "Artem", "Artëm"],
        ["Vladivostok", "vladivostok", "Vladivostok, Russia", "in Vladivostok"],
        ["Odesa", "Odessa"],
    ],
)
def test_spelling_variants_resolve_to_the_same_place(gz, variants):
    ids = {v: gz.resolve(v).geonames_id for v in variants}
    assert len(set(ids.values())) == 1 and None not in ids.values(), ids


@pytest.mark.parametrize(
    "name,region_id,capital",
    [
        ("Kursk region", "RU-kursk", "Kursk"),
        ("Kursk Oblast", "RU-kursk", "Kursk"),
        ("the Kursk region", "RU-kursk", "Kursk"),
        ("region of Kursk", "RU-kursk", "Kursk"),
        ("Primorye", "RU-primorye", "Vladivostok"),
        ("Primorsky Krai", "RU-primorye", "Vladivostok"),
        ("Donetsk region", "UA-donetsk", "Donetsk"),
        ("Donetsk Oblast", "UA-donetsk", "Donetsk"),
        ("Zaporizhzhia Oblast", "UA-zaporizhzhya", "Zaporizhzhia"),
        ("Khabarovsk Krai", "RU-khabarovsk", "Khabarovsk"),
        ("Sumy region", "UA-sumy", "Sumy"),
        ("Rostov Oblast", "RU-rostov", "Rostov-on-Don"),
        ("Moscow region", "RU-moskovskaya", None),
        ("Kyiv Oblast", "UA-kiev", None),
    ],
)
def test_region_names_give_region_polygons(gz, name, region_id, capital):
    from shapely.geometry import Point

    p = gz.resolve(name)
    assert p.resolved, p.reason
    assert (p.kind, p.geo_precision, p.region_id) == ("region", "region", region_id)
    poly = p.polygon
    assert poly is not None and poly.geom_type in ("Polygon", "MultiPolygon")
    assert poly.contains(Point(p.lon, p.lat)), "the point of a region lies inside it"
    if capital:
        town = gz.resolve(capital)
        assert town.region_id == region_id
        assert poly.buffer(0.05).contains(Point(town.lon, town.lat))


def test_bare_name_is_the_town_and_region_words_make_it_the_region(gz):
    assert gz.resolve("Kursk").kind == "city"
    assert gz.resolve("Kursk region").kind == "region"
    assert gz.resolve("Zaporizhzhia").kind == "city"
    assert gz.resolve("Zaporizhzhia region").kind == "region"
    assert gz.resolve("Moscow").region_id == "RU-moskva"


def test_countries(gz):
    for name, iso2 in [
        ("Russia", "RU"),
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("South Korea", "KR"),
        ("Ukraine", "UA"),
        ("the Russian Federation", "RU"),
    ]:
        p = gz.resolve(name)
        assert (p.kind, p.geo_precision, p.country) == ("country", "country", iso2), name
        assert p.polygon is not None


def test_far_east_is_the_far_eastern_federal_district(gz):
    from shapely.geometry import Point

    forms = ["the Russian Far East", "Russia's Far East", "Far Eastern Federal District", "Far East, Russia"]
    places = [gz.resolve(f) for f in forms]
    assert {p.area_id for p in places} == {"RU-far-eastern-fd"}
    p = places[0]
    assert (p.kind, p.geo_precision, p.country) == ("area", "region", "RU")
    for town in ("Vladivostok", "Khabarovsk", "Blagoveshchensk"):
        t = gz.resolve(town)
        assert p.polygon.buffer(0.05).contains(Point(t.lon, t.lat)), town
    kursk = gz.resolve("Kursk")
    assert not p.polygon.contains(Point(kursk.lon, kursk.lat))
    # "Far East" alone is ambiguous and says so
    alone = gz.resolve("Far East")
    assert not alone and "East Asia" in alone.reason


def test_directions_resolve_to_the_whole_country_with_a_note(gz):
    for text in ("eastern Russia", "western Russia", "eastern Ukraine"):
        p = gz.resolve(text)
        assert p.geo_precision == "country" and p.kind == "country"
        assert text.split()[0] in p.note


def test_near_and_district_give_near_precision(gz):
    town = gz.resolve("Sudzha")
    for text in ("near Sudzha", "Near Sudzha", "outside Sudzha", "Sudzha district"):
        p = gz.resolve(text)
        assert p.geo_precision == "near", text
        assert (p.lat, p.lon, p.geonames_id) == (town.lat, town.lon, town.geonames_id)
    assert gz.resolve("near Donetsk").country == "UA"


def test_same_named_places_are_told_apart(gz):
    assert gz.resolve("Donetsk").region_id == "UA-donetsk"
    assert gz.resolve("Donetsk, Russia").region_id == "RU-rostov"
    assert gz.resolve("Donetsk (Rostov Oblast)").region_id == "RU-rostov"
    assert gz.resolve("Donetsk", country="RU").region_id == "RU-rostov"
    assert gz.resolve("Blagoveshchensk").region_id == "RU-amur"
    assert gz.resolve("Blagoveshchensk, Bashkortostan").region_id == "RU-bashkortostan"
    assert gz.resolve("Korenevo").region_id == "RU-kursk"


@pytest.mark.parametrize(
    "text",
    [
        "Nowhereville",
        "Placename that does not exist",
        "",
        "   ",
        None,
        "Narnia region",
        "the front line",
        "front lines",
        "near the Russia-Ukraine border",
        "Far East",
        "Kursk, Belgorod",
    ],
)
def test_unknown_or_vague_names_are_unresolved_with_a_reason(gz, text):
    p = gz.resolve(text)
    assert isinstance(p, ResolvedPlace)
    assert not p and p.resolved is False
    assert p.reason and isinstance(p.reason, str)
    assert p.lat is None and p.lon is None  # never 0,0
    assert p.polygon is None


def test_crimea_is_ukraine_and_flagged_occupied(gz):
    from shapely.geometry import Point

    crimea = gz.resolve("Crimea")
    assert (crimea.kind, crimea.country, crimea.region_id) == ("region", "UA", "UA-crimea")
    assert crimea.occupied is True
    assert crimea.polygon.contains(Point(crimea.lon, crimea.lat))
    for town in ("Sevastopol", "Simferopol"):
        t = gz.resolve(town)
        assert t.country == "UA" and t.occupied is True, town
    assert gz.resolve("Sevastopol region").region_id == "UA-sevastopol"
    # other places are not flagged
    assert gz.resolve("Kursk region").occupied is False
    assert gz.resolve("Kyiv").occupied is False


def test_basemap_layers_follow_the_border_policy():
    import geopandas as gpd
    from shapely.geometry import Point

    regions = gpd.read_file(GEO / "basemap.gpkg", layer="regions")
    flagged = regions[regions["occupied"]]
    assert sorted(flagged["name"]) == ["Crimea", "Sevastopol"]
    assert set(flagged["iso2"]) == {"UA"} and set(flagged["source_iso2"]) == {"RU"}
    assert not {"Crimea", "Sevastopol"} & set(regions.loc[regions["iso2"] == "RU", "name"])
    assert {"RU", "UA", "BY", "KP", "KR"} <= set(regions["iso2"])
    assert regions["region_id"].is_unique

    countries = gpd.read_file(GEO / "basemap.gpkg", layer="countries")
    simferopol = Point(34.10, 44.95)
    holders = set(countries.loc[countries.contains(simferopol), "iso2"])
    assert holders == {"UA"}
    assert countries.crs.to_epsg() == 4326


def test_committed_geodata_stays_small():
    size = sum(p.stat().st_size for p in GEO.iterdir() if p.is_file())
    assert size <= 5 * 1024 * 1024


def test_resolve_places_returns_one_row_per_input_with_the_same_index():
    names = pd.Series(["Kyiv", None, "Kursk region", "Atlantis-under-the-sea"], index=[10, 11, 12, 13])
    df = resolve_places(names, polygons=True)
    assert list(df.index) == [10, 11, 12, 13]
    assert df["resolved"].tolist() == [True, False, True, False]
    assert df["geo_precision"].tolist()[0::2] == ["point", "region"]
    assert df["lat"].isna().tolist() == [False, True, False, True]
    assert df.loc[11, "reason"] == "empty location"
    assert df.loc[10, "polygon"] is None and df.loc[12, "polygon"] is not None
    assert str(df["geonames_id"].dtype) == "Int64"


def test_module_level_resolve_place_matches_the_gazetteer(gz):
    assert resolve_place("Kiev") == gz.resolve("Kiev")


def test_normalize_folds_case_accents_apostrophes_and_spelling():
    assert normalize("Wŏnsan") == normalize("WONSAN") == "wonsan"
    assert normalize("Donets'k") == normalize("Donets’k") == "donetsk"
    assert normalize("Primorskiy Kray") == "primorsky krai"


def _alias_rows() -> list[dict[str, str]]:
    with open(GEO / "aliases.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_alias_resolves_to_its_pinned_target(gz):
    wrong = []
    for row in _alias_rows():
        kind, alias = row["kind"], row["alias"]
        if kind == "city":
            p = gz.resolve(alias)
            ok = p.geonames_id == int(row["geonames_id"]) and p.name == row["canonical"]
        elif kind == "region":
            p = gz.resolve(f"{alias} region")
            ok = p.region_id == row["region_id"]
        elif kind == "area":
            p = gz.resolve(alias if not row["country"] else f"{alias}, {row['country']}")
            ok = p.area_id == row["region_id"]
        elif kind == "country":
            p = gz.resolve(alias)
            ok = p.kind == "country" and p.country == row["country"]
        else:
            p = gz.resolve(alias)
            ok = not p.resolved and p.reason == row["note"]
        if not ok:
            wrong.append((alias, kind, p))
    assert not wrong


def test_region_aliases_do_not_hide_towns_of_the_same_name(gz):
    """A region alias such as 'Zaporizhzhia' must not turn the bare town name into a region."""
    ix = gz.index
    for row in _alias_rows():
        if row["kind"] != "region":
            continue
        key = normalize(row["alias"])
        towns = [
            g
            for table in ("city_primary", "city_alt")
            for g in ix[table].get(key, ())
            if ix["cities"][g][1] == row["country"]
        ]
        if towns:
            assert gz.resolve(row["alias"]).kind == "city", row["alias"]


@pytest.fixture
def geo_copy(tmp_path: Path) -> Path:
    geo = tmp_path / "geo"
    geo.mkdir()
    for name in ("basemap.gpkg", "aliases.csv", "areas.csv"):
        shutil.copy(GEO / name, geo / name)
    return geo


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_index_builds_offline_and_is_rebuilt_when_aliases_change(geo_copy, tmp_path, no_network):
    cache = tmp_path / "cache"
    first = Gazetteer(geo_dir=geo_copy, cache_dir=cache)
    assert not first.resolve("Test alias for Vladivostok")
    assert list(cache.glob("index-*.pkl"))
    with open(geo_copy / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Test alias for Vladivostok,city,Vladivostok,RU,2013348,,test row\n")
    second = Gazetteer(geo_dir=geo_copy, cache_dir=cache)
    assert second.resolve("Test alias for Vladivostok").name == "Vladivostok"
    assert len(list(cache.glob("index-*.pkl"))) == 1  # the stale index was removed


def test_bad_alias_rows_are_all_reported_with_file_and_line(geo_copy):
    with open(geo_copy / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Vladik,city,Vladivostok,RU,999999999,,\n")
        fh.write("Kurskland,region,Kursk,RU,,RU-nowhere,\n")
        fh.write("Somewhere,vague,,,,,\n")
    with pytest.raises(ValueError) as err:
        Gazetteer(geo_dir=geo_copy, use_cache=False).resolve("Kursk")
    msg = str(err.value)
    n = sum(1 for _ in open(geo_copy / "aliases.csv", encoding="utf-8"))
    for line in (n - 2, n - 1, n):
        assert f"aliases.csv:{line}:" in msg
    assert "999999999" in msg and "RU-nowhere" in msg and "note" in msg


# Ledger locations that are deliberately left unresolved, each with the reason.
UNRESOLVED_LEDGER_LOCATIONS = {
    "near the Russia-Ukraine border": "a border strip has no polygon in the basemap; the ledger keeps the wording",
}


def test_every_ledger_location_resolves_or_is_listed_with_a_reason(gz):
    claims = ROOT / "data" / "claims.csv"
    if not claims.exists():
        pytest.skip("data/claims.csv not present")
    locations = pd.read_csv(claims, dtype=str, keep_default_na=False)["location"]
    failures = {}
    for loc in sorted({s.strip() for s in locations if s.strip()}):
        p = gz.resolve(loc)
        if not p.resolved and loc not in UNRESOLVED_LEDGER_LOCATIONS:
            failures[loc] = p.reason
        if p.resolved:
            assert p.lat is not None and p.lon is not None
    assert not failures
    for loc in UNRESOLVED_LEDGER_LOCATIONS:
        assert not gz.resolve(loc), f"{loc!r} now resolves: drop it from the list"
