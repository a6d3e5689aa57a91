"""Throughput of the claim extractor on one core: articles of ~2,000 characters per second.

Usage:
    .venv/bin/python benchmarks/bench_extract.py [--docs 1000] [--runs 5] [--chars 2000]

Three document sets, each of ``--docs`` articles of about ``--chars`` characters, built with a
fixed seed:

* ``news mix``: one paragraph in four comes from the project's claim fixtures
  (``tests/fixtures/extract_*.txt``), the others from generated background paragraphs
  (diplomacy, trade, dates, money, equipment, other armies' numbers) - roughly the density
  of troop claims in real coverage. This is the figure the goal applies to.
* ``dense``: fixture paragraphs only, every paragraph full of claims (a stress case).
* ``corpus``: the event texts of the shared development corpus joined into articles, when
  ``../shared/corpus`` is present (read at run time, nothing copied).

Each run extracts every document once, in this process (one core), through
``osint.extract.extract_records`` (the batch path that ``extract_corpus`` uses; a
DataFrame is built once per batch, as there). The median of ``--runs`` runs is printed,
in wall-clock and in CPU time of this process (the two differ when other work shares the
machine). Goal: at least 200 articles per second.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_PLACES = ["Pyongyang", "Moscow", "Seoul", "Tokyo", "Beijing", "Vladivostok", "Khabarovsk", "Kyiv"]
_TOPICS = ["tourism", "rail links", "fisheries", "education", "energy", "public health", "sports"]
_BACKGROUND = [
    "Officials from {p1} and {p2} met on {day} to discuss {topic}, and signed {n} memorandums "
    "that cover the years {y1} to {y2}.",
    "The new bridge over the river is {km} kilometres long and will cost about ${m} million, "
    "according to the regional transport office in {p1}.",
    "Trade between the two countries rose {pct} percent in {y1} to ${m} million, customs data published in {p2} show.",
    "A delegation of {n} artists from {p1} performed in {p2} last week, the third such visit "
    "this year; the tour ends on {month} {dd}.",
    "Satellite images taken on {month} {dd} show {n} cargo ships at the port, up from {n2} a "
    "month earlier, analysts at a private firm said.",
    "The ministry said the {n}th round of the joint commission would open in {p1} in "
    "{month}, with {n2} agencies taking part.",
    "Russian forces fired {n} drones and {n2} missiles overnight, the Ukrainian air force said "
    "on {day}, adding that most were shot down.",
    "The exhibition in {p1} shows {n} paintings and {n2} ceramics made between {y1} and {y2}.",
    "Flights between {p1} and {p2} resume on {month} {dd}, twice a week, the carrier said, "
    "and tickets cost about ${m}0.",
    "The parliament ratified the treaty by {n} votes to {n2} on {day}, {pct} years after the first draft was agreed.",
    "Ukraine says Russia lost about {k},000 soldiers in the past month alone, a figure Moscow does not confirm.",
    "A factory in {p1} produces {n} shells a day, state television reported, calling the "
    "workers heroes of the {y1} plan.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def _background(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        y1 = rng.randint(2015, 2024)
        sentences.append(
            rng.choice(_BACKGROUND).format(
                p1=rng.choice(_PLACES),
                p2=rng.choice(_PLACES),
                topic=rng.choice(_TOPICS),
                day=rng.choice(_DAYS),
                month=rng.choice(_MONTHS),
                dd=rng.randint(1, 28),
                n=rng.randint(2, 40),
                n2=rng.randint(2, 90),
                y1=y1,
                y2=y1 + rng.randint(1, 4),
                km=rng.randint(1, 30),
                m=rng.randint(2, 900),
                pct=rng.randint(2, 60),
                k=rng.randint(20, 45),
            )
        )
    return " ".join(sentences)


def _fixture_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("extract_*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


def _assemble(n: int, chars: int, pick, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        parts, size = [], 0
        while size < chars:
            p = pick(rng)
            parts.append(p)
            size += len(p) + 2
        docs.append("\n\n".join(parts)[: chars + 400])
    return docs


def build_documents(n: int, chars: int, kind: str = "mix", seed: int = 7) -> list[str]:
    """``n`` documents of about ``chars`` characters: ``mix``, ``dense`` or ``corpus``."""
    claims = _fixture_paragraphs()
    if kind == "dense":
        return _assemble(n, chars, lambda rng: rng.choice(claims), seed)
    if kind == "mix":
        return _assemble(n, chars, lambda rng: rng.choice(claims) if rng.random() < 0.25 else _background(rng), seed)
    if kind == "corpus":
        from score_extract import shared_corpus  # same folder

        path = shared_corpus()
        if path is None:
            return []
        texts = [e["text"] for e in json.loads(path.read_text(encoding="utf-8"))]
        return _assemble(n, chars, lambda rng: rng.choice(texts), seed)
    raise ValueError(kind)


def measure(docs: list[str], runs: int) -> tuple[list[float], list[float], int]:
    """Articles per second (wall clock, CPU) of each run, and candidates found per run."""
    from osint.extract import candidates_frame, extract_records

    extract_records(docs[0], published="2024-12-18")  # tables and patterns are built once
    wall, cpu, found = [], [], 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        rows = []
        for d in docs:
            rows += extract_records(d, published="2024-12-18", source_url="https://example.org/a")
        candidates_frame(rows)
        wall.append(len(docs) / (time.perf_counter() - t0))
        cpu.append(len(docs) / max(1e-9, time.process_time() - c0))
        found = len(rows)
    return wall, cpu, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chars", type=int, default=2000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    print(
        f"command: .venv/bin/python benchmarks/bench_extract.py --docs {args.docs} "
        f"--runs {args.runs} --chars {args.chars}"
    )
    for kind, label in (("mix", "news mix"), ("dense", "dense"), ("corpus", "corpus")):
        docs = build_documents(args.docs, args.chars, kind)
        if not docs:
            print(f"{label}: skipped (shared corpus not present)")
            continue
        wall, cpu, found = measure(docs, args.runs)
        mean_chars = sum(map(len, docs)) / len(docs)
        print(
            f"{label}: {len(docs)} articles of {mean_chars:.0f} characters, {found} candidates; "
            f"median {statistics.median(wall):.0f} articles/s wall clock "
            f"({statistics.median(cpu):.0f}/s CPU time); runs: " + ", ".join(f"{r:.0f}" for r in wall)
        )
    print("goal: >= 200 articles/s on one core for the news mix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
