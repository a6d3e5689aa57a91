"""Timeline lanes and the drawing quantities of each claim (dates, figures, envelopes).

>>> [lane.key for lane in LANE_GROUPS][:3]
['pledged', 'in_russia', 'front']
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from ..schema import MEASURES
from ..style import MARK_KIND, MEASURE_LABELS, PERSONNEL_LABELS, claimant_short, figure_label


class Lane(NamedTuple):
    """One panel of a timeline: a key (for ``lane:<key>`` gids), a title, its measures."""

    key: str
    title: str
    measures: tuple[str, ...]


#: Default grouping: measures that describe the same stage share a lane.
LANE_GROUPS: tuple[Lane, ...] = (
    Lane("pledged", "Pledged or preparing", ("pledged_or_preparing",)),
    Lane("in_russia", "In Russia: mustering or arrived", ("mustering_in_russia", "arrived_in_russia")),
    Lane("front", "At the front: deployed or in combat", ("deployed_to_front", "in_combat")),
    Lane("casualties", "Casualties (killed + wounded)", ("casualties",)),
    Lane("killed", "Killed", ("killed",)),
    Lane("wounded", "Wounded", ("wounded",)),
    Lane("captured", "Captured", ("captured",)),
    Lane("other", "Other measures", ("other",)),
)

_DASHES = ("-", (0, (4, 2)), (0, (1, 1.5)))
_LABEL_PT = 7.5
_MAX_AGGREGATE_LABELS = 8
_CHAR_EM = 0.58  # mean glyph width of DejaVu Sans, in em, to size margins before drawing
_WIDTH_IN = 12.5


def _figure_mask(claims: pd.DataFrame) -> np.ndarray:
    """Rows drawn in a figure lane: assertions that carry a figure and a figure qualifier."""
    has = (claims["figure_low"].notna() | claims["figure_high"].notna()).to_numpy(dtype=bool)
    asserts = (claims["stance"] == "asserts").to_numpy(dtype=bool, na_value=False)
    qualified = claims["qualifier"].isin(list(MARK_KIND)).to_numpy(dtype=bool)
    return has & asserts & qualified


def lanes_for(claims: pd.DataFrame, lanes: str = "grouped") -> list[Lane]:
    """The lanes a timeline of ``claims`` needs, in reading order.

    ``lanes="grouped"`` uses :data:`LANE_GROUPS`; ``"measure"`` gives one lane per measure.
    Only lanes with at least one figure to draw are returned.

    Example:
        >>> [lane.key for lane in lanes_for(claims)]                   # doctest: +SKIP
        ['pledged', 'in_russia']
    """
    if lanes == "grouped":
        groups = LANE_GROUPS
    elif lanes == "measure":
        groups = tuple(Lane(m, MEASURE_LABELS[m].capitalize(), (m,)) for m in MEASURES)
    else:
        raise ValueError(f"lanes must be 'grouped' or 'measure', got {lanes!r}")
    present = set(claims.loc[_figure_mask(claims), "measure"].astype("string").unique())
    return [lane for lane in groups if present & set(lane.measures)]


def _text(series: pd.Series, missing: str = "", mapping: dict[str, str] | None = None) -> pd.Series:
    """A column as plain Python strings (object dtype: fast to compare and iterate).

    With ``mapping``, each value is replaced by ``mapping[value]`` (``missing`` if absent).
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        names = series.cat.categories.astype(str).to_numpy(dtype=object)
        if mapping is not None:
            names = np.array([mapping.get(n, missing) for n in names], dtype=object)
        names = np.append(names, missing)
        values = names[series.cat.codes.to_numpy()]  # code -1 (missing) picks the last
    else:  # factorize: one Python string per distinct value, not one per row
        codes, uniques = pd.factorize(series.astype("string"))
        names = np.asarray(uniques.to_numpy(dtype=object, na_value=missing), dtype=object)
        if mapping is not None:
            names = np.array([mapping.get(n, missing) for n in names], dtype=object)
        values = np.append(names, missing)[codes]
    return pd.Series(values, dtype=object)


def _geometry(claims: pd.DataFrame) -> pd.DataFrame:
    """Per-row drawing quantities: date extent (x0, x1), mark date x, figures as floats."""
    day = claims["statement_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    precision = _text(claims["date_precision"], "day").to_numpy()
    start, stop = day.copy(), day.copy()
    week, month = precision == "week", precision == "month"
    stop[week] = day[week] + np.timedelta64(7, "D")
    first = day[month].astype("datetime64[M]")
    start[month] = first.astype("datetime64[D]")
    stop[month] = (first + 1).astype("datetime64[D]")
    x0, x1 = mdates.date2num(start), mdates.date2num(stop)
    lo = claims["figure_low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hi = claims["figure_high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    qualifier = _text(claims["qualifier"], "none")
    repeats = claims["repeats"]
    ccode, names = pd.factorize(claims["claimant"].astype("string"))
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"].astype("string").reset_index(drop=True),
            "claimant": pd.Series(np.append(names.to_numpy(dtype=object, na_value=""), "")[ccode], dtype=object),
            "ctype": _text(claims["claimant_type"], "other"),
            "stance": _text(claims["stance"]),
            "measure": _text(claims["measure"], "other"),
            "personnel": _text(claims["personnel"], "unspecified")
            if "personnel" in claims.columns
            else pd.Series(["combat_troops"] * len(claims), dtype=object),
            "qualifier": qualifier,
            "precision": pd.Series(precision, dtype=object),
            "kind": _text(claims["qualifier"], "none", MARK_KIND),
            "x0": x0,
            "x1": x1,
            "x": (x0 + x1) / 2,
            "lo": lo,
            "hi": hi,
            "env_lo": np.where(np.isnan(lo), hi, lo),
            "env_hi": np.where(np.isnan(hi), lo, hi),
            "is_rep": repeats.notna().to_numpy(dtype=bool),
            "origin": _text(repeats),
            "ccode": ccode,
        }
    )


def _y_anchor(g: pd.DataFrame, log: bool) -> np.ndarray:
    """One y per row for join lines, labels and links: the figure, or a range's middle."""
    lo, hi = g["env_lo"].to_numpy(dtype=float), g["env_hi"].to_numpy(dtype=float)
    mid = np.sqrt(lo * hi) if log else (lo + hi) / 2
    kind = g["kind"].to_numpy(dtype=object)
    return np.where(kind == "range", mid, np.where(kind == "upto", hi, lo))


def _envelope(g: pd.DataFrame, x_end: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step envelope over time: min and max of each distinct claimant's latest figures."""
    own = g[~g["is_rep"]]
    if own.empty:
        return np.array([]), np.array([]), np.array([])
    xs, xi = np.unique(own["x"].to_numpy(dtype=float), return_inverse=True)
    ci = pd.factorize(own["ccode"].to_numpy())[0]
    low = np.full((len(xs), ci.max() + 1), np.nan)
    high = low.copy()
    np.fmin.at(low, (xi, ci), own["env_lo"].to_numpy(dtype=float))
    np.fmax.at(high, (xi, ci), own["env_hi"].to_numpy(dtype=float))
    lows = np.nanmin(pd.DataFrame(low).ffill().to_numpy(), axis=1)
    highs = np.nanmax(pd.DataFrame(high).ffill().to_numpy(), axis=1)
    return np.append(xs, max(x_end, xs[-1])), np.append(lows, lows[-1]), np.append(highs, highs[-1])


#: The columns of one series of figures in a drawn lane: one claimant's figures of one
#: measure and one kind of people. Different kinds are never joined or compared.
SERIES = ["measure", "personnel", "ccode"]


def _latest(g: pd.DataFrame, log: bool) -> pd.DataFrame:
    """Each claimant's latest independent claim per series (measure, personnel), with its anchor y."""
    own = g[~g["is_rep"]]
    own = own.iloc[np.argsort(own["x"].to_numpy(dtype=float), kind="stable")]
    latest = own.drop_duplicates(SERIES, keep="last").copy()
    latest["y"] = _y_anchor(latest, log)
    return latest


def _figure_text(g: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [figure_label(q, lo, hi) for q, lo, hi in zip(g["qualifier"], g["lo"], g["hi"])], index=g.index, dtype=object
    )


def _labelled(g: pd.DataFrame, log: bool) -> pd.DataFrame:
    """The figures that matter in each series: its first, its last and every change of figure.

    Repeats are never labelled (they are not a claimant's own figure). ``role`` says why a
    row is labelled (``last``, ``first``, ``change``) and ``rank`` orders them for placement:
    last figures first, then first figures, then changes, each oldest first.

    Example:
        >>> _labelled(_geometry(claims), log=False)[["claim_id", "role"]]  # doctest: +SKIP
    """
    own = g[~g["is_rep"]]
    own = own.iloc[np.argsort(own["x"].to_numpy(dtype=float), kind="stable")].copy()
    if own.empty:
        return own.assign(role=pd.Series(dtype=object), rank=pd.Series(dtype=int), y=pd.Series(dtype=float))
    own["figure_text"] = _figure_text(own)
    keys = [own[c].to_numpy() for c in SERIES]
    series = pd.MultiIndex.from_arrays(keys).factorize()[0] if len(own) else np.array([], dtype=int)
    own["_series"] = series
    previous = own.groupby("_series", sort=False)["figure_text"].shift()
    first = previous.isna().to_numpy()
    last = ~own.duplicated("_series", keep="last").to_numpy()
    change = (~first) & (own["figure_text"] != previous).to_numpy()
    keep = first | last | change
    role = np.where(last, "last", np.where(first, "first", "change"))
    out = own[keep].copy()
    out["role"] = role[keep]
    out["rank"] = pd.Series(out["role"]).map({"last": 0, "first": 1, "change": 2}).to_numpy()
    out["y"] = _y_anchor(out, log)
    return out.drop(columns="_series")


def _series_words(measure: str, personnel: str, lane: Lane) -> str:
    """What a label adds after the figure: the measure (in a shared lane) and the kind of people."""
    words = []
    if len(lane.measures) > 1:
        words.append(MEASURE_LABELS[measure].split(" ")[0])
    kind = PERSONNEL_LABELS.get(personnel, personnel)
    if kind:
        words.append(kind)
    return " ".join(words)


def _figure_label_texts(rows: pd.DataFrame, lane: Lane) -> list[str]:
    """Label texts of figure rows: short claimant name, figure, measure word, kind of people."""
    texts = []
    for r in rows.itertuples(index=False):
        text = f"{claimant_short(r.claimant)} {figure_label(r.qualifier, r.lo, r.hi)}"
        extra = _series_words(r.measure, r.personnel, lane)
        texts.append(f"{text} {extra}" if extra else text)
    return texts


def _label_texts(latest: pd.DataFrame, lane: Lane, counts: dict | None) -> list[str]:
    texts = []
    for r in latest.itertuples(index=False):
        text = f"{claimant_short(r.claimant)}  {figure_label(r.qualifier, r.lo, r.hi)}"
        extra = _series_words(r.measure, r.personnel, lane)
        if extra:
            text += " " + extra
        if counts is not None:
            text += f"  (n={counts.get((r.measure, r.claimant), 0):,})"
        texts.append(text)
    return texts
