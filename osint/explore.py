"""Explore a claims ledger in JupyterLab: filters linked to a timeline, a map and a table.

:class:`Explorer` puts ipywidgets controls (statement dates, claimants, measures, minimum
grades, free-text search over quotes and sources, repeats in or out) above three views of
the claims they keep:

* an *overview* timeline (:func:`plot_overview`): every figure claimed against its statement
  date on one log axis, coloured by measure, redrawn on every change (aggregated for big
  selections; about 0.1 s for 10,000 claims, see ``benchmarks/bench_explore.py``); the full
  lane timeline of :mod:`osint.timeline` and the map of reported locations (when
  :mod:`osint.maps` is present) take seconds, so they are drawn when their tab is opened
  (and on request above ``auto_limit`` claims);
* a sortable, paged table of the claims;
* the selected claim: its quote, source link and grades.

Every text that came from the ledger is escaped before it becomes HTML. Figures are PNG
bytes in ``ipywidgets.Image`` widgets, so an update sends one image, not a plot model.
:meth:`Explorer.snapshot` gives the same selection as plain HTML with inline images, for
shared reports, where widgets cannot run.

The review queue for candidate claims is :class:`osint.review.Review`, also importable from
here.

Example:
    >>> explorer = Explorer("data/claims.csv")                         # doctest: +SKIP
    >>> explorer.measures.value = ("killed", "wounded")                # doctest: +SKIP
    >>> len(explorer.filtered), explorer.figure                        # doctest: +SKIP
    >>> explorer                                                       # doctest: +SKIP
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .analysis import filter_claims
from .review import Review
from .schema import DATE_PRECISIONS, MEASURES, QUALIFIERS, RELIABILITY_GRADES, STANCES
from .style import CREDITS, MEASURE_LABELS, measure_color
from .tables import STANCE_LABELS, HtmlTable, format_figure, grade, render_table

__all__ = ["Explorer", "Review", "claim_detail", "claims_page", "figure_png", "find_map_plotter", "overview_legend",
           "plot_overview", "search_text"]

PathLike = str | os.PathLike[str]

#: Columns the free-text search looks in: the quote and everything about the source.
SEARCH_COLUMNS: tuple[str, ...] = ("quote", "source_title", "source_outlet", "source_url", "relay", "notes", "location")
#: Admiralty wording of the grades, shown next to a selected claim.
RELIABILITY_WORDS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
    4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
}
#: Table sort orders offered: label -> key.
SORT_KEYS: tuple[tuple[str, str], ...] = (
    ("statement date", "statement_date"), ("claimant", "claimant"), ("measure", "measure"),
    ("figure", "figure"), ("grade", "grade"), ("outlet", "source_outlet"), ("claim id", "claim_id"),
)
_KIND_MARKERS = {"point": "o", "upto": "v", "atleast": "^"}
_KIND_OF = {
    "exact": "point", "about": "point", "up_to": "upto", "fewer_than": "upto",
    "at_least": "atleast", "more_than": "atleast", "range": "range",
}
_INK, _MUTED = "#333333", "#666666"


# --- search and figures -------------------------------------------------------------------


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


def _mid_dates(claims: pd.DataFrame) -> np.ndarray:
    """Matplotlib date numbers at the middle of each statement's date extent."""
    day = claims["statement_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    x = mdates.date2num(day)
    precision = _codes(claims["date_precision"], DATE_PRECISIONS)
    week, month = precision == DATE_PRECISIONS.index("week"), precision == DATE_PRECISIONS.index("month")
    x[week] += 3.5
    if month.any():
        first = day[month].astype("datetime64[M]")
        start, stop = mdates.date2num(first.astype("datetime64[D]")), mdates.date2num((first + 1).astype("datetime64[D]"))
        x[month] = (start + stop) / 2
    return x


def _codes(values: pd.Series, categories: Sequence[str]) -> np.ndarray:
    """Position of each value in ``categories`` (-1 when missing or unknown), without text copies."""
    if isinstance(values.dtype, pd.CategoricalDtype) and list(values.cat.categories) == list(categories):
        return values.cat.codes.to_numpy()
    return pd.Categorical(values.astype("string"), categories=list(categories)).codes


def _log_ticks(lo: float, hi: float) -> tuple[np.ndarray, list[str]]:
    """Ticks for a log10 axis drawn linearly: powers of ten, with 2 and 5 between when few."""
    first, last = int(np.floor(lo)), int(np.ceil(hi))
    steps = (1, 2, 5) if last - first <= 3 else (1,)
    values = [m * 10.0 ** k for k in range(first, last + 1) for m in steps]
    ticks = np.log10([v for v in values if lo <= np.log10(v) <= hi])
    return ticks, [_thousands(10 ** t) for t in ticks]


def _thousands(value: float, _pos=None) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


_MEASURE_COLORS = np.array([measure_color(m) for m in MEASURES] + [measure_color("other")], dtype=object)
_KIND_CODES = {"point": 0, "upto": 1, "atleast": 2, "range": 3}
_QUALIFIER_KIND = np.array([_KIND_CODES.get(_KIND_OF.get(q, ""), -1) for q in QUALIFIERS] + [-1])
_STANCE_ASSERTS = STANCES.index("asserts")


def plot_overview(
    claims: pd.DataFrame,
    ax: Axes | None = None,
    *,
    selected: str | None = None,
    max_marks: int = 1500,
    scale: str = "log",
    legend: bool = True,
) -> Axes:
    """A compact timeline: each claimed figure against its statement date, coloured by measure.

    Point figures are dots, "up to" figures downward and "at least" figures upward
    triangles, ranges vertical bars; repeats are hollow. Statements without a figure are
    ticks along the bottom. With more than ``max_marks`` figures the claims are drawn as one
    min–max bar per measure per week, with a dot at the median, and the axes says so.
    ``selected`` (a claim_id) is ringed. With ``scale="log"`` the y data are log10 of the
    figures, labelled in troops. ``legend=False`` leaves out the legend of measures and
    marks (the explorer shows it as HTML beside the image: text is the slow part to draw). Artist gids: ``marks:point``, ``marks:upto``,
    ``marks:atleast`` (``:repeat`` for hollow ones), ``marks:range``, ``aggregate``, ``rug``,
    ``selected``, ``note:aggregated``, ``note:empty``, ``note:key``.

    Built for speed in an interactive explorer: few text artists, one collection per kind,
    no non-linear transform. For the full drawing rules use
    :func:`osint.timeline.plot_timeline`.

    Example:
        >>> ax = plot_overview(load_claims("data/claims.csv"), selected="nkr-0003")  # doctest: +SKIP
    """
    if scale not in ("log", "linear"):
        raise ValueError(f"scale must be 'log' or 'linear', got {scale!r}")
    if ax is None:
        fig = Figure(figsize=(10, 3.4) if legend else (8.6, 3.2))
        ax = fig.add_axes((0.075, 0.17, 0.72, 0.78) if legend else (0.085, 0.14, 0.9, 0.8))
    if not len(claims):
        ax.text(0.5, 0.5, "No claims match these filters", ha="center", va="center", transform=ax.transAxes,
                color=_MUTED, gid="note:empty")
        ax.set_axis_off()
        return ax
    ax.set_axis_on()
    log = scale == "log"
    lo = claims["figure_low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    hi = claims["figure_high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    kind = _QUALIFIER_KIND[_codes(claims["qualifier"], QUALIFIERS)]
    asserts = _codes(claims["stance"], STANCES) == _STANCE_ASSERTS
    on_axis = (~np.isnan(lo) | ~np.isnan(hi)) & asserts & (kind >= 0)
    x = _mid_dates(claims)
    if log:  # log10 drawn on a linear axis: no per-path non-linear transform when drawing
        with np.errstate(divide="ignore", invalid="ignore"):
            lo, hi = np.log10(np.maximum(lo, 1.0)), np.log10(np.maximum(hi, 1.0))
    point = np.where(kind == _KIND_CODES["upto"], hi, np.where(np.isnan(lo), hi, lo))
    y = np.where(kind == _KIND_CODES["range"], (lo + hi) / 2, point)
    measure = _codes(claims["measure"], MEASURES)
    colors = _MEASURE_COLORS[measure]
    repeat = claims["repeats"].notna().to_numpy(dtype=bool)

    figures = np.flatnonzero(on_axis)
    aggregated = len(figures) > max_marks
    if aggregated:
        _draw_aggregate(ax, x[figures], y[figures], measure[figures])
    else:
        for name, marker in _KIND_MARKERS.items():
            for hollow in (False, True):
                idx = figures[(kind[figures] == _KIND_CODES[name]) & (repeat[figures] == hollow)]
                if len(idx):
                    edge = list(colors[idx])
                    ax.scatter(x[idx], y[idx], s=22, marker=marker, linewidths=1.0, zorder=3,
                               facecolors="none" if hollow else edge, edgecolors=edge,
                               gid=f"marks:{name}" + (":repeat" if hollow else ""))
        ranges = figures[kind[figures] == _KIND_CODES["range"]]
        if len(ranges):
            segs = np.stack([np.c_[x[ranges], lo[ranges]], np.c_[x[ranges], hi[ranges]]], axis=1)
            ax.add_collection(LineCollection(segs, colors=list(colors[ranges]), linewidths=2.2, zorder=3,
                                             gid="marks:range", capstyle="butt"))
    rug = np.flatnonzero(~on_axis)
    if len(rug):
        rx = np.unique(np.round(x[rug], 1)) if aggregated else x[rug]
        ax.scatter(rx, np.full(len(rx), 0.03), marker="|", s=60, color=_MUTED, linewidths=1.0,
                   transform=ax.get_xaxis_transform(), zorder=2, gid="rug")
    if selected is not None:
        where = np.flatnonzero(claims["claim_id"].to_numpy(dtype=object, na_value="") == selected)
        if len(where):
            i = where[0]
            if on_axis[i]:
                ax.scatter([x[i]], [y[i]], s=180, marker="o", facecolors="none", edgecolors="#000000",
                           linewidths=1.6, zorder=5, gid="selected")
            else:
                ax.axvline(x[i], color="#000000", linewidth=1.2, zorder=5, gid="selected")

    # axes: dates below, troops on the left; the measures shown, in a legend on the right
    if len(figures):
        ys = np.r_[lo[figures], hi[figures], y[figures]]
        ymin, ymax = float(np.nanmin(ys)), float(np.nanmax(ys))
    else:
        ymin, ymax = (0.0, 1.0)
    if log:
        bottom, top = ymin - max(0.35, (ymax - ymin) * 0.08), ymax + max(0.35, (ymax - ymin) * 0.08)
        ticks, labels = _log_ticks(bottom, top)
        ax.set_yticks(ticks, labels)
    else:
        bottom, top = 0.0, ymax * 1.12 + 1
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    ax.set_ylim(bottom, top)
    left, right = float(np.nanmin(x)), float(np.nanmax(x))
    pad = max((right - left) * 0.03, 4.0)
    ax.set_xlim(left - pad, right + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(labelsize=8, colors=_INK)
    ax.grid(True, axis="y", color="#e6e6e6", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel("troops, as claimed" + (" (log scale)" if log else ""), fontsize=8, color=_INK)
    if legend:
        shown = overview_measures(claims.iloc[figures])
        handles = [Line2D([], [], color=measure_color(m), marker="o", linestyle="", markersize=5) for m in shown]
        labels = [MEASURE_LABELS[m] for m in shown]
        if len(rug):
            handles.append(Line2D([], [], color=_MUTED, marker="|", linestyle="", markersize=8))
            labels.append("no figure")
        if handles:
            ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5, frameon=False,
                      handletextpad=0.3, borderaxespad=0.0, labelspacing=0.35)
        ax.text(1.01, 0.0, "\n".join(OVERVIEW_KEY[aggregated]), transform=ax.transAxes, fontsize=7, color=_MUTED, va="bottom",
                ha="left", gid="note:key")
    if aggregated:
        ax.text(0.0, 1.0, f"{len(figures):,} figures: weekly min–max per measure, dot at the median",
                transform=ax.transAxes, fontsize=7.5, color=_MUTED, va="bottom", ha="left", gid="note:aggregated")
    return ax


#: What the marks mean, in detail and when aggregated.
OVERVIEW_KEY = {
    False: ("● figure (exact or about)", "▼ up to: a ceiling", "▲ at least: a floor", "| range, low to high",
            "○ hollow: a repeat of another row"),
    True: ("| lowest to highest in a week", "● the week's median"),
}


def overview_measures(claims: pd.DataFrame) -> list[str]:
    """Measures of the claims with a figure on the overview, in reading order."""
    present = set(_codes(claims["measure"], MEASURES).tolist())
    return [m for i, m in enumerate(MEASURES) if i in present]


def overview_legend(claims: pd.DataFrame, max_marks: int = 1500) -> str:
    """The overview's legend as HTML: a coloured dot per measure shown, and what the marks mean.

    Example:
        >>> overview_legend(load_claims("data/claims.csv"))[:40]          # doctest: +SKIP
    """
    kind = _QUALIFIER_KIND[_codes(claims["qualifier"], QUALIFIERS)]
    asserts = _codes(claims["stance"], STANCES) == _STANCE_ASSERTS
    has = (claims["figure_low"].notna() | claims["figure_high"].notna()).to_numpy(dtype=bool)
    on_axis = has & asserts & (kind >= 0)
    items = [f'<div><span style="color:{measure_color(m)}">●</span> {html.escape(MEASURE_LABELS[m])}</div>'
             for m in overview_measures(claims.loc[on_axis])]
    if (~on_axis).any():
        items.append(f'<div><span style="color:{_MUTED}">|</span> no figure (along the bottom)</div>')
    key = "".join(f"<div>{html.escape(part)}</div>" for part in OVERVIEW_KEY[bool(on_axis.sum() > max_marks)])
    return (f'<div class="osint-legend" style="font-size:0.85em;line-height:1.35">{"".join(items)}'
            f'<div style="color:{_MUTED};margin-top:0.5em">{key}</div></div>')


def _draw_aggregate(ax: Axes, x: np.ndarray, y: np.ndarray, measure: np.ndarray) -> None:
    """One min–max bar per measure per week and a dot at the median (big selections)."""
    week = np.floor(x / 7.0).astype(np.int64)
    group = measure.astype(np.int64) * 1_000_000 + (week - week.min())
    order = np.lexsort((y, group))  # by group, then by figure within the group
    g, v = group[order], y[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    ends = np.r_[starts[1:], len(g)] - 1
    middle = (v[starts + (ends - starts) // 2] + v[starts + (ends - starts + 1) // 2]) / 2
    bx = week[order][starts] * 7.0 + 3.5
    colors = list(_MEASURE_COLORS[measure[order][starts]])
    segs = np.stack([np.c_[bx, v[starts]], np.c_[bx, v[ends]]], axis=1)
    ax.add_collection(LineCollection(segs, colors=colors, linewidths=2.0, alpha=0.55, zorder=3, gid="aggregate"))
    ax.scatter(bx, middle, s=9, c=colors, zorder=3.1, gid="aggregate:median")


def figure_png(fig: Figure, dpi: int = 90, tight: bool = False) -> bytes:
    """PNG bytes of a figure, compressed lightly (fast to write, a little bigger).

    ``tight=True`` crops to what was drawn (legends and notes outside the axes included).

    Example:
        >>> png = figure_png(plot_overview(claims).figure)                      # doctest: +SKIP
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1},
                **({"bbox_inches": "tight", "pad_inches": 0.1} if tight else {}))
    return buffer.getvalue()


def _takes(function: Callable[..., Any] | None, name: str) -> bool:
    """Whether ``function`` accepts a keyword argument ``name``."""
    import inspect

    if function is None:
        return False
    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def find_map_plotter() -> Callable[..., Any] | None:
    """The map function of :mod:`osint.maps` (claims, ax) when that module is installed, else None.

    Example:
        >>> plotter = find_map_plotter()                                   # doctest: +SKIP
    """
    try:
        from . import maps  # type: ignore[attr-defined]
    except ImportError:
        return None
    for name in ("plot_claims_map", "plot_map", "plot_locations", "map_claims"):
        function = getattr(maps, name, None)
        if callable(function):
            return function
    return None


# --- HTML pieces ----------------------------------------------------------------------------


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
    return (f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{html.escape(label)}</a>')


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


def claim_detail(row: pd.Series) -> str:
    """HTML of one claim: who said what figure when, its quote, source link and grades.

    Example:
        >>> claim_detail(claims.iloc[0])                                      # doctest: +SKIP
    """
    figure = format_figure(row["qualifier"], row["figure_low"], row["figure_high"])
    who = _esc(row["claimant"])
    extra = ", ".join(v for v in (_esc(row["claimant_type"]).replace("_", " "), _esc(row["claimant_country"])) if v)
    quote = (f'<blockquote class="osint-quote">{_esc(row["quote"])}</blockquote>' if _text(row["quote"])
             else "<p><em>No verbatim quote recorded for this claim.</em></p>")
    title = _text(row["source_title"]) or _text(row["source_outlet"])
    rel, cred = _text(row["reliability"]), row["credibility"]
    cred_i = int(cred) if not pd.isna(cred) else None
    facts = [
        ("Said", html.escape(_said(row["statement_date"], row["date_precision"]))
         + (f" · published {_esc(row['published'])}" if _text(row["published"]) else "")),
        ("Source", _link(row["source_url"], title) + f" <small>({_esc(row['source_outlet'])})</small>"
         + (f" <small>via {_esc(row['relay'])}</small>" if _text(row["relay"]) else "")),
        ("Grade", (f"<strong>{html.escape(grade(rel, _text(cred)))}</strong> — source {html.escape(rel)}: "
                   f"{html.escape(RELIABILITY_WORDS.get(rel, ''))}; information {html.escape(_text(cred))}: "
                   f"{html.escape(CREDIBILITY_WORDS.get(cred_i, '') if cred_i else '')}")),
    ]
    if _text(row["location"]):
        place = _esc(row["location"]) + f" <small>({_esc(row['geo_precision'])})</small>"
        if "origin" in row and _text(row["origin"]):
            place = f"from {_esc(row['origin'])} to " + place
        facts.append(("Where", place))
    if _text(row["repeats"]):
        facts.append(("Repeats", _esc(row["repeats"])))
    if _text(row["notes"]):
        facts.append(("Notes", _esc(row["notes"])))
    items = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in facts)
    return (
        f'<div class="osint-claim"><p><strong>{_esc(row["claim_id"])}</strong> · {who}'
        + (f" <small>({extra})</small>" if extra else "")
        + f" {html.escape(STANCE_LABELS.get(_text(row['stance']), _text(row['stance'])))}: "
        f"<strong>{html.escape(figure)}</strong> {html.escape(MEASURE_LABELS.get(_text(row['measure']), ''))}</p>"
        f"{quote}<table class=\"osint-table\">{items}</table></div>"
    )


def claims_page(rows: pd.DataFrame, caption: str = "") -> HtmlTable:
    """HTML table of claims in the given order (the explorer's sorted page), text escaped.

    Example:
        >>> claims_page(claims.head(10), caption="first ten")                 # doctest: +SKIP
    """
    cells = []
    for r in rows.itertuples(index=False):
        title = _text(r.source_title) or _text(r.source_outlet)
        cells.append({
            "Claim": _esc(r.claim_id) + (f"<br><small>repeats {_esc(r.repeats)}</small>" if _text(r.repeats) else ""),
            "Said": html.escape(_said(r.statement_date, r.date_precision)),
            "Claimant": _esc(r.claimant),
            "Stance": html.escape(STANCE_LABELS.get(_text(r.stance), _text(r.stance))),
            "Measure": html.escape(MEASURE_LABELS.get(_text(r.measure), _text(r.measure))),
            "Figure": html.escape(format_figure(r.qualifier, r.figure_low, r.figure_high)),
            "Grade": html.escape(grade(_text(r.reliability), _text(r.credibility))),
            "Source": _link(r.source_url, _short(title, 60)),
            "Quote": f"<q>{html.escape(_short(r.quote, 140))}</q>" if _text(r.quote) else "",
        })
    columns = ["Claim", "Said", "Claimant", "Stance", "Measure", "Figure", "Grade", "Source", "Quote"]
    return render_table(cells, columns, caption=caption)


def _png_tag(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'


# --- the explorer ---------------------------------------------------------------------------


class Explorer:
    """Interactive filters over a claims ledger, linked to a timeline, a map and a table.

    ``ledger`` is a ledger path (loaded and validated with :func:`osint.load_claims`) or a
    typed claims frame. The controls are attributes, so code and tests drive them like a
    user: ``dates`` (range of statement dates), ``claimants``, ``measures`` (empty: all),
    ``min_reliability``, ``min_credibility``, ``search`` (every word must appear in the
    quote or source fields, any case), ``include_repeats``; ``sort_by``, ``descending`` and
    ``page`` order the table; ``pick`` selects a claim of the page.

    After each change: :attr:`filtered` holds the kept claims (ledger order), :attr:`ordered`
    the same sorted for the table, :attr:`figure` the redrawn overview (its PNG is
    ``image.value``), :attr:`selected` the picked claim_id and ``detail.value`` its HTML.
    The map tab (when :mod:`osint.maps` is present) and the full timeline tab are drawn when
    opened, and redrawn on change while open. ``with explorer.hold():`` applies several
    changes at once.

    Example:
        >>> explorer = Explorer("data/claims.csv")                         # doctest: +SKIP
        >>> explorer.measures.value = ("arrived_in_russia",)               # doctest: +SKIP
        >>> explorer.filtered["measure"].unique().tolist()                  # doctest: +SKIP
        ['arrived_in_russia']
    """

    TABS = ("Overview", "Map", "Full timeline")

    def __init__(
        self,
        ledger: PathLike | pd.DataFrame,
        *,
        page_size: int = 25,
        dpi: int = 90,
        max_marks: int = 1500,
        auto_limit: int = 1000,
        map_plotter: Callable[..., Any] | None | str = "auto",
    ):
        import ipywidgets as w

        if isinstance(ledger, pd.DataFrame):
            claims = ledger
            self.source = str(ledger.attrs.get("source", ""))
        else:
            from .io import load_claims

            claims = load_claims(ledger)
            self.source = str(ledger)
        self.claims = claims.reset_index(drop=True)
        self.page_size = int(page_size)
        self.dpi = int(dpi)
        self.max_marks = int(max_marks)
        self.auto_limit = int(auto_limit)
        self.map_plotter = find_map_plotter() if map_plotter == "auto" else map_plotter
        self._map_takes_placed = _takes(self.map_plotter, "placed")
        self._placed: pd.DataFrame | None = None
        self._search = search_text(self.claims)
        self._ranks = self._sort_ranks(self.claims)
        self._held = 0
        self._busy = False
        self._stale = {"map": True, "full": True}
        self.filtered: pd.DataFrame = self.claims
        self.selected: str | None = None
        self.figure: Figure | None = None
        self._axes: Axes | None = None
        self._order = np.arange(len(self.claims))
        self.map_figure: Figure | None = None
        self.full_figure: Figure | None = None
        self.page_index = 0

        # --- controls
        days = sorted(pd.unique(self.claims["statement_date"].dropna().dt.normalize()))
        if not days:
            days = [pd.Timestamp("today").normalize()]
        self._days = [pd.Timestamp(d) for d in days]
        self.dates = w.SelectionRangeSlider(
            options=[(d.strftime("%Y-%m-%d"), d) for d in self._days], index=(0, len(self._days) - 1),
            description="Said", continuous_update=False, readout=False, layout=w.Layout(width="70%"),
        )
        self.dates_label = w.HTML()
        measure_counts = self.claims["measure"].astype("string").value_counts()
        self.measures = w.SelectMultiple(
            options=[(f"{MEASURE_LABELS[m]} ({measure_counts[m]})", m) for m in MEASURES if m in measure_counts],
            rows=min(8, max(len(measure_counts), 2)), description="Measures", layout=w.Layout(width="300px"),
        )
        claimant_counts = self.claims["claimant"].astype("string").value_counts()
        self.claimants = w.SelectMultiple(
            options=[(f"{name} ({n})", name) for name, n in sorted(claimant_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
            rows=8, description="Claimants", layout=w.Layout(width="410px"),
        )
        self.min_reliability = w.Dropdown(
            options=[(f"A–{g}" if g != "A" else "A only", g) for g in RELIABILITY_GRADES[:-1]] + [("any (A–F)", "F")],
            value="F", description="Source grade", style={"description_width": "initial"}, layout=w.Layout(width="200px"),
        )
        self.min_credibility = w.Dropdown(
            options=[(f"1–{g}" if g != 1 else "1 only", g) for g in range(1, 6)] + [("any (1–6)", 6)],
            value=6, description="Information grade", style={"description_width": "initial"},
            layout=w.Layout(width="230px"),
        )
        self.include_repeats = w.Checkbox(value=True, description="include repeats", indent=False,
                                          layout=w.Layout(width="150px", margin="0 1em"))
        self.search = w.Text(
            value="", placeholder="words in quotes, titles, outlets, URLs, notes", description="Search",
            continuous_update=False, layout=w.Layout(width="98%"),
        )
        self.reset_button = w.Button(description="Reset filters", icon="undo")
        self.sort_by = w.Dropdown(options=list(SORT_KEYS), value="statement_date", description="Sort by",
                                  layout=w.Layout(width="230px"))
        self.descending = w.ToggleButton(value=False, description="descending", icon="sort-amount-desc")
        self.prev_button = w.Button(description="", icon="chevron-left", layout=w.Layout(width="40px"))
        self.next_button = w.Button(description="", icon="chevron-right", layout=w.Layout(width="40px"))
        self.page = w.HTML()
        self.count = w.HTML()
        self.image = w.Image(format="png", layout=w.Layout(flex="1 1 auto", max_width="calc(100% - 240px)",
                                                            height="auto"))
        self.legend = w.HTML(layout=w.Layout(flex="0 0 235px"))
        self.map_image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.map_note = w.HTML()
        self.map_button = w.Button(description="Draw the map", icon="map")
        self.full_note = w.HTML()
        self.full_button = w.Button(description="Draw the full timeline", icon="line-chart")
        self.full_image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.table = w.HTML()
        self.pick = w.Select(options=[], rows=9, description="Claim", layout=w.Layout(flex="0 1 480px"))
        self.detail = w.HTML(layout=w.Layout(flex="1 1 420px", padding="0 0 0 1em"))
        self.tabs = w.Tab(children=[
            w.HBox([self.image, self.legend]),
            w.VBox([w.HBox([self.map_button, self.map_note]), self.map_image]),
            w.VBox([w.HBox([self.full_button, self.full_note]), self.full_image]),
        ])
        for i, title in enumerate(self.TABS):
            self.tabs.set_title(i, title)
        for widget, name in ((self.measures, "measures"), (self.claimants, "claimants"), (self.dates, "dates"),
                             (self.search, "search"), (self.count, "count"), (self.image, "timeline"),
                             (self.table, "table"), (self.pick, "pick"), (self.detail, "detail"),
                             (self.min_reliability, "reliability"), (self.min_credibility, "credibility"),
                             (self.include_repeats, "repeats"), (self.tabs, "tabs")):
            widget.add_class(f"osint-{name}")

        for control in (self.dates, self.measures, self.claimants, self.min_reliability, self.min_credibility,
                        self.include_repeats, self.search):
            control.observe(self._on_filter, names="value")
        for control in (self.sort_by, self.descending):
            control.observe(self._on_order, names="value")
        self.pick.observe(self._on_pick, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.reset_button.on_click(lambda _b: self.reset())
        self.map_button.on_click(lambda _b: self.draw_map())
        self.full_button.on_click(lambda _b: self.draw_full_timeline())
        self.prev_button.on_click(lambda _b: self.turn(-1))
        self.next_button.on_click(lambda _b: self.turn(+1))

        grades = w.HBox([self.min_reliability, self.min_credibility, self.include_repeats, self.reset_button],
                        layout=w.Layout(flex_flow="row wrap", align_items="center"))
        controls = w.VBox([
            w.HBox([self.dates, self.dates_label]),
            w.HBox([self.measures, self.claimants], layout=w.Layout(flex_flow="row wrap")),
            grades,
            self.search,
        ])
        header = w.HTML(f"<h3 style='margin:0.2em 0'>Claims explorer</h3><small>{len(self.claims):,} claims"
                        + (f" from <code>{html.escape(self.source)}</code>" if self.source else "") + "</small>")
        order = w.HBox([self.sort_by, self.descending, self.prev_button, self.page, self.next_button])
        picked = w.HBox([self.pick, self.detail], layout=w.Layout(flex_flow="row wrap", margin="0.5em 0"))
        self.widget = w.VBox([header, controls, self.count, self.tabs, picked, order, self.table])
        self.widget.add_class("osint-explorer")
        self.update()

    # --- state -------------------------------------------------------------------------------

    @staticmethod
    def _sort_ranks(claims: pd.DataFrame) -> dict[str, np.ndarray]:
        """For each sort key, every row's rank in the whole ledger (ties by date, then id)."""
        n = len(claims)
        date = claims["statement_date"].to_numpy(dtype="datetime64[ns]").astype("int64")
        ident = pd.factorize(claims["claim_id"].astype("string"), sort=True)[0]
        figure = claims["figure_high"].astype("Float64").fillna(claims["figure_low"].astype("Float64"))
        rel = claims["reliability"].cat.codes.to_numpy() if hasattr(claims["reliability"], "cat") else np.zeros(n)
        keys = {
            "statement_date": date,
            "claimant": pd.factorize(claims["claimant"].astype("string").str.casefold(), sort=True)[0],
            "measure": claims["measure"].cat.codes.to_numpy() if hasattr(claims["measure"], "cat") else np.zeros(n),
            "figure": figure.to_numpy(dtype=float, na_value=-1.0),
            "grade": rel * 10 + claims["credibility"].astype("Float64").to_numpy(dtype=float, na_value=9.0),
            "source_outlet": pd.factorize(claims["source_outlet"].astype("string").str.casefold(), sort=True)[0],
            "claim_id": ident,
        }
        ranks = {}
        for name, key in keys.items():
            order = np.lexsort((ident, date, key))
            rank = np.empty(n, dtype=np.int64)
            rank[order] = np.arange(n)
            ranks[name] = rank
        return ranks

    @contextmanager
    def hold(self) -> Iterator[Explorer]:
        """Change several controls, then update once.

        Example:
            >>> with explorer.hold():                                      # doctest: +SKIP
            ...     explorer.measures.value = ("killed",)
            ...     explorer.min_reliability.value = "C"
        """
        self._held += 1
        try:
            yield self
        finally:
            self._held -= 1
            if not self._held:
                self.update()

    def selection(self) -> dict[str, Any]:
        """The filters as :func:`osint.analysis.filter_claims` arguments, plus ``search``."""
        start, end = self.dates.value
        full = (self._days[0], self._days[-1])
        return {
            "start": "" if start == full[0] else start.strftime("%Y-%m-%d"),
            "end": "" if end == full[1] else end.strftime("%Y-%m-%d"),
            "measures": list(self.measures.value),
            "claimants": list(self.claimants.value),
            "min_reliability": self.min_reliability.value,
            "min_credibility": int(self.min_credibility.value),
            "include_repeats": bool(self.include_repeats.value),
            "search": self.search.value.strip(),
        }

    def _apply_filters(self) -> pd.DataFrame:
        chosen = self.selection()
        words = chosen.pop("search").lower().split()
        base = self.claims
        if words:
            hits = np.ones(len(base), dtype=bool)
            for word in words:
                hits &= self._search.str.contains(word, regex=False).to_numpy(dtype=bool, na_value=False)
            base = base.loc[hits]
        return filter_claims(base, **chosen)

    # --- reactions -----------------------------------------------------------------------------

    def _on_filter(self, _change=None) -> None:
        if not self._held and not self._busy:
            self.update()

    def _on_order(self, _change=None) -> None:
        if not self._held and not self._busy:
            self.page_index = 0
            self._refresh_table()

    def _on_pick(self, change) -> None:
        if self._busy:
            return
        self.select(change["new"])

    def _on_tab(self, _change=None) -> None:
        self._draw_visible()

    def update(self) -> None:
        """Filter, then redraw the count, the table, the selection and the visible figure."""
        self.filtered = self._apply_filters()
        self.page_index = 0
        if self.selected is not None and not (self.filtered["claim_id"] == self.selected).any():
            self.selected = None
        start, end = self.dates.value
        self.dates_label.value = f"<span style='padding-left:0.5em'>{start:%d %b %Y} – {end:%d %b %Y}</span>"
        total, kept = len(self.claims), len(self.filtered)
        repeats = int(self.filtered["repeats"].notna().sum())
        self.count.value = (f"<b class='osint-count-number'>{kept:,}</b> of {total:,} claims match"
                            + (f" ({repeats:,} of them repeats)" if repeats else ""))
        self._refresh_table()
        self._stale = {"map": True, "full": True}
        self.legend.value = overview_legend(self.filtered, self.max_marks)
        self._draw_overview()
        self._draw_visible()

    def _refresh_table(self) -> None:
        rank = self._ranks[self.sort_by.value][self.filtered.index.to_numpy()]
        order = np.argsort(rank, kind="stable")
        if self.descending.value:
            order = order[::-1]
        self._order = order
        pages = max(1, -(-len(order) // self.page_size))
        self.page_index = min(max(self.page_index, 0), pages - 1)
        first = self.page_index * self.page_size
        rows = self.filtered.iloc[order[first: first + self.page_size]]
        shown = f"{first + 1:,}–{first + len(rows):,} of {len(order):,}" if len(rows) else "none"
        self.page.value = f"<span style='padding:0 0.6em'>rows {shown}</span>"
        self.table.value = claims_page(rows).markup if len(rows) else "<p><em>No claims match these filters.</em></p>"
        options = [
            ((f"{_text(r.claim_id)} · {_said(r.statement_date, r.date_precision)}"
              f" · {_short(r.claimant, 32)} · {MEASURE_LABELS.get(_text(r.measure), '')} "
              f"{format_figure(r.qualifier, r.figure_low, r.figure_high)}"), _text(r.claim_id))
            for r in rows.itertuples(index=False)
        ]
        self._busy = True
        try:
            self.pick.options = options
            self.pick.value = self.selected if self.selected in {v for _, v in options} else None
        finally:
            self._busy = False
        self._show_detail()

    @property
    def ordered(self) -> pd.DataFrame:
        """The filtered claims in the table's order (sort key, then date, then claim_id)."""
        return self.filtered.iloc[self._order]

    def turn(self, step: int) -> None:
        """Show the next (``+1``) or previous (``-1``) page of the table."""
        self.page_index += step
        self._refresh_table()

    def select(self, claim_id: str | None) -> None:
        """Show a claim's quote, source and grades, and ring it in the figures."""
        if claim_id is not None and not (self.claims["claim_id"] == claim_id).any():
            raise KeyError(f"no claim {claim_id!r} in the ledger")
        if claim_id == self.selected:
            return
        self.selected = claim_id
        self._busy = True
        try:
            if claim_id in {value for _, value in self.pick.options}:
                self.pick.value = claim_id
        finally:
            self._busy = False
        self._show_detail()
        self._draw_overview()

    def _show_detail(self) -> None:
        if self.selected is None:
            self.detail.value = "<p><em>Pick a claim to see its quote, source and grades.</em></p>"
            return
        row = self.claims.loc[self.claims["claim_id"] == self.selected].iloc[0]
        self.detail.value = claim_detail(row)

    def reset(self) -> None:
        """Put every filter back to "all claims"."""
        with self.hold():
            self.dates.index = (0, len(self._days) - 1)
            self.measures.value = ()
            self.claimants.value = ()
            self.min_reliability.value = "F"
            self.min_credibility.value = 6
            self.include_repeats.value = True
            self.search.value = ""

    # --- figures ------------------------------------------------------------------------------

    def _draw_overview(self) -> None:
        import matplotlib

        # One figure for the explorer's life: its axes and tick objects are reused, only the
        # marks are replaced (building an axes costs more than drawing these marks).
        if self._axes is None:
            self._axes = plot_overview(self.claims.iloc[:0], legend=False)
        ax = self._axes
        for artist in [*ax.collections, *ax.lines, *ax.texts, *ax.patches]:
            artist.remove()
        # unhinted glyphs draw about twice as fast, and look the same at screen sizes
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            plot_overview(self.filtered, ax=ax, selected=self.selected, max_marks=self.max_marks, legend=False)
            self.figure = ax.figure
            self.image.value = figure_png(self.figure, self.dpi)

    def _draw_visible(self) -> None:
        """Redraw the map or full timeline when its tab is open and it is out of date.

        Both take seconds for big selections, so above ``auto_limit`` claims they wait for
        their button instead.
        """
        tab = self.TABS[self.tabs.selected_index or 0]
        if tab == "Overview":
            return
        name, draw, note = (("map", self.draw_map, self.map_note) if tab == "Map"
                            else ("full", self.draw_full_timeline, self.full_note))
        if not self._stale[name]:
            return
        if len(self.filtered) <= self.auto_limit:
            draw()
        else:
            note.value = (f"<p><em>{len(self.filtered):,} claims: drawn on request above {self.auto_limit:,} "
                          "(it takes a few seconds). The image below is of an earlier selection.</em></p>")

    def draw_map(self) -> Figure | None:
        """Draw the map of the filtered claims' locations (when :mod:`osint.maps` is present)."""
        self._stale["map"] = False
        if self.map_plotter is None:
            self.map_note.value = ("<p><em>The map needs the <code>osint.maps</code> module, which is not "
                                   "installed here.</em></p>")
            self.map_figure = None
            return None
        import matplotlib.pyplot as plt

        options: dict[str, Any] = {}
        try:  # the map module lays out its own figure (legend and notes beside the map)
            if self._map_takes_placed:  # place every claim once, then reuse it for each selection
                if self._placed is None:
                    from .maps import place_claims  # type: ignore[attr-defined]

                    self._placed = place_claims(self.claims)
                options["placed"] = self._placed
            fig = self.map_plotter(self.filtered, **options).figure
            plt.close(fig)  # keep pyplot from holding every drawn figure
            png = figure_png(fig, self.dpi)
        except Exception as exc:  # noqa: BLE001 - a map problem must not take the explorer down
            self.map_figure = None
            self.map_image.value = b""
            self.map_note.value = f"<p><em>The map could not be drawn: {html.escape(f'{type(exc).__name__}: {exc}')}</em></p>"
            return None
        self.map_figure = fig
        self.map_note.value = f"<p><small>{len(self.filtered):,} claims selected</small></p>"
        self.map_image.value = png
        return fig

    def draw_full_timeline(self) -> Figure:
        """Draw :func:`osint.timeline.plot_timeline` of the filtered claims (slower, full detail)."""
        import matplotlib.pyplot as plt

        from .timeline import plot_timeline

        self._stale["full"] = False
        axes = plot_timeline(self.filtered)
        fig = axes[0].figure
        plt.close(fig)  # keep pyplot from holding every drawn figure
        self.full_figure = fig
        self.full_image.value = figure_png(fig, 72)
        self.full_note.value = f"<p><small>{len(self.filtered):,} claims selected</small></p>"
        return fig

    # --- display --------------------------------------------------------------------------------

    def snapshot(self, max_rows: int = 200) -> HtmlTable:
        """The current selection as plain HTML with inline images, for shared reports.

        Holds what the filters describe in words, the full timeline, the map (when
        available) and the claims table (the first ``max_rows`` in the table's order).

        Example:
            >>> explorer.snapshot()                                        # doctest: +SKIP
        """
        chosen = self.selection()
        said = {k: v for k, v in chosen.items() if v not in ("", [], "F", 6, True)}
        described = "; ".join(
            f"{k.replace('_', ' ')}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in said.items()
        ) or "none (every claim)"
        parts = [
            (f"<p>{len(self.filtered):,} of {len(self.claims):,} claims match. Filters: {html.escape(described)}. "
             "The controls need a running notebook; this static copy shows the selection they held when "
             "the notebook ran.</p>"),
        ]
        if len(self.filtered):
            full = self.full_figure if not self._stale["full"] and self.full_figure is not None else self.draw_full_timeline()
            parts.append(_png_tag(figure_png(full, 80), "Timeline of the selected claims"))
            if self.map_plotter is not None:
                fig = self.map_figure if not self._stale["map"] and self.map_figure is not None else self.draw_map()
                if fig is not None:
                    parts.append(_png_tag(figure_png(fig, 80), "Map of the selected claims' reported locations"))
        rows = self.ordered.iloc[:max_rows]
        order_name = {key: label for label, key in SORT_KEYS}[self.sort_by.value]
        caption = f"{len(rows):,} of {len(self.ordered):,} claim(s), by {order_name}"
        parts.append(claims_page(rows, caption=caption).markup)
        parts.append(f"<p><small>{html.escape(CREDITS)}</small></p>")
        return HtmlTable("\n".join(parts), len(rows))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
