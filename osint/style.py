"""The shared look of the workbook: colours, markers, labels and credits.

Every figure (timelines, maps) takes its colours and markers from here, so a claimant has
the same colour in every figure and every run, whichever other claimants are present.

Example:
    >>> claimant_color("National Intelligence Service (South Korea)")
    '#2ca02c'
    >>> claimant_color("Some Unlisted Analyst") == claimant_color("some  unlisted analyst")
    True
    >>> claimant_type_marker("head_of_state")
    'D'
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from .schema import CLAIMANT_TYPES, MEASURES
from .schema import PERSONNEL as PERSONNELS


class ClaimantFamily(NamedTuple):
    """A main claimant of the domain: a short label, its colour, and the names it matches.

    ``abbreviates``: the label may stand in for a long name of the family (an agency's
    acronym), rather than only naming the colour's family in a legend.
    """

    label: str
    color: str
    pattern: re.Pattern[str]
    abbreviates: bool = False


def _family(label: str, color: str, pattern: str, abbreviates: bool = False) -> ClaimantFamily:
    return ClaimantFamily(label, color, re.compile(pattern, re.IGNORECASE), abbreviates)


#: Curated colours for the main claimants, tried in this order (first match wins), so
#: "John Kirby (White House)" is White House and "Ukrainian military intelligence (HUR)"
#: is HUR, not Zelensky. A claimant's colour depends on its own name only.
CLAIMANT_FAMILIES: tuple[ClaimantFamily, ...] = (
    _family("NIS (South Korea)", "#2ca02c", r"\bNIS\b|National Intelligence Service", abbreviates=True),
    _family(
        "HUR (Ukraine)",
        "#17becf",
        r"\b[HG]UR\b|Defen[cs]e Intelligence of Ukraine|Main (Intelligence )?Directorate"
        r"|Ukrain\w* (military )?intelligence|Budanov",
        abbreviates=True,
    ),
    _family("Volodymyr Zelensky", "#1f77b4", r"Zelensk"),
    _family("White House", "#e377c2", r"White House|Kirby|National Security Council|\bNSC\b"),
    _family(
        "Pentagon / US officials",
        "#9467bd",
        r"Pentagon|Department of Defen[cs]e \(US\)|\bU\.?S\.? (official|intelligence|Department|"
        r"military|government|State)|State Department|United States|Lloyd Austin|Sabrina Singh|Blinken",
    ),
    _family("UK MoD", "#8c564b", r"\bU\.?K\.?\b|United Kingdom|British|Britain|Healey"),
    _family("NATO", "#2f4b7c", r"\bNATO\b|Rutte"),
    _family(
        "North Korea",
        "#ff7f0e",
        r"North Korea|\bDPRK\b|\bKCNA\b|\bKCTV\b|Korean Central|Workers' Party of Korea|Rodong"
        r"|Kim Jong[- ]?un|Kim Yo[- ]?jong|Pyongyang",
    ),
    _family(
        "Russia",
        "#d62728",
        r"\bRussia|Kremlin|Peskov|Putin|Lavrov|Zakharova|Shoigu|Belousov|Gerasimov|\bTASS\b|RIA Novosti",
    ),
)

#: Fallback colours for claimants outside the curated list, chosen by a stable hash of the
#: name; none repeats a curated colour. Two unlisted claimants may share one.
FALLBACK_PALETTE: tuple[str, ...] = (
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#5254a3",
    "#8ca252",
    "#bd9e39",
    "#ad494a",
    "#a55194",
    "#636363",
    "#6b6ecf",
    "#393b79",
    "#01665e",
    "#8e0152",
    "#543005",
    "#762a83",
    "#b35806",
    "#35978f",
)


def _normalize(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def claimant_family(name: str) -> ClaimantFamily | None:
    """The curated family a claimant name belongs to, or None.

    Example:
        >>> claimant_family("John Kirby (White House)").label
        'White House'
    """
    text = " ".join(str(name).split())
    for family in CLAIMANT_FAMILIES:
        if family.pattern.search(text):
            return family
    return None


def claimant_color(name: str) -> str:
    """A hex colour for a claimant, the same in every figure and every run.

    Curated for the main claimants (:data:`CLAIMANT_FAMILIES`); any other name gets a colour
    from :data:`FALLBACK_PALETTE` picked by a SHA-256 hash of the name (case and spacing
    ignored), so it never depends on which other claimants are plotted.

    Example:
        >>> claimant_color("Volodymyr Zelensky")
        '#1f77b4'
    """
    family = claimant_family(name)
    if family is not None:
        return family.color
    digest = hashlib.sha256(_normalize(name).encode("utf-8")).digest()
    return FALLBACK_PALETTE[int.from_bytes(digest[:8], "big") % len(FALLBACK_PALETTE)]


def claimant_label(name: str, width: int = 26) -> str:
    """A display label of at most ``width`` characters for a claimant name.

    Long names of an agency with a well-known acronym become it; other long names keep
    their start, and a trailing parenthesis stays visibly cut rather than silently lost.

    Example:
        >>> claimant_label("National Intelligence Service (South Korea)")
        'NIS (South Korea)'
        >>> claimant_label("Valery Gerasimov (Russian General Staff)", 30)
        'Valery Gerasimov (Russian Ge…)'
    """
    text = " ".join(str(name).split())
    if len(text) <= width:
        return text
    family = claimant_family(text)
    if family is not None and family.abbreviates and len(family.label) <= width:
        return family.label
    base, paren, inner = text.partition(" (")
    if paren and len(base) + 4 <= width:
        return f"{base} ({inner[: width - len(base) - 4].rstrip()}…)"
    return text[: width - 1].rstrip() + "…"


#: Marker per claimant type (matplotlib marker codes). Triangles are kept free: arrows
#: and carets mean open-ended figures in the timelines.
CLAIMANT_TYPE_MARKERS: dict[str, str] = {
    "head_of_state": "D",
    "government": "s",
    "military": "p",
    "intelligence": "o",
    "international_org": "h",
    "state_media": "P",
    "media": "X",
    "osint_analyst": "*",
    "other": "d",
}
assert set(CLAIMANT_TYPE_MARKERS) == set(CLAIMANT_TYPES)

CLAIMANT_TYPE_LABELS: dict[str, str] = {
    "head_of_state": "head of state",
    "government": "government",
    "military": "military",
    "intelligence": "intelligence",
    "international_org": "international org.",
    "state_media": "state media",
    "media": "media",
    "osint_analyst": "OSINT analyst",
    "other": "other",
}


def claimant_type_marker(claimant_type: str) -> str:
    """The marker for a claimant type; ``'o'`` for an unknown one.

    Example:
        >>> claimant_type_marker("intelligence")
        'o'
    """
    return CLAIMANT_TYPE_MARKERS.get(str(claimant_type), "o")


#: Measures in reading order, from promise to loss.
MEASURE_ORDER: tuple[str, ...] = tuple(MEASURES)

MEASURE_LABELS: dict[str, str] = {
    "pledged_or_preparing": "pledged or preparing",
    "mustering_in_russia": "mustering in Russia",
    "arrived_in_russia": "arrived in Russia",
    "deployed_to_front": "deployed to the front",
    "in_combat": "in combat",
    "casualties": "casualties (killed + wounded)",
    "killed": "killed",
    "wounded": "wounded",
    "captured": "captured",
    "other": "other",
}

#: Measure colours, chosen to stay apart for readers with colour-vision deficiencies: cool
#: colours before the front (pledged, mustering, arrived), warm at the front, dark and
#: rose for losses. Measured with :func:`osint.colour_vision.palette_report` (Machado 2009
#: simulation, CIEDE2000): the closest pair is at least 12 ΔE00 apart opaque and 8 apart
#: as a 60 % region shade, in normal vision, deuteranomaly, protanopia, deuteranopia and
#: tritanopia (tests/test_colour_vision.py).
MEASURE_COLORS: dict[str, str] = {
    "pledged_or_preparing": "#80bfff",
    "mustering_in_russia": "#01867f",
    "arrived_in_russia": "#1734d7",
    "deployed_to_front": "#dfb200",
    "in_combat": "#d0050c",
    "casualties": "#941945",
    "killed": "#00030d",
    "wounded": "#ff66b3",
    "captured": "#5d1774",
    "other": "#bbbb92",
}
assert set(MEASURE_LABELS) == set(MEASURE_COLORS) == set(MEASURE_ORDER)


def measure_color(measure: str) -> str:
    """The colour of a measure (envelopes in timelines, symbols on maps).

    Example:
        >>> measure_color("killed")
        '#00030d'
    """
    return MEASURE_COLORS.get(str(measure), MEASURE_COLORS["other"])


#: What kind of people a figure counts, every kind named (map keys and label boxes).
PERSONNEL_NAMES: dict[str, str] = {
    "combat_troops": "combat troops",
    "special_forces": "special forces",
    "officers": "officers",
    "military_builders": "military builders",
    "deminers": "deminers",
    "labourers": "labourers",
    "mixed": "mixed personnel",
    "unspecified": "kind not stated",
}
#: Map marker of each kind of people (matplotlib codes): circles are combat troops only, so
#: builders (squares) and deminers (diamonds) are never read as troops.
PERSONNEL_MARKERS: dict[str, str] = {
    "combat_troops": "o",
    "special_forces": "p",
    "officers": "*",
    "military_builders": "s",
    "deminers": "D",
    "labourers": "P",
    "mixed": "8",
    "unspecified": "H",
}
#: Hatching over a shaded region or halo for the kinds that are not fighting troops.
PERSONNEL_HATCHES: dict[str, str] = {"military_builders": "++", "deminers": "..", "labourers": "xx"}
assert set(PERSONNEL_NAMES) == set(PERSONNEL_MARKERS) == set(PERSONNELS)


def personnel_label(personnel: object) -> str:
    """The kind of people in words; a missing value reads as combat troops (the ledger default).

    Example:
        >>> personnel_label("military_builders"), personnel_label(None)
        ('military builders', 'combat troops')
    """
    return (
        PERSONNEL_NAMES.get(str(personnel), PERSONNEL_NAMES["combat_troops"])
        if not _missing(personnel)
        else PERSONNEL_NAMES["combat_troops"]
    )


def personnel_marker(personnel: object) -> str:
    """The map marker of a kind of people (circle for combat troops or a missing value).

    Example:
        >>> personnel_marker("deminers")
        'D'
    """
    return "o" if _missing(personnel) else PERSONNEL_MARKERS.get(str(personnel), "o")


#: Credit line for every figure built from the ledger.
CREDITS = (
    "Figures are claims as stated by each claimant, not verified counts. "
    "Each mark is one row of the claims ledger; its source URL, outlet and grading "
    "are in the CSV exported with the figure."
)

#: Credits for maps drawn on the offline basemap and gazetteer.
GEO_CREDITS = "Place names: GeoNames (CC BY 4.0). Borders: Natural Earth (public domain)."


# --- marks, number formats and wording shared by the timeline, the overview and the maps ------

#: Ink of text and axes, muted text, and grid lines.
INK = "#333333"
MUTED = "#666666"
GRID = "#e6e6e6"

#: The y-axis label of every figure of claimed numbers.
FIGURE_AXIS_LABEL = "troops, as claimed"
#: What a plot says when it is given no claims.
NO_CLAIMS = "No claims match these filters"

#: How a qualifier is drawn: ``point`` (exact, about), ``range``, ``upto`` (a ceiling: no
#: floor) or ``atleast`` (a floor: no ceiling). ``none`` has no figure and no mark kind.
MARK_KIND: dict[str, str] = {
    "exact": "point",
    "about": "point",
    "range": "range",
    "up_to": "upto",
    "fewer_than": "upto",
    "at_least": "atleast",
    "more_than": "atleast",
}
#: Marker of each kind in compact plots (a ceiling points down, a floor up); a range is a bar.
KIND_MARKERS: dict[str, str] = {"point": "o", "upto": "v", "atleast": "^"}

#: Compact signs of the qualifiers, for labels on figures.
QUALIFIER_SIGNS: dict[str, str] = {
    "exact": "",
    "about": "~",
    "up_to": "≤",
    "fewer_than": "<",
    "at_least": "≥",
    "more_than": ">",
}
#: The qualifiers in words, for tables and label boxes.
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "{low}",
    "about": "about {low}",
    "range": "{low}–{high}",
    "up_to": "up to {high}",
    "fewer_than": "fewer than {high}",
    "at_least": "at least {low}",
    "more_than": "more than {low}",
    "none": "no figure",
}
#: Stances in words.
STANCE_LABELS: dict[str, str] = {"asserts": "asserts", "cannot_confirm": "cannot confirm", "denies": "denies"}


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except TypeError:  # pandas.NA refuses to be a bool
        return True


def thousands(value: float, _pos: object = None) -> str:
    """A count as written on axes and labels: thousands separated, no decimals from 1 up.

    Usable as a matplotlib ``FuncFormatter``.

    Example:
        >>> thousands(12000), thousands(0.5)
        ('12,000', '0.5')
    """
    return f"{value:,.0f}" if abs(value) >= 1 or value == 0 else f"{value:g}"


def _number(value: object) -> str:
    return "?" if _missing(value) else f"{int(value):,}"  # type: ignore[call-overload]


def format_figure(qualifier: str, low: object, high: object) -> str:
    """A claim's figure in words, as the claimant put it (tables, label boxes).

    Example:
        >>> format_figure("up_to", None, 12000)
        'up to 12,000'
        >>> format_figure("range", 10000, 12000)
        '10,000–12,000'
    """
    return QUALIFIER_WORDS[str(qualifier)].format(low=_number(low), high=_number(high))


def figure_label(qualifier: str, low: object, high: object) -> str:
    """A claim's figure in signs, for labels on figures: ``≤12,000``, ``~10,000``.

    Example:
        >>> figure_label("up_to", None, 12000)
        '≤12,000'
        >>> figure_label("range", 1000, 2000)
        '1,000–2,000'
    """
    qualifier = str(qualifier)
    if qualifier == "range":
        return f"{_number(low)}–{_number(high)}"
    if qualifier in ("up_to", "fewer_than"):
        return QUALIFIER_SIGNS[qualifier] + _number(high)
    if qualifier in ("at_least", "more_than"):
        return QUALIFIER_SIGNS[qualifier] + _number(low)
    if qualifier in ("exact", "about"):
        return QUALIFIER_SIGNS[qualifier] + _number(high if _missing(low) else low)
    return "no figure"


# --- short names and kinds of people, for labels on figures -----------------------------------

#: The kinds of people a figure counts, as labels say them; combat troops are the default
#: and go unsaid.
PERSONNEL_LABELS: dict[str, str] = {
    "combat_troops": "",
    "special_forces": "special forces",
    "officers": "officers",
    "military_builders": "military builders",
    "deminers": "deminers",
    "labourers": "labourers",
    "mixed": "mixed kinds",
    "unspecified": "kind not said",
}


def _claimant_table_path():
    from .paths import DATA_DIR

    return DATA_DIR / "claimants.csv"


def _short_names(path: str, mtime: float) -> dict[str, str]:
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        return {
            " ".join(row["claimant"].split()): " ".join((row.get("short") or "").split())
            for row in csv.DictReader(handle)
            if row.get("claimant") and (row.get("short") or "").strip()
        }


_SHORT_CACHE: dict[tuple[str, float], dict[str, str]] = {}


def short_names() -> dict[str, str]:
    """Claimant name -> short name, from the ``short`` column of ``data/claimants.csv``.

    Re-read when the file changes; empty when the file or the column is absent.

    Example:
        >>> short_names()["National Intelligence Service (South Korea)"]
        'NIS (South Korea)'
    """
    import os

    path = _claimant_table_path()
    try:
        key = (str(path), os.path.getmtime(path))
    except OSError:
        return {}
    if key not in _SHORT_CACHE:
        _SHORT_CACHE.clear()
        _SHORT_CACHE[key] = _short_names(*key)
    return _SHORT_CACHE[key]


def claimant_short(name: str) -> str:
    """The name a figure label gives a claimant: its short name, else the full name, never cut.

    Example:
        >>> claimant_short("John Kirby (White House)")
        'Kirby (White House)'
        >>> claimant_short("Some Unlisted Analyst (Example Institute)")
        'Some Unlisted Analyst (Example Institute)'
    """
    text = " ".join(str(name).split())
    return short_names().get(text, text)
