"""The measure (what happened to the troops) and the stance, from the words of the predicate.

A figure's measure comes from, in order: the counted noun ("4,700 casualties"), the verb
after it when the figure is the subject ("12,000 troops are mustering", "1,500 have
arrived"), the verb before it when the figure is the object ("preparing to send 10,000
troops", "has sent 3,000"). A sending verb under a modal or a plan ("will send", "plans to
deploy", "are being sent") means ``pledged_or_preparing``; sent "to the front" means
``deployed_to_front``; "not sent" means the claimant ``denies``.

Example:
    >>> cue = next(measure_cues("troops are mustering in Russia"))
    >>> cue.measure, cue.text
    ('mustering_in_russia', 'mustering')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

__all__ = [
    "Cue",
    "measure_cues",
    "cue_at",
    "cue_before",
    "is_planned",
    "is_negated",
    "front_after",
    "stance_cue",
    "SEND_MEASURES",
]

_SEND_OBJ = r"(?:send|deploy|dispatch|transfer|move|provide|supply|station|commit|mobili[sz]e)"

# Order matters where alternatives start at the same word: the longer one comes first.
_CUES: list[tuple[str, str]] = [
    (
        "casualties",
        r"(?:battle|combat)\s+(?:casualties|losses)|killed\s+(?:or|and|and/or)\s+(?:[a-z]+ly\s+)?(?:wounded|injured)|dead\s+(?:or|and)\s+(?:[a-z]+ly\s+)?(?:wounded|injured)"
        r"|(?:wounded|injured)\s+(?:or|and)\s+killed|casualt(?:y|ies)|losses"
        r"|(?:has|have|had)\s+lost(?!\s+(?:their|its|his|her)\b)|lost(?=\s+(?:about|around|roughly|some|nearly|over|more|at|up|\d))"
        r"|(?:were|was|been|are|is|being)\s+lost|losing(?=\s+(?:about|around|roughly|some|nearly|over|more|at|up|as|\d))",
    ),
    ("captured", r"taken\s+(?:as\s+)?(?:prisoners?|captives?)|taken\s+alive|prisoners?\s+of\s+war|in\s+captivity"),
    (
        "other",
        r"(?:sent|flown|shipped|taken|brought|returned|transported)\s+(?:back\s+)?home|repatriat\w+"
        r"|(?:gone|went|go|are|were|is|was|reported)\s+missing|missing\s+in\s+action|unaccounted\s+for"
        r"|(?:gone|went|going|go|come|came|coming|been\s+sent|sent|pulled|flown|rotated)\s+back(?:\s+home)?"
        r"|walk(?:ed|ing)?\s+(?:away|off)|fled|abandon(?:ed|ing)\s+(?:their\s+)?(?:posts?|positions?|units?)",
    ),
    (
        "pledged_or_preparing",
        rf"prepar(?:e|es|ed|ing)\s+to\s+{_SEND_OBJ}\w*|plan(?:s|ned|ning)?\s+to\s+{_SEND_OBJ}\w*"
        rf"|plans?\s+(?:for|of)\s+(?:sending|deploying|dispatching|the\s+(?:dispatch|deployment))"
        r"|order(?:ed|s)?\s+(?:the\s+)?(?:dispatch|deployment|sending)|order(?:ed|s)?\s+to\s+(?:send|dispatch|deploy)"
        r"|order(?:ed|s)?(?=\s+(?:some|about|around|roughly|up|another|an?|\d))"
        r"|pledg(?:e|ed|es|ing)|promis(?:e|ed|es|ing)|earmark(?:ed|s)?|expected|readying|(?:being\s+)?readied"
        r"|additional\s+deployments?|next\s+deployments?|further\s+deployments?|future\s+deployments?"
        r"|heading\s+(?:to|for|toward|towards)|bound\s+for|on\s+(?:their|the)\s+way|en\s+route|being\s+prepared"
        r"|ready\s+to\s+(?:join|fight|deploy|be\s+(?:sent|deployed)|go|leave)"
        r"|prepar(?:e|es|ed|ing)|plan(?:s|ned|ning)?(?=\s+(?:to\s+send\s+)?(?:some|about|around|roughly|up|as|another|an?|\d))"
        r"|intend(?:s|ed|ing)?|(?:could|would|will|may|might)\s+(?:\w+\s+)?(?:grow|reach|climb|rise|swell|increase|total|exceed|top)"
        r"|recruitment|(?:new|next|another|fresh|third|fourth)\s+(?:dispatch|deployment|wave|batch|rotation)"
        r"|recruit(?:ing|ed)|mobili[sz](?:ing|ed)|gearing\s+up|lin(?:ed|ing)\s+up(?=\s+(?:for|to)\b)"
        r"|(?:could|may|might|will|would|to)\s+follow",
    ),
    (
        "deployed_to_front",
        r"(?:at|on|to|along|near)\s+the\s+front(?:[\s-]*lines?)?|front[\s-]*lines?|frontlines?"
        r"|on\s+the\s+battlefield|to\s+the\s+battlefield|in\s+the\s+(?:combat|war)\s+zone"
        r"|(?:near|along|on|at|close\s+to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:borders?|frontier)|in\s+(?:the\s+)?trenches|line\s+of\s+contact"
        r"|(?:toward|towards|to|into)\s+the\s+fighting"
        r"|(?:(?:close\s+to|near|into|in|to|toward|towards|approaching|nearing)\s+)?(?:the\s+)?(?:combat|battle|war)\s+(?:zones?|areas?)|to\s+the\s+(?:Ukraine|Ukrainian)\s+war"
        r"|approach(?:ing|ed)\s+(?:the\s+)?(?:front|battle|combat|fighting)|guard(?:ing|s|ed)?\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}borders?"
        r"|(?:close\s+to|near|next\s+to)\s+(?:the\s+)?(?:Ukraine|Ukrainian\s+border|border\s+with\s+Ukraine)"
        r"|to\s+the\s+war\s+(?:in|against|on)\s+Ukraine|to\s+(?:fight\s+)?(?:in|against)\s+Ukraine",
    ),
    (
        "mustering_in_russia",
        r"muster(?:ing|ed|s)?|(?:being\s+)?train(?:ing|ed|s)?|undergo(?:ing|es)?\s+training"
        r"|gather(?:ing|ed)?|mass(?:ing|ed)|amass(?:ing|ed)|assembl(?:ing|ed|e)|concentrat(?:ing|ed)"
        r"|acclimati[sz](?:ing|ed)|drill(?:ing|ed)|doing\s+(?:\w+\s+)?training|photographed"
        r"|(?:captured|caught)\s+on\s+(?:camera|film|video|tape)|filmed|st(?:ood|and|ands|anding)\s+in\s+formation"
        r"|lin(?:ed|ing)\s+up(?=\s+(?:on|in|at)\b)"
        r"|(?:being\s+)?taught|learning|instructed|(?:going|gone|went)\s+through\s+(?:\w+\s+)?training",
    ),
    (
        "in_combat",
        r"fight(?:ing|s)?|fought|in\s+combat|combat\s+(?:operations|missions|positions|duty|duties)"
        r"|engaged\s+in\s+(?:combat|battles?|fighting|hostilities)|battl(?:e|es|ing)|assaults?"
        r"|storm(?:ing|ed)|(?:took|taking|take|takes)\s+part\s+in\s+(?:the\s+)?(?:fighting|combat|battles?|assaults?|hostilities)"
        r"|participat(?:e|ed|es|ing)\s+in\s+(?:the\s+)?(?:fighting|combat|battles?|assaults?|hostilities)"
        r"|involved\s+in\s+(?:the\s+)?(?:combat|fighting|hostilities|battles?)|in\s+action"
        r"|entered\s+(?:into\s+)?(?:combat|the\s+fighting|the\s+fight|battle|the\s+war)"
        r"|joined\s+(?:the\s+)?(?:fighting|fight|combat|battles?|assaults?)"
        r"|(?:seen|see|saw|seeing)\s+(?:\w+\s+)?(?:combat|action|fighting)",
    ),
    (
        "killed",
        r"killed(?:\s+in\s+action)?|kill(?:ing|s)?|KIA|war\s+dead|dead|deaths?|died|dying|fatalit(?:y|ies)|fatally|(?<=of\sthem\s)fatal\b|perished"
        r"|lost\s+their\s+lives|slain|(?:the\s+)?remains\s+of|coffins\s+of"
        r"|fallen(?=\s+(?:North\s+Korean\s+)?(?:soldiers|troops|servicemen|comrades|heroes|fighters))"
        r"|(?<=who\s)(?:had\s+|have\s+)?fallen\b",  # "101 soldiers who had fallen"
    ),
    ("wounded", r"wounded|injured|injur(?:y|ies)|maimed|(?:were|was|been|are|is)\s+(?:\w+ly\s+)?hurt"),
    ("captured", r"captured|captur(?:e|es|ing)|prisoners?|POWs?|captives?|surrendered|seized"),
    (
        "other",
        r"return(?:ed|ing|s)?(?:\s+home)?|withdr(?:ew|awn|awing)|rotated\s+out|pulled\s+(?:out|back)"
        r"|(?:sent|flown|taken|brought|shipped)\s+(?:back|home)"
        r"|repatriated|evacuated|deserted|defected",
    ),
    (
        "arrived_in_russia",
        r"arriv(?:e|ed|es|ing|al)|sent|send(?:s|ing)?|dispatch(?:ed|es|ing)?|deploy(?:ed|s|ing|ment|ments)?"
        r"|redeploy(?:ed|s|ing)?|transport(?:ed|ing)?|transferr(?:ed|ing)|shipped|ferried|flown|airlifted"
        r"|mov(?:e|es|ed|ing)|entered|crossed|stationed|based|present|landed|relocated|brought|provided|supplied"
        r"|reach(?:ed|es|ing)?|positioned|trucked|bused|bussed|carried|arrivals?|deliver(?:ed|ing|s)?|flew|fly|flying"
        r"|(?:got|gotten|made\s+it)\s+(?:there|to)|(?:are|were|is|was|be|been)\s+(?:already\s+|now\s+|still\s+)?(?:in\s+place|there)"
        r"|went|gone\s+(?:on\s+)?(?:to|in)|end(?:ed|s)?\s+up|holds|housed|houses|housing|keeps|kept|maintains|thr(?:ew|own|owing)\s+into|travel(?:led|ed|ling|ing|s)?(?=\s+(?:to|into|on\s+to))"
        r"|committed|receiv(?:ed|es|ing)|hosts?|hosted|hosting|rotat(?:ed|ing|es?)\s+(?:through|into|to|in)|rotat(?:ed|ing)"
        r"|(?:are|were|is|was|be|remain|remained|remaining)\s+(?:now\s+|still\s+|already\s+)?(?:in|inside)(?=\s+(?:the\s+)?(?-i:[A-Z]))",
    ),
]

SEND_MEASURES = frozenset({"arrived_in_russia", "deployed_to_front"})

_GROUPS = {f"m{i}": measure for i, (measure, _) in enumerate(_CUES)}
_CUE = re.compile(
    "|".join(rf"(?P<m{i}>\b(?:{pattern})\b)" for i, (_, pattern) in enumerate(_CUES)),
    re.IGNORECASE,
)

# Words a subject may have between itself and its verb ("troops have already been sent").
_AUX = re.compile(
    r"(?:\s*,)?\s*(?:(?:more|others?|additional|extra)\s+)?(?:(?:who|that|which|of\s+whom|of\s+them|of\s+which)\s+)?(?:(?:they|it)\s+)?"
    r"(?:(?:have|has|had|are|is|were|was|be|been|being|will|would|could|may|might|should|must"
    r"|already|reportedly|allegedly|now|also|still|so\s+far|recently|likely|currently|then"
    r"|all|just|soon|later|subsequently|mostly|eventually|apparently|reported|said|believed"
    r"|thought|estimated|understood|known|to|getting|get|got|not|never|only|since"
    r"|in\s+total|altogether|newly|further|probably|possibly|presumably|officially|either|become|became"
    r"|remain|remains|remained|stay|stays|stayed)\s+){0,6}",
    re.IGNORECASE,
)
# Plan or modality before a sending verb: "will send", "plans to deploy", "being sent".
_PLANNED = re.compile(
    r"\b(?:will|would|could|may|might|shall|to|plans?|planned|planning|prepar\w*|expected"
    r"|ready|intends?|intended|going|set|about|poised|likely|order\w*|agree\w*|decid\w*"
    r"|pledg\w*|promis\w*|vow\w*|offer\w*|being|be|considering|consider|weighing|want\w*"
    r"|seek\w*|soon|capable\s+of|able)\s+(?:\w+\s+){0,2}$"
    # "planning a third wave of | deployment"
    r"|\b(?:plans?|planned|planning|prepar\w*|readying|consider\w*)\s+(?:(?:a|an|the|its|their|another|new|further|fresh"
    r"|second|third|fourth|next|large|larger|wave|round|batch|of)\s+){1,5}$",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|n['’]t\s+(?:\w+\s+)?$", re.IGNORECASE)
_PURPOSE = re.compile(r"\bto\s+$", re.IGNORECASE)

_CANNOT_CONFIRM = re.compile(
    r"\b(?:(?:could|can|would|did|does|do|has|have|had)(?:\s+not|n['’]t)\s+(?:yet\s+|independently\s+"
    r"|immediately\s+|officially\s+|publicly\s+|been\s+able\s+to\s+|be\s+able\s+to\s+)*"
    r"(?:confirm|verify|corroborate|substantiate)"
    r"|cannot\s+(?:yet\s+)?(?:independently\s+)?(?:confirm|verify|corroborate)"
    r"|unable\s+to\s+(?:independently\s+)?(?:confirm|verify|corroborate)"
    r"|not\s+(?:been\s+)?able\s+to\s+(?:independently\s+)?(?:confirm|verify)"
    r"|no\s+(?:[“\"'‘]?[\w-]+[”\"'’]?\s+){0,2}(?:information|evidence|confirmation|indications?|signs?)"
    r"|(?:neither|not)\s+(?:to\s+)?confirm(?:ed|s)?\s+n?or\s+den(?:y|ied|ies)"
    r"|declined\s+to\s+confirm|not\s+in\s+a\s+position\s+to\s+confirm"
    r"|(?:could|can)\s*not\s+be\s+(?:independently\s+)?(?:confirmed|verified)"
    r"|(?:too\s+early|premature)\s+to\s+confirm)\b",
    re.IGNORECASE,
)
_DENIES = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|ed|es|ing)|rebuff(?:ed|s)?"
    r"|(?:dismiss|reject)(?:ed|es|s|ing)?\s+(?:the\s+|such\s+|these\s+|those\s+)?(?:reports?|claims?|allegations?|accusations?|speculation)"
    r"|dismiss(?:ed|es|ing)?\s+\w+\s+as|dismiss(?:ed|es|ing)?\s+as\s+(?:[\w-]+\s+){1,3}?(?:the\s+)?(?:reports?|claims?|allegations?)|fake\s+news|baseless|groundless|(?:false|fabricated)\s+(?:reports?|claims?|information))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A measure word in text: span, measure and the matched words."""

    start: int
    end: int
    measure: str
    text: str


def _cue(m: re.Match[str]) -> Cue:
    return Cue(m.start(), m.end(), _GROUPS[m.lastgroup or ""], m.group())


def measure_cues(text: str, start: int = 0, end: int | None = None) -> Iterator[Cue]:
    """All measure words in ``text[start:end]`` in order."""
    for m in _CUE.finditer(text, start, len(text) if end is None else end):
        yield _cue(m)


def cue_at(text: str, pos: int, end: int) -> Cue | None:
    """The measure verb of a subject ending at ``pos`` ("... troops have already arrived")."""
    lead = pos
    while lead < end and text[lead] in " ,":
        lead += 1
    m = _CUE.match(text, lead, end)  # "were in the Kursk region": the verb itself is the cue
    if m is not None:
        return _cue(m)
    aux = _AUX.match(text, pos, end)
    at = aux.end() if aux else pos
    done = _DONE_THEN.match(text, at, end)
    if done is not None:  # "has completed its training and moved to Kursk": the later verb is the claim
        aux = _AUX.match(text, done.end() - 1, end)
        at = aux.end() if aux else done.end()
    m = _CUE.match(text, at, end)
    if m is None and at < end and text[at : at + 1] == " ":
        m = _CUE.match(text, at + 1, end)
    if m is None and aux is not None and aux.end() > pos:
        # the cue may start inside the auxiliaries: "have already got there"
        for w in reversed(list(re.finditer(r"(?<=\s)\w", text[pos : aux.end()]))):
            if text.endswith("to ", pos, pos + w.start()):
                continue  # "said to be already in Russia" is read below
            m = _CUE.match(text, pos + w.start(), end)
            if m is not None:
                break
    if m is None and _BE_BEFORE.search(text, pos, at):
        place = _IN_PLACE.match(text, at, end)  # "would likely be in Russia", "said to be already in Russia"
        if place is not None:
            return Cue(place.start(1), place.end(1), "arrived_in_russia", place.group(1))
    return _cue(m) if m else None


_DONE_THEN = re.compile(
    r"\s*(?:completed|finished|ended|wrapped\s+up)\s+(?:(?:its|their|the|her|his)\s+)?(?:[\w-]+\s+)?"
    r"(?:training|drills?|preparations?)(?:\s+in\s+[\w' ]{1,30}?)?\s*,?\s+and\s+",
    re.IGNORECASE,
)
_BE_BEFORE = re.compile(r"\b(?:are|were|is|was|be|been|remain\w*)\s+(?:\w+\s+)?$", re.IGNORECASE)
_IN_PLACE = re.compile(
    r"\s*((?:in|inside|on\s+Russian\s+(?:soil|territory)))(?=\s+(?:the\s+)?(?:[a-z]+ern\s+)?[A-Z]|\b)"
)


_OBJECT_GAP = re.compile(
    r"^(?:\s+(?:the|a|an|of|some|its|their|his|her|to|up|about|another|additional|further"
    r"|an\s+additional|a\s+further|roughly|around|nearly|almost|over|at\s+least|as\s+many\s+as"
    r"|more\s+than|approximately|an\s+estimated|estimated|total\s+of|a\s+total\s+of|by|yet|also"
    r"|already|only|just|of\s+at\s+least|a\s+contingent\s+of|a\s+force\s+of|group\s+of|unit\s+of|first|second|third|fourth|initial|new|fresh|more|so\s+far|batch\s+of|wave\s+of|contingent\s+of|deployment\s+wave\s+of))*\s*,?\s*$",
    re.IGNORECASE,
)


# "sent 10 million shells and 14,000 troops", "provided Moscow with 12,000 troops"
_COORDINATED_GAP = re.compile(
    r"^\s+(?:(?:[A-Z][\w'’.-]*\s+){1,3}with\s+"
    r"|[^.;:!?\d]{0,10}[\d.,]*[^.;:!?]{0,50}?\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+)$"
)


def cue_before(text: str, pos: int, start: int) -> Cue | None:
    """The verb whose object is a figure starting at ``pos`` ("has sent around 3,000")."""
    window_start = max(start, pos - 70)
    last = None
    # a little past ``pos``: a cue may look ahead at the figure ("lost around 350")
    for m in _CUE.finditer(text, window_start, min(len(text), pos + 16)):
        if m.end() > pos:
            break
        last = m
    if last is None:
        return None
    gap = text[last.end() : pos]
    if not (_OBJECT_GAP.match(gap) or _COORDINATED_GAP.match(gap)):
        return None
    return _cue(last)


def is_planned(text: str, cue: Cue, start: int) -> bool:
    """True when a sending verb is under a plan or a modal ("preparing to send", "will be sent")."""
    before = text[max(start, cue.start - 40) : cue.start]
    if re.search(
        r"\bto\s+have\s+(?:been\s+)?$|\b(?:said|believed|thought|reported|estimated|understood"
        r"|known|assessed)\s+to\s+(?:be\s+|have\s+)?(?:been\s+)?(?:\w+\s+)?$",
        before,
        re.IGNORECASE,
    ):
        return False  # "believed to have been sent", "said to be already in": done, not planned
    if re.search(r"\b(?:may|might|could|must|would)\s+(?:\w+\s+)?have\s+(?:been\s+)?(?:\w+\s+)?$", before, re.I):
        return False  # "may since have sent": a guess about the past, not a plan
    if re.search(r"\b(?:used|using|employed|mobilised|mobilized|chartered)\s+(?:\w+\s+){0,3}to\s+$", before, re.I):
        return False  # "had used aircraft to move 7,000": a done deed's means, not a plan
    if re.match(r"(?i)(?:are|were|is|was|have|has|had)\b", cue.text) and not re.search(
        r"(?i)\b(?:(?:will|would|could|may|might)\s+(?:\w+\s+)?|to\s+)$", before[-20:]
    ):
        return False  # "engineers belonging to it are already there": a state, not a plan
    return bool(_PLANNED.search(before))


def is_negated(text: str, cue: Cue, start: int) -> bool:
    """True when the verb is negated ("has not sent")."""
    return bool(_NEGATED.search(text[max(start, cue.start - 25) : cue.start]))


def is_purpose(text: str, cue: Cue, start: int) -> bool:
    """True when the verb is an infinitive of purpose ("sent to fight")."""
    return bool(_PURPOSE.search(text[max(start, cue.start - 4) : cue.start]))


_FRONT_OBJECT = re.compile(
    r"\s+((?:the\s+)?(?:fighting|front(?:[\s-]*lines?)?|frontlines?|battlefield|combat\s+zones?|battle\s+zones?))\b",
    re.IGNORECASE,
)


def front_after(text: str, pos: int, end: int) -> Cue | None:
    """A front-line destination soon after a sending verb ("deployed to the front line")."""
    bare = _FRONT_OBJECT.match(text, pos, end)  # "heading toward | the fighting"
    if bare is not None:
        return Cue(bare.start(1), bare.end(1), "deployed_to_front", bare.group(1))
    reach = min(end, pos + 140)
    stop = _OTHER_CLAUSE.search(text, pos, reach)  # "..., while 10,000 guard the border"
    for cue in measure_cues(text, pos, stop.start() if stop else reach):
        if cue.measure == "deployed_to_front":
            return cue
    return None


_OTHER_CLAUSE = re.compile(
    r"[;:]|,\s+(?:while|whereas|but|and\s+(?:some|about|around|roughly|another|\d))\b"
    r"|\b(?:after|before|when|since|until|once)\s+(?:its|their|the|they|it|North)\b"  # "after its troops were pulled back"
)


def stance_cue(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """``("cannot_confirm" | "denies", start, end)`` of the first stance phrase, if any.

    Example:
        >>> s = "It could not independently confirm the reports."
        >>> stance_cue(s, 0, len(s))[0]
        'cannot_confirm'
    """
    m = _CANNOT_CONFIRM.search(text, start, end)
    if m:
        return "cannot_confirm", m.start(), m.end()
    m = _DENIES.search(text, start, end)
    if m:
        return "denies", m.start(), m.end()
    return None
