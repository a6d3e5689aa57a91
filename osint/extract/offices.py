"""Which body of which country a phrase stands for.

A country word is a government ("Seoul said"), but with a body noun it names one of that
country's bodies: "the presidential office" of the country the text speaks of, "the Foreign
Ministry in Seoul", bare "military intelligence" after "Ukraine's special forces", "the Kiev
agency". A role ("Russia's top security official") is the listed person of that country named
right after it.

Example:
    >>> bool(ROLE_DESCRIPTOR.search("Russia's top security official"))
    True
    >>> MINISTRY_IN.search("The Foreign Ministry in ").group("kind")
    'Foreign'
"""

from __future__ import annotations

import re
from functools import lru_cache

from .document import Document
from .forces import FORCES, force_mentions
from .table import Claimant, ClaimantTable

__all__ = [
    "BARE_DEFENCE_MINISTRY",
    "defence_ministry_named_before",
    "group_head",
    "BARE_MILITARY_INTELLIGENCE",
    "CITY_BODY",
    "MINISTRY_IN",
    "ROLE_DESCRIPTOR",
    "country_body",
    "country_government",
    "covers",
    "national_body",
    "person_named_next",
    "presidential_office",
]


def country_government(doc: Document, c: Claimant) -> bool:
    """``c`` is a country's government as a whole ("Seoul", "South Korea"), not one of its bodies."""
    if c.kind != "body" or not c.country:
        return False
    force = doc.forces.get(c.country)
    return force is not None and _lookup(doc.table, force.name) == c


@lru_cache(maxsize=512)
def _lookup(table: ClaimantTable, name: str) -> Claimant | None:
    return table.lookup(name)


def covers(table: ClaimantTable, wide: str, narrow: str) -> bool:
    """Claimant ``wide`` covers ``narrow``: a country's government covers its head of state
    ("Ukraine announced" and then "Zelensky announced" the same capture).

    Example:
        >>> t = ClaimantTable.load()
        >>> covers(t, "Government of Ukraine", "Volodymyr Zelensky"), covers(t, "Volodymyr Zelensky", "Government of Ukraine")
        (True, False)
        >>> covers(t, "Government of Ukraine", "Kyrylo Budanov (Defence Intelligence of Ukraine)")
        False
    """
    a, b = table.named(wide), table.named(narrow)
    if a is None or b is None or a == b or a.is_media or b.is_media or "(unnamed)" in b.claimant:
        return False
    force = FORCES.get(a.country or "")
    # its head of state only: a body or minister of that country gives figures of its own
    return (
        a.kind == "body"
        and force is not None
        and _lookup(table, force.name) == a
        and b.country == a.country
        and b.claimant_type == "head_of_state"
    )


BARE_MILITARY_INTELLIGENCE = frozenset(("military intelligence", "defence intelligence", "defense intelligence"))


CITY_BODY = re.compile(r"[A-Z][\w'’-]+\s+(?:spy\s+|intelligence\s+)?(?:agency|directorate|service)\b")


def national_body(doc: Document, i: int, before: int, noun: str) -> Claimant | None:
    """ "<country adjective> <noun>" for the one country other than the force's named in sentence
    ``i`` before ``before`` or in the sentence before ("Ukraine's special forces ..., while military
    intelligence said": Ukrainian military intelligence)."""
    for j in (i, i - 1):
        if j < 0 or (j < i and not doc.same_context(i, j)):
            break
        codes = {m.code for m in doc.force_mentions(j) if m.code != doc.force and (j < i or m.start < before)}
        if len(codes) == 1:
            return country_body(doc, codes.pop(), noun)
    return None


MINISTRY_IN = re.compile(r"(?i)\b(?P<kind>foreign|defen[cs]e|unification)\s+ministry\s+in\s+$")


ROLE_DESCRIPTOR = re.compile(
    r"(?i)\b(?:official|minister|chief|head|secretary|spokes(?:man|woman|person)|adviser|advisor|commander"
    r"|general|envoy|ambassador|governor)$"
)


def person_named_next(doc: Document, i: int, after: int, role: str, said: Claimant | None) -> Claimant | None:
    """The one listed person of the role's country named after it in the sentence or as the
    subject of the next one, when the role was not resolved to a listed person."""
    if said is not None and said.kind == "person":
        return None
    codes = [m.code for m in force_mentions(role, forces=doc.forces)]
    country = codes[0] if codes else (said.country if said is not None and not said.is_media else None)
    people = set()
    for j in (i, i + 1):
        if j >= len(doc.sentences) or not doc.same_context(j, i):
            break
        s = doc.sentences[j]
        named = {
            m.claimant
            for m in doc.mentions(j)
            if m.claimant.kind == "person"
            and (country is None or m.claimant.country == country)
            and not m.possessive
            and (j > i or m.start >= after)
        }
        subjects = {m.claimant for m in doc.mentions(j) if m.claimant in named and (j == i or m.start - s.start <= 60)}
        # the next sentence's subject; or, for a role of a named country, the one person of that
        # country it names ("citing Ukraine's top military intelligence official. Rep. Yu, who was
        # briefed by Kyrylo Budanov, ...")
        people |= subjects or (named if codes and len(named) == 1 else set())
        if people:
            break
    return people.pop() if len(people) == 1 else None


def presidential_office(doc: Document, i: int, before: int) -> Claimant | None:
    """The presidential office of the one country (other than the force's) named in sentence ``i``
    before ``before``, else in the text's first sentences."""
    for sentences in ([i], range(min(3, len(doc.sentences)))):
        codes = {
            m.code
            for j in sentences
            for m in doc.force_mentions(j)
            if m.code != doc.force and (j != i or m.start < before)
        }
        if len(codes) == 1:
            found = _office_of(doc, codes.pop())
            if found is not None:
                return found
    # "... a fresh assessment from Seoul. A senior official at the presidential office told": the
    # office of the country named last before it, in this sentence or the two before
    for j in range(i, max(-1, i - 3), -1):
        if j < i and not doc.same_context(i, j):
            break
        for m in sorted(doc.force_mentions(j), key=lambda m: -m.start):
            if m.code == doc.force or (j == i and m.start >= before):
                continue
            office = _office_of(doc, m.code)
            if office is not None:
                return office
    # "... a senior official at the presidential office said, a number larger than the projection
    # the National Intelligence Service gave": the country of the listed bodies the text names
    for j in range(i, min(len(doc.sentences), i + 2)):
        for named in doc.mentions(j):
            body = named.claimant
            office = _office_of(doc, body.country) if not body.is_media and body.country != doc.force else None
            if office is not None:
                return office
    return None


def _office_of(doc: Document, code: str | None) -> Claimant | None:
    """The listed presidential office of the country ``code``."""
    return country_body(doc, code, "presidential office")


def country_body(doc: Document, code: str | None, noun: str) -> Claimant | None:
    """The table's row for "<adjective of the country ``code``> <noun>" ("Ukrainian intelligence
    sources", "South Korean foreign ministry"), if the country has an adjective and the row exists."""
    force = doc.forces.get(code or "")
    return doc.table.lookup(f"{force.adjectives[0]} {noun}") if force is not None and force.adjectives else None


BARE_DEFENCE_MINISTRY = re.compile(r"(?i)^(?:the\s+)?(?:ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministry)$")


def defence_ministry_named_before(doc: Document, before: int) -> Claimant | None:
    """ "The Ministry of Defence said" with no country: the listed defence ministry of the last
    country named before it ("British defence intelligence ... the Ministry of Defence")."""
    for m in reversed(force_mentions(doc.text[:before], forces=doc.forces)):
        if m.code == doc.force:
            continue
        found = country_body(doc, m.code, "defence ministry")
        if found is not None:
            return found
    return None


_GROUP_NOUN = re.compile(r"(?i)\b(group|organi[sz]ation|association|network|monitor|centre|center)\b")


def group_head(doc: Document, i: int, raw: Claimant) -> Claimant | None:
    """The listed person who heads an unlisted group the text names ("the head of a defectors'
    group in Seoul said ... Jang said"): one whose table entry names such a group and whose name
    or surname is in this sentence or one of the next two."""
    noun = _GROUP_NOUN.search(raw.claimant)
    if noun is None:
        return None
    near = " ".join(
        doc.text[doc.sentences[j].start : doc.sentences[j].end]
        for j in range(i, min(len(doc.sentences), i + 3))
        if doc.same_context(i, j)
    )
    found = set()
    for person in doc.table.people():
        inside = person.claimant.partition(" (")[2]
        if noun.group(1).lower() not in inside.lower():
            continue
        name = person.claimant.split(" (")[0]
        korean = person.country in ("KR", "KP")
        surname = name.split()[0] if korean else name.split()[-1]
        if re.search(rf"\b(?:{re.escape(name)}|{re.escape(surname)})\b", near):
            found.add(person)
    return found.pop() if len(found) == 1 else None
