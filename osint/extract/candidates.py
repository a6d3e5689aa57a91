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
from bisect import bisect_left
from dataclasses import replace

from . import places as _places
from .document import PREPOSITION_BEFORE, Candidate, Document
from .measures import (
    SEND_MEASURES,
    Cue,
    cue_at,
    cue_before,
    front_after,
    is_negated,
    is_planned,
    is_purpose,
    measure_cues,
    stance_cue,
)
from .nouns import ABOVE_VERBS, TROOP_WORDS, NounPhrase, counted_before, noun_phrase
from .numbers import Figure, find_figures
from .personnel import personnel_of, personnel_of_words

__all__ = ["figure_candidates", "stance_candidates"]

_CASUALTY_MEASURES = frozenset({"killed", "wounded", "captured", "casualties", "in_combat"})
_REFERS_BACK = re.compile(
    r"(?i)\b(?:this|these|those|such|the)\s+(?:matter|reports?|claims?|information|allegations?|accounts?|deployments?|issue)\b|\bit\b"
)
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
_SPEECH_AFTER = re.compile(
    r"\s*(?:(?:has|have|had|also|on\s+\w+)\s+)*(?:said|says|claims?|claimed|told|reported|warned|estimated|announced|confirmed|believes|denied|stated)\b"
)
_CLAUSE_END = re.compile(
    r",\s+(?:but|with|while|as|adding|saying|according\s+to|citing)\b|\s+but\s+|;|,\s+(?:he|she|it|they)\s+(?:said|added)\b|[“”\"]\s*$"
)
_QUOTE_START = re.compile(
    r"(?:\b(?:said|says|told\s+\w+|stated|announced|warned|added|noted|believes|reported|claimed|confirmed)"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s+|\bthat\s+|^)"
)


def _owner(doc: Document, i: int, fig: Figure, np: NounPhrase | None) -> tuple[str | None, str]:
    """Country code owning the counted troops, and how it was decided."""
    text = doc.text
    s = doc.sentences[i]
    mentions = doc.force_mentions(i)
    # 1. a nationality inside the phrase: "10,000 North Korean troops", "North Korea's 10,000"
    if np is not None:
        inside = [
            m
            for m in mentions
            if np.mods_start <= m.start
            and m.end <= np.start + len(text[np.start : np.end])
            and m.start < (np.of_start or np.end)
        ]
        if inside:
            return inside[-1].code, "nationality in phrase"
        if np.of_whom:
            of = [m for m in mentions if m.start >= (np.of_start or 0) and m.end <= np.end]
            if of:
                return of[0].code, "owner named after noun"
        if np.kind == "people":
            for m in mentions:
                if m.kind == "demonym" and m.start >= np.mods_start and m.end <= np.end:
                    return m.code, "demonym"
    poss = [
        m
        for m in mentions
        if m.end <= fig.start and fig.start - m.end <= 3 and text[m.start : m.end].endswith(("'s", "’s"))
    ]
    if poss:
        return poss[-1].code, "possessive"
    # 2. the sending country of the clause: nearest noun (not after a preposition, not a speaker)
    for m in reversed([m for m in mentions if m.end <= fig.start]):
        if (
            m.kind == "adjective"
            and _TROOPS_AFTER.match(text, m.end, fig.start)
            and not PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start)
        ):
            return m.code, "troops that are the subject"  # "North Korean forces had 4,000 casualties"
        if m.kind not in ("noun", "leader"):
            continue
        if PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start):
            continue
        if text[m.end : m.end + 2] in ("'s", "’s"):
            continue
        if _SPEECH_AFTER.match(text, m.end, min(s.end, m.end + 40)):
            continue
        if re.match(r"\s+with\b", text[m.end : m.end + 6]):
            continue  # "provided Moscow with 12,000 troops": Moscow receives them
        return m.code, "subject of the clause"
    return None, ""


_TROOPS_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:troops|soldiers|forces|units|servicemen|military)\s+"
    r"(?:(?:have|has|had|now|already|reportedly|so\s+far)\s+)*(?:had|have|has|suffered|sustained|took|taken|lost|incurred)\s+"
)


def _troop_owner_in(doc: Document, i: int) -> str | None:
    """The force whose troops a sentence speaks of, from "North Korean troops" and the like.

    Computed once per sentence (a long sentence with many figures is scanned once).
    """
    key = ("owner", i)
    if key not in doc.memo:
        doc.memo[key] = _scan_troop_owner(doc, i)
    return doc.memo[key]


def _scan_troop_owner(doc: Document, i: int) -> str | None:
    text = doc.text
    s = doc.sentences[i]
    codes = []
    mentions = doc.force_mentions(i)
    starts = [m.start for m in mentions]
    speakers = _speaker_spans(doc, i)
    for tw in TROOP_WORDS.finditer(text, s.start, s.end):
        if any(a <= tw.start() < b for a, b in speakers):
            continue  # "according to Ukraine's special operations forces": the speaker, not the counted
        k = bisect_left(starts, tw.start() - 40)
        near = [
            m
            for m in mentions[k : k + 8]
            if m.end <= tw.start() and tw.start() - m.end <= 30 and m.kind in ("adjective", "demonym")
        ]
        if near:
            codes.append(near[-1].code)
        of = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", text[tw.end() : tw.end() + 12])
        if of:
            k = bisect_left(starts, tw.end())
            after = [m for m in mentions[k : k + 2] if 0 <= m.start - tw.end() <= 12]
            if after:
                codes.append(after[0].code)
        if doc.force in codes:
            return doc.force
    if codes:
        return codes[0]
    # "North Korea denied sending troops": the country that is the subject of the clause
    first = TROOP_WORDS.search(text, s.start, s.end)
    if first:
        for m in mentions:
            if (
                m.kind in ("noun", "leader")
                and m.start < first.start()  # "troops went ... and more reached Russia": an object
                and not PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start)
                and text[m.end : m.end + 2] not in ("'s", "’s")
            ):
                return m.code
    return None


def _speaker_spans(doc: Document, i: int) -> tuple[tuple[int, int], ...]:
    """Spans of the claimants named in sentence ``i`` (their troop words count no one)."""
    return tuple((m.start, m.end) for m in doc.mentions(i))


def _topic_force(doc: Document, i: int) -> bool:
    """Whether the force of interest is the topic near sentence ``i`` (this, previous or title),
    or no country at all is named around it (the text is read for that force's troops)."""
    if doc.title_topic:
        return True
    for j in (i, i - 1, 0):
        if j >= 0 and any(m.code == doc.force for m in doc.force_mentions(j)):
            return True
    # no troops of another force named around it
    return all(_troop_owner_in(doc, j) in (None, doc.force) for j in (i, i - 1) if j >= 0)


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
# Core troop words: people of the force ("North Koreans") are troops only beside one of these.
_CORE_TROOP = re.compile(r"(?i)\b(?:troops?|soldiers?|servicem[ae]n|military|army|forces|units?|combat)\b")
# An aside between a subject and its verb: ", including members of the elite Storm Corps,".
_ASIDE = re.compile(
    r"\s*(?:,\s*(?:including|among\s+them|many|most|mostly|mainly|largely|each|all|some|both"
    r"|of\s+whom|who\s+(?:are|were)|possibly|reportedly|according\s+to)\b[^,;:.]{0,120},"
    r"|\([^()]{0,120}\)|\s[-–—]\s[^-–—;:.]{1,90}?\s[-–—](?=\s))",
    re.IGNORECASE,
)
_AT_BEFORE = re.compile(r"\bat\s+$")
# A second noun of the same figure: "3,000 soldiers and officers had arrived".
_NOUN_PAIR = re.compile(
    r"\s+(?:and|or|&)\s+(?:[\w-]+\s+){0,2}?(?:officers|generals|commanders|soldiers|troops|engineers"
    r"|builders|deminers|sappers|workers|special\s+forces|personnel|staff|NCOs)\b"
)
# A participle after the noun, then the finite verb: "soldiers sent to Russia are reported dead".
_REDUCED_RELATIVE = re.compile(
    r"\s+(?:(?:sent|deployed|dispatched|transferred|shipped|stationed|based)\s+(?:to|in|into)|from|of|in|belonging\s+to)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?=(?:are|were|is|was|have|has|had)\s)"
)
# Front-line places: a sending to them is a deployment to the front.
_FRONT_PLACE = re.compile(
    r"\b(?:Kursk|Belgorod|Bryansk|Donetsk|Luhansk|Zaporizhzhia|Kherson|Donbas|Sudzha|Pokrovsk"
    r"|Kurakhove|Kupiansk|Kharkiv|combat\s+zones?|front|frontline|battlefield|border)\b",
    re.IGNORECASE,
)
# "a North Korean soldier taken alive": one soldier, the figure being the article.
_ONE_SOLDIER = re.compile(
    r"\b([Aa]n?)(?=\s+(?:(?:North\s+Korean|wounded|injured|captured|young|second|third|single)\s+){0,3}"
    r"(?:soldier|serviceman|servicemember|trooper|fighter|POW|prisoner\s+of\s+war)\b)"
)
# Verbs whose subject is the place that has the troops.
_HOSTS = re.compile(r"(?i)holds|held|hosts?|hosted|hosting|houses|housed|housing")
# "on Russian soil", "on Russian territory": present in Russia.
_ON_SOIL = re.compile(
    r"\s*,?\s*(?:(?:now|still|already|currently|reportedly)\s+)?on\s+(?:Russian|Russia['’]s)\s+(?:soil|territory)\b"
)
# "raised the estimate of X to 3,000": the figure is the new value of the phrase.
_RAISED_TO = re.compile(
    r"\b(?:raised|raising|raises|revised|revising|revises|increased|lifted|upped|lowered|cut)\s+"
    r"(?P<np>[^,.;:]{1,90}?)\s+to\s+$",
    re.IGNORECASE,
)
# "..., bringing the total to 14,000": the new total of the count just given.
_BRINGING_TOTAL = re.compile(
    r"\b(?:bringing|brings|brought|taking|takes|raising|pushing|lifting)\s+(?:the|its|their)\s+"
    r"(?:(?:overall|total|cumulative)\s+)?(?:total|number|tally|count|figure|deployment|presence|contingent)"
    r"(?:\s+(?:of|in)\s+[^,;.]{1,40}?)?\s+(?:to|up\s+to)\s+$",
    re.IGNORECASE,
)
_PREVIOUS_ESTIMATE = re.compile(
    r"\b(?:previous|earlier|initial|prior|original|former|first)\s+(?:estimates?|figures?|assessments?|counts?)"
    r"\s+of\s+$|\bup\s+from\s+$|\bfrom\s+(?:an?\s+)?(?:earlier|previous|initial|prior)\s+$",
    re.IGNORECASE,
)
# "8,000 of the North Korean troops", "11,000 of Kim Jong Un's soldiers": a part of a named body.
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s)(?=\s)")
# "8,000 of them", "3,000 of those": a part of troops named before.
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these|whom)\b(?!\s+\w+ed\b)", re.IGNORECASE)
# A rate, not a count: "92 soldiers a day".
_RATE = re.compile(r"\s+(?:a|per|each|every)\s+(?:day|week|month)\b|\s+daily\b", re.IGNORECASE)


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
        joined = prev is not None and bool(_JOINED.match(text[prev[1] : fig.start]))
        if np is not None and np.kind == "other":
            if np.head.lower() in _SERVICE_NOUNS and (
                _force_named_in(doc, i, np)
                or _troop_context(doc, i, "")
                or _force_just_before(doc, i, fig)
                or _sent_by_force(doc, i, fig, np)
                or _personnel_sent(doc, i, fig, np)
                or _counted_troops_before(doc, i, fig)
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
        if np is None:
            # "at least 1,500 have already arrived", "three wounded", "4,000-5,000 total",
            # "up to 5,000 of them were moved"
            of_them = _OF_THEM.match(text, fig.end, s.end)
            if of_them is None and _counts_a_thing(text, fig.end, s.end):
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
                put = counted_before(text, s.start, fig.start) or _raised_to(text, s.start, fig.start)
            if put is not None:
                got = _put_candidate(doc, i, fig, put)
                out.extend(got)
                prev = (fig, fig.end, got[0].measure, got[0].personnel) if got else None
                continue
            collective = _COLLECTIVE_OF.search(text, max(s.start, fig.start - 30), fig.start) or (
                prev is not None
                and _COORDINATION.match(text[prev[1] : fig.start])
                and _BARE_END.match(text, fig.end, s.end)
            )
            appos = _appositive(doc, i, fig)
            if appos is not None:
                out.append(appos)
                prev = None
                continue
            if out and _BRINGING_TOTAL.search(text, max(s.start, fig.start - 90), fig.start):
                c = _new_total(doc, i, fig, out[-1])
                out.append(c)
                prev = None
                continue
            if (
                cue is None
                and total is None
                and not part_of
                and not collective
                and not _PREVIOUS_ESTIMATE.search(text, max(s.start, fig.start - 40), fig.start)
            ):
                if not _loose_figure(doc, i, fig):
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
            code = _troop_owner_in(doc, i)
            if code is None and i > 0 and doc.same_context(i, i - 1):
                code = _troop_owner_in(doc, i - 1)
            how = "troops named in the sentence"
        else:
            code, how = _owner(doc, i, fig, np)
        if code is None and not elliptic:
            code = _troop_owner_in(doc, i)
            how = "troops named in the sentence"
        if code is None:
            if not _topic_force(doc, i):
                continue
            code, how = doc.force, "force of the text"
            conf -= 0.15
        if code != doc.force:
            continue
        why.append(f"force: {how}")
        # measure
        cue: Cue | None = None
        measure = None
        verb_from = phrase_end
        aside = (
            _ASIDE.match(text, phrase_end, s.end)
            or _REDUCED_RELATIVE.match(text, phrase_end, s.end)
            or _NOUN_PAIR.match(text, phrase_end, s.end)
        )
        if aside is not None:
            verb_from = aside.end()
        elif np is not None and np.head in ("strong", "man") and text.startswith(",", phrase_end):
            verb_from = phrase_end + 1  # "brigades, each up to 4,000 strong, were training"
        elif k + 1 < len(figs) and _JOINED.match(text[phrase_end : figs[k + 1].start]):
            # "500 officers and 100 sappers had arrived": the verb after the second conjunct
            np2 = noun_phrase(text, figs[k + 1].end, s.end)
            if np2 is not None and np2.kind != "other":
                verb_from = np2.end
        if np is not None and np.kind == "casualty":
            measure = np.measure
            why.append(f"measure: noun '{np.head}'")
        elif part_of and prev is not None:
            measure = prev[2]
            why.append("measure: part of the figure before")
        else:
            after = cue_at(text, verb_from, s.end)
            before = cue_before(text, fig.start, s.start)
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
                and _RAISED_TO.search(text, max(s.start, fig.start - 120), fig.start)
            ):
                measure = "arrived_in_russia"
                why.append("measure: a revised count of the troops sent")
            elif _PREVIOUS_ESTIMATE.search(text, max(s.start, fig.start - 40), fig.start) and out:
                measure = out[-1].measure
                why.append("measure: an earlier estimate of the same count")
            elif np is not None and (_PRESENCE.match(text, verb_from, s.end) or _ON_SOIL.match(text, verb_from, s.end)):
                measure = "arrived_in_russia"
                why.append("measure: troops present in a place")
                conf -= 0.1
            elif (
                np is not None
                and _AT_BEFORE.search(text, max(s.start, fig.start - 6), fig.start)
                and (put := counted_before(text, s.start, fig.start)) is not None
                and (put.measure or next(measure_cues(text, put.start, put.end), None))
            ):
                # "put the first group in Russia at roughly 9,000 soldiers"
                measure = put.measure or next(measure_cues(text, put.start, put.end)).measure
                why.append(f"measure: value of '{text[put.start : put.end]}'")
            elif np is not None and np.mods:
                # "the two captured North Korean soldiers": the state is in the modifiers
                inner = next(
                    (
                        c
                        for c in measure_cues(text, np.mods_start, np.mods_start + len(np.mods))
                        if c.measure in ("captured", "wounded", "killed")
                    ),
                    None,
                )
                if inner is not None:
                    measure = inner.measure
                    why.append(f"measure: modifier '{inner.text}'")
        if measure is None:
            near = _nearest_cue(doc, i, fig, phrase_end)
            if near is not None:
                cue = near
                measure = near.measure
                why.append(f"measure: nearest cue '{near.text}' in the clause")
                conf -= 0.2
            elif np is not None and np.kind == "troops" and _force_named_in(doc, i, np):
                # "the roughly 12,000 North Korean troops": the force's troops, where they are
                measure = "arrived_in_russia"
                why.append("measure: the force's troops, no verb of their own")
                conf -= 0.3
            elif loose:
                # no verb of its own and none near: a projection under a modal, else a presence
                modal = _MODAL_BEFORE.search(text, max(s.start, fig.start - 40), fig.start)
                measure = "pledged_or_preparing" if modal else "arrived_in_russia"
                why.append(
                    "measure: " + ("a projection (modal verb)" if modal else "troops counted, no verb of their own")
                )
                conf -= 0.1
            elif np is not None and np.kind == "troops" and _counted_troops_before(doc, i, fig):
                # "the North Korean contingent in Kursk numbers about 12,000 personnel"
                measure = "arrived_in_russia"
                counted_place = _place_in_phrase(doc, i, fig)
                why.append("measure: the force's troops, no verb of their own")
                conf -= 0.3
            else:
                prev = None
                continue
        if _RATE.match(text, phrase_end, s.end):
            measure = "other"
            why.append("a rate, not a count")
        stance = "asserts"
        if cue is not None and measure in SEND_MEASURES:
            if is_planned(text, cue, s.start):
                measure = "pledged_or_preparing"
                why.append("planned or modal")
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
            place = _places.find_place(text, phrase_end, s.end)
        if place is None and cue is not None and re.fullmatch(r"(?i)entered|reach(?:ed|es|ing)?|crossed", cue.text):
            place = _places.find_place(text, cue.end, s.end, bare=True)
        origin = None
        if place is None:
            route = _places.find_route(text, q_end, min(s.end, q_end + 160))
            if route is not None:
                origin, place = route
        if place is not None and place.start - q_end <= 40:
            q_end = max(q_end, place.end)
        kind = (
            personnel_of(text, np, s.start, s.end, doc.memo, i, _speaker_spans(doc, i))
            if np is not None or elliptic
            else "unspecified"
        )
        if part_of and prev is not None and kind == "unspecified":
            kind = prev[3]
        if elliptic and kind == "unspecified" and i > 0 and doc.same_context(i, i - 1):
            p = doc.sentences[i - 1]
            kind = personnel_of(text, None, p.start, p.end, doc.memo, i - 1, _speaker_spans(doc, i - 1))
        if (
            measure in ("arrived_in_russia", "mustering_in_russia")
            and place is not None
            and _FRONT_PLACE.search(place.text)
            and kind not in _REAR_KINDS
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
            and not _troop_context(doc, i, measure)
        ):
            prev = None
            continue
        if fig.increment:
            why.append("adds to an earlier figure")
        if fig.text.lower() in ("a", "an") and measure not in ("captured", "killed", "wounded"):
            prev = None
            continue  # one soldier counts only as a capture or a loss ("a North Korean soldier taken alive")
        c = Candidate(i, fig.start, q_start, q_end, fig, measure, stance, code, conf, why, place)
        c.personnel = kind
        c.origin = origin
        out.append(c)
        prev = (fig, phrase_end, measure, kind)
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


def _counted_troops_before(doc: Document, i: int, fig: Figure) -> bool:
    """ "the North Korean contingent numbers about 12,000 personnel": a body of the force is counted."""
    put = counted_before(doc.text, doc.sentences[i].start, fig.start)
    return (
        put is not None
        and put.kind == "troops"
        and any(m.code == doc.force and put.start <= m.start < put.end for m in doc.force_mentions(i))
    )


def _place_in_phrase(doc: Document, i: int, fig: Figure) -> _places.Place | None:
    """The place named inside the phrase a figure is the value of ("the contingent in Kursk")."""
    put = counted_before(doc.text, doc.sentences[i].start, fig.start)
    if put is None:
        return None
    for m in re.finditer(r"\s(?=(?:in|inside|near)\s)", doc.text[put.start : put.end]):
        place = _places.find_place(doc.text, put.start + m.start(), put.end)
        if place is not None:
            return place
    return None


def _force_named_in(doc: Document, i: int, np: NounPhrase) -> bool:
    return any(m.code == doc.force and np.mods_start <= m.start < np.end for m in doc.force_mentions(i))


def _force_just_before(doc: Document, i: int, fig: Figure) -> bool:
    """ "a North Korean force of roughly 7,000 personnel": the force is named just before."""
    return any(
        m.code == doc.force and m.kind == "adjective" and 0 <= fig.start - m.end <= 40 for m in doc.force_mentions(i)
    )


def _sent_by_force(doc: Document, i: int, fig: Figure, np: NounPhrase) -> bool:
    """ "Pyongyang has dispatched about 14,000 personnel": the force sends them."""
    cue = cue_before(doc.text, fig.start, doc.sentences[i].start)
    return cue is not None and cue.measure in SEND_MEASURES and _owner(doc, i, fig, np)[0] == doc.force


def _personnel_sent(doc: Document, i: int, fig: Figure, np: NounPhrase) -> bool:
    """ "12,000 personnel have been sent": personnel sent, with the force as the text's topic."""
    if np.head.lower() != "personnel":
        return False
    cue = cue_at(doc.text, np.end, doc.sentences[i].end)
    return cue is not None and cue.measure in SEND_MEASURES and _topic_force(doc, i)


def _troop_context(doc: Document, i: int, measure: str) -> bool:
    """ "11,000 North Koreans already in Kursk": people of the force count as troops when the
    sentence (or the one before) speaks of troops, or the measure is military in itself."""
    if measure in ("deployed_to_front", "mustering_in_russia") or doc.title_topic:
        return True
    return any(
        _CORE_TROOP.search(doc.text, doc.sentences[j].start, doc.sentences[j].end)
        for j in (i, i - 1)
        if j >= 0 and (j == i or doc.same_context(i, j))
    )


_CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|,\s+(?:but|while|whereas|although)\b")


# "the real number of North Korean soldiers in the country - about 12,000 -", "(some 12,000)"
_APPOSITION = re.compile(r"(?P<np>[^,;:()\-–—]{3,100}?)\s*(?:\s[-–—]|\()\s*$")
_IN_COUNTRY = re.compile(r"\b(?:in|inside)\s+(?:the\s+country|Russia|(?:the\s+)?[A-Z][\w'’-]+)|\bon\s+Russian\s+soil")


def _appositive(doc: Document, i: int, fig: Figure) -> Candidate | None:
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


def _new_total(doc: Document, i: int, fig: Figure, last: Candidate) -> Candidate:
    """ "sent 3,000 more, bringing the total to 14,000": the total, of the same count as ``last``."""
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


def _nearest_cue(doc: Document, i: int, fig: Figure, phrase_end: int) -> Cue | None:
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
        gap = fig.start - c.end if c.end <= fig.start else c.start - phrase_end
        if gap < best_gap:
            best, best_gap = c, gap
    return best


def _raised_to(text: str, start: int, fig_start: int) -> NounPhrase | None:
    if not text.endswith("to ", max(start, fig_start - 3), fig_start):
        return None
    m = _RAISED_TO.search(text, max(start, fig_start - 120), fig_start)
    if not m or not TROOP_WORDS.search(m.group("np")):
        return None
    phrase = m.group("np")
    cue = next(measure_cues(phrase), None)
    return NounPhrase(
        m.start("np"), m.end("np"), "estimate", "troops", phrase, m.start("np"), True, cue.measure if cue else None
    )


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|expected\s+to|set\s+to|likely\s+to)\b")
# "an initial group of 2,600", "a second batch of roughly 1,500": a body of troops counted by the figure.
_COLLECTIVE_OF = re.compile(
    r"\b(?:group|batch|contingent|wave|detachment|rotation|echelon|cohort|tranche|unit|deployment|team"
    r"|force)s?\s+of\s+$",
    re.IGNORECASE,
)


# Words that may follow a figure that counts no noun of its own ("1,500 have arrived").
_AFTER_BARE = frozenset(
    """have has had are were is was be been being will would could may might must should can
    more others other additional extra further of in into inside to from at on by with during since
    already reportedly allegedly now still so as and or but then who that which while when whom
    more total altogether strong apiece each all both so-far until till before after over near
    across along among alongside against through under per last this next early late about around
    the a an their its his her these those""".split()
)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)
_DATE_AFTER = re.compile(rf"\s+{_MONTHS}|\s*(?:st|nd|rd|th)\b|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|hours)\b")
_DAY_BEFORE = re.compile(rf"(?:\b(?:on|since|until|till|by|from|before|after)\s+(?:{_MONTHS}\.?\s+)?|{_MONTHS}\.?\s+)$")
_THING_AFTER_CAPS = re.compile(r"(?:\s+[A-Z][\w'’-]*){1,3}\s+([a-z][a-z-]*)\b")


_BACK_REFERENCE = re.compile(r"(?i)\b(?:of|from|among|out\s+of)\s+(?:those|these|the|them|that)\s+$")
_NUMBER_OF = re.compile(r"(?i)\b(?:number|total|tally|count|toll|estimate)\s+of\s+([a-z]+)")


def _loose_figure(doc: Document, i: int, fig: Figure) -> bool:
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
    after = _NEXT_WORD.match(text, fig.end, s.end)
    if after is not None and after.group(1) not in _AFTER_BARE and cue_at(text, fig.end, s.end) is None:
        return False  # "170 self-propelled guns"
    if fig.qualifier == "exact" and not fig.is_range and 1900 <= value <= 2100:
        return False  # a year
    if _DATE_AFTER.match(text, fig.end, s.end) or _DAY_BEFORE.search(text, max(s.start, fig.start - 16), fig.start):
        return False
    caps = _THING_AFTER_CAPS.match(text, fig.end, s.end)
    if caps is not None and caps.group(1) not in _AFTER_BARE and not TROOP_WORDS.match(caps.group(1)):
        return False  # "3,000 North Korean workers", "600 Chollima rockets"
    if re.match(r"\s*(?:(?:more|fewer|less|higher|lower)\s+)?than\b", text[fig.end : fig.end + 20]):
        return False  # "about 2,000 more than the week before": a difference
    before = text[max(s.start, fig.start - 80) : fig.start]
    if _BACK_REFERENCE.search(before):
        return False  # "Of those 4,000, ...": a figure given before
    counted = _NUMBER_OF.search(before)
    if counted is not None and not TROOP_WORDS.match(counted.group(1)):
        return False  # "the number of drones reached 5,000"
    if not _topic_force(doc, i):
        return False
    speakers = _speaker_spans(doc, i)
    return (
        any(
            not any(a <= m.start() < b for a, b in speakers)
            for j in (i, i - 1)
            if j >= 0 and (j == i or doc.same_context(i, j))
            for m in TROOP_WORDS.finditer(text, doc.sentences[j].start, doc.sentences[j].end)
        )
        or doc.title_topic
    )


def _counts_a_thing(text: str, pos: int, end: int) -> bool:
    """Whether a lower-case noun that is no verb follows the figure ("165,000 containers")."""
    m = _NEXT_WORD.match(text, pos, end)
    if m is None or m.group(1) in _AFTER_BARE:
        return False
    return cue_at(text, pos, end) is None and not m.group(1).endswith(("ed", "ing"))


# A figure with nothing counted after it: "..., then a further 4,000 early in 2025)".
_BARE_END = re.compile(r"\s*(?:[,;.)]|$)|\s+(?:in|during|by|until|since|early|late|last|this|next|over|before|after)\b")


def _put_candidate(doc: Document, i: int, fig: Figure, put: NounPhrase) -> list[Candidate]:
    """ "puts North Korean casualties at around 3,000": the phrase before "at" is counted."""
    text = doc.text
    s = doc.sentences[i]
    head_at = text.find(put.head, put.start, put.end)
    head_at = put.end if head_at < 0 else head_at
    inside = [m for m in doc.force_mentions(i) if put.start <= m.start and m.end <= head_at]
    code = inside[-1].code if inside else ((_troop_owner_in(doc, i) or doc.force) if _topic_force(doc, i) else None)
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
    if measure is None and _MODAL_BEFORE.search(verb_text):
        measure = "pledged_or_preparing"  # "could grow to 100,000": a projection
        why.append("a projection (modal verb)")
    if measure is None:
        cue = next(measure_cues(text, put.start, put.end), None)
        if cue is not None:
            measure = cue.measure
        elif re.search(
            r"\b(?:in|inside)\s+(?:the\s+)?[A-Z]|\bon\s+(?:Russian|Russia['’]s)\s+(?:soil|territory)",
            text[put.start : put.end],
        ):
            measure = "arrived_in_russia"
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
        c.personnel = personnel_of(text, None, s.start, s.end, doc.memo, i, _speaker_spans(doc, i))
    return [c]


def stance_candidates(doc: Document, i: int, taken: list[Candidate]) -> list[Candidate]:
    """A claimant that cannot confirm, or denies, reports of the force's troops."""
    text = doc.text
    s = doc.sentences[i]
    st = stance_cue(text, s.start, s.end)
    if st is None or any(c.figure is not None and c.quote_start >= st[1] for c in taken):
        return []
    stance, c_start, c_end = st
    topic = i
    if not _has_troop_topic(doc, i):
        if (
            i > 0
            and doc.same_context(i, i - 1)
            and _REFERS_BACK.search(text, s.start, s.end)
            and _has_troop_topic(doc, i - 1)
        ):
            topic = i - 1
        else:
            return []
    t = doc.sentences[topic]
    measure = "other"
    spans = [(c_end, t.end), (t.start, t.end)] if topic == i else [(t.start, t.end)]
    for lo, hi in spans:
        cue = next((c for c in measure_cues(text, lo, hi) if not (c_start <= c.start < c_end)), None)
        if cue is not None:
            measure = cue.measure
            break
    # the quoted clause: from after the reporting verb to the end of the clause
    q_start = s.start
    for m in _QUOTE_START.finditer(text, s.start, c_start):
        if m.end() <= c_start and m.end() > q_start:
            q_start = m.end()
    end_m = _CLAUSE_END.search(text, c_end, s.end)
    q_end = end_m.start() if end_m else s.end
    while q_end > q_start and text[q_end - 1] in ".,;: ":
        q_end -= 1
    place = None
    for cue in measure_cues(text, t.start if topic != i else c_end, t.end):
        place = _places.find_place(text, cue.end, t.end)
        if place:
            break
    why = [f"stance: '{text[c_start:c_end]}'"]
    if topic != i:
        why.append("topic from the sentence before")
    return [Candidate(i, c_start, q_start, q_end, None, measure, stance, doc.force, 0.7, why, place)]


def _has_troop_topic(doc: Document, i: int) -> bool:
    return _troop_owner_in(doc, i) == doc.force
