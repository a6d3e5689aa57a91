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


class _ReportCommand(click.Command):
    """``osint report``: its help lists the reports; ``osint report NAME --help`` a report's parameters."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from .errors import ParameterError
        from .paths import NOTEBOOKS_DIR
        from .reporting import available_reports, read_spec

        rows = []
        for name in available_reports():
            try:
                rows.append((name, read_spec(name).description))
            except ParameterError as exc:
                rows.append((name, f"(cannot be run: {exc})"))
        with formatter.section(f"Reports (the notebooks in {NOTEBOOKS_DIR})"):
            formatter.write_dl(rows or [("(none)", "")])
        formatter.write_paragraph()
        formatter.write_text("`osint report NAME --help` lists the parameters of report NAME.")


def _report_help(ctx: click.Context, name: str) -> str:
    """Help of one report: what it is and the parameters it takes."""
    from .reporting import read_spec

    spec = read_spec(name)
    formatter = ctx.make_formatter()
    formatter.write_usage(f"{ctx.command_path} {name}", "[-p NAME VALUE]... [--out DIR]")
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(f"{spec.description or name} ({spec.path.name})")
    with formatter.section("Parameters (set with -p NAME VALUE)"):
        formatter.write_dl(spec.help_rows() or [("(none)", "")])
    formatter.write_paragraph()
    formatter.write_text(
        "Lists take a,b,c or JSON. Relative paths are taken from the folder you run the command "
        "in. Values are checked before anything runs (exit 2 on a mistake)."
    )
    return formatter.getvalue().rstrip("\n")


def _stop(message: str, code: int) -> None:
    """Print ``message`` (one line per problem) to stderr and exit with ``code``."""
    for line in str(message).splitlines() or [""]:
        click.echo(f"error: {line}", err=True)
    sys.exit(code)


def _writable_folder(out_dir: Path) -> None:
    """Exit 2 unless ``out_dir`` is, or can be made, a folder this user can write to."""
    import os

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _stop(f"--out {out_dir}: cannot make the folder: {exc.strerror or exc}", 2)
    if not os.access(out_dir, os.W_OK | os.X_OK):
        _stop(f"--out {out_dir}: this folder is not writable", 2)


@main.command(cls=_ReportCommand, add_help_option=False)
@click.argument("name", required=False)
@click.option(
    "-p",
    "--parameter",
    "parameters",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="Set a notebook parameter (repeatable); lists take a,b,c or JSON.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for reports, run records and the index (default: reports/).",
)
@click.option(
    "--schedule",
    "schedule",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Run every report x parameter set of a TOML schedule file instead of NAME.",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes for --schedule (default: one per core)."
)
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
@click.option(
    "-h", "--help", "show_help", is_flag=True, help="Show this message (with NAME: the report's parameters) and exit."
)
@click.pass_context
def report(
    ctx: click.Context,
    name: str | None,
    parameters: tuple[tuple[str, str], ...],
    out_dir: Path | None,
    schedule: Path | None,
    jobs: int | None,
    no_progress: bool,
    show_help: bool,
) -> None:
    """Run report NAME (a notebook in notebooks/) and write its HTML report.

    Parameters are checked before anything runs. Relative paths (--out, path parameters)
    are taken from the folder you run the command in.

    Exit codes: 0 all good; 1 a report failed (its run is kept, the last good report is
    untouched); 2 bad parameters or schedule (nothing ran); 3 skipped, because the same
    report with the same parameters was already running.
    """
    from .errors import AlreadyRunning, KernelError, ParameterError
    from .paths import REPORTS_DIR

    if show_help:
        try:
            click.echo(_report_help(ctx, name) if name else ctx.get_help())
        except ParameterError as exc:
            _stop(str(exc), 2)
        return
    out_dir = (out_dir or REPORTS_DIR).absolute()  # once, from where the command was run
    if schedule is not None:
        if name or parameters:
            raise click.UsageError("give either NAME [-p ...] or --schedule FILE, not both")
        _run_schedule(schedule, out_dir, jobs, not no_progress)
        return
    if not name:
        raise click.UsageError("give a report NAME or --schedule FILE (`osint report --help` lists the reports)")
    given: dict[str, str] = {}
    for key, value in parameters:
        if key in given:
            _stop(f"parameter {key} given twice", 2)
        given[key] = value
    from .reporting import Job, read_spec, run_job

    try:
        spec = read_spec(name)
        job = Job(spec, spec.check(given, cwd=Path.cwd()))
    except ParameterError as exc:
        _stop(str(exc), 2)
    _writable_folder(out_dir)
    try:
        result = run_job(job, out_dir=out_dir)
    except AlreadyRunning as exc:
        _stop(str(exc), 3)
    except KernelError as exc:
        _stop(f"report {name}: {exc}", 1)
    except OSError as exc:  # a full disk, a folder made read-only during the run
        where = f": {exc.filename}" if exc.filename else ""
        _stop(
            f"report {name} could not be written ({exc.strerror or exc}{where}); the run is marked in "
            f"{out_dir / 'index.html'} when the disk allows",
            1,
        )
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
        _stop(str(exc), 2)
    _writable_folder(out_dir)
    try:
        results = run_batch(batch, out_dir=out_dir, workers=jobs, progress=progress)
    except OSError as exc:
        _stop(f"schedule {schedule}: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}", 1)
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
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="PNG path of the map; a CSV of how each claim was placed is written beside it.",
)
@click.option("--start", default="", metavar="YYYY-MM-DD", help="First statement date.")
@click.option("--end", default="", metavar="YYYY-MM-DD", help="Last statement date.")
@click.option("--measure", "measures", multiple=True, help="Measure to show (repeatable; default: all).")
@click.option(
    "--extent",
    default="region",
    show_default=True,
    type=click.Choice(["far_east", "front", "region"]),
    help="Main view.",
)
@click.option("--title", default="Where the claims place North Korean troops", show_default=True)
@click.option(
    "--multiples",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also save small multiples (one panel per period) to this PNG path.",
)
@click.option(
    "--period",
    default="Q",
    show_default=True,
    type=click.Choice(["M", "Q"]),
    help="Period of the small multiples: M (month) or Q (quarter).",
)
def map_command(
    ledger: Path,
    out_path: Path,
    start: str,
    end: str,
    measures: tuple[str, ...],
    extent: str,
    title: str,
    multiples: Path | None,
    period: str,
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
@click.option(
    "--published",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date of a single text: relative dates ('on Friday') resolve against it.",
)
@click.option("--url", "source_url", default=None, help="Source URL of a single text.")
@click.option("--force", default="KP", show_default=True, help="Whose troops to extract (ISO country code).")
@click.option(
    "--text-field",
    default=None,
    metavar="NAME",
    help="Field (JSON) or column (CSV) holding the article text, when not a usual name.",
)
@click.option("--date-field", default=None, metavar="NAME", help="Field or column of the publication date.")
@click.option("--url-field", default=None, metavar="NAME", help="Field or column of the source URL.")
@click.option(
    "--ledger",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Mark candidates that repeat a row of this ledger (same claimant, measure, figure).",
)
@click.option(
    "--repeat-days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    help="How many days apart a repeat may be.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="local|ADDRESS",
    help="Run a corpus on Dask: 'local' starts a local cluster, else a scheduler address.",
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Workers of a local Dask cluster.")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    required=True,
    help="CSV of candidate claims to write (atomically).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
def extract(
    source: Path,
    published: str | None,
    source_url: str | None,
    force: str,
    text_field: str | None,
    date_field: str | None,
    url_field: str | None,
    ledger: Path | None,
    repeat_days: int,
    scheduler: str | None,
    workers: int | None,
    out_path: Path,
    no_progress: bool,
) -> None:
    """Propose candidate claims from article text: a .txt file, a saved web page (.html, .htm,
    .mhtml), a folder of them, or a JSON / JSON Lines / CSV corpus. Candidates are for review,
    not ledger rows yet.

    Exit codes: 0 all read; 1 candidates written, but some records or files were skipped (each
    named with its file and line on stderr); 2 nothing written (bad input, options or --out).
    """
    from datetime import date

    from .extract import CorpusError, extract_corpus, mark_repeats

    if published:
        try:
            date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {published!r}", param_hint="--published") from None
    _check_writable(out_path)
    try:
        candidates = extract_corpus(
            source,
            published=published,
            source_url=source_url,
            scheduler=scheduler,
            n_workers=workers,
            progress=not (no_progress or source.is_file() and source.suffix.lower() in _SINGLE),
            force=force,
            text_field=text_field,
            date_field=date_field,
            url_field=url_field,
        )
    except CorpusError as exc:
        _fail(str(exc))
    skipped = list(candidates.attrs.get("skipped", []))
    if source.is_file() and skipped and not len(candidates):
        _fail(skipped[0].replace("; file skipped", ""))
    if ledger is not None:
        from .io import load_claims

        candidates = mark_repeats(candidates, load_claims(ledger), days=repeat_days)
    if source.is_file() and source.suffix.lower() in _SINGLE:
        candidates = candidates.drop(columns="doc_id")
    try:
        _write_candidates(candidates, out_path)
    except OSError as exc:
        _fail(f"cannot write {out_path}: {exc.strerror or exc}")
    repeats = int(candidates["repeats"].notna().sum()) if "repeats" in candidates else 0
    click.echo(f"{len(candidates)} candidate claim(s) written to {out_path} ({repeats} marked as repeats)")
    if skipped:
        for message in skipped:
            click.echo(message, err=True)
        click.echo(f"{len(skipped)} record(s) or file(s) skipped", err=True)
        sys.exit(1)


# A file of one article (a text or a saved page), not a corpus of records.
_SINGLE = (".txt", ".html", ".htm", ".xhtml", ".mhtml", ".mht")


def _write_candidates(candidates, out_path: Path) -> None:
    """Write the candidate table as CSV, atomically, with formula-leading text made inert."""
    from .table_export import export_table

    export_table(candidates, out_path)


def _check_writable(out_path: Path) -> None:
    """Refuse an --out that cannot be written before any work is done."""
    import os

    folder = out_path.parent if str(out_path.parent) else Path(".")
    if not folder.is_dir():
        _fail(f"cannot write {out_path}: folder {folder} does not exist")
    if out_path.is_dir():
        _fail(f"cannot write {out_path}: it is a folder")
    if not os.access(folder, os.W_OK) or (out_path.exists() and not os.access(out_path, os.W_OK)):
        _fail(f"cannot write {out_path}: permission denied")


def _fail(message: str, code: int = 2) -> None:
    """One line on stderr and an exit code, never a traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@main.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="THEIRS=OURS",
    help="Read the file's column THEIRS as ledger column OURS (repeatable).",
)
@click.option(
    "--map-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV with columns theirs,ours: one column mapping a line.",
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="COLUMN=VALUE",
    help="Fill empty or absent ledger COLUMN with VALUE, e.g. personnel=combat_troops (repeatable).",
)
@click.option(
    "--ledger",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ledger to match rows against (default: data/claims.csv of the project).",
)
@click.option(
    "--repeat-days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    help="How many days apart a likely repeat may be said.",
)
@click.option(
    "--encoding",
    default="utf-8-sig",
    show_default=True,
    help="Text encoding of the file (e.g. cp1252 for an older Excel's 'CSV').",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Candidates CSV to write (atomically) for the review queue.",
)
def import_(
    source: Path,
    maps: tuple[str, ...],
    map_file: Path | None,
    sets: tuple[str, ...],
    ledger: Path | None,
    repeat_days: int,
    encoding: str,
    out_path: Path,
) -> None:
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
        result = import_claims(
            source, mapping, defaults, ledger=ledger if ledger.exists() else None, days=repeat_days, encoding=encoding
        )
    except LedgerError as exc:
        for issue in exc.issues:
            click.echo(str(issue))
        click.echo(f"{len(exc.issues)} problem(s) found; nothing written", err=True)
        sys.exit(1)
    result.write(out_path)
    click.echo(
        f"{len(result.rows)} candidate(s) written to {out_path} "
        f"({result.repeats_found} flagged as likely repeats of ledger claims)"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
