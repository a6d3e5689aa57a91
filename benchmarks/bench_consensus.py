"""Benchmark: the consensus band of 100,000 synthetic claims (goal: under 1 s, median of 5).

The claims are synthetic (fixed seed, invented claimants "Synthetic claimant NN" in
invented source families): 12 claimants in 6 families, all nine figure measures, four
kinds of personnel, every qualifier, 5 % cannot-confirm or denies, 5 % repeats, over 540
days. Each run times ``osint.consensus.consensus(claims)`` with the default rules (120-day
staleness, all grades), from the claims frame to the finished band frame, in this process.
Families are given in a ``family`` column, as the explorer holds them after
``attach_families``; ``--with-families`` times the lookup from the claimant table as well.

Example::

    .venv/bin/python benchmarks/bench_consensus.py --claims 100000 --runs 5
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import click
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint.consensus import consensus  # noqa: E402
from synthetic import synthetic_claims  # noqa: E402

GOAL_S = 1.0


def time_once(claims: pd.DataFrame) -> tuple[float, float, int]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    bands = consensus(claims)
    return time.perf_counter() - wall0, time.process_time() - cpu0, len(bands)


@click.command()
@click.option("--claims", "n", default=100_000, show_default=True, help="Synthetic claims.")
@click.option("--runs", default=5, show_default=True, help="Timed runs (median reported), after one warm-up.")
@click.option("--seed", default=20241018, show_default=True, help="Seed of the synthetic claims.")
@click.option("--with-families", is_flag=True, help="Drop the family column: families come from the claimant table.")
def main(n: int, runs: int, seed: int, with_families: bool) -> None:
    """Time consensus() on synthetic claims and compare with the 1 s goal."""
    flag = " --with-families" if with_families else ""
    click.echo(
        f"command: .venv/bin/python benchmarks/bench_consensus.py --claims {n} --runs {runs} --seed {seed}{flag}"
    )
    click.echo(f"pandas {pd.__version__}, numpy {np.__version__}")
    claims = synthetic_claims(n, seed, families=6)
    if with_families:
        claims = claims.drop(columns="family")
    click.echo(
        f"synthetic claims: {len(claims):,} rows ({int(claims['repeats'].notna().sum()):,} repeats), "
        f"{claims['family'].nunique() if 'family' in claims else 'table'} families"
    )
    time_once(claims)  # warm-up
    times = [time_once(claims) for _ in range(runs)]
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    click.echo(
        f"consensus: {wall:.3f} s median wall, {cpu:.3f} s CPU; {times[0][2]:,} band rows; "
        f"runs: {', '.join(f'{t[0]:.3f}' for t in times)}"
    )
    verdict = "meets" if wall < GOAL_S else "MISSES"
    click.echo(f"goal: {n:,} claims under {GOAL_S:.1f} s -> {verdict} ({wall:.3f} s)")


if __name__ == "__main__":
    main()
