"""The record of report runs: one folder and manifest per run, and an index page of them all.

Layout under the reports folder::

    index.html                              every run, newest first, with status and links
    briefing-defaults.html / .ipynb         the last good report of that name (a stable link)
    runs/20261125T201500Z-briefing-defaults/
        report.html  notebook.ipynb  manifest.json  ledger.csv.gz

``ledger.csv.gz`` is a byte-for-byte (gzip) copy of the ledger the run read, for the next run's
"what changed" (:mod:`osint.changes` reads it). A manifest records the run's host, pid and
process start, so a run that died (killed, out of memory, disk full) is marked ``abandoned``
the next time anything reads the runs, and temporary files it left are removed. Only the
standard library is used here (and psutil, to tell whether a run's process is alive).

Example:
    >>> manifests = load_manifests(Path("reports"))         # doctest: +SKIP
    >>> write_index(Path("reports"))                         # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import platform
import shutil
import socket
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from ..atomic import atomic_write

RUNS = "runs"
INDEX = "index.html"
MANIFEST = "manifest.json"
#: The copy of the ledger a run read, in its run folder.
SNAPSHOT = "ledger.csv.gz"
VERSIONED_PACKAGES = ("osint", "pandas", "matplotlib", "geopandas", "papermill", "nbconvert", "nbclient", "ipykernel")


def snapshot_ledger(ledger: Path, folder: Path) -> Path | None:
    """Keep a gzip copy of ``ledger`` in a run folder (None when the ledger does not exist).

    A plain copy of the bytes: what the run read, whatever its content.
    """
    ledger = Path(ledger)
    if not ledger.is_file():
        return None
    target = Path(folder) / SNAPSHOT
    with open(ledger, "rb") as source, atomic_write(target, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
            shutil.copyfileobj(source, packed)
    return target


def utc_now() -> datetime:
    return datetime.now(UTC)


def run_folder_name(started: datetime, stem: str) -> str:
    """``20261125T201500Z-briefing-defaults``: sorts by start time, names report and parameters."""
    return f"{started.strftime('%Y%m%dT%H%M%S')}{started.microsecond // 1000:03d}Z-{stem}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_checksums(paths: Iterable[Path]) -> dict[str, str | None]:
    """SHA-256 of each input file (None for a file that does not exist)."""
    return {str(p): (sha256_file(p) if Path(p).is_file() else None) for p in paths}


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_manifest(folder: Path, manifest: dict[str, Any]) -> Path:
    path = folder / MANIFEST
    with atomic_write(path, encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True, default=str)
        handle.write("\n")
    return path


def this_process() -> dict[str, Any]:
    """Who runs a report, so a reader can tell a live run from one that died: host, pid and
    the process's start time (a pid alone may be reused by another process)."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "process_started": _process_started(os.getpid())}


def _process_started(pid: int) -> float | None:
    import psutil

    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.Error, OSError):
        return None


def run_is_dead(manifest: dict[str, Any]) -> str | None:
    """Why a run recorded as running is not running any more (its process is gone, or the
    pid now belongs to another process), or None when it may still be running (or ran on
    another host, where this machine cannot tell).
    """
    pid, host = manifest.get("pid"), manifest.get("host")
    if not isinstance(pid, int) or host != socket.gethostname():
        return None
    started = _process_started(pid)
    if started is None:
        return f"its process (pid {pid}) is no longer alive: it was killed, or the machine stopped"
    recorded = manifest.get("process_started")
    if isinstance(recorded, (int, float)) and abs(started - recorded) > 1:
        return f"its process (pid {pid}) is no longer alive (the pid now belongs to another process)"
    return None


def load_manifests(reports_dir: Path) -> list[dict[str, Any]]:
    """Every run's manifest, newest first; unreadable ones are listed with status 'unreadable'.

    A run still marked ``running`` whose process has died (killed, out of memory, the disk
    full before it could record its end) is marked ``abandoned``, with the cause, in its
    manifest on disk too, so every later reader sees it the same.
    """
    manifests = []
    for path in sorted((Path(reports_dir) / RUNS).glob(f"*/{MANIFEST}"), reverse=True):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            manifest = {"status": "unreadable", "error": str(exc), "report": path.parent.name}
        if manifest.get("status") == "running":
            cause = run_is_dead(manifest)
            if cause is not None:
                manifest.update(
                    status="abandoned",
                    error=f"the run stopped before it finished: {cause}",
                    noticed=utc_now().isoformat(),
                )
                try:
                    write_manifest(path.parent, manifest)
                except OSError:
                    pass  # a read-only or full disk: shown as abandoned all the same
                clean_stale_temp_files(path.parent, age_s=0)
        manifest["folder"] = path.parent.name
        manifests.append(manifest)
    return sorted(manifests, key=lambda m: m.get("started", ""), reverse=True)


#: Temporary files of atomic writes (see :mod:`osint.atomic`): ``.<name>.<random>.tmp``.
TEMP_PATTERN = ".*.tmp"
#: Age after which a temporary file in the reports folder is left over from a killed run.
STALE_AFTER_S = 3600


def clean_stale_temp_files(folder: Path, age_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove the temporary files of atomic writes that a killed process left in ``folder``
    (older than ``age_s`` seconds: a write in progress is never that old); the removed paths.
    """
    import time

    removed = []
    now = time.time()
    for path in Path(folder).glob(TEMP_PATTERN):
        try:
            if path.is_file() and now - path.stat().st_mtime >= age_s:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def last_good_run(reports_dir: Path, stem: str) -> dict[str, Any] | None:
    """The newest successful run of report ``stem`` (same report and parameters)."""
    for manifest in load_manifests(reports_dir):
        if manifest.get("stem") == stem and manifest.get("status") == "ok":
            return manifest
    return None


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>Report runs</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; }} th, td {{ padding: .3em .8em; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }}
.ok {{ color: #1a7f37; }} .failed, .error, .abandoned, .unreadable {{ color: #cf222e; font-weight: bold; }}
code {{ font-size: .9em; }}
</style></head><body>
<h1>Report runs</h1>
<p>{count} run(s), newest first. Each run keeps its report, executed notebook and manifest; a failed run
keeps the error and leaves the last good report of its name untouched.</p>
<table><thead><tr><th>Started (UTC)</th><th>Report</th><th>Parameters</th><th>Status</th><th>Duration</th><th>Files</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def _row(manifest: dict[str, Any]) -> str:
    esc = html.escape
    folder = f"{RUNS}/{manifest['folder']}"
    status = str(manifest.get("status", "unknown"))
    params = manifest.get("overrides") or {}
    params_text = (
        "<br>".join(
            f"<code>{esc(str(k))}</code> = {esc(json.dumps(v, ensure_ascii=False))}" for k, v in sorted(params.items())
        )
        or "defaults"
    )
    error = f"<br><small>{esc(str(manifest.get('error', '')))}</small>" if manifest.get("error") else ""
    links = [
        f'<a href="{esc(folder)}/report.html">report</a>',
        f'<a href="{esc(folder)}/notebook.ipynb">notebook</a>',
        f'<a href="{esc(folder)}/{MANIFEST}">manifest</a>',
    ]
    duration = manifest.get("duration_s")
    return (
        f"<tr><td>{esc(str(manifest.get('started', ''))[:19].replace('T', ' '))}</td>"
        f"<td>{esc(str(manifest.get('report', '')))}</td><td>{params_text}</td>"
        f'<td class="{esc(status)}">{esc(status)}{error}</td>'
        f"<td>{'' if duration is None else f'{float(duration):.1f} s'}</td><td>{' · '.join(links)}</td></tr>"
    )


def write_index(reports_dir: Path) -> Path:
    """(Re)write ``index.html`` from the manifests on disk, atomically; temporary files that
    killed runs left in the reports folder are removed."""
    manifests = load_manifests(reports_dir)
    for folder in (Path(reports_dir), Path(reports_dir) / ".locks"):
        clean_stale_temp_files(folder)
    page = _PAGE.format(count=len(manifests), rows="\n".join(_row(m) for m in manifests))
    path = Path(reports_dir) / INDEX
    with atomic_write(path, encoding="utf-8") as handle:
        handle.write(page)
    return path
