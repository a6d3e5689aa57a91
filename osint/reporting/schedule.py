"""Run many reports at once: a schedule file of reports times parameter sets, on all cores.

A schedule is a TOML file of ``[[run]]`` entries; each runs every report it names with
every parameter set it lists (an empty set means the notebook's defaults)::

    [[run]]
    reports = ["briefing"]
    parameters = [
      {},
      {start = "2024-10-01", end = "2024-10-31"},
      {measures = ["killed", "wounded", "captured"], title = "Losses"},
    ]

Every report and parameter set is checked before anything runs: each notebook is read once
into its spec (:func:`osint.reporting.spec.read_spec`) and every job carries it to its worker.
The batch then runs on a pool of worker processes (one per core by default), each keeping one
warm kernel (:class:`osint.reporting.kernels.WarmKernel`), so the imports and kernel start are
paid once per worker rather than once per report.

Example:
    >>> jobs = load_schedule("schedule.toml")     # doctest: +SKIP
    >>> results = run_batch(jobs)                  # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import AlreadyRunning, KernelError, ParameterError
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR
from .execute import Job, import_papermill, run_job
from .kernels import WarmKernel
from .spec import ReportSpec, read_spec

__all__ = ["Job", "JobResult", "load_schedule", "run_batch"]


@dataclass(frozen=True)
class JobResult:
    """What one job of a batch gave: status is ok, failed, skipped (already running) or error."""

    name: str
    stem: str
    status: str
    html: str = ""
    error: str = ""


def load_schedule(path: str | Path, notebooks_dir: Path = NOTEBOOKS_DIR, cwd: Path | None = None) -> list[Job]:
    """Read and check a schedule file; raise ParameterError naming every problem in it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ParameterError(f"{path}: cannot read the schedule: {exc}") from None
    entries = data.get("run")
    if not isinstance(entries, list) or not entries:
        raise ParameterError(f"{path}: expected one or more [[run]] entries")
    problems: list[str] = []
    jobs: list[Job] = []
    specs: dict[str, ReportSpec] = {}
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        reports = entry.get("reports")
        sets = entry.get("parameters", [{}])
        if not isinstance(reports, list) or not all(isinstance(r, str) for r in reports) or not reports:
            problems.append(f"{path}: run {number}: 'reports' must be a list of report names")
            continue
        if not isinstance(sets, list) or not all(isinstance(s, dict) for s in sets):
            problems.append(f"{path}: run {number}: 'parameters' must be a list of tables")
            continue
        unknown_keys = set(entry) - {"reports", "parameters"}
        if unknown_keys:
            problems.append(f"{path}: run {number}: unknown key(s) {sorted(unknown_keys)}")
        for name in reports:
            try:
                if name not in specs:  # each notebook is read once, whatever the number of sets
                    specs[name] = read_spec(name, notebooks_dir)
            except ParameterError as exc:
                problems.append(f"{path}: run {number}: {exc}")
                continue
            for given in sets:
                try:
                    values = specs[name].check(given, cwd=cwd or path.parent)
                except ParameterError as exc:
                    problems.append(f"{path}: run {number}, report {name}: {exc}")
                    continue
                job = Job(specs[name], values)
                if job.stem in seen:
                    problems.append(f"{path}: run {number}: {job.stem} is listed twice")
                    continue
                seen.add(job.stem)
                jobs.append(job)
    if problems:
        raise ParameterError("\n".join(problems))
    return jobs


# --- worker processes ------------------------------------------------------------------

_kernel: WarmKernel | None = None  # the worker's kernel


def _start_worker(cwd: str) -> None:
    global _kernel
    from multiprocessing.util import Finalize

    _kernel = WarmKernel(cwd=Path(cwd))  # boots while this worker imports papermill and nbconvert
    import_papermill()
    import nbconvert  # noqa: F401  (paid once per worker, not per report)

    Finalize(_kernel, _kernel.close, exitpriority=10)  # pool workers skip atexit handlers


def _run_job(job: Job, out_dir: str) -> JobResult:
    global _kernel
    try:
        if _kernel is None or not _kernel.km.is_alive():
            _kernel = WarmKernel(cwd=job.spec.path.parent)
        result = run_job(job, Path(out_dir), kernel=_kernel)
    except AlreadyRunning as exc:
        return JobResult(job.name, job.stem, "skipped", error=str(exc))
    except KernelError as exc:
        _kernel = None
        return JobResult(job.name, job.stem, "error", error=str(exc))
    return JobResult(job.name, job.stem, result.status, str(result.html), result.error)


def run_batch(
    jobs: Iterable[Job],
    out_dir: Path = REPORTS_DIR,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    workers: int | None = None,
    progress: bool = True,
) -> list[JobResult]:
    """Run ``jobs`` on ``workers`` processes (default: the machine's cores), with a progress bar."""
    from tqdm import tqdm

    jobs = list(jobs)
    if not jobs:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[JobResult] = []
    # "spawn": a forked worker could inherit a lock held by one of the parent's threads
    # (kernel clients and nbclient run event loops in threads) and hang.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(str(notebooks_dir),)
    ) as pool:
        futures = [pool.submit(_run_job, job, str(out_dir)) for job in jobs]
        bar = tqdm(total=len(futures), unit="report", disable=not progress, desc="reports")
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            bar.set_postfix_str(f"{result.stem}: {result.status}", refresh=False)
            bar.update()
        bar.close()
    order = {job.stem: i for i, job in enumerate(jobs)}
    return sorted(results, key=lambda r: order[r.stem])
