"""Benchmark: draw a timeline of 100,000 synthetic claims (goal: under 2 s, median of 5).

The claims are synthetic (fixed seed, invented claimants named "Synthetic claimant NN"):
12 claimants of varied types, all nine figure measures, every qualifier, day/week/month
precision, 5 % cannot-confirm or denies statements, 5 % repeats, over 540 days. Every run
times, in this process with the Agg backend:

* ``plot``  - ``plot_timeline(claims)``: lanes, envelopes, aggregation, labels;
* ``draw``  - ``fig.canvas.draw()``: rendering the figure (what a notebook or savefig pays);
* ``total`` - both, the number the goal is about.

It reports the median over the runs, wall clock and CPU time (CPU time is less disturbed
by other work on the machine), and the same for a 200-claim figure, drawn in full detail.

Example::

    .venv/bin/python benchmarks/bench_timeline.py --claims 100000 --runs 5
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import click
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint.timeline import plot_timeline  # noqa: E402
from synthetic import synthetic_claims  # noqa: E402

GOAL_S = 2.0


def time_once(claims: pd.DataFrame) -> dict[str, float]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    fig = plot_timeline(claims)
    wall1 = time.perf_counter()
    fig.canvas.draw()
    wall2, cpu2 = time.perf_counter(), time.process_time()
    plt.close(fig)
    return {"plot": wall1 - wall0, "draw": wall2 - wall1, "total": wall2 - wall0, "cpu": cpu2 - cpu0}


def report(label: str, claims: pd.DataFrame, runs: int) -> float:
    time_once(claims)  # warm-up: fonts, caches
    times = [time_once(claims) for _ in range(runs)]
    med = {k: statistics.median(t[k] for t in times) for k in times[0]}
    spread = ", ".join(f"{t['total']:.2f}" for t in times)
    click.echo(
        f"{label:>16}: total {med['total']:.3f} s median (plot {med['plot']:.3f} + draw {med['draw']:.3f}); "
        f"CPU {med['cpu']:.3f} s; runs: {spread}"
    )
    return med["total"]


@click.command()
@click.option("--claims", "n", default=100_000, show_default=True, help="Synthetic claims in the big figure.")
@click.option("--runs", default=5, show_default=True, help="Timed runs (median reported), after one warm-up.")
@click.option("--seed", default=20241018, show_default=True, help="Seed of the synthetic claims.")
def main(n: int, runs: int, seed: int) -> None:
    """Time plot_timeline + draw on synthetic claims and compare with the 2 s goal."""
    click.echo(f"command: .venv/bin/python benchmarks/bench_timeline.py --claims {n} --runs {runs} --seed {seed}")
    click.echo(f"matplotlib {matplotlib.__version__}, pandas {pd.__version__}, numpy {np.__version__}, Agg backend")
    big = synthetic_claims(n, seed)
    click.echo(f"synthetic claims: {len(big):,} rows ({int(big['repeats'].notna().sum()):,} repeats)")
    total = report(f"{n:,} claims", big, runs)
    report("200 claims", synthetic_claims(200, seed), runs)
    verdict = "meets" if total < GOAL_S else "MISSES"
    click.echo(f"goal: {n:,} claims under {GOAL_S:.1f} s -> {verdict} ({total:.3f} s)")


if __name__ == "__main__":
    main()
