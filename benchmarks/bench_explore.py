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

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint.explore import Explorer  # noqa: E402
from synthetic import synthetic_claims  # noqa: E402

GOAL_MS = 200.0


def _dates(e: Explorer) -> None:
    n = len(e.dates.options)
    e.dates.index = (n // 4, 3 * n // 4)


#: (name, change, undo): what a user does, and how it is put back.
CHANGES: list[tuple[str, Callable[[Explorer], None], Callable[[Explorer], None]]] = [
    (
        "measures",
        lambda e: setattr(e.measures, "value", ("killed", "wounded")),
        lambda e: setattr(e.measures, "value", ()),
    ),
    (
        "claimants",
        lambda e: setattr(e.claimants, "value", tuple(v for _, v in e.claimants.options[:3])),
        lambda e: setattr(e.claimants, "value", ()),
    ),
    ("dates", _dates, lambda e: setattr(e.dates, "index", (0, len(e.dates.options) - 1))),
    (
        "reliability",
        lambda e: setattr(e.min_reliability, "value", "C"),
        lambda e: setattr(e.min_reliability, "value", "F"),
    ),
    ("credibility", lambda e: setattr(e.min_credibility, "value", 3), lambda e: setattr(e.min_credibility, "value", 6)),
    ("search", lambda e: setattr(e.search, "value", "battalion kursk"), lambda e: setattr(e.search, "value", "")),
    (
        "repeats",
        lambda e: setattr(e.include_repeats, "value", False),
        lambda e: setattr(e.include_repeats, "value", True),
    ),
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
    for _name, change, undo in CHANGES:  # warm-up: caches, fonts
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
@click.option("--map/--no-map", "with_map", default=False, show_default=True, help="Also time drawing the map tab.")
def main(n: int, runs: int, seed: int, with_map: bool) -> None:
    """Time the explorer's update after each kind of control change, against the 200 ms goal."""
    click.echo(
        f"command: .venv/bin/python benchmarks/bench_explore.py --claims {n} --runs {runs} --seed {seed}"
        + (" --map" if with_map else "")
    )
    import ipywidgets

    click.echo(
        f"matplotlib {matplotlib.__version__}, pandas {pd.__version__}, ipywidgets {ipywidgets.__version__}, "
        "Agg backend, no browser (Python side only)"
    )
    claims = synthetic_claims(n, seed, claimants=40, searchable=True)
    started = time.perf_counter()
    explorer = Explorer(claims, map_plotter=None)
    click.echo(f"synthetic claims: {len(claims):,}; explorer built in {(time.perf_counter() - started) * 1000:.0f} ms")
    click.echo(
        "steps of one update, all claims selected (median): "
        + ", ".join(f"{k} {v:.1f} ms" for k, v in parts(explorer, runs).items())
    )
    median = summary(f"update after a control change ({n:,} claims, overview tab)", run(explorer, runs))
    verdict = "meets" if median < GOAL_MS else "MISSES"
    click.echo(f"goal: {n:,} claims under {GOAL_MS:.0f} ms -> {verdict} ({median:.1f} ms median)")
    if with_map:
        explorer = Explorer(claims)
        explorer.draw_map()  # warm-up: basemap, gazetteer, placing every claim once
        for label, measures in (("all claims", ()), ("killed + wounded", ("killed", "wounded"))):
            explorer.measures.value = measures
            times = [_timed(explorer.draw_map) for _ in range(max(1, runs // 2))]
            click.echo(
                f"map tab (drawn on request above {explorer.auto_limit:,} claims), {label} "
                f"({len(explorer.filtered):,}): median {statistics.median(times):.0f} ms"
            )


if __name__ == "__main__":
    main()
