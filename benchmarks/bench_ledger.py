"""Benchmark: read, validate and load a ledger CSV, and add one row to it (the review's append).

Ledgers of synthetic claims (fictional claimants and sources, see ``synthetic.py``) are written
with :func:`osint.save_claims` at each size, then timed (median of ``--runs``):

* ``parse``    - the strict CSV reader alone (:func:`osint.ledger_csv.parse_csv`);
* ``csv``      - Python's lenient :mod:`csv` reader on the same bytes, for comparison;
* ``load``     - :func:`osint.load_claims`: read, validate every row, build the typed frame;
* ``append``   - :func:`osint.io.append_claim` of one row: lock, read, validate the whole ledger
                 with the new row, compare-and-swap write.

Example::

    .venv/bin/python benchmarks/bench_ledger.py --sizes 300,3000,30000 --runs 3
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_claims  # noqa: E402

from osint import load_claims, save_claims  # noqa: E402
from osint.io import append_claim  # noqa: E402
from osint.ledger_csv import parse_csv  # noqa: E402


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@click.command()
@click.option("--sizes", default="300,3000,30000", show_default=True, help="ledger sizes in rows, comma-separated")
@click.option("--runs", default=3, show_default=True, help="runs per measure (median printed)")
def _lenient(data: bytes) -> list:
    """Python's own csv reader over the same bytes, for comparison."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _next_row(row: dict, counter, _ledger) -> dict:
    """The benchmark row under a fresh id."""
    return {**row, "claim_id": f"bench-{next(counter)}"}


def main(sizes: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for n in [int(s) for s in sizes.split(",")]:
            path = Path(folder) / f"claims-{n}.csv"
            claims = synthetic_claims(n)
            save_claims(claims, path)
            data = path.read_bytes()
            parse = _median(partial(parse_csv, data, str(path)), runs)
            lenient = _median(partial(_lenient, data), runs)
            load = _median(partial(load_claims, path), runs)
            row = {c: str(v) for c, v in load_claims(path).iloc[0].items() if str(v) not in ("<NA>", "NaT", "nan")}
            row["statement_date"] = row["statement_date"][:10]
            row.pop("published", None)
            counter = iter(range(10**6))
            append = _median(partial(append_claim, path, partial(_next_row, row, counter)), runs)
            print(
                f"{n:>6} rows  {len(data) / 1e6:6.2f} MB  parse {parse:6.3f} s  csv {lenient:6.3f} s  "
                f"load {load:6.3f} s  append {append:6.3f} s  (median of {runs})"
            )


if __name__ == "__main__":
    main()
