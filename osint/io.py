"""Load and save claim ledgers: CSV is canonical, Parquet is accepted as a typed copy.

Example:
    >>> claims = load_claims("data/claims.csv")          # doctest: +SKIP
    >>> claims.dtypes["figure_high"]                     # doctest: +SKIP
    Int64Dtype()
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .atomic import atomic_write
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


def read_ledger_rows(path: PathLike) -> tuple[list[str], list[dict[str, str]], list[int]]:
    """Read a ledger CSV as text: header, rows (column -> cell) and each row's first line.

    Cells stay exactly as written; a quoted cell may span lines, so line numbers come from
    the CSV reader, not from counting rows.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows, lines = [], []
        start = reader.line_num + 1
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                start = reader.line_num + 1
                continue
            row = dict(zip(header, cells))
            if len(cells) != len(header):
                row["__cells__"] = str(len(cells))
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    return header, rows, lines


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
    """Every problem in a ledger file (CSV or Parquet); an empty list when it is clean."""
    return _read_and_check(path)[1]


def _read_and_check(path: PathLike) -> tuple[list[dict[str, str]], list[LedgerIssue]]:
    path = Path(path)
    source = str(path)
    if not path.is_file():
        return [], [LedgerIssue(source, 0, "", None, "an existing ledger file")]
    try:
        header, rows, lines = _parquet_rows(path) if path.suffix == ".parquet" else read_ledger_rows(path)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError) as exc:
        return [], [LedgerIssue(source, 0, "", str(exc), "a readable UTF-8 CSV or Parquet ledger")]
    issues = validate_header(source, header)
    absent = set(COLUMNS) - set(header)
    unknown = set(header) - set(COLUMNS)
    checked = []
    for line, row in zip(lines, rows):
        count = row.pop("__cells__", None)
        if count is not None:
            issues.append(LedgerIssue(source, line, "", f"{count} cells", f"{len(header)} cells, one per column of the header"))
        checked.append({k: v for k, v in row.items() if k not in unknown})
    issues += [i for i in validate_records(checked, source, lines) if i.column not in absent]
    return checked, sorted(issues, key=lambda i: i.line)


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

    Example:
        >>> claims = load_claims("data/claims.csv")       # doctest: +SKIP
        >>> claims.loc[claims.qualifier == "up_to", "figure_low"].isna().all()  # doctest: +SKIP
        True
    """
    rows, issues = _read_and_check(path)
    if issues:
        raise LedgerError(issues)
    frame = claims_frame(rows)
    frame.attrs["source"] = str(path)
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


def save_claims(claims: pd.DataFrame, path: PathLike) -> Path:
    """Validate ``claims`` and write them atomically as CSV (or Parquet by suffix).

    Nothing is written when a row is invalid: the :class:`LedgerError` names each problem
    (lines count as in the CSV that would have been written).
    """
    path = Path(path)
    text = _text_frame(claims)
    rows = text.to_dict("records")
    issues = validate_records(rows, str(path), lines=list(range(2, len(rows) + 2)))
    if issues:
        raise LedgerError(issues)
    if path.suffix == ".parquet":
        with atomic_write(path, "wb") as handle:
            claims_frame(rows).to_parquet(handle, index=False)
    else:
        with atomic_write(path, "w", newline="", encoding="utf-8") as handle:
            text.to_csv(handle, index=False, lineterminator="\n")
    return path


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
    issues = [LedgerIssue(source, 1, c, c, "one of: " + ", ".join(LANDMARK_COLUMNS)) for c in header if c not in LANDMARK_COLUMNS]
    issues += [LedgerIssue(source, 1, c, None, "this column in the header") for c in LANDMARK_COLUMNS[:3] if c not in header]
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
