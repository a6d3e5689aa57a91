"""Explore a claims ledger in JupyterLab: filters linked to a timeline, a map and a table.

:class:`Explorer` puts ipywidgets controls (statement dates, claimants, measures, minimum
grades, free-text search over quotes and sources, repeats in or out) above three views of
the claims they keep:

* an *overview* timeline (:func:`osint.overview.plot_overview`): every figure claimed against
  its statement date on one log axis, coloured by measure, redrawn on every change
  (aggregated for big selections; about 0.1 s for 10,000 claims, see
  ``benchmarks/bench_explore.py``); the full lane timeline of :mod:`osint.timeline` and the
  map of reported locations (:mod:`osint.maps`) take seconds, so they are drawn when their
  tab is opened (and on request above ``auto_limit`` claims); the ledger is placed on the
  map once (:func:`osint.places.place_claims`) and that placement is reused for every
  selection;
* the *consensus* band of the selection (:func:`osint.consensus.consensus`): per measure and
  kind of personnel, the span of each independent source family's latest current figure,
  each family's line and the count of families, with one sentence per series; drawn when its
  tab is open, and kept for the last few selections so going back is instant;
* a sortable, paged table of the claims;
* the selected claim: its quote, source link and grades, its source family (and the rule
  that gave it) and its place in the echo chain of its figure (:mod:`osint.echoes`).

Source families are attached once, when the claims load (:func:`osint.families.attach_families`),
so a repeat or relay keeps the family of the claim it carries whatever the filters keep.

Every text that came from the ledger is escaped before it becomes HTML
(:mod:`osint.claim_views`). Figures are PNG
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

import html
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from .analysis import filter_claims
from .claim_views import (
    _png_tag,
    _said,
    _short,
    _text,
    claim_detail,
    claims_page,
    figure_png,
    search_text,
)
from .consensus import DEFAULT_STALE_DAYS, with_personnel
from .consensus_view import consensus_view
from .echoes import echo_chains, echo_position
from .families import ClaimantFamilies, ClaimantTableError, attach_families
from .io import load_claims
from .maps import plot_claims_map
from .overview import overview_legend, plot_overview
from .paths import PathLike
from .places import place_claims
from .review import Review
from .schema import MEASURES, RELIABILITY_GRADES
from .style import CREDITS, MEASURE_LABELS, format_figure
from .tables import HtmlTable
from .timeline import plot_timeline

__all__ = ["Explorer", "MapPlotter", "Review"]

#: Table sort orders offered: label -> key.
SORT_KEYS: tuple[tuple[str, str], ...] = (
    ("statement date", "statement_date"),
    ("claimant", "claimant"),
    ("measure", "measure"),
    ("figure", "figure"),
    ("grade", "grade"),
    ("outlet", "source_outlet"),
    ("claim id", "claim_id"),
)
#: A map drawer: ``(claims, placed=..., **style) -> Axes``, as :func:`osint.maps.plot_claims_map`.
MapPlotter = Callable[..., Axes]


# --- the explorer ---------------------------------------------------------------------------


class Explorer:
    """Interactive filters over a claims ledger, linked to a timeline, a map and a table.

    ``ledger`` is a ledger path (loaded and validated with :func:`osint.load_claims`) or a
    typed claims frame. The controls are attributes, so code and tests drive them like a
    user: ``dates`` (range of statement dates), ``claimants``, ``measures`` (empty: all),
    ``min_reliability``, ``min_credibility``, ``search`` (every word must appear in the
    quote or source fields, any case), ``include_repeats``; ``sort_by``, ``descending`` and
    ``page`` order the table; ``pick`` selects a claim of the page; ``stale_days`` is the
    consensus tab's staleness window (its minimum grades are the grade filters above).

    After each change: :attr:`filtered` holds the kept claims (ledger order), :attr:`ordered`
    the same sorted for the table, :attr:`figure` the redrawn overview (its PNG is
    ``image.value``), :attr:`selected` the picked claim_id and ``detail.value`` its HTML.
    The consensus, map and full timeline tabs are drawn when opened, and redrawn on change
    while open; :attr:`consensus_bands` holds the bands last drawn. ``claimants`` is the
    claimant table the source families come from (default ``data/claimants.csv``).
    ``map_plotter`` draws the map tab: called as ``map_plotter(filtered, placed=placed)``
    where ``placed`` is :func:`osint.places.place_claims` of the whole ledger, computed once
    (default :func:`osint.maps.plot_claims_map`; None: no map). ``with explorer.hold():``
    applies several changes at once.

    Example:
        >>> explorer = Explorer("data/claims.csv")                         # doctest: +SKIP
        >>> explorer.measures.value = ("arrived_in_russia",)               # doctest: +SKIP
        >>> explorer.filtered["measure"].unique().tolist()                  # doctest: +SKIP
        ['arrived_in_russia']
    """

    TABS = ("Overview", "Consensus", "Map", "Full timeline")
    #: Above this many family positions the consensus tab draws the band without each
    #: family's line (thousands of lines take seconds and cannot be read).
    MAX_FAMILY_LINES = 400
    #: Series (measure, personnel) drawn at most in the consensus tab, those with the most
    #: claims first (each panel takes about a second to draw); the sentences cover them all.
    MAX_PANELS = 4
    #: Selections whose consensus is kept, so that going back to one redraws nothing.
    CONSENSUS_CACHE = 8

    def __init__(
        self,
        ledger: PathLike | pd.DataFrame,
        *,
        page_size: int = 25,
        dpi: int = 90,
        max_marks: int = 1500,
        auto_limit: int = 1000,
        map_plotter: MapPlotter | None = plot_claims_map,
        claimants: ClaimantFamilies | PathLike | None = None,
        stale_days: int = DEFAULT_STALE_DAYS,
    ):
        import ipywidgets as w

        if isinstance(ledger, pd.DataFrame):
            claims = ledger
            self.source = str(ledger.attrs.get("source", ""))
        else:
            claims = load_claims(ledger)
            self.source = str(ledger)
        self.claims, self.family_problem = self._with_families(claims.reset_index(drop=True), claimants)
        self.page_size = int(page_size)
        self.dpi = int(dpi)
        self.max_marks = int(max_marks)
        self.auto_limit = int(auto_limit)
        self.map_plotter = map_plotter
        self._placed: pd.DataFrame | None = None  # the whole ledger placed, once, on the first map
        self._search = search_text(self.claims)
        self._ranks = self._sort_ranks(self.claims)
        self._held = 0
        self._busy = False
        self._stale = {"map": True, "full": True, "consensus": True}
        self._chains: pd.DataFrame | None = None  # echo chains of the whole ledger, on the first pick
        self._chain_of: dict[str, int] = {}
        self._positions: dict[str, dict[str, Any]] = {}  # echo positions already looked up
        self._consensus_cache: OrderedDict[tuple, tuple[pd.DataFrame, bytes, str]] = OrderedDict()
        self.consensus_bands: pd.DataFrame | None = None
        self.filtered: pd.DataFrame = self.claims
        self.selected: str | None = None
        self.figure: Figure | SubFigure | None = None
        self._axes: Axes | None = None
        self._order = np.arange(len(self.claims))
        self.map_figure: Figure | SubFigure | None = None
        self.full_figure: Figure | SubFigure | None = None
        self.page_index = 0

        # --- controls
        days = sorted(pd.unique(self.claims["statement_date"].dropna().dt.normalize()))
        if not days:
            days = [pd.Timestamp("today").normalize()]
        self._days = [pd.Timestamp(d) for d in days]
        self.dates = w.SelectionRangeSlider(
            options=[(d.strftime("%Y-%m-%d"), d) for d in self._days],
            index=(0, len(self._days) - 1),
            description="Said",
            continuous_update=False,
            readout=False,
            layout=w.Layout(width="70%"),
        )
        self.dates_label = w.HTML()
        measure_counts = self.claims["measure"].astype("string").value_counts()
        self.measures = w.SelectMultiple(
            options=[(f"{MEASURE_LABELS[m]} ({measure_counts[m]})", m) for m in MEASURES if m in measure_counts],
            rows=min(8, max(len(measure_counts), 2)),
            description="Measures",
            layout=w.Layout(width="300px"),
        )
        claimant_counts = self.claims["claimant"].astype("string").value_counts()
        self.claimants = w.SelectMultiple(
            options=[
                (f"{name} ({n})", name) for name, n in sorted(claimant_counts.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            rows=8,
            description="Claimants",
            layout=w.Layout(width="410px"),
        )
        self.min_reliability = w.Dropdown(
            options=[(f"A–{g}" if g != "A" else "A only", g) for g in RELIABILITY_GRADES[:-1]] + [("any (A–F)", "F")],
            value="F",
            description="Source grade",
            style={"description_width": "initial"},
            layout=w.Layout(width="200px"),
        )
        self.min_credibility = w.Dropdown(
            options=[(f"1–{g}" if g != 1 else "1 only", g) for g in range(1, 6)] + [("any (1–6)", 6)],
            value=6,
            description="Information grade",
            style={"description_width": "initial"},
            layout=w.Layout(width="230px"),
        )
        self.include_repeats = w.Checkbox(
            value=True, description="include repeats", indent=False, layout=w.Layout(width="150px", margin="0 1em")
        )
        self.search = w.Text(
            value="",
            placeholder="words in quotes, titles, outlets, URLs, notes",
            description="Search",
            continuous_update=False,
            layout=w.Layout(width="98%"),
        )
        self.reset_button = w.Button(description="Reset filters", icon="undo")
        self.sort_by = w.Dropdown(
            options=list(SORT_KEYS), value="statement_date", description="Sort by", layout=w.Layout(width="230px")
        )
        self.descending = w.ToggleButton(value=False, description="descending", icon="sort-amount-desc")
        self.prev_button = w.Button(description="", icon="chevron-left", layout=w.Layout(width="40px"))
        self.next_button = w.Button(description="", icon="chevron-right", layout=w.Layout(width="40px"))
        self.page = w.HTML()
        self.count = w.HTML()
        self.image = w.Image(
            format="png", layout=w.Layout(flex="1 1 auto", max_width="calc(100% - 240px)", height="auto")
        )
        self.legend = w.HTML(layout=w.Layout(flex="0 0 235px"))
        self.map_image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.map_note = w.HTML()
        self.map_button = w.Button(description="Draw the map", icon="map")
        self.full_note = w.HTML()
        self.full_button = w.Button(description="Draw the full timeline", icon="line-chart")
        self.full_image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.stale_days = w.IntSlider(
            value=int(stale_days),
            min=7,
            max=730,
            step=1,
            description="Stale after",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="320px"),
        )
        self.consensus_note = w.HTML()
        self.consensus_image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.consensus_text = w.HTML()
        self.table = w.HTML()
        self.pick = w.Select(options=[], rows=9, description="Claim", layout=w.Layout(flex="0 1 480px"))
        self.detail = w.HTML(layout=w.Layout(flex="1 1 420px", padding="0 0 0 1em"))
        self.tabs = w.Tab(
            children=[
                w.HBox([self.image, self.legend]),
                w.VBox(
                    [
                        w.HBox([self.stale_days, self.consensus_note], layout=w.Layout(align_items="center")),
                        self.consensus_text,
                        self.consensus_image,
                    ]
                ),
                w.VBox([w.HBox([self.map_button, self.map_note]), self.map_image]),
                w.VBox([w.HBox([self.full_button, self.full_note]), self.full_image]),
            ]
        )
        for i, title in enumerate(self.TABS):
            self.tabs.set_title(i, title)
        for widget, name in (
            (self.measures, "measures"),
            (self.claimants, "claimants"),
            (self.dates, "dates"),
            (self.search, "search"),
            (self.count, "count"),
            (self.image, "timeline"),
            (self.table, "table"),
            (self.pick, "pick"),
            (self.detail, "detail"),
            (self.min_reliability, "reliability"),
            (self.min_credibility, "credibility"),
            (self.include_repeats, "repeats"),
            (self.tabs, "tabs"),
            (self.stale_days, "stale-days"),
            (self.consensus_image, "consensus"),
            (self.consensus_text, "consensus-text"),
        ):
            widget.add_class(f"osint-{name}")

        for control in (
            self.dates,
            self.measures,
            self.claimants,
            self.min_reliability,
            self.min_credibility,
            self.include_repeats,
            self.search,
        ):
            control.observe(self._on_filter, names="value")
        for control in (self.sort_by, self.descending):
            control.observe(self._on_order, names="value")
        self.pick.observe(self._on_pick, names="value")
        self.stale_days.observe(self._on_stale_days, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.reset_button.on_click(lambda _b: self.reset())
        self.map_button.on_click(lambda _b: self.draw_map())
        self.full_button.on_click(lambda _b: self.draw_full_timeline())
        self.prev_button.on_click(lambda _b: self.turn(-1))
        self.next_button.on_click(lambda _b: self.turn(+1))

        grades = w.HBox(
            [self.min_reliability, self.min_credibility, self.include_repeats, self.reset_button],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        controls = w.VBox(
            [
                w.HBox([self.dates, self.dates_label]),
                w.HBox([self.measures, self.claimants], layout=w.Layout(flex_flow="row wrap")),
                grades,
                self.search,
            ]
        )
        header = w.HTML(
            f"<h3 style='margin:0.2em 0'>Claims explorer</h3><small>{len(self.claims):,} claims"
            + (f" from <code>{html.escape(self.source)}</code>" if self.source else "")
            + "</small>"
        )
        order = w.HBox([self.sort_by, self.descending, self.prev_button, self.page, self.next_button])
        picked = w.HBox([self.pick, self.detail], layout=w.Layout(flex_flow="row wrap", margin="0.5em 0"))
        self.widget = w.VBox([header, controls, self.count, self.tabs, picked, order, self.table])
        self.widget.add_class("osint-explorer")
        self.update()

    # --- state -------------------------------------------------------------------------------

    @staticmethod
    def _with_families(claims: pd.DataFrame, table: ClaimantFamilies | PathLike | None) -> tuple[pd.DataFrame, str]:
        """The claims with ``family`` and ``family_rule`` (and ``personnel``), and any problem.

        A claimant table that cannot be read leaves the explorer usable: the problem is
        shown in the consensus tab and in each claim's detail.
        """
        claims = with_personnel(claims)
        try:
            return attach_families(claims, table), ""
        except (ClaimantTableError, OSError) as exc:
            return claims, f"the source families could not be read: {exc}"

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

    def _apply_filters(self, **override: Any) -> pd.DataFrame:
        chosen = {**self.selection(), **override}
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

    def _on_stale_days(self, _change=None) -> None:
        self._stale["consensus"] = True
        if not self._held:
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
        self.count.value = f"<b class='osint-count-number'>{kept:,}</b> of {total:,} claims match" + (
            f" ({repeats:,} of them repeats)" if repeats else ""
        )
        self._refresh_table()
        self._stale = {"map": True, "full": True, "consensus": True}
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
        rows = self.filtered.iloc[order[first : first + self.page_size]]
        shown = f"{first + 1:,}–{first + len(rows):,} of {len(order):,}" if len(rows) else "none"
        self.page.value = f"<span style='padding:0 0.6em'>rows {shown}</span>"
        self.table.value = claims_page(rows).markup if len(rows) else "<p><em>No claims match these filters.</em></p>"
        options = [
            (
                (
                    f"{_text(r.claim_id)} · {_said(r.statement_date, r.date_precision)}"
                    f" · {_short(r.claimant, 32)} · {MEASURE_LABELS.get(_text(r.measure), '')} "
                    f"{format_figure(r.qualifier, r.figure_low, r.figure_high)}"
                ),
                _text(r.claim_id),
            )
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
        at = np.flatnonzero((self.claims["claim_id"] == self.selected).to_numpy(dtype=bool, na_value=False))[0]
        self.detail.value = claim_detail(self.claims.iloc[at], self.echo_position(self.selected))

    def echo_position(self, claim_id: str) -> dict[str, Any]:
        """A claim's family and its place in the echo chain of its figure, in the whole ledger.

        :func:`osint.echoes.echo_position`, plus ``first_family`` (the family that said the
        figure first); the chains are found once, on the first call. With no source
        families (claimant table unreadable): ``{"error": ...}``.

        Example:
            >>> explorer.echo_position("t-006")["family_rule"]            # doctest: +SKIP
            'repeats'
        """
        if self.family_problem:
            return {"claim_id": claim_id, "error": self.family_problem}
        if claim_id in self._positions:
            return dict(self._positions[claim_id])
        if self._chains is None:
            self._chains = echo_chains(self.claims)
            for chain, ids in zip(self._chains["chain"].tolist(), self._chains["claim_ids"].tolist()):
                self._chain_of.update(dict.fromkeys(ids, chain))
        own = self.claims.loc[self.claims["claim_id"] == claim_id]
        chain = self._chain_of.get(claim_id)
        links = self._chains.loc[self._chains["chain"] == chain] if chain is not None else self._chains.iloc[:0]
        info = echo_position(own, claim_id, chains=links)  # only its chain: a lookup, not a search
        if chain is not None:
            info["first_family"] = str(links.loc[links["order"] == 0, "family"].iloc[0])
        self._positions[claim_id] = info  # the ledger does not change under the explorer
        return dict(info)

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
        if tab == "Consensus":
            if self._stale["consensus"]:
                self.draw_consensus()
            return
        name, draw, note = (
            ("map", self.draw_map, self.map_note) if tab == "Map" else ("full", self.draw_full_timeline, self.full_note)
        )
        if not self._stale[name]:
            return
        if len(self.filtered) <= self.auto_limit:
            draw()
        else:
            note.value = (
                f"<p><em>{len(self.filtered):,} claims: drawn on request above {self.auto_limit:,} "
                "(it takes a few seconds). The image below is of an earlier selection.</em></p>"
            )

    def draw_map(self) -> Figure | SubFigure | None:
        """Draw the map of the filtered claims' locations with ``map_plotter``.

        The whole ledger is placed on the first map and that placement is passed to every
        map after it, so a redraw never resolves the claims' places again.
        """
        self._stale["map"] = False
        if self.map_plotter is None:
            self.map_note.value = (
                "<p><em>No map here: this explorer was made with <code>map_plotter=None</code> "
                "(pass <code>osint.maps.plot_claims_map</code> to draw one).</em></p>"
            )
            self.map_figure = None
            return None
        import matplotlib.pyplot as plt

        try:  # the map module lays out its own figure (legend and notes beside the map)
            if self._placed is None:
                self._placed = place_claims(self.claims)
            fig = self.map_plotter(self.filtered, placed=self._placed).figure
            plt.close(fig.get_figure(root=True))  # keep pyplot from holding every drawn figure
            png = figure_png(fig, self.dpi)
        except Exception as exc:  # noqa: BLE001 - a map problem must not take the explorer down
            self.map_figure = None
            self.map_image.value = b""
            self.map_note.value = (
                f"<p><em>The map could not be drawn: {html.escape(f'{type(exc).__name__}: {exc}')}</em></p>"
            )
            return None
        self.map_figure = fig
        self.map_note.value = f"<p><small>{len(self.filtered):,} claims selected</small></p>"
        self.map_image.value = png
        return fig

    def draw_full_timeline(self) -> Figure | SubFigure:
        """Draw :func:`osint.timeline.plot_timeline` of the filtered claims (slower, full detail)."""
        import matplotlib.pyplot as plt

        self._stale["full"] = False
        fig = plot_timeline(self.filtered)
        plt.close(fig.get_figure(root=True))  # keep pyplot from holding every drawn figure
        self.full_figure = fig
        self.full_image.value = figure_png(fig, 72)
        self.full_note.value = f"<p><small>{len(self.filtered):,} claims selected</small></p>"
        return fig

    def _consensus_key(self) -> tuple:
        chosen = self.selection()
        return (*(tuple(v) if isinstance(v, list) else v for v in chosen.values()), int(self.stale_days.value))

    def draw_consensus(self) -> pd.DataFrame | None:
        """Draw the consensus band of the selection in the consensus tab; return the bands.

        The claims counted are the filtered ones, except that a claim said before the
        window's start still counts while it is current (it is part of the picture on the
        first day shown); the band is drawn from the start, and the sentences give it as of
        the window's end; bands and lines are cut to the window. The minimum grades are the grade filters; ``stale_days`` the
        staleness window. The last :data:`CONSENSUS_CACHE` selections are kept.

        Example:
            >>> explorer.draw_consensus()[["measure", "date", "low", "high", "families"]]  # doctest: +SKIP
        """
        self._stale["consensus"] = False
        if self.family_problem:
            self.consensus_bands = None
            self.consensus_image.value = b""
            self.consensus_text.value = f"<p><em>No consensus: {html.escape(self.family_problem)}</em></p>"
            return None
        key = self._consensus_key()
        if key in self._consensus_cache:
            self._consensus_cache.move_to_end(key)
        else:
            self._consensus_cache[key] = self._consensus_view()
            while len(self._consensus_cache) > self.CONSENSUS_CACHE:
                self._consensus_cache.popitem(last=False)
        bands, png, text = self._consensus_cache[key]
        self.consensus_bands = bands
        self.consensus_image.value = png
        self.consensus_text.value = text
        self.consensus_note.value = (
            "<small style='padding-left:1em'>days a statement stays current unless its "
            "family says something newer · grades: the filters above</small>"
        )
        return bands

    def _consensus_view(self) -> tuple[pd.DataFrame, bytes, str]:
        """Bands, figure PNG and sentences of the current selection (see :meth:`draw_consensus`)."""
        chosen = self.selection()
        start, end = (pd.Timestamp(d) for d in self.dates.value)
        return consensus_view(
            self._apply_filters(start=""),
            start,
            end,
            grades={"min_reliability": chosen["min_reliability"], "min_credibility": chosen["min_credibility"]},
            stale_days=int(self.stale_days.value),
            earlier_counted=bool(chosen["start"]),
            personnel_note=str(self.claims.attrs.get("personnel_note", "")),
            max_panels=self.MAX_PANELS,
            max_family_lines=self.MAX_FAMILY_LINES,
            dpi=self.dpi,
        )

    # --- display --------------------------------------------------------------------------------

    def snapshot(self, max_rows: int = 200) -> HtmlTable:
        """The current selection as plain HTML with inline images, for shared reports.

        Holds what the filters describe in words, the full timeline, the consensus band
        (its sentences and figure, as the consensus tab draws them), the map (when
        available) and the claims table (the first ``max_rows`` in the table's order).

        Example:
            >>> explorer.snapshot()                                        # doctest: +SKIP
        """
        chosen = self.selection()
        said = {k: v for k, v in chosen.items() if v not in ("", [], "F", 6, True)}
        described = (
            "; ".join(
                f"{k.replace('_', ' ')}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                for k, v in said.items()
            )
            or "none (every claim)"
        )
        parts = [
            (
                f"<p>{len(self.filtered):,} of {len(self.claims):,} claims match. Filters: {html.escape(described)}. "
                "The controls need a running notebook; this static copy shows the selection they held when "
                "the notebook ran.</p>"
            ),
        ]
        if len(self.filtered):
            full = (
                self.full_figure
                if not self._stale["full"] and self.full_figure is not None
                else self.draw_full_timeline()
            )
            parts.append(_png_tag(figure_png(full, 80), "Timeline of the selected claims"))
            self.draw_consensus()  # kept per selection: drawn again only if the tab has not
            parts.append("<h4>Consensus of the selection</h4>" + self.consensus_text.value)
            if self.consensus_image.value:
                parts.append(_png_tag(bytes(self.consensus_image.value), "Consensus band of the selected claims"))
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
