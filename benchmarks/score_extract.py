"""Score ``osint.extract`` against the hand annotation of the development corpus.

Usage:
    .venv/bin/python benchmarks/score_extract.py [--corpus PATH] [--gold PATH] [-v]

Corpus: ``csis_nk_ru_timeline.json`` of the shared folder (found beside the checkout as
``../shared/corpus/``, or at ``$OSINT_SHARED/corpus/``). Each event's ``text`` is read as an
article, published on the event's date, from its ``source`` URL. Without the corpus the
script says so and exits 0.

Gold (``benchmarks/extract_gold.csv``): one row per troop-figure claim that the event texts
state, as facts only (event id, claimant, stance, measure, figures, qualifier, statement
date). Annotation rules:

* a claim counts troops (or their losses) of the force of interest, North Korea: troop nouns
  ("troops", "soldiers", "officers", "military personnel", "military engineers"), casualty
  nouns ("casualties", "deaths"), or a figure whose verb refers back to such troops; civilian
  nouns without a military word ("workers", "laborers", "specialists", "North Koreans
  entered") are not troops; vague amounts ("thousands") are not figures;
* the measure follows the predicate: sending or deploying to Russia or to "support the war"
  is arrived_in_russia; to the front or a border position is deployed_to_front; plans,
  orders and expectations are pledged_or_preparing; killed / wounded / casualties as said;
  returning home is other; a figure with no predicate at all is not annotated;
* the claimant is the attributed source, carried to the next sentence; with no attribution
  the outlet of the source URL; dates are the publication date unless the text dates the
  statement.

Matching rule: a predicted candidate matches a gold item when the event id, figure_low,
figure_high and measure are equal and the qualifiers are of the same family (point: exact /
about; upper bound: up_to / fewer_than; lower bound: at_least / more_than; range; none).
Each gold item matches at most one candidate. Precision = matched / predicted (over all 277
events, so spurious candidates anywhere count), recall = matched / gold, F1 their harmonic
mean. Claimant, exact qualifier and statement date are reported separately as accuracy over
the matched pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = {"exact": "point", "about": "point", "up_to": "upper", "fewer_than": "upper",
          "at_least": "lower", "more_than": "lower", "range": "range", "none": "none"}


def shared_corpus() -> Path | None:
    """The development corpus file, if the shared folder is present."""
    candidates = []
    if os.environ.get("OSINT_SHARED"):
        candidates.append(Path(os.environ["OSINT_SHARED"]))
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    for base in candidates:
        path = base / "corpus" / "csis_nk_ru_timeline.json"
        if path.is_file():
            return path
    return None


def _int(value) -> int | None:
    import pandas as pd

    return None if value is None or pd.isna(value) or value == "" else int(value)


def _key(event: int, row) -> tuple:
    return (event, _int(row["figure_low"]), _int(row["figure_high"]), str(row["measure"]),
            FAMILY[str(row["qualifier"])])


def score(corpus: Path, gold_path: Path, verbose: bool = False) -> dict[str, float]:
    """Run the extractor on every event, match against the gold, print and return the scores."""
    import pandas as pd

    from osint.extract import extract_claims

    events = json.loads(corpus.read_text(encoding="utf-8"))
    gold = pd.read_csv(gold_path, dtype={"figure_low": "Int64", "figure_high": "Int64"})
    predicted = []
    for e in events:
        published = date(int(e["year"]), int(e["month"]), int(e["day"]))
        df = extract_claims(e["text"], published=published, source_url=(e.get("source") or "").strip() or None)
        df.insert(0, "event_id", int(e["id"]))
        predicted.append(df)
    pred = pd.concat(predicted, ignore_index=True)

    open_gold: dict[tuple, list[int]] = {}
    for n, row in gold.iterrows():
        open_gold.setdefault(_key(int(row["event_id"]), row), []).append(n)
    pairs, spurious = [], []
    for n, row in pred.iterrows():
        k = _key(int(row["event_id"]), row)
        if open_gold.get(k):
            pairs.append((open_gold[k].pop(0), n))
        else:
            spurious.append(n)
    missed = [n for ns in open_gold.values() for n in ns]

    tp = len(pairs)
    precision = tp / len(pred) if len(pred) else 0.0
    recall = tp / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    claimant_ok = sum(gold.at[g, "claimant"] == pred.at[p, "claimant"] for g, p in pairs)
    qualifier_ok = sum(gold.at[g, "qualifier"] == pred.at[p, "qualifier"] for g, p in pairs)
    date_ok = sum(
        str(gold.at[g, "statement_date"]) == (pred.at[p, "statement_date"].date().isoformat()
                                              if pd.notna(pred.at[p, "statement_date"]) else "")
        and gold.at[g, "date_precision"] == pred.at[p, "date_precision"] for g, p in pairs)

    print(f"events: {len(events)}  gold items: {len(gold)}  predicted: {len(pred)}  matched: {tp}")
    print(f"precision: {precision:.3f}")
    print(f"recall:    {recall:.3f}")
    print(f"F1:        {f1:.3f}")
    if tp:
        print(f"claimant accuracy (matched): {claimant_ok / tp:.3f} ({claimant_ok}/{tp})")
        print(f"qualifier exact (matched):   {qualifier_ok / tp:.3f} ({qualifier_ok}/{tp})")
        print(f"statement date (matched):    {date_ok / tp:.3f} ({date_ok}/{tp})")
    if verbose:
        cols = ["event_id", "claimant", "measure", "figure_low", "figure_high", "qualifier", "quote"]
        if spurious:
            print("\nspurious:")
            print(pred.loc[spurious, cols].to_string())
        if missed:
            print("\nmissed:")
            print(gold.loc[missed].to_string())
        wrong = [(g, p) for g, p in pairs if gold.at[g, "claimant"] != pred.at[p, "claimant"]]
        if wrong:
            print("\nclaimant differs:")
            for g, p in wrong:
                print(f"  event {gold.at[g, 'event_id']}: gold {gold.at[g, 'claimant']!r}, "
                      f"predicted {pred.at[p, 'claimant']!r}")
    return {"precision": precision, "recall": recall, "f1": f1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="corpus JSON (default: shared folder)")
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "extract_gold.csv")
    parser.add_argument("-v", "--verbose", action="store_true", help="list spurious and missed items")
    args = parser.parse_args(argv)
    corpus = args.corpus or shared_corpus()
    if corpus is None or not corpus.is_file():
        print("score_extract: the shared corpus (../shared/corpus/csis_nk_ru_timeline.json) "
              "is not present; nothing to score.")
        return 0
    score(corpus, args.gold, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
