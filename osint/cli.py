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
@click.argument("name")
@click.option(
    "-p", "--parameter", "parameters", nargs=2, multiple=True, metavar="NAME VALUE",
    help="Set a notebook parameter (repeatable); lists take a,b,c or JSON.",
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the HTML and executed notebook (default: reports/).")
def report(name: str, parameters: tuple[tuple[str, str], ...], out_dir: Path | None) -> None:
    """Run report NAME (a notebook in notebooks/) and write its HTML report."""
    from .paths import REPORTS_DIR
    from .report import AlreadyRunning, ParameterError, run_report

    given: dict[str, str] = {}
    for key, value in parameters:
        if key in given:
            raise click.UsageError(f"parameter {key} given twice")
        given[key] = value
    try:
        result = run_report(name, given, out_dir=out_dir or REPORTS_DIR, cwd=Path.cwd())
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


if __name__ == "__main__":  # pragma: no cover
    main()
