"""Tables for notebooks and reports: headline figures, the claims list, the grading note.

Every value that came from the ledger or the web is escaped before it becomes HTML, and
links are built only from http(s) URLs, so a quote or a title can never turn into live
markup or script in a shared report.

Example:
    >>> format_figure("up_to", None, 12000)
    'up to 12,000'
    >>> format_figure("range", 10000, 12000)
    '10,000–12,000'
"""

from __future__ import annotations

import html
from typing import Any, Sequence

import pandas as pd

from .analysis import as_list, latest_claims
from .schema import MEASURES
from .style import MEASURE_LABELS, PERSONNEL_LABELS, STANCE_LABELS, claimant_short, format_figure


class HtmlTable:
    """Pre-escaped HTML that notebooks display as-is (``_repr_html_``)."""

    def __init__(self, markup: str, rows: int):
        self.markup = markup
        self.rows = rows

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def grade(reliability: Any, credibility: Any) -> str:
    """Admiralty grade as written in reports, e.g. ``B2``."""
    return f"{reliability}{credibility}"


def _link(url: Any, text: Any) -> str:
    url, text = ("" if pd.isna(url) else str(url)), ("" if pd.isna(text) else str(text))
    label = html.escape(text or url)
    if not url.lower().startswith(("http://", "https://")):
        return label
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer nofollow">{label}</a>'


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


def render_table(rows: Sequence[dict[str, str]], columns: Sequence[str], caption: str = "") -> HtmlTable:
    """An HTML table from rows of *already escaped* cell markup, keyed by column title."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{row.get(c, '')}</td>" for c in columns) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    markup = f'<table class="osint-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return HtmlTable(markup, len(rows))


def _personnel_words(personnel: Any) -> str:
    """The kind of people a figure counts, in words (``combat troops`` spelled out in tables)."""
    key = "" if pd.isna(personnel) else str(personnel)
    return PERSONNEL_LABELS.get(key) or key.replace("_", " ")


def _nowrap(markup: str) -> str:
    """Cell markup that the browser keeps on one line (ids, dates)."""
    return f'<span style="white-space:nowrap">{markup}</span>' if markup else ""


def _date_text(row: pd.Series) -> str:
    day = row["statement_date"].strftime("%Y-%m-%d")
    precision = str(row["date_precision"])
    if precision == "week":
        return f"week of {day}"
    if precision == "month":
        return row["statement_date"].strftime("%B %Y")
    return day


def headline(claims: pd.DataFrame) -> pd.DataFrame:
    """Latest independent figure per measure per claimant, as plain columns.

    Example:
        >>> headline(claims)[["measure", "claimant", "figure"]]        # doctest: +SKIP
    """
    latest = latest_claims(claims)
    return pd.DataFrame(
        {
            "measure": [MEASURE_LABELS[m] for m in latest["measure"]],
            "personnel": [_personnel_words(p) for p in latest["personnel"]],
            "claimant": latest["claimant"].to_numpy(),
            "figure": [
                format_figure(q, lo, hi)
                for q, lo, hi in zip(latest["qualifier"], latest["figure_low"], latest["figure_high"])
            ],
            "said": [_date_text(r) for _, r in latest.iterrows()],
            "grade": [grade(r, c) for r, c in zip(latest["reliability"], latest["credibility"])],
            "source_outlet": latest["source_outlet"].to_numpy(),
            "source_url": latest["source_url"].to_numpy(),
            "claim_id": latest["claim_id"].to_numpy(),
        },
        index=latest.index,
    )


def headline_table(claims: pd.DataFrame) -> HtmlTable:
    """HTML of :func:`headline`: who last said how many, of what, when, on what source.

    Figures, dates and claim ids never wrap, as in :func:`claims_table`.
    """
    frame = headline(claims)
    rows = [
        {
            "Measure": _cell(r.measure),
            "Counts": _cell(r.personnel),
            "Claimant": _cell(r.claimant),
            "Latest figure": _nowrap(f"<strong>{_cell(r.figure)}</strong>"),
            "Said": _nowrap(_cell(r.said)),
            "Grade": _cell(r.grade),
            "Source": _link(r.source_url, r.source_outlet),
            "Claim": _nowrap(_cell(r.claim_id)),
        }
        for r in frame.itertuples()
    ]
    columns = ["Measure", "Counts", "Claimant", "Latest figure", "Said", "Grade", "Source", "Claim"]
    return render_table(
        rows,
        columns,
        caption="Latest figure of each claimant, by measure and by kind of people counted (figures of different "
        "kinds are never compared; repeats and non-assertions left out)",
    )


def claims_table(claims: pd.DataFrame) -> HtmlTable:
    """HTML list of every claim in ``claims``, oldest first, with its source link and notes.

    Ids and dates never wrap; the kind of people a figure counts follows the figure; the
    analyst's notes are shown; a Quote column appears only when some claim has a quote.
    """
    ordered = claims.sort_values(["statement_date", "claim_id"])
    quotes = "quote" in ordered.columns and bool(ordered["quote"].notna().any())
    rows = []
    for _, r in ordered.iterrows():
        relay = f"<br><small>via {_cell(r['relay'])}</small>" if not pd.isna(r["relay"]) else ""
        repeat = f"<br><small>repeats {_nowrap(_cell(r['repeats']))}</small>" if not pd.isna(r["repeats"]) else ""
        title = r["source_title"] if not pd.isna(r["source_title"]) else r["source_outlet"]
        kind = _personnel_words(r["personnel"]) if "personnel" in r.index else ""
        figure = _cell(format_figure(r["qualifier"], r["figure_low"], r["figure_high"]))
        row = {
            "Claim": _nowrap(_cell(r["claim_id"])),
            "Said": _nowrap(_cell(_date_text(r))),
            "Claimant": _cell(r["claimant"]) + relay,
            "Stance": _cell(STANCE_LABELS[str(r["stance"])]),
            "Measure": _cell(MEASURE_LABELS[str(r["measure"])]),
            "Figure": _nowrap(figure) + (f"<br><small>{_cell(kind)}</small>" if kind else "") + repeat,
            "Where": _cell(r["location"]),
            "Grade": _cell(grade(r["reliability"], r["credibility"])),
            "Source": _link(r["source_url"], title) + f"<br><small>{_cell(r['source_outlet'])}</small>",
            "Notes": f"<small>{_cell(r['notes'])}</small>" if "notes" in r.index and not pd.isna(r["notes"]) else "",
        }
        if quotes:
            row["Quote"] = f"<q>{_cell(r['quote'])}</q>" if not pd.isna(r["quote"]) else ""
        rows.append(row)
    columns = ["Claim", "Said", "Claimant", "Stance", "Measure", "Figure", "Where", "Grade", "Source", "Notes"]
    if quotes:
        columns.insert(-1, "Quote")
    return render_table(rows, columns, caption=f"{len(rows)} claim(s)")


def empty_reason(claims: pd.DataFrame, **selection: Any) -> str | None:
    """Why a selection of ``claims`` (the whole ledger) holds no claim; None when it holds some.

    ``selection`` takes :func:`osint.analysis.filter_claims`'s arguments. The reasons are
    checked from the most specific: a claimant not in the ledger (with the names it may
    mean), a measure with no claim in the ledger, a window after the last claim or before
    the first, a start after the end; else the filters that each match claims but not together.

    Example:
        >>> empty_reason(claims, claimants=["Nobody"])                    # doctest: +SKIP
        "claimant not found: 'Nobody' is not a claimant of the ledger"
    """
    import difflib

    from .analysis import filter_claims

    if len(filter_claims(claims, **selection)):
        return None
    if claims.empty:
        return "the ledger holds no claims"
    reasons = []
    names = [str(c) for c in pd.unique(claims["claimant"].astype("string").dropna())]
    shorts = {claimant_short(n): n for n in names}
    for wanted in as_list(selection.get("claimants")):
        if wanted in names:
            continue
        if wanted in shorts:
            reasons.append(
                f"claimant not found: {wanted!r} is the short label of {shorts[wanted]!r}; "
                "give the full name as in the ledger"
            )
            continue
        close = difflib.get_close_matches(wanted, names + list(shorts), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(repr(shorts.get(c, c)) for c in close)}?)" if close else ""
        reasons.append(f"claimant not found: {wanted!r} is not a claimant of the ledger{hint}")
    present = set(claims["measure"].astype("string").dropna())
    for measure in as_list(selection.get("measures")):
        if measure not in present:
            reasons.append(f"no claims of the measure {MEASURE_LABELS.get(measure, measure)!r} in the ledger")
    first, last = claims["statement_date"].min(), claims["statement_date"].max()
    start, end = selection.get("start") or None, selection.get("end") or None
    if start and end and pd.Timestamp(start) > pd.Timestamp(end):
        reasons.append(
            f"the window starts ({pd.Timestamp(start):%Y-%m-%d}) after it ends ({pd.Timestamp(end):%Y-%m-%d})"
        )
    elif start and pd.Timestamp(start) > last:
        reasons.append(
            f"the window starts {pd.Timestamp(start):%Y-%m-%d}, after the last claim of the ledger ({last:%Y-%m-%d})"
        )
    elif end and pd.Timestamp(end) < first:
        reasons.append(
            f"the window ends {pd.Timestamp(end):%Y-%m-%d}, before the first claim of the ledger ({first:%Y-%m-%d})"
        )
    if reasons:
        return "; ".join(reasons)
    alone = []
    for key, value in selection.items():
        if value in (None, "", [], ()) or key in ("min_reliability", "min_credibility", "include_repeats"):
            continue
        alone.append(
            f"{key} {value if isinstance(value, str) else ', '.join(map(str, as_list(value)))}: "
            f"{len(filter_claims(claims, **{key: value}))}"
        )
    detail = f" (claims matching each filter alone: {'; '.join(alone)})" if alone else ""
    return "each filter matches claims, but no claim matches them all together" + detail


def _display_path(path: str) -> str:
    """A ledger path as a reader would know it: relative to the project when inside it."""
    import os

    from .paths import PROJECT_ROOT

    if not path:
        return ""
    resolved = os.path.realpath(path)
    inside = resolved.startswith(str(PROJECT_ROOT.resolve()) + os.sep)
    return os.path.relpath(resolved, PROJECT_ROOT.resolve()) if inside else os.path.basename(resolved)


def title_block(
    title: str, claims: pd.DataFrame, start: str = "", end: str = "", empty: str | None = None
) -> HtmlTable:
    """Report heading: the title and what the report covers (dates, counts, ledger).

    ``empty``: why the selection holds no claim (see :func:`empty_reason`), said under the title.
    """
    first, last = claims["statement_date"].min(), claims["statement_date"].max()
    span = f"{start or (first.strftime('%Y-%m-%d') if pd.notna(first) else '…')} to {end or (last.strftime('%Y-%m-%d') if pd.notna(last) else '…')}"
    ledger = _display_path(claims.attrs.get("source", ""))
    facts = f"{len(claims)} claim(s) from {claims['claimant'].nunique()} claimant(s), statements from {span}." + (
        f" Ledger: <code>{_cell(ledger)}</code>." if ledger else ""
    )
    note = f'<p class="osint-empty"><strong>No claims to show:</strong> {html.escape(empty)}.</p>' if empty else ""
    return HtmlTable(f"<h1>{html.escape(title)}</h1><p>{facts}</p>{note}", len(claims))


def grading_note(claims: pd.DataFrame) -> HtmlTable:
    """How to read the grades, and where the figures come from."""
    counts = claims.groupby(["reliability"], observed=False).size()
    spread = ", ".join(f"{g}: {n}" for g, n in counts.items() if n)
    repeats = int(claims["repeats"].notna().sum())
    outlets = claims["source_outlet"].nunique()
    markup = (
        "<h2>Grading and provenance</h2>"
        "<p>Each claim carries an Admiralty (NATO) grade: a letter for the reliability of the "
        "source (A completely reliable … E unreliable, F cannot be judged) and a digit for the "
        "credibility of the information (1 confirmed by other sources … 5 improbable, 6 cannot "
        "be judged). Grades are the analyst's judgement recorded in the ledger, not the "
        "claimant's own.</p>"
        f"<p>Reliability grades in this report: {html.escape(spread) or 'none'}. "
        f"{repeats} row(s) re-report another row's claim and are not counted as independent "
        f"corroboration. Sources: {outlets} outlet(s); every row links to the item it was read in, "
        "and the statement date is when the claimant spoke, not when it was published.</p>"
    )
    return HtmlTable(markup, len(claims))


def changes_table(changes: pd.DataFrame | None, claims: pd.DataFrame) -> HtmlTable:
    """HTML of what changed since the previous good run (see :mod:`osint.changes`).

    ``changes`` is None when there is no earlier run to compare with; ``claims`` gives the
    current rows, so an added or changed claim is shown with its claimant and figure.
    """
    heading = "<h2>What changed since the last run</h2>"
    if changes is None:
        return HtmlTable(
            heading + "<p>No earlier good run of this report with these parameters: nothing to compare.</p>", 0
        )
    if changes.empty:
        return HtmlTable(heading + "<p>No claim was added, changed or removed since the last good run.</p>", 0)
    current = claims.set_index("claim_id")
    rows = []
    for r in changes.itertuples():
        row = {"Claim": _cell(r.claim_id), "Change": _cell(r.change), "Columns changed": _cell(r.columns)}
        if r.claim_id in current.index:
            c = current.loc[r.claim_id]
            row.update(
                Claimant=_cell(c["claimant"]),
                Measure=_cell(MEASURE_LABELS[str(c["measure"])]),
                Figure=_cell(format_figure(c["qualifier"], c["figure_low"], c["figure_high"])),
                Said=_cell(_date_text(c)),
            )
        rows.append(row)
    counts = changes["change"].value_counts()
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("added", "changed", "removed"))
    table = render_table(
        rows, ["Claim", "Change", "Columns changed", "Claimant", "Measure", "Figure", "Said"], caption=summary
    )
    return HtmlTable(heading + table.markup, len(rows))


__all__ = [
    "changes_table",
    "MEASURES",
    "claims_table",
    "empty_reason",
    "format_figure",
    "grading_note",
    "headline",
    "headline_table",
    "title_block",
]
