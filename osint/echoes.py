"""First said, then echoed: who put a figure out first, and which families repeated it after.

A *figure* here is a (measure, personnel, number) as stated: "about 14,000" and "more than
14,000" are the same number, 14,000 (the qualifier is kept in the chain); a range is its
two ends. For each figure, the chain lists each source family once, at the first time it
said that figure, in order, with the lag in days after the first. Repeats (``repeats``)
and relayed claims belong to the family of the claim they carry, so they never start a
new link; they are counted in the link's ``statements``.

Example:
    >>> claims = osint.load_claims("data/claims.csv")     # doctest: +SKIP
    >>> chains = echo_chains(claims)                       # doctest: +SKIP
    >>> print(format_echo_chain(chains, chains.chain.iloc[0]))  # doctest: +SKIP
    10,000 (pledged or preparing): first Volodymyr Zelensky (17 Oct 2024)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .consensus import require_personnel
from .families import ClaimantFamilies, PathLike, claim_families, family_label

__all__ = ["ECHO_COLUMNS", "echo_chains", "format_echo_chain", "echo_sentences", "echo_position"]

ECHO_COLUMNS = (
    "chain",
    "measure",
    "personnel",
    "figure_low",
    "figure_high",
    "order",
    "family",
    "claimant",
    "claim_id",
    "date",
    "lag_days",
    "qualifier",
    "location",
    "statements",
    "claim_ids",
    "families_in_chain",
)


def _with_families(claims: pd.DataFrame, claimants: ClaimantFamilies | PathLike | None) -> pd.Series:
    if "family" in claims.columns and claims["family"].notna().all():
        return claims["family"].astype("string")
    return claim_families(claims, claimants)["family"].astype("string")


def echo_chains(claims: pd.DataFrame, claimants: ClaimantFamilies | PathLike | None = None) -> pd.DataFrame:
    """Every figure's chain: one row per (figure, family), the first family first.

    Columns (:data:`ECHO_COLUMNS`): ``chain`` (a number per figure), ``measure``,
    ``personnel``, ``figure_low``/``figure_high`` (the number or range), ``order`` (0 for
    the first family), ``family``, ``claimant``, ``claim_id``, ``date`` and ``qualifier`` of
    that family's first statement of the figure, ``lag_days`` after the chain's first,
    ``statements`` (the family's rows of this figure, repeats included), ``claim_ids``, and
    ``families_in_chain``. Only ``asserts`` rows with a figure take part; ties on a date
    keep ledger order.

    Example:
        >>> echo_chains(claims).query("families_in_chain > 1")  # doctest: +SKIP
    """
    require_personnel(claims)
    low = pd.to_numeric(claims["figure_low"], errors="coerce")
    high = pd.to_numeric(claims["figure_high"], errors="coerce")
    keep = (claims["stance"].astype("string") == "asserts").fillna(False).to_numpy() & (
        low.notna() | high.notna()
    ).to_numpy()
    keep &= claims["statement_date"].notna().to_numpy()
    rows = pd.DataFrame(
        {
            "measure": claims["measure"].astype("string"),
            "personnel": claims["personnel"].astype("string"),
            "figure_low": low.fillna(high),
            "figure_high": high.fillna(low),
            "family": _with_families(claims, claimants),
            "claimant": claims["claimant"].astype("string"),
            "claim_id": claims["claim_id"].astype("string"),
            "date": claims["statement_date"],
            "qualifier": claims["qualifier"].astype("string"),
            "location": claims["location"].astype("string") if "location" in claims else pd.NA,
            "is_repeat": claims["repeats"].notna() if "repeats" in claims else False,
            "_row": np.arange(len(claims)),
        }
    ).loc[keep]
    figure = ["measure", "personnel", "figure_low", "figure_high"]
    # Within a family, an own statement comes before a repeat of the same day.
    rows = rows.sort_values([*figure, "family", "date", "is_repeat", "_row"], kind="stable")
    link = rows.groupby([*figure, "family"], sort=False).ngroup().to_numpy()
    starts = np.flatnonzero(np.r_[True, link[1:] != link[:-1]]) if len(link) else np.array([], dtype=int)
    first = rows.iloc[starts].copy()
    first["statements"] = np.diff(np.r_[starts, len(rows)]).astype("int64")
    ids = rows["claim_id"].to_numpy(dtype=object)
    first["claim_ids"] = [tuple(part.tolist()) for part in np.split(ids, starts[1:])] if len(starts) else []
    first = first.sort_values([*figure, "date", "_row"], kind="stable")
    chain = first.groupby(figure, sort=False)
    first["chain"] = chain.ngroup()
    first["order"] = chain.cumcount()
    first["lag_days"] = (first["date"] - chain["date"].transform("min")).dt.days.astype("int64")
    first["families_in_chain"] = chain["family"].transform("size").astype("int64")
    out = first.sort_values(["chain", "order"]).reset_index(drop=True)
    return out.loc[:, list(ECHO_COLUMNS)]


def _figure_text(low: float, high: float) -> str:
    return f"{int(low):,}" if low == high else f"{int(low):,}–{int(high):,}"


def _day(value) -> str:
    t = pd.Timestamp(value)
    return f"{t.day} {t:%b %Y}"


def _lag(days: int) -> str:
    if days == 0:
        return "same day"
    return f"+{days} day" + ("" if days == 1 else "s")


def format_echo_chain(chains: pd.DataFrame, chain: int, names: str = "claimant") -> str:
    """One chain in words: "10,000 in Kursk region: first A (4 Nov 2024), then B (+1 day)".

    ``names`` is ``"claimant"`` (the claimant who spoke for the family) or ``"family"``.

    Example:
        >>> chains = pd.DataFrame({"chain": [0, 0], "measure": "arrived_in_russia",
        ...     "personnel": "combat_troops", "figure_low": 10000.0, "figure_high": 10000.0,
        ...     "order": [0, 1], "family": ["gov:US", "NATO"], "claimant": ["US Department of Defense", "NATO"],
        ...     "date": pd.to_datetime(["2024-11-04", "2024-11-05"]), "lag_days": [0, 1],
        ...     "location": ["Kursk region", "Kursk region"]})
        >>> format_echo_chain(chains, 0)
        '10,000 in Kursk region: first US Department of Defense (4 Nov 2024), then NATO (+1 day)'
    """
    links = chains.loc[chains["chain"] == chain].sort_values("order")
    if links.empty:
        raise KeyError(f"no echo chain {chain!r}")
    head = links.iloc[0]
    where = head.get("location")
    text = _figure_text(head["figure_low"], head["figure_high"])
    if isinstance(where, str) and where:
        text += f" in {where}"

    def who(r) -> str:
        return family_label(r["family"]) if names == "family" else str(r[names])

    def said(r) -> str:
        if "qualifier" not in r or r["qualifier"] == head.get("qualifier") or r["qualifier"] in ("exact", "range"):
            return ""
        words = str(r["qualifier"]).replace("_", " ")
        return f"{words} {_figure_text(r['figure_low'], r['figure_high'])}, "

    parts = [f"first {who(head)} ({_day(head['date'])})"]
    later = [f"{who(r)} ({said(r)}{_lag(int(r['lag_days']))})" for _, r in links.iloc[1:].iterrows()]
    if later:
        parts.append("then " + ", ".join(later))
    return f"{text}: " + ", ".join(parts)


def echo_sentences(chains: pd.DataFrame, min_families: int = 2, names: str = "claimant") -> list[str]:
    """:func:`format_echo_chain` for every chain with at least ``min_families`` families.

    Example:
        >>> echo_sentences(echo_chains(claims))  # doctest: +SKIP
    """
    wanted = chains.loc[chains["families_in_chain"] >= min_families, "chain"].unique()
    return [format_echo_chain(chains, int(c), names) for c in wanted]


def echo_position(
    claims: pd.DataFrame,
    claim_id: str,
    chains: pd.DataFrame | None = None,
    claimants: ClaimantFamilies | PathLike | None = None,
) -> dict:
    """A claim's family and its place in the echo chain of its figure (for a picked claim).

    Returns ``claim_id``, ``family``, ``family_label``, ``family_rule``, and, when the claim
    states a figure: ``chain``, ``order`` (0 = its family said it first), ``first_claim_id``,
    ``first_claimant``, ``first_date``, ``lag_days`` (of the claim itself after the first),
    ``families_in_chain`` and ``sentence``.

    Example:
        >>> echo_position(claims, "nkr-0008")["family_rule"]  # doctest: +SKIP
        'repeats'
    """
    ids = claims["claim_id"].astype("string")
    if not (ids == claim_id).any():
        raise KeyError(f"no claim {claim_id!r} in these claims")
    fam = claim_families(claims, claimants) if "family_rule" not in claims else claims[["family", "family_rule"]]
    at = int(np.flatnonzero((ids == claim_id).to_numpy())[0])
    family = str(fam["family"].iloc[at])
    info: dict[str, Any] = {
        "claim_id": claim_id,
        "family": family,
        "family_label": family_label(family),
        "family_rule": str(fam["family_rule"].iloc[at]),
        "chain": None,
    }
    chains = echo_chains(claims, claimants) if chains is None else chains
    hit = chains.loc[chains["claim_ids"].map(lambda t: claim_id in t)]
    if hit.empty:
        return info
    link = hit.iloc[0]
    links = chains.loc[chains["chain"] == link["chain"]].sort_values("order")
    head = links.iloc[0]
    own_date = pd.Timestamp(claims["statement_date"].iloc[at])
    info.update(
        chain=int(link["chain"]),
        order=int(link["order"]),
        first_claim_id=str(head["claim_id"]),
        first_claimant=str(head["claimant"]),
        first_date=pd.Timestamp(head["date"]),
        lag_days=int((own_date - pd.Timestamp(head["date"])).days),
        families_in_chain=int(link["families_in_chain"]),
        sentence=format_echo_chain(chains, int(link["chain"])),
    )
    return info
