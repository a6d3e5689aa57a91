"""Place-name keys: how a name as written is folded before lookup, and the gazetteer's constants.

>>> normalize("Primorskiy Kray")
'primorsky krai'
"""

from __future__ import annotations

import re
import unicodedata

from ..paths import DATA_DIR

GEO_DIR = DATA_DIR / "geo"

GEO_PRECISIONS = ("point", "near", "region", "country")
KINDS = ("city", "region", "area", "country")
MIN_CITY_POPULATION = 5000
#: Countries whose cities are linked to a basemap region and get native-script and
#: spelling-variant alternate names from GeoNames.
FOCUS_COUNTRIES = ("RU", "UA", "BY", "KP", "KR")
INDEX_VERSION = 3

# ---------------------------------------------------------------------------- normalizing
_APOSTROPHES = re.compile(r"['’‘ʼʻ`´′\"“”]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_FOLDS = ((re.compile(r"iy\b"), "y"), (re.compile(r"yy\b"), "y"), (re.compile(r"\bkray\b"), "krai"))


def normalize(text: str) -> str:
    """Matching key: case, accents, apostrophes, punctuation and -iy/-y spellings folded.

    >>> normalize("Wŏnsan"), normalize("Primorskiy Kray"), normalize("Donets'k")
    ('wonsan', 'primorsky krai', 'donetsk')
    """
    text = unicodedata.normalize("NFKD", str(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return text


# Words around a region name ("Kursk region", "region of Kursk", "Respublika Dagestan").
_REGION_SUFFIX = re.compile(
    r"\s+(autonomous okrug|autonomous oblast|autonomous region|avtonomnaya oblast|"
    r"avtonomny okrug|oblast|oblasti|region|regions|province|krai|territory|republic|"
    r"voblasts|voblast|do|si|teukbyeolsi|gwangyeoksi)$"
)
_REGION_PREFIX = re.compile(
    r"^(the )?(autonomous republic of|republic of|region of|province of|oblast of|"
    r"respublika|avtonomna respublika|misto|horad)\s+"
)
_DISTRICT_SUFFIX = re.compile(r"\s+(district|raion|rayon|municipality)$")
_AREA_SUFFIX = re.compile(r"\s+area$")
_CITY_AFFIX = re.compile(r"^(the )?city of\s+|\s+city$")
_NEAR_PREFIX = re.compile(
    r"^(near|nearby|outside|outside of|just outside|around|close to|not far from|"
    r"(on )?the outskirts of|outskirts of|(in )?the vicinity of|vicinity of|"
    r"(in )?the area (of|around)|(in )?the environs of)\s+"
)
_LEAD = re.compile(r"^(in|at|inside|within|from|to)\s+")
_THE = re.compile(r"^the\s+")
_DIRECTION = re.compile(
    r"^(north|south|east|west|northern|southern|eastern|western|central|"
    r"north ?eastern|north ?western|south ?eastern|south ?western|"
    r"north ?east|north ?west|south ?east|south ?west)\s+(?P<rest>.+)$"
)
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?P<rest>.+)$")


def _strip_region_words(key: str) -> str:
    base = _REGION_PREFIX.sub("", key)
    base = _REGION_SUFFIX.sub("", base)
    return base.strip()
