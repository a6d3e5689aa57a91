"""Figures for shared reports: inline SVG in which every claim's mark links to its source.

:func:`linked_svg` renders a matplotlib figure to SVG and wraps every artist whose gid is
``<kind>:<claim_id>`` (``point:nkr-0012``, ``rug:nkr-0014``, ``label:nkr-0012``, a map's
marks likewise) in a link to that claim's ``source_url``, with a hover ``<title>`` naming
the claim id, the claimant, the figure as stated and the date. Nothing runs: there is no
script, and the report's Content-Security-Policy forbids any.

Untrusted text stays text: every value is written through the XML serialiser (escaped),
and only ``http://`` or ``https://`` URLs with a host and no whitespace or control
characters become links; a ``javascript:`` or ``data:`` URL never does (its mark keeps
its hover title).

:func:`linked_figure` returns an object that notebooks display as that inline SVG
(``_repr_html_``), or, above :data:`MAX_LINKED_MARKS` marks, as a PNG with a note saying
so (see ``benchmarks/bench_svg.py`` for the measurement behind the threshold).

Example:
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0], [1], "o", gid="point:c-1")
    >>> rows = pd.DataFrame({"claim_id": ["c-1"], "source_url": ["https://example.org/a"]})
    >>> svg = linked_svg(fig, rows)
    >>> '<a href="https://example.org/a"' in svg and "<title>c-1</title>" in svg
    True
    >>> safe_url("javascript:alert(1)") is None
    True
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure, SubFigure

__all__ = [
    "MAX_LINKED_MARKS",
    "MAX_SVG_BYTES",
    "LinkedFigure",
    "claim_title",
    "linked_figure",
    "linked_svg",
    "safe_url",
]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

#: Above this many claim marks a figure is shared as PNG, not SVG. Measured with
#: ``benchmarks/bench_svg.py``: each linked mark adds about 0.5 KB of SVG; 1,000 marks made
#: 0.49 MB opening and painting in 1.2 s in headless Chromium, 2,000 marks 0.97 MB in 1.6 s,
#: 4,000 marks 1.9 MB in 3.0 s (and 8.5 s to write). Beyond 2,000 the page grows slow to
#: open and the report heavy, while a PNG stays the same size.
MAX_LINKED_MARKS = 2000
#: An SVG larger than this (bytes) is shared as PNG too, whatever its mark count (a map's
#: basemap drawn as vectors makes 8.5 MB for the default briefing's window).
MAX_SVG_BYTES = 4_000_000

#: Mark kinds that draw a claim (the others, such as ``label``, name one).
MARK_KINDS = ("point", "range", "upto", "atleast", "rug", "extent", "fade", "map", "place", "arrow", "region")

_GID = re.compile(r"^(?P<kind>[A-Za-z][\w-]*):(?P<claim>[^:]+)$")
_REF = re.compile(r"url\(#([^)]+)\)")
_BAD = re.compile(r"[\s\x00-\x1f\x7f]")
_counter = itertools.count(1)


def safe_url(url: Any) -> str | None:
    """``url`` when it may become a link: http(s), a host, no whitespace or control characters.

    Example:
        >>> safe_url("https://example.org/x?a=1&b=2")
        'https://example.org/x?a=1&b=2'
        >>> [safe_url(u) for u in ("data:text/html,hi", " javascript:alert(1)", "https://", None)]
        [None, None, None, None]
    """
    if url is None or (not isinstance(url, str) and pd.isna(url)):
        return None
    text = str(url)
    if _BAD.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def claim_title(row: Any) -> str:
    """The hover text of a claim's mark: id, claimant, what was said, and when.

    Example:
        >>> claim_title({"claim_id": "c-1", "claimant": "Example Agency", "stance": "asserts",
        ...              "qualifier": "about", "figure_low": 1500, "figure_high": 1500,
        ...              "measure": "arrived_in_russia", "personnel": "special_forces",
        ...              "statement_date": pd.Timestamp("2024-10-18"), "date_precision": "day"})
        'c-1 · Example Agency · about 1,500 arrived in Russia (special forces) · said 18 Oct 2024'
    """
    from .style import MEASURE_LABELS, PERSONNEL_LABELS, STANCE_LABELS, format_figure

    def get(key: str, default: Any = "") -> Any:
        value = row.get(key, default) if hasattr(row, "get") else getattr(row, key, default)
        return default if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    stance = str(get("stance", "asserts"))
    measure = MEASURE_LABELS.get(str(get("measure")), str(get("measure")))
    if not measure:
        said = ""
    elif stance == "asserts" and str(get("qualifier", "none")) != "none":
        said = f"{format_figure(get('qualifier'), get('figure_low', None), get('figure_high', None))} {measure}"
    elif stance == "asserts":
        said = f"{measure}, no figure"
    else:
        said = f"{STANCE_LABELS.get(stance, stance)}: {measure}"
    kind = PERSONNEL_LABELS.get(str(get("personnel")), str(get("personnel")))
    if kind and said:
        said += f" ({kind})"
    date = get("statement_date", None)
    when = ""
    if date is not None and date != "":
        day = pd.Timestamp(date)
        precision = str(get("date_precision", "day"))
        when = {"week": f"week of {day:%d %b %Y}", "month": f"{day:%B %Y}"}.get(precision, f"{day:%d %b %Y}")
    parts = [str(get("claim_id")), str(get("claimant")), said] + ([f"said {when}"] if when else [])
    if get("repeats"):
        parts.append(f"repeats {get('repeats')}")
    return " · ".join(p for p in parts if p)


def _svg_text(fig: Figure | SubFigure, salt: str) -> str:
    root = fig.get_figure(root=True)
    buffer = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        root.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _mark_ids(fig: Figure | SubFigure) -> list[str]:
    return [str(a.get_gid()) for a in fig.findobj(lambda a: a.get_gid() is not None)]


def count_marks(fig: Figure | SubFigure, claim_ids: set[str]) -> int:
    """How many drawn artists of ``fig`` are marks of the claims in ``claim_ids``."""
    n = 0
    for gid in _mark_ids(fig):
        m = _GID.match(gid)
        if m and m.group("kind") in MARK_KINDS and m.group("claim") in claim_ids:
            n += 1
    return n


def linked_svg(fig: Figure | SubFigure, claims: pd.DataFrame, prefix: str | None = None) -> str:
    """The figure as an ``<svg>`` element whose claim marks link to their sources.

    ``claims`` needs ``claim_id`` and ``source_url`` (and, for the hover titles, the
    ledger's other columns when present). Every id in the SVG is renamed with ``prefix``
    (a fresh one by default) so that several figures can share a page.
    """
    prefix = prefix or f"osint-fig{next(_counter)}-"
    table = claims.drop_duplicates("claim_id").set_index(claims.drop_duplicates("claim_id")["claim_id"].astype(str))
    records = {str(k): r for k, r in table.iterrows()}
    root = ET.fromstring(_svg_text(fig, prefix))
    parents = {child: parent for parent in root.iter() for child in parent}
    renamed: dict[str, str] = {}
    for n, element in enumerate(root.iter()):
        old = element.get("id")
        if old is not None:
            renamed[old] = f"{prefix}{n}"
    href = f"{{{XLINK_NS}}}href"
    for element in list(root.iter()):
        old = element.get("id")
        if old is not None:
            element.set("id", renamed[old])
        for attribute in (href, "href"):
            value = element.get(attribute)
            if value and value.startswith("#") and value[1:] in renamed:
                element.set(attribute, "#" + renamed[value[1:]])
        for attribute in ("clip-path", "mask", "fill", "stroke", "filter", "style"):
            value = element.get(attribute)
            if value and "url(#" in value:
                element.set(attribute, _REF.sub(lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value))
        if old is None or element.tag != f"{{{SVG_NS}}}g":
            continue
        m = _GID.match(old)
        if not m or m.group("claim") not in records:
            continue
        record = records[m.group("claim")]
        link = ET.Element(f"{{{SVG_NS}}}a" if safe_url(record.get("source_url")) else f"{{{SVG_NS}}}g")
        url = safe_url(record.get("source_url"))
        if url:
            link.set("href", url)
            link.set(href, url)
            link.set("target", "_blank")
            link.set("rel", "noopener noreferrer nofollow")
        link.set("class", "osint-mark")
        link.set("data-claim", m.group("claim"))
        link.set("data-kind", m.group("kind"))
        title = ET.SubElement(link, f"{{{SVG_NS}}}title")
        title.text = claim_title(record)
        parent = parents[element]
        index = list(parent).index(element)
        parent.remove(element)
        link.append(element)
        parent.insert(index, link)
    width, height = root.get("width"), root.get("height")
    root.set("style", "max-width:100%;height:auto")
    root.set("role", "img")
    if width and height:
        root.set("data-size", f"{width} x {height}")
    return ET.tostring(root, encoding="unicode")


class LinkedFigure:
    """A figure for notebooks and shared reports: inline SVG with linked marks, or a PNG.

    ``_repr_html_`` gives the markup nbconvert copies into the report as it is.
    """

    def __init__(self, markup: str, marks: int, format: str):
        self.markup = markup
        self.marks = marks
        self.format = format

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def linked_figure(
    fig: Figure | SubFigure,
    claims: pd.DataFrame,
    *,
    max_marks: int = MAX_LINKED_MARKS,
    max_bytes: int = MAX_SVG_BYTES,
    close: bool = True,
    dpi: int = 110,
) -> LinkedFigure:
    """``fig`` for a shared report: inline SVG with linked claim marks, or PNG above
    ``max_marks`` marks or ``max_bytes`` of SVG.

    ``close`` closes the figure afterwards, so that a notebook does not show it twice.

    Example:
        >>> shown = linked_figure(plot_timeline(rows), rows)          # doctest: +SKIP
        >>> shown.format, shown.marks                                  # doctest: +SKIP
        ('svg', 312)
    """
    root = fig.get_figure(root=True)
    ids = set(claims["claim_id"].astype(str))
    marks = count_marks(fig, ids)
    try:
        why = f"above {max_marks:,} marks"
        if marks <= max_marks:
            svg = linked_svg(fig, claims)
            if len(svg) <= max_bytes:
                return LinkedFigure(f'<div class="osint-figure">{svg}</div>', marks, "svg")
            why = f"as linked SVG it would weigh {len(svg) / 1e6:.1f} MB"
        buffer = io.BytesIO()
        root.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        note = (
            f"{marks:,} claim marks, drawn as a picture (PNG) since {why}; "
            "the claims table links every claim to its source."
        )
        markup = (
            f'<div class="osint-figure"><img alt="{html.escape(note, quote=True)}" style="max-width:100%" '
            f'src="data:image/png;base64,{data}"><p class="osint-figure-note"><small>{html.escape(note)}'
            "</small></p></div>"
        )
        return LinkedFigure(markup, marks, "png")
    finally:
        if close:
            plt.close(root)
