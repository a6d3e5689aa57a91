"""Running a report: one checked job executed by papermill in a (warm) kernel, then recorded.

:func:`run_report` is the whole path for one report: read the notebook once
(:func:`~osint.reporting.spec.read_spec`), check the parameters, then :func:`run_job`.
A :class:`Job` carries its spec, so a batch (:mod:`osint.reporting.schedule`) never reads a
notebook again: the notebook executed is the one that was checked.

A report is named for its notebook and the parameters that differ from the notebook's
defaults: ``briefing-defaults.html``, ``briefing-end-2024-12-31_start-2024-11-01.html``
(a path by its file name and a digest of where it resolves, see :meth:`ReportSpec.stem`).
Every run, good or failed, is kept in its own folder with its executed notebook and a
manifest (:mod:`osint.reporting.records`); the stable ``<stem>.html`` is the last good report
and is never overwritten by a broken one.

Example:
    >>> result = run_report("briefing", {"end": "2024-10-31"})     # doctest: +SKIP
    >>> result.html.name                                          # doctest: +SKIP
    'briefing-end-2024-10-31.html'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..atomic import atomic_write
from ..errors import AlreadyRunning
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR
from . import records
from .kernels import WarmKernel
from .render import render_html, warm_html_exporter
from .spec import ReportSpec, read_spec

__all__ = ["Job", "ReportResult", "import_papermill", "run_job", "run_report"]


@dataclass(frozen=True)
class Job:
    """One report to run: its spec (the notebook as read and checked) and checked values."""

    spec: ReportSpec
    values: dict[str, Any]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def stem(self) -> str:
        return self.spec.stem(self.values)


@dataclass
class ReportResult:
    """What a report run produced."""

    name: str
    parameters: dict[str, Any]
    status: str  # "ok" or "failed"
    html: Path
    notebook: Path
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def import_papermill() -> Any:
    """Import papermill without the 1-2 s that jsonschema spends on an unused grammar.

    nbformat imports jsonschema, which imports the optional ``rfc3987_syntax`` package when
    it is installed (it comes with JupyterLab) and builds its grammar at import time
    (upstream: python-jsonschema PR #1521). Notebook schemas never use the IRI formats it
    checks, so a report process goes without it; nothing else in the process needs it.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import papermill

    return papermill


def run_report(
    name: str,
    parameters: Mapping[str, Any] | None = None,
    out_dir: Path = REPORTS_DIR,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    cwd: Path | None = None,
    wait: bool = False,
    kernel: WarmKernel | None = None,
) -> ReportResult:
    """Check parameters, execute the notebook with papermill and write its HTML report.

    Raises ParameterError (nothing ran) for an unknown report or a bad parameter; relative
    paths are taken from ``cwd``. See :func:`run_job` for the run itself.
    """
    spec = read_spec(name, Path(notebooks_dir))
    return run_job(Job(spec, spec.check(parameters or {}, cwd=cwd)), out_dir, wait=wait, kernel=kernel)


def run_job(
    job: Job, out_dir: Path = REPORTS_DIR, wait: bool = False, kernel: WarmKernel | None = None
) -> ReportResult:
    """Run one checked job and record it.

    Each run gets its own folder under ``runs/`` (report, executed notebook, manifest) and
    the index page is rewritten. A good run also replaces ``<stem>.html`` / ``.ipynb``, the
    stable copy of the last good report; a failing notebook gives ``status == "failed"``
    and leaves that copy untouched. A second run of the same report and parameters while
    one is going raises :class:`~osint.errors.AlreadyRunning` (or waits, with ``wait=True``).
    A batch passes a :class:`~osint.reporting.kernels.WarmKernel` to run in, reset before
    the notebook starts.
    """
    from filelock import FileLock, Timeout

    stem = job.stem
    out_dir = Path(out_dir).resolve()  # once: the kernel works in the notebook's folder
    (out_dir / ".locks").mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".locks" / f"{stem}.lock"))
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        raise AlreadyRunning(
            f"report {stem} is already running (lock {lock.lock_file}): wait for it to finish, or run it again later"
        ) from None
    own_kernel = kernel is None
    try:
        if kernel is None:  # it boots while papermill and nbconvert are imported
            kernel = WarmKernel(cwd=job.spec.path.parent)
        return _run_locked(job, stem, out_dir, kernel)
    finally:
        if own_kernel and kernel is not None:
            kernel.close()
        lock.release()


def _runtime_values(job: Job, out_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """The values papermill injects: the job's, plus the internal ones the runner fills."""
    values = dict(job.values)
    for name, parameter in job.spec.parameters.items():
        if parameter.kind is not None and parameter.kind.name == "run_folder":
            previous = records.last_good_run(out_dir, job.stem)
            values[name] = str(out_dir / records.RUNS / previous["folder"]) if previous else ""
            manifest[name] = previous["folder"] if previous else None
    return values


def _run_locked(job: Job, stem: str, out_dir: Path, kernel: WarmKernel) -> ReportResult:
    papermill = import_papermill()
    import nbformat
    from filelock import FileLock
    from papermill.exceptions import PapermillExecutionError

    spec = job.spec
    started = records.utc_now()
    folder = out_dir / records.RUNS / records.run_folder_name(started, stem)
    folder.mkdir(parents=True)
    effective = spec.effective(job.values)
    inputs = [spec.path] + [
        spec.resolve(name, effective[name])
        for name, p in spec.parameters.items()
        if p.kind is not None and p.kind.input and effective[name]
    ]
    manifest: dict[str, Any] = {
        "report": spec.name,
        "stem": stem,
        "notebook": str(spec.path),
        "parameters": effective,
        "overrides": job.values,
        "status": "running",
        "started": started.isoformat(),
        **records.this_process(),
        "inputs": {**records.input_checksums(inputs[1:]), str(spec.path): spec.sha256},
        "versions": records.package_versions(),
    }
    run_values = _runtime_values(job, out_dir, manifest)
    for name, parameter in spec.parameters.items():
        if parameter.kind is not None and parameter.kind.snapshot and effective[name]:
            records.snapshot_ledger(spec.resolve(name, effective[name]), folder)
    records.write_manifest(folder, manifest)
    executed_path = folder / "notebook.ipynb"
    error = ""
    warming = warm_html_exporter()
    executed = None
    try:
        kernel.reset(spec.path.parent)
        executed = papermill.execute_notebook(
            nbformat.from_dict(spec.notebook),
            str(executed_path),
            parameters=run_values,
            kernel_name="python3",
            cwd=str(spec.path.parent),
            progress_bar=False,
            km=kernel.km,
        )
        status = "ok"
    except PapermillExecutionError as exc:
        status, error = "failed", f"{exc.ename}: {exc.evalue}"
    except BaseException as exc:  # the kernel died, the disk is full, ...: record it, then stop
        ended = records.utc_now()
        manifest.update(
            status="error",
            error=f"{type(exc).__name__}: {exc}",
            ended=ended.isoformat(),
            duration_s=round((ended - started).total_seconds(), 3),
        )
        try:
            records.write_manifest(folder, manifest)
            with FileLock(str(out_dir / ".locks" / "index.lock")):
                records.write_index(out_dir)
        except OSError:
            pass  # a full disk: the next reader marks the run abandoned
        raise
    warming.join()
    if executed is None:  # papermill saved the failed notebook before raising
        executed = nbformat.read(executed_path, as_version=4)
    html_text = render_html(executed, title=executed.metadata.get("title") or stem)
    html_path = folder / "report.html"
    with atomic_write(html_path, encoding="utf-8") as handle:
        handle.write(html_text)
    ended = records.utc_now()
    manifest.update(
        status=status,
        error=error,
        ended=ended.isoformat(),
        duration_s=round((ended - started).total_seconds(), 3),
        outputs=["report.html", "notebook.ipynb", records.MANIFEST],
    )
    result = ReportResult(spec.name, job.values, status, html_path, executed_path, error)
    if status == "ok":
        for produced, suffix in ((html_path, ".html"), (executed_path, ".ipynb")):
            stable = out_dir / f"{stem}{suffix}"
            with atomic_write(stable, "wb") as handle:
                handle.write(produced.read_bytes())
        result.html, result.notebook = out_dir / f"{stem}.html", out_dir / f"{stem}.ipynb"
    records.write_manifest(folder, manifest)
    with FileLock(str(out_dir / ".locks" / "index.lock")):
        records.write_index(out_dir)
    return result
