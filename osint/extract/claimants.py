"""Who makes a claim: attributions in a sentence, over the claimant table of :mod:`.table`.

The table (``data/claimants.csv``, re-exported here) maps names and aliases to a normalized
claimant. Attributions are read from the grammar of reporting: "X said",
"said X", "according to X", "X told", "X estimated", "..., X saying", and relays from
"citing X", "briefed by X", "quoting X", "after an X briefing", "sources cited by X" (the
cited party is the claimant, the other the relay). Nominal attributions count too ("an NIS
assessment puts ...", "the Pentagon's earlier estimate", "by the reckoning of X"). Unlisted
speakers keep their modifiers ("Senior Western security officials", "South Korean, Ukrainian
and Western sources", "the head of a Seoul-based group"), and a city after a speaker only
places it ("military analysts in Kyiv", "the JCS in Seoul"). "he said" / "it said" / "the
agency" / "the officials" point back (see :mod:`.speakers`).

Example:
    >>> table = ClaimantTable.load()
    >>> table.lookup("the NIS").claimant
    'National Intelligence Service (South Korea)'
"""

from __future__ import annotations

import re

from .reporting_forms import reporting_forms
from .source_groups import (
    CITED_GROUP_WHO,
    GROUP_WHO,
    LEARNED_FROM,
    PLACED_GROUP,
    QUOTED_AS,
    SOURCES_FROM_PLACES,
    SOURCES_IN_BEFORE,
    SPOKE_TO,
)
from .reporting_verbs import ACCORDING, ACCORDING_ASIDE, SPEECH
from .evidence import BARE_EVIDENCE, EVIDENCE, EVIDENCE_SUBJECT, OWN_SOURCE, RELAYED_BY
from .table import DEFAULT_TABLE, Attribution, Claimant, ClaimantTable, Mention, is_acronym as _is_acronym
from .joint_sources import PLACE_NAME as _PLACE_NAME
from .joint_sources import RAW_JOINT as _RAW_JOINT
from .joint_sources import joint_source_name

__all__ = ["Claimant", "ClaimantTable", "Attribution", "Mention", "DEFAULT_TABLE"]

# ... participial ("..., saying", "..., adding"): the subject is the main clause's.
_PARTICIPLE = (
    r"saying|adding|noting|warning|claiming|estimating|stating|telling|citing\s+(?!\w+\s+(?:sources|officials))"
)
# Words allowed between a subject and its verb: "The NIS on Friday said", "Kirby also said".
_SUBJECT_GAP = re.compile(
    r"^(?:\s+(?:agency|service|ministry|office|department|spokesman|spokeswoman|spokesperson|military"
    r"|chief|head|official|officials|analysts|commander|command|staff|intelligence|minister"
    r"|government|authorities|director|officers|sources|team|report|researchers|experts|satellite"
    r"|images?|imagery|assessments?|estimates?|analysis|data|figures|photos?|press)(?:['’]s)?)*"
    r"(?:\s*\([^()]{0,60}\))?(?:\s*,[^,;]{0,120},(?:\s+(?:speaking|writing|addressing|appearing)\b[^,;]{0,120},)?"
    r"|\s*,\s+(?:speaking|writing|addressing|appearing)\b[^;]{0,150}?,)?"
    r"(?:\s*,?\s*(?:which|who))?"
    r"(?:\s+(?:has|have|had|also|previously|earlier|later|again|reportedly|further|publicly"
    r"|officially|separately|then|had|now|already|recently|would|will|did|does|do|is|was|are|were"
    r"|had\s+previously|on\s+\w+(?:\s+\d{1,2})?|in\s+(?:an?\s+|its\s+|his\s+|her\s+)?(?:statement|interview|briefing|report|speech|post|address)"
    r"|last\s+\w+|this\s+\w+|earlier\s+this\s+\w+|on\s+[A-Z][a-z]+\.?\s+\d{1,2}|in\s+[A-Z]\w+|once\s+again"
    r"|first|formally|openly|privately|repeatedly|initially|originally|broadly|jointly|likewise|too"
    r"|itself|themselves|himself|herself|there|here))*\s*$"
)
_NOUN_USE = re.compile(
    r"(?:['’]s|(?<=s)['’]|\b(?:the|a|an|his|her|its|their|these|those|such|of|our|my|your))\s+$", re.IGNORECASE
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?$")
_VERB = re.compile(rf"\b(?:{SPEECH})\b")
_VERB_PART = re.compile(rf"(?:,|\band)\s+(?:{_PARTICIPLE})\b")
# "the Pentagon's estimate of ...": the possessor is the source.
_POSSESSED = re.compile(
    r"\s+(?:own\s+)?(?:(?:acknowledged|admitted|declared|announced)\s+(?:losses|casualties|dead|death\s+toll)\b|"
    r"(?:(?:latest|new|own|updated|official|revised|earlier|previous|initial|current|final|last|first|most\s+recent)\s+)?"
    r"(?:(?:casualty|troop|death|loss|deployment)\s+)?(?:estimates?|assessments?|figures?|counts?|tally|tallies|reports?|statements?|claims?|data|findings|calculations?|reckoning|accounting|account|analysis|numbers)\b"
    # "could not confirm Zelensky's warning that ... up to 100,000": the content is his claim
    r"|(?:(?:earlier|recent|latest)\s+)?(?:warnings?|remarks?|predictions?|forecasts?|projections?|assertions?"
    r"|allegations?|announcements?|disclosures?)(?:\s+(?:in|on|last)\s+\w+)?(?:\s*,[^,;]{3,90},)?\s+(?:that|of)\b)"
)
_TOLD_VERBS = frozenset(("told", "tells", "tell", "briefed", "briefs", "informed", "informs"))
# ", who spoke on condition of anonymity, " (or ", known as HUR, ") between a subject and its verb
_RELATIVE_ASIDE = re.compile(
    r"\s*,\s+(?:(?:who|which)\s+[^,;.]{3,120}?|(?:also\s+)?(?:known|called)\s+as\s+[^,;.]{2,40}?),\s*$"
)
_PRONOUN = re.compile(
    r"\b(?P<p>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+(?:(?:[A-Z][a-z]+|[A-Z][\w.]*-based|[a-z]+-(?:based|run|owned))\s+){0,2}"
    r"(?:(?:human\s+rights|rights|research|monitoring|database|watchdog|defectors['’]?|advocacy|policy)\s+){0,3}"
    r"(?:agency|spy\s+agency|ministry|service|intelligence\s+agency"
    r"|office|department|alliance|president|leader|minister|spokesman|spokeswoman|spokesperson"
    r"|general|governor|official|organization|organisation|government|military|army|outlet"
    r"|newspaper|broadcaster|broadcast|committee|group|institute|think\s+tank|centre|center|chief|commander|regime"
    r"|directorate|special\s+forces|special\s+operations\s+forces|general\s+staff"
    r"|officials|(?:same\s+)?sources|same\s+officials|(?:captured\s+|detained\s+)?(?:soldier|prisoner|POW)"
    r"|(?:same\s+|new\s+|latest\s+)?(?:report|assessment|study|analysis)))"
    r"\s+(?:(?:also|further|then|later|had|has|have|previously|added|now|currently|still|already|on\s+\w+)\s+)*"
)
_PRONOUN_NP = re.compile(
    r"(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]he\s+country['’]s|[Tt]heir\s+country['’]s)\s+(?:spy\s+|intelligence\s+|defen[cs]e\s+|foreign\s+)?(?:agency|ministry|service|office|department"
    r"|alliance|government|military|army|committee|institute|think\s+tank|centre|center|regime|directorate"
    r"|chief|head|minister|commander|spokesman|spokeswoman|spokesperson|force|unit|official|(?:same\s+)?sources)\b"  # "the force's press service"
)
_CARRIED_BY = re.compile(
    r"\b(?:carried|published|released|relayed|broadcast|run)\s+by\s+(?:the\s+)?(?:state\s+(?:media|news\s+agency)\s+)?"
)


def carried_by(text: str, start: int, end: int, mentions: list[Mention]) -> Claimant | None:
    """The outlet that carried a statement ("in a statement carried by KCNA"), if named."""
    for m in _CARRIED_BY.finditer(text, start, end):
        for x in mentions:
            if m.end() <= x.start <= m.end() + 30:
                return x.claimant
    return None


# An unlisted subject: a run of capitalized words right before the verb.
_RAW_NAME = re.compile(
    r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|for|the|and|de|al)\s+)*){0,5}[A-Z][\w.'’-]*)\s*(?:\([^()]{1,40}\))?"
    r"(?:\s*,[^,;]{0,90},)?(?:\s+(?:has|have|had|also|on\s+\w+))*\s*$"
)
# An unlisted group as subject, with its modifiers: "Western officials say", "senior military
# analysts said", "South Korean, Ukrainian and Western sources said".
_JOINT_NAMES = r"(?:(?:(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*,\s+)*(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*,?\s+and\s+(?:its\s+|their\s+)?)?"
_GROUP_MODIFIER = (
    r"(?:[Ss]enior|[Mm]ilitary|[Ii]ntelligence|[Dd]efen[cs]e|[Ss]ecurity|[Gg]overnment|[Aa]dministration|[Dd]iplomatic"
    r"|[Ww]estern|[Ee]uropean|[Aa]llied|[Ii]ndependent|[Uu]nnamed|[Aa]nonymous|[Uu]nidentified|[Ff]oreign|[Tt]op"
    r"|[Hh]igh-ranking|[Ff]ormer|[Oo]ther|[Ss]everal|[Rr]egional|[Ll]ocal|[A-Z][\w.'’-]*)"
)
_GROUP_HEAD = (
    r"(?:officials?|sources?|analysts?|diplomats?|experts?|researchers?|observers?|lawmakers?|legislators?"
    r"|soldiers|servicemen|commanders|officers|allies|partners|(?:intelligence\s+)?(?:agencies|services))"
)
_GROUP_SUBJECT = re.compile(
    rf"(?<![\w-])({_JOINT_NAMES}(?:(?:{_GROUP_MODIFIER}\s+){{0,4}}(?:{_GROUP_HEAD}\s+and\s+)?{_GROUP_HEAD}"
    rf"|(?:{_GROUP_MODIFIER}\s+){{1,3}}(?:intelligence|estimates|assessments)))"
    r"(?:\s+(?:have|has|had|also|now|on\s+\w+))*\s*$"
)
# A role of an unlisted body as subject: "a defectors' group head said", "the rights group's director".
_ROLE_SUBJECT = re.compile(
    r"(?<![\w-])((?:(?:[A-Z][\w.'’-]*|[a-z]+s['’]|group(?:['’]s)?|rights|advocacy|activist|research|opposition|civic"
    r"|monitoring|veterans)\s+){1,3}(?:head|chief|leader|director|founder|spokes(?:man|woman|person)|representative"
    r"|envoy|ambassador|group|organi[sz]ation|association|network|monitor))(?:\s+(?:has|have|had|also|on\s+\w+))*\s*$"
)
# "The head of a Seoul-based group of defectors said"
_ROLE_OF = re.compile(
    r"(?<![\w-])((?:[Tt]he\s+|[Aa]\s+)?(?:head|chief|leader|director|founder|spokes(?:man|woman|person)|representative)"
    r"\s+of\s+(?:an?\s+|the\s+)?[^,;:.]{3,60}?"
    # "a senior official at the presidential office"
    r"|(?:[Tt]he\s+|[Aa]n?\s+)?(?:senior\s+|top\s+|high-ranking\s+)?(?:official|aide)\s+(?:at|of|in|from)\s+the\s+"
    r"(?:presidential|president['’]s)\s+office)(?:\s+(?:has|have|had|also))*\s*$"
)
# An unlisted speaker placed somewhere: "military analysts in Kyiv said" (not Ukraine's government).
_GROUP_IN = re.compile(
    rf"(?<![\w-])((?:{_GROUP_MODIFIER}\s+){{0,3}}(?:analysts?|experts?|researchers?|observers?|diplomats?|correspondents?"
    r"|activists?|envoys?|ambassadors?|groups?|monitors?|sources?)\s+(?:in|at|from|based\s+in)\s+(?:the\s+)?)$"
)
_ARTICLES = frozenset("The A An the Some Many Two Three Four Five Several".split())
# An unlisted source after "according to": the noun phrase up to the clause end.
_RAW_AFTER = re.compile(
    r"((?:an?\s+|the\s+)?(?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)(?=\s*(?:[,.;:]|$|\s+(?:that|who|which|said|says|as\s+saying|and\s+the)\b))"
)
_NOT_NAMES = frozenset(
    "The A An It He She They This That These Those But And In On At As If When While Since "
    "However Meanwhile Also Separately Earlier Later Last Yet So Still Now Officials Analysts "
    "Experts Sources Reports Lawmakers Observers Critics Many Some Both January February March April May "
    "June July August September October November December Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Mr. Ms. Mrs. Dr. Mr Ms Mrs Dr We I Our".split()
)
_GENERIC_RELAY = re.compile(
    r"\b(?:lawmakers|legislators|MPs|members\s+of\s+parliament|a\s+lawmaker|officials|reporters|"
    r"parliamentarians|the\s+committee)\b",
    re.IGNORECASE,
)
# A list of nationalities or names before a source: "US, Ukrainian and South Korean intelligence".
_JOINT_BEFORE = re.compile(
    r"(?<![A-Za-z'’])(?:(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*,\s+)*(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*,?\s+and\s+$"
)
_CITED_BY_FULL = re.compile(
    r"(?P<who>(?:[A-Z][\w'’-]*\s+)?(?:[\w'’-]+\s+){0,3}?(?:sources?|officials?|analysts?|experts?|diplomats?|estimates?"
    r"|analysis|assessments?|reports?|data))"
    r"\s+(?:cited|quoted|interviewed|contacted)\s+(?:(?:last|this|on)\s+\w+\s+)?by\s+(?:the\s+)?"
    r"(?:(?:public|state|state-run|state-owned|national|news|broadcaster|agency|newspaper|daily|outlet|private"
    r"|independent|online|television|TV|radio|wire|service)\s+){0,3}"
    r"(?P<by>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+$"
)
_NATIONAL_EVIDENCE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:(?:latest|new|updated|separate|rival|official)\s+)?"
    r"(?P<who>(?:South\s+|North\s+)?[A-Z][a-z]+(?:an|ish|ese|ic))\s+"
    r"(?:(?P<intel>intelligence)\s+|(?:military|government|official)\s+)?"
    r"(?:estimates?|assessments?|counts?|tally|calculations?|figures?)\s+(?:now\s+|also\s+)?$"
)
_UNNAMED_PEOPLE_END = re.compile(r"\b(?:sources?|officials?|analysts?|experts?|diplomats?)$")
_PLACED_SOURCE_CITED = re.compile(
    r"(?P<who>\b(?:(?:senior|military|intelligence|government|unnamed|anonymous)\s+)*(?:sources?|officials?)\s+"
    r"(?:in|at|within|from|close\s+to)\s+[^,;.]{3,60}?"
    r"|\b(?:[A-Z][\w'’-]*\s+){1,3}(?:sources?|officials?))"  # "A HUR source quoted by Ukrainian media"
    r"\s+(?:quoted|cited)\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?"
    r"(?P<by>[^,;.]{2,40}?)(?:\s*,\s*(?:however|meanwhile|though|also|in\s+turn),?)?\s+$"
)
_NOMINAL_BEFORE = re.compile(
    r"(?:^|\b(?:[Tt]he|[Aa]n?|[Ll]atest|[Nn]ew|[Uu]pdated|[Rr]evised|[Ee]arlier|[Pp]revious|[Ff]resh))\s+$"
)
# "after an NIS briefing": the briefing body is the source, the speaker relays it
_BRIEFING_BEFORE = re.compile(
    r"\b(?:[Aa]fter|[Ff]ollowing|[Aa]t|[Ii]n|[Ff]rom)\s+(?:an?|the|its)\s+(?:(?:closed-door|closed|private|latest|new|recent"
    r"|regular|parliamentary|special)\s+){0,2}$"
)
_BRIEFING_AFTER = re.compile(r"\s+(?:closed-door\s+|private\s+)?briefing\b")
_PASSIVE_CITED = re.compile(
    r"\s+(?:were|was|are|is|(?:have|has)\s+(?:also\s+)?been)\s+(?:also\s+)?(?:cited|quoted)\b"
)  # "Western security sources have also been cited as supporting"
_QUOTED_SAYING = re.compile(
    r"\s+(?:as\s+)?(?:saying|estimating|reporting|claiming|stating|telling|warning|putting|adding)\b"
)
_QUOTES_BEFORE = re.compile(
    r"\b(?:quotes|quoted|quoting|cites|cited|citing|recalled|recalls|recalling|remembered|described|showed|shows"
    r"|reported|reports|reporting)"
    r"\s+(?:the\s+)?$"
)
_CITED_BY = re.compile(
    r"\s+(?:(?:cited|quoted|interviewed|contacted)\s+(?:(?:last|this|on)\s+\w+\s+)?by"
    r"|who\s+(?:had\s+)?(?:briefed|told|spoke\s+to|talked\s+to))\s+(?:the\s+)?$"  # "officials who briefed the BBC said"
)
_IN_PLACE = re.compile(r"\b(?:in|at)\s+$")
_PREP_BEFORE = re.compile(r"\b(?:to|in|into|from|for|with|at|of|on|about|against|toward|towards)\s+(?:the\s+)?$")
_BOUNDARY = re.compile(
    r"(?<!\bU\.S)(?<!\bU\.K)(?<!\bRep)(?<!\bSen)(?<!\bGen)(?<!\bCol)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bLt)"
    r"[.;:!?]\s|\bthat\b|[“”\"]"
)
_PERSON_OF = re.compile(
    r"\s+(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][^,;:.]{2,70}?|same\s+(?:agency|service|ministry|directorate|office|unit))"
    r"\s+(?:on\s+\w+\s+)?"
)  # "Vadym Skibitskyi of the same agency told"
# "the Joint Chiefs of Staff in Seoul, which said", "the National Resistance Center of Ukraine said"
_BODY_OF = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_OF_BODY = re.compile(r"\s+(?:of|from|at)\s+(?:the\s+)?")
_THAN_BEFORE = re.compile(r"\bthan\s+(?:the\s+|what\s+(?:the\s+)?)?$")
_PRONOUN_POSSESSED = re.compile(
    r"(?P<p>\b[Tt]he\s+(?:spy\s+|intelligence\s+|defen[cs]e\s+)?(?:agency|ministry|service|office|department))['’]s\s+"
    r"(?:(?:latest|new|own|updated|revised|earlier|previous|initial|current|overall|total|official|final|casualty|death"
    r"|troop|loss)\s+){0,2}(?:counts?|estimates?|tally|tallies|assessments?|figures?|numbers?|statements?|reports?)\b"
)
_CLAUSE_VERB_AFTER = re.compile(
    r"\s+(?:had|has|have|was|were|is|are|would|will|could|may|might|did|does|sent|deployed|lost|suffered)\b"
)
_RAW_JOINT_END = re.compile(_RAW_JOINT.pattern + r"$")
_TO_BE_AFTER = re.compile(r"\s+to\s+(?:be|have)\b")
_AND_SAID = re.compile(
    r",?\s+and\s+(?:also\s+)?(?:recalled|added|noted|said|warned|stressed|estimated|claimed|cited|spoke\s+of"
    r"|acknowledged|admitted|lamented|mourned|predicted)\s+(?:that\s+)?"
)
_SHOWN_BY = re.compile(r"\s+(?:show|shows|showed|shown|indicate[sd]?|suggest(?:s|ed)?|put|puts|point\s+to)\b")
_CLAUSE_END = re.compile(r"[,.;:!?](?:\s|$)|$")


_GROUP_HEADS = frozenset(
    "official officials source sources analyst analysts diplomat diplomats expert experts researcher researchers "
    "observer observers lawmaker lawmakers legislator legislators agencies services intelligence soldiers servicemen "
    "commanders officers estimates assessments allies partners".split()
)
_ROLE_HEADS = frozenset(
    "head chief leader director founder spokesman spokeswoman spokesperson representative envoy ambassador group "
    "organisation organization association network monitor".split()
)
_AUXILIARIES = frozenset("has have had also now".split())


def _head_word(text: str, start: int, end: int) -> str:
    """The last word before a verb, past auxiliaries ("officials have also said" -> "officials")."""
    words = text[start:end].split()
    while words and words[-1] in _AUXILIARIES:
        words.pop()
    if len(words) >= 2 and words[-2] == "on":
        words = words[:-2]  # "officials on Monday said"
    return words[-1] if words else ""


def _subject_gap(gap: str, x: Mention) -> bool:
    """``gap`` (between a mention and a verb) lets the mention be the verb's subject.

    A listed person may close an apposition: "Ukraine's envoy, Dmytro Ponomarenko, said".
    """
    if _SUBJECT_GAP.match(gap):
        return True
    if x.claimant.kind == "person" and _PERSON_OF.fullmatch(gap):
        return True  # "Andrii Kovalenko of Kyiv's Center for Countering Disinformation said"
    return x.claimant.kind == "person" and gap.startswith(",") and gap.strip() == ","


def _without_article(name: str) -> str:
    """A raw name without its leading article or count ("A defectors' group head" -> "defectors' group head")."""
    words = name.split(" ")
    while len(words) > 1 and words[0] in _ARTICLES:
        words.pop(0)
    return " ".join(words)


_SOURCES_FROM = re.compile(
    rf"\b(?P<noun>[Ss]ources|[Oo]fficials)\s+(?:from|in)\s+(?P<places>{_PLACE_NAME}(?:,\s+{_PLACE_NAME})*,?\s+and\s+{_PLACE_NAME})"
    rf"\s+(?:(?:have|has|had)\s+)?(?:{SPEECH})\b"
)


def _raw_claimant(name: str) -> Claimant:
    return Claimant(name.strip(), None, "other", "raw")


def find_attributions(
    text: str, start: int, end: int, table: ClaimantTable, mentions: list[Mention]
) -> list[Attribution]:
    """Reporting constructions in the sentence ``text[start:end]`` (pronouns left unresolved).

    ``mentions`` are the claimant mentions of the same sentence.
    """
    out: list[Attribution] = []
    bare_evidence: list[Attribution] = []  # "according to preliminary data": no one named
    usable = [m for m in mentions if not m.possessive]
    # "according to X", "citing X", "briefed by X"
    for m in ACCORDING.finditer(text, start, end):
        how = (
            "citing"
            if re.match(
                r"(?i)citing|cited|quot|briefed|relaying|as\s|.*\b(?:briefing|audit|hearing)\b"
                r"|(?:images?|imagery|photos?|photographs|footage|data|figures)\s",  # "describing images supplied by"
                m.group(),
            )
            else "according_to"
        )
        after = [
            x
            for x in usable
            if m.end() <= x.start <= m.end() + 80
            and not _BOUNDARY.search(text, m.end(), x.start)
            and not (x.start > m.end() + 4 and _IN_PLACE.search(text, max(start, x.start - 6), x.start))
        ]
        inside = PLACED_GROUP.match(text, m.end(), end)
        if inside is not None:
            # "according to senior officials in Ukraine's intelligence services quoted by the FT"
            outlet = next((x.claimant.claimant for x in after if x.claimant.is_media), None)
            phrase = text[m.start() : inside.end()]
            out.append(Attribution(m.start(), inside.end(), _raw_claimant(inside.group("who")), outlet, how, phrase))
            continue
        placed = SOURCES_FROM_PLACES.match(text, m.end(), end)
        if placed is not None:
            # "according to sources in South Korea, Ukraine and the West": one joint unnamed source
            name = joint_source_name(placed.group("places"), placed.group("noun"))
            phrase = text[m.start() : placed.end()]
            out.append(Attribution(m.start(), placed.end(), _raw_claimant(name), None, how, phrase))
            continue
        if how == "citing" and BARE_EVIDENCE.match(text, m.end(), end):
            continue  # "LBC, citing reports, put the number ...": no one else is named; the subject speaks
        own = OWN_SOURCE.match(text, m.end(), end)
        if own is not None:  # "according to his information, Pyongyang could send": his, not Pyongyang's
            word = {"his": "he", "her": "she", "its": "it", "their": "they"}[own.group("p").lower()]
            out.append(
                Attribution(m.start(), own.end(), Claimant(word, None, "other", "pronoun"), None, how, own.group())
            )
            continue
        evidence_phrase = EVIDENCE.match(text, m.end(), end) if how == "according_to" else None
        phrase_stop = _CLAUSE_END.search(text, evidence_phrase.end(), end) if evidence_phrase is not None else None
        if evidence_phrase is not None and not any(
            not x.claimant.is_media and x.start < (phrase_stop.start() if phrase_stop else end) for x in after
        ):
            # "according to the assessment relayed by Yonhap", "according to a satellite photo the
            # agency released": the body the text speaks of (or the one named in the phrase) made it
            stop = _CLAUSE_END.search(text, evidence_phrase.end(), end)
            stop_at = stop.start() if stop else end
            inner = _PRONOUN_NP.search(text, evidence_phrase.end(), stop_at)
            word = inner.group() if inner else evidence_phrase.group("noun")
            outlets = [x for x in after if x.claimant.is_media and x.start < stop_at]
            if outlets and not inner and not RELAYED_BY.search(text, evidence_phrase.end(), outlets[0].start):
                # "according to an analysis of imagery by NK News": the outlet is the analyst
                analyst = outlets[0]
                out.append(
                    Attribution(m.start(), analyst.end, analyst.claimant, None, how, text[m.start() : analyst.end])
                )
                continue
            cited_evidence = Attribution(
                m.start(),
                stop_at,
                Claimant(word if inner else f"the {word.lower()}", None, "other", "pronoun"),
                outlets[0].claimant.claimant if outlets else None,
                how,
                text[m.start() : stop_at],
            )
            out.append(cited_evidence)
            if not inner and not outlets:
                bare_evidence.append(cited_evidence)
            continue
        p = _PRONOUN_NP.match(text, m.end(), end)
        if p and (not after or re.match(r"\s*[,.;)]", text[p.end() : p.end() + 2])):
            # "According to the agency, at least 13,000 ... have gone to Russia": the agency, not Russia
            phrase = text[m.start() : p.end()]
            out.append(
                Attribution(m.start(), p.end(), Claimant(p.group(), None, "other", "pronoun"), None, how, phrase)
            )
            continue
        group_who = CITED_GROUP_WHO.match(text, m.end(), end) if m.group().lower().startswith("cite") else None
        if group_who is not None:
            # "The Japan Times cited Western security sources who also pointed to ...": those sources
            phrase = text[m.start() : group_who.end("who")]
            claimant = _raw_claimant(group_who.group("who"))
            out.append(Attribution(m.start(), group_who.end("who"), claimant, None, how, phrase))
            continue
        if not after:
            joint_raw = _RAW_JOINT.match(text, m.end(), end)
            if joint_raw is not None:
                # "citing South Korean, Ukrainian and Western sources": one joint unnamed source
                out.append(
                    Attribution(
                        m.start(),
                        joint_raw.end(),
                        _raw_claimant(joint_raw.group()),
                        None,
                        how,
                        text[m.start() : joint_raw.end()],
                    )
                )
                continue
            raw = _RAW_AFTER.match(text, m.end(), end)
            if raw and m.group().lower().startswith(("according", "citing", "quot", "briefed")):
                # "quoted Western security sources as backing the view that": the sources
                name = _without_article(re.sub(r"\s+as\s+\w+ing\b.*$", "", raw.group(1).strip().rstrip(".")))
                out.append(
                    Attribution(
                        m.start(),
                        m.end() + len(raw.group(1)),
                        _raw_claimant(name),
                        None,
                        how,
                        text[m.start() : m.end() + len(raw.group(1))],
                    )
                )
            continue
        phrase_end = text.find(",", m.end(), end)
        # "according to Ukraine's president, Zelensky" picks the person; "after a briefing by the NIS on
        # Wednesday, Rep. Park said" does not reach past the comma
        persons = [x for x in after if x.claimant.kind == "person" and (phrase_end < 0 or x.start < phrase_end)]
        pick = persons[0] if persons else after[0]
        joint = _JOINT_BEFORE.search(text, m.end(), pick.start)
        if joint and joint.start() == m.end() and not persons:
            name = _without_article(text[joint.start() : pick.end])
            out.append(
                Attribution(
                    m.start(),
                    pick.end,
                    Claimant(name, None, pick.claimant.claimant_type, "joint"),
                    None,
                    how,
                    text[m.start() : pick.end],
                )
            )
            continue
        # "CNN cited X", "Yonhap, citing X": the outlet just before relays
        relaying = [x.claimant.claimant for x in mentions if x.claimant.is_media and 0 <= m.start() - x.end <= 2]
        relay = relaying[0] if relaying and how == "citing" else None
        out.append(Attribution(m.start(), pick.end, pick.claimant, relay, how, text[m.start() : pick.end]))
    # "Intelligence sources cited by Suspilne said": the sources speak, the outlet relays
    cited_verbs: set[int] = set()
    for v in _VERB.finditer(text, start, end):
        c = _CITED_BY_FULL.search(text, max(start, v.start() - 140), v.start())
        first = c.group("who").split()[0] if c else ""
        if c and (
            first not in ("The", "A", "An", "It", "He", "She", "They")
            # "A senior Ukrainian official quoted by The New York Times said": the official speaks
            or (first in ("A", "An") and _UNNAMED_PEOPLE_END.search(c.group("who")))
        ):
            outlet = next((x.claimant.claimant for x in mentions if x.start == c.start("by")), c.group("by"))
            who_start, who = c.start("who"), c.group("who")
            if first in ("A", "An"):
                who_start, who = who_start + len(first) + 1, who[len(first) + 1 :]
            joint = _RAW_JOINT_END.search(text, max(start, c.end("who") - 120), c.end("who"))
            if joint is not None and joint.start() < who_start:
                who_start, who = joint.start(), joint.group()  # "South Korean, Ukrainian and Western sources cited by"
            out.append(Attribution(who_start, v.end(), _raw_claimant(who), outlet, "verb", text[who_start : v.end()]))
            cited_verbs.add(v.start())
            continue
        placed = _PLACED_SOURCE_CITED.search(text, max(start, v.start() - 160), v.start())
        if placed is not None:
            # "A source in Ukraine's Defence Intelligence quoted by Ukrainian media said": the source
            # (and the body it is placed in) speaks, the outlet relays
            outlet = next((x.claimant.claimant for x in mentions if x.start == placed.start("by")), placed.group("by"))
            who_start = placed.start("who")
            out.append(
                Attribution(
                    who_start, v.end(), _raw_claimant(placed.group("who")), outlet, "verb", text[who_start : v.end()]
                )
            )
            cited_verbs.add(v.start())
    # "Western security sources were also cited ...": the cited sources speak
    sentence = text[start:end]
    passive = _PASSIVE_CITED.finditer(text, start, end) if ("cited" in sentence or "quoted" in sentence) else ()
    for p in passive:
        named = [x for x in usable if x.end <= p.start() and text[x.end : p.start()].strip() in ("", ",")]
        if named:
            x = named[-1]
            out.append(Attribution(x.start, p.end(), x.claimant, None, "citing", text[x.start : p.end()]))
            continue
        if _head_word(text, max(start, p.start() - 40), p.start()) in _GROUP_HEADS:
            group = _GROUP_SUBJECT.search(text, max(start, p.start() - 90), p.start())
            if group:
                name, s = _without_article(group.group(1)), group.start(1)
                s += len(group.group(1)) - len(name)
                out.append(Attribution(s, p.end(), _raw_claimant(name), None, "citing", text[s : p.end()]))
    # "AFP quotes the JCS estimating ...": the quoted body speaks
    for x in usable:
        q = _QUOTED_SAYING.match(text, x.end, end)
        if q and _QUOTES_BEFORE.search(text, max(start, x.start - 30), x.start):
            out.append(Attribution(x.start, q.end(), x.claimant, None, "verb", text[x.start : q.end()]))
    out.extend(reporting_forms(text, start, end, usable, table))
    for x in usable if "briefing" in sentence else ():
        b = _BRIEFING_AFTER.match(text, x.end, end)
        if b and _BRIEFING_BEFORE.search(text, max(start, x.start - 30), x.start):
            out.append(Attribution(x.start, b.end(), x.claimant, None, "citing", text[x.start : b.end()]))
    # "Ukrainian intelligence sources were quoted as saying": those sources
    for q in QUOTED_AS.finditer(text, start, end):
        out.append(Attribution(q.start("who"), q.end(), _raw_claimant(q.group("who")), None, "raw", q.group()))
    # "sources from South Korea, Ukraine and the West told Reuters": one joint unnamed source
    for j in _SOURCES_FROM.finditer(text, start, end):
        name = joint_source_name(j.group("places"), j.group("noun"))
        out.append(Attribution(j.start(), j.end(), _raw_claimant(name), None, "raw", j.group()))
    # "X said", "X, the agency's chief, told"
    evidence: list[Attribution] = []
    for v in _VERB.finditer(text, start, end):
        if any(j.start() <= v.start() < j.end() for j in _SOURCES_FROM.finditer(text, start, end)):
            continue
        placed_sources = SOURCES_IN_BEFORE.search(text, max(start, v.start() - 100), v.start())
        if placed_sources is not None:
            # "sources in Ukraine's special services told ...": one unnamed group
            name = placed_sources.group("who")
            out.append(
                Attribution(
                    placed_sources.start("who"),
                    v.end(),
                    _raw_claimant(name),
                    None,
                    "raw",
                    text[placed_sources.start("who") : v.end()],
                )
            )
            continue
        if (
            v.group() in ("show", "shows", "showed", "indicated", "indicates", "suggests", "suggested")
            and EVIDENCE_SUBJECT.search(text, max(start, v.start() - 30), v.start())
            and any(a.how == "verb" and a.end <= v.start() for a in out)
        ):
            continue  # "Kirby said US assessments showed ...": what the speaker cites, not another speaker
        if _SHOWN_BY.match(text, v.end(), end):
            # "Ukrainian intelligence reports show ...": a noun with its own verb; the body it names is
            # the source only when no one else in the sentence speaks
            noun = next((x for x in usable if 0 <= v.start() - x.end <= 1), None)
            if noun is not None:
                evidence.append(
                    Attribution(noun.start, v.end(), noun.claimant, None, "according_to", text[noun.start : v.end()])
                )
            continue
        vs = v.start()
        if vs in cited_verbs or any(x.start < vs < x.end for x in mentions):
            continue  # "Ukrainian and Western estimates" is a name, not a verb
        if _NOUN_USE.search(text, max(start, v.start() - 12), v.start()):
            continue  # "Zelensky's claims", "the report": a noun, not a verb
        if _PASSIVE_BEFORE.search(text, max(start, v.start() - 20), v.start()):
            continue  # "is estimated at", "were told": the subject is not the speaker
        national = _NATIONAL_EVIDENCE.search(text, max(start, v.start() - 70), v.start())
        if national is not None and not any(
            x.start < national.end("who") and x.end > national.start() for x in mentions
        ):
            # "a South Korean estimate puts the number at ...": the country (its intelligence, if said)
            who = national.group("who") + (" intelligence" if national.group("intel") else "")
            s = national.start("who")
            out.append(Attribution(s, v.end(), _raw_claimant(who), None, "raw", text[s : v.end()]))
            continue
        if _TO_BE_AFTER.match(text, v.end(), end):
            continue  # "soldiers now believed to be in Russia": a passive, no one speaks
        before = [x for x in usable if x.end <= v.start() and _subject_gap(text[x.end : v.start()], x)]
        if len(before) > 1 and _IN_PLACE.search(text, max(start, before[-1].start - 6), before[-1].start):
            before.pop()  # "The Joint Chiefs of Staff in Seoul said": Seoul places the speaker
        if len(before) > 1 and ACCORDING_ASIDE.search(text, max(start, before[-1].start - 30), before[-1].start):
            before.pop()  # "The NIS, according to Rep. Lee, put the figure at": the NIS speaks, Lee relays
        if before and before[-1].claimant.is_media:
            # "Intelligence sources cited by Suspilne said": the sources speak, the outlet relays
            x = before[-1]
            cited = _CITED_BY.search(text, max(start, x.start - 60), x.start)
            if cited:
                group = _GROUP_SUBJECT.search(text, max(start, cited.start() - 60), cited.start()) or _RAW_NAME.search(
                    text, max(start, cited.start() - 60), cited.start()
                )
                if group and group.group(1).split()[0] not in _NOT_NAMES - {"Officials", "Sources"}:
                    out.append(
                        Attribution(
                            group.start(1),
                            v.end(),
                            _raw_claimant(group.group(1)),
                            x.claimant.claimant,
                            "verb",
                            text[group.start(1) : v.end()],
                        )
                    )
                    continue
        if before:
            x = before[-1]
            of_body = [p for p in usable if p.claimant.kind == "person" and _OF_BODY.fullmatch(text, p.end, x.start)]
            if of_body and x.claimant.kind == "body":
                x = of_body[-1]  # "Vadym Skibitskyi of Ukraine's military intelligence told": the person
            while x.claimant.kind == "body":
                # "the Main Intelligence Directorate of the Ministry of Defence of Ukraine said": the first body
                outer = [p for p in usable if p.claimant.kind == "body" and _BODY_OF.fullmatch(text, p.end, x.start)]
                if not outer or outer[-1].claimant.is_media:
                    break
                x = outer[-1]
            if _THAN_BEFORE.search(text, max(start, x.start - 12), x.start):
                continue  # "more than the NIS had projected": a comparison, not who speaks
            joint = _JOINT_BEFORE.search(text, max(start, x.start - 80), x.start)
            if joint and not x.claimant.is_media:
                # "US, Ukrainian and South Korean intelligence said": one joint source
                name = _without_article(text[joint.start() : x.end])
                out.append(
                    Attribution(
                        joint.start(),
                        v.end(),
                        Claimant(name, None, x.claimant.claimant_type, "joint"),
                        None,
                        "verb",
                        text[joint.start() : v.end()],
                    )
                )
                continue
            placed = (
                _GROUP_IN.search(text, max(start, x.start - 60), x.start)
                if text[max(start, x.start - 12) : x.start].rstrip().endswith((" in", " at", " from", " the"))
                else None
            )
            if placed and not x.claimant.is_media:
                # "analysts in Kyiv said": the analysts speak, not Kyiv
                name = _without_article(text[placed.start(1) : x.end])
                s = x.end - len(name)
                out.append(Attribution(s, v.end(), _raw_claimant(name), None, "raw", text[s : v.end()]))
                continue
            learned = LEARNED_FROM.match(text, v.end(), end) if x.claimant.is_media else None
            if learned is not None:
                # "Ukrainska Pravda has learned from sources in Ukraine's special services": those sources,
                # relayed by the outlet
                who = learned.group("who")
                phrase = text[x.start : learned.end()]
                out.append(Attribution(x.start, learned.end(), _raw_claimant(who), x.claimant.claimant, "raw", phrase))
                continue
            out.append(Attribution(x.start, v.end(), x.claimant, None, "verb", text[x.start : v.end()]))
            continue
        probe, subject_end = text, v.start()
        aside = _RELATIVE_ASIDE.search(text, max(start, v.start() - 100), v.start())
        if aside is not None:
            # "The sources, who spoke on condition of anonymity, told": the subject before the aside
            probe, subject_end = text[: aside.start()] + " ", aside.start() + 1
        p = _PRONOUN.search(probe, max(start, subject_end - 60), subject_end)
        while p and p.end() != subject_end:
            p = _PRONOUN.search(probe, p.start() + 1, subject_end)
        if p:
            out.append(
                Attribution(
                    p.start(),
                    v.end(),
                    Claimant(p.group("p"), None, "other", "pronoun"),
                    None,
                    "pronoun",
                    text[p.start() : v.end()],
                )
            )
            continue
        # "..., said John Kirby" (inverted)
        after = [
            x
            for x in usable
            if v.group() not in _TOLD_VERBS  # "..., told the Kyiv Post": the listener, not the speaker
            and v.end() <= x.start <= v.end() + 60
            and re.fullmatch(r"[\s,]*(?:[\w.'’-]+\s+){0,6}?", text[v.end() : x.start])
            and text[v.start() - 2 : v.start()].strip() in (",", "”", '"', ",”", ',"')
            and not _PREP_BEFORE.search(text, max(start, x.start - 12), x.start)
            and not _CLAUSE_VERB_AFTER.match(text, x.end, end)  # "..., said North Korea had suffered": a clause
        ]
        if after:
            x = after[0]
            out.append(Attribution(v.start(), x.end, x.claimant, None, "inverted", text[v.start() : x.end]))
            continue
        head = _head_word(text, max(start, v.start() - 40), v.start())
        group = (
            (_GROUP_SUBJECT.search(text, max(start, v.start() - 90), v.start()) if head in _GROUP_HEADS else None)
            or (_ROLE_SUBJECT.search(text, max(start, v.start() - 60), v.start()) if head in _ROLE_HEADS else None)
            or (
                _ROLE_OF.search(text, max(start, v.start() - 90), v.start())
                if re.search(r" (?:of|at) ", text[max(start, v.start() - 90) : v.start()])
                else None
            )
        )
        if group:
            name, s = _without_article(group.group(1)), group.start(1)
            s += len(group.group(1)) - len(name)
            out.append(Attribution(s, v.end(), _raw_claimant(name), None, "raw", text[s : v.end()]))
            continue
        raw = _RAW_NAME.search(text[max(start, v.start() - 90) : v.start()])
        if raw:
            name = raw.group(1)
            words = name.split()
            while words and words[0] in _NOT_NAMES:
                words.pop(0)
            at_start = (
                not text[max(start, v.start() - 90) : v.start()][: raw.start(1)].strip()
                and max(start, v.start() - 90) == start
            )
            person = table.surname(words[0]) if len(words) == 1 else None
            if person is not None:
                s = text.rfind(words[0], start, v.start())
                out.append(Attribution(s, v.end(), person, None, "verb", text[s : v.end()]))
                continue
            if words and len(words) == 1 and at_start and not _is_acronym(words[0]) and not table.is_surname(words[0]):
                words = []  # "Casualty estimates ...": a sentence-initial common noun
            if words and not all(w.lower() in ("of", "for", "the", "and") for w in words):
                name = " ".join(words)
                s = v.start() - len(text[max(start, v.start() - 90) : v.start()]) + raw.start(1)
                s = text.find(name, s, v.start())
                if SPOKE_TO.search(text, max(start, s - 60), s):
                    # "Western officials who spoke to the BBC's correspondent Frank Gardner offered": not him
                    group = GROUP_WHO.search(text, max(start, v.start() - 140), v.start())
                    if group is not None:
                        g = group.start("who")
                        out.append(
                            Attribution(g, v.end(), _raw_claimant(group.group("who")), None, "raw", text[g : v.end()])
                        )
                    continue
                out.append(Attribution(s, v.end(), _raw_claimant(name), None, "raw", text[s : v.end()]))
    # "the spy agency's count had stood at ...": a body referred back to, by what it counted
    for p in _PRONOUN_POSSESSED.finditer(text, start, end):
        word = p.group("p")
        out.append(
            Attribution(p.start(), p.end(), Claimant(word, None, "other", "pronoun"), None, "possessive", p.group())
        )
    # "the Pentagon's estimate of 11,000 ..."
    for x in mentions:
        if x.possessive:
            pm = _POSSESSED.match(
                text, text.find(" ", x.end, x.end + 4) if text[x.end : x.end + 1] in "'’" else x.end, end
            )
            if pm and not (x.claimant.is_media and pm.group().rstrip().endswith("account")):
                # (an outlet's account of a briefing relays it)
                out.append(Attribution(x.start, pm.end(), x.claimant, None, "possessive", text[x.start : pm.end()]))
        elif _NOMINAL_BEFORE.search(text, max(start, x.start - 12), x.start):
            pm = _POSSESSED.match(text, x.end, end)  # "the NIS estimate of ...", "an updated NIS assessment"
            if pm and not x.claimant.is_media:
                out.append(Attribution(x.start, pm.end(), x.claimant, None, "possessive", text[x.start : pm.end()]))
    # "..., saying" / "..., adding": the main subject of the sentence
    for v in _VERB_PART.finditer(text, start, end):
        said = [a for a in out if a.how in ("verb", "inverted", "raw", "pronoun") and a.end <= v.start()]
        if said:
            # "..., Ukraine's intelligence said, adding that ...": the same speaker goes on
            a = said[-1]
            out.append(Attribution(a.start, v.end(), a.claimant, None, "participle", text[a.start : v.end()]))
            continue
        subj = [x for x in usable if x.end <= v.start()]
        if subj:
            # The first named subject of the clause, not a name inside an object.
            x = subj[0]
            out.append(Attribution(x.start, v.end(), x.claimant, None, "participle", text[x.start : v.end()]))
    # "Singh said ..., and recalled that 12,000 ...": the same speaker goes on, nearer the figure
    for v in _AND_SAID.finditer(text, start, end):
        said = [a for a in out if a.how in ("verb", "inverted", "pronoun") and a.end <= v.start()]
        if said:
            out.append(Attribution(v.start(), v.end(), said[-1].claimant, None, "participle", v.group()))
            continue
        # "On 12 December, Kim Jong Un welcomed home the regiment ... and spoke of the loss of nine
        # lives": the sentence's subject
        subject = [x for x in usable if x.end <= v.start() and x.start - start <= 40 and not x.claimant.is_media]
        if subject and re.search(r"spoke|acknowledged|admitted|lamented|mourned|predicted", v.group()):
            out.append(Attribution(v.start(), v.end(), subject[0].claimant, None, "participle", v.group()))
    if evidence and not any(a.how in ("verb", "inverted", "according_to", "citing") for a in out):
        out.extend(evidence)
    for e in bare_evidence:
        if any(a.how in ("verb", "inverted", "raw", "pronoun") and a.end <= e.start for a in out):
            out.remove(e)  # "Zelensky said that, according to preliminary data, ...": the speaker cites it
    # "Sputnik International, the Russian state outlet, said": the subject, not its appositive;
    # "A North Korean prisoner shown in a video released by Zelensky said": the prisoner
    verbs = [a for a in out if a.how in ("verb", "raw")]
    out = [
        a
        for a in out
        if a.how not in ("verb", "raw")
        or not any(b.start < a.start and (a.end == b.end or (a.how == "raw" and a.end < b.end)) for b in verbs)
    ]
    # "Reuters, citing South Korean, Ukrainian and Western sources, reports": no raw name starts
    # inside the cited source
    sources = [a for a in out if a.how in ("citing", "according_to")]
    out = [a for a in out if a.how != "raw" or not any(b.start < a.start < b.end for b in sources)]
    out.sort(key=lambda a: (a.start, a.end))
    return out


def relay_phrase(text: str, start: int, pos: int) -> str | None:
    """A generic relaying group just before ``pos`` ("lawmakers briefed by ...")."""
    found = list(_GENERIC_RELAY.finditer(text, max(start, pos - 60), pos))
    return found[-1].group() if found else None
