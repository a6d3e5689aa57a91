"""What a reference back to a speaker refers to, across sentences.

"The official added" is the official introduced before, not the last named person; "the agency"
is a body that can be called so (never the committee that relayed it); "they" after "the sources,
who spoke on condition of anonymity, told the Kyiv Post" is what "the sources" was resolved to.

Example:
    >>> from osint.extract.table import Claimant
    >>> fits_noun(Claimant("National Intelligence Service (South Korea)", "KR", "intelligence", "body"), "agency")
    True
    >>> fits_noun(Claimant("National Assembly intelligence committee (South Korea)", "KR", "government", "body"), "agency")
    False
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .document import Document
from .offices import country_government
from .table import Claimant

__all__ = ["antecedent_body", "chained_speaker", "fits_noun", "introduced_speaker"]

#: The attributions of sentence ``i`` with their claimants resolved (what ``speakers.resolved_attributions`` gives).
Resolved = Callable[[Document, int], list]


_UNNAMED_SPEAKER_NOUNS = frozenset(("official", "spokesman", "spokeswoman", "spokesperson", "source", "officer"))


def introduced_speaker(
    doc: Document, i: int, before: int, noun: str, who_at: Callable[[Document, int, int], Any], back: int = 4
) -> Claimant | None:
    """What "the official" refers to when the last speaker was introduced as "an official ...".

    "A senior official at the presidential office told reporters ... The official added": the
    speaker who was that official (resolved as that sentence resolved it), not the last named
    person. Only the nearest speaker counts: a named speaker in between ends the search.
    """
    if noun not in _UNNAMED_SPEAKER_NOUNS:
        return None
    unnamed = re.compile(rf"(?i)\b{noun}\b")
    for j in range(i, max(-1, i - back), -1):
        if j < i and not doc.same_context(i, j):
            break
        limit = before if j == i else doc.sentences[j].end
        spoke = [
            x
            for x in doc.attributions(j)
            if x.end <= limit and x.claimant.kind != "pronoun" and x.how in ("verb", "raw", "inverted")
        ]
        if not spoke:
            continue
        last = spoke[-1]
        member = re.compile(rf"(?i)\b{noun}\s+(?:in|at|of|from|with)\s+(?:the\s+)?$")
        if not (
            (last.claimant.kind == "raw" and unnamed.search(last.claimant.claimant))
            or member.search(doc.text, max(0, last.start - 30), last.start)  # "an official in South Korea's ..."
        ):
            return None
        said = who_at(doc, j, last.start + 1)
        return said.claimant if said is not None else None
    return None


def fits_noun(c: Claimant, noun: str | None) -> bool:
    """``c`` can be called "the <noun>": an agency or service is an intelligence body (or named so),
    a ministry, committee or office one whose name says so."""
    if noun is None:
        return True
    name = c.claimant.lower().replace("centre", "center")
    if noun in ("agency", "service", "directorate"):
        return c.claimant_type == "intelligence" or noun in name
    return noun.replace("centre", "center") in name


_PLURAL_REFERENCES = frozenset(("they", "sources", "officials"))
_PERSON_REFERENCES = frozenset(
    "he she president leader minister spokesman spokeswoman spokesperson general governor official chief commander".split()
)
_BODY_REFERENCES = frozenset(
    "it agency ministry service office department committee institute directorate report assessment".split()
)


def chained_speaker(
    doc: Document, i: int, before: int, word: str, resolved: Resolved, back: int = 3
) -> Claimant | None:
    """What a reference refers to when the last speaker was itself a reference of the same kind.

    "Intelligence sources were quoted ... The sources, who ..., told the Kyiv Post ... they said":
    "they" is what "the sources" was resolved to, not the outlet told. Only the nearest sentence
    with a speaker counts, and it must speak through a reference of the same kind (he/she, they /
    the sources / the officials, or the same noun).
    """
    head = word.split()[-1]
    for j in range(i, max(-1, i - back), -1):
        if j < i and not doc.same_context(i, j):
            break
        if j == i:
            if any(x.end <= before and x.how in ("verb", "raw", "inverted") for x in doc.attributions(i)):
                return None  # a named speaker in the same sentence comes first
            continue
        spoke = [
            (x, c)
            for x, c in resolved(doc, j)
            # "The agency's earlier estimates were lower. In mid-January it told lawmakers": the agency
            if x.how in ("verb", "raw", "inverted", "pronoun")
            or (x.how == "possessive" and x.claimant.kind == "pronoun")
        ]
        if not spoke:
            continue
        x, c = spoke[-1]
        if x.claimant.kind != "pronoun" or c is None:
            return None
        earlier = re.sub(r"\s+", " ", x.claimant.claimant.lower()).split()[-1]
        same = (
            (head in ("he", "she") and earlier in _PERSON_REFERENCES)
            or (head in _PLURAL_REFERENCES and earlier in _PLURAL_REFERENCES)
            # "The spy agency says Pyongyang intends ... In all, it says": the agency, not Pyongyang
            or (head == "it" and earlier in _BODY_REFERENCES)
            or (earlier == "it" and head in _BODY_REFERENCES)
            or head == earlier
        )
        return c if same else None
    return None


def antecedent_body(
    doc: Document, i: int, before: int, resolved: Resolved, noun: str | None = None, back: int = 6
) -> Claimant | None:
    """The last listed body (not a whole country's government) that spoke or was named before.

    With ``noun`` ("agency", "ministry", ...), a body that can be called so is preferred; "the
    agency" is never a parliamentary committee.
    """
    found = _last_body(doc, i, before, resolved, noun, back)
    if found is None and noun is not None and noun not in ("agency", "service", "directorate"):
        found = _last_body(doc, i, before, resolved, None, back)
    return found


def _last_body(doc: Document, i: int, before: int, resolved: Resolved, noun: str | None, back: int) -> Claimant | None:
    for j in range(i, max(-1, i - back), -1):
        if j < i and not doc.same_context(i, j):
            break
        limit = before if j == i else doc.sentences[j].end
        # in earlier sentences, "the agency's tally" counts as the body it was resolved to
        said = resolved(doc, j) if j < i else [(x, x.claimant) for x in doc.attributions(j)]
        for x, c in reversed(said):
            if (
                c is not None
                and x.end <= limit
                and c.kind == "body"
                and not c.is_media
                and not country_government(doc, c)
                and fits_noun(c, noun)
            ):
                return c
        for m in reversed(doc.mentions(j)):
            c = m.claimant
            if (
                m.end <= limit
                and c.kind == "body"
                and not c.is_media
                and not m.possessive
                and not country_government(doc, c)
                and fits_noun(c, noun)
            ):
                return c
    return None
