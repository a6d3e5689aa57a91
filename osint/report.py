"""Run a parameterized notebook with papermill and render a shareable HTML report.

A report is named for its notebook and the parameters that differ from the notebook's
defaults: ``briefing-defaults.html``, ``briefing-end-2024-10-31_start-2024-10-01.html``.
Every run, good or failed, is kept in its own folder with its executed notebook and a
manifest (see :mod:`osint.runs`); the stable ``<stem>.html`` is the last good report and is
never overwritten by a broken one.

Example:
    >>> result = run_report("briefing", {"start": "2024-10-01"})   # doctest: +SKIP
    >>> result.html.name                                          # doctest: +SKIP
    'briefing-start-2024-10-01.html'
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .atomic import atomic_write
from .paths import NOTEBOOKS_DIR, REPORTS_DIR

if TYPE_CHECKING:
    from .kernels import WarmKernel

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Parameters whose values are paths: relative values are taken from the caller's folder.
PATH_PARAMETERS = ("ledger", "landmarks", "export_dir")
#: Path parameters naming input files: their checksums go into the run's manifest.
INPUT_PARAMETERS = ("ledger", "landmarks")
#: Parameters the runner fills itself: the folder of the previous good run of the same
#: report and parameters (for "what changed"). They never name a report.
RUNTIME_PARAMETERS = ("since_run",)
#: Cells with this tag are instructions for notebook users and are left out of reports.
NOTEBOOK_ONLY_TAG = "notebook-only"
#: Parameters whose values must be ISO dates (or empty for "no limit").
DATE_PARAMETERS = ("start", "end")


class ParameterError(ValueError):
    """A report parameter that the notebook does not declare, or of the wrong type."""


@dataclass(frozen=True)
class Parameter:
    """A parameter declared in a notebook's ``parameters`` cell."""

    name: str
    type: str
    default: Any
    help: str = ""


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


def notebook_path(name: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """The notebook of report ``name``; raises ParameterError naming the reports there are."""
    path = Path(notebooks_dir) / f"{name}.ipynb"
    if not path.is_file():
        known = ", ".join(available_reports(notebooks_dir)) or "none"
        raise ParameterError(f"no report named {name!r} (notebooks in {notebooks_dir}: {known})")
    return path


def available_reports(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[str]:
    """Names of the notebooks that can be run as reports."""
    return sorted(p.stem for p in Path(notebooks_dir).glob("*.ipynb"))


def notebook_parameters(path: Path) -> dict[str, Parameter]:
    """The typed parameters declared in the notebook's cell tagged ``parameters``."""
    import ast

    # Plain JSON: importing nbformat here would cost more than the whole check.
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ParameterError(f"{path}: no cell tagged 'parameters'")
    source = cells[0]["source"]
    params: dict[str, Parameter] = {}
    for node in ast.parse("".join(source) if isinstance(source, list) else source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            kind = ast.unparse(node.annotation)
            default = ast.literal_eval(node.value) if node.value is not None else None
            params[node.target.id] = Parameter(node.target.id, kind, default)
        elif isinstance(node, ast.Assign):
            raise ParameterError(f"{path}: parameter {ast.unparse(node.targets[0])} has no type annotation")
    return params


def _as_type(name: str, kind: str, raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    if kind == "str":
        return raw
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if kind == "bool":
        lowered = raw.strip().lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        raise ValueError(raw)
    if kind.startswith("list"):
        text = raw.strip()
        if text.startswith("["):
            value = json.loads(text)
            if not isinstance(value, list):
                raise ValueError(raw)
            return value
        return [item.strip() for item in text.split(",") if item.strip()]
    raise ParameterError(f"parameter {name} has a type the command line cannot set: {kind}")


def check_parameters(path: Path, given: Mapping[str, Any], cwd: Path | None = None) -> dict[str, Any]:
    """Convert ``given`` values to the notebook's declared types, before anything runs.

    Returns the values that differ from the notebook's defaults (they name the report).

    Raises ParameterError naming every unknown parameter and every value of the wrong type.
    Path parameters (``ledger``) given relative are taken from ``cwd``.
    """
    declared = notebook_parameters(path)
    problems, values = [], {}
    for name, raw in given.items():
        if name not in declared:
            problems.append(f"unknown parameter {name!r} (this report takes: {', '.join(declared)})")
            continue
        kind = declared[name].type
        try:
            value = _as_type(name, kind, raw)
        except (ValueError, json.JSONDecodeError):
            problems.append(f"parameter {name} expects {kind}, got {raw!r}")
            continue
        if name in DATE_PARAMETERS and value:
            try:
                date.fromisoformat(value)
            except (TypeError, ValueError):
                problems.append(f"parameter {name} expects a date written YYYY-MM-DD, got {raw!r}")
                continue
        if name in PATH_PARAMETERS and value and not Path(value).is_absolute():
            value = str((cwd or Path.cwd()) / value)
        if value != declared[name].default:  # the default named explicitly is still the default
            values[name] = value
    if problems:
        raise ParameterError("; ".join(problems))
    return values


def report_stem(name: str, overrides: Mapping[str, Any]) -> str:
    """File stem for a report: its name and the parameters that differ from the defaults.

    Example:
        >>> report_stem("briefing", {"start": "2024-10-01", "end": "2024-10-31"})
        'briefing-end-2024-10-31_start-2024-10-01'
        >>> report_stem("briefing", {})
        'briefing-defaults'
    """
    overrides = {k: v for k, v in overrides.items() if k not in RUNTIME_PARAMETERS}
    if not overrides:
        return f"{name}-defaults"
    parts = []
    for key in sorted(overrides):
        value = overrides[key]
        if isinstance(value, list):
            value = "+".join(map(str, value)) or "none"
        if key in PATH_PARAMETERS:
            value = Path(str(value)).stem
        parts.append(re.sub(r"[^A-Za-z0-9.+-]+", "-", f"{key}-{value}").strip("-"))
    stem = "_".join(parts)
    if len(stem) > 80:
        digest = hashlib.sha1(json.dumps(overrides, sort_keys=True, default=str).encode()).hexdigest()[:10]
        stem = stem[:60].rstrip("-_") + "_" + digest
    return f"{name}-{stem}"


@lru_cache(maxsize=1)
def html_exporter():
    """nbconvert's HTMLExporter with the package's ``offline`` template, built once.

    The lab look with require.js, MathJax, Mermaid and the widget renderer removed, a
    Content-Security-Policy that forbids scripts and remote loads, code cells hidden and
    cells tagged ``notebook-only`` left out.
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTEBOOK_ONLY_TAG}), enabled=True)
    return exporter


def warm_html_exporter() -> threading.Thread:
    """Import nbconvert and compile the template in a thread, while a notebook runs.

    The parent process mostly waits on the kernel during execution, so this costs no
    wall time on a machine with a core to spare.
    """

    def warm() -> None:
        import nbformat

        render_html(nbformat.v4.new_notebook(), title="warm-up")

    thread = threading.Thread(target=warm, name="warm-html-exporter", daemon=True)
    thread.start()
    return thread


def render_html(notebook, title: str | None = None) -> str:
    """HTML of an executed notebook: code hidden, images inline, no script, no network."""
    resources = {"metadata": {"name": title or "report"}}
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return body


class AlreadyRunning(RuntimeError):
    """Another run of the same report with the same parameters holds the lock."""


def _effective_parameters(path: Path, values: Mapping[str, Any]) -> dict[str, Any]:
    declared = notebook_parameters(path)
    return {name: values.get(name, p.default) for name, p in declared.items()}


def _input_files(source: Path, effective: Mapping[str, Any]) -> list[Path]:
    files = [source]
    for name in INPUT_PARAMETERS:
        value = effective.get(name)
        if value:
            files.append((source.parent / value).resolve())
    return files


def run_report(
    name: str,
    parameters: Mapping[str, Any] | None = None,
    out_dir: Path = REPORTS_DIR,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    cwd: Path | None = None,
    wait: bool = False,
    kernel: "WarmKernel | None" = None,
) -> ReportResult:
    """Check parameters, execute the notebook with papermill and write its HTML report.

    Each run gets its own folder under ``runs/`` (report, executed notebook, manifest) and
    the index page is rewritten. A good run also replaces ``<stem>.html`` / ``.ipynb``, the
    stable copy of the last good report; a failing notebook gives ``status == "failed"``
    and leaves that copy untouched. A second run of the same report and parameters while
    one is going raises :class:`AlreadyRunning` (or waits, with ``wait=True``). A batch
    passes a :class:`~osint.kernels.WarmKernel` to run in, reset before the notebook starts.
    """
    from filelock import FileLock, Timeout


    source = notebook_path(name, Path(notebooks_dir))
    values = check_parameters(source, parameters or {}, cwd=cwd)
    stem = report_stem(name, values)
    out_dir = Path(out_dir)
    (out_dir / ".locks").mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".locks" / f"{stem}.lock"))
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        raise AlreadyRunning(f"report {stem} is already running (lock {lock.lock_file})") from None
    own_kernel = kernel is None
    try:
        if kernel is None:  # it boots while papermill and nbconvert are imported
            from .kernels import WarmKernel

            kernel = WarmKernel(cwd=source.parent)
        return _run_locked(name, source, values, stem, out_dir, kernel)
    finally:
        if own_kernel and kernel is not None:
            kernel.close()
        lock.release()


def _import_papermill():
    """Import papermill without the 1-2 s that jsonschema spends on an unused grammar.

    nbformat imports jsonschema, which imports the optional ``rfc3987_syntax`` package when
    it is installed (it comes with JupyterLab) and builds its grammar at import time
    (upstream: python-jsonschema PR #1521). Notebook schemas never use the IRI formats it
    checks, so a report process goes without it; nothing else in the process needs it.
    """
    import sys

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
    import papermill

    return papermill


def _run_locked(
    name: str, source: Path, values: dict[str, Any], stem: str, out_dir: Path, kernel: "WarmKernel"
) -> ReportResult:
    papermill = _import_papermill()
    import nbformat
    from filelock import FileLock
    from papermill.exceptions import PapermillExecutionError

    from . import runs
    from .changes import snapshot_ledger

    started = runs.utc_now()
    folder = out_dir / runs.RUNS / runs.run_folder_name(started, stem)
    folder.mkdir(parents=True)
    effective = _effective_parameters(source, values)
    manifest: dict[str, Any] = {
        "report": name,
        "stem": stem,
        "notebook": str(source),
        "parameters": effective,
        "overrides": values,
        "status": "running",
        "started": started.isoformat(),
        "inputs": runs.input_checksums(_input_files(source, effective)),
        "versions": runs.package_versions(),
    }
    run_values = dict(values)
    declared = notebook_parameters(source)
    if "since_run" in declared and "since_run" not in values:
        previous = runs.last_good_run(out_dir, stem)
        run_values["since_run"] = str(out_dir / runs.RUNS / previous["folder"]) if previous else ""
        manifest["since_run"] = previous["folder"] if previous else None
    if effective.get("ledger"):
        snapshot_ledger((source.parent / effective["ledger"]).resolve(), folder)
    runs.write_manifest(folder, manifest)
    executed_path = folder / "notebook.ipynb"
    error = ""
    engine_options: dict[str, Any] = {}
    warming = warm_html_exporter()
    try:
        kernel.reset(source.parent)
        engine_options["km"] = kernel.km
        papermill.execute_notebook(
            str(source), str(executed_path), parameters=run_values, kernel_name="python3",
            cwd=str(source.parent), progress_bar=False, **engine_options,
        )
        status = "ok"
    except PapermillExecutionError as exc:
        status, error = "failed", f"{exc.ename}: {exc.evalue}"
    except BaseException as exc:  # the kernel died, the disk is full, ...: record it, then stop
        ended = runs.utc_now()
        manifest.update(status="error", error=f"{type(exc).__name__}: {exc}", ended=ended.isoformat(),
                        duration_s=round((ended - started).total_seconds(), 3))
        runs.write_manifest(folder, manifest)
        with FileLock(str(out_dir / ".locks" / "index.lock")):
            runs.write_index(out_dir)
        raise
    warming.join()
    executed = nbformat.read(executed_path, as_version=4)
    html_text = render_html(executed, title=executed.metadata.get("title") or stem)
    html_path = folder / "report.html"
    with atomic_write(html_path, encoding="utf-8") as handle:
        handle.write(html_text)
    ended = runs.utc_now()
    manifest.update(status=status, error=error, ended=ended.isoformat(),
                    duration_s=round((ended - started).total_seconds(), 3),
                    outputs=["report.html", "notebook.ipynb", runs.MANIFEST])
    result = ReportResult(name, values, status, html_path, executed_path, error)
    if status == "ok":
        for produced, suffix in ((html_path, ".html"), (executed_path, ".ipynb")):
            stable = out_dir / f"{stem}{suffix}"
            with atomic_write(stable, "wb") as handle:
                handle.write(produced.read_bytes())
        result.html, result.notebook = out_dir / f"{stem}.html", out_dir / f"{stem}.ipynb"
    runs.write_manifest(folder, manifest)
    with FileLock(str(out_dir / ".locks" / "index.lock")):
        runs.write_index(out_dir)
    return result
