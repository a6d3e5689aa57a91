"""Unnamed groups of sources, and where the text places them.

"Senior officials in Ukraine's intelligence services", "sources in South Korea, Ukraine and the
West", "intelligence sources were quoted as saying": one unnamed source, named by its group.

Example:
    >>> PLACED_GROUP.match("senior officials in Ukraine's intelligence services quoted").group("who")
    "officials in Ukraine's intelligence services"
    >>> SOURCES_FROM_PLACES.match("sources in South Korea, Ukraine and the West").group("places")
    'South Korea, Ukraine and the West'
"""

from __future__ import annotations

import re

from .joint_sources import PLACE_NAME as _PLACE_NAME

__all__ = [
    "CITED_GROUP_WHO",
    "GROUP_WHO",
    "LEARNED_FROM",
    "PLACED_GROUP",
    "QUOTED_AS",
    "SOURCES_FROM_PLACES",
    "SOURCES_IN_BEFORE",
    "SPOKE_TO",
]

# "senior officials in Ukraine's intelligence services": one unnamed group placed in them
PLACED_GROUP = re.compile(
    r"(?:(?:senior|unnamed|anonymous|several|two|three)\s+)*(?P<who>(?:officials|sources)\s+(?:in|within)\s+"
    r"(?:the\s+|[A-Z][\w.]*['’]s\s+)(?:special|security|intelligence)\s+services)\b"
)
# "sources in South Korea, Ukraine and the West": one joint unnamed group
SOURCES_FROM_PLACES = re.compile(
    rf"(?P<noun>[Ss]ources|[Oo]fficials)\s+(?:from|in)\s+(?P<places>{_PLACE_NAME}(?:,\s+{_PLACE_NAME})*,?\s+and\s+{_PLACE_NAME})"
)
# "sources in Ukraine's special services told": before a reporting verb
SOURCES_IN_BEFORE = re.compile(
    r"(?P<who>\b[Ss]ources?\s+(?:in|within)\s+(?:the\s+|[A-Z][\w.]*(?:\s+[A-Z]\w*)?['’]s\s+)?"
    r"(?:special|security|intelligence)\s+services)\s+(?:have\s+|had\s+)?$"
)
# "Ukrainian intelligence sources were quoted as saying"
QUOTED_AS = re.compile(
    r"(?P<who>\b(?:[A-Z][\w'’-]*\s+){1,3}(?:intelligence\s+)?(?:sources|officials))\s+(?:was|were)\s+quoted"
    r"(?:\s+by\s+[^,.;]{2,40}?)?\s+as\s+saying\b"
)
# "has learned from sources in X": the sources, after the outlet that learned
LEARNED_FROM = re.compile(
    r"\s+from\s+(?P<who>(?:[\w'’-]+\s+){0,3}?(?:sources?|officials?)"
    r"(?:\s+(?:in|at|within|close\s+to)\s+[^,;.]{3,60}?)?)(?=[,;.]|\s+(?:that|who)\b|$)"
)
# "cited Western security sources who also pointed to": those sources
CITED_GROUP_WHO = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.-]*\s+){1,3}(?:security\s+|intelligence\s+)?(?:sources|officials))\s+(?:who|which|that)\b"
)
# "... who spoke to the BBC's correspondent": before a name that is the listener, not the speaker
SPOKE_TO = re.compile(
    r"\b(?:spoke|spoken|speaking|talked|talking|told|briefed)\s+(?:to|with)?\s*(?:the\s+)?(?:[\w.]+['’]s\s+)?"
    r"(?:[a-z]+\s+){0,3}$"
)
# "Western officials who spoke to ... offered": the group before the relative clause
GROUP_WHO = re.compile(
    r"(?P<who>\b(?:[A-Z][\w'’-]*\s+){1,3}(?:officials|sources|diplomats|analysts))\s+who\s+[^,.;]{3,110}\s+$"
)
