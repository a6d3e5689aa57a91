"""Bring claims from other people's spreadsheets in as review candidates.

A colleague's CSV (or a CSV saved from Excel: byte-order mark, ``;`` between cells,
Windows line ends) is read with a column mapping where its names differ from the
ledger's, every row is checked with the ledger's own rules (all problems at once, each
with file, line, column and value), each row is matched against the ledger (same
claimant, stance, measure, personnel and figure, said within a week: a likely repeat of
that claim), and the rows are written, atomically, as candidates that
:class:`osint.review.Review` opens. Nothing is written when any row is invalid.

Example:
    >>> result = import_claims("their.csv", mapping={"Date": "statement_date"})   # doctest: +SKIP
    >>> result.write("candidates.csv")                                             # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from .paths import PathLike
from .table_export import export_table
from .schema import COLUMNS, REQUIRED_COLUMNS, LedgerError, LedgerIssue, validate_records

__all__ = [
    "ImportResult",
    "DEFAULTS",
    "MATCH_COLUMNS",
    "import_claims",
    "likely_repeats",
    "parse_mapping",
    "read_mapping_file",
    "read_table",
]


#: Values given to required ledger columns an imported file may lack: grades "cannot be
#: judged" and personnel "unspecified" until the analyst decides (as the review queue does).
DEFAULTS: dict[str, str] = {"reliability": "F", "credibility": "6", "personnel": "unspecified"}
#: Columns the import adds to each candidate: the ledger claim it likely repeats, and why.
MATCH_COLUMNS: tuple[str, ...] = ("likely_repeat_of", "match_reason")
#: Prefix of the candidate ids given to rows that carry none.
ID_PREFIX = "imp-"
DELIMITERS = ",;\t"


@dataclass
class ImportResult:
    """Candidates read from one file: text cells, their file lines, and the ledger matches."""

    source: str
    rows: list[dict[str, str]]
    lines: list[int]
    extra_columns: list[str] = field(default_factory=list)

    @property
    def repeats_found(self) -> int:
        """How many rows were matched to a ledger claim."""
        return sum(1 for r in self.rows if r.get("likely_repeat_of"))

    def frame(self) -> pd.DataFrame:
        """The candidates as a text DataFrame: ledger columns, match columns, then extras."""
        columns = [*COLUMNS, *MATCH_COLUMNS, "source_line", *self.extra_columns]
        rows = [{c: {**r, "source_line": str(n)}.get(c, "") for c in columns} for r, n in zip(self.rows, self.lines)]
        return pd.DataFrame.from_records(rows, columns=columns).astype("string")

    def write(self, path: PathLike) -> Path:
        """Write the candidates CSV atomically (UTF-8, ``,``, ``\\n``); return its path."""
        path = Path(path)
        export_table(self.frame(), path)
        return path


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["Their name=claimant", ...]`` as ``{"Their name": "claimant"}``; refuses bad pairs.

    Example:
        >>> parse_mapping(["Date said=statement_date", "Who=claimant"])
        {'Date said': 'statement_date', 'Who': 'claimant'}
    """
    mapping: dict[str, str] = {}
    for pair in pairs:
        theirs, sep, ours = pair.partition("=")
        theirs, ours = theirs.strip(), ours.strip()
        if not sep or not theirs or not ours:
            raise ValueError(f"a mapping is written THEIR_COLUMN=LEDGER_COLUMN, got {pair!r}")
        if theirs in mapping and mapping[theirs] != ours:
            raise ValueError(f"column {theirs!r} is mapped twice ({mapping[theirs]!r} and {ours!r})")
        mapping[theirs] = ours
    return mapping


def read_mapping_file(path: PathLike) -> dict[str, str]:
    """A mapping file: a CSV with columns ``theirs,ours`` (one pair a line; ``#`` lines skipped).

    Example:
        >>> read_mapping_file("mapping.csv")          # doctest: +SKIP
        {'fact_id': 'claim_id'}
    """
    header, rows, _ = read_table(path)
    if header[:2] != ["theirs", "ours"]:
        raise ValueError(f"{path}: a mapping file starts with the header 'theirs,ours', got {header!r}")
    return parse_mapping(f"{r['theirs']}={r['ours']}" for r in rows if not r["theirs"].startswith("#"))


class EncodingProblem(ValueError):
    """A file that is not in the expected encoding, with the line of the first bad byte."""

    def __init__(self, line: int, byte: int, encoding: str):
        self.line, self.byte, self.encoding = line, byte, encoding
        super().__init__(f"byte 0x{byte:02x} on line {line} is not {encoding} text")


def read_table(path: PathLike, encoding: str = "utf-8-sig") -> tuple[list[str], list[dict[str, str]], list[int]]:
    """Read a CSV as text: header, rows and the file line each row starts on.

    Accepts a UTF-8 byte-order mark, ``,``, ``;`` or tab between cells (read from the
    header line), and any line ends. Blank lines are skipped; a row with more cells than
    the header keeps the surplus under ``__surplus__`` so it can be reported. Text in
    another ``encoding`` (an older Excel's ``cp1252``) is read only when asked for; else
    :class:`EncodingProblem` names the line of the first byte that does not decode.
    """
    raw = Path(path).read_bytes()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingProblem(raw[: exc.start].count(b"\n") + 1, raw[exc.start], encoding) from None
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [h.strip() for h in next(reader, [])]
    rows, lines = [], []
    start = reader.line_num + 1
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            start = reader.line_num + 1
            continue
        row = dict(zip(header, cells))
        if len(cells) > len(header):
            row["__surplus__"] = "|".join(cells[len(header) :])
        elif len(cells) < len(header):
            row["__missing__"] = str(len(cells))
        rows.append(row)
        lines.append(start)
        start = reader.line_num + 1
    return header, rows, lines


def _figures_agree(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """The same figure: no bound differs and one bound is shared ("at least 1,500" and "1,500");
    two rows without figures agree."""
    pairs = [(a.get("figure_low", ""), b.get("figure_low", "")), (a.get("figure_high", ""), b.get("figure_high", ""))]
    if all(not x and not y for x, y in pairs):
        return True
    if any(x and y and int(x) != int(y) for x, y in pairs):
        return False
    return bool(
        {int(v) for v in (a.get("figure_low"), a.get("figure_high")) if v}
        & {int(v) for v in (b.get("figure_low"), b.get("figure_high")) if v}
    )


def likely_repeats(
    rows: Sequence[Mapping[str, str]], ledger: Sequence[Mapping[str, str]], days: int = 7
) -> list[tuple[str, str] | None]:
    """For each row, the ledger claim it likely repeats and why (or None).

    A likely repeat has the same claimant, stance, measure and personnel, an agreeing
    figure (see :func:`_figures_agree`) and a statement date at most ``days`` away; the
    closest in date wins, then the first in the ledger.

    Example:
        >>> row = {"claimant": "A", "stance": "asserts", "measure": "killed", "personnel": "combat_troops",
        ...        "figure_low": "600", "figure_high": "600", "statement_date": "2025-04-30"}
        >>> likely_repeats([row], [{**row, "claim_id": "x-1", "statement_date": "2025-05-02"}])[0][0]
        'x-1'
    """
    keyed: dict[tuple[str, ...], list[Mapping[str, str]]] = {}
    for claim in ledger:
        key = tuple(claim.get(c, "") for c in ("claimant", "stance", "measure", "personnel"))
        keyed.setdefault(key, []).append(claim)
    found: list[tuple[str, str] | None] = []
    for row in rows:
        best: tuple[int, str, str] | None = None
        try:
            said = date.fromisoformat(row.get("statement_date", ""))
        except ValueError:
            found.append(None)
            continue
        for claim in keyed.get(tuple(row.get(c, "") for c in ("claimant", "stance", "measure", "personnel")), []):
            try:
                gap = abs((date.fromisoformat(claim.get("statement_date", "")) - said).days)
            except ValueError:
                continue
            if gap > days or not _figures_agree(row, claim):
                continue
            if best is None or gap < best[0]:
                reason = (
                    f"same claimant, stance, measure ({row.get('measure')}), personnel "
                    f"({row.get('personnel')}) and figure; said {gap} day(s) apart"
                )
                best = (gap, claim.get("claim_id", ""), reason)
        found.append(None if best is None else (best[1], best[2]))
    return found


def import_claims(
    path: PathLike,
    mapping: Mapping[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
    ledger: PathLike | None = None,
    days: int = 7,
    encoding: str = "utf-8-sig",
) -> ImportResult:
    """Read, map, check and match a claims CSV; raise :class:`LedgerError` with every problem.

    ``mapping`` renames the file's columns to ledger columns (``{"Who": "claimant"}``);
    ``defaults`` fills empty or absent columns (``{"personnel": "combat_troops"}``) on top
    of :data:`DEFAULTS`; rows without an id get ``imp-0001``, ``imp-0002``, ... in file
    order. ``ledger`` (a CSV or Parquet ledger) is the one rows are matched against;
    ``encoding`` is the file's text encoding (UTF-8, with or without a byte-order mark, by
    default).

    Example:
        >>> result = import_claims("tests/fixtures/import_renamed_ok.csv",
        ...                        mapping=read_mapping_file("tests/fixtures/import_mapping.csv"))
        >>> len(result.rows) > 0
        True
    """
    source = str(path)
    mapping = dict(mapping or {})
    fill = {**DEFAULTS, **(defaults or {})}
    issues: list[LedgerIssue] = []
    for theirs, ours in mapping.items():
        if ours not in COLUMNS:
            issues.append(LedgerIssue(source, 1, theirs, ours, "a mapping to a ledger column: " + ", ".join(COLUMNS)))
    for column, value in fill.items():
        if column not in COLUMNS:
            issues.append(LedgerIssue(source, 1, column, value, "a default for a ledger column"))
    if not Path(path).is_file():
        raise LedgerError([LedgerIssue(source, 0, "", None, "an existing CSV file"), *issues])
    try:
        header, raw, lines = read_table(path, encoding)
    except EncodingProblem as exc:
        hint = "UTF-8 text (save as 'CSV UTF-8', or give the file's encoding, e.g. --encoding cp1252)"
        raise LedgerError([LedgerIssue(source, exc.line, "", f"byte 0x{exc.byte:02x}", hint)]) from None
    except csv.Error as exc:
        raise LedgerError([LedgerIssue(source, 0, "", str(exc), "a readable CSV file")]) from None
    renamed = [mapping.get(h, h) for h in header]
    for theirs in mapping:
        if theirs not in header:
            issues.append(LedgerIssue(source, 1, theirs, None, "this column (named in the mapping) in the header"))
    seen: dict[str, str] = {}
    for theirs, ours in zip(header, renamed):
        if ours in COLUMNS and ours in seen:
            issues.append(
                LedgerIssue(source, 1, theirs, ours, f"one column per ledger column ({seen[ours]!r} is {ours} too)")
            )
        seen.setdefault(ours, theirs)
    provided = set(renamed) | set(fill) | {"claim_id"}
    for column in REQUIRED_COLUMNS:
        if column not in provided:
            issues.append(
                LedgerIssue(source, 1, column, None, "this required ledger column (or a --map to it) in the header")
            )
    if issues:
        raise LedgerError(issues)

    extras = [ours for ours in renamed if ours not in COLUMNS]
    rows: list[dict[str, str]] = []
    for number, (cells, line) in enumerate(zip(raw, lines), start=1):
        surplus, missing = cells.pop("__surplus__", None), cells.pop("__missing__", None)
        if surplus is not None:
            issues.append(LedgerIssue(source, line, "", surplus, f"{len(header)} cells, one per column of the header"))
        if missing is not None:
            issues.append(
                LedgerIssue(source, line, "", f"{missing} cells", f"{len(header)} cells, one per column of the header")
            )
        row = {mapping.get(k, k): v.strip() for k, v in cells.items()}
        for column, value in fill.items():
            if not row.get(column):
                row[column] = value
        if not row.get("claim_id"):
            row["claim_id"] = f"{ID_PREFIX}{number:04d}"
        rows.append(row)
    ledger_rows: list[dict[str, str]] = []
    if ledger is not None:
        from .io import load_claims

        ledger_rows = _text_rows(load_claims(ledger))
    known = {r["claim_id"] for r in ledger_rows}
    checked = [{c: r.get(c, "") for c in COLUMNS} for r in rows]
    for issue in validate_records(checked, source, lines):
        if issue.column == "repeats" and issue.value in known:
            continue  # a repeat of a ledger claim is what it should be
        issues.append(issue)
    if issues:
        raise LedgerError(
            sorted(issues, key=lambda i: (i.line, COLUMNS.index(i.column) if i.column in COLUMNS else -1))
        )
    for row, match in zip(rows, likely_repeats(checked, ledger_rows, days=days)):
        row["likely_repeat_of"], row["match_reason"] = match if match else ("", "")
    return ImportResult(source, rows, lines, extras)


def _text_rows(claims: pd.DataFrame) -> list[dict[str, str]]:
    """A loaded ledger as text rows (dates ``YYYY-MM-DD``, empty cells ``""``)."""
    out = pd.DataFrame(index=claims.index)
    for column in COLUMNS:
        values = claims[column]
        out[column] = (
            values.dt.strftime("%Y-%m-%d") if pd.api.types.is_datetime64_any_dtype(values) else values.astype("string")
        )
    return out.fillna("").to_dict("records")
