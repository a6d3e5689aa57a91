"""Strict CSV for ledgers: a reader that names every quoting problem with its line, and a
writer whose output that reader gives back cell for cell.

The dialect is RFC 4180 as spreadsheets write it: cells separated by ``,``; a cell that holds
``,``, ``"``, a carriage return or a line feed is wrapped in ``"`` with each ``"`` inside it
doubled; records end with ``\\n`` or ``\\r\\n``. A UTF-8 byte order mark at the start is
allowed and kept apart. Unlike Python's :mod:`csv` (which is lenient), the reader refuses:

* a quoted cell that never closes, or that closes and is followed by more text;
* a quoted cell that runs over lines which look like whole ledger rows (a stray ``"`` at
  the start of a cell that would otherwise swallow the rows after it);
* a ``"`` inside an unquoted cell, and a carriage return outside quotes;
* bytes that are not UTF-8, UTF-16 files and binary files (each named with its line).

Lines are counted as an editor counts them (``\\n``, ``\\r\\n`` or a lone ``\\r`` end a line),
and each record is reported at the line it starts on.

Example:
    >>> table = parse_csv(b'a,b\\n1,"x\\r\\ny"\\n', "demo.csv")
    >>> table.header, table.records, table.lines, table.issues
    (['a', 'b'], [['1', 'x\\r\\ny']], [2], [])
    >>> format_record(["1", "x,y", "a\\rb"])
    '1,"x,y","a\\rb"\\n'
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .schema import CLAIM_ID_PATTERN, LedgerIssue

BOM = "\ufeff"
#: At most this many lines with undecodable bytes are named one by one.
MAX_ENCODING_ISSUES = 20

_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_PLAIN = re.compile(r'[^,"\r\n]*')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_CLAIM_ID = re.compile(CLAIM_ID_PATTERN)


@dataclass
class CsvTable:
    """A parsed CSV file: header, records (lists of cells), the line each record starts on,
    every problem found, and the file's own conventions (line ending, byte order mark)."""

    header: list[str] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    issues: list[LedgerIssue] = field(default_factory=list)
    newline: str = "\n"
    ends_with_newline: bool = True
    bom: bool = False


def _excerpt(text: str, width: int = 40) -> str:
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= width else text[:width] + "…"


def decode_ledger(data: bytes, source: str) -> tuple[str, bool, list[LedgerIssue]]:
    """Bytes of a ledger as text: ``(text, had_bom, issues)``.

    Undecodable bytes become U+FFFD and each line holding some is named (the first
    :data:`MAX_ENCODING_ISSUES` of them); UTF-16/32, zip (Excel) and binary files give one
    issue and no text.

    Example:
        >>> text, bom, issues = decode_ledger(b"a\\ncaf\\xe9\\n", "x.csv")
        >>> issues[0].line, "Latin-1" in issues[0].expected
        (2, True)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        what = "a UTF-8 file (save or export it as CSV UTF-8)"
        return "", False, [LedgerIssue(source, 1, "", "UTF-16 or UTF-32 text", what)]
    if data.startswith(b"PK\x03\x04"):
        what = "CSV text (export the sheet as CSV UTF-8)"
        return "", False, [LedgerIssue(source, 1, "", "a zip file (an Excel workbook?)", what)]
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return "", False, [LedgerIssue(source, line, "", "binary data (NUL bytes)", "CSV text in UTF-8")]
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), bom, []
    except UnicodeDecodeError:
        pass
    issues: list[LedgerIssue] = []
    text = body.decode("utf-8", errors="surrogateescape")
    bad_lines = 0
    for number, text_line in enumerate(_LINE_BREAK.split(text), start=1):
        bad = re.search(r"[\udc80-\udcff]", text_line)
        if bad is None:
            continue
        bad_lines += 1
        if bad_lines <= MAX_ENCODING_ISSUES:
            byte = ord(bad.group()) - 0xDC00
            issues.append(
                LedgerIssue(
                    source,
                    number,
                    "",
                    f"byte 0x{byte:02x} at character {bad.start() + 1}",
                    "UTF-8 text (this looks like Latin-1 or Windows-1252: save the file as CSV UTF-8)",
                )
            )
    if bad_lines > MAX_ENCODING_ISSUES:
        issues.append(
            LedgerIssue(
                source,
                number,
                "",
                f"{bad_lines - MAX_ENCODING_ISSUES} more line(s) with such bytes",
                "UTF-8 text throughout",
            )
        )
    text = body.decode("utf-8", errors="replace")
    return text, bom, issues


class _Lines:
    """Map character offsets of a text to 1-based line numbers."""

    def __init__(self, text: str):
        self.ends = [m.end() for m in _LINE_BREAK.finditer(text)]
        self.text = text

    def at(self, offset: int) -> int:
        return bisect.bisect_right(self.ends, offset) + 1

    def next_line_start(self, offset: int) -> int:
        """Offset of the first character after the line break that ends the line at ``offset``."""
        index = bisect.bisect_right(self.ends, offset)
        return self.ends[index] if index < len(self.ends) else len(self.text)


def _looks_like_row(line: str, width: int, id_column: int | None) -> bool:
    cells = next(csv.reader([line]), [])
    if len(cells) != width:
        return False
    return id_column is None or bool(_CLAIM_ID.match(cells[id_column]))


def parse_csv(data: bytes, source: str) -> CsvTable:
    """Parse ledger CSV bytes strictly; every problem becomes a :class:`LedgerIssue`.

    Records with a quoting problem are left out of ``records`` (their issue says why);
    records of blank cells only are skipped. Records whose cell count differs from the
    header's are named too, and left out.
    """
    text, bom, issues = decode_ledger(data, source)
    table = CsvTable(issues=issues, bom=bom)
    if not text:
        return table
    first_break = _LINE_BREAK.search(text)
    table.newline = "\r\n" if first_break and first_break.group() == "\r\n" else "\n"
    table.ends_with_newline = text.endswith(("\n", "\r"))
    lines = _Lines(text)
    n = len(text)
    pos = 0
    width: int | None = None
    id_column: int | None = None

    def column_name(index: int) -> str:
        return table.header[index] if index < len(table.header) else ""

    def problem(offset: int, index: int, value: str, expected: str) -> None:
        table.issues.append(LedgerIssue(source, lines.at(offset), column_name(index), value, expected))

    while pos < n:
        start = pos
        cells: list[str] = []
        broken = False
        end_of_line = text.find("\n", pos)
        end_of_line = n if end_of_line < 0 else end_of_line
        segment = text[pos:end_of_line]
        if segment.endswith("\r"):
            segment = segment[:-1]
        fast = '"' not in segment and "\r" not in segment  # nothing quoted on this line
        if fast:
            cells, pos = segment.split(","), end_of_line + 1
        while not fast:  # one cell per turn
            index = len(cells)
            if pos < n and text[pos] == '"':
                match = _QUOTED.match(text, pos)
                if match is None:
                    problem(
                        pos,
                        index,
                        _excerpt(text[pos:]),
                        "a closing '\"' for the quoted cell that starts on this line (a stray '\"'? "
                        'a \'"\' inside a cell is written twice, "")',
                    )
                    pos, broken = lines.next_line_start(pos), True
                    break
                inner, end = match.group(1), match.end()
                opened, closed = lines.at(pos), lines.at(end - 1)
                swallowed = False
                if closed > opened and width is not None:
                    inner_lines = _LINE_BREAK.split(inner)[1:]
                    swallowed = any(_looks_like_row(line, width, id_column) for line in inner_lines)
                if swallowed:
                    problem(
                        pos,
                        index,
                        _excerpt(text[pos:end]),
                        f"a cell that ends on this line, but its opening '\"' runs on to line {closed} over "
                        "lines that look like ledger rows (a stray '\"' at the start of the cell?)",
                    )
                    pos, broken = lines.next_line_start(pos), True
                    break
                after = text[end] if end < n else ""
                if after in ("", ",", "\n") or text.startswith("\r\n", end):
                    cells.append(inner.replace('""', '"'))
                    pos = end
                else:
                    where = f" on line {closed}" if closed > opened else ""
                    problem(
                        pos,
                        index,
                        _excerpt(text[pos : end + 10]),
                        f"a ',' or the end of the line right after the closing '\"'{where}, not "
                        f"{_excerpt(after)!r} (a stray '\"'? a '\"' inside a cell is written twice, \"\")",
                    )
                    pos, broken = lines.next_line_start(pos), True
                    break
            else:
                value, cell_start = [], pos
                while True:
                    match = _PLAIN.match(text, pos)
                    assert match is not None  # the pattern matches the empty string
                    value.append(match.group())
                    pos = match.end()
                    if pos < n and (text[pos] == '"' or (text[pos] == "\r" and not text.startswith("\r\n", pos))):
                        if text[pos] == '"':
                            expected = (
                                "no '\"' in a cell that does not start with one (wrap the cell in '\"' "
                                'and write each \'"\' inside it twice: "")'
                            )
                        else:
                            expected = (
                                "no carriage return (\\r) outside a cell wrapped in '\"' (a line ends "
                                "with \\n or \\r\\n)"
                            )
                        problem(cell_start, index, _excerpt(text[cell_start : pos + 20]), expected)
                        broken = True
                        value.append(text[pos])
                        pos += 1
                        continue
                    break
                cells.append("".join(value))
            if pos < n and text[pos] == ",":
                pos += 1
                continue
            if text.startswith("\r\n", pos):
                pos += 2
            elif pos < n:
                pos += 1  # "\n"
            break
        if width is None:
            table.header = cells
            width = len(cells)
            id_column = cells.index("claim_id") if "claim_id" in cells else None
            continue
        if broken or not any(cell.strip() for cell in cells):
            continue
        if width is not None and len(cells) != width:
            row_text = _excerpt(text[start:pos].rstrip("\r\n"), 60)
            table.issues.append(
                LedgerIssue(
                    source,
                    lines.at(start),
                    "",
                    f"{len(cells)} cells: {row_text}",
                    f"{width} cells, one per column of the header",
                )
            )
            continue
        table.records.append(cells)
        table.lines.append(lines.at(start))
    table.issues.sort(key=lambda issue: issue.line)
    return table


def format_cell(cell: str) -> str:
    """One cell as CSV text: quoted (inner quotes doubled) when it holds ``,``, ``"``, ``\\r`` or ``\\n``.

    Example:
        >>> format_cell('a "b" c')
        '"a ""b"" c"'
    """
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def format_record(cells: Sequence[str], newline: str = "\n") -> str:
    """One record as CSV text, ending with ``newline``."""
    return ",".join(format_cell(cell) for cell in cells) + newline


def format_table(header: Sequence[str], records: Sequence[Sequence[str]], newline: str = "\n") -> str:
    """A whole CSV file as text: the header, then each record.

    Example:
        >>> format_table(["a", "b"], [["1", ""]])
        'a,b\\n1,\\n'
    """
    return "".join(format_record(cells, newline) for cells in [header, *records])
