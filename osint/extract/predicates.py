"""Second readings of a figure's predicate, after its first cue gave a measure.

Whole articles say things the nearest verb gets wrong: a photo that "captures" troops shows
them; soldiers "lost" are the dead; troops "sent by North Korea ... have died" take the verb
after the relative clause; officers "among 20 killed" share the fate of the whole; troops
"in training" are mustering; soldiers "it holds" are prisoners.

Example:
    >>> from osint.extract import extract_records
    >>> [r["measure"] for r in extract_records(
    ...     "At least 250 soldiers sent by North Korea to fight for Russia have died, the agency said.")]
    ['killed']
"""

from __future__ import annotations

import re

from .measures import SEND_MEASURES, Cue, cue_at, measure_cues
from .nouns import NounPhrase
from .numbers import Figure

__all__ = ["CASUALTY_MEASURES", "refine_measure"]

#: Measures that tell of fighting and its toll (a fate, not a whereabouts).
CASUALTY_MEASURES = frozenset({"killed", "wounded", "captured", "casualties", "in_combat"})

# "bases hosting 12,000 troops for training"
_FOR_TRAINING = re.compile(
    r"\s+(?:(?:were|are|was|is|still|now|currently)\s+)*(?:for|in|under)\s+(?:\w+\s+)?(?:training|drills|exercises)\b",
    re.IGNORECASE,
)

# "the two soldiers it holds": prisoners
_OWN_LOSS = re.compile(
    r"\b(?:it|itself|its\s+own)\s+(?:(?:had|has|have)\s+)?$"
    r"|\b(?:said|says|indicated|indicates|admitted|admits|acknowledged|acknowledges|conceded)\s+"
    r"(?:(?:that\s+)?it\s+(?:(?:had|has)\s+)?)?$"
)
_HELD_BY = re.compile(
    r"\s+(?:it|they|Kyiv|Ukraine|Ukrainian\s+forces)\s+(?:holds|is\s+holding|are\s+holding|has\s+captured"
    r"|captured|took|has\s+taken|detained|has\s+detained)\b"
    # "the two North Korean soldiers held by Ukraine"
    r"|\s+(?:(?:now|still|currently)\s+)?(?:held|detained|kept)\s+(?:captive\s+)?(?:by|in)\s+(?:Kyiv|Ukraine|Ukrainian)"
)

# "six officers were among 20 killed": the part shares the fate of the whole
_AMONG = re.compile(r"(?i)\s+(?:were|was|are|is)\s+(?:reportedly\s+|also\s+)?among\s+")

_CLAUSE_SPLIT_AT = re.compile(r"[;:]|,\s+(?:and|but|while)\s")

# a picture as the subject of "captures": what it shows, not prisoners
_PICTURE_SUBJECT = re.compile(
    r"(?i)\b(?:photos?|photographs?|images?|imagery|pictures?|footage|video|camera|frames?)\b"
)
_CAPTORS = re.compile(r"(?i)\b(?:troops|forces|soldiers|units|paratroopers|servicemen|fighters|army|military)\b")
_MAIN_VERB = re.compile(
    r"(?<=\s)(?:have|has|had|were|was)\s+(?:(?:since|now|already|reportedly|all|also|probably)\s+)*"
)
_FINITE_BEFORE = re.compile(r"\b(?:have|has|had|were|was|are|is|been|be|will|would|did)\s+(?:\w+\s+)?$")
_OTHER_SUBJECT = re.compile(r"\d|\b(?:who|which|that|adding|saying|of\s+them|of\s+whom)\b|,")
_WHO_CLAUSE = re.compile(r"\s+(?:who|that)\s+(?:had|have|has|were|was)\s+")
_BACK_HOME = re.compile(
    r"(?:\s+(?:or|and)\s+\w+(?:\s+by\s+\w+)?)?\s+(?:back\s+)?(?:home|back)\b|[^.;]{0,30}?\bback\s+to\s+(?:North\s+Korea|the\s+North|Pyongyang)\b"
)
_OWN_SUBJECT = re.compile(
    r"\b(?:North\s+Korea|Pyongyang|Kim(?:\s+Jong[\s-]un)?|the\s+North|it|they)\s+(?:has|have|had)\s+(?:\w+\s+)?$"
)
_LOST_PEOPLE = re.compile(r"(?i)soldiers|troops|men|servicemen|fighters|lives")


def refine_measure(
    text: str,
    start: int,
    end: int,
    fig: Figure,
    np: NounPhrase | None,
    phrase_end: int,
    cue: Cue | None,
    measure: str,
    why: list[str],
) -> tuple[Cue | None, str]:
    """The cue and measure of ``fig`` in the sentence ``text[start:end]`` after the second
    readings above; each change is noted in ``why``."""
    if (
        measure == "captured"
        and cue is not None
        and cue.start < fig.start
        and (shot := _PICTURE_SUBJECT.search(text, start, cue.start)) is not None
        and not _CAPTORS.search(text, shot.end(), cue.start)
    ):
        measure = "mustering_in_russia"  # "another photo captures about 240 North Koreans at a base"
        why.append(f"seen in '{shot.group()}', not taken prisoner")
    if measure == "arrived_in_russia" and _FOR_TRAINING.match(text, phrase_end, end):
        measure = "mustering_in_russia"
        why.append("present for training")
    if np is not None and _HELD_BY.match(text, phrase_end, end):
        measure = "captured"
        why.append("held by the other side")
    if (
        measure == "casualties"
        and cue is not None
        and cue.start < fig.start
        and re.search(r"(?i)\blos(?:t|ing|e)$", cue.text)
        and np is not None
        and _LOST_PEOPLE.fullmatch(np.head)
        and _OWN_LOSS.search(text, max(start, cue.start - 40), cue.start)
    ):
        # "Pyongyang has indicated it lost around 350 soldiers": a side's own count of the soldiers it
        # lost counts its dead; others' "lost more than 200 troops" stays casualties
        measure = "killed"
        why.append(f"'{cue.text} ... {np.head}': the dead")
    participle = cue is not None and measure == "in_combat" and cue.text.lower().startswith("fighting")
    if (measure in SEND_MEASURES or participle) and cue is not None and cue.start >= fig.end:
        # "300 soldiers sent by North Korea to fight for Russia have died": the sending is a
        # relative clause; the clause's own verb comes after it (so is "fighting on Russia's side")
        main = _MAIN_VERB.search(text, cue.end, min(end, cue.end + 90))
        fate = cue_at(text, main.end(), end) if main is not None else None
        if (
            main is not None
            and fate is not None
            and fate.measure in CASUALTY_MEASURES
            and not _CLAUSE_SPLIT_AT.search(text, cue.end, main.start())
            and (
                not _FINITE_BEFORE.search(text, phrase_end, cue.start)  # "has sent": the clause's own verb
                or _OWN_SUBJECT.search(text, phrase_end, cue.start)  # "the troops North Korea has sent ... have died"
            )
            and not _OTHER_SUBJECT.search(text, cue.end, main.start())  # "..., and 3,800 of them had"
        ):
            cue, measure = fate, fate.measure
            why.append(f"measure: verb '{fate.text}' after a relative clause")
    if measure not in ("killed", "wounded", "casualties", "captured") and (
        rel := _WHO_CLAUSE.match(text, phrase_end, end)
    ):
        # "1,100 soldiers who had recently seen combat had been killed or wounded": the main verb
        main = _MAIN_VERB.search(text, rel.end(), min(end, rel.end() + 80))
        fate = cue_at(text, main.end(), end) if main is not None else None
        if fate is not None and fate.measure in ("killed", "wounded", "casualties", "captured"):
            cue, measure = fate, fate.measure
            why.append(f"measure: verb '{fate.text}' after a relative clause")
    if measure in SEND_MEASURES and cue is not None and _BACK_HOME.match(text, cue.end, min(end, cue.end + 60)):
        measure = "other"  # "2,000 wounded soldiers had been flown back to North Korea": a return
        why.append("sent back home")
    among = _AMONG.match(text, phrase_end, end)
    if among is not None and measure not in CASUALTY_MEASURES:
        fate = next((c for c in measure_cues(text, among.end(), end) if c.measure in CASUALTY_MEASURES), None)
        if fate is not None and not _CLAUSE_SPLIT_AT.search(text, among.end(), fate.start):
            measure = fate.measure  # "six officers were among 20+ personnel killed": their fate
            why.append(f"measure: among those '{fate.text}'")
    return cue, measure
