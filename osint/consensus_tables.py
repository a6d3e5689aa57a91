"""Tables and notes of the corroboration report: bands, sentences, echo chains, families.

Everything from the ledger is escaped before it becomes HTML (see :mod:`osint.tables`).

Example:
    >>> sentence_list(["Killed (combat troops): 600, from 1 independent source family."]).rows
    1
"""

from __future__ import annotations

import html
from typing import Sequence

import pandas as pd

from .analysis import filter_claims
from .consensus import PERSONNEL_LABELS, consensus_sentences, format_band
from .families import attach_families
from .families import family_label
from .style import MEASURE_LABELS
from .tables import HtmlTable, render_table

__all__ = [
    "headline_sentences",
    "method_note",
    "sentence_list",
    "band_table",
    "echo_table",
    "family_table",
    "personnel_note",
]


def _e(value) -> str:
    return "" if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)) else html.escape(str(value))


def _d(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def method_note(
    stale_days: int | None, min_reliability: str, min_credibility: int, about_tolerance: float
) -> HtmlTable:
    """The rules this report was computed with, in one paragraph (details: data/METHOD.md)."""
    stale = (
        "never go stale"
        if stale_days is None
        else f"stay current for {int(stale_days)} days unless their family says something newer"
    )
    grades = (
        "all grades"
        if (min_reliability, int(min_credibility)) == ("F", 6)
        else (
            f"sources graded {html.escape(min_reliability)} or better and information graded {int(min_credibility)} or better"
        )
    )
    markup = (
        "<p><strong>How the band is made.</strong> Claimants are grouped into source families whose information is "
        "not independent (a government's offices and services, a media organisation's own reporting, an OSINT group). "
        "At every date, each family stands behind its newest current statement only; statements "
        f"{stale}. Counted: {grades}; repeats of another row add nothing. &ldquo;Up to&rdquo; bounds from above only, "
        f"&ldquo;at least&rdquo; from below only, &ldquo;about&rdquo; counts as &plusmn;{about_tolerance:.0%} when testing "
        "whether families agree. &ldquo;Cannot confirm&rdquo; and &ldquo;denies&rdquo; set no figure: they withdraw their "
        "family's earlier figure and are counted as dissent. The method, with a worked example, is in "
        "<code>data/METHOD.md</code>.</p>"
    )
    return HtmlTable(markup, 1)


def headline_sentences(claims: pd.DataFrame, end: str = "", measures: Sequence[str] = ()) -> HtmlTable:
    """One sentence per measure and kind of people: the consensus band of independent source
    families as of ``end`` (or the last claim), for a briefing's headline.

    Every claim up to ``end`` counts, also those before a briefing's start: a statement stays
    current until it goes stale or its family says something newer (see data/METHOD.md).

    Example:
        >>> headline_sentences(load_claims("data/claims.csv"), end="2024-10-31")  # doctest: +SKIP
    """
    upto = filter_claims(claims, end=end or None, measures=list(measures) or None)
    sentences = consensus_sentences(attach_families(upto), as_of=end or None)
    return sentence_list(sentences, empty="No figure in this selection to establish a consensus band from.")


def sentence_list(sentences: Sequence[str], empty: str = "No figures to band in this selection.") -> HtmlTable:
    """Sentences as an HTML list (escaped)."""
    if not sentences:
        return HtmlTable(f"<p>{html.escape(empty)}</p>", 0)
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return HtmlTable(f"<ul>{items}</ul>", len(sentences))


def band_table(bands: pd.DataFrame, caption: str = "") -> HtmlTable:
    """Every change of the band, series by series: span, overlap, families, claims, dissent."""
    rows = []
    for r in bands.itertuples(index=False):
        overlap = "" if r.families < 2 else ("none" if not r.agree else format_band(r.overlap_low, r.overlap_high))
        rows.append(
            {
                "Measure": _e(MEASURE_LABELS.get(r.measure, r.measure)),
                "Personnel": _e(PERSONNEL_LABELS.get(r.personnel, r.personnel)),
                "From": _d(r.date),
                "Until": _d(r.until),
                "Band": f"<strong>{_e(format_band(r.low, r.high))}</strong>" if r.families else "no current figure",
                "Overlap": _e(overlap),
                "Families": str(r.families),
                "Which": _e(", ".join(family_label(f) for f in r.family_names)),
                "Claims": _e(", ".join(r.claim_ids)),
                "Dissent": _e(", ".join(r.dissent_ids)),
            }
        )
    columns = ["Measure", "Personnel", "From", "Until", "Band", "Overlap", "Families", "Which", "Claims", "Dissent"]
    return render_table(rows, columns, caption or f"{len(rows)} change(s) of the band")


def echo_table(chains: pd.DataFrame, min_families: int = 2) -> HtmlTable:
    """Chains with at least ``min_families`` families: who said a figure first, who echoed it."""
    from .echoes import format_echo_chain

    wanted = chains.loc[chains["families_in_chain"] >= min_families]
    rows = []
    for chain, links in wanted.groupby("chain", sort=False):
        head = links.sort_values("order").iloc[0]
        rows.append(
            {
                "Measure": _e(MEASURE_LABELS.get(head["measure"], head["measure"])),
                "Personnel": _e(PERSONNEL_LABELS.get(head["personnel"], head["personnel"])),
                "First said, then echoed": _e(format_echo_chain(chains, int(chain))),
                "Claims": _e("; ".join(", ".join(ids) for ids in links.sort_values("order")["claim_ids"])),
            }
        )
    columns = ["Measure", "Personnel", "First said, then echoed", "Claims"]
    return render_table(rows, columns, f"{len(rows)} figure(s) said by more than one family")


def family_table(claims: pd.DataFrame) -> HtmlTable:
    """Each source family in ``claims`` (with ``family``/``family_rule``): its claimants and claims."""
    rows = []
    for family, g in claims.groupby("family", sort=True):
        rules = g["family_rule"].astype(str).value_counts()
        rows.append(
            {
                "Family": _e(family_label(family)),
                "Claimants": _e(", ".join(sorted(g["claimant"].astype(str).unique()))),
                "Claims": str(len(g)),
                "How assigned": _e(", ".join(f"{k} {v}" for k, v in rules.items())),
            }
        )
    return render_table(rows, ["Family", "Claimants", "Claims", "How assigned"], f"{len(rows)} source famil(ies)")


def personnel_note(claims: pd.DataFrame) -> HtmlTable:
    """A visible warning when the ledger had no ``personnel`` column (see ``with_personnel``)."""
    note = claims.attrs.get("personnel_note", "")
    return HtmlTable(
        f'<p class="warning"><strong>Note.</strong> {html.escape(note)}</p>' if note else "", int(bool(note))
    )
