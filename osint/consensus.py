"""What is established, by how many independent source families, and as of when.

:func:`consensus` turns claims into a band per measure and kind of personnel: at each date
at which the picture changes, the span of the figures that the *latest current claim of
each source family* states, how many families stand behind it, whether their stated
intervals overlap (and where), and which claims it rests on. The method is written out
for checking by hand in ``data/METHOD.md``; in short:

* only claims graded at least ``min_reliability`` / ``min_credibility`` count; a
  ``repeats`` row adds nothing (its origin is already there);
* a family's newest statement on a series replaces its older ones; a statement is current
  from its ``statement_date`` for ``stale_days`` days;
* "up to" / "fewer than" bound from above only, "at least" / "more than" from below only,
  "about" is widened by ``about_tolerance`` (±10 %) when testing overlap;
* a ``cannot_confirm`` or ``denies`` statement sets no figure: it withdraws its family's
  earlier figure and is counted in ``dissenting``.

Example:
    >>> claims = osint.load_claims("data/claims.csv")              # doctest: +SKIP
    >>> bands = consensus(claims, stale_days=120)                  # doctest: +SKIP
    >>> bands.loc[bands.measure == "casualties", ["date", "low", "high", "families"]]  # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from typing import Iterable

import numpy as np
import pandas as pd

from .families import ClaimantFamilies, PathLike, claim_families, family_label
from .schema import PERSONNEL, RELIABILITY_GRADES

__all__ = [
    "PERSONNEL",
    "DEFAULT_STALE_DAYS",
    "DEFAULT_ABOUT_TOLERANCE",
    "BAND_COLUMNS",
    "require_personnel",
    "with_personnel",
    "family_positions",
    "positions",
    "consensus",
    "band_at",
    "format_band",
    "consensus_sentences",
    "divergence",
]

PERSONNEL_LABELS = {p: p.replace("_", " ") for p in PERSONNEL}
#: Days a statement stays current when no newer statement of its family replaces it.
DEFAULT_STALE_DAYS = 120
#: "about 3,000" is read as 3,000 ± 10 % when testing whether families agree.
DEFAULT_ABOUT_TOLERANCE = 0.10
SERIES = ["measure", "personnel"]
FLOOR = ("exact", "about", "range", "at_least", "more_than")
CEILING = ("exact", "about", "range", "up_to", "fewer_than")
BAND_COLUMNS = (
    "measure",
    "personnel",
    "date",
    "until",
    "low",
    "high",
    "overlap_low",
    "overlap_high",
    "agree",
    "families",
    "family_names",
    "claim_ids",
    "dissenting",
    "dissent_ids",
)
_POSITION_COLUMNS = (
    "measure",
    "personnel",
    "family",
    "start",
    "end",
    "kind",
    "low",
    "high",
    "lo_end",
    "hi_end",
    "has_floor",
    "has_ceiling",
    "figure",
    "claim_ids",
    "claimants",
)


def require_personnel(claims: pd.DataFrame) -> None:
    """Raise ValueError when ``claims`` has no ``personnel`` column (or unknown values)."""
    if "personnel" not in claims.columns:
        raise ValueError(
            "the claims have no 'personnel' column: consensus bands never join different kinds of "
            "people, so each claim must say what its figure counts (" + ", ".join(PERSONNEL) + "). "
            "Load the ledger with osint.load_claims, or add the column."
        )
    values = claims["personnel"].astype("string")
    bad = sorted(set(values.dropna().unique()) - set(PERSONNEL)) + (["(empty)"] if values.isna().any() else [])
    if bad:
        raise ValueError(f"unknown personnel value(s) {bad}; known: {', '.join(PERSONNEL)}")


def with_personnel(claims: pd.DataFrame, default: str = "unspecified") -> pd.DataFrame:
    """``claims`` as they are when they have a ``personnel`` column; else a marked copy.

    A ledger written before the column existed gets ``default`` on every row and a note in
    ``attrs["personnel_note"]`` that reports show, so a band that may join different kinds
    of people is never presented silently as one kind.

    Example:
        >>> frame = with_personnel(pd.DataFrame({"claim_id": ["a"]}))
        >>> frame["personnel"].tolist(), bool(frame.attrs["personnel_note"])
        (['unspecified'], True)
    """
    if "personnel" in claims.columns:
        return claims
    if default not in PERSONNEL:
        raise ValueError(f"default personnel must be one of {', '.join(PERSONNEL)}, got {default!r}")
    out = claims.copy()
    out["personnel"] = pd.Series(default, index=claims.index, dtype="string")
    out.attrs["personnel_note"] = (
        f"This ledger has no personnel column, so every figure is read as '{default}': its bands may join "
        "different kinds of people (combat troops, builders, deminers). Add the column to keep them apart."
    )
    return out


def _grade_mask(claims: pd.DataFrame, min_reliability: str, min_credibility: int) -> np.ndarray:
    if min_reliability not in RELIABILITY_GRADES:
        raise ValueError(f"min_reliability must be one of {', '.join(RELIABILITY_GRADES)}, got {min_reliability!r}")
    if not 1 <= int(min_credibility) <= 6:
        raise ValueError(f"min_credibility must be from 1 to 6, got {min_credibility!r}")
    rank = _lookup(claims["reliability"], {g: i for i, g in enumerate(RELIABILITY_GRADES)}, -1)
    cred = pd.to_numeric(claims["credibility"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return (
        (rank >= 0)
        & (rank <= RELIABILITY_GRADES.index(min_reliability))
        & (np.nan_to_num(cred, nan=9) <= int(min_credibility))
    )


def _families(claims: pd.DataFrame, claimants: ClaimantFamilies | PathLike | None) -> pd.Series:
    if "family" in claims.columns and claims["family"].notna().all():
        return claims["family"]
    return claim_families(claims, claimants)["family"]


def _lookup(column: pd.Series, table: dict, missing):
    """``table[value]`` for every value of ``column`` (``missing`` when absent), by category."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lut = np.array([table.get(c, missing) for c in column.cat.categories] + [missing])
        return lut[column.cat.codes.to_numpy()]
    values = column.astype("string").to_numpy(dtype=object, na_value=None)
    return np.array([table.get(v, missing) for v in values]) if len(values) else np.zeros(0, dtype=type(missing))


def _isin(column: pd.Series, values) -> np.ndarray:
    return _lookup(column, dict.fromkeys(values, True), False).astype(bool)


def _raw_positions(
    claims: pd.DataFrame,
    stale_days: int | None = DEFAULT_STALE_DAYS,
    min_reliability: str = "F",
    min_credibility: int = 6,
    about_tolerance: float = DEFAULT_ABOUT_TOLERANCE,
    claimants: ClaimantFamilies | PathLike | None = None,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Positions as day numbers, with the claim ids and ledger rows they rest on (by ``first``/``n``)."""
    require_personnel(claims)
    if about_tolerance < 0:
        raise ValueError(f"about_tolerance must be 0 or more, got {about_tolerance!r}")
    if stale_days is not None and int(stale_days) < 1:
        raise ValueError(f"stale_days must be 1 or more (or None: never stale), got {stale_days!r}")
    f_all, f_names = pd.factorize(_families(claims, claimants), sort=True)
    low = pd.to_numeric(claims["figure_low"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    high = pd.to_numeric(claims["figure_high"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    has_figure = _isin(claims["stance"], ["asserts"]) & ~(np.isnan(low) & np.isnan(high))
    dissent = _isin(claims["stance"], ["cannot_confirm", "denies"])
    repeat = claims["repeats"].notna().to_numpy() if "repeats" in claims else np.zeros(len(claims), bool)
    keep = (has_figure | dissent) & ~repeat & _grade_mask(claims, min_reliability, min_credibility)
    keep &= claims["statement_date"].notna().to_numpy()
    idx = np.flatnonzero(keep)
    floor = _isin(claims["qualifier"], FLOOR)[idx] & has_figure[idx]
    ceiling = _isin(claims["qualifier"], CEILING)[idx] & has_figure[idx]
    about = _isin(claims["qualifier"], ["about"])[idx]
    lo, hi = low[idx], high[idx]
    stated_lo = np.where(np.isnan(lo), hi, lo)
    stated_hi = np.where(np.isnan(hi), lo, hi)
    lo_end = np.where(floor, np.where(about, lo * (1 - about_tolerance), lo), np.nan)
    hi_end = np.where(ceiling, np.where(about, hi * (1 + about_tolerance), hi), np.nan)
    day = claims["statement_date"].to_numpy()[idx].astype("datetime64[D]").astype(np.int64)
    m_all, m_names = pd.factorize(claims["measure"], sort=True)
    p_all, p_names = pd.factorize(claims["personnel"], sort=True)
    m_code, p_code, f_code = m_all[idx], p_all[idx], f_all[idx]
    is_fig = has_figure[idx]
    # Group rows by (measure, personnel, family, day); ledger order within a group.
    order = np.lexsort((idx, day, f_code, p_code, m_code))
    keys = np.stack([m_code[order], p_code[order], f_code[order], day[order]])

    def starts_of(k: np.ndarray) -> np.ndarray:
        return np.flatnonzero(np.r_[True, (k[:, 1:] != k[:, :-1]).any(axis=0)]) if k.shape[1] else np.zeros(0, int)

    # A family's figure and its dissent on the same day: the figure is its position.
    starts = starts_of(keys)
    group = np.cumsum(np.r_[False, np.isin(np.arange(1, len(order)), starts)]) if len(order) else np.zeros(0, int)
    any_fig = np.maximum.reduceat(is_fig[order], starts) if len(starts) else np.zeros(0, bool)
    order = order[is_fig[order] | ~any_fig[group]]
    keys = np.stack([m_code[order], p_code[order], f_code[order], day[order]])
    starts = starts_of(keys)
    n = np.diff(np.r_[starts, len(order)])

    def reduce(ufunc, values: np.ndarray) -> np.ndarray:
        return ufunc.reduceat(values[order], starts) if len(starts) else values[:0]

    at = order[starts]
    pos = pd.DataFrame(
        {
            "measure": pd.Categorical.from_codes(m_code[at], categories=pd.Index(m_names, dtype=object)),
            "personnel": pd.Categorical.from_codes(p_code[at], categories=pd.Index(p_names, dtype=object)),
            "family": pd.Categorical.from_codes(f_code[at], categories=pd.Index(f_names, dtype=object)),
            "m": m_code[at],
            "p": p_code[at],
            "f": f_code[at],
            "day": day[at],
            "is_figure": reduce(np.maximum, is_fig),
            "low": reduce(np.fmin, np.where(is_fig, stated_lo, np.nan)),
            "high": reduce(np.fmax, np.where(is_fig, stated_hi, np.nan)),
            "lo_end": reduce(np.minimum, np.where(floor, lo_end, -np.inf)),
            "hi_end": reduce(np.maximum, np.where(ceiling, hi_end, np.inf)),
            "has_floor": reduce(np.maximum, floor),
            "has_ceiling": reduce(np.maximum, ceiling),
            "n": n,
            "first": starts.astype(np.int64),
        }
    )
    ids = claims["claim_id"].to_numpy(dtype=object)[idx[order]]
    rows = idx[order]  # ledger positions, for the claimants of the readable form
    k = pos[["m", "p", "f"]].to_numpy()
    same = (k == np.roll(k, -1, axis=0)).all(axis=1)
    same[-1:] = False
    nxt = np.where(same, np.roll(pos["day"].to_numpy(), -1), np.iinfo(np.int64).max)
    stale = np.iinfo(np.int64).max if stale_days is None else pos["day"].to_numpy() + int(stale_days)
    pos["end_day"] = np.minimum(nxt, stale)
    return pos, ids, rows


def _positions_frame(pos: pd.DataFrame, ids: np.ndarray, who: np.ndarray) -> pd.DataFrame:
    """The public, readable form of :func:`_raw_positions` rows."""
    first, n = pos["first"].to_numpy(), pos["n"].to_numpy()
    never = pos["end_day"].to_numpy() == np.iinfo(np.int64).max
    out = pd.DataFrame(
        {
            "measure": pos["measure"].astype(object).astype("string"),
            "personnel": pos["personnel"].astype(object).astype("string"),
            "family": pos["family"].astype(object).astype("string"),
            "start": pos["day"].to_numpy().astype("datetime64[D]").astype("datetime64[ns]"),
            "end": np.where(never, np.datetime64("NaT"), pos["end_day"].to_numpy().astype("datetime64[D]")).astype(
                "datetime64[ns]"
            ),
            "kind": np.where(pos["is_figure"], "figure", "dissent"),
            "low": pos["low"],
            "high": pos["high"],
            "lo_end": pos["lo_end"].replace(-np.inf, np.nan),
            "hi_end": pos["hi_end"].replace(np.inf, np.nan),
            "has_floor": pos["has_floor"],
            "has_ceiling": pos["has_ceiling"],
            "figure": (pos["low"] + pos["high"]) / 2,
            "claim_ids": [tuple(ids[f : f + k]) for f, k in zip(first, n)],
            "claimants": [tuple(dict.fromkeys(who[f : f + k])) for f, k in zip(first, n)],
        }
    )
    return out


def _solve(pos: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Change points of every series and which positions are current at each.

    Returns the rows (series keys, day), and two aligned arrays: for every current
    (row, position) pair, the row index and the position index, sorted by row.
    """
    m_code, m_names = pos["measure"].cat.codes.to_numpy(), pos["measure"].cat.categories
    p_code, p_names = pos["personnel"].cat.codes.to_numpy(), pos["personnel"].cat.categories
    series = m_code.astype(np.int64) * max(len(p_names), 1) + p_code
    start = pos["day"].to_numpy(np.int64)
    end = pos["end_day"].to_numpy(np.int64)
    open_end = end == np.iinfo(np.int64).max
    end = np.where(open_end, 0, end)
    span = 1 << 32  # days are below 2**31 for any real date
    base = series * span + (1 << 31)
    keys = np.unique(np.concatenate([base + start, (base + end)[~open_end]]))
    lo_idx = np.searchsorted(keys, base + start, "left")
    hi_idx = np.where(
        open_end, np.searchsorted(keys, base + span - (1 << 31), "left"), np.searchsorted(keys, base + end, "left")
    )
    counts = hi_idx - lo_idx
    cell_pos = np.repeat(np.arange(len(pos)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    cell_row = np.repeat(lo_idx, counts) + offsets
    order = np.lexsort((cell_pos, cell_row))
    row_series = keys // span
    rows = pd.DataFrame(
        {
            "measure": np.asarray(m_names, dtype=object)[row_series // max(len(p_names), 1)] if len(keys) else [],
            "personnel": np.asarray(p_names, dtype=object)[row_series % max(len(p_names), 1)] if len(keys) else [],
            "day": keys - row_series * span - (1 << 31),
        }
    )
    return rows, cell_row[order], cell_pos[order]


def _split(values: np.ndarray, cell_row: np.ndarray, n_rows: int) -> list[tuple]:
    bounds = np.searchsorted(cell_row, np.arange(n_rows + 1)).tolist()
    items = values.tolist()
    return [tuple(items[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def _reduce(ufunc, values: np.ndarray, cell_row: np.ndarray, n_rows: int, empty: float) -> np.ndarray:
    out = np.full(n_rows, empty, dtype="float64")
    if len(values):
        starts = np.flatnonzero(np.r_[True, cell_row[1:] != cell_row[:-1]])
        out[cell_row[starts]] = ufunc.reduceat(values, starts)
    return out


def consensus(
    claims: pd.DataFrame,
    stale_days: int | None = DEFAULT_STALE_DAYS,
    min_reliability: str = "F",
    min_credibility: int = 6,
    about_tolerance: float = DEFAULT_ABOUT_TOLERANCE,
    claimants: ClaimantFamilies | PathLike | None = None,
) -> pd.DataFrame:
    """The consensus band: one row per (measure, personnel, date at which the picture changes).

    Columns (see :data:`BAND_COLUMNS`): ``date`` and ``until`` (the next change, NaT for the
    last); ``low``/``high`` the span of the figures the families' current claims state (NaN
    where no claim bounds that side: only "up to" claims leave ``low`` empty, only "at least"
    claims ``high``); ``overlap_low``/``overlap_high`` the interval all families' claims
    share (NaN when they do not overlap, or that side is open) and ``agree`` whether they
    share one; ``families`` the number of families with a current figure, ``family_names``
    and ``claim_ids`` (tuples) the families and claims behind it; ``dissenting`` and
    ``dissent_ids`` the families whose newest statement is "cannot confirm" or "denies".
    ``claims`` needs a ``personnel`` column; a ``family`` column, when present and filled,
    is used as is (else families come from :func:`osint.families.claim_families`).

    Example:
        >>> bands = consensus(claims, stale_days=90, min_reliability="C")  # doctest: +SKIP
    """
    pos, ids, _who = _raw_positions(claims, stale_days, min_reliability, min_credibility, about_tolerance, claimants)
    rows, cell_row, cell_pos = _solve(pos)
    n = len(rows)
    is_fig = pos["is_figure"].to_numpy()[cell_pos]
    fr, fp = cell_row[is_fig], cell_pos[is_fig]
    dr, dp = cell_row[~is_fig], cell_pos[~is_fig]
    col = {c: pos[c].to_numpy("float64") for c in ("low", "high", "lo_end", "hi_end")}
    floors = _reduce(np.add, pos["has_floor"].to_numpy("float64")[fp], fr, n, 0)
    ceilings = _reduce(np.add, pos["has_ceiling"].to_numpy("float64")[fp], fr, n, 0)
    low = np.where(floors > 0, _reduce(np.fmin, col["low"][fp], fr, n, np.nan), np.nan)
    high = np.where(ceilings > 0, _reduce(np.fmax, col["high"][fp], fr, n, np.nan), np.nan)
    ov_lo = _reduce(np.maximum, col["lo_end"][fp], fr, n, np.nan)
    ov_hi = _reduce(np.minimum, col["hi_end"][fp], fr, n, np.nan)
    families = _reduce(np.add, np.ones(len(fp)), fr, n, 0).astype(np.int64)
    agree = (families > 0) & (ov_lo <= ov_hi)
    first, count = pos["first"].to_numpy(), pos["n"].to_numpy()

    def claim_ids(rr: np.ndarray, pp: np.ndarray) -> list[tuple]:
        k = count[pp]
        flat = np.repeat(first[pp], k) + (np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k))
        return _split(ids[flat], np.repeat(rr, k), n)

    day = rows["day"].to_numpy()
    same_series = (rows["measure"].to_numpy() == np.roll(rows["measure"].to_numpy(), -1)) & (
        rows["personnel"].to_numpy() == np.roll(rows["personnel"].to_numpy(), -1)
    )
    if n:
        same_series[-1] = False
    until = np.where(same_series, np.roll(day, -1), 0)
    out = pd.DataFrame(
        {
            "measure": rows["measure"].astype("string"),
            "personnel": rows["personnel"].astype("string"),
            "date": day.astype("datetime64[D]").astype("datetime64[ns]"),
            "until": np.where(same_series, until.astype("datetime64[D]"), np.datetime64("NaT")).astype(
                "datetime64[ns]"
            ),
            "low": low,
            "high": high,
            "overlap_low": np.where(agree & np.isfinite(ov_lo), ov_lo, np.nan),
            "overlap_high": np.where(agree & np.isfinite(ov_hi), ov_hi, np.nan),
            "agree": agree,
            "families": families,
            "family_names": _split(pos["family"].to_numpy(dtype=object)[fp], fr, n),
            "claim_ids": claim_ids(fr, fp),
            "dissenting": _reduce(np.add, np.ones(len(dp)), dr, n, 0).astype(np.int64),
            "dissent_ids": claim_ids(dr, dp),
        },
        columns=list(BAND_COLUMNS),
    )
    out.attrs.update(
        stale_days=stale_days,
        min_reliability=min_reliability,
        min_credibility=min_credibility,
        about_tolerance=about_tolerance,
    )
    return out


def family_positions(claims: pd.DataFrame, **options) -> pd.DataFrame:
    """Each family's position on each series, and the days it holds: the inputs of the band.

    One row per (measure, personnel, family, statement date): ``kind`` ``figure`` (with
    ``low``/``high`` the figures as stated, ``lo_end``/``hi_end`` the interval used for
    overlap, NaN where open, ``figure`` their middle) or ``dissent``; current from ``start``
    until ``end`` (exclusive: the family's next statement, or ``start + stale_days``; NaT
    when it never goes stale); ``claim_ids`` and ``claimants`` behind it. ``options`` as
    for :func:`consensus`.

    Example:
        >>> family_positions(claims, stale_days=90)[["family", "start", "end", "figure"]]  # doctest: +SKIP
    """
    pos, ids, rows = _raw_positions(claims, **options)
    return _positions_frame(pos, ids, claims["claimant"].to_numpy(dtype=object)[rows])


#: Short name of :func:`family_positions`.
positions = family_positions


def band_at(bands: pd.DataFrame, when: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """The band row in effect on ``when`` for each (measure, personnel); default: the last row.

    Example:
        >>> band_at(consensus(claims), "2025-05-01")  # doctest: +SKIP
    """
    rows = bands if when is None else bands.loc[bands["date"] <= pd.Timestamp(when)]
    return rows.groupby(SERIES, sort=True, observed=True).tail(1).reset_index(drop=True)


def _n(value: float) -> str:
    return f"{int(round(value)):,}"


def format_band(low: float, high: float) -> str:
    """A band's span in words.

    Example:
        >>> format_band(14000, 15000), format_band(14000, float("nan")), format_band(float("nan"), 12000)
        ('14,000–15,000', '14,000 or more', 'up to 12,000')
    """
    if pd.isna(low) and pd.isna(high):
        return "no figure"
    if pd.isna(low):
        return f"up to {_n(high)}"
    if pd.isna(high):
        return f"{_n(low)} or more"
    return _n(low) if round(low) == round(high) else f"{_n(low)}–{_n(high)}"


def _day(value) -> str:
    return f"{pd.Timestamp(value).day} {pd.Timestamp(value):%b %Y}"


def _series_label(measure: str, personnel: str) -> str:
    from .style import MEASURE_LABELS

    text = MEASURE_LABELS.get(measure, measure)
    return f"{text[:1].upper()}{text[1:]} ({PERSONNEL_LABELS.get(personnel, personnel)})"


def consensus_sentences(
    claims: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    measures: Iterable[str] | None = None,
    bands: pd.DataFrame | None = None,
    **options,
) -> list[str]:
    """One sentence per (measure, personnel): the band, its independent families, as of when.

    ``as_of`` defaults to the latest statement date in ``claims``; ``options`` go to
    :func:`consensus` (or pass ready ``bands``).

    Example:
        >>> consensus_sentences(claims, measures=["casualties"])  # doctest: +SKIP
        ['Casualties (killed + wounded) (combat troops): 4,000–5,000 ...']
    """
    if bands is None:
        bands = consensus(claims, **options)
    if as_of is None and len(claims):
        as_of = claims["statement_date"].max()
    wanted = list(measures or [])
    rows = band_at(bands, as_of)
    if wanted:
        rows = rows.loc[rows["measure"].isin(wanted)]
    out = []
    for r in rows.itertuples(index=False):
        label = _series_label(r.measure, r.personnel)
        if r.families == 0:
            earlier = bands.loc[
                (bands.measure == r.measure)
                & (bands.personnel == r.personnel)
                & (bands.date < r.date)
                & (bands.families > 0)
            ]
            last = earlier.iloc[-1] if len(earlier) else None
            text = f"{label}: no current figure as of {_day(as_of or r.date)}"
            if last is not None:
                text += (
                    f"; the last band, {format_band(last.low, last.high)} from "
                    f"{_families_text(last.family_names)}, went stale on {_day(r.date)}"
                )
            out.append(text + ".")
            continue
        text = (
            f"{label}: {format_band(r.low, r.high)}, from {_families_text(r.family_names)} "
            f"(claims {', '.join(r.claim_ids)}), as of {_day(r.date)}"
        )
        if r.families > 1:
            text += "; their figures overlap" if r.agree else "; their figures do not overlap"
            if r.agree and not (pd.isna(r.overlap_low) and pd.isna(r.overlap_high)):
                text += f" at {format_band(r.overlap_low, r.overlap_high)}"
        if r.dissenting:
            text += f"; {r.dissenting} famil{'y' if r.dissenting == 1 else 'ies'} cannot confirm or deny"
        out.append(text + ".")
    return out


def _families_text(names: tuple) -> str:
    k = len(names)
    listed = ", ".join(family_label(f) for f in names)
    return f"{k} independent source famil{'y' if k == 1 else 'ies'} ({listed})"


def divergence(claims: pd.DataFrame, **options) -> pd.DataFrame:
    """How far each family's figure runs from the other families' current figures.

    One row per figure position that had at least one other family current on its first
    day: ``figure`` (the middle of what it stated), ``others`` (the median of the other
    families' figures that day), ``ratio`` (figure / others, above 1 runs high).

    Example:
        >>> divergence(claims).groupby("family")["ratio"].median()  # doctest: +SKIP
    """
    pos, ids, _who = _raw_positions(claims, **options)
    rows, cell_row, cell_pos = _solve(pos)
    fig = pos["is_figure"].to_numpy()
    cells = pd.DataFrame({"row": cell_row, "pos": cell_pos}).loc[fig[cell_pos]]
    mid = ((pos["low"] + pos["high"]) / 2).to_numpy()
    cells["figure"] = mid[cells["pos"].to_numpy()]
    cells["family"] = pos["family"].to_numpy(dtype=object)[cells["pos"].to_numpy()]
    day_of_row = rows["day"].to_numpy()[cells["row"].to_numpy()]
    cells = cells.loc[day_of_row == pos["day"].to_numpy()[cells["pos"].to_numpy()]]  # each position's first day
    out = []
    everyone = pd.DataFrame(
        {
            "row": cell_row[fig[cell_pos]],
            "figure": mid[cell_pos[fig[cell_pos]]],
            "family": pos["family"].to_numpy(dtype=object)[cell_pos[fig[cell_pos]]],
        }
    )
    by_row = {r: g for r, g in everyone.groupby("row")}
    for c in cells.itertuples(index=False):
        group = by_row[c.row]
        others = group.loc[group["family"] != c.family, "figure"]
        if len(others) == 0 or not np.isfinite(c.figure):
            continue
        p = pos.iloc[c.pos]
        first = int(p["first"])
        out.append(
            {
                "measure": p["measure"],
                "personnel": p["personnel"],
                "family": c.family,
                "date": pd.Timestamp(np.datetime64(int(p["day"]), "D")),
                "figure": c.figure,
                "others": float(others.median()),
                "other_families": len(others),
                "claim_ids": tuple(ids[first : first + int(p["n"])]),
            }
        )
    frame = pd.DataFrame(
        out, columns=["measure", "personnel", "family", "date", "figure", "others", "other_families", "claim_ids"]
    )
    frame["ratio"] = frame["figure"] / frame["others"]
    return frame


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`consensus`: ``osint.consensus(claims)`` works both
    before and after ``import osint.consensus`` (which makes the name the module)."""

    def __call__(self, claims: pd.DataFrame, *args, **options) -> pd.DataFrame:
        return consensus(claims, *args, **options)


sys.modules[__name__].__class__ = _CallableModule
