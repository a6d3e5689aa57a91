"""A folder of saved web pages through the extractor on Dask, with its progress bar.

Usage:
    .venv/bin/python benchmarks/bench_extract_pages.py [--pages 10000] [--scheduler local|ADDRESS]
                                                       [--workers 2] [--folder PATH]

Writes ``--pages`` HTML pages (built with a fixed seed: each has a navigation bar, a cookie
banner, an article of four to eight paragraphs from ``bench_extract.py``'s news mix, related
links and a footer, about 20 kB) into ``--folder`` (default: a temporary folder, removed
afterwards), then runs ``extract_corpus(folder, scheduler=...)`` once, as ``osint extract FOLDER
--scheduler local`` does, and prints pages, candidates, seconds and pages per second.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_SHELL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example Wire</title>
<link rel="canonical" href="https://wire.example/world/{n}">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-{month:02d}-{day:02d}T09:00:00Z">
<style>{style}</style></head><body>
<div class="cookie-banner"><p>We use cookies. Accept all 4 categories or manage 17 settings.</p></div>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1>{paragraphs}</article>
<aside class="related"><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>&copy; 2024 Example Wire, 9 Harbour Road.</p><ul>{nav}</ul></footer>
</body></html>"""


def write_pages(folder: Path, n: int, seed: int = 11) -> None:
    """``n`` saved pages in ``folder``."""
    from bench_extract import build_documents

    rng = random.Random(seed)
    paragraphs = [p for d in build_documents(400, 2000, "mix", seed=seed) for p in d.split("\n\n") if p.strip()]
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(25))
    style = "body{font-family:serif}" * 120
    for i in range(n):
        body = "".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, rng.randint(4, 8)))
        related = "".join(
            f'<li><a href="/r{rng.randint(0, 99999)}">Officials say {rng.randint(2, 90)},000 soldiers moved</a></li>'
            for _ in range(6)
        )
        html = _SHELL.format(
            title=f"Report {i}",
            n=i,
            month=rng.randint(1, 12),
            day=rng.randint(1, 28),
            style=style,
            nav=nav,
            paragraphs=body,
            related=related,
        )
        (folder / f"page{i:05d}.html").write_text(html, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--scheduler", default="local")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args(argv)
    from osint.extract import extract_corpus

    print(
        f"command: .venv/bin/python benchmarks/bench_extract_pages.py --pages {args.pages} "
        f"--scheduler {args.scheduler}" + (f" --workers {args.workers}" if args.workers else "")
    )
    folder = args.folder or Path(tempfile.mkdtemp(prefix="osint-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        write_pages(folder, args.pages)
        print(f"wrote {args.pages} pages in {time.perf_counter() - t0:.0f} s")
        t0 = time.perf_counter()
        df = extract_corpus(folder, scheduler=args.scheduler, n_workers=args.workers, progress=True)
        wall = time.perf_counter() - t0
        print(
            f"{args.pages} pages: {len(df)} candidates from {df['doc_id'].nunique()} pages, "
            f"{len(df.attrs['skipped'])} skipped, in {wall:.0f} s wall clock: "
            f"{args.pages / wall:.0f} pages/s on scheduler {args.scheduler}"
        )
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
