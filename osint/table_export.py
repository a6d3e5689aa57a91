"""The one writer of CSV tables meant for people: exports of plotted rows, map placements,
extraction candidates.

Every such table is written the same way: UTF-8, ``\\n`` line ends, dates as ISO
``YYYY-MM-DD``, missing values empty, and written atomically. Text that a spreadsheet would
read as a formula (a cell beginning with ``=``, ``+``, ``-`` or ``@``, or with a tab or a
carriage return) is neutralised by a leading ``'``, so a hostile quote such as
``=HYPERLINK(...)`` opens as text. Numbers are numbers and are left alone.

The claims ledger itself is not an export: :func:`osint.io.save_claims` writes it verbatim.

Example:
    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-5 soldiers"), neutralise("North Korea")
    ("'-5 soldiers", 'North Korea')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import atomic_write
from .paths import PathLike

__all__ = ["FORMULA_STARTS", "export_table", "neutralise", "table_text"]

#: First characters that make a spreadsheet read a cell as a formula (or split it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
            out[column] = texts.where(~texts.str.startswith(FORMULA_STARTS).fillna(False), "'" + texts)
    return out


def export_table(table: pd.DataFrame, path: PathLike) -> Path:
    """Write ``table`` as a CSV for people (see the module docstring), atomically; return the path.

    Example:
        >>> export_table(rows, "reports/figures/timeline.csv")          # doctest: +SKIP
    """
    path = Path(path)
    with atomic_write(path, "w", newline="", encoding="utf-8") as handle:
        table_text(table).to_csv(handle, index=False, lineterminator="\n")
    return path
