"""Claims as HTML for the explorer and shared snapshots: a claim's card, a page of the
table, free-text search and inline figures. Every text from the ledger is escaped.

Example:
    >>> claims_page(claims.head(10), caption="first ten")                 # doctest: +SKIP
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure, SubFigure

from .families import family_label
from .style import MEASURE_LABELS, STANCE_LABELS, format_figure
from .tables import HtmlTable, grade, render_table

__all__ = [
    "SEARCH_COLUMNS",
    "claim_detail",
    "claims_page",
    "consensus_markup",
    "corroboration_facts",
    "figure_png",
    "search_text",
]

#: Columns the free-text search looks in: the quote and everything about the source.
SEARCH_COLUMNS: tuple[str, ...] = ("quote", "source_title", "source_outlet", "source_url", "relay", "notes", "location")
#: Admiralty wording of the grades, shown next to a selected claim.
RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def search_text(claims: pd.DataFrame, columns: Sequence[str] = SEARCH_COLUMNS) -> pd.Series:
    """One lower-case text per claim joining its quote and source fields, for fast search.

    Example:
        >>> search_text(claims).str.contains("yonhap", regex=False)          # doctest: +SKIP
    """
    parts = [claims[c].astype("string").fillna("") for c in columns if c in claims]
    if not parts:
        return pd.Series("", index=claims.index, dtype="string")
    joined = parts[0].str.cat(parts[1:], sep="\n") if len(parts) > 1 else parts[0]
    return joined.str.lower()


def figure_png(fig: Figure | SubFigure, dpi: int = 90, tight: bool = False) -> bytes:
    """PNG bytes of a figure, compressed lightly (fast to write, a little bigger).

    ``tight=True`` crops to what was drawn (legends and notes outside the axes included).

    Example:
        >>> png = figure_png(plot_overview(claims).figure)                      # doctest: +SKIP
    """
    buffer = io.BytesIO()
    crop: dict[str, Any] = {"bbox_inches": "tight", "pad_inches": 0.1} if tight else {}
    fig.get_figure(root=True).savefig(
        buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1}, **crop
    )
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _esc(value: Any) -> str:
    return html.escape(_text(value))


def _link(url: Any, label: Any) -> str:
    url, label = _text(url), _text(label) or _text(url)
    if not url.lower().startswith(("http://", "https://")):
        return html.escape(label)
    return (
        f'<a href="{html.escape(url, quote=True)}" target="_blank" '
        f'rel="noopener noreferrer nofollow">{html.escape(label)}</a>'
    )


def _said(day: Any, precision: Any) -> str:
    """When a claim was said, as precisely as known: a day, "week of …" or a month."""
    if day is None or pd.isna(day):
        return ""
    precision = _text(precision)
    if precision == "week":
        return f"week of {day:%Y-%m-%d}"
    if precision == "month":
        return f"{day:%B %Y}"
    return f"{day:%Y-%m-%d}"


def _short(value: Any, width: int) -> str:
    text = " ".join(_text(value).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def claim_detail(row: pd.Series, corroboration: Mapping[str, Any] | None = None) -> str:
    """HTML of one claim: who said what figure when, its quote, source link and grades.

    ``corroboration`` is :func:`osint.echoes.echo_position` of the claim (with
    ``first_family`` added), shown as its source family and its place in the echo chain
    (see :func:`corroboration_facts`).

    Example:
        >>> claim_detail(claims.iloc[0])                                      # doctest: +SKIP
    """
    figure = format_figure(row["qualifier"], row["figure_low"], row["figure_high"])
    who = _esc(row["claimant"])
    extra = ", ".join(v for v in (_esc(row["claimant_type"]).replace("_", " "), _esc(row["claimant_country"])) if v)
    quote = (
        f'<blockquote class="osint-quote">{_esc(row["quote"])}</blockquote>'
        if _text(row["quote"])
        else "<p><em>No verbatim quote recorded for this claim.</em></p>"
    )
    title = _text(row["source_title"]) or _text(row["source_outlet"])
    rel, cred = _text(row["reliability"]), row["credibility"]
    cred_i = int(cred) if not pd.isna(cred) else None
    facts = [
        (
            "Said",
            html.escape(_said(row["statement_date"], row["date_precision"]))
            + (f" · published {_esc(row['published'])}" if _text(row["published"]) else ""),
        ),
        (
            "Source",
            _link(row["source_url"], title)
            + f" <small>({_esc(row['source_outlet'])})</small>"
            + (f" <small>via {_esc(row['relay'])}</small>" if _text(row["relay"]) else ""),
        ),
        (
            "Grade",
            (
                f"<strong>{html.escape(grade(rel, _text(cred)))}</strong> — source {html.escape(rel)}: "
                f"{html.escape(RELIABILITY_WORDS.get(rel, ''))}; information {html.escape(_text(cred))}: "
                f"{html.escape(CREDIBILITY_WORDS.get(cred_i, '') if cred_i else '')}"
            ),
        ),
    ]
    if _text(row["location"]):
        place = _esc(row["location"]) + f" <small>({_esc(row['geo_precision'])})</small>"
        if "origin" in row and _text(row["origin"]):
            place = f"from {_esc(row['origin'])} to " + place
        facts.append(("Where", place))
    if _text(row["repeats"]):
        facts.append(("Repeats", _esc(row["repeats"])))
    if corroboration is not None:
        facts.extend(corroboration_facts(corroboration, row))
    if _text(row["notes"]):
        facts.append(("Notes", _esc(row["notes"])))
    items = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in facts)
    return (
        f'<div class="osint-claim"><p><strong>{_esc(row["claim_id"])}</strong> · {who}'
        + (f" <small>({extra})</small>" if extra else "")
        + f" {html.escape(STANCE_LABELS.get(_text(row['stance']), _text(row['stance'])))}: "
        f"<strong>{html.escape(figure)}</strong> {html.escape(MEASURE_LABELS.get(_text(row['measure']), ''))}"
        + (
            f" <small>({html.escape(_text(row['personnel']).replace('_', ' '))})</small>"
            if "personnel" in row and _text(row["personnel"])
            else ""
        )
        + "</p>"
        f'{quote}<table class="osint-table">{items}</table></div>'
    )


def _day(value: Any) -> str:
    day = pd.Timestamp(value)
    return f"{day.day} {day:%b %Y}"


def _later(days: int) -> str:
    return "the same day" if days == 0 else f"{days:,} day{'' if days == 1 else 's'} later"


def family_rule_text(info: Mapping[str, Any], row: pd.Series) -> str:
    """Why a claim belongs to its family, in words (from its ``family_rule``).

    Example:
        >>> family_rule_text({"family": "gov:KR", "family_rule": "repeats"}, pd.Series({"repeats": "t-005"}))
        'it repeats t-005 and carries that claim’s family'
    """
    rule, family = _text(info.get("family_rule")), _text(info.get("family"))
    if rule == "listed":
        return "its claimant’s family in the claimant table"
    if rule == "repeats":
        return f"it repeats {_text(row.get('repeats'))} and carries that claim’s family"
    if rule == "relay":
        return f"its claimant passes on that family’s information (relay: “{_text(row.get('relay'))}”)"
    if family.startswith("gov:"):
        return "not in the claimant table: a state body belongs to its country’s government"
    if family == " ".join(_text(row.get("claimant")).split()):
        return "not in the claimant table: a claimant not listed is its own family"
    return "not in the claimant table: the family of the listed body named in its claimant’s name"


def corroboration_facts(info: Mapping[str, Any], row: pd.Series) -> list[tuple[str, str]]:
    """A picked claim's source family and its place in the echo chain, as (label, HTML) rows.

    ``info`` is :func:`osint.echoes.echo_position` of the claim, with ``first_family`` (the
    family of the chain's first claim) added; an ``error`` key is shown instead. Escaped.

    Example:
        >>> facts = corroboration_facts(echo_position(claims, "t-006"), claims.iloc[5])  # doctest: +SKIP
    """
    if info.get("error"):
        return [("Family", "<em>unknown: " + html.escape(_text(info["error"])) + "</em>")]
    facts = [
        (
            "Family",
            f"<strong>{html.escape(_text(info.get('family_label')))}</strong> "
            f"<small>({html.escape(family_rule_text(info, row))})</small>",
        )
    ]
    if info.get("chain") is None:
        facts.append(("Echo chain", "<em>none: this claim states no figure</em>"))
        return facts
    first, first_id = _text(info.get("first_claimant")), _text(info.get("first_claim_id"))
    first_family = family_label(_text(info.get("first_family"))) if info.get("first_family") else ""
    later, others = _later(int(info.get("lag_days", 0))), int(info.get("families_in_chain", 1)) - 1
    if int(info.get("order", 0)) > 0:
        place = (
            f"echoes {first}"
            + (f" ({first_family})" if first_family and first_family != first else "")
            + f", who said it first on {_day(info['first_date'])} ({first_id}): {later}; its family is "
            f"number {int(info['order']) + 1} of {others + 1} to say it"
        )
    elif first_id == _text(info.get("claim_id")):
        place = "first said here: no other family stated this figure earlier" + (
            f"; {others} other famil{'y' if others == 1 else 'ies'} said it after"
            if others
            else "; no other family has repeated it"
        )
    else:
        place = f"its family said it first: {first} on {_day(info['first_date'])} ({first_id}); this row {later}" + (
            f"; {others} other famil{'y' if others == 1 else 'ies'} said it after" if others else ""
        )
    facts.append(
        (
            "Echo chain",
            html.escape(place[:1].upper() + place[1:] + ".")
            + f"<br><small>{html.escape(_text(info.get('sentence')))}</small>",
        )
    )
    return facts


def consensus_markup(sentences: Sequence[str], notes: Sequence[str] = ()) -> str:
    """The consensus sentences of a selection (one per series) and notes about them, escaped.

    Example:
        >>> consensus_markup(["Arrived in Russia (combat troops): 11,000–12,000, ..."])  # doctest: +SKIP
    """
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    body = (
        f"<ul class='osint-consensus-sentences'>{items}</ul>"
        if items
        else "<p><em>No figures in this selection.</em></p>"
    )
    return body + "".join(f"<p><small>{html.escape(n)}</small></p>" for n in notes if n)


def claims_page(rows: pd.DataFrame, caption: str = "") -> HtmlTable:
    """HTML table of claims in the given order (the explorer's sorted page), text escaped.

    Example:
        >>> claims_page(claims.head(10), caption="first ten")                 # doctest: +SKIP
    """
    cells = []
    for r in rows.itertuples(index=False):
        title = _text(r.source_title) or _text(r.source_outlet)
        cells.append(
            {
                "Claim": _esc(r.claim_id)
                + (f"<br><small>repeats {_esc(r.repeats)}</small>" if _text(r.repeats) else ""),
                "Said": html.escape(_said(r.statement_date, r.date_precision)),
                "Claimant": _esc(r.claimant),
                "Stance": html.escape(STANCE_LABELS.get(_text(r.stance), _text(r.stance))),
                "Measure": html.escape(MEASURE_LABELS.get(_text(r.measure), _text(r.measure))),
                "Figure": html.escape(format_figure(r.qualifier, r.figure_low, r.figure_high)),
                "Grade": html.escape(grade(_text(r.reliability), _text(r.credibility))),
                "Source": _link(r.source_url, _short(title, 60)),
                "Quote": f"<q>{html.escape(_short(r.quote, 140))}</q>" if _text(r.quote) else "",
            }
        )
    columns = ["Claim", "Said", "Claimant", "Stance", "Measure", "Figure", "Grade", "Source", "Quote"]
    return render_table(cells, columns, caption=caption)


def _png_tag(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
