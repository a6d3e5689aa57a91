"""What linked SVG costs per claim mark: file size, and Chromium's time to load and paint it.

For each mark count, draws that many claim marks (timeline markers with ``point:<id>``
gids, each with a source URL) in one figure, turns it into linked SVG with
:func:`osint.svg.linked_svg`, and opens a page holding only that SVG in headless Chromium
(network blocked), timing ``goto`` to the ``load`` event plus a full-page screenshot (which
forces layout and paint). Prints, per count: SVG bytes, Python time to make the SVG, and the
median browser time of ``--runs`` runs. :data:`osint.svg.MAX_LINKED_MARKS` is set from
these figures: above it a figure is shared as PNG.

Run:  .venv/bin/python benchmarks/bench_svg.py [--counts 250 500 1000 2000 4000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from osint.svg import linked_svg  # noqa: E402

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def figure_with_marks(n: int, seed: int = 7):
    """A timeline-sized figure with ``n`` tagged markers, and the claims they draw."""
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(12.5, 6))
    ids = [f"b-{i:05d}" for i in range(n)]
    for cid, x, y in zip(ids, rng.uniform(0, 450, n), rng.uniform(0, 15000, n)):
        ax.plot([x], [y], "o", markersize=7, color="#2ca02c", markeredgecolor="white", gid=f"point:{cid}")
    claims = pd.DataFrame(
        {
            "claim_id": ids,
            "claimant": "Synthetic claimant",
            "stance": "asserts",
            "measure": "arrived_in_russia",
            "personnel": "combat_troops",
            "qualifier": "exact",
            "figure_low": 1000,
            "figure_high": 1000,
            "statement_date": pd.Timestamp("2024-10-18"),
            "date_precision": "day",
            "source_url": [f"https://example.org/source/{i}" for i in range(n)],
        }
    )
    return fig, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'marks':>6} {'svg KB':>8} {'make s':>7} {'browser s':>10}")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=FLAGS)
        for n in args.counts:
            fig, claims = figure_with_marks(n)
            began = time.perf_counter()
            svg = linked_svg(fig, claims)
            made = time.perf_counter() - began
            plt.close(fig)
            path = Path(folder) / f"marks-{n}.html"
            path.write_text(f"<!doctype html><html><body>{svg}</body></html>", encoding="utf-8")
            times = []
            for _ in range(args.runs):
                context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page = context.new_page()
                began = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.screenshot(full_page=True)
                times.append(time.perf_counter() - began)
                context.close()
            print(f"{n:>6} {len(svg.encode()) / 1024:>8.0f} {made:>7.2f} {statistics.median(times):>10.2f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
