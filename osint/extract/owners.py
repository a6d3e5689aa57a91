"""Whose troops a figure counts, and what kind of people a figure with no noun refers to.

The owner of a counted phrase is the nationality inside it ("10,000 North Korean troops"),
else the sending country of the clause ("North Korea has dispatched 15,000 troops"), else the force
the sentence (or the one before, or the headline) speaks of. Speakers are never owners:
"according to Ukraine's special forces, 200 were killed" counts no Ukrainian.

Example:
    >>> from .claimants import ClaimantTable
    >>> from .forces import FORCES
    >>> doc = Document("Pyongyang sent 3,000 soldiers to Russia.", None, None, "KP",
    ...                ClaimantTable.load(), FORCES)
    >>> troop_owner_in(doc, 0), topic_force(doc, 0)
    ('KP', True)
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .document import PREPOSITION_BEFORE, Candidate, Document
from .measures import SEND_MEASURES, cue_at, cue_before
from .nouns import TROOP_WORDS, NounPhrase, counted_before
from .numbers import Figure
from .personnel import personnel_of


SPEECH_AFTER = re.compile(
    r"\s*(?:(?:has|have|had|also|on\s+\w+)\s+)*(?:said|says|claims?|claimed|told|reported|warned|estimated|announced|confirmed|believes|denied|stated)\b"
)


def owner(doc: Document, i: int, fig: Figure, np: NounPhrase | None) -> tuple[str | None, str]:
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
    # 2. the troops that are the subject of the figure's verb: "North Korean forces had taken 4,000
    # casualties", "North Korean troops sent to help Russia have suffered 5,000 casualties"
    for m in reversed([m for m in mentions if m.end <= fig.start]):
        if (
            m.kind == "adjective"
            and _TROOPS_AFTER.match(text, m.end, fig.start)
            and not PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start)
        ):
            return m.code, "troops that are the subject"
    # 3. the sending country of the clause: nearest noun (not after a preposition, not a speaker)
    speakers = [(a.start, a.end) for a in doc.attributions(i) if a.end <= fig.start]
    for m in reversed([m for m in mentions if m.end <= fig.start]):
        if m.kind not in ("noun", "leader"):
            continue
        if any(a < m.start and m.end < b for a, b in speakers):
            continue  # "ISW, a Washington think tank, calculated": part of who speaks
        if PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start):
            continue
        if text[m.end : m.end + 2] in ("'s", "’s"):
            continue
        if SPEECH_AFTER.match(text, m.end, min(s.end, m.end + 40)):
            continue
        if re.match(r"\s+with\b", text[m.end : m.end + 6]):
            continue  # "provided Moscow with 12,000 troops": Moscow receives them
        if _GIVES_TO.search(text, max(s.start, m.start - 16), m.start):
            continue  # "may send Russia as many as 30,000 troops": Russia receives them
        return m.code, "subject of the clause"
    return None, ""


_TROOPS_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:troops|soldiers|forces|units|servicemen|military|contingent|force|personnel|fighters)"
    r"(?:\s+(?:sent|deployed|dispatched|fighting|stationed|based|in)\b[^,.;]{0,50}?)?\s+"
    r"(?:(?:have|has|had|now|already|reportedly|so\s+far|also)\s+)*(?:had|have|has|suffered|sustained|took|taken|lost|incurred)\s+"
)


def troop_owner_in(doc: Document, i: int) -> str | None:
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
    speakers = speaker_spans(doc, i)
    for tw in TROOP_WORDS.finditer(text, s.start, s.end):
        if any(a <= tw.start() < b for a, b in speakers):
            continue  # "according to Ukraine's special operations forces": the speaker, not the counted
        k = bisect_left(starts, tw.start() - 40)
        near = [
            m
            for m in mentions[k : k + 8]
            if m.end <= tw.start() and tw.start() - m.end <= 30 and m.kind in ("adjective", "demonym")
        ]
        if near and not (
            near[-1].code != doc.force and _ENEMY_BEFORE.search(text, max(s.start, near[-1].start - 30), near[-1].start)
        ):
            codes.append(near[-1].code)  # not "to help push Ukrainian troops out": the other side, not the topic
        of = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", text[tw.end() : tw.end() + 12])
        if of:
            k = bisect_left(starts, tw.end())
            after = [m for m in mentions[k : k + 2] if 0 <= m.start - tw.end() <= 12]
            if after:
                codes.append(after[0].code)
        if not near and not of:
            # "Pyongyang was preparing 10,000 soldiers to join Russian forces": the subject's troops
            subject = _subject_before(doc, i, mentions, tw.start())
            if subject is not None:
                codes.append(subject)
        if doc.force in codes:
            return doc.force
    return codes[0] if codes else None


_GIVES_TO = re.compile(r"(?i)\b(?:send|sends|sent|sending|give|gives|gave|given|giving|offer\w*|lend\w*|lent)\s+$")
_ENEMY_BEFORE = re.compile(
    r"(?i)\b(?:push\w*|drive|driving|drove|driven|expel\w*|repel\w*|oust\w*|dislodge\w*|against|fight\w*|attack\w*"
    r"|rout\w*|defeat\w*)\s+(?:\w+\s+){0,2}$"
)


def _subject_before(doc: Document, i: int, mentions: list, pos: int) -> str | None:
    """The country that is the subject of the clause before ``pos`` ("North Korea denied
    sending troops"), never a speaker, an object after a preposition or a possessor."""
    text = doc.text
    s = doc.sentences[i]
    for m in mentions:
        if (
            m.kind in ("noun", "leader")
            and m.start < pos  # "troops went ... and more reached Russia": an object
            and not SPEECH_AFTER.match(text, m.end, min(s.end, m.end + 40))  # "Seoul said ...": the speaker
            and not PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start)
            and text[m.end : m.end + 2] not in ("'s", "’s")
        ):
            return m.code
    return None


def speaker_spans(doc: Document, i: int) -> tuple[tuple[int, int], ...]:
    """Spans of the claimants named in sentence ``i`` (their troop words count no one)."""
    return tuple((m.start, m.end) for m in doc.mentions(i))


def topic_force(doc: Document, i: int) -> bool:
    """Whether the force of interest is the topic near sentence ``i`` (this, previous or title),
    or no country at all is named around it (the text is read for that force's troops)."""
    if doc.title_topic:
        return True
    for j in (i, i - 1, 0):
        if j >= 0 and any(m.code == doc.force for m in doc.force_mentions(j)):
            return True
    # no troops of another force named around it
    return all(troop_owner_in(doc, j) in (None, doc.force) for j in (i, i - 1) if j >= 0)


# Core troop words: people of the force ("North Koreans") are troops only beside one of these.
CORE_TROOP = re.compile(r"(?i)\b(?:troops?|soldiers?|servicem[ae]n|military|army|forces|units?|combat)\b")


def kind_referred_to(doc: Document, i: int, out: list[Candidate]) -> str:
    """The kind of the troops a figure with no noun of its own refers back to: the figure before
    in the sentence, else the last one of the two sentences before, else the force's troops."""
    if out:
        return out[-1].personnel
    last = doc.memo.get("last_figure")
    if last is not None and i - last.sentence <= 2 and doc.same_context(i, last.sentence):
        return last.personnel
    for j in (i - 1, i - 2):
        if j >= 0 and doc.same_context(i, j):
            p = doc.sentences[j]
            kind = personnel_of(doc.text, None, p.start, p.end, doc.memo, j, speaker_spans(doc, j))
            if kind != "unspecified":
                return kind
    return "combat_troops" if topic_force(doc, i) else "unspecified"


def counted_troops_before(doc: Document, i: int, fig: Figure) -> bool:
    """ "the North Korean contingent numbers about 12,000 personnel": a body of the force is counted."""
    put = counted_before(doc.text, doc.sentences[i].start, fig.start)
    return (
        put is not None
        and put.kind == "troops"
        and any(m.code == doc.force and put.start <= m.start < put.end for m in doc.force_mentions(i))
    )


def force_named_in(doc: Document, i: int, np: NounPhrase) -> bool:
    return any(m.code == doc.force and np.mods_start <= m.start < np.end for m in doc.force_mentions(i))


def force_just_before(doc: Document, i: int, fig: Figure) -> bool:
    """ "a North Korean force of roughly 7,000 personnel": the force is named just before."""
    return any(
        m.code == doc.force and m.kind == "adjective" and 0 <= fig.start - m.end <= 40 for m in doc.force_mentions(i)
    )


def sent_by_force(doc: Document, i: int, fig: Figure, np: NounPhrase) -> bool:
    """ "Pyongyang has dispatched about 14,000 personnel": the force sends them."""
    cue = cue_before(doc.text, fig.start, doc.sentences[i].start)
    return cue is not None and cue.measure in SEND_MEASURES and owner(doc, i, fig, np)[0] == doc.force


def personnel_sent(doc: Document, i: int, fig: Figure, np: NounPhrase) -> bool:
    """ "12,000 personnel have been sent": personnel sent, with the force as the text's topic."""
    if np.head.lower() != "personnel":
        return False
    cue = cue_at(doc.text, np.end, doc.sentences[i].end)
    return cue is not None and cue.measure in SEND_MEASURES and topic_force(doc, i)


def troop_context(doc: Document, i: int, measure: str) -> bool:
    """ "11,000 North Koreans now in Kursk": people of the force count as troops when the
    sentence (or the one before) speaks of troops, or the measure is military in itself."""
    if measure in ("deployed_to_front", "mustering_in_russia") or doc.title_topic:
        return True
    return any(
        CORE_TROOP.search(doc.text, doc.sentences[j].start, doc.sentences[j].end)
        for j in (i, i - 1)
        if j >= 0 and (j == i or doc.same_context(i, j))
    )
