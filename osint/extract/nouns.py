"""What a figure counts: the noun phrase after it (troops, casualties, people, other).

"10,000 North Korean troops", "6,000 military personnel", "4,700 casualties", "a
10,000-strong force", "10,000 soldiers of North Korea" are counts of troops or of losses;
"8 million shells", "$100 million", "5,000 construction workers" (no military word) are not.

Example:
    >>> np = noun_phrase("sent 6,000 military personnel to Kursk", 10)
    >>> (np.head, np.kind, np.military)
    ('personnel', 'troops', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NounPhrase", "noun_phrase", "counted_before", "TROOP_WORDS", "ABOVE_VERBS"]

# Always troops, whatever modifies them.
_CORE_TROOPS = (
    r"troops?|soldiers?|servicem[ae]n|service\s+members?|servicemembers?|fighters|combatants"
    r"|infantrymen|infantry|paratroopers|marines|commandos|special\s+forces"
    r"|special\s+operations\s+forces|forces|mercenaries|conscripts|reservists|recruits"
    r"|sappers|deminers|artillerymen|gunners|snipers|officers|commanders|generals|riflemen"
    r"|guardsmen|storm\s+troopers|stormtroopers|servicewomen|draftees|reinforcements"
)
# Troops only with a military word in front ("military engineers", "KPA workers").
_NEEDS_MILITARY = (
    r"personnel|engineers|specialists|workers|laborers|labourers|builders|instructors"
    r"|advisers|advisors|staff|crews?|operators|pilots|technicians|men|members|cadets"
)
# A count of losses: the noun itself says what happened to them.
_CASUALTY_NOUNS = {
    # a rate of loss ("a loss rate of roughly 92 a day") is not a count
    "loss rate": "other",
    "toll": "killed",
    "death toll": "killed",
    "casualty rate": "other",
    "attrition rate": "other",
    "death rate": "other",
    "casualties": "casualties",
    "casualty": "casualties",
    "losses": "casualties",
    "killed and wounded": "casualties",
    "killed or wounded": "casualties",
    "killed and seriously wounded": "casualties",
    "killed or seriously wounded": "casualties",
    "killed and injured": "casualties",
    "battle casualties": "casualties",
    "war dead": "killed",
    "dead and wounded": "casualties",
    "dead and badly wounded": "casualties",
    "dead and seriously wounded": "casualties",
    "dead and severely wounded": "casualties",
    "killed and badly wounded": "casualties",
    "killed and severely wounded": "casualties",
    "dead or wounded": "casualties",
    "deaths": "killed",
    "dead": "killed",
    "fatalities": "killed",
    "killed": "killed",
    "bodies": "killed",
    "lives": "killed",
    "kia": "killed",
    "killed in action": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "injuries": "wounded",
    "pows": "captured",
    "pow": "captured",
    "prisoners of war": "captured",
    "prisoners": "captured",
    "captives": "captured",
    "captured": "captured",
}
_CASUALTY = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_CASUALTY_NOUNS, key=len, reverse=True))
# "a 10,000-strong force"
_STRONG_UNITS = r"(?:(?:additional|new|further|possible)\s+)?(?:deployment|force|contingent|army|unit|group|corps|detachment|expeditionary\s+force|brigade|division|battalion|regiment)"

_STOP = (
    r"have|has|had|are|is|were|was|be|been|being|will|would|could|should|may|might|must|can"
    r"|to|in|into|inside|from|of|and|or|with|by|at|on|for|that|who|which|whom|as|than|the|a|an"
    r"|since|per|including|while|but|said|says|say|told|near|across|over|under|after|before"
    r"|during|via|this|these|those|their|its|his|her|our|also|already|reportedly|allegedly"
    r"|now|so|not|no|then|when|where|if|among|between|about|around|up|out|off|it|they|he|she"
    r"|we|you|i|there|here|what|total"
)
TROOP_WORDS = re.compile(rf"\b(?i:{_CORE_TROOPS}|{_NEEDS_MILITARY}|{_CASUALTY})\b")

_MILITARY = re.compile(
    r"\b(?:military|army|combat|armed|elite|regular|front-?line|assault|infantry|artillery"
    r"|engineering|reconnaissance|sapper|naval|navy|air\s+force|special|KPA|Korean\s+People['’]s\s+Army"
    r"|storm|shock|airborne|mechani[sz]ed|tank|missile|drone|construction\s+troops|demining|mine[\s-]+clear\w*)\b",
    re.IGNORECASE,
)

_NP = re.compile(
    rf"""
    (?P<strong>-?\s?(?:strong|man)(?:\s+(?:[A-Z][\w'’-]*\s+){{0,2}}(?i:{_STRONG_UNITS})\b|(?=\s*[,;:.)—–]|\s+(?:each|apiece)\b)))
  | (?:\s+|\s*-\s*)
    (?P<mods>(?:(?!(?i:{_STOP})\b)[A-Za-z][\w'’.]*(?:-[\w'’]+)*[\s-]+){{0,5}}?)
    (?:
        (?P<casualty>(?i:{_CASUALTY}))(?!\s+(?:[A-Z]|(?i:{_CORE_TROOPS}|{_NEEDS_MILITARY})\b))
      | (?P<core>(?i:{_CORE_TROOPS}))
      | (?P<needs>(?i:{_NEEDS_MILITARY}))
      | (?P<demonym>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:ans|ese|is))
    )\b
    (?:\s+(?i:troops|soldiers|units|personnel)\b)?
    (?P<of>\s+(?:of|from)\s+(?:the\s+)?(?P<of_whom>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,5}}))?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """The noun phrase counted by a figure.

    ``kind`` is ``troops``, ``casualty`` (with ``measure``), ``people`` (a demonym such as
    "North Koreans"), or ``other``; ``mods`` are the words between figure and noun;
    ``of_whom`` is the owner named after the noun ("soldiers of North Korea").
    """

    start: int
    end: int
    head: str
    kind: str
    mods: str
    mods_start: int
    military: bool
    measure: str | None = None
    of_whom: str | None = None
    of_start: int | None = None


def noun_phrase(text: str, pos: int, limit: int | None = None) -> NounPhrase | None:
    """The noun phrase starting right after a figure ending at ``pos``, if it counts people.

    Example:
        >>> noun_phrase("4,700 casualties so far", 5).measure
        'casualties'
        >>> noun_phrase("8 million shells", 9) is None
        True
    """
    limit = len(text) if limit is None else limit
    m = _NP.match(text, pos, min(limit, pos + 90))
    if not m:
        return None
    if m.group("strong"):
        return NounPhrase(pos, m.end(), m.group("strong").strip("- "), "troops", "", pos, True)
    mods = m.group("mods") or ""
    military = bool(_MILITARY.search(mods))
    of_whom = m.group("of_whom")
    of_start = m.start("of") if of_whom else None
    for g in ("casualty", "core", "needs", "demonym"):
        if m.group(g):
            head = m.group(g)
            break
    end = m.end("of") if of_whom else (m.start("of") if m.start("of") >= 0 else m.end())
    if m.group("casualty"):
        key = re.sub(r"\s+", " ", head.lower())
        return NounPhrase(
            pos, end, head, "casualty", mods, m.start("mods"), military, _CASUALTY_NOUNS[key], of_whom, of_start
        )
    if m.group("core"):
        return NounPhrase(pos, end, head, "troops", mods, m.start("mods"), True, None, of_whom, of_start)
    if m.group("needs"):
        kind = "troops" if military else "other"
        return NounPhrase(pos, end, head, kind, mods, m.start("mods"), military, None, of_whom, of_start)
    return NounPhrase(pos, end, head, "people", mods, m.start("mods"), military, None, of_whom, of_start)


# "puts North Korean casualties at 3,000", "put the number of troops in Russia at 11,000"
_PUT_AT = re.compile(
    r"\b(?:put|puts|putting|placed|places|placing|pegged|pegs|estimated|estimates|estimating|reckons?|reckoned"
    r"|counts?|counted"
    r"|numbered|set|sets|assessed|assesses)\s+(?P<np>(?:the\s+)?[^,.;:]{1,90}?)\s+at\s+$",
    re.IGNORECASE,
)
# "the number of troops in Russia is estimated at 12,000": the subject is counted.
_PASSIVE_AT = re.compile(
    r"(?P<np>\b[^,.;:]{1,90}?)\s+(?:is|are|was|were|(?:has|have|had)\s+been)\s+(?:now\s+|currently\s+|still\s+)?"
    r"(?:estimated|put|pegged|placed|assessed|(?:believed|thought|said|understood)\s+to\s+(?:be|stand))\s+at\s+$",
    re.IGNORECASE,
)
# "South Korea's own estimate is lower, at about 3,600": the subject is counted.
_COMPARED_AT = re.compile(
    r"(?P<np>\b[^,.;:]{1,90}?)\s+(?:is|was|are|were|stands|stood|comes\s+in|came\s+in)\s+"
    r"(?:(?:far|much|slightly|somewhat|a\s+little|considerably)\s+)?(?:lower|higher|smaller|larger|bigger)\s*,?\s+at\s+$",
    re.IGNORECASE,
)
_SAID_THAT = re.compile(
    r"\s(?:that|said|says|claimed|claims|told|warned|estimated|estimates|believes|believed|reported|added|noted"
    r"|stated|argued|suggested|insisted|acknowledged|admitted)\s"
)
_TOLL = re.compile(r"\b(?:death\s+toll|toll\s+of\s+the\s+dead|number\s+of\s+(?:the\s+)?dead)\b", re.IGNORECASE)


# "North Korean casualties have exceeded 3,000", "the death toll reached 600"
_REACHED = re.compile(
    r"(?P<np>\b[^,.;:]{1,80}?(?:,\s+(?:which|who|many|most|some|including)\b[^,;.]{1,90},)?)\s+(?:(?:have|has|had|now|already|reportedly|probably|likely|will|would|could|may|might|soon|eventually|further)\s+){0,3}"
    r"(?P<verb>reached|reach|exceeded|exceed|exceeds|topped|tops|surpassed|surpasses|stood\s+at|stands\s+at"
    r"|numbered|numbers|number|numbering|totall?ed|totals|totall?ing|stand\s+at|standing\s+at|rose\s+to|risen\s+to|climbed\s+to|grown\s+to|grew\s+to"
    r"|passed|gone\s+past|went\s+past|crossed|hit|grow\s+to|reach|top|swell\s+to|swelled\s+to|swollen\s+to|expand\s+to|expanded\s+to"
    r"|increase\s+to|increased\s+to|runs|ran|run|ranges|ranged|ranging|total"
    r"|climb\s+to|rise\s+to|jump\s+to|jumped\s+to|grow\s+to|come\s+to|came\s+to"
    r"|was|were|is|are|amounted\s+to|amount\s+to)\s+$",
    re.IGNORECASE,
)
_CASUALTY_OF = re.compile(
    r"\b(?P<np>(?:loss|casualty|attrition|death)\s+rate|(?:death\s+)?toll|casualties|losses|deaths|fatalities|dead|killed|wounded|injured|captured|prisoners)"
    r"(?:\s+of\s+|\s*[:=]\s*|\s+(?:stand\s+at|total|number)\s+)$",
    re.IGNORECASE,
)
_PUT_BARE = re.compile(
    r"\b(?:put|puts|putting|placed|places|placing|pegged|pegs)\s+(?P<np>(?:the\s+)?[^,.;:]{1,90}?)\s+$", re.IGNORECASE
)
_APPROX_AT = re.compile(r"(?i)(?:near|around|about|close\s+to|roughly|nearly|some|approximately|between|from)\b")
_AT_END = re.compile(r"\bat\s+$", re.IGNORECASE)
_VERB_END = re.compile(_REACHED.pattern.split("(?P<verb>")[1].rsplit(")", 1)[0].join(["(?:", r")\s+$"]), re.IGNORECASE)
# Nouns for a body of troops as a whole: "the North Korean presence could grow to 100,000".
_PRESENCE_WORDS = re.compile(
    r"\b(?:contingent|grouping|deployment|presence|contribution|commitment|(?:expeditionary\s+)?force)\b", re.IGNORECASE
)
# A bare total of what the text speaks of: "the total could reach 12,000" (not "the number of drones").
_PEOPLE_COUNTED = re.compile(
    r"\b(?:number|total|count|tally)\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)?[A-Z][a-z]+(?:ans|ese|is)\b"
)
_MILITARY_STATE = re.compile(
    r"(?i)\b(?:stationed|deployed|sent|dispatched|fighting|serving|killed|wounded|captured|based|garrisoned)\b"
)
_BARE_TOTAL = re.compile(
    r"(?:^|(?:\b(?:the|its|their|that|his|her|this|an?)|[\w.]+['’]s)\s+(?:[\w'’-]+\s+){0,3}?)(?:overall\s+)?"
    r"(?:total|number|tally|count|estimate|assessment|figure)$",
    re.IGNORECASE,
)
#: Verbs of counting that make the figure a lower bound.
ABOVE_VERBS = ("exceed", "top", "surpass", "passed", "past")


def counted_before(text: str, start: int, fig_start: int) -> NounPhrase | None:
    """The phrase a figure is the value of, in "put(s) X at <figure>" constructions.

    Example:
        >>> s = "Seoul puts North Korean casualties at 3,000"
        >>> counted_before(s, 0, s.index("3,000")).measure
        'casualties'
    """
    tail = text[max(start, fig_start - 30) : fig_start]
    noun_of = _CASUALTY_OF.search(tail)
    if noun_of is not None:
        # "suffered casualties of about 4,000": the loss noun before "of" is counted
        at_ = max(start, fig_start - 30) + noun_of.start("np")
        key = re.sub(r"\s+", " ", noun_of.group("np").lower())
        measure = _CASUALTY_NOUNS[key]
        if key == "toll" and re.search(r"(?i)casualt|wounded|injur", text[start:fig_start]):
            measure = "casualties"  # "suffered about 1,100 casualties, as Kyiv put the toll at 3,000"
        return NounPhrase(at_, at_ + len(noun_of.group("np")), noun_of.group("np"), "casualty", "", at_, True, measure)
    at = _AT_END.search(tail)
    m = _PUT_AT.search(text, max(start, fig_start - 140), fig_start) if at else None
    if m is None and _APPROX_AT.match(text, fig_start):
        m = _PUT_BARE.search(text, max(start, fig_start - 140), fig_start)  # "puts the war dead near 2,000"
    if at and not m:
        m = _PASSIVE_AT.search(text, max(start, fig_start - 140), fig_start)
    if at and not m:
        m = _COMPARED_AT.search(text, max(start, fig_start - 140), fig_start)  # "Seoul's estimate is lower, at"
    verb = None
    if not m:
        if not _VERB_END.search(tail):
            return None  # cheap test first: the verb must stand right before the figure
        m = _REACHED.search(text, max(start, fig_start - 110), fig_start)
        if not m:
            return None
        verb = m.group("verb").lower()
        if verb in ("was", "were", "is", "are") and not re.search(
            r"(?i)\b(?:number|toll|count|total|tally|figure|estimate|assessment|reckoning)\b", m.group("np")
        ):
            return None
    np_start, np_end = m.start("np"), m.end("np")
    if verb is not None:
        # the counted phrase is the subject: keep its last clause only
        cut = max(_SAID_THAT.finditer(text, np_start, np_end), key=lambda m: m.start(), default=None)
        if cut is not None:
            np_start = cut.end()  # "Zelensky claimed losses had exceeded 3,000": the losses
    phrase = text[np_start:np_end]
    if _TOLL.search(phrase):
        return NounPhrase(np_start, np_end, "toll", "casualty", phrase, np_start, True, "killed")
    cas = None
    for c in re.finditer(rf"\b(?i:{_CASUALTY})\b", phrase):
        cas = c
    if cas is not None:
        key = re.sub(r"\s+", " ", cas.group().lower())
        measure = _CASUALTY_NOUNS[key]
        if key == "toll" and re.search(r"(?i)casualt|wounded|injur", text[start:np_start]):
            measure = "casualties"  # "... 1,100 casualties, as Kyiv put the toll at 3,000"
        return NounPhrase(np_start, np_end, cas.group(), "casualty", phrase, np_start, True, measure)
    if verb is not None and not (
        TROOP_WORDS.search(phrase) or _PRESENCE_WORDS.search(phrase) or _BARE_TOTAL.search(phrase)
    ):
        return None
    core = re.search(rf"\b(?i:{_CORE_TROOPS}|force|contingent|grouping|deployment|presence|personnel)\b", phrase)
    if core is None and _PEOPLE_COUNTED.search(phrase) and _MILITARY_STATE.search(phrase):
        core = _PEOPLE_COUNTED.search(phrase)  # "the number of North Koreans stationed across Russia"
    if core is None and _BARE_TOTAL.search(phrase.strip()):
        core = _BARE_TOTAL.search(phrase.strip())  # "the total could reach", "put the number at"
    needs = re.search(rf"\b(?i:{_NEEDS_MILITARY})\b", phrase)
    if core or (needs and _MILITARY.search(phrase)):
        found = core or needs
        assert found is not None
        head = found.group()
        return NounPhrase(np_start, np_end, head, "troops", phrase, np_start, True)
    return None
