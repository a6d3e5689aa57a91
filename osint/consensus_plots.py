"""Views of corroboration: the consensus band, who runs high or low, and the relay network.

Every function draws what it is given and returns what it drew on: the single-panel
plots take ``ax=None`` and return the Axes, the multi-panel one takes ``fig=None`` and
returns the Figure. Colours come from :mod:`osint.style`, so a government's family has the
colour of its best-known claimant (``gov:KR`` the NIS's green).

Example:
    >>> from osint import consensus as cs                                   # doctest: +SKIP
    >>> bands, held = cs.consensus(claims), cs.positions(claims)             # doctest: +SKIP
    >>> plot_consensus(bands, held, measure="arrived_in_russia", personnel="combat_troops")  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .consensus import PERSONNEL_LABELS, format_band
from .families import family_label
from .style import CREDITS, MEASURE_LABELS, claimant_color, claimant_label, measure_color

__all__ = ["family_color", "plot_consensus", "plot_consensus_panels", "plot_divergence", "plot_relay_network"]

_INK, _MUTED, _GRID = "#333333", "#666666", "#e6e6e6"
_BAND, _OVERLAP = "#9ecae1", "#3182bd"
#: A government's family takes the colour of the claimant a reader knows it by.
_GOV_FACE = {
    "gov:KR": "National Intelligence Service (South Korea)",
    "gov:UA": "Volodymyr Zelensky",
    "gov:US": "US Department of Defense",
    "gov:RU": "Kremlin",
    "gov:KP": "Kim Jong-un",
    "gov:GB": "UK Ministry of Defence",
}


def family_color(family: str) -> str:
    """The colour of a source family, stable across figures and runs.

    Example:
        >>> family_color("gov:KR") == claimant_color("National Intelligence Service (South Korea)")
        True
    """
    return claimant_color(_GOV_FACE.get(str(family), str(family)))


def _thousands(value: float, _pos=None) -> str:
    return f"{value:,.0f}"


def _style(ax: Axes) -> None:
    ax.grid(axis="y", color=_GRID, lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, colors=_INK)
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _one_series(frame: pd.DataFrame, measure: str | None, personnel: str | None) -> tuple[pd.DataFrame, str, str]:
    if measure is not None:
        frame = frame.loc[frame["measure"] == measure]
    if personnel is not None:
        frame = frame.loc[frame["personnel"] == personnel]
    series = frame[["measure", "personnel"]].drop_duplicates()
    if len(series) != 1:
        found = ", ".join(f"{m}/{p}" for m, p in series.itertuples(index=False)) or "none"
        raise ValueError(f"plot one (measure, personnel) series at a time; these bands hold: {found}")
    m, p = series.iloc[0]
    return frame, str(m), str(p)


def plot_consensus(
    bands: pd.DataFrame,
    positions: pd.DataFrame | None = None,
    measure: str | None = None,
    personnel: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    legend: bool = True,
    label_gap_days: float | None = None,
) -> Axes:
    """One series' consensus band over time, each family's line, and its count of families.

    The light band spans the families' current figures (``low``-``high``), the dark band is
    where their stated intervals overlap; a family's line (from :func:`osint.consensus.positions`)
    runs at its figure while it is current, a bar at its start shows a stated range. The
    number over the band is the count of independent families; carets mark an open side
    ("at least" only: ^, "up to" only: v).

    Example:
        >>> ax = plot_consensus(bands, held, measure="casualties")  # doctest: +SKIP
    """
    rows, m, p = _one_series(bands, measure, personnel)
    rows = rows.sort_values("date")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.6), layout="constrained")
    _style(ax)
    last = rows["date"].max()
    x = list(rows["date"]) + [rows["until"].dropna().max() if rows["until"].notna().any() else last]
    x[-1] = (
        max(x[-1], last + pd.Timedelta(days=30))
        if rows["until"].iloc[-1] is pd.NaT or pd.isna(rows["until"].iloc[-1])
        else x[-1]
    )
    low = rows["low"].to_numpy(float)
    high = rows["high"].to_numpy(float)
    lower = np.where(np.isnan(low), high, low)
    upper = np.where(np.isnan(high), low, high)
    ax.fill_between(
        x,
        np.r_[lower, lower[-1:]],
        np.r_[upper, upper[-1:]],
        step="post",
        color=_BAND,
        alpha=0.55,
        lw=0,
        label="span of families' figures",
        zorder=1,
    )
    ax.step(x, np.r_[lower, lower[-1:]], where="post", color=_OVERLAP, lw=0.6, alpha=0.6, zorder=1)
    ax.step(x, np.r_[upper, upper[-1:]], where="post", color=_OVERLAP, lw=0.6, alpha=0.6, zorder=1)
    olo, ohi = rows["overlap_low"].to_numpy(float), rows["overlap_high"].to_numpy(float)
    shared = rows["agree"].to_numpy(bool) & (rows["families"].to_numpy() > 1)
    o_lo = np.where(shared, np.where(np.isnan(olo), lower, olo), np.nan)
    o_hi = np.where(shared, np.where(np.isnan(ohi), upper, ohi), np.nan)
    ax.fill_between(
        x,
        np.r_[o_lo, o_lo[-1:]],
        np.r_[o_hi, o_hi[-1:]],
        step="post",
        color=_OVERLAP,
        alpha=0.45,
        lw=0,
        label="where two or more families agree",
        zorder=2,
    )
    top = np.nanmax(np.r_[upper, [1.0]])
    previous, placed = None, -np.inf
    gap = label_gap_days if label_gap_days is not None else (mdates.date2num(x[-1]) - mdates.date2num(x[0])) * 0.025
    for r, lo_, up_ in zip(rows.itertuples(index=False), lower, upper):
        at = mdates.date2num(r.date)
        if r.families != previous and r.families > 0 and at - placed >= gap:
            placed = at
            ax.annotate(
                str(r.families),
                (r.date, up_),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=7,
                color=_INK,
                fontweight="bold",
                zorder=5,
            )
        if r.families > 0 and np.isnan(r.high):
            ax.plot([r.date], [up_], marker="^", color=_OVERLAP, ms=5, zorder=5)
        if r.families > 0 and np.isnan(r.low):
            ax.plot([r.date], [lo_], marker="v", color=_OVERLAP, ms=5, zorder=5)
        previous = r.families
    handles = [
        Patch(color=_BAND, alpha=0.55, label="span of the families' current figures"),
        Patch(color=_OVERLAP, alpha=0.45, label="where families' figures overlap"),
        Line2D([], [], ls="none", marker="$3$", color=_INK, label="number of independent families"),
    ]
    if positions is not None:
        held = positions.loc[
            (positions["measure"] == m) & (positions["personnel"] == p) & (positions["kind"] == "figure")
        ]
        for family, g in held.groupby("family", sort=True):
            color = family_color(family)
            for r in g.itertuples(index=False):
                end = r.end if pd.notna(r.end) else x[-1]
                ax.hlines(r.figure, r.start, end, color=color, lw=1.6, zorder=3)
                if r.low != r.high:
                    ax.vlines(r.start, r.low, r.high, color=color, lw=1.2, zorder=3)
                ax.plot([r.start], [r.figure], marker="o", ms=3.5, color=color, zorder=4)
            handles.append(
                Line2D([], [], color=color, lw=1.6, marker="o", ms=3.5, label=claimant_label(family_label(family), 34))
            )
            top = max(top, float(np.nanmax(g["high"].to_numpy(float))))
        dissent = positions.loc[
            (positions["measure"] == m) & (positions["personnel"] == p) & (positions["kind"] == "dissent")
        ]
        if len(dissent):
            ax.scatter(
                dissent["start"],
                np.zeros(len(dissent)),
                marker="x",
                s=30,
                color=_INK,
                zorder=5,
                clip_on=False,
                linewidths=1.2,
            )
            handles.append(Line2D([], [], ls="none", marker="x", color=_INK, label="cannot confirm / denies"))
    ax.set_ylim(0, top * 1.18)
    ax.set_ylabel("troops, as claimed", fontsize=8, color=_INK)
    head = title or f"{MEASURE_LABELS.get(m, m)}: {PERSONNEL_LABELS.get(p, p)}"
    now = (
        rows.iloc[-1]
        if rows.iloc[-1]["families"] > 0
        else (rows.loc[rows["families"] > 0].iloc[-1] if (rows["families"] > 0).any() else None)
    )
    if now is not None:
        head += f"  ·  last band {format_band(now['low'], now['high'])} ({now['families']} famil{'y' if now['families'] == 1 else 'ies'}, {now['date']:%d %b %Y})"
    ax.set_title(head, fontsize=9, loc="left", color=_INK, fontweight="bold")
    if legend:
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return ax


def plot_consensus_panels(
    bands: pd.DataFrame, positions: pd.DataFrame | None = None, fig: Figure | None = None, title: str | None = None
) -> Figure:
    """One :func:`plot_consensus` panel per (measure, personnel) of ``bands`` that ever had a
    figure (series of "cannot confirm" only are left to the sentences), dates shared.

    Example:
        >>> fig = plot_consensus_panels(bands, held)  # doctest: +SKIP
    """
    with_figures = bands.loc[bands["families"] > 0]
    series = with_figures[["measure", "personnel"]].drop_duplicates().sort_values(["measure", "personnel"])
    n = max(len(series), 1)
    dates = bands["date"]
    gap = (dates.max() - dates.min()).days * 0.025 if len(dates) else None
    if fig is None:
        fig = plt.figure(figsize=(11, 2.9 * n + 0.6), layout="constrained")
    axes = fig.subplots(n, 1, sharex=True, squeeze=False)[:, 0]
    for ax, (m, p) in zip(axes, series.itertuples(index=False)):
        plot_consensus(bands, positions, measure=m, personnel=p, ax=ax, label_gap_days=gap)
    if series.empty:
        axes[0].text(
            0.5,
            0.5,
            "no figures to band in this selection",
            ha="center",
            va="center",
            transform=axes[0].transAxes,
            color=_MUTED,
        )
        axes[0].set_axis_off()
    if title:
        fig.suptitle(title, fontsize=11, fontweight="bold", color=_INK, x=0.01, ha="left")
    fig.supxlabel(CREDITS, fontsize=6.5, color=_MUTED, x=0.01, ha="left")
    return fig


def plot_divergence(divergence: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Who runs high, who runs low: each family's figures against the others' median.

    One row per family; each dot is one of its figures (colour: measure) at ``ratio`` =
    figure / median of the other families' current figures, on a log scale (1× = in line).
    The black tick is the family's median ratio.

    Example:
        >>> ax = plot_divergence(osint.consensus.divergence(claims))  # doctest: +SKIP
    """
    if ax is None:
        n = max(divergence["family"].nunique(), 1)
        _, ax = plt.subplots(figsize=(9, 0.42 * n + 1.4), layout="constrained")
    ax.axvline(1.0, color=_INK, lw=0.8, zorder=1)
    ax.set_xscale("log")
    if divergence.empty:
        ax.text(
            0.5,
            0.5,
            "no figure had another family's figure current beside it",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=_MUTED,
            fontsize=9,
        )
        ax.set_yticks([])
        return ax
    order = divergence.groupby("family")["ratio"].median().sort_values()
    where = {f: i for i, f in enumerate(order.index)}
    y = divergence["family"].map(where).to_numpy(float)
    jitter = (pd.util.hash_array(divergence["claim_ids"].astype(str).to_numpy()) % 1000 / 1000 - 0.5) * 0.35
    for measure, g in divergence.assign(_y=y + jitter).groupby("measure", sort=True):
        ax.scatter(
            g["ratio"],
            g["_y"],
            s=22,
            color=measure_color(measure),
            edgecolor="white",
            lw=0.5,
            zorder=3,
            label=MEASURE_LABELS.get(measure, measure),
        )
    ax.scatter(order.to_numpy(), np.arange(len(order)), marker="|", s=260, color=_INK, zorder=4, label="median")
    ax.set_yticks(np.arange(len(order)), [claimant_label(family_label(f), 34) for f in order.index], fontsize=8)
    lo, hi = float(divergence["ratio"].min()), float(divergence["ratio"].max())
    span = max(abs(np.log10(max(lo, 1e-6))), abs(np.log10(max(hi, 1e-6))), np.log10(2))
    ax.set_xlim(10 ** (-span * 1.15), 10 ** (span * 1.15))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _p: f"{v:g}×"))
    ax.set_xlabel(
        "figure ÷ median of the other families' current figures (log scale; right of 1× runs high)",
        fontsize=8,
        color=_INK,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=_GRID, lw=0.8)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "Who runs high, who runs low", fontsize=9, loc="left", color=_INK, fontweight="bold")
    return ax


def relay_graph(claims: pd.DataFrame):
    """The claimant -> relay -> outlet graph of ``claims`` (a networkx DiGraph).

    Nodes carry ``role`` (claimant, relay, outlet) and ``family`` (claimants); edges carry
    ``claims`` (how many rows took that step). A claim without a relay goes straight from
    claimant to outlet; a claimant that is its own outlet has no edge.

    Example:
        >>> sorted(relay_graph(claims).nodes)[:2]  # doctest: +SKIP
    """
    import networkx as nx

    graph = nx.DiGraph()
    family = claims["family"].astype("string") if "family" in claims else pd.Series(pd.NA, index=claims.index)
    for who, relay, outlet, fam in zip(
        claims["claimant"].astype("string"),
        claims["relay"].astype("string"),
        claims["source_outlet"].astype("string"),
        family,
    ):
        chain = [("claimant", who)]
        if pd.notna(relay):
            chain.append(("relay", relay))
        chain.append(("outlet", outlet))
        for role, name in chain:
            key = (role, name)
            if key not in graph:
                graph.add_node(key, role=role, name=name, family=None)
        if pd.notna(fam):
            graph.nodes[("claimant", who)]["family"] = fam
        for a, b in zip(chain, chain[1:]):
            weight = graph.edges[a, b]["claims"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, claims=weight)
    return graph


def plot_relay_network(claims: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """The relay network drawn in three columns: claimants -> relays -> outlets.

    Claimants are coloured by source family (pass claims with a ``family`` column, see
    :func:`osint.families.attach_families`); edge width grows with the number of claims.

    Example:
        >>> ax = plot_relay_network(attach_families(claims))  # doctest: +SKIP
    """
    import networkx as nx

    graph = relay_graph(claims)
    if ax is None:
        tallest = max(
            [sum(1 for _, d in graph.nodes(data=True) if d["role"] == r) for r in ("claimant", "relay", "outlet")] + [1]
        )
        _, ax = plt.subplots(figsize=(12, 0.32 * tallest + 1.2), layout="constrained")
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no claims", ha="center", va="center", transform=ax.transAxes, color=_MUTED)
        return ax
    layer = {"claimant": 0, "relay": 1, "outlet": 2}
    for _node, data in graph.nodes(data=True):
        data["layer"] = layer[data["role"]]
    pos = {}
    columns = {
        role: sorted(
            (n for n, d in graph.nodes(data=True) if d["role"] == role),
            key=lambda n: (str(graph.nodes[n]["family"] or ""), n[1]),
        )
        for role in layer
    }
    height = max(len(names) for names in columns.values()) - 1
    for role, names in columns.items():
        step = height / max(len(names) - 1, 1) if len(names) > 1 else 0
        for i, node in enumerate(names):  # every column spread over the tallest one's height
            pos[node] = (layer[role], height / 2 - i * step if len(names) > 1 else 0.0)
    colors = [
        family_color(d["family"]) if d["family"] else ("#bdbdbd" if d["role"] == "relay" else "#969696")
        for _, d in graph.nodes(data=True)
    ]
    widths = [0.6 + 0.5 * np.log2(d["claims"]) for *_e, d in graph.edges(data=True)]
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        width=widths,
        edge_color="#9e9e9e",
        arrows=True,
        arrowsize=8,
        node_size=60,
        connectionstyle="arc3,rad=0.04",
    )
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=colors, node_size=60, linewidths=0)
    for node, (px, py) in pos.items():
        role = graph.nodes[node]["role"]
        ha = {"claimant": "right", "relay": "center", "outlet": "left"}[role]
        dx = {"claimant": -0.04, "relay": 0.0, "outlet": 0.04}[role]
        dy = 0.45 if role == "relay" else 0.0
        text = (
            claimant_label(node[1], 44) if role == "claimant" else textwrap.fill(node[1], 34 if role == "relay" else 44)
        )
        ax.text(px + dx, py + dy, text, fontsize=7, ha=ha, va="center", color=_INK, linespacing=0.95)
    for role, column in layer.items():
        ax.text(
            column,
            max(p[1] for p in pos.values()) + 1.0,
            {"claimant": "claimant", "relay": "relayed through", "outlet": "published by"}[role],
            ha="center",
            fontsize=8.5,
            fontweight="bold",
            color=_INK,
        )
    ax.set_xlim(-0.9, 2.9)
    ax.set_title(
        title or "Who said it, through whom, and where it was published",
        fontsize=9,
        loc="left",
        color=_INK,
        fontweight="bold",
    )
    return ax
