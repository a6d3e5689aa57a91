"""Joint unnamed sources: "citing South Korean, Ukrainian and Western sources".

A claim put to several countries' unnamed sources at once is one claim of one joint source,
named as the ledger names it ("South Korean, Ukrainian and Western sources (unnamed)"),
whether the text gives adjectives or places ("sources from South Korea, Ukraine and the West").
"""

from __future__ import annotations

import re

__all__ = ["PLACE_NAME", "RAW_JOINT", "joint_source_name"]

PLACE_NAME = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?"
RAW_JOINT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*(?:,\s+(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*)*,?\s+and\s+"
    r"(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*\s+(?:intelligence\s+)?(?:sources|officials|estimates|assessments|agencies|services)\b"
)
# country names in a joint source, and the adjective the ledger's names use for them
_DEMONYMS = {
    "south korea": "South Korean",
    "ukraine": "Ukrainian",
    "the west": "Western",
    "west": "Western",
    "the united states": "US",
    "united states": "US",
    "the us": "US",
    "us": "US",
    "the u.s.": "US",
    "u.s.": "US",
    "russia": "Russian",
    "japan": "Japanese",
    "britain": "British",
    "the uk": "British",
    "uk": "British",
    "europe": "European",
}


def joint_source_name(places: str, noun: str) -> str:
    """The ledger's name of a joint unnamed source given by its places.

    Example:
        >>> joint_source_name("South Korea, Ukraine and the West", "sources")
        'South Korean, Ukrainian and Western sources'
    """
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", places) if p.strip()]
    names = [_DEMONYMS.get(p.lower(), p) for p in parts]
    return (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]) + f" {noun.lower()}"
