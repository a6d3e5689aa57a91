"""Benchmark: how long the claims explorer takes to update after a control change.

Goal: under 200 ms for 10,000 claims (median of the runs). What is timed is the Python side
of one change, as a notebook kernel runs it: the control's new value is set and its
observer filters the claims, rewrites the count, the table page and the claim list, draws
the overview figure and writes its PNG into the ``ipywidgets.Image``. The browser's own
rendering of the new widgets is not included (it happens in another process).

The claims are synthetic (fixed seed; claimants named "Synthetic claimant NN", invented
outlets at example.org), built in the ledger's typed form. Each run makes every change in
:data:`CHANGES` once, then undoes it (the undo is timed as well); the report gives, per
change, the median over runs, and over all changes the median, 90th percentile and
maximum. ``--map`` also times drawing the map tab (:mod:`osint.maps`), shown apart: the
goal is about the default view, and the map is redrawn on its own only for selections of
up to ``Explorer.auto_limit`` claims.

Example::

    .venv/bin/python benchmarks/bench_explore.py --claims 10000 --runs 7
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint.explore import Explorer
from osint.schema import (
    CLAIMANT_TYPES,
    COLUMNS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    MEASURES,
    QUALIFIERS,
    RELIABILITY_GRADES,
    STANCES,
)

GOAL_MS = 200.0
TYPICAL = {"pledged_or_preparing": 10000, "mustering_in_russia": 11000, "arrived_in_russia": 8000,
           "deployed_to_front": 9000, "in_combat": 7000, "casualties": 4000, "killed": 600,
           "wounded": 2700, "captured": 5}
PLACES = ["Kursk region", "Vladivostok", "eastern Russia", "Russia", "near Donetsk", "Khabarovsk"]
WORDS = ["troops", "soldiers", "arrived", "front", "training", "deployed", "killed", "wounded", "captured", "estimate", "officials", "said", "intelligence", "briefing", "lawmakers", "region", "border", "battalion", "brigade", "convoy", "rail", "port"]


def synthetic_claims(n: int, seed: int = 20241018, days: int = 540) -> pd.DataFrame:
    """``n`` synthetic claims in the ledger's typed form, with quotes and places to search."""
    rng = np.random.default_rng(seed)
    claimants = np.array([f"Synthetic claimant {i:02d}" for i in range(1, 41)], dtype=object)
    types = np.array([CLAIMANT_TYPES[i % len(CLAIMANT_TYPES)] for i in range(len(claimants))], dtype=object)
    who = rng.integers(0, len(claimants), n)
    measures = np.array(list(TYPICAL), dtype=object)
    which = rng.integers(0, len(measures), n)
    offset = rng.integers(0, days, n)
    day = np.datetime64("2024-10-01") + offset.astype("timedelta64[D]")
    precision = rng.choice(np.array(["day", "week", "month"], dtype=object), n, p=[0.8, 0.1, 0.1])
    month = precision == "month"
    day[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    value = np.maximum(np.array([TYPICAL[m] for m in measures[which]]) * rng.uniform(0.5, 1.8, n), 1).astype(int)
    stance = rng.choice(np.array(["asserts", "cannot_confirm", "denies"], dtype=object), n, p=[0.95, 0.03, 0.02])
    qualifier = rng.choice(np.array(["exact", "about", "range", "up_to", "at_least", "more_than", "fewer_than"],
                                    dtype=object), n)
    qualifier[stance != "asserts"] = "none"
    low = np.where(np.isin(qualifier, ["exact", "about", "at_least", "more_than"]), value, -1)
    high = np.where(np.isin(qualifier, ["exact", "about", "up_to", "fewer_than"]), value, -1)
    ranged = qualifier == "range"
    low[ranged] = (value[ranged] * 0.85).astype(int)
    high[ranged] = (value[ranged] * 1.15).astype(int) + 1
    ids = np.array([f"syn-{i:06d}" for i in range(n)], dtype=object)
    repeats = np.full(n, None, dtype=object)
    source = rng.integers(0, n, n)
    copy = (rng.random(n) < 0.05) & (source != np.arange(n))
    repeats[copy] = ids[source[copy]]
    place = rng.integers(-3, len(PLACES), n)  # negative: no place stated
    location = np.where(place >= 0, np.array(PLACES, dtype=object)[np.maximum(place, 0)], None)
    geo = {"Kursk region": "region", "Vladivostok": "point", "eastern Russia": "region", "Russia": "country",
           "near Donetsk": "near", "Khabarovsk": "point"}
    quotes = [" ".join(rng.choice(WORDS, 8)) for _ in range(n)]
    outlets = np.array(["Example Wire", "Example Daily", "Example Monitor", "Example Gazette"], dtype=object)
    outlet = outlets[rng.integers(0, len(outlets), n)]
    frame = pd.DataFrame({
        "claim_id": pd.array(ids, dtype="string"),
        "statement_date": day.astype("datetime64[ns]"),
        "date_precision": pd.Categorical(precision, categories=DATE_PRECISIONS),
        "published": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
        "claimant": pd.array(claimants[who], dtype="string"),
        "claimant_country": pd.array([None] * n, dtype="string"),
        "claimant_type": pd.Categorical(types[who], categories=CLAIMANT_TYPES),
        "stance": pd.Categorical(stance, categories=STANCES),
        "measure": pd.Categorical(measures[which], categories=MEASURES),
        "figure_low": pd.array(np.where(low < 0, None, low), dtype="Int64"),
        "figure_high": pd.array(np.where(high < 0, None, high), dtype="Int64"),
        "qualifier": pd.Categorical(qualifier, categories=QUALIFIERS),
        "location": pd.array(location, dtype="string"),
        "geo_precision": pd.Categorical([geo.get(p) if p else None for p in location], categories=GEO_PRECISIONS),
        "origin": pd.array([None] * n, dtype="string"),
        "source_url": pd.array([f"https://example.org/synthetic/{i % 997}" for i in range(n)], dtype="string"),
        "source_outlet": pd.array(outlet, dtype="string"),
        "source_title": pd.array([None] * n, dtype="string"),
        "relay": pd.array([None] * n, dtype="string"),
        "repeats": pd.array(repeats, dtype="string"),
        "quote": pd.array(quotes, dtype="string"),
        "reliability": pd.Categorical(rng.choice(list(RELIABILITY_GRADES), n), categories=RELIABILITY_GRADES, ordered=True),
        "credibility": pd.array(rng.integers(1, 7, n), dtype="Int64"),
        "notes": pd.array([None] * n, dtype="string"),
    })
    return frame[list(COLUMNS)]


def _dates(e: Explorer) -> None:
    n = len(e.dates.options)
    e.dates.index = (n // 4, 3 * n // 4)


#: (name, change, undo): what a user does, and how it is put back.
CHANGES: list[tuple[str, Callable[[Explorer], None], Callable[[Explorer], None]]] = [
    ("measures", lambda e: setattr(e.measures, "value", ("killed", "wounded")),
     lambda e: setattr(e.measures, "value", ())),
    ("claimants", lambda e: setattr(e.claimants, "value", tuple(v for _, v in e.claimants.options[:3])),
     lambda e: setattr(e.claimants, "value", ())),
    ("dates", _dates, lambda e: setattr(e.dates, "index", (0, len(e.dates.options) - 1))),
    ("reliability", lambda e: setattr(e.min_reliability, "value", "C"),
     lambda e: setattr(e.min_reliability, "value", "F")),
    ("credibility", lambda e: setattr(e.min_credibility, "value", 3),
     lambda e: setattr(e.min_credibility, "value", 6)),
    ("search", lambda e: setattr(e.search, "value", "battalion kursk"), lambda e: setattr(e.search, "value", "")),
    ("repeats", lambda e: setattr(e.include_repeats, "value", False),
     lambda e: setattr(e.include_repeats, "value", True)),
    ("sort", lambda e: setattr(e.sort_by, "value", "figure"), lambda e: setattr(e.sort_by, "value", "statement_date")),
    ("pick claim", lambda e: setattr(e.pick, "value", e.pick.options[3][1]), lambda e: setattr(e.pick, "value", None)),
]


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def run(explorer: Explorer, runs: int) -> dict[str, list[float]]:
    """Time every change and its undo ``runs`` times; milliseconds per change name."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in CHANGES}
    for name, change, undo in CHANGES:  # warm-up: caches, fonts
        change(explorer)
        undo(explorer)
    for _ in range(runs):
        for name, change, undo in CHANGES:
            times[name].append(_timed(lambda change=change: change(explorer)))
            times[name].append(_timed(lambda undo=undo: undo(explorer)))
    return times


def parts(explorer: Explorer, runs: int) -> dict[str, float]:
    """Median cost of each step of a full update, for the whole ledger selected."""
    steps = {
        "filter": explorer._apply_filters,
        "table": explorer._refresh_table,
        "figure+png": explorer._draw_overview,
    }
    return {name: statistics.median(_timed(step) for _ in range(runs)) for name, step in steps.items()}


def summary(label: str, times: dict[str, list[float]]) -> float:
    every = sorted(t for ts in times.values() for t in ts)
    median = statistics.median(every)
    p90 = every[int(0.9 * (len(every) - 1))]
    for name, ts in times.items():
        click.echo(f"  {name:>12}: median {statistics.median(ts):7.1f} ms   max {max(ts):7.1f} ms   (n={len(ts)})")
    click.echo(f"{label}: median {median:.1f} ms, p90 {p90:.1f} ms, max {every[-1]:.1f} ms over {len(every)} updates")
    return median


@click.command()
@click.option("--claims", "n", default=10_000, show_default=True, help="Synthetic claims in the ledger.")
@click.option("--runs", default=7, show_default=True, help="Timed runs (each change and undo per run).")
@click.option("--seed", default=20241018, show_default=True, help="Seed of the synthetic claims.")
@click.option("--map/--no-map", "with_map", default=False, show_default=True,
              help="Also time drawing the map tab (needs osint.maps).")
def main(n: int, runs: int, seed: int, with_map: bool) -> None:
    """Time the explorer's update after each kind of control change, against the 200 ms goal."""
    click.echo(f"command: .venv/bin/python benchmarks/bench_explore.py --claims {n} --runs {runs} --seed {seed}"
               + (" --map" if with_map else ""))
    import ipywidgets

    click.echo(f"matplotlib {matplotlib.__version__}, pandas {pd.__version__}, ipywidgets {ipywidgets.__version__}, "
               "Agg backend, no browser (Python side only)")
    claims = synthetic_claims(n, seed)
    started = time.perf_counter()
    explorer = Explorer(claims, map_plotter=None)
    click.echo(f"synthetic claims: {len(claims):,}; explorer built in {(time.perf_counter() - started) * 1000:.0f} ms")
    click.echo("steps of one update, all claims selected (median): "
               + ", ".join(f"{k} {v:.1f} ms" for k, v in parts(explorer, runs).items()))
    median = summary(f"update after a control change ({n:,} claims, overview tab)", run(explorer, runs))
    verdict = "meets" if median < GOAL_MS else "MISSES"
    click.echo(f"goal: {n:,} claims under {GOAL_MS:.0f} ms -> {verdict} ({median:.1f} ms median)")
    if with_map:
        explorer = Explorer(claims)
        if explorer.map_plotter is None:
            click.echo("map: osint.maps is not available; skipped")
            return
        explorer.draw_map()  # warm-up: basemap, gazetteer, placing every claim once
        for label, measures in (("all claims", ()), ("killed + wounded", ("killed", "wounded"))):
            explorer.measures.value = measures
            times = [_timed(explorer.draw_map) for _ in range(max(1, runs // 2))]
            click.echo(f"map tab (drawn on request above {explorer.auto_limit:,} claims), {label} "
                       f"({len(explorer.filtered):,}): median {statistics.median(times):.0f} ms")

if __name__ == "__main__":
    main()
