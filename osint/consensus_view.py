"""The explorer's consensus tab: the band of a selection, cut to its window, as a figure and
sentences (the corroboration method itself is in :mod:`osint.consensus`).

Example:
    >>> bands, png, text = consensus_view(claims, start, end, {}, stale_days=120)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .claim_views import _text, consensus_markup, figure_png
from .consensus import consensus, consensus_sentences, positions
from .consensus_plots import plot_consensus_panels

__all__ = ["consensus_view"]


def consensus_view(
    counted: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    grades: dict[str, Any],
    stale_days: int,
    earlier_counted: bool = False,
    personnel_note: str = "",
    max_panels: int = 4,
    max_family_lines: int = 400,
    dpi: int = 90,
) -> tuple[pd.DataFrame, bytes, str]:
    """The explorer's consensus tab for ``counted`` claims shown from ``start`` to ``end``:
    the bands cut to the window, the figure as PNG bytes and the sentences as HTML.

    At most ``max_panels`` series are drawn (those with the most claims; the rest are named),
    and each family's line is left out above ``max_family_lines`` positions.

    Example:
        >>> bands, png, text = consensus_view(claims, start, end, {}, 120)  # doctest: +SKIP
    """
    stale = stale_days
    full = consensus(counted, stale_days=stale, **grades)
    after = end + pd.Timedelta(days=1)  # the window is drawn to the end of its last day
    bands = full.loc[(full["until"].isna() | (full["until"] > start)) & (full["date"] <= end)].copy()
    bands.loc[bands["date"] < start, "date"] = start  # in effect on the first day shown
    bands.loc[bands["until"].isna() | (bands["until"] > after), "until"] = after
    bands = bands.reset_index(drop=True)
    bands.attrs.update(full.attrs)
    shown = bands  # every series, as the tab's bands; the figure may draw fewer
    held = positions(counted, stale_days=stale, **grades)
    held = held.loc[(held["end"].isna() | (held["end"] > start)) & (held["start"] <= end)].copy()
    held.loc[held["start"] < start, "start"] = start
    held.loc[held["end"].isna() | (held["end"] > after), "end"] = after
    graded = (
        "every grade"
        if grades == {"min_reliability": "F", "min_credibility": 6}
        else f"sources A–{grades['min_reliability']}, information 1–{grades['min_credibility']}"
    )
    notes = [
        f"Consensus of the claims the filters keep ({graded}); a claim goes stale {stale} days after it "
        "was said, and a family's newer claim replaces its older one; repeats and relays add no family (method: data/METHOD.md)."
        + (f" Claims said before {start:%d %b %Y} count while current." if earlier_counted else ""),
        personnel_note,
    ]
    counts = (
        counted.loc[counted["stance"].astype("string") == "asserts"]
        .groupby(["measure", "personnel"], observed=True)
        .size()
    )
    drawn = bands.loc[bands["families"] > 0, ["measure", "personnel"]].drop_duplicates()
    if len(drawn) > max_panels:
        drawn["n"] = [int(counts.get((m, p), 0)) for m, p in drawn.itertuples(index=False)]
        left = drawn.sort_values("n", ascending=False, kind="stable").iloc[max_panels:]
        notes.append(
            f"Drawn: the {max_panels} series with the most claims; {len(left)} more ("
            + ", ".join(
                f"{_text(m).replace('_', ' ')} / {_text(p).replace('_', ' ')}"
                for m, p, _n in left.itertuples(index=False)
            )
            + ") are in the sentences above; pick measures to draw them."
        )
        out = pd.MultiIndex.from_frame(left[["measure", "personnel"]])
        bands = bands.loc[~pd.MultiIndex.from_frame(bands[["measure", "personnel"]]).isin(out)]
        held = held.loc[~pd.MultiIndex.from_frame(held[["measure", "personnel"]]).isin(out)]
    if len(held) > max_family_lines:
        notes.append(
            f"{len(held):,} family positions: each family's line is left out above "
            f"{max_family_lines:,}; narrow the selection to see them."
        )
        held = None
    series = bands.loc[bands["families"] > 0, ["measure", "personnel"]].drop_duplicates()
    fig = Figure(figsize=(11, 2.6 * max(len(series), 1) + 0.6), layout="constrained")
    plot_consensus_panels(bands, held, fig=fig)
    png = figure_png(fig, dpi)
    text = consensus_markup(consensus_sentences(counted, as_of=end, bands=full), notes)
    return shown, png, text
