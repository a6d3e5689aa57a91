"""The types a report notebook's parameters cell declares its parameters with.

A parameters cell stays plain, runnable Python: it imports these names and annotates each
parameter; the runner reads the annotations (without running the cell) to convert, check,
resolve and document the values given on the command line or in a schedule::

    from typing import Literal

    from osint.reporting.types import Claimants, IsoDate, LedgerPath, Measures, Range, RunFolder

    ledger: LedgerPath = "../data/claims.csv"  # claims ledger (CSV or Parquet)
    start: IsoDate = "2024-10-01"  # first statement date shown; empty for no limit
    measures: Measures = []  # measures to show; empty for all
    scale: Literal["linear", "log"] = "linear"  # y axis of the timeline
    min_credibility: Range[1, 6] = 6  # keep information graded this or better
    title: str = "North Korean troops in Russia"  # the report's heading
    since_run: RunFolder = ""  # set by the runner: the last good run, for what changed

The text after ``#`` on a parameter's line is its help. Plain ``str``, ``int``, ``float``,
``bool`` and ``list`` work too; allowed values are ``typing.Literal[...]`` (linters and type
checkers read it as such), and ``Range[lo, hi]`` is ``Annotated[int, Bounds(lo, hi)]``
(``float`` when a bound is), so either spelling works.

This module imports nothing but the standard library: the runner and every kernel import it.

>>> Range[1, 6]
typing.Annotated[int, Bounds(low=1, high=6)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

__all__ = [
    "Bounds",
    "Claimants",
    "InputPath",
    "IsoDate",
    "Kind",
    "LedgerPath",
    "Measures",
    "OutputDir",
    "Range",
    "RunFolder",
    "Vocabulary",
]


@dataclass(frozen=True)
class Kind:
    """What a parameter's value means to the runner.

    ``path``: a file or folder, taken relative to the caller's folder when given on the
    command line (relative to the notebook's folder as a default). ``input``: a file the
    report reads; its checksum goes into the run's manifest. ``snapshot``: a copy is kept in
    the run folder (the ledger, for "what changed"). ``date``: a date written YYYY-MM-DD, or
    empty for no limit. ``internal``: filled by the runner; never given by a user, never part
    of a report's name, not listed in its help.
    """

    name: str
    describe: str
    path: bool = False
    input: bool = False
    snapshot: bool = False
    date: bool = False
    internal: bool = False


@dataclass(frozen=True)
class Bounds:
    """An inclusive range of numbers (either end may be None: open)."""

    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The values of a list parameter come from a named vocabulary of the workbook.

    ``measures`` are the ledger's measure codes; ``claimants`` the claimant names of the
    ledger the report reads.
    """

    name: str


LedgerPath = Annotated[
    str, Kind("ledger", "a claims ledger file (CSV or Parquet)", path=True, input=True, snapshot=True)
]
InputPath = Annotated[str, Kind("input", "a file the report reads; empty for none", path=True, input=True)]
OutputDir = Annotated[str, Kind("output_dir", "a folder to write files to; empty for none", path=True)]
IsoDate = Annotated[str, Kind("date", "a date written YYYY-MM-DD; empty for no limit", date=True)]
RunFolder = Annotated[
    str, Kind("run_folder", "the folder of the last good run of this report (set by the runner)", internal=True)
]
Measures = Annotated[list[str], Vocabulary("measures")]
Claimants = Annotated[list[str], Vocabulary("claimants")]


class Range:
    """``Range[1, 6]``: a number from 1 to 6 inclusive (an ``int`` unless a bound is a float)."""

    def __class_getitem__(cls, bounds: tuple[float | None, float | None]) -> Any:
        low, high = bounds
        base = float if any(isinstance(b, float) for b in bounds) else int
        return Annotated[base, Bounds(low, high)]  # type: ignore[valid-type]
