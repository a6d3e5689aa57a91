"""Phrases that name evidence rather than a speaker.

"According to the latest assessment", "citing reports", "according to his information": the
claim's source is the body or person the text speaks of, not the words after "according to".

Example:
    >>> bool(EVIDENCE.match("a South Korean television account of the images"))
    True
    >>> OWN_SOURCE.match(" his information, Pyongyang could send").group("p")
    'his'
"""

from __future__ import annotations

import re

__all__ = ["BARE_EVIDENCE", "EVIDENCE", "EVIDENCE_SUBJECT", "OWN_SOURCE", "RELAYED_BY"]

# "according to the latest assessment", "according to satellite images", "according to a South
# Korean television account of the pictures": evidence, not a speaker
EVIDENCE = re.compile(
    r"(?:[Aa]n?\s+|[Tt]he\s+|its\s+|their\s+)?"
    r"(?:(?:U\.S\.|U\.K\.|US|UK|South\s+Korean|Ukrainian|British|American|Japanese|Western)\s+)?"
    r"(?i:(?:(?:latest|new|recent|updated|fresh|satellite|intelligence|same|official|television|TV|media|press"
    r"|preliminary|initial|early|available|partial|unofficial)\s+)*"
    r"(?P<noun>assessment|estimate|report|analysis|data|figures?|photos?|photographs?|images?|imagery|count|tally"
    r"|document|paper|memo|dossier|findings|account|information|caption)s?)\b"
)
# "citing reports,", "citing differing counts of the personnel who ...": evidence that names no one
BARE_EVIDENCE = re.compile(
    r"(?:(?:unconfirmed|media|news|press|local|differing|varying|various|several|conflicting|other|such|these"
    r"|preliminary|initial|early|available|partial)\s+)*"
    r"(?:reports|estimates|counts|figures|data|accounts|assessments|calculations)"
    r"(?:\s*[,;.]|\s*$|\s+(?:after|following)\b|\s+of\s+(?:the\s+)?[a-z][\w\s-]{0,60}?(?:[,;.]|$))"
)
# "according to his information": the speaker's own source, whoever is named after it
OWN_SOURCE = re.compile(
    r"\s*(?P<p>[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:information|data|estimates?"
    r"|assessments?|sources|figures|count|knowledge|calculations?|intelligence|captions?)\b"
)
RELAYED_BY = re.compile(
    r"(?i)\b(?:relayed|reported|carried|cited|published|quoted|released|aired)\s+(?:\w+\s+)?by\s+(?:the\s+)?$"
)
# "the assessments show": evidence as the subject of the clause
EVIDENCE_SUBJECT = re.compile(
    r"(?i)\b(?:assessments?|reports?|data|figures|estimates?|images?|imagery|intelligence|findings|records?)\s+$"
)
