"""Select and summarise claims: the questions an analyst asks of a ledger.

Example:
    >>> claims = load_claims("data/claims.csv")                       # doctest: +SKIP
    >>> window = filter_claims(claims, start="2024-10-01", end="2024-10-31")  # doctest: +SKIP
    >>> latest_claims(window)[["claimant", "measure", "figure_high"]]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .schema import MEASURES, PERSONNEL, RELIABILITY_GRADES


def as_list(values: str | Iterable[str] | None) -> list[str]:
    """A filter value as a list: None -> [], one string -> [it], else its items as strings."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def filter_claims(
    claims: pd.DataFrame,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    measures: str | Iterable[str] | None = None,
    claimants: str | Iterable[str] | None = None,
    min_reliability: str = "F",
    min_credibility: int = 6,
    include_repeats: bool = True,
    stances: str | Iterable[str] | None = None,
    personnel: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rows of ``claims`` inside a window and matching the given filters.

    ``start`` and ``end`` are inclusive dates (empty or None: no limit). ``measures``,
    ``claimants``, ``stances`` and ``personnel`` (the kinds of people a figure counts,
    e.g. ``"combat_troops"``) keep rows with one of the values (empty: all).
    ``min_reliability`` keeps grades at least as good (``"C"`` keeps A, B, C) and
    ``min_credibility`` likewise (``3`` keeps 1, 2, 3). Unknown measures raise ValueError
    rather than silently matching nothing.

    The result records what was chosen in ``result.attrs["selection"]`` (the filters, and
    ``of``: how many rows they were chosen from; a second filter adds to the first), so a plot
    given the rows can say what they are without filtering again.

    Example:
        >>> rows = filter_claims(claims, measures=["killed"], min_reliability="B")  # doctest: +SKIP
        >>> rows.attrs["selection"]["measures"]                            # doctest: +SKIP
        ['killed']
    """
    keep = pd.Series(True, index=claims.index)
    if start:
        keep &= claims["statement_date"] >= pd.Timestamp(start)
    if end:
        keep &= claims["statement_date"] <= pd.Timestamp(end)
    wanted_measures = as_list(measures)
    unknown = sorted(set(wanted_measures) - set(MEASURES))
    if unknown:
        raise ValueError(f"unknown measure(s) {unknown}; known: {', '.join(MEASURES)}")
    if wanted_measures:
        keep &= claims["measure"].isin(wanted_measures)
    wanted_personnel = as_list(personnel)
    unknown = sorted(set(wanted_personnel) - set(PERSONNEL))
    if unknown:
        raise ValueError(f"unknown personnel {unknown}; known: {', '.join(PERSONNEL)}")
    if wanted_personnel:
        keep &= claims["personnel"].isin(wanted_personnel)
    wanted_claimants = as_list(claimants)
    if wanted_claimants:
        keep &= claims["claimant"].isin(wanted_claimants)
    wanted_stances = as_list(stances)
    if wanted_stances:
        keep &= claims["stance"].isin(wanted_stances)
    if min_reliability not in RELIABILITY_GRADES:
        raise ValueError(f"min_reliability must be one of {', '.join(RELIABILITY_GRADES)}, got {min_reliability!r}")
    if min_reliability != "F":
        keep &= claims["reliability"] <= min_reliability
    if not 1 <= int(min_credibility) <= 6:
        raise ValueError(f"min_credibility must be from 1 to 6, got {min_credibility!r}")
    if int(min_credibility) != 6:
        keep &= claims["credibility"] <= int(min_credibility)
    if not include_repeats:
        keep &= claims["repeats"].isna()
    selected = claims.loc[keep.fillna(False).astype(bool)]
    before = dict(claims.attrs.get("selection") or {})
    chosen = {
        "start": str(start or "") or before.get("start", ""),
        "end": str(end or "") or before.get("end", ""),
        "measures": wanted_measures or before.get("measures", []),
        "claimants": wanted_claimants or before.get("claimants", []),
        "stances": wanted_stances or before.get("stances", []),
        "min_reliability": min(min_reliability, before.get("min_reliability", "F")),
        "min_credibility": min(int(min_credibility), int(before.get("min_credibility", 6))),
        "include_repeats": include_repeats and before.get("include_repeats", True),
        "of": int(before.get("of", len(claims))),
    }
    selected.attrs = {**claims.attrs, "selection": chosen}
    return selected


def independent_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Rows that assert a figure in their own right: stance ``asserts`` and not a repeat."""
    mask = (claims["stance"] == "asserts") & claims["repeats"].isna()
    return claims.loc[mask & (claims["figure_low"].notna() | claims["figure_high"].notna())]


def series_keys(claims: pd.DataFrame) -> list[str]:
    """The columns that make one series of figures: measure and the kind of personnel.

    Figures of different kinds (combat troops, military builders, deminers, ...) are never
    joined or compared, so every grouping of figures starts with these columns.

    Example:
        >>> series_keys(claims)                                        # doctest: +SKIP
        ['measure', 'personnel']
    """
    return ["measure", "personnel"] if "personnel" in claims.columns else ["measure"]


def latest_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The latest independent figure of each claimant for each measure and kind of personnel.

    One row per (measure, personnel, claimant): the row with the latest statement_date (the
    last in the ledger when two share a date), so the NIS's builders never replace its
    combat-troop figure. Ordered by measure, personnel, then newest first.

    Example:
        >>> latest_claims(claims).loc[:, ["measure", "personnel", "claimant"]]  # doctest: +SKIP
    """
    own = independent_claims(claims)
    keys = series_keys(own)
    ordered = own.assign(_row=range(len(own))).sort_values(["statement_date", "_row"])
    latest = ordered.groupby([*keys, "claimant"], observed=True, sort=False).tail(1)
    return latest.drop(columns="_row").sort_values([*keys, "statement_date"], ascending=[True] * len(keys) + [False])
