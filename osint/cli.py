"""The ``osint`` command line: check ledgers and produce reports.

Example:
    $ osint validate data/claims.csv
    $ osint report briefing -p start 2024-10-01 -p end 2024-10-31
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


class _Commands(click.Group):
    """The command group: a problem in a ledger, or a ledger saved by someone else meanwhile,
    ends any command with its message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        from .atomic import FileChanged

        try:
            return super().invoke(ctx)
        except Exception as exc:
            schema = sys.modules.get("osint.schema")  # loaded whenever a ledger was read
            known = (FileChanged, schema.LedgerError) if schema else (FileChanged,)
            if not isinstance(exc, known):
                raise
            click.echo(str(exc), err=True)
            ctx.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date of a single text: relative dates ('on Friday') resolve against it.")
@click.option("--url", "source_url", default=None, help="Source URL of a single text.")
@click.option("--force", default="KP", show_default=True, help="Whose troops to extract (ISO country code).")
@click.option("--ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Mark candidates that repeat a row of this ledger (same claimant, measure, figure).")
@click.option("--repeat-days", type=click.IntRange(min=0), default=7, show_default=True,
              help="How many days apart a repeat may be.")
@click.option("--scheduler", default=None, metavar="local|ADDRESS",
              help="Run a corpus on Dask: 'local' starts a local cluster, else a scheduler address.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Workers of a local Dask cluster.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="CSV of candidate claims to write (atomically).")
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
def extract(
    source: Path, published: str | None, source_url: str | None, force: str, ledger: Path | None,
    repeat_days: int, scheduler: str | None, workers: int | None, out_path: Path, no_progress: bool,
) -> None:
    """Propose candidate claims from article text: a .txt file, a folder of them, or a
    JSON / JSON Lines / CSV corpus. Candidates are for review, not ledger rows yet."""
    from datetime import date

    from .atomic import atomic_write
    from .extract import extract_corpus, extract_file, mark_repeats

    if published:
        try:
            date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {published!r}", param_hint="--published") from None
    if source.is_file() and source.suffix == ".txt":
        candidates = extract_file(source, published=published, source_url=source_url, force=force)
    else:
        candidates = extract_corpus(
            source, published=published, source_url=source_url, scheduler=scheduler, n_workers=workers,
            progress=not no_progress, force=force,
        )
    if ledger is not None:
        from .io import load_claims

        candidates = mark_repeats(candidates, load_claims(ledger), days=repeat_days)
    with atomic_write(out_path, "w", newline="", encoding="utf-8") as handle:
        candidates.to_csv(handle, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    repeats = int(candidates["repeats"].notna().sum()) if "repeats" in candidates else 0
    click.echo(f"{len(candidates)} candidate claim(s) written to {out_path} ({repeats} marked as repeats)")


if __name__ == "__main__":  # pragma: no cover
    main()
