"""The ``osint`` command line: check ledgers and produce reports.

Example:
    $ osint validate data/claims.csv
    $ osint report briefing -p start 2024-10-01 -p end 2024-10-31
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="osint")
def main() -> None:
    """Track, check and report claims of troop figures."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check claims ledgers (CSV or Parquet); list every problem and exit 1 if any."""
    from .io import validate_ledger

    problems = 0
    for path in paths:
        issues = validate_ledger(path)
        for issue in issues:
            click.echo(str(issue))
        problems += len(issues)
        if not issues:
            click.echo(f"{path}: ok")
    if problems:
        click.echo(f"{problems} problem(s) found", err=True)
        sys.exit(1)


@main.command()
@click.argument("name", required=False)
@click.option(
    "-p", "--parameter", "parameters", nargs=2, multiple=True, metavar="NAME VALUE",
    help="Set a notebook parameter (repeatable); lists take a,b,c or JSON.",
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for reports, run records and the index (default: reports/).")
@click.option("--schedule", "schedule", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Run every report x parameter set of a TOML schedule file instead of NAME.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for --schedule (default: one per core).")
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
def report(
    name: str | None, parameters: tuple[tuple[str, str], ...], out_dir: Path | None,
    schedule: Path | None, jobs: int | None, no_progress: bool,
) -> None:
    """Run report NAME (a notebook in notebooks/) and write its HTML report.

    Exit codes: 0 all good; 1 a report failed (its run is kept, the last good report is
    untouched); 2 bad parameters or schedule (nothing ran); 3 skipped, because the same
    report with the same parameters was already running.
    """
    from .paths import REPORTS_DIR
    from .report import AlreadyRunning, ParameterError, run_report

    out_dir = out_dir or REPORTS_DIR
    if schedule is not None:
        if name or parameters:
            raise click.UsageError("give either NAME [-p ...] or --schedule FILE, not both")
        _run_schedule(schedule, out_dir, jobs, not no_progress)
        return
    if not name:
        raise click.UsageError("give a report NAME or --schedule FILE")
    given: dict[str, str] = {}
    for key, value in parameters:
        if key in given:
            raise click.UsageError(f"parameter {key} given twice")
        given[key] = value
    try:
        result = run_report(name, given, out_dir=out_dir, cwd=Path.cwd())
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    except AlreadyRunning as exc:
        click.echo(str(exc), err=True)
        sys.exit(3)
    if result.ok:
        click.echo(f"report: {result.html}")
        click.echo(f"executed notebook: {result.notebook}")
        return
    click.echo(f"report {name} failed: {result.error}", err=True)
    click.echo(f"the failed run is kept in {result.html.parent}", err=True)
    sys.exit(1)


def _run_schedule(schedule: Path, out_dir: Path, jobs: int | None, progress: bool) -> None:
    from .report import ParameterError
    from .schedule import load_schedule, run_batch

    try:
        batch = load_schedule(schedule)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    results = run_batch(batch, out_dir=out_dir, workers=jobs, progress=progress)
    for result in results:
        line = f"{result.status:8} {result.stem}" + (f"  {result.html}" if result.html else "")
        click.echo(line + (f"  ({result.error})" if result.error else ""))
    statuses = {r.status for r in results}
    click.echo(f"index: {out_dir / 'index.html'}")
    if statuses & {"failed", "error"}:
        sys.exit(1)
    if "skipped" in statuses:
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
