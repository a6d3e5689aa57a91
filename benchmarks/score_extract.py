"""Score ``osint.extract`` on the development material, per split (dev / test).

Usage:
    .venv/bin/python benchmarks/score_extract.py [--split dev|test|all] [--set news|csis|written...|all] [-v]

Material (read from the shared folder at run time, found at ``$OSINT_SHARED`` or beside the
checkout as ``../shared``; nothing of it is copied into the project):

* ``news``: the 216 claims of ``corpus/news_claims.csv``. Each claim's ``paraphrase`` is read
  as a text of its own (published on the claim's ``published`` date, else its statement date,
  from its ``source_url``, with its page's ``source_title`` as a saved page gives both);
  its gold is the claim's own fields. Two measures are annotated
  anew under the ``personnel`` column (``benchmarks/extract_news_annotations.csv``).
* ``csis``: the event texts of ``corpus/csis_nk_ru_timeline.json``, with the hand annotation
  of ``benchmarks/extract_gold.csv`` (one row per troop-figure claim an event text states).
  These events were used to write the rules before the split existed: their test part is
  not unseen text, and the headline estimate is the ``news`` test split.
* ``written``: ``benchmarks/extract_written.csv``, short passages with headlines written for
  this benchmark in the manners of many outlets (wire copy, broadcasters, think tanks, the
  Korean, Ukrainian and Japanese English-language press) by someone who had not read the
  extractor's rules, with one gold row per figure; the facts are those of the corpus, the
  words are new. It is in the project, so it is scored even without the shared folder.
* ``written2``: ``benchmarks/extract_written_dev2.csv``, longer passages written the same way
  later, with the predicates and figure forms of news copy varied on purpose; all of it is
  development material (no test part).
* ``written3``: ``benchmarks/extract_written_dev3.csv``, one- or two-sentence restatements of
  the news dev claims and CSIS events in new words, annotated with the conventions of the news
  claims (development only; the news test claims were not shown to their writer).
* ``written4`` and ``written5``: ``benchmarks/extract_written4.csv`` and ``extract_written5.csv``,
  whole articles (150 to 450 words, headline, lede, background paragraphs recalling earlier
  estimates, reactions, distractor numbers) in many outlets' manners, on the events of
  October 2024 to January 2025 and of 2025 respectively, written later by writers who had not
  read the extractor's rules. Half of each (by :func:`written_split`, fixed in
  ``extract_split.csv`` before the first score) is test.
* ``written6`` and ``written7``: ``benchmarks/extract_written6.csv`` and ``extract_written7.csv``,
  whole articles written the same way later still, one set varying on purpose how claimants
  are named and referred back to, the other the predicates and figure forms that decide the
  measure. Half of each is test, as above.
* ``written8`` and ``written9``: ``benchmarks/extract_written8.csv`` and ``extract_written9.csv``,
  ordinary articles as Western wire services and newspapers (``written8``) and the Korean,
  Japanese, Ukrainian and Russian English-language press (``written9``) write them, built around
  one or two claims each with the background a reporter recalls. Half of each is test.
* ``written10`` and ``written11``: ``benchmarks/extract_written10.csv`` and ``extract_written11.csv``,
  ordinary articles from a wide mix of outlets, one set varying how each source is named and
  referred back to from paragraph to paragraph, the other centred on the less-cited claimants.
  Half of each is test.
* ``written12`` to ``written41``: whole articles written the same way, thirty per set, each set
  by a writer of its own who had not read the extractor's rules, on a theme: attribution spread
  across paragraphs (12, 24, 40), the range of claimants (13), periods of the war (14, 15,
  20 to 23, 36 to 39), sources of one country or bloc (16 to 19, 26, 27, 31 to 34), live blogs
  and transcripts (25, 41), losses and prisoners (28), daily coverage (29), recaps gathering many
  claimants (30) and translated regional copy (35). Half of each is test, pinned in
  ``extract_split.csv`` before the set's first score; ``written24`` is development only (its
  writer saw notes describing the rules).

The split (``benchmarks/extract_split.csv``) was fixed before any tuning: 30% of the news pages
(by a hash of ``source_url``, so every claim of one page is on the same side) and 30% of the
CSIS events (by a hash of the event id) form the test split, never looked at while tuning.

Matching: a predicted figure matches a gold figure of the same text when figure_low and
figure_high are equal and the qualifiers are of the same family (point: exact / about; upper
bound: up_to / fewer_than; lower bound: at_least / more_than; range). Each gold figure matches
at most one prediction. *Figure F1* uses that rule; *figure+measure F1* also needs the same
measure. Precision counts every predicted figure of the texts (extra figures in a paraphrase
count against it). *Claimant accuracy* is over the figures found (figure+measure matches; where
one figure is given by several claimants, a prediction is matched to its own claimant's row first): the
predicted claimant is right when it is one of the ledger claimants that
``benchmarks/extract_claimant_map.csv`` accepts for the gold claimant (news) or equal to the
gold (csis), or, for a claimant not in the ledger's table, when its name equals the gold's
name before any parenthesis (case and "the" ignored). Claims without a figure (stances) are
not scored here.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent

FAMILY = {
    "exact": "point",
    "about": "point",
    "up_to": "upper",
    "fewer_than": "upper",
    "at_least": "lower",
    "more_than": "lower",
    "range": "range",
    "none": "none",
}


def shared_dir() -> Path | None:
    """The shared folder (seed and corpus), if present."""
    candidates = []
    if os.environ.get("OSINT_SHARED"):
        candidates.append(Path(os.environ["OSINT_SHARED"]))
    candidates.append(ROOT.parent / "shared")
    for base in candidates:
        if (base / "corpus").is_dir():
            return base
    return None


def shared_corpus() -> Path | None:
    """The CSIS timeline file of the shared folder, if present."""
    base = shared_dir()
    path = base / "corpus" / "csis_nk_ru_timeline.json" if base else None
    return path if path and path.is_file() else None


def _int(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return int(float(value))


def _norm(name: str | None) -> str:
    name = (name or "").replace("’", "'").split(" (")[0].strip().lower()
    name = re.sub(r"^(?:the|an?)\s+", "", name)
    name = re.sub(r"\b(?:unnamed|anonymous)\b", "", name)
    return " ".join(name.split())


@dataclass
class Item:
    """One scored text with its gold figures."""

    key: str
    split: str
    text: str
    published: date | None
    source_url: str | None
    gold: list[dict] = field(default_factory=list)
    title: str | None = None


def load_split() -> dict[tuple[str, str], str]:
    with open(HERE / "extract_split.csv", newline="", encoding="utf-8") as handle:
        return {(r["set"], r["item"]): r["split"] for r in csv.DictReader(handle)}


def news_items(base: Path, split: dict) -> list[Item]:
    """The paraphrases of ``news_claims.csv``, one text each, with their gold figure."""
    annotations: dict[str, dict[str, str]] = defaultdict(dict)
    with open(HERE / "extract_news_annotations.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            annotations[r["fact_id"]][r["field"]] = r["value"]
    with open(HERE / "extract_claimant_map.csv", newline="", encoding="utf-8") as handle:
        accepted = {r["gold_claimant"]: set(filter(None, r["accepted"].split("|"))) for r in csv.DictReader(handle)}
    items = []
    with open(base / "corpus" / "news_claims.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            r.update(annotations.get(r["fact_id"], {}))
            published = r["published"] or r["statement_date"]
            item = Item(
                f"news:{r['fact_id']}",
                split[("news", r["fact_id"])],
                r["paraphrase"],
                date.fromisoformat(published) if published else None,
                r["source_url"].strip() or None,
                title=(r.get("source_title") or "").strip() or None,
            )
            low, high = _int(r["figure_low"]), _int(r["figure_high"])
            if low is not None or high is not None:
                item.gold.append(
                    {
                        "low": low,
                        "high": high,
                        "measure": r["measure"],
                        "family": FAMILY[r["qualifier"]],
                        "claimant": r["claimant"],
                        "accepted": accepted.get(r["claimant"], set()),
                    }
                )
            items.append(item)
    return items


def _gold_figure(r: dict[str, str]) -> dict | None:
    """One gold figure of an annotation row (its claimant the only one accepted), or None without a figure."""
    low, high = _int(r["figure_low"]), _int(r["figure_high"])
    if low is None and high is None:
        return None
    return {
        "low": low,
        "high": high,
        "measure": r["measure"],
        "family": FAMILY[r["qualifier"]],
        "claimant": r["claimant"],
        "accepted": {r["claimant"]},
    }


def csis_items(base: Path, split: dict) -> list[Item]:
    """The CSIS event texts with the gold of ``extract_gold.csv``."""
    events = json.loads((base / "corpus" / "csis_nk_ru_timeline.json").read_text(encoding="utf-8"))
    gold: dict[str, list[dict]] = defaultdict(list)
    with open(HERE / "extract_gold.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            figure = _gold_figure(r)
            if figure is not None:
                gold[r["event_id"]].append(figure)
    items = []
    for e in events:
        eid = str(e["id"])
        items.append(
            Item(
                f"csis:{eid}",
                split[("csis", eid)],
                e["text"],
                date(int(e["year"]), int(e["month"]), int(e["day"])),
                (e.get("source") or "").strip() or None,
                gold.get(eid, []),
            )
        )
    return items


#: The written sets and their files (those of ``WRITTEN_WITH_TEST`` have a test part).
WRITTEN_FILES = {
    "written": "extract_written.csv",
    "written2": "extract_written_dev2.csv",
    "written3": "extract_written_dev3.csv",
    "written4": "extract_written4.csv",
    "written5": "extract_written5.csv",
    "written6": "extract_written6.csv",
    "written7": "extract_written7.csv",
    "written8": "extract_written8.csv",
    "written9": "extract_written9.csv",
    "written10": "extract_written10.csv",
    "written11": "extract_written11.csv",
    "written12": "extract_written12.csv",
    "written13": "extract_written13.csv",
    "written14": "extract_written14.csv",
    "written15": "extract_written15.csv",
    "written16": "extract_written16.csv",
    "written17": "extract_written17.csv",
    "written18": "extract_written18.csv",
    "written19": "extract_written19.csv",
    "written20": "extract_written20.csv",
    "written21": "extract_written21.csv",
    "written22": "extract_written22.csv",
    "written23": "extract_written23.csv",
    "written24": "extract_written24.csv",
    "written25": "extract_written25.csv",
    "written26": "extract_written26.csv",
    "written27": "extract_written27.csv",
    "written28": "extract_written28.csv",
    "written29": "extract_written29.csv",
    "written30": "extract_written30.csv",
    "written31": "extract_written31.csv",
    "written32": "extract_written32.csv",
    "written33": "extract_written33.csv",
    "written34": "extract_written34.csv",
    "written35": "extract_written35.csv",
    "written36": "extract_written36.csv",
    "written37": "extract_written37.csv",
    "written38": "extract_written38.csv",
    "written39": "extract_written39.csv",
    "written40": "extract_written40.csv",
    "written41": "extract_written41.csv",
}
#: The written sets with a test part (half of their items, by :func:`written_split`).
WRITTEN_WITH_TEST = (
    "written",
    "written4",
    "written5",
    "written6",
    "written7",
    "written8",
    "written9",
    "written10",
    "written11",
    "written12",
    "written13",
    "written14",
    "written15",
    "written16",
    "written17",
    "written18",
    "written19",
    "written20",
    "written21",
    "written22",
    "written23",
    "written25",
    "written26",
    "written27",
    "written28",
    "written29",
    "written30",
    "written31",
    "written32",
    "written33",
    "written34",
    "written35",
    "written36",
    "written37",
    "written38",
    "written39",
    "written40",
    "written41",
)


def written_split(item: str) -> str:
    """The side of a written item: ``test`` when the SHA-1 of its id is odd (half of them)."""
    import hashlib

    return "test" if int(hashlib.sha1(item.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def written_items(split: dict, name: str = "written") -> list[Item]:
    """The passages of one written set (``benchmarks/extract_written*.csv``) with their gold figures.

    Written for the benchmark by hand, in many outlets' manners, without reading the
    extractor's rules (the facts are the corpus's, the words are new). Half of the items
    (by a hash of the item id, :func:`written_split`, written to ``extract_split.csv`` before
    the first scoring) are test.
    """
    path = HERE / WRITTEN_FILES[name]
    if not path.is_file():
        return []
    items: dict[str, Item] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            key = r["item"]
            if key not in items:
                items[key] = Item(
                    f"{name}:{key}",
                    (split.get((name, key)) or written_split(key)) if name in WRITTEN_WITH_TEST else "dev",
                    r["text"],
                    date.fromisoformat(r["published"]) if r["published"] else None,
                    (r.get("source_url") or "").strip() or None,
                    title=r["title"] or None,
                )
            figure = _gold_figure(r)
            if figure is not None:
                items[key].gold.append({**figure, "personnel": r["personnel"]})
    return list(items.values())


def _claimant_ok(pred: str | None, gold: dict) -> bool:
    if pred is None:
        return False
    if pred in gold["accepted"] or pred == gold["claimant"]:
        return True
    return bool(_norm(pred)) and _norm(pred) == _norm(gold["claimant"])


def score(items: list[Item], label: str, verbose: bool = False) -> dict[str, float]:
    """Extract every item, match against the gold, print one line and return the scores."""
    from osint.extract import extract_records

    predicted = found = fig_tp = fm_tp = claimant_ok = 0
    kinds = kinds_ok = 0
    gold_n = sum(len(it.gold) for it in items)
    misses: list[str] = []
    for it in items:
        rows = [
            r
            for r in extract_records(it.text, it.published, it.source_url, source_title=it.title)
            if r["figure_low"] is not None or r["figure_high"] is not None
        ]
        predicted += len(rows)
        open_fig = list(range(len(it.gold)))
        open_fm = list(range(len(it.gold)))
        for r in rows:
            fam = FAMILY[r["qualifier"]]
            same = [
                g
                for g in open_fig
                if (it.gold[g]["low"], it.gold[g]["high"], it.gold[g]["family"])
                == (r["figure_low"], r["figure_high"], fam)
            ]
            if same:
                open_fig.remove(same[0])
                fig_tp += 1
            both = [
                g
                for g in open_fm
                if (it.gold[g]["low"], it.gold[g]["high"], it.gold[g]["family"], it.gold[g]["measure"])
                == (r["figure_low"], r["figure_high"], fam, r["measure"])
            ]
            if both:
                # one claim given by several claimants: match the gold row of this claimant first
                pick = next((b for b in both if _claimant_ok(r["claimant"], it.gold[b])), both[0])
                g = it.gold[pick]
                open_fm.remove(pick)
                fm_tp += 1
                found += 1
                if g.get("personnel"):
                    kinds += 1
                    kinds_ok += r.get("personnel") == g["personnel"]
                    if verbose and r.get("personnel") != g["personnel"]:
                        misses.append(f"  kind     {it.key}: gold {g['personnel']!r}, got {r.get('personnel')!r}")
                if _claimant_ok(r["claimant"], g):
                    claimant_ok += 1
                elif verbose:
                    misses.append(f"  claimant {it.key}: gold {g['claimant']!r}, got {r['claimant']!r}")
            elif verbose:
                misses.append(
                    f"  extra    {it.key}: {r['figure_low']}-{r['figure_high']} {r['qualifier']} "
                    f"{r['measure']} | {r['quote']}"
                )
        if verbose:
            for g in open_fm:
                x = it.gold[g]
                misses.append(
                    f"  missed   {it.key}: {x['low']}-{x['high']} {x['family']} {x['measure']} | {it.text[:160]}"
                )

    def f1(tp: int) -> tuple[float, float, float]:
        p = tp / predicted if predicted else 0.0
        r = tp / gold_n if gold_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    fp, fr, ff = f1(fig_tp)
    mp, mr, mf = f1(fm_tp)
    acc = claimant_ok / found if found else 0.0
    print(
        f"{label:<12} texts {len(items):4d}  gold figures {gold_n:4d}  predicted {predicted:4d}  "
        f"figure F1 {ff:.3f} (P {fp:.3f} R {fr:.3f})  figure+measure F1 {mf:.3f} (P {mp:.3f} R {mr:.3f})  "
        f"claimant {acc:.3f} ({claimant_ok}/{found})"
        + (f"  personnel {kinds_ok / kinds:.3f} ({kinds_ok}/{kinds})" if kinds else "")
    )
    if verbose:
        print("\n".join(misses))
    return {
        "figure_f1": ff,
        "figure_measure_f1": mf,
        "claimant_accuracy": acc,
        "personnel_accuracy": kinds_ok / kinds if kinds else 0.0,
        "gold": gold_n,
        "texts": len(items),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--set", dest="which", choices=("news", "csis", *WRITTEN_FILES, "all"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list extra, missed and misattributed figures")
    args = parser.parse_args(argv)
    base = shared_dir()
    split = load_split()
    sets: dict[str, list[Item]] = {name: written_items(split, name) for name in WRITTEN_FILES}
    if base is None:
        print("score_extract: the shared folder (../shared/corpus) is not present; scoring the written set only.")
    else:
        sets = {"news": news_items(base, split), "csis": csis_items(base, split), **sets}
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    print("command: .venv/bin/python benchmarks/score_extract.py " + " ".join(argv or sys.argv[1:]))
    for name, items in sets.items():
        if args.which not in ("all", name):
            continue
        for sp in splits:
            part = [it for it in items if it.split == sp]
            if part:  # the development-only sets have no test part
                score(part, f"{name}/{sp}", args.verbose)
    if args.which == "all" and "test" in splits:
        # the estimate for unseen text: the test parts of the sets not used to write the rules
        unseen = [it for name in ("news", *WRITTEN_WITH_TEST) for it in sets.get(name, []) if it.split == "test"]
        score(unseen, "unseen/test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
