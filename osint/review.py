"""Review candidate claims one at a time and add the accepted ones to the ledger, safely.

A :class:`Review` shows each candidate (from :mod:`osint.extract`, or a CSV of the same
columns) with its source text and the span that carries the claim highlighted. The analyst
accepts it (optionally with edits), rejects it with a reason, marks it as a repeat of a
ledger claim, or skips it for now.

What is kept, and where (``<ledger stem>.review/`` beside the ledger):

* ``decisions.jsonl``: one JSON line per decision, appended and flushed to disk before the
  method returns, keyed by a stable candidate key (a hash of source URL, character span,
  measure and figures). An accepted row is logged twice: its intent (with the full row)
  before the ledger is written, and ``done`` after; a kernel that dies between the two is
  settled on restart by looking for the row in the ledger in canonical form (see
  :mod:`osint.journal`). So a kernel that dies loses nothing already decided, and a new
  :class:`Review` resumes at the first candidate not yet decided.
* ``backups/<stem>-<UTC time>.csv``: the ledger as it was before each write.

A symbolic link to the ledger is followed. Rows are added by :func:`osint.io.append_claim`
(validated with the whole ledger, every byte already in the file kept, the file replaced only
if nobody saved it meanwhile); they get the next free claim_id. Parquet ledgers are refused.

Example:
    >>> review = Review("tests/fixtures/candidates_example.csv", "/tmp/claims.csv")  # doctest: +SKIP
    >>> review.accept(edits={"reliability": "B", "credibility": 2})                 # doctest: +SKIP
    'nkr-0051'
    >>> review.reject("the figure is about North Korean workers, not troops")      # doctest: +SKIP
    >>> review                                                                      # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .atomic import atomic_write, file_lock, real_path
from .io import LedgerText, append_claim, read_ledger_rows
from .journal import DecisionLog, settle
from .ledger_csv import parse_csv
from .paths import PathLike
from .table_export import restore
from .schema import (
    COLUMNS,
    QUALIFIERS,
    LedgerError,
)

__all__ = ["Review", "candidate_key", "candidate_records", "highlight", "next_claim_id"]

#: Grades written when a candidate carries none: "cannot be judged", until the analyst grades it.
DEFAULT_GRADES: dict[str, str] = {"reliability": "F", "credibility": "6"}
#: Personnel written when a candidate says nothing of who the figure counts, until the analyst picks one.
DEFAULT_PERSONNEL = "unspecified"
#: Characters of source text shown on each side of the highlighted span.
CONTEXT_CHARS = 900
#: Columns a candidate may carry its source text in.
TEXT_COLUMNS = ("source_text", "text")


# --- candidates as text ------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A value as it is written in a ledger CSV cell ('' for missing)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def candidate_records(candidates: pd.DataFrame | PathLike | Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Candidates as text records (column -> cell text), from a CSV path, a frame or dicts.

    Example:
        >>> candidate_records([{"claim_id": "cand-1", "figure_low": 1500}])[0]["figure_low"]
        '1500'
    """
    if isinstance(candidates, (str, os.PathLike)):
        if not Path(candidates).is_file():
            raise FileNotFoundError(
                f"no candidates file {candidates}: write one with `osint extract SOURCE --out "
                "data/candidates.csv` (from the project folder), or give another CSV of candidates"
            )
        table = parse_csv(Path(candidates).read_bytes(), str(candidates))
        if table.issues:  # read strictly: a stray quote must not swallow candidates
            raise LedgerError(table.issues)
        # candidate files are CSVs for people: formula-leading text was neutralised on export
        return [{k: restore(v) for k, v in zip(table.header, cells)} for cells in table.records]
    if isinstance(candidates, pd.DataFrame):
        rows = candidates.to_dict("records")
    else:
        rows = [dict(r) for r in candidates]
    return [{str(k): _cell(v) for k, v in row.items()} for row in rows]


def candidate_key(candidate: Mapping[str, Any]) -> str:
    """A stable key for a candidate: a hash of its source URL, character span, measure and figures.

    The same candidate extracted again from the same text gets the same key, so a decision
    made once is never asked again.

    Example:
        >>> candidate_key({"source_url": "https://example.org/a", "char_start": "5", "char_end": "40",
        ...                "measure": "killed", "figure_low": "100", "figure_high": ""})
        'e7cf9c93b9c207ad'
    """
    parts = [
        _cell(candidate.get(c))
        for c in ("source_url", "char_start", "char_end", "measure", "figure_low", "figure_high")
    ]
    if not parts[1] and not parts[2]:
        parts.append(_cell(candidate.get("quote")))
        # no span (an imported row): two claimants on one page must not share a key
        parts += [_cell(candidate.get(c)) for c in ("claimant", "stance", "statement_date", "personnel")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


_ID_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_claim_id(existing: Iterable[str], prefix: str | None = None) -> str:
    """The next free claim_id after the ledger's own numbering (most used prefix, same width).

    Example:
        >>> next_claim_id(["nkr-0001", "nkr-0049", "nkr-0050"])
        'nkr-0051'
        >>> next_claim_id([], prefix="claim-")
        'claim-0001'
    """
    ids = set(existing)
    numbered = [m.groups() for m in map(_ID_NUMBER.match, ids) if m]
    if prefix is None:
        prefix = Counter(p for p, _ in numbered).most_common(1)[0][0] if numbered else "claim-"
    same = [digits for p, digits in numbered if p == prefix]
    width = max((len(d) for d in same), default=4)
    number = max((int(d) for d in same), default=0) + 1
    while f"{prefix}{number:0{width}d}" in ids:
        number += 1
    return f"{prefix}{number:0{width}d}"


def highlight(text: str, start: int | None, end: int | None, context: int = CONTEXT_CHARS) -> str:
    """HTML of ``text`` with ``text[start:end]`` in ``<mark>``: escaped first, then wrapped.

    Long texts are cut to ``context`` characters on each side of the span.

    Example:
        >>> highlight("Seoul said <b>1,500</b> arrived.", 11, 23)
        'Seoul said <mark>&lt;b&gt;1,500&lt;/b&gt;</mark> arrived.'
    """
    if start is None or end is None or not 0 <= start <= end <= len(text):
        cut = text[: 2 * context]
        return html.escape(cut) + ("…" if len(text) > len(cut) else "")
    left = max(0, start - context)
    right = min(len(text), end + context)
    return (
        ("…" if left else "")
        + html.escape(text[left:start])
        + f"<mark>{html.escape(text[start:end])}</mark>"
        + html.escape(text[end:right])
        + ("…" if right < len(text) else "")
    )


# --- the queue ---------------------------------------------------------------------------------


class Review:
    """A queue of candidate claims to accept, edit, reject or mark as repeats, one at a time.

    ``candidates``: a CSV path, a DataFrame (ledger columns plus ``quote``, ``char_start``,
    ``char_end``, as :func:`osint.extract.extract_claims` returns) or a list of dicts.
    ``ledger_path``: the ledger accepted rows are appended to. ``texts``: the source texts,
    as a mapping from ``doc_id`` or ``source_url`` to text, or a corpus path read with
    :func:`osint.extract.read_corpus`; a ``source_text`` (or ``text``) column of the
    candidates is used first. ``state_dir``: where the decisions log and backups go
    (default ``<ledger stem>.review`` beside the ledger). ``dry_run=True`` works on a
    temporary copy of the ledger, so nothing beside the real ledger is written.

    Creating a Review writes nothing; only decisions do. The buttons of the widget call the
    same methods code and tests call: :meth:`accept`, :meth:`reject`, :meth:`mark_repeat`,
    :meth:`skip` (alias :meth:`next`) and :meth:`previous`.

    Example:
        >>> review = Review(candidates, "data/claims.csv", dry_run=True)         # doctest: +SKIP
        >>> review.current["figure_low"], review.pending_count                  # doctest: +SKIP
        ('1500', 4)
    """

    def __init__(
        self,
        candidates: pd.DataFrame | PathLike | Iterable[Mapping[str, Any]],
        ledger_path: PathLike,
        *,
        texts: Mapping[str, str] | PathLike | None = None,
        state_dir: PathLike | None = None,
        dry_run: bool = False,
        id_prefix: str | None = None,
    ):
        self.original_ledger = Path(ledger_path)
        if self.original_ledger.suffix == ".parquet":
            raise ValueError(
                f"{ledger_path}: the review queue adds rows to CSV ledgers only; review into the CSV "
                "ledger and save the Parquet copy from it (osint.save_claims)"
            )
        if not self.original_ledger.is_file():
            raise FileNotFoundError(f"no ledger file at {ledger_path}")
        self.dry_run = bool(dry_run)
        if self.dry_run:  # a scratch folder, removed with this object
            scratch = Path(tempfile.mkdtemp(prefix="osint-review-"))
            weakref.finalize(self, shutil.rmtree, scratch, True)
            self.ledger_path = scratch / self.original_ledger.name
            shutil.copyfile(self.original_ledger, self.ledger_path)
            state_dir = scratch / f"{self.original_ledger.stem}.review"
        else:
            self.ledger_path = self.original_ledger
        read_ledger_rows(self.ledger_path)  # a ledger with a quoting problem is refused here, naming its lines
        real = real_path(self.ledger_path)
        self.state_dir = Path(state_dir) if state_dir else real.parent / f"{real.stem}.review"
        self.log_path = self.state_dir / "decisions.jsonl"
        self.journal = DecisionLog(self.log_path)
        self.backup_dir = self.state_dir / "backups"
        self.id_prefix = id_prefix
        self.texts = self._load_texts(texts)

        self.candidates: dict[str, dict[str, str]] = {}
        self.duplicates: list[str] = []
        for record in candidate_records(candidates):
            key = candidate_key(record)
            if key in self.candidates:
                self.duplicates.append(key)
                continue
            self.candidates[key] = record
        self.order: list[str] = list(self.candidates)
        self.decisions: dict[str, dict[str, Any]] = self._settled_decisions()
        self._position = 0
        self.last_message = ""
        self._ui: Any = None
        self._go_to_pending(0)

    # --- loading -------------------------------------------------------------------------------

    @staticmethod
    def _load_texts(texts: Mapping[str, str] | PathLike | None) -> dict[str, str]:
        if texts is None:
            return {}
        if isinstance(texts, Mapping):
            return {str(k): str(v) for k, v in texts.items()}
        from .extract import document_text, read_corpus

        found: dict[str, str] = {}
        for doc in read_corpus(texts):
            body = document_text(doc)
            for name in (doc.get("doc_id"), doc.get("source_url")):
                if name:
                    found.setdefault(str(name), body)
        return found

    def _ledger_rows(self) -> dict[str, dict[str, str]]:
        """The ledger's rows by claim_id (a ledger with a quoting problem raises LedgerError)."""
        _, rows, _ = read_ledger_rows(self.ledger_path)
        return {row.get("claim_id", ""): row for row in rows}

    def _settled_decisions(self) -> dict[str, dict[str, Any]]:
        """Decisions from the log; an accept whose ``done`` line is missing counts if its row is in the ledger."""
        return settle(self.journal.entries(), self._ledger_rows)

    # --- the queue -----------------------------------------------------------------------------

    @property
    def pending(self) -> list[str]:
        """Keys of the candidates not decided yet, in queue order."""
        return [k for k in self.order if k not in self.decisions]

    @property
    def pending_count(self) -> int:
        return len(self.pending)

    @property
    def current_key(self) -> str | None:
        """Key of the candidate on show (None when every candidate is decided)."""
        if not self.order or self._position >= len(self.order):
            return None
        key = self.order[self._position]
        return None if key in self.decisions else key

    @property
    def current(self) -> dict[str, str] | None:
        """The candidate on show, as text cells (None when the queue is done)."""
        key = self.current_key
        return None if key is None else self.candidates[key]

    def _go_to_pending(self, start: int, step: int = 1) -> None:
        n = len(self.order)
        for i in range(n):
            position = (start + step * i) % n
            if self.order[position] not in self.decisions:
                self._position = position
                return
        self._position = n

    def skip(self) -> dict[str, str] | None:
        """Leave the current candidate undecided and show the next one still pending."""
        if self.current_key is not None:
            self._go_to_pending(self._position + 1)
        self._refresh()
        return self.current

    next = skip

    def previous(self) -> dict[str, str] | None:
        """Show the previous candidate still pending."""
        if self.current_key is not None:
            self._go_to_pending(self._position - 1, step=-1)
        self._refresh()
        return self.current

    def go_to(self, key: str) -> dict[str, str]:
        """Show the candidate with this key (it must still be pending)."""
        if key not in self.candidates:
            raise KeyError(f"no candidate with key {key!r}")
        if key in self.decisions:
            raise ValueError(f"candidate {key} was already decided: {self.decisions[key].get('action')}")
        self._position = self.order.index(key)
        self._refresh()
        return self.candidates[key]

    def _require_current(self) -> str:
        key = self.current_key
        if key is None:
            raise LookupError("no candidate left to review")
        return key

    # --- writing -------------------------------------------------------------------------------

    def _log(self, entry: dict[str, Any]) -> None:
        """Append one decision line and push it to disk before returning."""
        self.journal.append(entry)

    def _check_undecided(self, key: str) -> None:
        """Refuse a candidate another review of the same ledger decided meanwhile (call under the lock)."""
        settled = self._settled_decisions()
        if key in settled:
            self.decisions[key] = settled[key]
            self._go_to_pending(self._position)
            self._refresh()
            raise ValueError(
                f"candidate {key} was decided meanwhile by another review of this ledger: {settled[key].get('action')}"
            )

    def _log_decision(self, entry: dict[str, Any]) -> None:
        with self._lock():
            self._check_undecided(entry["key"])
            self._log(entry)
        self.decisions[entry["key"]] = entry

    def _lock(self):
        """The ledger's own lock, the one every writer of the ledger takes."""
        return file_lock(self.ledger_path)

    def row_for(self, candidate: Mapping[str, str], edits: Mapping[str, Any] | None = None) -> dict[str, str]:
        """The ledger row a candidate becomes: its ledger columns, default grades, then ``edits``.

        ``claim_id`` is left to :meth:`accept`, which gives the next free one.
        """
        row = {c: _cell(candidate.get(c)) for c in COLUMNS}
        for column, value in DEFAULT_GRADES.items():
            row[column] = row[column] or value
        row["personnel"] = row["personnel"] or DEFAULT_PERSONNEL
        for column, value in (edits or {}).items():
            if column not in COLUMNS or column == "claim_id":
                raise KeyError(
                    f"cannot edit {column!r}: the columns are {', '.join(c for c in COLUMNS if c != 'claim_id')}"
                )
            row[column] = _cell(value).strip()
        return row

    def _append(self, key: str, action: str, edits: Mapping[str, Any] | None) -> str:
        candidate = self.candidates[key]
        row = self.row_for(candidate, edits)
        edited = {k: _cell(v) for k, v in (edits or {}).items()}

        def make_row(ledger: LedgerText) -> dict[str, str]:
            ids = (r.get("claim_id", "") for r in ledger.rows)
            return {**row, "claim_id": next_claim_id(ids, self.id_prefix)}

        def before_write(ledger: LedgerText, new: dict[str, str]) -> None:
            self._log(
                {
                    "key": key,
                    "action": action,
                    "phase": "intent",
                    "claim_id": new["claim_id"],
                    "candidate_id": candidate.get("claim_id", ""),
                    "edits": edited,
                    "row": new,
                }
            )
            self._backup(ledger.data)

        with self._lock():
            self._check_undecided(key)
            written = append_claim(self.ledger_path, make_row, before_write)
            self._log({"key": key, "action": action, "phase": "done", "claim_id": written["claim_id"]})
        self.decisions[key] = {"key": key, "action": action, "claim_id": written["claim_id"], "row": written}
        return written["claim_id"]

    def _backup(self, data: bytes) -> Path:
        """Keep ``data`` (the ledger as it is before a write) in ``backups/``, atomically."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        real = real_path(self.ledger_path)
        target = self.backup_dir / f"{real.stem}-{stamp}{real.suffix}"
        with atomic_write(target, "wb") as handle:
            handle.write(data)
        return target

    @property
    def backups(self) -> list[Path]:
        """Backups of the ledger, oldest first (the first is the ledger before this review's first write)."""
        real = real_path(self.ledger_path)
        return sorted(self.backup_dir.glob(f"{real.stem}-*{real.suffix}"))

    def _after_decision(self, message: str) -> None:
        self.last_message = message
        self._go_to_pending(self._position + 1)
        self._refresh()

    def accept(self, edits: Mapping[str, Any] | None = None) -> str:
        """Add the current candidate (with ``edits``) to the ledger; return its new claim_id.

        The whole ledger with the new row is validated first: on a problem nothing is
        written and :class:`~osint.schema.LedgerError` names it. Empty grades become F and 6
        ("cannot be judged") unless ``edits`` grade the claim.

        Example:
            >>> review.accept({"reliability": "B", "credibility": 3, "source_outlet": "Yonhap"})  # doctest: +SKIP
            'nkr-0051'
        """
        key = self._require_current()
        claim_id = self._append(key, "accept", edits)
        self._after_decision(f"accepted as {claim_id}")
        return claim_id

    def reject(self, reason: str) -> None:
        """Leave the current candidate out of the ledger, logging why."""
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("a rejection needs a reason")
        key = self._require_current()
        entry = {
            "key": key,
            "action": "reject",
            "reason": reason,
            "candidate_id": self.candidates[key].get("claim_id", ""),
        }
        self._log_decision(entry)
        self._after_decision("rejected: " + reason)

    def mark_repeat(self, claim_id: str, edits: Mapping[str, Any] | None = None, add_row: bool = True) -> str | None:
        """Mark the current candidate as a repeat of ledger claim ``claim_id``.

        ``add_row=True`` adds it as its own row with ``repeats = claim_id`` (another outlet
        re-reporting the claim: kept, never counted as corroboration) and returns the new
        id; ``add_row=False`` only logs that the ledger already holds this very statement.
        """
        claim_id = (claim_id or "").strip()
        if claim_id not in self._ledger_rows():
            raise KeyError(f"no claim {claim_id!r} in {self.ledger_path}")
        if add_row:
            key = self._require_current()
            new_id = self._append(key, "repeat", {**(edits or {}), "repeats": claim_id})
            self._after_decision(f"added as {new_id}, a repeat of {claim_id}")
            return new_id
        key = self._require_current()
        entry = {
            "key": key,
            "action": "duplicate",
            "repeats": claim_id,
            "candidate_id": self.candidates[key].get("claim_id", ""),
        }
        self._log_decision(entry)
        self._after_decision(f"already in the ledger as {claim_id}")
        return None

    # --- reading -------------------------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        """How many candidates there are, are pending, and were decided each way."""
        counts = Counter(d.get("action") for k, d in self.decisions.items() if k in self.candidates)
        return {
            "candidates": len(self.order),
            "pending": self.pending_count,
            "accepted": counts["accept"],
            "repeats": counts["repeat"],
            "duplicates": counts["duplicate"],
            "rejected": counts["reject"],
        }

    def decisions_frame(self) -> pd.DataFrame:
        """The settled decisions, one row per candidate: key, action, claim_id, reason, time."""
        rows = [
            {
                "key": k,
                "action": d.get("action"),
                "claim_id": d.get("claim_id", ""),
                "repeats": d.get("repeats", ""),
                "reason": d.get("reason", ""),
                "at": d.get("at", ""),
            }
            for k, d in self.decisions.items()
        ]
        return pd.DataFrame(rows, columns=["key", "action", "claim_id", "repeats", "reason", "at"])

    def source_text(self, candidate: Mapping[str, str]) -> str | None:
        """The full text the candidate was read in, when known."""
        for column in TEXT_COLUMNS:
            if candidate.get(column):
                return candidate[column]
        for name in (candidate.get("doc_id"), candidate.get("source_url")):
            if name and name in self.texts:
                return self.texts[name]
        return None

    def similar_claims(self, candidate: Mapping[str, str], days: int = 31) -> list[dict[str, str]]:
        """Ledger rows that may say the same: same measure, claimant and personnel, within ``days``."""
        try:
            when = date.fromisoformat(candidate.get("statement_date", ""))
        except ValueError:
            when = None
        found = []
        for row in self._ledger_rows().values():
            if row.get("measure") != candidate.get("measure") or row.get("claimant") != candidate.get("claimant"):
                continue
            if candidate.get("personnel") and row.get("personnel") not in ("", candidate.get("personnel")):
                continue
            try:
                gap = abs((date.fromisoformat(row.get("statement_date", "")) - when).days) if when else 0
            except ValueError:
                continue
            if gap <= days:
                found.append(row)
        suggested = candidate.get("repeats") or candidate.get("likely_repeat_of")
        if suggested:
            found.sort(key=lambda r: r.get("claim_id") != suggested)
        return found

    def candidate_html(self, key: str | None = None) -> str:
        """HTML of a candidate (default: the current one): its facts, source and highlighted text."""
        key = key or self.current_key
        if key is None:
            s = self.summary()
            return (
                f"<p><strong>Queue done.</strong> {s['accepted']} accepted, {s['repeats']} added as repeats, "
                f"{s['duplicates']} already in the ledger, {s['rejected']} rejected.</p>"
            )
        c = self.candidates[key]
        e = html.escape
        figure = _figure_text(c)
        position = self.order.index(key) + 1
        head = (
            f"<p><strong>Candidate {position} of {len(self.order)}</strong> · {self.pending_count} still to decide · "
            f"key <code>{e(key)}</code>"
            + (f" · confidence {e(c['confidence'])}" if c.get("confidence") else "")
            + "</p>"
        )
        url = c.get("source_url", "")
        label = c.get("source_title") or c.get("source_outlet") or url
        link = (
            f'<a href="{e(url, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">{e(label)}</a>'
            if url.lower().startswith(("http://", "https://"))
            else e(label)
        )
        facts = [
            (
                "Claimant",
                e(c.get("claimant", ""))
                + (
                    f" <small>({e(c['claimant_type'])}, {e(c.get('claimant_country', ''))})</small>"
                    if c.get("claimant_type")
                    else ""
                ),
            ),
            (
                "Says",
                f"{e(c.get('stance', ''))}: <strong>{e(figure)}</strong> {e(c.get('measure', ''))}"
                + f" <small>(personnel: {e(c.get('personnel') or DEFAULT_PERSONNEL + ', not given')})</small>",
            ),
            (
                "Said",
                e(c.get("statement_date", ""))
                + f" <small>({e(c.get('date_precision', ''))})</small>"
                + (f" · published {e(c['published'])}" if c.get("published") else ""),
            ),
            (
                "Where",
                e(c.get("location", ""))
                + (f" <small>({e(c['geo_precision'])})</small>" if c.get("geo_precision") else ""),
            ),
            ("Relay", e(c.get("relay", ""))),
            ("Source", link + (f" <small>({e(c['source_outlet'])})</small>" if c.get("source_outlet") else "")),
            (
                "Repeats?",
                e(c.get("repeats") or c.get("likely_repeat_of", ""))
                + (f" <small>({e(c['match_reason'])})</small>" if c.get("match_reason") else ""),
            ),
            ("Why", e(c.get("why", ""))),
        ]
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts if v)
        text = self.source_text(c)
        start, end = _int(c.get("char_start")), _int(c.get("char_end"))
        quote = c.get("quote", "")
        if text is not None and quote and (start is None or end is None or text[start:end] != quote):
            found = text.find(quote)  # offsets that do not match the text: find the quote instead
            start, end = (found, found + len(quote)) if found >= 0 else (None, None)
        if text is None:
            body = (
                f"<p><em>Source text not available; the quote:</em></p>"
                f"<div class='osint-source' style='{_SOURCE_STYLE}'><mark>{e(quote)}</mark></div>"
            )
        else:
            note = "" if start is not None else "<p><em>The quote was not found in the source text.</em></p>"
            body = note + f"<div class='osint-source' style='{_SOURCE_STYLE}'>{highlight(text, start, end)}</div>"
        similar = self.similar_claims(c)
        near = ""
        if similar:
            items = "".join(
                f"<li><code>{e(r.get('claim_id', ''))}</code> {e(r.get('statement_date', ''))} · "
                f"{e(_figure_text(r))} · {e(r.get('source_outlet', ''))}</li>"
                for r in similar[:8]
            )
            near = f"<p>Ledger claims by the same claimant of the same measure, within a month:</p><ul>{items}</ul>"
        return f"<div class='osint-candidate'>{head}<table class='osint-table'>{table}</table>{body}{near}</div>"

    def queue_table(self):
        """HTML table of every candidate: what it says, its source, and what was decided.

        Example:
            >>> review.queue_table()                                          # doctest: +SKIP
        """
        from .tables import render_table

        e = html.escape
        rows = []
        for key in self.order:
            c, d = self.candidates[key], self.decisions.get(key)
            if d is None:
                decided = "pending"
            elif d.get("action") in ("accept", "repeat"):
                decided = f"{d['action']}ed as {d.get('claim_id', '')}".replace("repeated", "added as repeat,")
            elif d.get("action") == "duplicate":
                decided = f"already in ledger ({d.get('repeats', '')})"
            else:
                decided = f"rejected: {d.get('reason', '')}"
            url = c.get("source_url", "")
            label = c.get("source_outlet") or url
            source = (
                f'<a href="{e(url, quote=True)}" rel="noopener noreferrer nofollow">{e(label)}</a>'
                if url.lower().startswith(("http://", "https://"))
                else e(label)
            )
            rows.append(
                {
                    "Key": f"<code>{e(key)}</code>",
                    "Said": e(c.get("statement_date", "")),
                    "Claimant": e(c.get("claimant", "")),
                    "Stance": e(c.get("stance", "")),
                    "Measure": e(c.get("measure", "")),
                    "Personnel": e(c.get("personnel", "")),
                    "Figure": e(_figure_text(c)),
                    "Source": source,
                    "Quote": f"<q>{e(c.get('quote', ''))}</q>" if c.get("quote") else "",
                    "Decision": e(decided),
                }
            )
        s = self.summary()
        caption = (
            f"{s['candidates']} candidate(s): {s['pending']} pending, {s['accepted']} accepted, "
            f"{s['repeats']} added as repeats, {s['duplicates']} already in the ledger, {s['rejected']} rejected"
        )
        columns = ["Key", "Said", "Claimant", "Stance", "Measure", "Personnel", "Figure", "Source", "Quote", "Decision"]
        return render_table(rows, columns, caption=caption)

    def snapshot(self):
        """The queue as plain HTML for shared reports: the candidate on show and the whole queue.

        Example:
            >>> review.snapshot()                                             # doctest: +SKIP
        """
        from .tables import HtmlTable

        where = (
            "a scratch copy of the ledger (dry run)"
            if self.dry_run
            else f"<code>{html.escape(str(self.ledger_path))}</code>"
        )
        intro = (
            f"<p>Decisions are written to {where} only when a button is pressed in a running notebook; "
            "this static copy shows the queue as it stood when the notebook ran.</p>"
        )
        table = self.queue_table()
        return HtmlTable(intro + self.candidate_html() + table.markup, table.rows)

    def _repr_html_(self) -> str:
        return self.candidate_html()

    # --- widget --------------------------------------------------------------------------------

    @property
    def ui(self) -> Any:
        """The ipywidgets front end, a :class:`osint.review_ui.ReviewUI` (built on first use)."""
        if self._ui is None:
            from .review_ui import ReviewUI

            self._ui = ReviewUI(self)
        return self._ui

    def _refresh(self) -> None:
        if self._ui is not None:
            self._ui.show()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.ui.widget)


_SOURCE_STYLE = (
    "white-space:pre-wrap;border-left:3px solid #999;background:#f7f7f7;padding:0.4em 0.8em;"
    "margin:0.5em 0;max-height:28em;overflow:auto"
)


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _figure_text(row: Mapping[str, str]) -> str:
    from .tables import format_figure

    qualifier = row.get("qualifier") or "none"
    if qualifier not in QUALIFIERS:
        return qualifier
    return format_figure(qualifier, _int(row.get("figure_low")), _int(row.get("figure_high")))
