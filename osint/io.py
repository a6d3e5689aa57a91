"""Load and save claim ledgers: CSV is canonical, Parquet is accepted as a typed copy.

Example:
    >>> claims = load_claims("data/claims.csv")          # doctest: +SKIP
    >>> claims.dtypes["figure_high"]                     # doctest: +SKIP
    Int64Dtype()
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import FileChanged, atomic_write, digest, file_lock, real_path
from .ledger_csv import format_record, format_table, parse_csv
from .paths import PathLike
from .schema import (
    CLAIMANT_TYPES,
    COLUMNS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    MEASURES,
    PERSONNEL,
    QUALIFIERS,
    RELIABILITY_GRADES,
    STANCES,
    LedgerError,
    LedgerIssue,
    validate_header,
    validate_records,
)

CATEGORIES: dict[str, pd.CategoricalDtype] = {
    "date_precision": pd.CategoricalDtype(DATE_PRECISIONS),
    "claimant_type": pd.CategoricalDtype(CLAIMANT_TYPES),
    "stance": pd.CategoricalDtype(STANCES),
    "measure": pd.CategoricalDtype(MEASURES),
    "personnel": pd.CategoricalDtype(PERSONNEL),
    "qualifier": pd.CategoricalDtype(QUALIFIERS),
    "geo_precision": pd.CategoricalDtype(GEO_PRECISIONS),
    "reliability": pd.CategoricalDtype(RELIABILITY_GRADES, ordered=True),
}
DATES = ("statement_date", "published")
INTEGERS = ("figure_low", "figure_high", "credibility")


@dataclass(frozen=True)
class LedgerText:
    """A ledger CSV file as read: its bytes, header, rows as text (column -> cell, verbatim),
    the line each row starts on, every reading problem, and the file's line ending."""

    path: Path
    data: bytes
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    issues: list[LedgerIssue]
    newline: str = "\n"
    ends_with_newline: bool = True

    @property
    def sha256(self) -> str:
        """SHA-256 of the bytes read (what a conditional write compares against)."""
        return digest(self.data)


def read_ledger_text(path: PathLike) -> LedgerText:
    """Read a ledger CSV strictly (see :mod:`osint.ledger_csv`): nothing raised for bad
    content, every quoting or encoding problem is in ``issues`` with its line.

    Example:
        >>> read_ledger_text("data/claims.csv").issues          # doctest: +SKIP
        []
    """
    path = Path(path)
    data = path.read_bytes()
    table = parse_csv(data, str(path))
    rows = [dict(zip(table.header, cells)) for cells in table.records]
    return LedgerText(path, data, table.header, rows, table.lines, table.issues, table.newline, table.ends_with_newline)


def read_ledger_rows(path: PathLike) -> tuple[list[str], list[dict[str, str]], list[int]]:
    """Read a ledger CSV as text: header, rows (column -> cell) and each row's first line.

    Cells stay exactly as written; a quoted cell may span lines, so line numbers come from
    the reader, not from counting rows. Raises :class:`LedgerError` naming every quoting
    or encoding problem (a row is never silently lost to a stray quote).
    """
    text = read_ledger_text(path)
    if text.issues:
        raise LedgerError(text.issues)
    return text.header, text.rows, text.lines


def _parquet_rows(path: PathLike) -> tuple[list[str], list[dict[str, str]], list[int]]:
    frame = pd.read_parquet(path)
    header = [str(c) for c in frame.columns]
    text = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            text[column] = values.dt.strftime("%Y-%m-%d")
        else:
            text[column] = values.astype("string")
    text = text.fillna("")
    rows = text.to_dict("records")
    return header, rows, list(range(1, len(rows) + 1))


def validate_ledger(path: PathLike) -> list[LedgerIssue]:
    """Every problem in a ledger file (CSV or Parquet); an empty list when it is clean.

    A clean ledger always loads: whatever passes here, :func:`load_claims` turns into a
    typed frame with every row.
    """
    return _read_and_check(path)[1]


def _check_rows(
    source: str, header: list[str], rows: list[dict[str, str]], lines: list[int]
) -> tuple[list[dict[str, str]], list[LedgerIssue]]:
    """Header and row problems; the rows without unknown columns (named once, in the header)."""
    issues = validate_header(source, header)
    absent = set(COLUMNS) - set(header)
    unknown = set(header) - set(COLUMNS)
    checked = [{k: v for k, v in row.items() if k not in unknown} for row in rows]
    issues += [i for i in validate_records(checked, source, lines) if i.column not in absent]
    return checked, issues


def _read_and_check(path: PathLike) -> tuple[list[dict[str, str]], list[LedgerIssue], str]:
    path = Path(path)
    source = str(path)
    if not path.is_file():
        return [], [LedgerIssue(source, 0, "", None, "an existing ledger file")], ""
    if path.suffix == ".parquet":
        try:
            data = path.read_bytes()
            header, rows, lines = _parquet_rows(path)
        except Exception as exc:  # noqa: BLE001 - any reader failure is a problem with the file
            return [], [LedgerIssue(source, 0, "", f"{type(exc).__name__}: {exc}", "a readable Parquet ledger")], ""
        syntax: list[LedgerIssue] = []
    else:
        try:
            text = read_ledger_text(path)
        except OSError as exc:
            return [], [LedgerIssue(source, 0, "", exc.strerror or str(exc), "a readable ledger file")], ""
        data, header, rows, lines, syntax = text.data, text.header, text.rows, text.lines, text.issues
    if syntax and not header:  # not text at all: the header would only add noise
        return [], syntax, ""
    checked, issues = _check_rows(source, header, rows, lines)
    return checked, sorted(syntax + issues, key=lambda i: i.line), digest(data)


def canonical_row(row: Mapping[str, Any]) -> dict[str, str]:
    """A row's cells as they compare after a save: figures and credibility as plain whole
    numbers, every other cell verbatim, absent columns empty.

    Example:
        >>> canonical_row({"figure_low": "010000", "notes": " kept "})["figure_low"]
        '10000'
    """
    out = {}
    for column in COLUMNS:
        value = row.get(column)
        value = "" if value is None else str(value)
        if column in INTEGERS and _SHORT_NUMBER.fullmatch(value):
            value = str(int(value))
        out[column] = value
    return out


_SHORT_NUMBER = re.compile(r"[0-9]{1,18}")


def claims_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Typed DataFrame from validated text rows (see :data:`CATEGORIES`, dates, Int64)."""
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS)).astype("string").fillna("")
    for column in COLUMNS:
        values = frame[column].mask(frame[column] == "")
        if column in DATES:
            frame[column] = pd.to_datetime(values, format="%Y-%m-%d").astype("datetime64[ns]")
        elif column in INTEGERS:
            frame[column] = pd.to_numeric(values).astype("Int64")
        elif column in CATEGORIES:
            frame[column] = values.astype(CATEGORIES[column])
        else:
            frame[column] = values.astype("string")
    return frame


def load_claims(path: PathLike) -> pd.DataFrame:
    """Read and validate a claims ledger (CSV, or Parquet) into a typed DataFrame.

    Dates become datetimes, enumerations categoricals (reliability ordered A < ... < F),
    figures and credibility nullable integers, text pandas strings. Raises
    :class:`~osint.schema.LedgerError` listing every problem when the file is not clean.
    ``attrs`` keep the file's path and a digest of the bytes read, so that
    :func:`save_claims` back to the same file refuses to overwrite someone else's save.

    Example:
        >>> claims = load_claims("data/claims.csv")       # doctest: +SKIP
        >>> claims.loc[claims.qualifier == "up_to", "figure_low"].isna().all()  # doctest: +SKIP
        True
    """
    rows, issues, sha256 = _read_and_check(path)
    if issues:
        raise LedgerError(issues)
    frame = claims_frame(rows)
    frame.attrs["source"] = str(path)
    frame.attrs["sha256"] = sha256
    return frame


def _text_frame(claims: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=claims.index)
    for column in COLUMNS:
        values = claims[column]
        if column in DATES:
            out[column] = values.dt.strftime("%Y-%m-%d")
        else:
            out[column] = values.astype("string")
    return out.fillna("")


def save_claims(claims: pd.DataFrame, path: PathLike, *, overwrite_changes: bool = False) -> Path:
    """Validate ``claims`` and write them atomically as CSV (or Parquet by suffix).

    Nothing is written when a row is invalid: the :class:`LedgerError` names each problem
    (lines count as in the CSV that would have been written). A symbolic link is followed
    (the file it names is replaced, the link kept). When ``claims`` were loaded from this
    same file, it is only replaced if nobody saved it since (else
    :class:`~osint.atomic.FileChanged`, and nothing is written), unless
    ``overwrite_changes=True``. Writers of one ledger take the same lock.

    Example:
        >>> claims = load_claims("data/claims.csv")                     # doctest: +SKIP
        >>> save_claims(claims[claims.measure != "other"], "data/claims.csv")  # doctest: +SKIP
    """
    path = Path(path)
    target = real_path(path)
    text = _text_frame(claims)
    rows = text.to_dict("records")
    issues = validate_records(rows, str(path), lines=list(range(2, len(rows) + 2)))
    if issues:
        raise LedgerError(issues)
    if path.suffix == ".parquet":
        buffer = BytesIO()
        claims_frame(rows).to_parquet(buffer, index=False)
        data = buffer.getvalue()
    else:
        records = [[row[c] for c in COLUMNS] for row in rows]
        data = format_table(list(COLUMNS), records).encode("utf-8")
    expected = None
    source, sha256 = claims.attrs.get("source"), claims.attrs.get("sha256")
    if not overwrite_changes and source and sha256 and real_path(source) == target:
        expected = sha256
    with file_lock(target), atomic_write(target, "wb", unchanged_since=expected) as handle:
        handle.write(data)
    claims.attrs.update(source=str(path), sha256=digest(data))
    return path


def append_claim(
    path: PathLike,
    make_row: Callable[[LedgerText], dict[str, str]],
    before_write: Callable[[LedgerText, dict[str, str]], None] | None = None,
    *,
    attempts: int = 3,
) -> dict[str, str]:
    """Add one row at the end of a CSV ledger, leaving every byte already in it as it is.

    Under the ledger's lock: read the file (a symbolic link is followed), ask
    ``make_row(ledger)`` for the row (it may read the rows, e.g. for the next claim_id),
    validate the whole ledger with it, call ``before_write(ledger, row)`` (to log or back
    up), then write the old bytes followed by the row, in the file's own line ending, to a
    temporary file that replaces the ledger only if the ledger still holds the bytes read.
    A save by another program in between is kept: the row is made again on top of it (up
    to ``attempts`` times, then :class:`~osint.atomic.FileChanged`). Problems of the new
    row are raised as :class:`LedgerError` issues of file ``new row``; nothing is written.

    Example:
        >>> append_claim("data/claims.csv", lambda ledger: {**row, "claim_id": "nkr-0300"})  # doctest: +SKIP
    """
    target = real_path(path)
    if target.suffix == ".parquet":
        raise ValueError(
            f"{path}: rows are added to CSV ledgers only (Parquet is a typed copy: "
            "add the row to the CSV ledger, then save the Parquet copy from it)"
        )
    with file_lock(target):
        for _ in range(attempts):
            ledger = read_ledger_text(target)
            if ledger.issues:
                raise LedgerError(ledger.issues)
            row = make_row(ledger)
            source = str(path)
            extra = [c for c, v in row.items() if v and c not in ledger.header]
            if extra:
                raise LedgerError(
                    [
                        LedgerIssue(
                            source, 1, c, row[c], "a column of the ledger's header (add the column to the ledger first)"
                        )
                        for c in extra
                    ]
                )
            tail = ledger.newline.encode() if ledger.data and not ledger.ends_with_newline else b""
            cells = [row.get(c, "") for c in ledger.header]
            data = ledger.data + tail + format_record(cells, ledger.newline).encode("utf-8")
            after = parse_csv(data, source)
            if after.issues or len(after.records) != len(ledger.rows) + 1 or after.records[-1] != cells:
                raise LedgerError(after.issues or [LedgerIssue(source, 0, "", row, "a row that reads back as written")])
            new_rows = [*ledger.rows, dict(zip(ledger.header, cells))]
            _, issues = _check_rows(source, ledger.header, new_rows, after.lines)
            if issues:
                new_line = after.lines[-1]
                mine = [LedgerIssue("new row", 0, i.column, i.value, i.expected) for i in issues if i.line == new_line]
                raise LedgerError(mine or issues)
            if before_write is not None:
                before_write(ledger, row)
            try:
                with atomic_write(target, "wb", unchanged_since=ledger.sha256) as handle:
                    handle.write(data)
            except FileChanged:
                continue
            return row
    raise FileChanged(path, f" (it changed again each of {attempts} times the row was about to be added)")


LANDMARK_COLUMNS = ("date", "label", "source_url", "notes")


def load_landmarks(path: PathLike) -> pd.DataFrame:
    """Landmark events to mark on timelines: ``date``, ``label``, ``source_url``, ``notes``.

    Every row needs a real date (YYYY-MM-DD), a label and an http(s) source; problems are
    raised together as a :class:`~osint.schema.LedgerError`, each with its line.

    Example:
        >>> load_landmarks("data/landmarks.csv")[["date", "label"]]   # doctest: +SKIP
    """
    from datetime import date

    header, rows, lines = read_ledger_rows(path)
    source = str(path)
    issues = [
        LedgerIssue(source, 1, c, c, "one of: " + ", ".join(LANDMARK_COLUMNS))
        for c in header
        if c not in LANDMARK_COLUMNS
    ]
    issues += [
        LedgerIssue(source, 1, c, None, "this column in the header") for c in LANDMARK_COLUMNS[:3] if c not in header
    ]
    for line, row in zip(lines, rows):
        try:
            date.fromisoformat(row.get("date", ""))
        except ValueError:
            issues.append(LedgerIssue(source, line, "date", row.get("date"), "a calendar date written YYYY-MM-DD"))
        if not row.get("label", "").strip():
            issues.append(LedgerIssue(source, line, "label", row.get("label"), "a value (this column is required)"))
        if not row.get("source_url", "").startswith(("http://", "https://")):
            issues.append(LedgerIssue(source, line, "source_url", row.get("source_url"), "an http:// or https:// URL"))
    if issues:
        raise LedgerError(issues)
    frame = pd.DataFrame.from_records(rows, columns=list(LANDMARK_COLUMNS)).astype("string")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    return frame
