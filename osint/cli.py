"""The ``osint`` command line: check ledgers, produce reports and maps, extract candidates.

Example:
    $ osint validate data/claims.csv
    $ osint report briefing -p start 2024-10-01 -p end 2024-10-31
    $ osint map data/claims.csv --out reports/figures/deployment_map.png
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
    from .errors import AlreadyRunning, ParameterError
    from .paths import REPORTS_DIR
    from .reporting import run_report

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
    from .errors import ParameterError
    from .reporting import load_schedule, run_batch

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


@main.command("map")
@click.argument("ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PNG path of the map; a CSV of how each claim was placed is written beside it.")
@click.option("--start", default="", metavar="YYYY-MM-DD", help="First statement date.")
@click.option("--end", default="", metavar="YYYY-MM-DD", help="Last statement date.")
@click.option("--measure", "measures", multiple=True, help="Measure to show (repeatable; default: all).")
@click.option("--extent", default="region", show_default=True,
              type=click.Choice(["far_east", "front", "region"]), help="Main view.")
@click.option("--title", default="Where the claims place North Korean troops", show_default=True)
@click.option("--multiples", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also save small multiples (one panel per period) to this PNG path.")
@click.option("--period", default="Q", show_default=True, type=click.Choice(["M", "Q"]),
              help="Period of the small multiples: M (month) or Q (quarter).")
def map_command(
    ledger: Path, out_path: Path, start: str, end: str, measures: tuple[str, ...], extent: str, title: str,
    multiples: Path | None, period: str,
) -> None:
    """Draw the deployment map of a LEDGER and save it (PNG, with a CSV of the placements)."""
    import matplotlib.pyplot as plt

    from .analysis import filter_claims
    from .io import load_claims
    from .maps import plot_deployment_map, plot_small_multiples, save_map
    from .places import place_claims

    for option, value in (("--start", start), ("--end", end)):
        _check_date(option, value)
    try:
        claims = filter_claims(load_claims(ledger), start=start or None, end=end or None, measures=list(measures))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--measure") from None
    placed = place_claims(claims)  # once, for the map, its CSV and the small multiples
    fig = plot_deployment_map(claims, extent=extent, title=title, placed=placed)
    written = save_map(fig, out_path, claims, placed=placed)
    plt.close(fig.get_figure(root=True))
    if multiples is not None:
        every = "quarter" if period == "Q" else "month"
        fig = plot_small_multiples(claims, period=period, extent=extent, title=f"{title}, by {every}", placed=placed)
        written["multiples"] = save_map(fig, multiples)["png"]
        plt.close(fig.get_figure(root=True))
    for kind, path in written.items():
        click.echo(f"{kind}: {path}")


def _check_date(option: str, value: str | None) -> None:
    """Raise a usage error unless ``value`` is empty or a date written YYYY-MM-DD."""
    from datetime import date

    if not value:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date written YYYY-MM-DD, got {value!r}", param_hint=option) from None


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
    from .extract import extract_corpus, extract_file, mark_repeats
    from .table_export import export_table

    _check_date("--published", published)
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
    export_table(candidates, out_path)
    repeats = int(candidates["repeats"].notna().sum()) if "repeats" in candidates else 0
    click.echo(f"{len(candidates)} candidate claim(s) written to {out_path} ({repeats} marked as repeats)")


@main.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--map", "maps", multiple=True, metavar="THEIRS=OURS",
              help="Read the file's column THEIRS as ledger column OURS (repeatable).")
@click.option("--map-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="CSV with columns theirs,ours: one column mapping a line.")
@click.option("--set", "sets", multiple=True, metavar="COLUMN=VALUE",
              help="Fill empty or absent ledger COLUMN with VALUE, e.g. personnel=combat_troops (repeatable).")
@click.option("--ledger", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ledger to match rows against (default: data/claims.csv of the project).")
@click.option("--repeat-days", type=click.IntRange(min=0), default=7, show_default=True,
              help="How many days apart a likely repeat may be said.")
@click.option("--encoding", default="utf-8-sig", show_default=True,
              help="Text encoding of the file (e.g. cp1252 for an older Excel's 'CSV').")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Candidates CSV to write (atomically) for the review queue.")
def import_(source: Path, maps: tuple[str, ...], map_file: Path | None, sets: tuple[str, ...],
            ledger: Path | None, repeat_days: int, encoding: str, out_path: Path) -> None:
    """Turn a claims spreadsheet (CSV, or CSV saved from Excel) into review candidates.

    Every row is checked with the ledger's rules; on any problem, each is listed with its
    line and nothing is written (exit 1). Rows matching a ledger claim (same claimant,
    stance, measure, personnel and figure, said within --repeat-days) are flagged in
    likely_repeat_of.
    """
    from .importing import import_claims, parse_mapping, read_mapping_file
    from .paths import DATA_DIR
    from .schema import LedgerError

    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    try:
        mapping = read_mapping_file(map_file) if map_file else {}
        mapping.update(parse_mapping(maps))
        defaults = parse_mapping(sets)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    ledger = ledger if ledger is not None else DATA_DIR / "claims.csv"
    try:
        result = import_claims(source, mapping, defaults, ledger=ledger if ledger.exists() else None,
                               days=repeat_days, encoding=encoding)
    except LedgerError as exc:
        for issue in exc.issues:
            click.echo(str(issue))
        click.echo(f"{len(exc.issues)} problem(s) found; nothing written", err=True)
        sys.exit(1)
    result.write(out_path)
    click.echo(f"{len(result.rows)} candidate(s) written to {out_path} "
               f"({result.repeats_found} flagged as likely repeats of ledger claims)")


if __name__ == "__main__":  # pragma: no cover
    main()
