"""Benchmark: draw and render the deployment map and the small multiples (goal: a map under 3 s).

Times, in this process with the Agg backend, on the ledger given (default data/claims.csv):

* ``cold``      - the first deployment map of the process: reading and reprojecting the
                  basemap, loading the gazetteer, drawing and rendering (what a fresh report
                  run pays once);
* ``map``       - ``plot_deployment_map`` + ``fig.canvas.draw()`` with warm caches (median);
* ``multiples`` - ``plot_small_multiples(period)`` + ``fig.canvas.draw()`` (median).

Wall clock and CPU time of this process are both printed (they differ when other work
shares the machine). Rendering is at the figure's own dpi (100), as in a notebook.

Example::

    .venv/bin/python benchmarks/bench_maps.py --runs 5 --period Q
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint import load_claims  # noqa: E402
from osint.maps import plot_deployment_map, plot_small_multiples  # noqa: E402

GOAL_S = 3.0


def _timed(draw) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fig = draw()
    fig.canvas.draw()
    result = time.perf_counter() - wall, time.process_time() - cpu
    plt.close(fig)
    return result


@click.command()
@click.option("--ledger", default=str(ROOT / "data" / "claims.csv"), show_default=True)
@click.option("--runs", default=5, show_default=True, help="runs per measure (median printed)")
@click.option("--period", default="Q", type=click.Choice(["M", "Q"]), show_default=True)
def main(ledger: str, runs: int, period: str) -> None:
    claims = load_claims(ledger)
    cold = _timed(lambda: plot_deployment_map(claims, title="benchmark"))
    print(f"ledger: {ledger} ({len(claims)} claims)")
    print(f"cold      wall {cold[0]:.2f} s  cpu {cold[1]:.2f} s  (first map: basemap, gazetteer, draw)")
    for name, draw in (
        ("map", lambda: plot_deployment_map(claims, title="benchmark")),
        ("multiples", lambda: plot_small_multiples(claims, period=period)),
    ):
        times = [_timed(draw) for _ in range(runs)]
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        verdict = "ok" if wall < GOAL_S else "over"
        print(f"{name:<9} wall {wall:.2f} s  cpu {cpu:.2f} s  median of {runs}  goal {GOAL_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
