"""Who made a claim and when: the attribution of a sentence, its relay, the statement date.

Pronouns and nouns that refer back ("he", "the agency", "the officials", "the same sources",
"the Ukrainian leader") take the speaker named before in the paragraph, else the source the
headline names (title or URL slug: "Blinken: ...", "... - Seoul", "...-nis-says-..."); "the
agency" of a country's government is its one listed intelligence body. A lawmaker relays the
body that briefed the committee; a named speaker claims over their own government or body
("Singh said the United States believes ..."). References across sentences are resolved in
:mod:`.antecedents`, lawmakers' briefings in :mod:`.lawmakers`, a country's bodies in :mod:`.offices`.

Example:
    >>> from .claimants import ClaimantTable
    >>> from .forces import FORCES
    >>> doc = Document("The NIS said 3,000 troops left.", None, None, "KP",
    ...                ClaimantTable.load(), FORCES)
    >>> who(doc, 0, 13).claimant.claimant
    'National Intelligence Service (South Korea)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .antecedents import antecedent_body, chained_speaker, fits_noun, introduced_speaker
from .claimants import Attribution, Claimant, carried_by, relay_phrase
from .dates import DateMention
from .document import Document
from .forces import force_mentions
from .headlines import doc_headline, headline_source, slug_title
from .lawmakers import (
    BRIEFED_GROUP,
    CITING_INTELLIGENCE,
    DEMONYM_COUNTRY,
    LAWMAKERS_OF,
    LEGISLATOR,
    briefer,
    briefing_body,
    is_unlisted_lawmaker,
)
from .offices import (
    BARE_DEFENCE_MINISTRY,
    defence_ministry_named_before,
    group_head,
    BARE_MILITARY_INTELLIGENCE,
    CITY_BODY,
    MINISTRY_IN,
    ROLE_DESCRIPTOR,
    country_body,
    country_government,
    national_body,
    person_named_next,
    presidential_office,
)

__all__ = ["Who", "who", "spokesperson", "dated", "mentions_claimant", "headline_source", "slug_title", "doc_headline"]

_ADOPTS = re.compile(
    r"\b(?:endorsed|endorses|endorse|backed|backs|echoed|echoes|repeated|repeats|accepted|accepts"
    r"|confirmed|confirms|stood\s+by|stands\s+by|reaffirmed|reaffirms)$"
)
_CLAUSE_SPLIT = re.compile(r",\s+(?:while|but|whereas|although|though)\b|;|\bwhile\b")
_TOLD_RELAY = re.compile(
    r"\s+(?:(?:a\s+)?(?:closed-door\s+)?(?:session|meeting|briefing)\s+(?:of|with|for)\s+)?(?P<r>lawmakers|legislators|parliament|MPs"
    r"|members\s+of\s+parliament|the\s+National\s+Assembly|(?:a|the)\s+parliamentary\s+(?:intelligence\s+)?committee)\b"
)


def resolve_attribution(doc: Document, i: int, a: Attribution) -> Claimant | None:
    """The claimant attribution ``a`` of sentence ``i`` stands for: itself when it names one, else
    what its reference ("he", "the agency", "the official", "the same sources") refers to."""
    briefed = BRIEFED_GROUP.match(a.claimant.claimant) if a.claimant.kind == "raw" else None
    if briefed is not None:
        # "citing lawmakers briefed by the agency": the agency (the lawmakers relay it)
        by = briefed.group("by")
        if by.lower().startswith(("the ", "its ", "their ")):
            referred = Attribution(a.start, a.end, Claimant(by, None, "other", "pronoun"), None, "pronoun", by)
            return resolve_attribution(doc, i, referred) or a.claimant
        return doc.table.lookup(by) or a.claimant
    name = a.claimant.claimant.strip()
    if a.claimant.kind == "raw" and doc.table.is_surname(name) and doc.table.surname(name) is None:
        # "Kim said": the one listed Kim the text names, else nobody we know
        return _named_in_text(doc, name)
    if a.claimant.kind != "pronoun":
        return a.claimant
    word = re.sub(r"\s+", " ", a.claimant.claimant.lower())
    if re.match(r"(?:the|their|its) country['’]s ", word):
        # "a South Korean lawmaker said, citing the country's spy agency": the speaker's country's
        word = re.sub(r"^\w+ country['’]s ", "the ", word)
        for x in reversed([x for x in doc.attributions(i) if x.end <= a.start and x.claimant.kind != "pronoun"]):
            codes = [m.code for m in force_mentions(x.claimant.claimant, forces=doc.forces)]
            code = codes[0] if codes else x.claimant.country
            agency = doc.table.spy_agency(code) if code else None
            if agency is not None and word.endswith(_SPY_NOUNS):
                return agency
    kind = (
        "person"
        if word in ("he", "she")
        or word.split()[-1]
        in (
            "president",
            "leader",
            "minister",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "general",
            "governor",
            "official",
            "chief",
            "commander",
            "soldier",
            "prisoner",
            "pow",
        )
        else "body"
    )
    if word.split()[-1] in ("briefing", "session", "meeting", "hearing", "audit"):
        # "another account of the same briefing put ...": the body that gave the briefing
        return briefing_body(doc, i, a.start, resolve_attribution) or antecedent_body(
            doc, i, a.start, resolved_attributions, "agency"
        )
    if word.split()[-1] == "regime":
        # "Pyongyang's own accounting ...: the regime has indicated": the government named before
        for j in range(i, max(-1, i - 3), -1):
            limit = a.start if j == i else doc.sentences[j].end
            found_government = [
                m.claimant for m in doc.mentions(j) if m.end <= limit and country_government(doc, m.claimant)
            ]
            if found_government:
                return found_government[-1]
    if word.split()[-1] in _MEDIA_WORDS:
        # "the newspaper said": an outlet named before, else the outlet of the page
        return doc.antecedent(i, a.start, "media") or doc.outlet
    if word.split()[-1] in ("officials", "sources"):
        # "the officials", "the same sources": the group or body that spoke before
        found = _group_antecedent(doc, i, a.start)
        if found is not None:
            return found
    found = introduced_speaker(doc, i, a.start, word.split()[-1], who) if word.startswith("the ") else None
    found = found or chained_speaker(doc, i, a.start, word, resolved_attributions)
    if found is None and word.split()[-1] not in ("officials", "sources"):
        found = doc.antecedent(i, a.start, kind)  # "the same sources" are never a country or person named before
    if (
        found is not None
        and found.kind == "body"
        and not found.is_media
        and word.split()[-1] in ("agency", "service")
        and not fits_noun(found, word.split()[-1])
    ):
        # "members of the intelligence committee said ... the spy agency's tally": not the committee
        found = antecedent_body(doc, i, a.start, resolved_attributions, word.split()[-1]) or found
    if found is not None and found.is_media and word.split()[-1] in _BODY_NOUNS:
        # "..., according to Yonhap. The spy agency also said": the agency, not the outlet
        found = antecedent_body(doc, i, a.start, resolved_attributions, word.split()[-1])
    if found is not None and found.is_media and word.split()[-1] in _REPORT_NOUNS:
        # "..., Yonhap reported. ..., the assessment said": the body whose assessment the outlet carried
        found = antecedent_body(doc, i, a.start, resolved_attributions) or found
    if found is not None and country_government(doc, found) and word.split()[-1] in _BODY_NOUNS:
        # "North Korea may have sent more, he said, quoting the agency": not North Korea
        found = antecedent_body(doc, i, a.start, resolved_attributions, word.split()[-1]) or doc.table.spy_agency(
            found.country
        )
    if found is not None and (word in _AGENCY_WORDS or word.endswith(_SPY_NOUNS)) and country_government(doc, found):
        # "South Korea said, citing its spy agency": that country's intelligence body
        found = doc.table.spy_agency(found.country) or found
    if found is None and kind == "body" and word.startswith("the "):
        # "Budanov said ... The agency said": the body of the person named before
        person = doc.antecedent(i, a.start, "person")
        found = _body_of(doc, person) if person is not None else None
        if found is not None and not fits_noun(found, word.split()[-1]) and word.split()[-1] in _BODY_NOUNS:
            found = None  # "Kremlin spokesman Dmitry Peskov said ... the agency's statement": not the Kremlin
    if found is None and kind == "body" and word.split()[-1] in _BODY_NOUNS:
        # "the agency's tally ... stands at 3,000, KBS reported. The agency confirmed": the body the
        # earlier sentences resolved their references to
        found = antecedent_body(doc, i, a.start, resolved_attributions, word.split()[-1])
    if found is None and word.split()[-1] in ("official", "spokesman", "spokeswoman", "spokesperson"):
        # "a senior official at the presidential office ... the official added": that office
        found = _group_antecedent(doc, i, a.start)
    if found is None:
        # nothing named before: "he" / "the agency" is the source the headline names
        found = _headline_referent(doc, word, i, kind)
    if found is None and word.split()[-1] in ("officials", "sources"):
        # "the same sources" with nothing before: unnamed sources, not the outlet
        found = Claimant(word.split()[-1], None, "other", "raw")
    return found


_MEDIA_WORDS = frozenset(("outlet", "newspaper", "broadcaster", "broadcast"))
_BODY_NOUNS = frozenset(
    "agency service ministry office department committee institute centre center organization organisation"
    " directorate forces staff".split()
)


# "the report said", "the same assessment puts": what the body named before published
_REPORT_NOUNS = frozenset(("report", "assessment", "study", "analysis"))
_SPY_NOUNS = ("spy agency", "intelligence agency", "intelligence service")
_BARE_INTELLIGENCE = frozenset(
    ("intelligence", "intelligence reports", "intelligence data", "intelligence assessments", "intelligence estimates")
)


_BARE_GROUPS = frozenset(
    (
        "officials",
        "sources",
        "the officials",
        "the sources",
        "the same sources",
        "the same officials",
        "those sources",
        "source",
        "the source",
        "the same source",
        "that source",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    )
)


def _bare_intelligence(doc: Document, atts: list) -> list:
    """ "Seoul said, citing intelligence, ...": the speaker's country's one intelligence body, if
    it has one listed; else the speaker alone ("Zelensky said, citing intelligence")."""
    others = [c for a, c in atts if not (c.kind == "raw" and c.claimant.lower() in _BARE_INTELLIGENCE)]
    spy = doc.table.spy_agency(others[0].country) if others and country_government(doc, others[0]) else None
    out = []
    for a, c in atts:
        if c.kind == "raw" and c.claimant.lower() in _BARE_INTELLIGENCE:
            if spy is None:
                continue
            c = spy
        out.append((a, c))
    return out


_GROUP_END = re.compile(r"(?i)\b(?:sources?|officials?|diplomats?|analysts?|agenc(?:y|ies)|services?)$")
_ROLE = re.compile(r"\b(?:chief|head|director|commander|minister)\b")
_NATIONAL_SOURCES = re.compile(
    r"(?i)^(?:(?:anonymous|unnamed|senior|military)\s+)*(?:intelligence\s+(?:sources|officials)"
    r"(?:\s+(?:in|from)\s+(?P<place>[A-Z][\w.]*(?:\s+[A-Z]\w*)?))?"
    r"|(?:sources|officials)\s+(?:in|within)\s+(?:the\s+|(?P<country>[A-Z][\w.]*(?:\s+[A-Z]\w*)?)['’]s\s+)?"
    r"(?:special|security|intelligence)\s+services)$"
)
_SOURCES_IN_INTELLIGENCE = re.compile(
    r"(?i)^(?:(?:unnamed|anonymous|senior)\s+)*(?:sources?|officials?)\s+(?:in|within|at)\s+(?:the\s+)?"
    r"(?P<adj>Ukrainian|South\s+Korean|US|American|Western)\s+(?:military\s+|defen[cs]e\s+)?intelligence$"
)
_OWN_SOURCES = re.compile(
    r"(?i),\s+(?:relying\s+on|citing|quoting|drawing\s+on)\s+(?:its\s+own\s+|unnamed\s+|anonymous\s+)?"
    r"(?:intelligence|security|military)\s+sources\b"
)
_PLACED_SOURCE = re.compile(r"^(?:[Aa]n?\s+)?[Ss]ources?\s+(?:in|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?$")


def _speaks_for(doc: Document, person: Claimant, body: Claimant) -> bool:
    """``person`` speaks for ``body``: listed under it, or it is their country's government."""
    own = _body_of(doc, person)
    return own is None or own == body or (country_government(doc, body) and body.country == person.country)


def _speaker_of_own_government(doc: Document, i: int, atts: list, a: Attribution, c: Claimant) -> tuple:
    """ "Singh said the United States believes ...", "Healey said UK defence intelligence had
    confirmed ...", "Washington's assessment is ...", "The United States assesses ..., the State
    Department said": the named speaker (person or body) of that government."""
    own = [
        (x, y)
        for x, y in atts
        if x is not a
        and x.how in ("verb", "inverted", "pronoun")
        and (
            y.kind == "person"
            or (y.kind == "body" and not y.is_media and not country_government(doc, y) and country_government(doc, c))
        )
        and (
            (y.country == c.country if country_government(doc, c) else _body_of(doc, y) == c)
            # "Kirby said US intelligence assessed ...": a government speaker citing his country's intelligence
            or (
                y.kind == "person"
                and c.kind == "body"
                and c.claimant_type == "intelligence"
                and y.country == c.country
                and x.end <= a.start
                and not LEGISLATOR.search(y.claimant)
            )
        )
    ]
    if own and (country_government(doc, c) or a.how in ("verb", "possessive")):
        return own[0]
    spoke = any(x.how in ("verb", "raw", "inverted", "pronoun") for x, y in atts if x is not a)
    if not own and not spoke and a.how == "possessive" and country_government(doc, c):
        # "Washington's assessment is ...": a person of that government who spoke just before (not
        # when someone else in the sentence gives the estimate: "Yu said Kyiv's estimate stood at")
        for j in range(i - 1, max(-1, i - 3), -1):
            if not doc.same_context(i, j):
                break
            people = [
                (x, x.claimant)
                for x in doc.attributions(j)
                if x.claimant.kind == "person" and x.claimant.country == c.country and x.how != "citing"
            ]
            if people:
                return people[-1]
    return a, c


def _body_of(doc: Document, person: Claimant) -> Claimant | None:
    """The listed body a listed person speaks for ("Kyrylo Budanov (Defence Intelligence of Ukraine)")."""
    inside = person.claimant.partition(" (")[2].rstrip(")")
    # the body its name opens with ("Kremlin spokesman"), not a country named after an unlisted
    # body ("Centre for Countering Disinformation, Ukraine")
    found = doc.table.mentions(inside) if inside else []
    body = found[0].claimant if found and found[0].start == 0 else None
    return body if body is not None and body.kind == "body" else None


def spokesperson(doc: Document, i: int, body: Claimant) -> Claimant | None:
    """The listed person of ``body`` who speaks in sentence ``i`` or one of the next two, in
    the same paragraph or the next ("the Pentagon said Monday. ... Deputy press secretary
    Sabrina Singh said ..."): the ledger names the person who gave the figure, as its
    annotators do."""
    if body.kind != "body" or body.is_media:
        return None
    for j in (i, i + 1, i + 2):
        if j >= len(doc.sentences) or (j > i and doc.sentences[j].paragraph - doc.sentences[i].paragraph > 1):
            break
        people = {
            x.claimant for x in doc.attributions(j) if x.claimant.kind == "person" and _body_of(doc, x.claimant) == body
        }
        people |= {
            m.claimant
            for m in doc.mentions(j)
            if m.claimant.kind == "person"
            and not m.possessive
            and _body_of(doc, m.claimant) == body
            # in the next sentence, only its subject: "Deputy Pentagon press secretary Sabrina Singh declined ..."
            and (j == i or m.start - doc.sentences[j].start <= 60)
        }
        if len(people) == 1:
            return people.pop()
    return None


def _group_antecedent(doc: Document, i: int, before: int, back: int = 6) -> Claimant | None:
    """What "the officials" / "the same sources" at ``before`` in sentence ``i`` refer to.

    The last speaker before it in the same paragraph or the one before: a group named with
    its modifiers ("Western officials"), a listed body, or the body of a listed person.
    """
    for j in range(i, max(-1, i - back), -1):
        if j < i and doc.sentences[i].paragraph - doc.sentences[j].paragraph > 1:
            break
        limit = before if j == i else doc.sentences[j].end
        found: list[Claimant] = []
        for a in doc.attributions(j):
            said = a.claimant
            if a.end > limit or said.kind == "pronoun":
                continue
            if said.claimant.lower() in _BARE_GROUPS:
                # "sources told Reuters ... the same sources said": that bare group, not an earlier speaker
                found.append(said)
                continue
            if j == i and a.how == "citing":
                continue  # "Citing assessments ..., the official said": the source cited is not the official
            body = (
                _body_of(doc, said) if said.kind == "person" else _named_body(doc, said) if said.kind == "raw" else said
            )
            whole = [m for m in doc.table.mentions(said.claimant) if m.start == 0 and m.end == len(said.claimant)]
            if said.kind == "raw" and whole:
                body = whole[0].claimant  # "citing South Korean, Ukrainian and Western sources": the ledger's row
            if body is not None and body.kind == "raw" and j < i:
                # "The Kyiv Post reported, quoting intelligence sources ... the sources were quoted as
                # saying": those sources as their own sentence resolved them (Ukrainian, from the outlet)
                earlier = who(doc, j, a.start + 1)
                body = earlier.claimant if earlier is not None and earlier.claimant is not None else body
            if body is not None:
                found.append(body)
        if found:
            return found[-1]
    return None


_OWN_REPORTS = re.compile(
    r"(?i)citing\s+(?:\w+\s+)?(?:reports?|information|data|figures|assessments?)\s+(?:from|of|by)\b"
)


def _own_source(speaker: Claimant, citing: Attribution, source: Claimant) -> bool:
    """What a listed speaker cites is his own source, and the claim stays his: an unnamed one ("the
    agency said, citing an allied intelligence service"), or his own country's bodies' reports
    ("Zelensky said ..., citing reports from the Defence Intelligence of Ukraine")."""
    if speaker.is_media or speaker.kind not in ("person", "body"):
        return False
    if source.kind == "raw" and _INDEFINITE.match(source.claimant):
        return True
    return (
        speaker.kind == "person"
        and not LEGISLATOR.search(speaker.claimant)
        and source.kind == "body"
        and source.country == speaker.country
        and _OWN_REPORTS.match(citing.text) is not None
    )


_SUBORDINATE = re.compile(r",\s+(?:as|while|when|whereas|after|before|but|although)\s")
_INDEFINITE = re.compile(
    r"(?i)(?:an?|one|another|some|unnamed|anonymous|assessments?|estimates?|reports?|intelligence|data|information)\s"
)
_AGENCY_WORDS = frozenset(
    (
        "the agency",
        "the spy agency",
        "the intelligence agency",
        "the service",
        "the directorate",
        "the intelligence directorate",
    )
)


def _headline_referent(doc: Document, word: str, i: int | None = None, kind: str = "body") -> Claimant | None:
    """What a pronoun with no antecedent in the text refers to: the headline's source.

    "The agency" under a headline naming a government ("South Korea says ...") or only
    naming one country with one listed intelligence body is that body; "it" is not a person.
    """
    head = doc_headline(doc)
    if word in _AGENCY_WORDS:
        if head is not None and head.claimant_type == "intelligence" and head.kind == "body":
            return head
        countries = [head.country] if head is not None and head.kind == "body" else []
        if not countries:
            # "Seoul's intelligence service on ...": the one agency of the countries the title names
            title = doc.memo.get("title") or slug_title(doc.source_url) or ""
            named = (m.claimant.country for m in doc.table.mentions(title) if not m.claimant.is_media)
            countries = list(dict.fromkeys(c for c in named if c and c != doc.force))
            agencies = {a for a in (doc.table.spy_agency(c) for c in countries) if a is not None}
            if len(agencies) == 1:
                return agencies.pop()
            countries = []
        if not countries and i is not None:
            # "a South Korean lawmaker said, citing the spy agency": the sentence's country
            named = (m.code for m in doc.force_mentions(i))
            countries = list(dict.fromkeys(c for c in named if c != doc.force))
        agencies = {a for a in (doc.table.spy_agency(c) for c in countries) if a is not None}
        if len(agencies) == 1:
            return agencies.pop()
        # "the agency" with no antecedent near it: the intelligence body named last before it
        for j in range(i - 1 if i is not None else -1, -1, -1):
            for m in reversed(doc.mentions(j)):
                c = m.claimant
                if c.claimant_type == "intelligence" and c.kind == "body" and "(unnamed)" not in c.claimant:
                    return c
        # "..., spy agency says" over a text that names one intelligence body: that body
        named_bodies = {
            m.claimant
            for j in range(len(doc.sentences))
            for m in doc.mentions(j)
            if m.claimant.claimant_type == "intelligence"
            and m.claimant.kind == "body"
            and "(unnamed)" not in m.claimant.claimant
        }
        return named_bodies.pop() if len(named_bodies) == 1 else None
    if head is not None and head.kind == "person" and kind != "person":
        return None  # "it said": a body, not the person of the headline
    return head


@dataclass
class Who:
    claimant: Claimant | None
    relay: str | None
    text: str | None
    why: str
    verb_pos: int | None = None
    how: str | None = None


def resolved_attributions(doc: Document, i: int) -> list:
    """The attributions of sentence ``i`` with their claimants resolved, computed once."""
    key = ("resolved", i)
    if key not in doc.memo:
        doc.memo[key] = [(a, resolve_attribution(doc, i, a)) for a in doc.attributions(i)]
    return doc.memo[key]


def who(doc: Document, i: int, pos: int) -> Who | None:
    """The claimant of a claim at ``pos`` in sentence ``i`` from this sentence alone."""
    atts = resolved_attributions(doc, i)
    atts = [(a, c) for a, c in atts if c is not None]
    if any(c.kind == "raw" and c.claimant.lower() in _BARE_INTELLIGENCE for a, c in atts):
        atts = _bare_intelligence(doc, atts)
    if any(a.how == "citing" and c.kind == "raw" for a, c in atts):
        speakers = [c for a, c in atts if a.how != "citing" and c.kind in ("person", "body") and not c.is_media]
        if speakers:
            # "Zelensky, citing preliminary figures from his commander, wrote": Zelensky claims
            atts = [
                (a, c)
                for a, c in atts
                if not (a.how == "citing" and c.kind == "raw" and not _GROUP_END.search(c.claimant))
            ]
    if not atts:
        return None
    # a speaker whose own description holds the figure ("One of two soldiers captured ... told") does
    # not give that figure
    atts = [(a, c) for a, c in atts if not (a.how in ("verb", "raw") and a.start <= pos < a.end)] or atts
    before = [(a, c) for a, c in atts if a.start < pos]
    after = [(a, c) for a, c in atts if a.start >= pos]
    a, c = before[-1] if before else after[0]
    if a.how == "possessive" and len(before) > 1:
        # "the spokeswoman backed the White House figure of ...": who adopts a figure claims it
        v, y = before[-2]
        if v.end <= a.start and _ADOPTS.search(v.text) and not _CLAUSE_SPLIT.search(doc.text, v.end, a.start):
            a, c = v, y
    if a.how == "possessive" and c.country == doc.force and country_government(doc, c):
        # "the NIS said it expected North Korea's troop numbers to reach 10,900": the numbers of
        # its troops, not North Korea's claim
        spoke = [(x, y) for x, y in before[:-1] if x.how in ("verb", "pronoun", "raw", "inverted")]
        if spoke:
            a, c = spoke[-1]
    relay = a.relay
    if c.kind == "raw":
        c = (_group_antecedent(doc, i, a.start) if c.claimant.lower() in _BARE_GROUPS else None) or _named_body(doc, c)
        if c.kind == "raw" and "presidential office" in c.claimant.lower():
            c = presidential_office(doc, i, a.end) or c  # "In Seoul, an official at the presidential office said"
        if c.kind == "raw":
            c = group_head(doc, i, c) or c
        if c.kind == "raw" and BARE_DEFENCE_MINISTRY.match(c.claimant):
            c = defence_ministry_named_before(doc, a.start) or c
    cited = [
        (x, y)
        for x, y in atts
        # "Yonhap's account, which also cited Rep. Lee, quoted the agency as ...": a lawmaker cited relays
        if x.how == "citing" and not (y is not None and y.kind == "person" and LEGISLATOR.search(y.claimant) and y != c)
    ]
    if a.how == "citing" and c.kind == "raw" and _INDEFINITE.match(c.claimant):
        # "the NIS said on Dec. 27, citing an allied agency, that ...": the listed speaker's own source
        spoke = [(x, y) for x, y in before[:-1] if x.how in ("verb", "pronoun") and y.kind in ("person", "body")]
        if spoke and not spoke[-1][1].is_media:
            a, c = spoke[-1]
    if cited and cited[0][0] is not a and _own_source(c, *cited[0]):
        cited = []
    if cited and (cited[0][0] is not a):
        relay = (
            c.claimant if c is not cited[0][1] else relay_phrase(doc.text, doc.sentences[i].start, cited[0][0].start)
        )
        a, c = cited[0]
    elif cited:
        relay = a.relay or relay_phrase(doc.text, doc.sentences[i].start, a.start)
        speaker = [y for x, y in before[:-1] if x.how in ("verb", "raw") and x.end <= a.start and y != c]
        if relay is None and speaker:
            relay = speaker[-1].claimant  # "a South Korean lawmaker said, citing the spy agency"
    if c.is_media:
        others = [
            (x, y)
            for x, y in atts
            if not y.is_media
            # "..., LBC said, as Kyiv warned of more to come": another clause's speaker
            and not _SUBORDINATE.search(doc.text, min(a.end, x.end), max(a.start, x.start))
        ]
        if others:
            relay = c.claimant
            a, c = min(others, key=lambda xy: abs(xy[0].start - pos))
    elif relay is None:
        media = [y for x, y in atts if y.is_media and y != c]
        if media:
            relay = media[0].claimant
    if c.kind == "body":
        persons = [
            (x, y)
            for x, y in atts
            if y.kind == "person" and x.how in ("according_to", "inverted") and not LEGISLATOR.search(y.claimant)
        ]  # "according to Rep. Park, the spy agency believes ...": the lawmaker relays, he does not speak for it
        if persons and _speaks_for(doc, persons[0][1], c):
            a, c = persons[0]
        elif persons and relay is None:
            relay = persons[0][1].claimant  # "according to lawmaker Lee, the agency said"
    a, c = _speaker_of_own_government(doc, i, atts, a, c)
    if c.kind == "raw" and c.claimant.lower() in BARE_MILITARY_INTELLIGENCE:
        # "Ukraine's special forces reported ..., while military intelligence said": that country's
        c = national_body(doc, i, a.start, "military intelligence") or c
    city_body = CITY_BODY.match(a.text) if country_government(doc, c) else None
    if city_body is not None:
        # "the Kiev agency alleged": the agency of that country named before, not its government
        c = antecedent_body(doc, i, a.start, resolved_attributions, "agency") or doc.table.spy_agency(c.country) or c
    placed_ministry = (
        MINISTRY_IN.search(doc.text, max(0, a.start - 40), a.start) if country_government(doc, c) else None
    )
    if placed_ministry is not None:
        # "The Foreign Ministry in Seoul said": that country's ministry, not its government
        kind = placed_ministry.group("kind").lower().replace("defense", "defence")
        c = country_body(doc, c.country, f"{kind} ministry") or c
    if a.how == "verb" and c.kind == "body" and _ROLE.search(a.text):
        # "Ukraine's intelligence chief told ...": the head of the body named before
        person = doc.antecedent(i, a.start, "person")
        if person is not None and _body_of(doc, person) == c:
            c = person
    unlisted_lawmaker = c.kind == "raw" and is_unlisted_lawmaker(doc, c.claimant)
    if (
        (c.kind == "person" and LEGISLATOR.search(c.claimant))
        or (c.kind == "raw" and re.search(r"(?i)\b(?:lawmakers?|legislators?|mps?|parliamentarians?)$", c.claimant))
        or unlisted_lawmaker
    ):
        # a lawmaker relays the body that briefed the committee, or the person who briefed him
        source = (briefer(doc, i, a.end, resolved_attributions) if unlisted_lawmaker else None) or briefing_body(
            doc, i, a.start, resolve_attribution
        )
        if source is None and CITING_INTELLIGENCE.match(doc.text, a.end, doc.sentences[i].end):
            # "South Korean lawmakers said, citing intelligence": their country's intelligence body
            country = LAWMAKERS_OF.match(c.claimant)
            code = DEMONYM_COUNTRY.get(country.group(1).lower()) if country else c.country
            source = doc.table.spy_agency(code) if code else None
        if source is not None:
            relay, c = c.claimant, source
    told_outlets = (
        [m.claimant for m in doc.mentions(i) if m.claimant.is_media and 0 <= m.start - a.end <= 6]
        if relay is None and c.kind == "raw" and re.search(r"\btold$", a.text)
        else []
    )  # "intelligence officials told the Kyiv Post": the outlet's country's officials
    outlet = (
        (doc.table.lookup(relay) if relay else (told_outlets[0] if told_outlets else None)) if c.kind == "raw" else None
    )
    national = _NATIONAL_SOURCES.match(c.claimant) if c.kind == "raw" else None
    if national and (national.group("country") or national.group("place") or (outlet is not None and outlet.is_media)):
        # "Ukrainska Pravda, citing intelligence sources": the outlet's country's sources;
        # "intelligence officials in Kyiv": Ukraine's
        named = force_mentions(national.group("country") or national.group("place") or "", forces=doc.forces)
        code = named[0].code if named else (outlet.country if outlet else None)
        listed = country_body(doc, code, "intelligence sources")
        if listed is not None and listed.kind == "body" and "(unnamed)" in listed.claimant:
            c = listed
    if c.is_media and a.how == "verb" and _OWN_SOURCES.search(a.text):
        # "Suspilne, relying on intelligence sources of its own, reported": those sources, relayed
        listed = country_body(doc, c.country, "intelligence sources")
        if listed is not None and "(unnamed)" in listed.claimant:
            relay, c = c.claimant, listed
    if c.kind == "raw" and outlet is not None and outlet.is_media and _PLACED_SOURCE.match(c.claimant):
        relay, c = None, outlet  # "Daily NK reported, citing a source in Russia": the outlet's own source
    if relay is None and a.how in ("verb", "pronoun") and re.search(r"\b(?:told|briefed|tells|informed)$", a.text):
        told = _TOLD_RELAY.match(doc.text, a.end)
        if told:
            relay = told.group("r")
        else:
            media = [m for m in doc.mentions(i) if m.claimant.is_media and 0 <= m.start - a.end <= 6]
            if media:
                relay = media[0].claimant.claimant
    if ROLE_DESCRIPTOR.search(a.claimant.claimant) and (
        a.claimant.kind == "raw" or (a.claimant.kind == "pronoun" and (c is None or c.is_media))
    ):
        # "Russia's top security official said ... Sergei Shoigu, secretary of Russia's Security
        # Council, made the announcement": the person the role describes, named next
        described = person_named_next(doc, i, a.end, a.claimant.claimant, c)
        if described is not None:
            c = described
    if relay is None:
        s = doc.sentences[i]
        outlet = carried_by(doc.text, s.start, s.end, doc.mentions(i))
        if outlet is not None and outlet != c:
            relay = outlet.claimant
    return Who(c, relay, a.text, f"claimant: {a.how} '{a.text}'", a.end, a.how)


_POSSESSOR = re.compile(r"^(?:(?:an?|the)\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?['’]s)\s+(?=[A-Z])")
_SPOKESPEOPLE = re.compile(
    r"(?i)\b(?:sources?|officials?|spokes(?:man|woman|person)|representatives?|officers?"
    r"|analysts?|assessments?|estimates?|analysis|reports?|data)$"
)


_PEOPLE_OF = re.compile(
    r"(?i)^(?:an?\s+|the\s+)?(?:\w+\s+)?(?:sources?|officials?|officers?|representatives?|analysts?|experts?|researchers?)"
    r"\s+(?:in|at|from|within|of|close\s+to)\s+"
)


def _named_body(doc: Document, c: Claimant) -> Claimant:
    """An unlisted speaker read from text, tied to the body it names where it names one.

    "A HUR source" speaks for the HUR; "Ukraine's National Resistance Center" is the
    "National Resistance Center".
    """
    name = c.claimant
    placed = _SOURCES_IN_INTELLIGENCE.match(name)
    if placed:
        # "unnamed sources in Ukrainian intelligence": that country's unnamed intelligence sources
        listed = doc.table.lookup(f"{placed.group('adj')} intelligence sources")
        if listed is not None and "(unnamed)" in listed.claimant:
            return listed
    if _NATIONAL_SOURCES.match(name):
        return c  # "sources in Ukraine's special services": that country's unnamed sources, decided later
    person = doc.table.surname(name) if " " not in name.strip() else None
    if person is None and re.fullmatch(r"[A-Z][\w'’-]+", name.strip()):
        person = _named_in_text(doc, name.strip())  # "Lee said" after "Rep. Lee Seong-kweun"
    if person is not None:
        return person  # "Skibitskyi" after "Vadym Skibitskyi"
    inside = [m for m in doc.table.mentions(name) if not m.claimant.is_media and m.claimant.kind == "body"]
    if _PLACED_SOURCE.match(name) or re.search(r"(?i)\b(?:analysts?|experts?|researchers?)\b", name):
        # "a source in Russia", "analysts in Kyiv": placed there, not speaking for its government
        inside = [m for m in inside if not country_government(doc, m.claimant)]
    if inside and (_SPOKESPEOPLE.search(name) or _PEOPLE_OF.match(name)):
        return inside[-1].claimant
    owner = _POSSESSOR.match(name)
    if owner and len(name) > owner.end():
        rest = name[owner.end() :]
        person = doc.table.surname(rest) if " " not in rest.strip() else None
        if person is not None:
            return person  # "HUR's Skibitskyi"
        return Claimant(rest, c.country, c.claimant_type, c.kind)
    nation = force_mentions(name, forces=doc.forces)
    if len(nation) == 1 and nation[0].kind == "adjective" and nation[0].start == 0 and nation[0].end == len(name):
        # "a South Korean estimate": the country's government
        government = doc.table.lookup(doc.forces[nation[0].code].name)
        if government is not None and government.claimant_type == "government":
            return government
    if _OUTLET_WORDS.search(name) and doc.outlet is not None and doc.outlet.is_media:
        return doc.outlet  # "the state outlet said" in the outlet's own copy
    return c


def _named_in_text(doc: Document, surname: str) -> Claimant | None:
    """The one listed person of the text whose name has this word ("Lee" after "Lee Seong-kweun"),
    when a surname alone is ambiguous in the table."""
    key = ("surname", surname)
    if key not in doc.memo:
        found = {
            m.claimant
            for j in range(len(doc.sentences))
            for m in doc.mentions(j)
            if m.claimant.kind == "person" and surname in re.findall(r"[\w'’-]+", m.claimant.claimant.split(" (")[0])
        }
        doc.memo[key] = found.pop() if len(found) == 1 else None
    return doc.memo[key]


_OUTLET_WORDS = re.compile(
    r"(?i)^(?:(?:the|a|an|this|[A-Z][\w-]*|state|state-run|state-owned|official|news)\s+)*"
    r"(?:outlet|newspaper|broadcaster|news\s+agency|tabloid|daily|channel|website|news\s+site)$"
)


def dated(doc: Document, i: int, who: Who | None) -> DateMention | None:
    """A statement date in sentence ``i``: the one nearest the reporting verb, in its clause.

    A bare month ("in late February") counts only right after the verb or at the head of
    the sentence; otherwise it more likely dates the event than the statement.
    """
    text = doc.text
    s = doc.sentences[i]
    verb = who.verb_pos if who is not None else None
    found = []
    for d in doc.dates(i):
        if verb is not None:
            lo, hi = sorted((d.start, verb))
            if _CLAUSE_SPLIT.search(text, lo, hi):
                continue
            if d.start > verb + 25:
                continue  # far inside the reported clause: it dates the event, not the statement
        if d.loose:
            at_head = not text[s.start : d.start].strip(" ,")
            after_verb = (
                verb is not None
                and d.start >= verb
                and not text[verb : d.start].strip()
                and who is not None
                and who.how in ("verb", "pronoun", "raw")
            )
            if not (at_head or after_verb):
                continue
        found.append(d)
    if not found:
        return None
    if verb is not None:
        return min(found, key=lambda d: abs(d.start - verb))
    return found[0]


def mentions_claimant(doc: Document, j: int, claimant: Claimant | None) -> bool:
    if claimant is None:
        return False
    return any(m.claimant == claimant for m in doc.mentions(j))
