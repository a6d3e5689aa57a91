"""Ledger writes under races and crashes: nothing another program saved is lost, links are
followed, an append keeps every byte, and a candidate is accepted once even across a crash.

The ledgers are copies of the small fixture in temporary folders; the candidates are
fictional (example.org).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

import osint
from osint import load_claims, save_claims, validate_ledger
from osint.atomic import FileChanged
from osint.ledger_csv import format_record
from osint.review import Review
from osint.schema import COLUMNS, LedgerError

CANDIDATES = FIXTURES / "candidates_example.csv"


@pytest.fixture
def ledger(tmp_path, small_ledger) -> Path:
    path = tmp_path / "claims.csv"
    shutil.copyfile(small_ledger, path)
    return path


def ids(path: Path) -> list[str]:
    return load_claims(path)["claim_id"].tolist()


def colleague_row(claim_id: str, **changes: str) -> dict[str, str]:
    row = {c: "" for c in COLUMNS}
    row.update(
        claim_id=claim_id,
        statement_date="2024-11-20",
        date_precision="day",
        claimant="Example Colleague Desk",
        claimant_type="media",
        stance="asserts",
        measure="killed",
        personnel="combat_troops",
        figure_low="40",
        qualifier="at_least",
        source_url=f"https://example.org/fictional/colleague/{claim_id}",
        source_outlet="Example Desk",
        reliability="C",
        credibility="4",
    )
    row.update(changes)
    return row


def colleague_saves(path: Path, claim_id: str) -> None:
    """Another program's save: the file rewritten in place, with one more row and an edited cell."""
    text = path.read_bytes().decode("utf-8")
    text = text.replace("fixture: Kirby could not independently confirm", "edited by a colleague")
    path.write_bytes((text + format_record([colleague_row(claim_id)[c] for c in COLUMNS])).encode("utf-8"))


def test_an_append_keeps_every_byte_and_the_files_line_endings(ledger):
    lines = ledger.read_bytes().decode("utf-8").split("\n")
    lines[6] = lines[6].replace(",1500,", ",01500,")  # a figure written with a leading zero
    original = "\r\n".join(line for line in lines if line).encode("utf-8")  # CRLF, no final line break
    ledger.write_bytes(original)
    review = Review(CANDIDATES, ledger)
    new_id = review.accept({"notes": "a lone carriage return\rin the notes"})
    data = ledger.read_bytes()
    assert data.startswith(original + b"\r\n"), "the old bytes are untouched; a line break closes the last row"
    added = data[len(original) + 2 :]
    assert added.endswith(b"\r\n") and added.count(b"\r\n") == 1, "one row, in the file's own line ending"
    assert added.startswith(new_id.encode() + b",") and b'"a lone carriage return\rin the notes"' in added
    assert validate_ledger(ledger) == []
    assert load_claims(ledger).set_index("claim_id").loc[new_id, "notes"] == "a lone carriage return\rin the notes"


def test_a_save_landing_between_read_and_replace_is_kept(ledger, monkeypatch):
    backup = Review._backup
    calls = []

    def backup_while_a_colleague_saves(self, data):
        calls.append(len(data))
        if len(calls) == 1:
            colleague_saves(ledger, "t-008")  # lands after the queue read the ledger
        return backup(self, data)

    monkeypatch.setattr(Review, "_backup", backup_while_a_colleague_saves)
    review = Review(CANDIDATES, ledger)
    key = review.current_key
    assert review.accept() == "t-009", "the row is made again on top of the colleague's save"
    monkeypatch.undo()
    assert validate_ledger(ledger) == []
    claims = load_claims(ledger).set_index("claim_id")
    assert claims.index.tolist() == [f"t-00{i}" for i in range(1, 10)]
    assert claims.loc["t-008", "claimant"] == "Example Colleague Desk"
    assert claims.loc["t-001", "notes"] == "edited by a colleague", "the colleague's edit is kept"
    assert len(calls) == 2
    again = Review(CANDIDATES, ledger)
    assert key not in again.pending and again.summary()["accepted"] == 1


def test_a_ledger_that_keeps_changing_is_refused_naming_it(ledger, monkeypatch):
    backup = Review._backup
    count = iter(range(8, 20))

    def backup_while_a_colleague_saves(self, data):
        colleague_saves(ledger, f"t-{next(count):03d}")
        return backup(self, data)

    monkeypatch.setattr(Review, "_backup", backup_while_a_colleague_saves)
    review = Review(CANDIDATES, ledger)
    key = review.current_key
    with pytest.raises(FileChanged, match=str(ledger)):
        review.accept()
    monkeypatch.undo()
    assert ids(ledger) == [f"t-{i:03d}" for i in range(1, 11)], "every save of the colleague is there, nothing else"
    assert review.current_key == key and Review(CANDIDATES, ledger).current_key == key, "still to decide"
    assert review.ui is not None
    review.ui.accept_button.click()  # the button says what happened, and this time it goes through
    assert "accepted as t-011" in review.ui.status.value


def test_saves_by_another_process_and_accepts_never_lose_a_row(ledger):
    script = textwrap.dedent(f"""
        import random, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import pandas as pd
        from osint import load_claims, save_claims
        from osint.atomic import FileChanged
        path = {str(ledger)!r}
        print("ready", flush=True)
        for n in range(1, 13):
            while True:
                claims = load_claims(path)
                row = claims.iloc[[0]].assign(claim_id=f"colleague-{{n}}", notes=f"colleague save {{n}}")
                time.sleep(0.03)  # the colleague takes a moment between reading and saving
                try:
                    more = pd.concat([claims, row], ignore_index=True)
                    more.attrs = dict(claims.attrs)  # loaded from this file: saved only if unchanged since
                    save_claims(more, path)
                    break
                except FileChanged:
                    continue
            time.sleep(random.uniform(0, 0.02))
        print("done", flush=True)
    """)
    colleague = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    review = Review(CANDIDATES, ledger, id_prefix="t-")
    assert colleague.stdout.readline().strip() == "ready"
    accepted = []
    while review.current_key is not None and len(accepted) < 4:
        try:
            accepted.append(review.accept())
        except FileChanged:
            continue
        time.sleep(0.15)  # accepts spread over the colleague's saves
    assert colleague.stdout.readline().strip() == "done"
    assert colleague.wait(timeout=120) == 0
    assert validate_ledger(ledger) == []
    found = ids(ledger)
    colleagues = [f"colleague-{n}" for n in range(1, 13)]
    assert sorted(found) == sorted([f"t-00{i}" for i in range(1, 8)] + colleagues + accepted)
    assert len(set(accepted)) == 4
    log = ledger.parent / "claims.review" / "decisions.jsonl"
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len({e["key"] for e in entries if e.get("phase") == "done"}) == 4, "each candidate accepted once"


def test_a_linked_ledger_is_written_through_the_link(tmp_path, small_ledger):
    store, work = tmp_path / "store", tmp_path / "work"
    store.mkdir()
    work.mkdir()
    real = store / "claims.csv"
    shutil.copyfile(small_ledger, real)
    link = work / "claims.csv"
    link.symlink_to(Path("..") / "store" / "claims.csv")
    review = Review(CANDIDATES, link)
    new_id = review.accept()
    assert link.is_symlink() and link.resolve() == real.resolve(), "the link is kept"
    assert ids(real)[-1] == new_id
    assert sorted(p.name for p in work.iterdir()) == ["claims.csv"], "nothing beside the link"
    assert (store / "claims.review" / "decisions.jsonl").is_file() and (store / ".claims.csv.lock").exists()
    assert Review(CANDIDATES, link).summary()["accepted"] == 1, "a new queue through the link finds the decisions"
    claims = load_claims(link)
    claims.loc[claims.index[0], "notes"] = "saved through the link"
    save_claims(claims, link)
    assert link.is_symlink() and load_claims(real)["notes"].iloc[0] == "saved through the link"


def test_a_crash_after_the_write_is_recognised_by_the_rows_canonical_form(ledger, monkeypatch):
    candidate = {c: "" for c in COLUMNS} | {
        "statement_date": "2024-11-05",
        "date_precision": "day",
        "claimant": "Example Agency",
        "claimant_type": "intelligence",
        "stance": "asserts",
        "measure": "deployed_to_front",
        "personnel": "combat_troops",
        "figure_low": "010000",
        "figure_high": "010000",
        "qualifier": "about",
        "source_url": "https://example.org/fictional/padded",
        "source_outlet": "Example Wire",
        "quote": "about 10,000 troops moved to the front",
        "char_start": "10",
        "char_end": "48",
    }
    other = dict(
        candidate,
        source_url="https://example.org/fictional/other",
        figure_low="500",
        figure_high="500",
        char_start="1",
        char_end="9",
    )
    write = Review._log

    def die_before_done(self, entry):
        if entry.get("phase") == "done":
            raise KeyboardInterrupt("kernel stopped")
        write(self, entry)

    monkeypatch.setattr(Review, "_log", die_before_done)
    with pytest.raises(KeyboardInterrupt):
        Review([candidate, other], ledger).accept()
    monkeypatch.undo()
    assert b",010000,010000,about," in ledger.read_bytes(), "the row was appended verbatim"
    save_claims(load_claims(ledger), ledger)  # someone saves the ledger: the figure becomes 10000
    assert b",10000,10000,about," in ledger.read_bytes()

    again = Review([candidate, other], ledger)
    assert again.summary()["accepted"] == 1 and again.pending_count == 1, "the written row is recognised"
    assert again.current["source_url"].endswith("/other")
    again.accept()
    claims = load_claims(ledger)
    assert validate_ledger(ledger) == [] and len(claims) == 9
    assert (claims["source_url"] == "https://example.org/fictional/padded").sum() == 1, "accepted once"


def test_save_claims_refuses_to_overwrite_a_save_made_since_loading(ledger):
    claims = load_claims(ledger)
    colleague_saves(ledger, "t-008")
    theirs = ledger.read_bytes()
    claims.loc[claims.index[0], "notes"] = "my edit"
    with pytest.raises(FileChanged, match="changed on disk since it was read"):
        save_claims(claims, ledger)
    assert ledger.read_bytes() == theirs and not list(ledger.parent.glob(".claims.csv.*.tmp"))
    save_claims(claims, ledger, overwrite_changes=True)
    assert ids(ledger) == [f"t-00{i}" for i in range(1, 8)]
    save_claims(claims, ledger)  # the frame now matches the file it saved
    assert load_claims(ledger)["notes"].iloc[0] == "my edit"


def test_a_parquet_ledger_gets_a_clear_error_in_the_queue(tmp_path, small_ledger):
    parquet = save_claims(load_claims(small_ledger), tmp_path / "claims.parquet")
    with pytest.raises(ValueError, match=r"claims.parquet: the review queue adds rows to CSV ledgers only"):
        Review(CANDIDATES, parquet)
    with pytest.raises(ValueError, match="CSV ledgers only"):
        osint.io.append_claim(parquet, lambda ledger: {})
    with pytest.raises(FileNotFoundError, match="no ledger file at"):
        Review(CANDIDATES, tmp_path / "absent.csv")


def test_a_ledger_with_a_stray_quote_is_never_written(ledger):
    text = ledger.read_bytes().decode("utf-8").split("\n")
    text[2] = text[2].rsplit(",", 1)[0] + ',"stray'  # swallows the rows after it, for a lenient reader
    broken = "\n".join(text).encode("utf-8")
    ledger.write_bytes(broken)
    with pytest.raises(LedgerError, match=r"claims.csv:3: column notes"):
        Review(CANDIDATES, ledger)  # refused when the queue opens, before any decision
    assert ledger.read_bytes() == broken
    shutil.copyfile(FIXTURES / "claims_small.csv", ledger)
    review = Review(CANDIDATES, ledger)
    ledger.write_bytes(broken)  # broken after the queue opened
    with pytest.raises(LedgerError, match=r"claims.csv:3: column notes"):
        review.accept()
    assert ledger.read_bytes() == broken, "no row added, no id of a swallowed row reused"


def test_a_candidates_file_with_a_stray_quote_is_refused_naming_its_line(tmp_path, ledger):
    broken = tmp_path / "candidates.csv"
    text = CANDIDATES.read_text(encoding="utf-8")
    broken.write_text(text.replace(",Example Wire,", ',"Example Wire,', 1), encoding="utf-8")
    with pytest.raises(LedgerError) as raised:
        Review(broken, ledger)
    assert raised.value.issues and all(i.file == str(broken) and i.line > 1 for i in raised.value.issues)
