"""Where: the place phrase after a claim's verb, and its precision (through the gazetteer).

The place is kept as stated ("Kursk region", "near Donetsk", "eastern Ukraine"). When
``osint.gazetteer`` is importable its :func:`resolve_place` gives the precision and the
coordinates; otherwise a simple rule gives the precision from the words (country name,
"region"/"oblast", "near ...", else a point).

Example:
    >>> find_place("troops are mustering in Russia, it said", 20, 40).text
    'Russia'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Place", "find_place", "find_route", "resolve"]

_DIRECTION = (
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?|far[\s-]eastern)"
)
_CAP = r"[A-Z][\w'’.-]*"
_PLACE = re.compile(
    rf"""
    (?P<lead>\s*,?\s*(?:(?:already|now|then|still|reportedly|on|onward|onwards|further|forward|back)\s+)?
        (?:(?:into|to|in|at|on)\s+(?:(?:the|their|new|frontline|front-line|forward|combat|defensive|firing)\s+){{0,2}}
           (?:positions|areas|bases|trenches|camps|villages|sites|lines|units)\s+)?)
    (?P<prep>in|into|inside|to|near|at|across|toward|towards|around|along|on)\s+
    (?P<place>
        (?:the\s+)?(?:{_DIRECTION}\s+)?(?:parts?\s+of\s+)?
        (?:{_CAP}(?:['’]s)?(?:[\s-]+(?:{_CAP}|de|of|the)){{0,3}})
        (?:\s+(?:region|oblast|Oblast|Krai|krai|province|Province|area|district|border|front|Far\s+East|peninsula))?
      | the\s+(?:front(?:[\s-]*lines?)?|frontlines?|battlefield|Far\s+East|border\s+(?:area|region))
    )
    """,
    re.VERBOSE,
)
_BARE_PLACE = re.compile(
    _PLACE.pattern.replace(
        "(?P<prep>in|into|inside|to|near|at|across|toward|towards|around|along|on)\\s+", "(?P<prep>)"
    ),
    re.VERBOSE,
)
_NOT_PLACES = frozenset(
    """The This That These Those It Its He She They We I A An And But Or On In At For From
    With Without Support Russia's Kyiv's Moscow's January February March April May June July
    August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr. Jun.
    Jul. Aug. Sep. Sept. Oct. Nov. Dec.""".split()
)
_COUNTRIES = frozenset(
    """Russia Ukraine Belarus China Iran Syria Japan Poland Georgia Kazakhstan Mongolia
    America Britain France Germany Korea""".split()
    + ["North Korea", "South Korea", "the United States", "United States", "the Russian Federation"]
)
_TRAILING_NOUN = re.compile(
    r"\s+(?:war|conflict|crisis|invasion|campaign|government|officials|border\s+guards|army|military)\b"
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place phrase: span, text as stated, precision, and coordinates when resolved."""

    start: int
    end: int
    text: str
    geo_precision: str | None
    lon: float | None = None
    lat: float | None = None
    resolved_name: str | None = None


def find_place(text: str, pos: int, end: int, bare: bool = False) -> Place | None:
    """The place phrase that follows a claim's verb at ``pos`` (within ``end``), if any.

    ``bare``: the place is the verb's object, with no preposition ("entered Kursk region").
    """
    m = (_BARE_PLACE if bare else _PLACE).match(text, pos, end)
    if not m:
        return None
    place = m.group("place").rstrip(".,")
    shift = 0
    owner = re.match(r"(?:Russia|Ukraine)['’]s\s+(?=[A-Z])", place)
    if owner:  # "Russia's Kursk region": the region is the place
        shift, place = owner.end(), place[owner.end() :]
    words = place.split()
    core = [w for w in words if w.lower() not in ("the",)]
    if not core or core[0] in _NOT_PLACES or core[0].lower() in ("parts",) and len(core) < 3:
        return None
    if _TRAILING_NOUN.match(text, m.start("place") + shift + len(place)):
        return None
    prep = m.group("prep") or ""
    start = m.start("place") + shift
    label = place
    if prep == "near":
        start, label = m.start("prep"), f"near {place}"
    if place.startswith("the ") and not re.match(
        r"the\s+(?:front|frontline|battlefield|Far|border|Russian\s+Far)", place
    ):
        label = label.replace("the ", "", 1) if prep != "near" else label
        if prep != "near":
            start += 4
    return Place(start, start + len(label), label, None)


# "from Chongjin to Vladivostok", "from the Far East to Kursk": where they left and arrived.
_ROUTE = re.compile(
    rf"""\bfrom\s+(?P<o>(?:the\s+)?(?:{_DIRECTION}\s+)?{_CAP}(?:[\s-]+(?:{_CAP}|de|of)){{0,3}}"""
    rf"""(?:\s+(?:region|oblast|province|area|port|coast))?)"""
    rf"""\s+(?:\w+\s+){{0,3}}?(?P<p>to|into|toward|towards)\s+(?=(?:the\s+)?[A-Z])"""
)


def find_route(text: str, pos: int, end: int) -> tuple[Place, Place] | None:
    """``(origin, destination)`` of a "from X to Y" phrase starting within ``text[pos:end]``.

    Example:
        >>> o, d = find_route("were shipped from Chongjin to Vladivostok.", 0, 41)
        >>> (o.text, d.text)
        ('Chongjin', 'Vladivostok')
    """
    m = _ROUTE.search(text, pos, end)
    if not m or m.group("o").split()[-1] in _NOT_PLACES:
        return None
    dest = find_place(text, m.start("p"), end)
    if dest is None:
        return None
    o = m.group("o")
    start = m.start("o")
    if o.startswith("the ") and not re.match(r"the\s+(?:Far|Russian\s+Far)", o):
        o, start = o[4:], start + 4
    return Place(start, start + len(o), o, None), dest


@lru_cache(maxsize=4096)
def _resolve_text(label: str) -> tuple[str | None, float | None, float | None, str | None]:
    from ..places import resolve_place

    try:
        hit = resolve_place(label)
    except Exception:  # a broken gazetteer must not stop extraction
        hit = None
    if hit is not None and hit.resolved:
        return hit.geo_precision, hit.lon, hit.lat, hit.name
    return _guess_precision(label), None, None, None


def _guess_precision(label: str) -> str:
    low = label.lower()
    if low.startswith("near "):
        return "near"
    bare = re.sub(r"^(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?", "", label)
    if bare in _COUNTRIES or label in _COUNTRIES:
        return "country" if bare == label or label.startswith("the ") else "region"
    if re.search(
        r"(?i)\b(?:region|oblast|krai|province|area|district|far east|border|front|peninsula|parts? of)\b", label
    ) or re.match(rf"(?i){_DIRECTION}\s", label):
        return "region"
    return "point"


def resolve(place: Place | None) -> Place | None:
    """``place`` with precision (and coordinates when the gazetteer resolves it)."""
    if place is None:
        return None
    precision, lon, lat, name = _resolve_text(place.text)
    return Place(place.start, place.end, place.text, precision, lon, lat, name)
