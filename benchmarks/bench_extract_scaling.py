"""Extraction time against input size: one text of 1, 5 and 20 MB, without a source URL.

Usage:
    .venv/bin/python benchmarks/bench_extract_scaling.py [--sizes 1 5 20] [--kind mix|dense|run-on]

The text is built with a fixed seed from the articles of ``bench_extract.py`` (``mix``: news
paragraphs, one in four with troop claims; ``dense``: claim paragraphs only), or ``run-on``:
troop figures without a single full stop, the worst case for sentence-level work. It is
extracted once, in this process, with no ``source_url`` (each candidate's id then derives from
the text itself). Printed per size: seconds (CPU time of this process and wall clock),
candidates, and CPU seconds per MB; then the ratio of seconds per MB at the largest size to
seconds per MB at the smallest: about 1 for linear cost, about 20 for quadratic cost from 1 to
20 MB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_RUN_ON = (
    "North Korean troops numbered 1,200 and another 3,400 soldiers arrived in Kursk, with 560 "
    "casualties reported by officials, "
)


def build_text(megabytes: float, kind: str) -> str:
    """About ``megabytes`` MB of text of the given kind."""
    size = int(megabytes * 1_000_000)
    if kind == "run-on":
        return (_RUN_ON * (size // len(_RUN_ON) + 1))[:size]
    from bench_extract import build_documents

    docs = build_documents(max(1, size // 2300), 2000, kind)
    return "\n\n".join(docs)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--kind", choices=("mix", "dense", "run-on"), default="mix")
    args = parser.parse_args(argv)
    from osint.extract import extract_records

    print(
        f"command: .venv/bin/python benchmarks/bench_extract_scaling.py --sizes "
        f"{' '.join(f'{s:g}' for s in args.sizes)} --kind {args.kind}"
    )
    extract_records("Seoul said 3,000 North Korean troops arrived.", "2024-12-18")  # tables built once
    per_mb = []
    for mb in args.sizes:
        text = build_text(mb, args.kind)
        t0, c0 = time.perf_counter(), time.process_time()
        rows = extract_records(text, published="2024-12-18")
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        per_mb.append(cpu / mb)
        print(
            f"{args.kind} {mb:g} MB: {len(rows)} candidates in {cpu:.1f} s CPU ({wall:.1f} s wall clock), "
            f"{cpu / mb:.2f} s per MB",
            flush=True,
        )
    if len(per_mb) > 1:
        print(
            f"ratio of seconds per MB, {args.sizes[-1]:g} MB to {args.sizes[0]:g} MB: "
            f"{per_mb[-1] / per_mb[0]:.2f} (1 = linear)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
