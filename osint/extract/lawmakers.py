"""Lawmakers relay: the body or person whose briefing a lawmaker's figure comes from.

"Rep. Park said after a closed-door briefing by the NIS", "South Korean lawmakers said, citing
intelligence", "Lawmaker Yu said he had been briefed by Kyrylo Budanov ... Yu said", "citing
lawmakers briefed by the agency": the ledger names the briefing body (or person), with the
lawmaker as the relay.

Example:
    >>> bool(BRIEFED_GROUP.match("lawmakers briefed by the agency"))
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .document import Document
from .table import LAWMAKER_TITLE, Attribution, Claimant

__all__ = [
    "BRIEFED_GROUP",
    "CITING_INTELLIGENCE",
    "DEMONYM_COUNTRY",
    "LAWMAKERS_OF",
    "LEGISLATOR",
    "briefer",
    "briefing_body",
    "is_unlisted_lawmaker",
]

#: Resolves one attribution of a sentence to its claimant (what ``speakers.resolve_attribution`` does).
Resolve = Callable[[Document, int, Attribution], "Claimant | None"]


LEGISLATOR = re.compile(r"(?i)\((?:[^()]*\b)?(?:committee|national assembly|parliament)")


CITING_INTELLIGENCE = re.compile(r"(?i)\s*,?\s*citing\s+(?:(?:the\s+)?(?:country's\s+)?(?:spy|intelligence)\b)")


LAWMAKERS_OF = re.compile(r"(?i)(south\s+korean|ukrainian|japanese|british|american|us)\s+")


DEMONYM_COUNTRY = {
    "south korean": "KR",
    "ukrainian": "UA",
    "japanese": "JP",
    "british": "GB",
    "american": "US",
    "us": "US",
}


def briefing_body(doc: Document, i: int, before: int, resolve: Resolve) -> Claimant | None:
    """The intelligence body a lawmaker's words come from: cited in the sentence or the ones before,
    else cited as the briefing anywhere earlier in the article ("... lawmakers said after a briefing
    from the spy agency. [...] The lawmakers said")."""
    for j in range(i, max(-1, i - 4), -1):
        if j < i and not doc.same_context(i, j):
            break
        found = _intelligence_cited(doc, j, before if j == i else None, False, resolve)
        if found is not None:
            return found
    for j in range(i - 1, -1, -1):
        found = _intelligence_cited(doc, j, None, True, resolve)
        if found is not None:
            return found
    return None


def _intelligence_cited(
    doc: Document, j: int, before: int | None, citing_only: bool, resolve: Resolve
) -> Claimant | None:
    """The last listed intelligence body an attribution of sentence ``j`` names (those at or
    after ``before`` only when cited)."""
    for x in reversed(doc.attributions(j)):
        if (citing_only or (before is not None and x.start >= before)) and x.how != "citing":
            continue
        y = resolve(doc, j, x) if x.claimant.kind == "pronoun" else x.claimant
        if y is not None and y.kind == "body" and y.claimant_type == "intelligence" and "(unnamed)" not in y.claimant:
            return y
    return None


BRIEFED_GROUP = re.compile(
    r"(?i)^(?P<who>(?:\w+\s+){0,2}(?:lawmakers|legislators|MPs|members\s+of\s+parliament|officials))\s+"
    r"(?:who\s+(?:were|had\s+been)\s+)?briefed\s+by\s+(?P<by>.+?)\.?$"
)


def is_unlisted_lawmaker(doc: Document, name: str) -> bool:
    """``name`` (a full name or one word of it) is a lawmaker the text introduces by title
    ("Rep. Yu Yong-weon", "lawmaker Yu Yong-weon") and the claimant table does not list."""
    titles = ("Rep", "Representative", "Lawmaker", "Legislator", "Assemblyman", "Assemblywoman", "MP")
    words = [w for w in re.findall(r"[A-Z][\w'’-]+", name) if w not in titles]
    if not words or len(words) > 3:
        return False
    key = ("lawmaker", name)
    if key not in doc.memo:
        names = re.findall(rf"\b{LAWMAKER_TITLE}\s+((?:[A-Z][\w'’-]+\s?){{1,3}})", doc.text)
        doc.memo[key] = any(all(w in found.split() for w in words) for found in names)
    return bool(doc.memo[key])


_BRIEFED_BY = re.compile(
    r"(?:briefed\s+by|met(?:\s+with)?|briefing\s+(?:by|from)|talks\s+with|information\s+from)\s+(?:the\s+)?$"
)


_BRIEFED_HIM = re.compile(r"\s+(?:had\s+|has\s+)?(?:briefed|told)\s+(?:him|her|them)\b")


def briefer(doc: Document, i: int, before: int, resolved: Callable[[Document, int], list]) -> Claimant | None:
    """Who briefed a lawmaker, as the text says before ``before``: a listed person or
    intelligence body "briefed by" / "met" / cited by the lawmaker, or who "had briefed him"."""
    for j in range(i, -1, -1):
        limit = before if j == i else doc.sentences[j].end
        found = [
            (x.start, y)
            for x, y in resolved(doc, j)
            if x.how == "citing" and x.end <= limit and y is not None and _may_brief(y)
        ]
        found += [
            (m.start, m.claimant)
            for m in doc.mentions(j)
            if m.end <= limit
            and _may_brief(m.claimant)
            and (
                _BRIEFED_BY.search(doc.text, max(0, m.start - 30), m.start)
                or _BRIEFED_HIM.match(doc.text, m.end, limit)
            )
        ]
        if found:
            return max(found, key=lambda f: f[0])[1]
    return None


def _may_brief(c: Claimant) -> bool:
    return (c.kind == "person" and not LEGISLATOR.search(c.claimant)) or (
        c.kind == "body" and c.claimant_type == "intelligence"
    )
