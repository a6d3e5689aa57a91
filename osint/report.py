"""Run a parameterized notebook with papermill and render a shareable HTML report.

A report is named for its notebook and the parameters that differ from the notebook's
defaults: ``briefing-defaults.html``, ``briefing-end-2024-10-31_start-2024-10-01.html``.
The executed notebook is kept beside the HTML. A failed run is kept as
``<name>.failed.ipynb`` / ``.failed.html`` so the error can be read, and the last good
report of the same name is never overwritten by a broken one.

Example:
    >>> result = run_report("briefing", {"start": "2024-10-01"})   # doctest: +SKIP
    >>> result.html.name                                          # doctest: +SKIP
    'briefing-start-2024-10-01.html'
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from .io import atomic_write
from .paths import NOTEBOOKS_DIR, REPORTS_DIR

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Parameters whose values are paths: relative values are taken from the caller's folder.
PATH_PARAMETERS = ("ledger",)
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
    outputs: list[Path] = field(default_factory=list)

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

    import nbformat

    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ParameterError(f"{path}: no cell tagged 'parameters'")
    params: dict[str, Parameter] = {}
    for node in ast.parse(cells[0].source).body:
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
    if not overrides:
        return f"{name}-defaults"
    parts = []
    for key in sorted(overrides):
        value = overrides[key]
        if isinstance(value, list):
            value = "+".join(map(str, value)) or "none"
        if key in PATH_PARAMETERS:
            value = Path(str(value)).stem
        parts.append(f"{key}-{value}")
    stem = re.sub(r"[^A-Za-z0-9.+-]+", "-", "_".join(parts).replace("_", "\0")).replace("\0", "_")
    if len(stem) > 80:
        digest = hashlib.sha1(json.dumps(overrides, sort_keys=True, default=str).encode()).hexdigest()[:10]
        stem = stem[:60].rstrip("-_") + "_" + digest
    return f"{name}-{stem}"


def render_html(notebook, title: str | None = None) -> str:
    """HTML of an executed notebook: code hidden, images inline, no script, no network.

    Uses nbconvert's HTMLExporter with the package's ``offline`` template (the lab look,
    with require.js, MathJax, Mermaid and the widget renderer removed and a
    Content-Security-Policy that forbids scripts and remote loads).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    resources = {"metadata": {"name": title or "report"}}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


def run_report(
    name: str,
    parameters: Mapping[str, Any] | None = None,
    out_dir: Path = REPORTS_DIR,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    cwd: Path | None = None,
) -> ReportResult:
    """Check parameters, execute the notebook with papermill and write its HTML report.

    Returns a :class:`ReportResult`; a failing notebook gives ``status == "failed"`` with
    the executed notebook and HTML kept under ``<stem>.failed.*``.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = notebook_path(name, Path(notebooks_dir))
    values = check_parameters(source, parameters or {}, cwd=cwd)
    stem = report_stem(name, values)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = out_dir / f".{stem}.running.ipynb"
    error = ""
    try:
        papermill.execute_notebook(
            str(source),
            str(scratch),
            parameters=values,
            kernel_name="python3",
            cwd=str(source.parent),
            progress_bar=False,
        )
        status = "ok"
    except PapermillExecutionError as exc:
        status, error = "failed", f"{exc.ename}: {exc.evalue}"
    suffix = "" if status == "ok" else ".failed"
    executed = nbformat.read(scratch, as_version=4)
    title = executed.metadata.get("title") or stem
    html_text = render_html(executed, title=title)
    notebook_out = out_dir / f"{stem}{suffix}.ipynb"
    html_out = out_dir / f"{stem}{suffix}.html"
    with atomic_write(html_out, encoding="utf-8") as handle:
        handle.write(html_text)
    scratch.replace(notebook_out)
    if status == "ok":  # a good run supersedes the record of an earlier failure
        for stale in (out_dir / f"{stem}.failed.html", out_dir / f"{stem}.failed.ipynb"):
            stale.unlink(missing_ok=True)
    return ReportResult(name, values, status, html_out, notebook_out, error, [html_out, notebook_out])
