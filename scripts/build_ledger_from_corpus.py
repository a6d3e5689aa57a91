"""Rebuild the ledger rows that come from the news corpus, the same way every time.

The development corpus (``../shared/corpus/news_claims.csv``) lists troop-figure claims
read in news pages, each with its URL. This script brings it into ``data/claims.csv``
through the same door as any spreadsheet: ``osint import``. The analyst's decisions live
in three files committed beside the ledger, in our own words:

- ``data/corpus_decisions.csv``: per corpus fact, ``keep`` (a row of its own),
  ``repeat`` (a row marked as re-reporting ``repeats``) or ``leave_out`` (with the reason);
  the ledger id it gets, the kind of personnel, any hand-set credibility and the notes;
- ``data/corpus_corrections.csv``: single cells corrected before import, each with why;
- ``data/corpus_claimants.csv``: the corpus's claimant names mapped to the ledger's
  normalised names, with the claimant's reliability grade (data/SOURCES.md); country and
  type then come from ``data/claimants.csv``.

Rows of the ledger that do not come from the corpus (the seed and CSIS rows) are kept as
they are. Credibility, unless set by hand, follows the rubric of data/SOURCES.md (see
:func:`credibility`); a repeat carries the grades of the row it repeats. The committed
``data/claims.csv`` is the product: users without ``../shared`` never need this script.

Usage:
    .venv/bin/python scripts/build_ledger_from_corpus.py            # rewrite data/claims.csv
    .venv/bin/python scripts/build_ledger_from_corpus.py --check    # exit 1 if it would change
    .venv/bin/python scripts/build_ledger_from_corpus.py --corpus /path/to/corpus
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint.io import read_ledger_rows, save_claims, claims_frame  # noqa: E402
from osint.schema import COLUMNS, validate_records  # noqa: E402

DATA = ROOT / "data"
DECISIONS = DATA / "corpus_decisions.csv"
CORRECTIONS = DATA / "corpus_corrections.csv"
CLAIMANTS = DATA / "corpus_claimants.csv"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
#: Claimant types whose claims speak for a government (one family per country).
STATE_TYPES = {"head_of_state", "government", "military", "intelligence", "state_media"}
#: Stages that count as one for corroboration (data/SOURCES.md).
STAGE = {"mustering_in_russia": "pledged_or_preparing"}
#: How far apart two statements may be and still be "about the same time", in days.
SAME_TIME_DAYS = 31
#: How far apart two figures may be and still say "the same thing" (data/SOURCES.md: about 30%).
FIGURE_SLACK = 1.3


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in rows)


def prepare(corpus_csv: Path, out: Path) -> None:
    """Write a copy of the corpus with claimant names (and their country and type from
    data/claimants.csv), corrections and personnel applied."""
    rows = read_csv(corpus_csv)
    names = {r["corpus_claimant"]: r["claimant"] for r in read_csv(CLAIMANTS)}
    personnel = {r["fact_id"]: r["personnel"] for r in read_csv(DECISIONS)}
    fixes: dict[str, dict[str, str]] = {}
    for fix in read_csv(CORRECTIONS):
        fixes.setdefault(fix["fact_id"], {})[fix["column"]] = fix["value"]
    unknown = sorted({r["claimant"] for r in rows} - set(names))
    if unknown:
        raise SystemExit(f"claimants missing from {CLAIMANTS.name}: {unknown}")
    table = {r["claimant"]: r for r in read_csv(DATA / "claimants.csv")}
    for row in rows:
        row["claimant"] = names[row["claimant"]]
        listed = table.get(row["claimant"])
        if listed is not None:  # country and type as the claimant table has them
            row["claimant_country"], row["claimant_type"] = listed["claimant_country"], listed["claimant_type"]
        row.update(fixes.get(row["fact_id"], {}))
        row["personnel"] = personnel.get(row["fact_id"], "")
    columns = list(rows[0])
    write_csv(out, rows, columns)


def family(row: dict[str, str]) -> str:
    """Whose information a claim is: a government (by country) or the claimant itself."""
    if row["claimant_type"] in STATE_TYPES and row["claimant_country"]:
        return "gov:" + row["claimant_country"]
    return row["claimant"]


def _bounds(row: dict[str, str]) -> tuple[float, float] | None:
    low, high = row["figure_low"], row["figure_high"]
    if not low and not high:
        return None
    return (float(low) if low else 0.0, float(high) if high else float("inf"))


def _compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Figures within about 30% of each other, or bounds that overlap."""
    low, high = max(a[0], b[0]), min(a[1], b[1])
    return low <= high * FIGURE_SLACK


def credibility(row: dict[str, str], ledger: list[dict[str, str]]) -> str:
    """The rubric of data/SOURCES.md, applied to one row against the rest of the ledger.

    6 for statements of no knowledge; 3 for ``other`` measures and denials (graded by
    hand where the record contradicts them); otherwise independent support (another family, the
    same stage and personnel, about the same time, compatible figures) gives 2, and 1 when
    it comes from both sides (Russia or North Korea, and anyone else); else 3. A figure
    that clashes with an independent one is not marked down here: counts of one action,
    increments and totals clash without contradicting each other, so 4 and 5 are given by
    hand in the decisions file, with the reason in the notes.
    """
    if row["stance"] == "cannot_confirm":
        return "6"
    if row["measure"] == "other" or row["stance"] == "denies":
        return "3"
    said = date.fromisoformat(row["statement_date"])
    bounds = _bounds(row)
    mine = family(row)
    sides: set[bool] = set()
    for other in ledger:
        if other is row or other["repeats"] or other["stance"] != "asserts" or family(other) == mine:
            continue
        if STAGE.get(other["measure"], other["measure"]) != STAGE.get(row["measure"], row["measure"]):
            continue
        if other["personnel"] != row["personnel"]:
            continue
        if abs((date.fromisoformat(other["statement_date"]) - said).days) > SAME_TIME_DAYS:
            continue
        theirs = _bounds(other)
        if bounds is not None and theirs is not None and not _compatible(bounds, theirs):
            continue
        sides.add(other["claimant_country"] in ("RU", "KP"))
    if len(sides) == 2 or (sides and (row["claimant_country"] in ("RU", "KP")) != next(iter(sides))):
        return "1"
    if sides:
        return "2"
    return "3"


def build(corpus: Path, ledger_path: Path) -> list[dict[str, str]]:
    """The ledger rows: the hand-kept ones as they are, the corpus ones rebuilt."""
    decisions = read_csv(DECISIONS)
    made = {d["claim_id"] for d in decisions if d["decision"] != "leave_out"}
    _, current, _ = read_ledger_rows(ledger_path)
    base = [r for r in current if r["claim_id"] not in made]
    reliability = {r["claimant"]: r["reliability"] for r in read_csv(CLAIMANTS)}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        prepared, candidates, base_csv = folder / "corpus.csv", folder / "candidates.csv", folder / "base.csv"
        prepare(corpus / "news_claims.csv", prepared)
        # the ledger without its corpus rows, to match against (repeats into those rows dropped)
        write_csv(
            base_csv, [{**r, "repeats": "" if r["repeats"] in made else r["repeats"]} for r in base], list(COLUMNS)
        )
        command = [
            sys.executable,
            "-m",
            "osint.cli",
            "import",
            str(prepared),
            "--map",
            "fact_id=claim_id",
            "--set",
            "personnel=combat_troops",
            "--ledger",
            str(base_csv),
            "--out",
            str(candidates),
        ]
        print("$", " ".join(["osint", *command[3:]]))
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        print(done.stdout.strip() or done.stderr.strip())
        if done.returncode:
            raise SystemExit(done.stdout + done.stderr)
        by_fact = {r["claim_id"]: r for r in read_csv(candidates)}
    rows: list[dict[str, str]] = []
    flagged_kept = []
    for d in decisions:
        cand = by_fact[d["fact_id"]]
        if d["decision"] == "leave_out":
            continue
        if cand["likely_repeat_of"] and d["decision"] == "keep":
            flagged_kept.append((d["fact_id"], cand["likely_repeat_of"]))
        row = {c: cand.get(c, "") for c in COLUMNS}
        row.update(
            claim_id=d["claim_id"],
            repeats=d["repeats"],
            personnel=d["personnel"],
            quote="",
            reliability=reliability[row["claimant"]],
            credibility=d["credibility"],
        )
        row["notes"] = " ".join(p for p in (f"News corpus fact {d['fact_id']}.", d["notes"]) if p)
        rows.append(row)
    everything = sorted(base + rows, key=lambda r: r["claim_id"])
    by_id = {r["claim_id"]: r for r in everything}
    for row in rows:
        if not row["repeats"] and not row["credibility"]:
            row["credibility"] = credibility(row, everything)
    for row in rows:
        target = row["repeats"]
        while target and by_id[target]["repeats"]:
            target = by_id[target]["repeats"]
        if target:
            row["reliability"], row["credibility"] = by_id[target]["reliability"], by_id[target]["credibility"]
    for fact, claim in flagged_kept:
        print(f"note: {fact} kept as a claim of its own although the import flagged it as a likely repeat of {claim}")
    return everything


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding news_claims.csv")
    parser.add_argument("--ledger", type=Path, default=DATA / "claims.csv")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the ledger would change")
    args = parser.parse_args()
    if not (args.corpus / "news_claims.csv").is_file():
        raise SystemExit(f"no news_claims.csv in {args.corpus} (give --corpus)")
    rows = build(args.corpus, args.ledger)
    issues = validate_records(rows, str(args.ledger), lines=list(range(2, len(rows) + 2)))
    if issues:
        raise SystemExit("\n".join(str(i) for i in issues))
    if args.check:
        _, current, _ = read_ledger_rows(args.ledger)
        same = [{c: r.get(c, "") for c in COLUMNS} for r in current] == rows
        print(f"{args.ledger}: {'up to date' if same else 'differs from a rebuild'} ({len(rows)} rows)")
        raise SystemExit(0 if same else 1)
    save_claims(claims_frame(rows), args.ledger)
    print(f"{args.ledger}: {len(rows)} rows written")


if __name__ == "__main__":
    main()
