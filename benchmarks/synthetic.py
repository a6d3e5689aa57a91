"""Synthetic claims for benchmarks: fictional claimants and sources, typed like a loaded ledger.

Example:
    >>> from synthetic import synthetic_claims
    >>> synthetic_claims(1000, claimants=12).shape[0]
    1000
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from osint.io import CATEGORIES, DATES, INTEGERS  # noqa: E402
from osint.schema import CLAIMANT_TYPES, COLUMNS  # noqa: E402

#: A typical size per measure, growing over the window (casualties faster).
BASE = {
    "pledged_or_preparing": 10000,
    "mustering_in_russia": 11000,
    "arrived_in_russia": 8000,
    "deployed_to_front": 9000,
    "in_combat": 7000,
    "casualties": 4000,
    "killed": 600,
    "wounded": 2700,
    "captured": 5,
}
PLACES = {
    "Kursk region": "region",
    "Vladivostok": "point",
    "eastern Russia": "region",
    "Russia": "country",
    "near Donetsk": "near",
    "Khabarovsk": "point",
}
WORDS = [
    "troops",
    "soldiers",
    "arrived",
    "front",
    "training",
    "deployed",
    "killed",
    "wounded",
    "captured",
    "estimate",
    "officials",
    "said",
    "intelligence",
    "briefing",
    "lawmakers",
    "region",
    "border",
    "battalion",
    "brigade",
    "convoy",
    "rail",
    "port",
]
OUTLETS = ["Example Wire", "Example Daily", "Example Monitor", "Example Gazette"]


PERSONNEL = ("combat_troops", "military_builders", "deminers", "unspecified")


def synthetic_claims(
    n: int, seed: int = 20241018, days: int = 540, claimants: int = 12, searchable: bool = False, families: int = 0
) -> pd.DataFrame:
    """``n`` synthetic claims in the ledger's typed form (contract columns and dtypes).

    About 5% re-report an earlier assertion (same claimant, date and figures, ``repeats``
    set). ``searchable`` adds places, quotes and varied outlets, for filters and search.
    ``families`` > 0 adds a ``personnel`` column (mostly combat troops) and a ``family``
    column grouping the claimants into that many source families.
    """
    rng = np.random.default_rng(seed)
    names = np.array([f"Synthetic claimant {i:02d}" for i in range(1, claimants + 1)], dtype=object)
    types = np.array([CLAIMANT_TYPES[i % len(CLAIMANT_TYPES)] for i in range(claimants)], dtype=object)
    who = rng.integers(0, claimants, n)
    measures = np.array(list(BASE), dtype=object)
    which = rng.integers(0, len(measures), n)
    offset = rng.integers(0, days, n)
    day = np.datetime64("2024-10-01") + offset.astype("timedelta64[D]")
    precision = rng.choice(np.array(["day", "week", "month"], dtype=object), n, p=[0.8, 0.1, 0.1])
    month = precision == "month"
    day[month] = day[month].astype("datetime64[M]").astype("datetime64[D]")
    fast = np.isin(measures[which], ["casualties", "killed", "wounded"])
    growth = 1 + offset / days * np.where(fast, 1.5, 0.3)
    value = np.maximum(np.array([BASE[m] for m in measures[which]]) * growth * rng.uniform(0.6, 1.4, n), 1).astype(int)
    stance = rng.choice(np.array(["asserts", "cannot_confirm", "denies"], dtype=object), n, p=[0.95, 0.03, 0.02])
    qualifier = rng.choice(
        np.array(["exact", "about", "range", "up_to", "at_least", "more_than", "fewer_than"], dtype=object), n
    )
    qualifier[stance != "asserts"] = "none"
    low = np.where(np.isin(qualifier, ["exact", "about", "at_least", "more_than"]), value, -1)
    high = np.where(np.isin(qualifier, ["exact", "about", "up_to", "fewer_than"]), value, -1)
    ranged = qualifier == "range"
    low[ranged] = (value[ranged] * 0.85).astype(int)
    high[ranged] = (value[ranged] * 1.15).astype(int) + 1
    ids = np.array([f"syn-{i:06d}" for i in range(n)], dtype=object)
    repeats = np.full(n, None, dtype=object)
    source = rng.choice(np.flatnonzero(stance == "asserts"), n)
    copy = (rng.random(n) < 0.05) & (stance == "asserts") & (source != np.arange(n))
    repeats[copy] = ids[source[copy]]  # a repeat carries its origin's claimant, date and figures
    for target in (who, which, day, precision, low, high, qualifier):
        target[copy] = target[source[copy]]
    columns = {
        "claim_id": ids,
        "statement_date": day.astype("datetime64[ns]"),
        "date_precision": precision,
        "claimant": names[who],
        "claimant_type": types[who],
        "stance": stance,
        "measure": measures[which],
        "personnel": np.full(n, "combat_troops", dtype=object),
        "figure_low": np.where(low < 0, None, low),
        "figure_high": np.where(high < 0, None, high),
        "qualifier": qualifier,
        "source_url": np.full(n, "https://example.org/synthetic", dtype=object),
        "source_outlet": np.full(n, "Synthetic", dtype=object),
        "repeats": repeats,
        "reliability": rng.choice(list("ABCDEF"), n),
        "credibility": rng.integers(1, 7, n),
    }
    if searchable:
        place = rng.integers(-3, len(PLACES), n)  # negative: no place stated
        location = np.where(place >= 0, np.array(list(PLACES), dtype=object)[np.maximum(place, 0)], None)
        columns["location"] = location
        columns["geo_precision"] = np.array([PLACES.get(p) if p else None for p in location], dtype=object)
        columns["quote"] = np.array([" ".join(rng.choice(WORDS, 8)) for _ in range(n)], dtype=object)
        columns["source_outlet"] = np.array(OUTLETS, dtype=object)[rng.integers(0, len(OUTLETS), n)]
        columns["source_url"] = np.array([f"https://example.org/synthetic/{i % 997}" for i in range(n)], dtype=object)
    frame = pd.DataFrame(index=range(n))
    if families:
        kind = rng.choice(np.array(PERSONNEL, dtype=object), n, p=[0.85, 0.05, 0.05, 0.05])
        kind[copy] = kind[source[copy]]
        family_names = np.array([f"Synthetic family {i % families:02d}" for i in range(claimants)], dtype=object)
    for column in COLUMNS:  # every ledger column, typed as the loader types it
        values = columns.get(column, [None] * n)
        if column in DATES:
            frame[column] = pd.Series(values, dtype="datetime64[ns]")
        elif column in INTEGERS:
            frame[column] = pd.array(values, dtype="Int64")
        elif column in CATEGORIES:
            frame[column] = pd.Categorical(values, dtype=CATEGORIES[column])
        else:
            frame[column] = pd.array(values, dtype="string")
    if families:
        frame["personnel"] = pd.array(kind, dtype="string")
        frame["family"] = pd.array(family_names[who], dtype="string")
    return frame
