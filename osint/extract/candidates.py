"""Candidates of one sentence: troop figures (whose troops, what measure, where) and stances.

* a *figure* counts troops (or losses) of the force of interest when the noun after it is a
  troop word, or, with no noun, when a verb follows that a troop noun of the sentence governs,
  or when it is the value of a counted phrase ("puts North Korean casualties at 3,000");
* the *measure* is read from that noun or from the predicate (see :mod:`.measures`);
* a statement that *cannot confirm* or *denies* troop reports is a candidate with no figure.

Example:
    >>> from .claimants import ClaimantTable
    >>> from .forces import FORCES
    >>> doc = Document("Pyongyang sent 3,000 soldiers to Russia.", None, None, "KP",
    ...                ClaimantTable.load(), FORCES)
    >>> [(c.figure.low, c.measure) for c in figure_candidates(doc, 0)]
    [(3000, 'arrived_in_russia')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import places as _places
from .constructions import (
    FRONT_REGIONS,
    MODAL_AFTER,
    MODAL_BEFORE,
    PREVIOUS_ESTIMATE,
    RAISED_TO,
    appositive,
    counts_a_thing,
    loose_figure,
    nearest_cue,
    new_total,
    place_in_phrase,
    PLACE_ANAPHOR,
    front_referred_to,
    measure_in_phrase,
    put_candidate,
    raised_to,
)
from .document import Candidate, Document
from .measures import (
    SEND_MEASURES,
    cue_at,
    cue_before,
    front_after,
    is_negated,
    is_planned,
    is_purpose,
    measure_cues,
    stance_cue,
)
from .nouns import NounPhrase, counted_before, noun_phrase
from .numbers import Figure, find_figures
from .owners import (
    counted_troops_before,
    force_just_before,
    force_named_in,
    kind_referred_to,
    owner,
    personnel_sent,
    sent_by_force,
    speaker_spans,
    topic_force,
    troop_context,
    troop_owner_in,
)
from .personnel import personnel_of
from .predicates import CASUALTY_MEASURES as _CASUALTY_MEASURES
from .predicates import refine_measure

__all__ = ["figure_candidates"]


_COORDINATION = re.compile(
    r"^(?:\s+(?:in|during|by|until|since|before|after|through|over)\s+[\w ]{2,25}?)?"
    r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as|plus|then|along\s+with|together\s+with|,)\s*(?:then\s+)?(?:(?:another|an?\s+additional|a\s+further|some)\s+)?$",
    re.IGNORECASE,
)


# A lower-case word straight after "<figure> <verb-ing>" that makes it a noun compound.
_COMPOUND_AFTER = re.compile(
    r"\s+(?!(?:to|in|into|at|on|by|from|with|for|near|and|or|but|as|after|before|since|during"
    r"|so|while|over|under|across|inside|along|toward|towards|the|a|an|their|its|his|her|this"
    r"|that|these|those|some|many|more|most|all|back|home|again|alone|together|already|now"
    r"|still|yet|there|here|then|too|also|reportedly|allegedly|overall|himself|themselves"
    r"|alongside|among|against|of|per|each|every|within|without|out|up|down|off|away)\b)[a-z]+\b"
)


_TOTAL = re.compile(r"\s+(?:in\s+)?total\b|\s+altogether\b|\s+all\s+told\b", re.IGNORECASE)


_PRESENCE = re.compile(
    r"\s*,?\s*(?:(?:now|still|already|currently|reportedly)\s+)?(?:in|inside)\s+(?:the\s+)?(?:[a-z]+ern\s+)?[A-Z]"
)


# A part of a total: "12,000 troops, including some 500 officers", "of whom 1,000".
_PART_OF = re.compile(
    r"^\s*\(\s*$|^\s*[,(—–-]?\s*(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+those|of\s+which"
    r"|comprising|consisting\s+of|made\s+up\s+of)\s*(?:(?:some|about|around|roughly|nearly|an?\s+estimated)\s+)?$",
    re.IGNORECASE,
)


# Joined to the figure before: "5,000 military builders and 1,000 deminers".
_JOINED = re.compile(
    r"^\s*[,(]?\s*(?:and|or|plus|then|and\s+then|as\s+well\s+as|along\s+with|alongside|with)\s*(?:then\s+)?"
    r"(?:(?:some|about|around|roughly|nearly|another|a\s+further|an?\s+additional)\s+)?$",
    re.IGNORECASE,
)


_CASUALTY_WORD = re.compile(r"(?i)\b(?:casualt\w*|losses)\b")


# An aside between a subject and its verb: ", including members of the elite Storm Corps,".
_ASIDE = re.compile(
    r"\s*(?:,\s*(?:including|among\s+them|many|most|mostly|mainly|largely|each|all|some|both"
    r"|of\s+whom|who\s+(?:are|were)|possibly|reportedly|according\s+to)\b[^,;:.]{0,120},"
    r"|,\s*(?:(?:nearly|about|around|roughly|some|almost|over|more\s+than)\s+)?\d+\s*(?:percent|per\s+cent|%)[^,;]{0,60},"
    r"|\([^()]{0,120}\)|\s[-–—]\s[^-–—;:.]{1,90}?\s[-–—](?=\s))",
    re.IGNORECASE,
)


_AT_BEFORE = re.compile(r"\bat\s+$")


# A second noun of the same figure: "3,000 soldiers and officers had arrived".
_NOUN_PAIR = re.compile(
    r"\s+(?:and|or|&)\s+(?:[\w-]+\s+){0,2}?(?:officers|generals|commanders|soldiers|troops|engineers"
    r"|builders|deminers|sappers|workers|special\s+forces|personnel|staff|NCOs)\b"
)


# A participle after the noun, then the finite verb: "soldiers sent to Russia are now listed as dead".
_REDUCED_RELATIVE = re.compile(
    r"\s+(?:(?:sent|deployed|dispatched|transferred|shipped|stationed|based)\s+(?:to|in|into)|from|of|in|belonging\s+to)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?=(?:are|were|is|was|have|has|had)\s)"
)


# Front-line places: a sending to them is a deployment to the front.
_FRONT_PLACE = re.compile(
    rf"\b(?:{FRONT_REGIONS}|Pokrovsk"
    r"|Kurakhove|Kupiansk|Kharkiv|combat\s+zones?|front|frontline|battlefield|border)\b",
    re.IGNORECASE,
)


# "a North Korean soldier taken alive": one soldier, the figure being the article.
_ONE_SOLDIER = re.compile(
    r"\b([Aa]n?)(?=\s+(?:(?:North\s+Korean|wounded|injured|captured|young|second|third|single)\s+){0,3}"
    r"(?:soldier|serviceman|servicemember|trooper|fighter|POW|prisoner\s+of\s+war)\b)"
)


# Work behind the front: builders and deminers sent to a front-line region are not at the front.
_REAR_WORK = re.compile(r"(?i)\bdemin\w*|\bsappers?\b|\bbuilders?\b|\bconstruction\b|\brebuil\w*|\breconstruct\w*")
_COUNTING_VERB = re.compile(r"(?i)reach\w*|hit|top\w*|pass\w*|total\w*|number\w*|c[ao]me|rose|stood|exceed\w*")
_PLAIN_TROOPS = re.compile(
    r"(?i)troops|soldiers|servicem[ae]n|forces|special\s+forces|fighters|infantry(?:men)?|marines|commandos|reinforcements"
)
_HEADING = re.compile(r"(?i)heading|bound\s+for|on\s+(?:their|the)\s+way|en\s+route")
_AMONG_BEFORE = re.compile(r"(?i)\bamong\s+(?:the\s+)?$")
# "the six dead", "the two captured North Koreans": a definite figure, perhaps one stated before
_DEFINITE = re.compile(r"(?i)\b(?:the|those|these|both\s+of\s+the)\s+$")
REFERS_BACK = "figure after a definite article"
_UNIT_AFTER = re.compile(
    r"(?i)[\s-]+(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilomet(?:re|er)s?|miles?|metres?|meters?|per\s*cent|percent|%)\b"
)
_EXPECTED = re.compile(r"(?i)expected|expects?")
# Verbs whose subject is the place that has the troops.
_HOSTS = re.compile(r"(?i)holds|held|hosts?|hosted|hosting|houses|housed|housing")


# "(more than) half of the (roughly) ...": the figure is the whole of a counted part.
_FRACTION_OF = re.compile(
    r"(?i)(?:\b(?:half|most|much|part|a\s+third|a\s+quarter|two-thirds|three-quarters|the\s+majority|the\s+bulk)"
    r"|\b\d{1,2}(?:\.\d)?\s*(?:%|per\s*cent|percent)"
    r"|a\s+large\s+(?:share|part))\s+of\s+(?:the\s+|its\s+|their\s+|that\s+)?(?:[\w'’-]+\s+){0,5}?(?:of\s+)?$"
)


_OF_WHOM_AFTER = re.compile(r"(?i)\s*,?\s+(?:of\s+whom|of\s+which|among\s+whom|among\s+them)\b")


# "on Russian soil", "on Russian territory": present in Russia.
_ON_SOIL = re.compile(
    r"\s*,?\s*(?:(?:now|still|already|currently|reportedly)\s+)?on\s+(?:Russian|Russia['’]s)\s+(?:soil|territory)\b"
)


# "..., bringing the total to 14,000": the new total of the count just given.
_BRINGING_TOTAL = re.compile(
    r"\b(?:bringing|brings|brought|taking|takes|raising|pushing|lifting)\s+(?:the|its|their)\s+"
    r"(?:(?:overall|total|cumulative)\s+)?(?:total|number|tally|count|figure|deployment|presence|contingent)"
    r"(?:\s+(?:of|in)\s+[^,;.]{1,40}?|\s+there|\s+in\s+Russia)?\s+(?:to|up\s+to)\s+$",
    re.IGNORECASE,
)


# "8,000 of the North Korean troops", "11,000 of Kim Jong Un's soldiers": a part of a named body.
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s)(?=\s)")


# "8,000 of them", "3,000 of those": a part of troops named before.
_OF_THEM = re.compile(
    r"\s+of\s+(?:them|those|these|whom|(?:that|this|the|its)\s+(?:first|second|third|initial|original|whole|entire)?\s*"
    r"(?:contingent|force|group|deployment|batch|wave|number|total))\b(?!\s+\w+ed\b)",
    re.IGNORECASE,
)


# A rate, not a count: "92 soldiers a day".
_RATE = re.compile(r"\s+(?:a|per|each|every)\s+(?:day|week|month)\b|\s+daily\b", re.IGNORECASE)


def _measure_before(doc: Document, i: int, out: list[Candidate], counted: str) -> str | None:
    """The measure of the count a "put X at" figure parallels: the sentence's figure before it, or
    for "the figure" / "Seoul's own estimate" the last figure of the sentence before ("casualties had
    reached about 3,000. The month before, the JCS had put the figure at around 1,100")."""
    if out:
        return out[-1].measure
    last = doc.memo.get("last_figure")
    if last is not None and last.sentence == i - 1 and _DEFINITE_COUNT.match(counted.strip()):
        return last.measure
    return None


_DEFINITE_COUNT = re.compile(
    r"(?i)^(?:the|[\w. ]+['’]s)\s+(?:own\s+)?(?:figure|number|count|tally|estimate|total|assessment)$"
)


def figure_candidates(doc: Document, i: int) -> list[Candidate]:
    """Troop-figure candidates of sentence ``i`` (see the module docstring)."""
    text = doc.text
    s = doc.sentences[i]
    out: list[Candidate] = []
    prev: tuple[Figure, int, str, str] | None = None  # last figure, its phrase end, measure, personnel
    figs = find_figures(text, s.start, s.end)
    singles = [
        Figure(m.start(), m.start() + len(m.group(1)), m.start(), 1, 1, "exact", m.group(1))
        for m in _ONE_SOLDIER.finditer(text, s.start, s.end)
    ]
    if singles:
        figs = sorted(
            figs + [f for f in singles if all(f.end <= g.start or f.start >= g.end for g in figs)],
            key=lambda f: f.start,
        )
    for k, fig in enumerate(figs):
        why: list[str] = []
        conf = 0.9
        counted_place = None
        loose = False
        np = noun_phrase(text, fig.end, s.end)
        if np is None and fig.low != 1 and (partitive := _PARTITIVE.match(text, fig.end, s.end)) is not None:
            # "some 11,000 of Kim Jong Un's soldiers", "nearly 8,000 of the North Korean troops"
            inner = noun_phrase(text, partitive.end(), s.end)
            if inner is not None and inner.kind != "other":
                np = replace(inner, start=fig.end, mods_start=fig.end)
        elliptic = False
        fig_end_np: int | None = None
        part_of = prev is not None and bool(_PART_OF.match(text[prev[1] : fig.start]))
        if (
            prev is None
            and not out
            and (last := doc.memo.get("last_figure")) is not None
            and last.sentence == i - 1
            and last.figure is not None
        ):
            if _REFERRED_PARTS.search(text, max(s.start, fig.start - 90), fig.start):
                # "He said 6,000 would go. That package is made up of 5,000 builders plus 1,000 deminers."
                prev = (last.figure, fig.start, last.measure, last.personnel)
                part_of = True
        joined = prev is not None and bool(_JOINED.match(text[prev[1] : fig.start]))
        if np is not None and np.kind == "other":
            if np.head.lower() in _SERVICE_NOUNS and (
                force_named_in(doc, i, np)
                or troop_context(doc, i, "")
                or force_just_before(doc, i, fig)
                or sent_by_force(doc, i, fig, np)
                or personnel_sent(doc, i, fig, np)
                or counted_troops_before(doc, i, fig)
            ):
                np = NounPhrase(
                    np.start, np.end, np.head, "troops", np.mods, np.mods_start, True, None, np.of_whom, np.of_start
                )  # "400 North Korean personnel"
            elif (part_of or joined) and prev is not None and np.head.lower() in _PART_NOUNS:
                np = NounPhrase(
                    np.start, np.end, np.head, "troops", np.mods, np.mods_start, True, None, np.of_whom, np.of_start
                )  # "6,000 personnel, 5,000 builders"
            else:
                prev = None
                continue
        if _UNIT_AFTER.match(text, fig.end, s.end):
            prev = None
            continue  # "about three weeks without sighting North Korean troops": a length of time
        if np is None:
            # "at least 1,500 are already there", "three wounded", "4,000-5,000 total",
            # "up to 5,000 of them were moved"
            of_them = _OF_THEM.match(text, fig.end, s.end)
            if of_them is None and counts_a_thing(text, fig.end, s.end):
                prev = None
                continue  # "over 165,000 containers": a noun of something else is counted
            cue = cue_at(text, of_them.end() if of_them else fig.end, s.end)
            total = _TOTAL.match(text, fig.end, s.end)
            if (
                cue is not None
                and _COMPOUND_AFTER.match(text, cue.end, s.end)
                and not text[fig.end : cue.start].strip()
            ):
                cue = None  # "three training sites": the verb form is part of a noun
            put = None
            if cue is None and total is None:
                put = counted_before(text, s.start, fig.start) or raised_to(text, s.start, fig.start)
            if put is not None:
                got = put_candidate(
                    doc, i, fig, put, _measure_before(doc, i, out, text[put.start : put.end]), tuple(out)
                )
                out.extend(got)
                prev = (fig, fig.end, got[0].measure, got[0].personnel) if got else None
                continue
            object_of = cue_before(text, fig.start, s.start) if _BARE_END.match(text, fig.end, s.end) else None
            if object_of is not None and _COUNTING_VERB.match(object_of.text):
                object_of = None  # "the number of drones reached 5,000": a count, read by counted phrases
            collective = (
                object_of
                or _COLLECTIVE_OF.search(text, max(s.start, fig.start - 30), fig.start)
                or (
                    prev is not None
                    and _COORDINATION.match(text[prev[1] : fig.start])
                    and _BARE_END.match(text, fig.end, s.end)
                )
            )
            appos = appositive(doc, i, fig)
            if appos is not None:
                out.append(appos)
                prev = None
                continue
            if _BRINGING_TOTAL.search(text, max(s.start, fig.start - 90), fig.start) and (out or topic_force(doc, i)):
                c = new_total(doc, i, fig, out[-1] if out else None)
                out.append(c)
                prev = None
                continue
            if (
                cue is None
                and total is None
                and not part_of
                and not collective
                and not (out and PREVIOUS_ESTIMATE.search(text, max(s.start, fig.start - 40), fig.start))
            ):
                if not loose_figure(doc, i, fig):
                    prev = None
                    continue
                loose = True
                why.append("a bare figure in a sentence about the troops")
                conf -= 0.15
            elliptic = True
            why.append("figure without noun: troops of the sentence")
            if of_them is not None:
                fig_end_np = of_them.end()
            conf -= 0.1
        phrase_end = np.end if np else fig.end
        if np is None and fig_end_np is not None:
            phrase_end = fig_end_np
        # whose troops
        if elliptic:
            code = troop_owner_in(doc, i)
            if code is None and i > 0 and doc.same_context(i, i - 1):
                code = troop_owner_in(doc, i - 1)
            how = "troops named in the sentence"
        else:
            code, how = owner(doc, i, fig, np)
        if code is None and not elliptic:
            code = troop_owner_in(doc, i)
            how = "troops named in the sentence"
        if code is None:
            if not topic_force(doc, i):
                continue
            code, how = doc.force, "force of the text"
            conf -= 0.15
        if code != doc.force:
            continue
        why.append(f"force: {how}")
        # measure
        cue = None
        measure = None
        verb_from = phrase_end
        aside = (
            _ASIDE.match(text, phrase_end, s.end)
            or _REDUCED_RELATIVE.match(text, phrase_end, s.end)
            or _NOUN_PAIR.match(text, phrase_end, s.end)
        )
        if aside is not None:
            verb_from = aside.end()
        elif np is not None and np.head.startswith(("strong", "man")) and text.startswith(",", phrase_end):
            verb_from = phrase_end + 1  # "brigades, each up to 4,000 strong, were training"
        elif k + 1 < len(figs) and _JOINED.match(text[phrase_end : figs[k + 1].start]):
            # "500 officers and 100 sappers had arrived": the verb after the second conjunct
            np2 = noun_phrase(text, figs[k + 1].end, s.end)
            if np2 is not None and np2.kind != "other":
                verb_from = np2.end
        whole = _FRACTION_OF.search(text, max(s.start, fig.start - 70), fig.start) or _OF_WHOM_AFTER.match(
            text, phrase_end, s.end
        )
        if np is not None and np.kind == "casualty":
            measure = np.measure
            why.append(f"measure: noun '{np.head}'")
            home = next(measure_cues(text, verb_from, min(s.end, verb_from + 40)), None)
            if measure == "wounded" and home is not None and home.measure == "other":
                cue, measure = home, "other"  # "2,000 wounded were sent back home": a return, not a count of wounded
                why.append(f"measure: verb '{home.text}' of the wounded")
        elif whole is not None and (np is None or np.kind != "casualty"):
            # "about half of the force of 11,000-12,000 ... were killed", "11,000 soldiers, of whom
            # 4,000 ...": the verb tells of the part; the whole is a presence, or what the verb
            # before it says ("sent 11,000 soldiers, of whom ...")
            before_whole = cue_before(text, fig.start, s.start)
            measure = before_whole.measure if before_whole is not None else "arrived_in_russia"
            cue = before_whole
            if cue is None and _FRONT_PLACE.search(text, phrase_end, min(s.end, phrase_end + 60)):
                measure = "deployed_to_front"  # "the 11,000 troops Pyongyang threw into Kursk"
            why.append("measure: the whole a part of it is counted of")
        elif part_of and prev is not None and (after_part := cue_at(text, verb_from, s.end)) is not None:
            cue = after_part  # "11,000 soldiers, of whom about 4,000 have become casualties"
            measure = after_part.measure
            why.append(f"measure: verb '{after_part.text}' of the part")
        elif part_of and prev is not None:
            measure = prev[2]
            why.append("measure: part of the figure before")
        else:
            after = cue_at(text, verb_from, s.end)
            before = cue_before(text, fig.start, s.start)
            if after is None and joined and prev is not None and before is not None and before.end <= prev[0].start:
                before = None  # "includes 5,000 builders and 1,000 deminers": the second shares the first's measure
            if after is not None and (after.measure == "deployed_to_front" and before is not None):
                after = None  # "sent 3,000 troops to the front": the verb leads, the front upgrades it
            if after is not None and is_purpose(text, after, s.start):
                if before is not None:
                    after = None  # "sent 3,000 troops to fight": the sending is the claim
                else:
                    # "preparing ten thousand soldiers to fight": an intention
                    measure = "pledged_or_preparing"
                    why.append(f"measure: purpose '{after.text}'")
                    after = None
            if measure is None:
                cue = after or before
            if cue is not None:
                measure = cue.measure
                why.append(f"measure: verb '{cue.text}'")
            elif measure is not None:
                pass
            elif _TOTAL.match(text, fig.end, s.end) and _CASUALTY_WORD.search(text, s.start, s.end):
                measure = "casualties"
                why.append("measure: a total of casualties")
            elif _TOTAL.match(text, fig.end, s.end):
                first = next(measure_cues(text, s.start, s.end), None)
                if first is not None:
                    measure = first.measure
                    why.append(f"measure: total of '{first.text}'")
            elif prev is not None and _COORDINATION.match(text[prev[1] : fig.start]):
                measure = prev[2]
                why.append("measure: shared with the figure before")
            elif (
                np is not None
                and text.endswith("to ", max(s.start, fig.start - 3), fig.start)
                and RAISED_TO.search(text, max(s.start, fig.start - 120), fig.start)
            ):
                measure = "arrived_in_russia"
                why.append("measure: a revised count of the troops sent")
            elif PREVIOUS_ESTIMATE.search(text, max(s.start, fig.start - 40), fig.start) and out:
                measure = out[-1].measure
                why.append("measure: an earlier estimate of the same count")
            elif np is not None and (_PRESENCE.match(text, verb_from, s.end) or _ON_SOIL.match(text, verb_from, s.end)):
                # "would likely have 10,900 troops in Russia by December": a projection
                modal = MODAL_BEFORE.search(text, max(s.start, fig.start - 40), fig.start)
                measure = "pledged_or_preparing" if modal else "arrived_in_russia"
                why.append("measure: troops present in a place" + (", a projection (modal verb)" if modal else ""))
                conf -= 0.1
            elif (
                np is not None
                and _AT_BEFORE.search(text, max(s.start, fig.start - 6), fig.start)
                and (put := counted_before(text, s.start, fig.start)) is not None
                and (put.measure or measure_in_phrase(text, put))
            ):
                # "put the first group in Russia at roughly 9,000 soldiers"
                measure = put.measure or measure_in_phrase(text, put)
                why.append(f"measure: value of '{text[put.start : put.end]}'")
            elif np is not None and np.mods:
                # "the two captured North Korean soldiers": the state is in the modifiers
                state = next(
                    (
                        c
                        for c in measure_cues(text, np.mods_start, np.mods_start + len(np.mods))
                        if c.measure in ("captured", "wounded", "killed")
                    ),
                    None,
                )
                if state is not None:
                    measure = state.measure
                    why.append(f"measure: modifier '{state.text}'")
        if measure is None:
            near = nearest_cue(doc, i, fig, phrase_end)
            if (
                near is not None
                and near.measure in _CASUALTY_MEASURES
                and near.end <= fig.start
                and _COLLECTIVE_OF.search(text, max(s.start, fig.start - 30), fig.start)
            ):
                near = None  # "losses could wipe out a contingent of 11,000": the force, not its losses
            if near is not None:
                cue = near
                measure = near.measure
                why.append(f"measure: nearest cue '{near.text}' in the clause")
                conf -= 0.2
            elif (
                np is not None
                and np.kind == "troops"
                and np.head.startswith(("strong", "man"))
                and (in_phrase := next(measure_cues(text, np.start, np.end), None))
            ):
                measure = in_phrase.measure  # "a possible 30,000-strong additional deployment"
                why.append(f"measure: '{in_phrase.text}' in the phrase")
            elif np is not None and np.kind == "troops" and force_named_in(doc, i, np):
                # "the 12,000 or so North Korean troops": the force's troops, where they are
                measure = "arrived_in_russia"
                why.append("measure: the force's troops, no verb of their own")
                conf -= 0.3
            elif (
                loose or elliptic or (np is not None and np.kind == "troops" and np.head.startswith(("strong", "man")))
            ):
                # no verb of its own and none near: a projection under a modal, else a presence
                modal = MODAL_BEFORE.search(text, max(s.start, fig.start - 40), fig.start) or MODAL_AFTER.match(
                    text, phrase_end, s.end
                )
                measure = "pledged_or_preparing" if modal else "arrived_in_russia"
                why.append(
                    "measure: " + ("a projection (modal verb)" if modal else "troops counted, no verb of their own")
                )
                conf -= 0.1
            elif np is not None and np.kind == "troops" and counted_troops_before(doc, i, fig):
                # "the North Korean contingent in Kursk numbers about 12,000 personnel"
                measure = "arrived_in_russia"
                counted_place = place_in_phrase(doc, i, fig)
                why.append("measure: the force's troops, no verb of their own")
                conf -= 0.3
            elif (
                np is not None
                and np.kind == "troops"
                and _PLAIN_TROOPS.fullmatch(np.head)
                and (fig.low or fig.high or 0) >= 100
                and topic_force(doc, i)
            ):
                # "It numbered roughly 1,500 special forces troops": troops of the text's force
                modal = MODAL_BEFORE.search(text, max(s.start, fig.start - 40), fig.start)
                measure = "pledged_or_preparing" if modal else "arrived_in_russia"
                why.append(
                    "measure: troops of the text's force, "
                    + ("a projection (modal verb)" if modal else "no verb of their own")
                )
                conf -= 0.35
            else:
                prev = None
                continue
        cue, measure = refine_measure(text, s.start, s.end, fig, np, phrase_end, cue, measure, why)
        if _AMONG_BEFORE.search(text, max(s.start, fig.start - 12), fig.start) and not (
            np is not None and force_named_in(doc, i, np)
        ):
            prev = None
            continue  # "were among 20+ personnel killed": the whole, not only the force's troops
        if _RATE.match(text, phrase_end, s.end):
            measure = "other"
            why.append("a rate, not a count")
        stance = "asserts"
        if cue is not None and measure in SEND_MEASURES:
            if is_planned(text, cue, s.start):
                measure = "pledged_or_preparing"
                why.append("planned or modal")
                if (front := front_after(text, cue.end, s.end)) is not None and not _REAR_WORK.search(
                    text, s.start, s.end
                ):
                    measure = "deployed_to_front"  # "2,600 will be sent to the front": where they go
                    why.append(f"destination '{front.text}'")
            else:
                front = front_after(text, cue.end, s.end)
                if front is not None and measure == "arrived_in_russia":
                    measure = "deployed_to_front"
                    why.append(f"destination '{front.text}'")
        if cue is not None and is_negated(text, cue, s.start):
            stance = "denies"
            why.append("negated verb")
        st = stance_cue(text, max(s.start, fig.start - 200), fig.start)
        if st is not None:
            stance = st[0]
            why.append(f"stance: '{text[st[1] : st[2]]}'")
        q_start = min(fig.start, cue.start) if cue is not None else fig.start
        q_end = max(phrase_end, cue.end) if cue is not None else phrase_end
        place_from = q_end
        if cue is not None and re.search(r"\b(?:in|inside)$", cue.text):
            place_from = cue.end - (2 if cue.text.endswith("in") and not cue.text.endswith("inside") else 6)
        place = _places.find_place(text, place_from, s.end) or counted_place
        if place is None and cue is not None and cue.start < fig.start:
            place = _places.find_place(text, phrase_end, s.end) or _places.find_place(text, cue.end, fig.start)
        if (
            place is None
            and cue is not None
            and re.search(r"(?i)^(?:entered|reach(?:ed|es|ing)?|crossed)$|\s(?:to|toward|towards|for|into)$", cue.text)
        ):
            place = _places.find_place(text, cue.end, s.end, bare=True)  # "heading toward | Kursk"
        origin = None
        if place is None:
            route = _places.find_route(text, q_end, min(s.end, q_end + 160))
            if route is not None:
                origin, place = route
        if place is not None and place.start - q_end <= 40:
            q_end = max(q_end, place.end)
        kind = (
            personnel_of(text, np, s.start, s.end, doc.memo, i, speaker_spans(doc, i))
            if np is not None or elliptic
            else "unspecified"
        )
        if part_of and prev is not None and kind == "unspecified":
            kind = prev[3]
        if elliptic and kind == "unspecified" and i > 0 and doc.same_context(i, i - 1):
            p = doc.sentences[i - 1]
            kind = personnel_of(text, None, p.start, p.end, doc.memo, i - 1, speaker_spans(doc, i - 1))
        if kind == "unspecified" and (elliptic or (np is not None and np.kind in ("people", "casualty"))):
            kind = kind_referred_to(doc, i, out)  # "their number", "of those", "18 North Koreans"
        heading = (
            cue is not None and measure == "pledged_or_preparing" and _HEADING.match(cue.text) and not fig.increment
        )  # "3,000 are heading to the front"; "25,000 more are on their way" is still to come
        planned_send = cue is not None and measure == "pledged_or_preparing" and "planned or modal" in why
        if cue is not None and measure == "pledged_or_preparing" and _EXPECTED.fullmatch(cue.text):
            # "are expected to be assembled in the Kursk region": where they are to be
            then = next(
                (
                    c
                    for c in measure_cues(text, cue.end, min(s.end, cue.end + 40))
                    if c.measure in ("arrived_in_russia", "mustering_in_russia")
                ),
                None,
            )
            if then is not None:
                planned_send = True
                place = place or _places.find_place(text, then.end, s.end)
        if heading and cue is not None and front_after(text, cue.end, s.end) is not None and kind not in _REAR_KINDS:
            measure = "deployed_to_front"  # "3,000 of them are heading toward the combat zones"
            why.append("heading for the front")
        elif (
            (measure in ("arrived_in_russia", "mustering_in_russia") or heading or planned_send)
            and place is not None
            and _FRONT_PLACE.search(place.text)
            and kind not in _REAR_KINDS
            and not (planned_send and _REAR_WORK.search(text, s.start, s.end))
        ):
            measure = "deployed_to_front"
            why.append(f"front-line place '{place.text}'")
        elif (
            measure == "arrived_in_russia"
            and cue is not None
            and cue.start < fig.start
            and _HOSTS.fullmatch(cue.text)
            and (host := _FRONT_PLACE.search(text, s.start, cue.start)) is not None
            and kind not in _REAR_KINDS
        ):
            measure = "deployed_to_front"  # "Russia's Kursk region already holds 11,000 troops"
            why.append(f"front-line place '{host.group()}' holds them")
            place = place or _places.find_place(text, host.start(), cue.start, bare=True)
        if (
            np is not None
            and np.kind == "people"
            and measure not in _CASUALTY_MEASURES
            and not troop_context(doc, i, measure)
        ):
            prev = None
            continue
        if fig.increment:
            why.append("adds to an earlier figure")
        elif _DEFINITE.search(text, max(s.start, fig.start - 12), fig.start):
            why.append(REFERS_BACK)  # "besides the six dead": a figure stated before
        if fig.text.lower() in ("a", "an") and measure not in ("captured", "killed", "wounded"):
            prev = None
            continue  # one soldier counts only as a capture or a loss ("a North Korean soldier taken alive")
        c = Candidate(i, fig.start, q_start, q_end, fig, measure, stance, code, conf, why, place)
        c.personnel = kind
        c.origin = origin
        out.append(c)
        prev = (fig, phrase_end, measure, kind)
    for c in out:
        if c.measure == "deployed_to_front" and c.personnel in _REAR_KINDS:
            # builders and deminers in Kursk work behind the front: the ledger counts them as arrived
            c.measure = "arrived_in_russia"
            c.why.append(f"{c.personnel} work behind the front")
        if (
            c.measure in ("arrived_in_russia", "mustering_in_russia")
            and c.personnel not in _REAR_KINDS
            and (c.location is None or PLACE_ANAPHOR.fullmatch(c.location.text))
            and (there := PLACE_ANAPHOR.search(text, s.start, s.end)) is not None
            and (region := front_referred_to(doc, i, there.start())) is not None
        ):
            c.measure = "deployed_to_front"  # "Kursk ... the North Korean presence in the region at 11,000"
            c.why.append(f"'{there.group()}' is '{region}'")
    if out:
        doc.memo["last_figure"] = out[-1]
    return out


# Kinds of personnel sent to border regions for work behind the front, not to fight.
_REAR_KINDS = frozenset({"military_builders", "deminers", "labourers"})


# Nouns that count troops when the force's nationality qualifies them ("North Korean personnel").
_SERVICE_NOUNS = frozenset({"personnel", "servicemen", "members", "men", "staff"})


# Nouns that count troops as parts of a military total ("including 5,000 builders").
_PART_NOUNS = frozenset(
    {
        "builders",
        "engineers",
        "workers",
        "labourers",
        "laborers",
        "specialists",
        "personnel",
        "staff",
        "technicians",
        "instructors",
        "advisers",
        "advisors",
    }
)


# "an initial group of 2,600", "a second batch of roughly 1,500": a body of troops counted by the figure.
_REFERRED_PARTS = re.compile(
    r"(?i)\b(?:that|this|the)\s+(?:number|figure|total|package|contingent|force|group|deployment|dispatch)\s+"
    r"(?:is\s+|was\s+|are\s+|were\s+)?(?:made\s+up\s+of|includes?|included|including|comprises?|comprised"
    r"|consists?\s+of|consisted\s+of|breaks?\s+down\s+(?:in)?to|split\s+into)\s+"
    r"(?:(?:some|about|around|roughly|nearly)\s+)?$"
    r"|\b(?:[Oo]f|[Aa]mong)\s+(?:those|these|them)\s*,\s*(?:(?:an?\s+)?(?:initial|first|further|second)\s+)?$"
)


_COLLECTIVE_OF = re.compile(
    r"\b(?:group|batch|contingent|wave|detachment|rotation|echelon|cohort|tranche|unit|deployment|team"
    r"|force)s?\s+of\s+$",
    re.IGNORECASE,
)


# A figure with nothing counted after it: "..., then a further 4,000 early in 2025)".
_BARE_END = re.compile(
    r"\s*(?:[,;.)]|$)|\s+(?:more|others|in|during|by|until|since|early|late|last|this|next|over|before|after)\b"
)
