"""Benchmark: draw a timeline of 100,000 synthetic claims (goal: under 2 s, median of 5).

The claims are synthetic (fixed seed, invented claimants named "Synthetic claimant NN"):
12 claimants of varied types, all nine figure measures, every qualifier, day/week/month
precision, 5 % cannot-confirm or denies statements, 5 % repeats, over 540 days. Every run
times, in this process with the Agg backend:

* ``plot``  - ``plot_timeline(claims)``: filtering, lanes, envelopes, aggregation, labels;
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

from osint.io import CATEGORIES, DATES, INTEGERS  # noqa: E402
from osint.schema import (  # noqa: E402
    CLAIMANT_TYPES,
    COLUMNS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    MEASURES,
    QUALIFIERS,
    RELIABILITY_GRADES,
    STANCES,
)
from osint.timeline import plot_timeline  # noqa: E402

GOAL_S = 2.0
BASE = {  # a typical size per measure, growing over the window (casualties faster)
    "pledged_or_preparing": 10000,
    "mustering_in_russia": 11000,
    "arrived_in_russia": 8000,
    "deployed_to_front": 9000,
    "in_combat": 7000,
    "casualties": 4000,
    "killed": 600,
    "wounded": 2700,
    "captured": 5,
}


def synthetic_claims(n: int, seed: int = 20241018, days: int = 540) -> pd.DataFrame:
    """``n`` synthetic claims in the ledger's typed form (contract columns and dtypes)."""
    rng = np.random.default_rng(seed)
    claimants = np.array([f"Synthetic claimant {i:02d}" for i in range(1, 13)], dtype=object)
    types = np.array([CLAIMANT_TYPES[i % len(CLAIMANT_TYPES)] for i in range(12)], dtype=object)
    who = rng.integers(0, 12, n)
    measures = np.array(list(BASE), dtype=object)
    which = rng.integers(0, len(measures), n)
    offset = rng.integers(0, days, n)
    day = np.datetime64("2024-10-01") + offset.astype("timedelta64[D]")
    precision = rng.choice(np.array(["day", "week", "month"], dtype=object), n, p=[0.8, 0.1, 0.1])
    month = precision == "month"
    day[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    fast = np.isin(measures[which], ["casualties", "killed", "wounded"])
    growth = 1 + offset / days * np.where(fast, 1.5, 0.3)
    value = np.maximum(np.array([BASE[m] for m in measures[which]]) * growth * rng.uniform(0.6, 1.4, n), 1).astype(int)
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
    asserting = np.flatnonzero(stance == "asserts")
    source = rng.choice(asserting, n)
    copy = (rng.random(n) < 0.05) & (stance == "asserts") & (source != np.arange(n))
    repeats[copy] = ids[source[copy]]  # a repeat carries its origin's claimant, date and figures
    for target in (who, which, day, precision, low, high, qualifier):
        target[copy] = target[source[copy]]
    frame = pd.DataFrame(
        {
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
            "location": pd.array([None] * n, dtype="string"),
            "geo_precision": pd.Categorical([None] * n, categories=GEO_PRECISIONS),
            "source_url": pd.array(["https://example.org/synthetic"] * n, dtype="string"),
            "source_outlet": pd.array(["Synthetic"] * n, dtype="string"),
            "source_title": pd.array([None] * n, dtype="string"),
            "relay": pd.array([None] * n, dtype="string"),
            "repeats": pd.array(repeats, dtype="string"),
            "quote": pd.array([None] * n, dtype="string"),
            "reliability": pd.Categorical(rng.choice(list(RELIABILITY_GRADES), n), categories=RELIABILITY_GRADES,
                                          ordered=True),
            "credibility": pd.array(rng.integers(1, 7, n), dtype="Int64"),
            "notes": pd.array([None] * n, dtype="string"),
        }
    )
    for column in COLUMNS:  # any other ledger column: empty, typed as the loader types it
        if column not in frame:
            if column in DATES:
                frame[column] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
            elif column in INTEGERS:
                frame[column] = pd.array([None] * n, dtype="Int64")
            elif column in CATEGORIES:
                frame[column] = pd.Categorical([None] * n, dtype=CATEGORIES[column])
            else:
                frame[column] = pd.array([None] * n, dtype="string")
    return frame[list(COLUMNS)]


def time_once(claims: pd.DataFrame) -> dict[str, float]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    axes = plot_timeline(claims)
    wall1 = time.perf_counter()
    axes[0].figure.canvas.draw()
    wall2, cpu2 = time.perf_counter(), time.process_time()
    plt.close(axes[0].figure)
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
