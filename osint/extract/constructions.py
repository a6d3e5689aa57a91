"""Constructions that give a troop figure without the common "<figure> <troops> <verb>":
a figure that is the value of a counted phrase ("puts casualties at 3,000"), a new total
("bringing the total to 14,000"), a figure set off by dashes after the troops it counts, a
bare figure in a sentence about the troops, and the measure cue nearest a figure when no
construction links one.

Example:
    >>> counts_a_thing(" containers of shells", 0, 21), counts_a_thing(" have arrived", 0, 13)
    (True, False)
"""

from __future__ import annotations

import re

from . import places as _places
from .dates import MONTH_NAME
from .document import Candidate, Document
from .measures import Cue, cue_at, front_after, measure_cues
from .nouns import ABOVE_VERBS, TROOP_WORDS, NounPhrase, counted_before
from .numbers import Figure
from .owners import kind_referred_to, speaker_spans, topic_force, troop_owner_in
from .personnel import personnel_of, personnel_of_words


# "raised the estimate of X to 3,000": the figure is the new value of the phrase.
RAISED_TO = re.compile(
    r"\b(?:raised|raising|raises|revised|revising|revises|increased|lifted|upped|lowered|cut)\s+"
    r"(?P<np>[^,.;:]{1,90}?)\s+to\s+$",
    re.IGNORECASE,
)


PREVIOUS_ESTIMATE = re.compile(
    r"\b(?:previous|earlier|initial|prior|original|former|first)\s+(?:estimates?|figures?|assessments?|counts?)"
    r"\s+of\s+$|\bup\s+from\s+$|\bfrom\s+(?:an?\s+)?(?:earlier|previous|initial|prior)\s+$",
    re.IGNORECASE,
)


def place_in_phrase(doc: Document, i: int, fig: Figure) -> _places.Place | None:
    """The place named inside the phrase a figure is the value of ("the contingent in Kursk")."""
    put = counted_before(doc.text, doc.sentences[i].start, fig.start)
    if put is None:
        return None
    for m in re.finditer(r"\s(?=(?:in|inside|near)\s)", doc.text[put.start : put.end]):
        place = _places.find_place(doc.text, put.start + m.start(), put.end)
        if place is not None:
            return place
    return None


_CLAUSE_BREAK = re.compile(
    r"[;:]|\s[—–]\s|,\s+(?:but|while|whereas|although)\b|,\s+(?:an?\s+\w+\s+)?(?:at|by|in|from)\s+which\b"
)


# "the real number of North Korean soldiers in the country - about 12,000 -", "(some 12,000)"
_APPOSITION = re.compile(r"(?P<np>[^,;:()\-–—]{3,100}?)\s*(?:\s[-–—]|\()\s*$")


_IN_COUNTRY = re.compile(r"\b(?:in|inside)\s+(?:the\s+country|Russia|(?:the\s+)?[A-Z][\w'’-]+)|\bon\s+Russian\s+soil")


def appositive(doc: Document, i: int, fig: Figure) -> Candidate | None:
    """A figure set off by dashes or brackets after the troops it counts."""
    text = doc.text
    s = doc.sentences[i]
    m = _APPOSITION.search(text, max(s.start, fig.start - 110), fig.start)
    if m is None or not text[fig.end : fig.end + 3].lstrip().startswith(("-", "–", "—", ")")):
        return None
    phrase = m.group("np")
    troop = TROOP_WORDS.search(phrase)
    if troop is None or not any(
        mention.code == doc.force and m.start() <= mention.start < m.end("np") for mention in doc.force_mentions(i)
    ):
        return None
    cue = next(measure_cues(text, m.start("np"), m.end("np")), None)
    if cue is not None:
        measure, why = cue.measure, f"measure: '{cue.text}' in the phrase it counts"
    elif _IN_COUNTRY.search(phrase):
        measure, why = "arrived_in_russia", "measure: troops present in a place"
    else:
        return None
    place = None
    where = re.search(r"\s(?=(?:in|inside|near)\s+[A-Z])", phrase)
    if where is not None:
        place = _places.find_place(text, m.start("np") + where.start(), m.end("np"))
    c = Candidate(
        i,
        fig.start,
        m.start("np"),
        fig.end,
        fig,
        measure,
        "asserts",
        doc.force,
        0.75,
        ["figure set off after the troops it counts", why],
        place,
    )
    c.personnel = personnel_of(text, None, m.start("np"), m.end("np"))
    return c


def new_total(doc: Document, i: int, fig: Figure, last: Candidate | None) -> Candidate:
    """ "sent 3,000 more, bringing the total to 14,000": the total, of the same count as ``last``
    (with none before, a projection when the sentence expects it, else a presence)."""
    if last is None:
        s = doc.sentences[i]
        planned = EXPECTS.search(doc.text, s.start, fig.start)
        measure = "pledged_or_preparing" if planned else "arrived_in_russia"
        c = Candidate(
            i,
            fig.start,
            fig.start,
            fig.end,
            fig,
            measure,
            "asserts",
            doc.force,
            0.6,
            ["figure: a new total", "measure: " + ("expected" if planned else "troops counted")],
        )
        c.personnel = personnel_of(doc.text, None, s.start, s.end, doc.memo, i, speaker_spans(doc, i))
        return c
    why = ["figure: the new total of the count before", f"measure: that of the figure before ({last.measure})"]
    start = doc.text.rfind(" ", doc.sentences[i].start, max(doc.sentences[i].start, fig.start - 1)) + 1
    start = max(start, last.quote_end + 1)
    c = Candidate(
        i,
        fig.start,
        start,
        fig.end,
        fig,
        last.measure,
        last.stance,
        last.force,
        last.confidence - 0.1,
        why,
        last.location,
    )
    c.personnel = last.personnel
    c.origin = last.origin
    return c


_FIGURE_NEXT = re.compile(
    r"\s+(?:(?:some|about|around|roughly|nearly|almost|over|more\s+than|up\s+to|at\s+least|as\s+many\s+as"
    r"|another|a\s+further|an\s+estimated)\s+)?\d"
)


_ANOTHER_FIGURE = re.compile(r"\d|\b(?:hundred|thousand)\b")


def nearest_cue(doc: Document, i: int, fig: Figure, phrase_end: int) -> Cue | None:
    """The measure cue of the figure's clause nearest to it, when no construction links one.

    "described the roughly 12,000 troops as special forces deployed in Kursk": ``deployed``.
    """
    text = doc.text
    s = doc.sentences[i]
    lo, hi = s.start, s.end
    for b in _CLAUSE_BREAK.finditer(text, s.start, s.end):
        if b.end() <= fig.start:
            lo = b.end()
        elif b.start() >= phrase_end:
            hi = b.start()
            break
    best: Cue | None = None
    best_gap = 10**9
    for c in measure_cues(text, lo, hi):
        if fig.start <= c.start < phrase_end:
            continue
        if c.start >= phrase_end and _ANOTHER_FIGURE.search(text, phrase_end, c.start):
            continue  # "11,000 soldiers, and roughly 4,000 of them became casualties": the other figure's verb
        if c.start >= phrase_end and _FIGURE_NEXT.match(text, c.end, hi):
            continue  # "... and is losing some 92 soldiers": the verb of the next figure
        if c.start >= phrase_end and _GROWTH.search(c.text):
            continue  # "10,900 to 12,000, and that the total could increase": the future, not this count
        gap = fig.start - c.end if c.end <= fig.start else c.start - phrase_end
        if gap < best_gap:
            best, best_gap = c, gap
    return best


def raised_to(text: str, start: int, fig_start: int) -> NounPhrase | None:
    if not text.endswith("to ", max(start, fig_start - 3), fig_start):
        return None
    m = RAISED_TO.search(text, max(start, fig_start - 120), fig_start)
    if not m or not TROOP_WORDS.search(m.group("np")):
        return None
    phrase = m.group("np")
    cue = next(measure_cues(phrase), None)
    return NounPhrase(
        m.start("np"), m.end("np"), "estimate", "troops", phrase, m.start("np"), True, cue.measure if cue else None
    )


EXPECTS = re.compile(r"(?i)\b(?:expects?|expected|expecting|will|would|could|may|might|plans?|planned|projected)\b")


BARE_TOTAL_PHRASE = re.compile(r"(?i)\b(?:total|number|tally|count|estimate|assessment|figure)$")


ESTIMATE_WORD = re.compile(r"(?i)\b(?:estimate|assessment|count|figure|reckoning|tally)\b")


MODAL_AFTER = re.compile(
    r"(?:\s*,)?(?:\s+(?!and\b|but\b|said\b)[\w'’-]+){0,4}?\s+(?:will|would|could|may|might|(?:is|are)\s+(?:expected|set|likely)\s+to)\b"
    # "would be exhausted by April": what would happen to them, not troops still to come
    r"(?!\s+(?:\w+\s+)?(?:be\s+)?(?:exhausted|wiped|used\s+up|destroyed|depleted|lost|killed|annihilated|ground\s+down)\b)"
)


_GROWTH = re.compile(r"(?i)\b(?:grow|rise|climb|increase|swell)\b")
MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|may|might|expected\s+to|set\s+to|likely\s+to|capable\s+of|able\s+to)\b"
    r"(?!\s+(?:\w+\s+){0,3}?(?:wipe|wiped|exhaust|exhausted|destroy|destroyed|deplete|depleted|annihilate"
    r"|use\s+up|used\s+up|grind|ground)\b)"  # "could wipe out a contingent of 12,000": not troops to come
)


# Words that may follow a figure that counts no noun of its own ("1,500 have arrived").
AFTER_BARE = frozenset(
    """have has had are were is was be been being will would could may might must should can
    more others other additional extra further of in into inside to from at on by with during since
    already reportedly allegedly now still so as and or but then who that which while when whom
    more total altogether strong apiece each all both so-far until till before after over near
    across along among alongside against through under per last this next early late about around
    the a an their its his her these those""".split()
)


NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


_MONTHS = rf"{MONTH_NAME}\b"


_DATE_AFTER = re.compile(rf"\s+{_MONTHS}|\s*(?:st|nd|rd|th)\b|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|hours)\b")


_DAY_BEFORE = re.compile(rf"(?:\b(?:on|since|until|till|by|from|before|after)\s+(?:{_MONTHS}\.?\s+)?|{_MONTHS}\.?\s+)$")


_THING_AFTER_CAPS = re.compile(r"(?:\s+[A-Z][\w'’-]*){1,3}\s+([a-z][a-z-]*)\b")


_COUNT_VERB_BEFORE = re.compile(
    r"(?P<np>[^,.;:]{1,60}?)\s+(?:totall?ed|totals|numbered|numbers|reached|stood\s+at|stands\s+at|came\s+to"
    r"|amounted\s+to|rose\s+to|hit)\s+$",
    re.IGNORECASE,
)


_BODY_WORDS = re.compile(
    r"(?i)\b(?:contingent|force|deployment|presence|total|number|count|tally|estimate|figure|casualt\w*|loss\w*|dead|toll)\b"
)


_BACK_REFERENCE = re.compile(r"(?i)\b(?:of|from|among|out\s+of)\s+(?:those|these|the|them|that)\s+$")


_NUMBER_OF = re.compile(r"(?i)\b(?:number|total|tally|count|toll|estimate)\s+of\s+([a-z]+)")


def loose_figure(doc: Document, i: int, fig: Figure) -> bool:
    """A figure with no construction linking it to troops, kept as a candidate when it can only
    count them: a sentence (or the one before) about the force's troops, a figure of at least
    100 that is no year, date or time, and nothing else counted after it."""
    text = doc.text
    s = doc.sentences[i]
    value = fig.high if fig.low is None else fig.low
    if value is None or value < 100 or value >= 1_000_000 or fig.wordy and value < 1000:
        return False  # small counts need their noun; millions are armies or shells, not deployments
    if re.match(r"[\s-]*(?:strong|man)\b", text[fig.end : fig.end + 8]):
        return False  # "a 1.2 million-strong military": the size of a force the noun names
    after = NEXT_WORD.match(text, fig.end, s.end)
    if after is not None and after.group(1) not in AFTER_BARE and cue_at(text, fig.end, s.end) is None:
        return False  # "170 self-propelled guns"
    if fig.qualifier == "exact" and not fig.is_range and 1900 <= value <= 2100:
        return False  # a year
    if _DATE_AFTER.match(text, fig.end, s.end) or _DAY_BEFORE.search(text, max(s.start, fig.start - 16), fig.start):
        return False
    caps = _THING_AFTER_CAPS.match(text, fig.end, s.end)
    if caps is not None and caps.group(1) not in AFTER_BARE and not TROOP_WORDS.match(caps.group(1)):
        return False  # "3,000 North Korean workers", "600 Chollima rockets"
    if re.match(r"\s*(?:(?:more|fewer|less|higher|lower)\s+)?than\b", text[fig.end : fig.end + 20]):
        return False  # "about 2,000 more than the week before": a difference
    before = text[max(s.start, fig.start - 80) : fig.start]
    if _BACK_REFERENCE.search(before):
        return False  # "Of those 4,000, ...": a figure given before
    counted = _NUMBER_OF.search(before)
    if counted is not None and not TROOP_WORDS.match(counted.group(1)):
        return False  # "the number of drones reached 5,000"
    subject = _COUNT_VERB_BEFORE.search(before)
    if subject is not None and not (TROOP_WORDS.search(subject.group("np")) or _BODY_WORDS.search(subject.group("np"))):
        return False  # "tourist entries totalled 4,039"
    if PREVIOUS_ESTIMATE.search(before):
        return False  # "up from 2,657 a year earlier", with no troop figure before it
    if not topic_force(doc, i):
        return False
    speakers = speaker_spans(doc, i)
    return (
        any(
            not any(a <= m.start() < b for a, b in speakers)
            for j in (i, i - 1)
            if j >= 0 and (j == i or doc.same_context(i, j))
            for m in TROOP_WORDS.finditer(text, doc.sentences[j].start, doc.sentences[j].end)
        )
        or doc.title_topic
    )


def counts_a_thing(text: str, pos: int, end: int) -> bool:
    """Whether a lower-case noun that is no verb follows the figure ("165,000 containers")."""
    m = NEXT_WORD.match(text, pos, end)
    if m is None or m.group(1) in AFTER_BARE:
        return False
    if _EVENTS.fullmatch(m.group(1)):
        return True  # "its first two deployments", "in three waves": events counted, not people
    return cue_at(text, pos, end) is None and not m.group(1).endswith(("ed", "ing"))


_EVENTS = re.compile(
    r"(?i)(?:(?:re)?deployments|dispatches|waves|rounds|phases|batches|rotations|stages|transfers|shipments|flights"
    r"|tranches|echelons|days|weeks|months|years|hours|times|kilometres|kilometers|km|miles|percent)"
)


#: Regions at the front line: troops sent or counted there are deployed to the front.
FRONT_REGIONS = "Kursk|Belgorod|Bryansk|Donetsk|Luhansk|Zaporizhzhia|Kherson|Donbas|Sudzha"
_IN_PLACE = re.compile(r"\b(?:in|inside)\s+(?:the\s+)?[A-Z]|\bon\s+(?:Russian|Russia['’]s)\s+(?:soil|territory)")
_FRONT_IN = re.compile(
    rf"\b(?:in|inside|at|near|to)\s+(?:the\s+)?(?:(?:Russia|Russian)(?:['’]s)?\s+)?(?:{FRONT_REGIONS})\b"
    r"|\b(?:at|on|near)\s+the\s+front"
)


def measure_in_phrase(text: str, put: NounPhrase) -> str | None:
    """The measure a counted phrase states of itself: its own cue ("the number of troops trained"),
    a front-line place ("the force in the Kursk region"), else a place ("the presence in Russia").

    Example:
        >>> from osint.extract.nouns import NounPhrase
        >>> t = "the North Korean force in the Kursk region"
        >>> measure_in_phrase(t, NounPhrase(0, len(t), "force", "troops", t, 0, True))
        'deployed_to_front'
    """
    phrase = text[put.start : put.end]
    cue = next(measure_cues(text, put.start, put.end), None)
    if cue is not None and cue.measure == "arrived_in_russia" and front_after(text, cue.end, put.end) is not None:
        return "deployed_to_front"  # "the number of soldiers deployed near Russia's border with Ukraine"
    if cue is not None and not (cue.measure == "arrived_in_russia" and _FRONT_IN.search(phrase)):
        return cue.measure
    if _FRONT_IN.search(phrase):
        return "deployed_to_front"
    if _IN_PLACE.search(phrase):
        return "arrived_in_russia"
    return None


def put_candidate(
    doc: Document,
    i: int,
    fig: Figure,
    put: NounPhrase,
    measure_before: str | None = None,
    before: tuple[Candidate, ...] = (),
) -> list[Candidate]:
    """ "puts North Korean casualties at around 3,000": the phrase before "at" is counted."""
    text = doc.text
    s = doc.sentences[i]
    head_at = text.find(put.head, put.start, put.end)
    head_at = put.end if head_at < 0 else head_at
    inside = [m for m in doc.force_mentions(i) if put.start <= m.start and m.end <= head_at]
    if inside:
        code = inside[-1].code
    elif not topic_force(doc, i):
        code = None
    elif any(m.code == doc.force for j in (i, i - 1) if j >= 0 for m in doc.force_mentions(j)):
        code = doc.force  # "Pyongyang could send more. The first contingent, which ..., numbered 14,000"
    else:
        code = troop_owner_in(doc, i) or doc.force
    if code != doc.force:
        return []
    why = [f"figure is the value of '{text[put.start : put.end]}'"]
    verb_text = text[put.end : fig.start].lower()
    if fig.qualifier == "exact" and any(v in verb_text for v in ABOVE_VERBS):
        fig = Figure(
            fig.start,
            fig.end,
            fig.num_start,
            fig.low,
            None,
            "more_than",
            fig.text,
            fig.increment,
            fig.is_range,
            fig.wordy,
        )
        why.append("lower bound from the verb")
    measure = put.measure
    if measure is None and MODAL_BEFORE.search(verb_text):
        if measure_in_phrase(text, put) == "deployed_to_front":
            # "the number of soldiers sent to the front line would probably rise to 15,000": the
            # destination decides, even of a projection
            measure = "deployed_to_front"
            why.append("a projection of the troops at the front")
        else:
            measure = "pledged_or_preparing"  # "could grow to 100,000": a projection
            why.append("a projection (modal verb)")
    if measure is None:
        measure = measure_in_phrase(text, put)
        if measure is not None:
            pass
        elif measure_before is not None and ESTIMATE_WORD.search(text[put.start : put.end]):
            measure = measure_before  # "Kyiv counts 4,000 casualties, while Seoul's estimate is 3,600"
            why.append("measure: a parallel estimate of the figure before")
        elif put.kind == "troops" and BARE_TOTAL_PHRASE.search(text[put.start : put.end].strip()):
            # "Asked how many more Pyongyang could provide, he put the number at 30,000"
            planned = EXPECTS.search(text, s.start, fig.start)
            near = None if planned else nearest_cue(doc, i, fig, fig.end)
            if near is not None and near.start > fig.end and _GROWTH.search(near.text):
                near = None  # "put the total at 11,000 and said the number could rise": today's total
            if near is not None and near.start > fig.end:
                # "he put their number at nearly 11,000 and said they are undergoing training"
                measure = near.measure
                why.append(f"measure: '{near.text}' said of the total")
            elif not planned and measure_before in ("casualties", "killed", "wounded"):
                measure = measure_before  # "Kyiv counts 4,000 casualties, while Seoul puts the number at 3,600"
                why.append("measure: a parallel count of the figure before")
            else:
                measure = "pledged_or_preparing" if planned else "arrived_in_russia"
                why.append("measure: a total of the troops the text speaks of")
        elif put.kind == "troops" and inside:
            measure = "arrived_in_russia"  # "North Korea's troop contribution has grown to 14,000"
            why.append("measure: the force's troops, no verb of their own")
        else:
            return []
    q_start = text.rfind(" ", s.start, put.start - 1) + 1 if put.start > s.start else s.start
    q_start = max(q_start, s.start)
    c = Candidate(i, fig.start, q_start, fig.end, fig, measure, "asserts", code, 0.8, why)
    c.personnel = personnel_of_words(text[put.start : put.end])
    if c.personnel == "unspecified" and put.kind == "troops":
        # "their number could soon reach 12,000": the kind of the troops the sentence names
        c.personnel = personnel_of(text, None, s.start, s.end, doc.memo, i, speaker_spans(doc, i))
    if (
        c.personnel == "unspecified"
        and put.kind in ("troops", "casualty")
        and not re.search(r"(?i)\bpersonnel\b", text[put.start : put.end])
    ):
        c.personnel = kind_referred_to(doc, i, list(before))  # "he put their number at nearly 11,000"
    return [c]


# "in the region", "sent there": a place named before, in this sentence or the ones before it
PLACE_ANAPHOR = re.compile(r"(?i)\b(?:(?:in|to|into|within)\s+)?the\s+(?:region|area|oblast|province)\b|\bthere\b")
_ANY_PLACE = re.compile(
    rf"\b(?:(?P<front>{FRONT_REGIONS}|front[\s-]*lines?|frontline)"
    r"|Russia|Far\s+East|Vladivostok|Ussuriysk|Khabarovsk|Ulan-Ude|Primorye|Primorsky|Siberia|Moscow)\b",
    re.IGNORECASE,
)


def front_referred_to(doc: Document, i: int, pos: int) -> str | None:
    """The front-line place "the region" / "there" at ``pos`` refers to: the last place named
    before it in this sentence or the three before (same context), if that place is at the front.

    Example: "Two soldiers were captured in Kursk. Estimates put the force in the region at
    11,000": "the region" is Kursk.
    """
    first = i
    while first > max(0, i - 3) and doc.same_context(i, first - 1):
        first -= 1
    last = None
    for m in _ANY_PLACE.finditer(doc.text, doc.sentences[first].start, pos):
        last = m
    return last.group("front") if last is not None and last.group("front") else None


# "six officers were among 20+ personnel killed": the part's fate is the whole's
