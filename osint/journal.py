"""The review queue's journal: one JSON line per decision, pushed to disk before it counts.

An accepted candidate is logged twice: its *intent* (with the full row) before the ledger is
written, and *done* after. A process that dies between the two leaves an intent alone; it
is settled on the next start by looking for the row in the ledger, compared in canonical
form (:func:`osint.io.canonical_row`: a figure written ``010000`` equals ``10000``), so a
candidate whose row reached the ledger is never offered, nor added, again.

Example:
    >>> log = DecisionLog("/tmp/claims.review/decisions.jsonl")   # doctest: +SKIP
    >>> log.append({"key": "e7cf9c93b9c207ad", "action": "reject", "reason": "not troops"})  # doctest: +SKIP
    >>> settle(log.entries(), ledger_rows={})                     # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .paths import PathLike
from .io import canonical_row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class DecisionLog:
    """An append-only JSON Lines file of decisions, each keyed by a candidate key."""

    def __init__(self, path: PathLike):
        self.path = Path(path)

    def entries(self) -> list[dict[str, Any]]:
        """Every complete entry (a line cut short by a crash is skipped)."""
        if not self.path.is_file():
            return []
        entries = []
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(entry, dict) and "key" in entry:
                    entries.append(entry)
        return entries

    def append(self, entry: Mapping[str, Any]) -> None:
        """Append one entry (stamped with the time) and push it to disk before returning.

        A line cut short by an earlier crash is closed first, so this entry reads whole.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({**entry, "at": _now()}, ensure_ascii=False, sort_keys=True) + "\n"
        with open(self.path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell():
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    line = "\n" + line
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())


def row_written(wanted: Mapping[str, Any], ledger_rows: Mapping[str, Mapping[str, str]]) -> bool:
    """Whether the ledger holds ``wanted`` under its claim_id, compared in canonical form.

    Example:
        >>> ledger = {"a-1": {"claim_id": "a-1", "figure_low": "10000"}}
        >>> row_written({"claim_id": "a-1", "figure_low": "010000"}, ledger)
        True
    """
    written = ledger_rows.get(str(wanted.get("claim_id", "")))
    return written is not None and canonical_row(written) == canonical_row(wanted)


def settle(
    entries: list[dict[str, Any]],
    ledger_rows: Mapping[str, Mapping[str, str]] | Callable[[], Mapping[str, Mapping[str, str]]],
) -> dict[str, dict[str, Any]]:
    """The decision that stands for each candidate key.

    An accept or repeat counts when its ``done`` line is there, or (the process died in
    between) when its row is in the ledger; otherwise the candidate is still to decide.
    ``ledger_rows`` (claim_id -> row) may be a function, called only if needed.
    """
    done = {(e["key"], e.get("claim_id")) for e in entries if e.get("phase") == "done"}
    rows: Mapping[str, Mapping[str, str]] | None = None if callable(ledger_rows) else ledger_rows
    settled: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("phase") == "done":
            continue
        if entry.get("phase") == "intent" and (entry["key"], entry.get("claim_id")) not in done:
            if rows is None:
                rows = ledger_rows()  # type: ignore[operator]
            if not row_written(entry.get("row") or {}, rows):
                continue  # died before the ledger was written: still to decide
        settled[entry["key"]] = entry
    return settled
