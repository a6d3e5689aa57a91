"""The one writer of CSV tables meant for people: exports of plotted rows, map placements,
extraction candidates.

Every such table is written the same way: UTF-8, ``\\n`` line ends, dates as ISO
``YYYY-MM-DD``, missing values empty, and written atomically. Text that a spreadsheet would
read as a formula (a cell beginning with ``=``, ``+``, ``-`` or ``@``, or with a tab or a
carriage return) is neutralised by a leading ``'``, so a hostile quote such as
``=HYPERLINK(...)`` opens as text; text that already begins with ``'`` gets one more, so
:func:`restore` gives back exactly what was written (the review queue reads extraction and
import candidates that way). Numbers are numbers and are left alone.

The claims ledger itself is not an export: :func:`osint.io.save_claims` writes it verbatim.

Example:
    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-5 soldiers"), neutralise("North Korea")
    ("'-5 soldiers", 'North Korea')
    >>> restore(neutralise("'=x")), restore(neutralise("=x")), restore("plain")
    ("'=x", '=x', 'plain')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import atomic_write
from .ledger_csv import format_table
from .paths import PathLike

__all__ = ["FORMULA_STARTS", "export_table", "neutralise", "restore", "table_text"]

#: First characters that make a spreadsheet read a cell as a formula (or split it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: First characters that get a leading ``'``: the formula starts, and ``'`` itself.
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_ESCAPED_STARTS) else text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one leading ``'`` removed, if there is one."""
    return text[1:] if text.startswith("'") else text


def table_text(table: pd.DataFrame) -> pd.DataFrame:
    """The cells of ``table`` as written: dates ISO, text neutralised, numbers as they are.

    >>> print(table_text(pd.DataFrame({"d": pd.to_datetime(["2024-10-18"]), "q": ["@cmd"], "n": [-3]})).to_csv(index=False))
    d,q,n
    2024-10-18,'@cmd,-3
    <BLANKLINE>
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        else:  # text, categories and mixed objects
            texts = values.astype("string")
            out[column] = texts.where(~texts.str.startswith(_ESCAPED_STARTS).fillna(False), "'" + texts)
    return out


def export_table(table: pd.DataFrame, path: PathLike) -> Path:
    """Write ``table`` as a CSV for people (see the module docstring), atomically; return the path.

    Example:
        >>> export_table(rows, "reports/figures/timeline.csv")          # doctest: +SKIP
    """
    path = Path(path)
    text = table_text(table)
    records = [["" if pd.isna(value) else str(value) for value in row] for row in text.itertuples(index=False)]
    # the ledger's CSV writer: a line break or a lone carriage return inside a cell is quoted
    with atomic_write(path, "w", newline="", encoding="utf-8") as handle:
        handle.write(format_table([str(c) for c in text.columns], records))
    return path
