"""The key of a timeline (glyphs per drawing rule), landmark events and the subtitle.

>>> len(_HEADERS)
4
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..style import CLAIMANT_TYPE_LABELS, claimant_short, claimant_type_marker
from .lanes import _CHAR_EM


class _Glyph:
    """Legend proxy for one drawing rule, drawn by :class:`_GlyphHandler`."""

    def __init__(self, kind: str, color: str = "#555555", marker: str = "o"):
        self.kind, self.color, self.marker = kind, color, marker


class _GlyphHandler(HandlerBase):
    def create_artists(self, legend, orig, xdescent, ydescent, width, height, fontsize, trans):
        c, m = orig.color, orig.marker
        cx, cy = width / 2 - xdescent, height / 2 - ydescent
        top, bottom = height - ydescent, -ydescent
        full = dict(
            marker=m,
            markersize=7.0,
            markerfacecolor=c,
            markeredgecolor="white",
            markeredgewidth=0.5,
            color=c,
            transform=trans,
            linestyle="none",
        )
        small = {**full, "markersize": 5.0}
        kind = orig.kind
        out: list = []
        if kind in ("exact", "marker"):
            out.append(Line2D([cx], [cy], **full))
        elif kind == "about":
            out.append(
                Line2D(
                    [cx],
                    [cy],
                    **{
                        **full,
                        "fillstyle": "bottom",
                        "markerfacecoloralt": "white",
                        "markeredgecolor": c,
                        "markeredgewidth": 1.0,
                    },
                )
            )
        elif kind == "range":
            out.append(Line2D([cx, cx], [bottom + 2, top - 2], linewidth=2.0, **{**small, "linestyle": "-"}))
        elif kind in ("upto", "atleast"):
            y0, sign = (top - 2, -1) if kind == "upto" else (bottom + 2, 1)
            out.append(Line2D([cx], [y0], **small))
            n = 6
            span = (height - 6) / n
            for i in range(n):
                out.append(
                    Line2D(
                        [cx, cx],
                        [y0 + sign * (3 + i * span), y0 + sign * (3.4 + (i + 1) * span)],
                        color=c,
                        alpha=1.0 - i * 0.95 / n,
                        linewidth=1.8,
                        transform=trans,
                        solid_capstyle="butt",
                    )
                )
        elif kind == "repeat":
            out.append(
                Line2D([xdescent + 3, width - 3], [cy, cy], linestyle=":", color=c, linewidth=1.0, transform=trans)
            )
            out.append(Line2D([xdescent + 3], [cy], **full))
            out.append(
                Line2D(
                    [width - 3],
                    [cy],
                    **{
                        **full,
                        "markerfacecolor": "none",
                        "fillstyle": "none",
                        "markeredgecolor": c,
                        "markeredgewidth": 1.0,
                    },
                )
            )
        elif kind == "extent":
            out.append(
                Line2D(
                    [xdescent + 1, width - 1],
                    [cy, cy],
                    color=c,
                    linewidth=4.0,
                    alpha=0.35,
                    solid_capstyle="butt",
                    marker="|",
                    markersize=6,
                    transform=trans,
                )
            )
            out.append(Line2D([cx], [cy], **full))
        elif kind == "envelope":
            out.append(
                Rectangle(
                    (xdescent, bottom + 2),
                    width,
                    height - 4,
                    facecolor=c,
                    alpha=0.18,
                    edgecolor=c,
                    linewidth=0.6,
                    transform=trans,
                )
            )
        elif kind == "join":
            out.append(Line2D([xdescent, width], [bottom + 2, top - 2], color=c, linewidth=0.9, transform=trans))
        elif kind == "carry":
            out.append(Line2D([xdescent + 3], [cy], **full))
            out.append(
                Line2D([xdescent + 3, width], [cy, cy], color=c, linewidth=0.8, linestyle=(0, (1, 2)), transform=trans)
            )
        elif kind == "label":
            out.append(Line2D([xdescent + 3], [cy], **full))
            out.append(
                Rectangle(
                    (xdescent + 9, bottom + 3),
                    width - 10,
                    height - 6,
                    facecolor="none",
                    edgecolor=c,
                    linewidth=0.6,
                    transform=trans,
                )
            )
        elif kind == "detail":
            out.append(
                Rectangle(
                    (xdescent, bottom + 1), width, height - 2, facecolor="#ececec", edgecolor="none", transform=trans
                )
            )
        elif kind == "event":
            out.append(Line2D([cx, cx], [bottom, top], color="#888888", linewidth=0.9, linestyle="--", transform=trans))
        else:
            out.append(Line2D([], [], transform=trans))
        return out


_HEADERS = ("Claimant (colour)", "Claimant type (shape)", "Figure as claimed", "Date and layers")


def _legend_entries(
    g: pd.DataFrame, colors: dict[str, str], events: bool, detail: bool = False, claimants: bool = False
) -> tuple[list, list, int, int]:
    """Legend handles and labels in aligned sections; also its columns and rows.

    Labels name the claimant of every labelled mark, so the key lists claimants (by colour)
    only when ``claimants`` is true (aggregated lanes, whose marks carry no name).
    """
    blank = _Glyph("none")
    columns: list[list[tuple]] = []
    if claimants:
        firsts = g.iloc[np.argsort(g["x"].to_numpy(dtype=float), kind="stable")].drop_duplicates("ccode")
        order = firsts["claimant"].tolist()
        common_type = dict(zip(firsts["claimant"], firsts["ctype"]))  # the type of its first claim
        people = [(_Glyph("marker", colors[c], claimant_type_marker(common_type[c])), claimant_short(c)) for c in order]
        chunk = max(8, -(-len(people) // 2))  # at most two columns of claimants
        for i in range(0, len(people), chunk):
            columns.append([(blank, _HEADERS[0] if i == 0 else "")] + people[i : i + chunk])
    present = set(g["ctype"].unique())
    types = [t for t in CLAIMANT_TYPE_LABELS if t in present]
    columns.append(
        [(blank, _HEADERS[1])]
        + [(_Glyph("marker", "#555555", claimant_type_marker(t)), CLAIMANT_TYPE_LABELS[t]) for t in types]
    )
    columns.append(
        [
            (blank, _HEADERS[2]),
            (_Glyph("exact"), "exact"),
            (_Glyph("about"), "about (half-filled)"),
            (_Glyph("range"), "range, low to high"),
            (_Glyph("upto"), "up to / fewer than (no floor)"),
            (_Glyph("atleast"), "at least / more than (no ceiling)"),
            (_Glyph("repeat"), "repeat of a claim (hollow)"),
        ]
    )
    other = [
        (blank, _HEADERS[3]),
        (_Glyph("exact"), "said on a known day"),
        (_Glyph("extent"), "said within that week / month"),
        (_Glyph("envelope", "#6baed6"), "lowest to highest latest claim"),
        (blank, "  of each claimant (colour: measure)"),
        (_Glyph("join"), "one claimant's successive figures"),
        (blank, "  of one kind of people (never across kinds)"),
        (_Glyph("label"), "label: claimant and figure (first, last,"),
        (blank, "  each change); colour is the claimant's"),
    ]
    if detail:
        other.append((_Glyph("detail"), "busiest weeks, drawn again below"))
    if events:
        other.append((_Glyph("event"), "landmark event"))
    columns.append(other)
    rows = max(len(c) for c in columns)
    handles, labels = [], []
    for col in columns:
        col = col + [(blank, "")] * (rows - len(col))
        handles += [h for h, _ in col]
        labels += [label for _, label in col]
    return handles, labels, len(columns), rows


# --- events and text ------------------------------------------------------------------------


def _events_frame(events) -> pd.DataFrame:
    if events is None:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "label": pd.Series(dtype="string")})
    if isinstance(events, pd.DataFrame):
        date_col = "date" if "date" in events.columns else "statement_date"
        frame = pd.DataFrame({"date": pd.to_datetime(events[date_col]), "label": events["label"].astype("string")})
    else:
        pairs = list(events)
        frame = pd.DataFrame(
            {
                "date": pd.to_datetime([p[0] for p in pairs]),
                "label": pd.Series([str(p[1]) for p in pairs], dtype="string"),
            }
        )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def _event_rows(events: pd.DataFrame, xlim, width_pt: float) -> tuple[np.ndarray, list[str], list[int]]:
    """Events inside the window and a text row for each, so that no two labels overlap."""
    x = mdates.date2num(events["date"].to_numpy(dtype="datetime64[ns]")) if len(events) else np.array([])
    inside = (x >= xlim[0]) & (x <= xlim[1])
    per_pt = (xlim[1] - xlim[0]) / max(width_pt, 1.0)
    ends: list[float] = []
    rows: list[int] = []
    labels = [str(v) for v in events.loc[inside, "label"]]
    for xi, label in zip(x[inside], labels):
        row = next((i for i, end in enumerate(ends) if xi > end), len(ends))
        if row == len(ends):
            ends.append(-np.inf)
        ends[row] = xi + (len(label) * 7 * _CHAR_EM + 10) * per_pt
        rows.append(row)
    return x[inside], labels, rows


def _draw_events(axes: list[Axes], x: np.ndarray, labels: list[str], rows: list[int]) -> None:
    for n, (xi, label, row) in enumerate(zip(x, labels, rows)):
        for ax in axes:
            line = ax.axvline(xi, color="#888888", linewidth=0.9, linestyle="--", zorder=0.4)
            line.set_gid(f"event:{n}")
        axes[0].annotate(
            label,
            xy=(xi, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 3 + 10 * row),
            textcoords="offset points",
            fontsize=7,
            color="#555555",
            ha="left",
            va="bottom",
            annotation_clip=False,
        )


def _filter_words(selection: dict) -> dict[str, str]:
    """The filters of a selection (as :func:`osint.analysis.filter_claims` records it), in words."""

    def day(value) -> str:
        return f"{pd.Timestamp(value):%d %b %Y}" if value else ""

    def listed(values) -> str:
        return ", ".join(str(v) for v in values or [])

    reliability = selection.get("min_reliability", "F")
    credibility = int(selection.get("min_credibility", 6))
    return {
        "from": day(selection.get("start")),
        "to": day(selection.get("end")),
        "measures": listed(selection.get("measures")),
        "claimants": listed(selection.get("claimants")),
        "stances": listed(selection.get("stances")),
        "reliability": "" if reliability == "F" else f"A–{reliability}",
        "credibility": "" if credibility == 6 else f"1–{credibility}",
        "repeats": "" if selection.get("include_repeats", True) else "excluded",
    }


def _subtitle(shown: pd.DataFrame, selection: dict, log: bool) -> str:
    """What the figure shows: counts, dates, the selection's filters and what it left out."""
    n = len(shown)
    repeats = int(shown["repeats"].notna().sum())
    people = shown["claimant"].nunique()
    parts = [f"{n:,} statements ({n - repeats:,} independent, {repeats:,} repeats) from {people:,} claimants"]
    if n:
        d0, d1 = shown["statement_date"].min(), shown["statement_date"].max()
        parts.append(f"said {d0:%d %b %Y} – {d1:%d %b %Y}")
    chosen = [f"{k} {v}" for k, v in _filter_words(selection).items() if v]
    if chosen:
        parts.append("filters: " + "; ".join(chosen))
    left_out = int(selection.get("of", n)) - n
    if left_out > 0:
        parts.append(f"{left_out:,} rows filtered out")
    if log:
        parts.append("log scale")
    return " · ".join(parts)
