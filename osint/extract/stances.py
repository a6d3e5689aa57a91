"""Statements that cannot confirm, or deny, reports of the force's troops: candidates with no figure.

"NATO could not confirm the reports" is a claim an analyst tracks beside the figures: its
stance is ``cannot_confirm``, its measure what the reports were about (from the sentence, or
from the sentence or two before that it refers back to).

Example:
    >>> from osint.extract import extract_records
    >>> [r["stance"] for r in extract_records(
    ...     "Reports say North Korean troops are in Kursk. The Pentagon could not confirm the reports.")]
    ['cannot_confirm']
"""

from __future__ import annotations

import re

from . import places as _places
from .document import Candidate, Document
from .measures import measure_cues, stance_cue
from .owners import troop_owner_in

__all__ = ["stance_candidates"]

_REFERS_BACK = re.compile(
    r"(?i)\b(?:this|these|those|such|the)\s+(?:matter|reports?|claims?|information|allegations?|accounts?|deployments?|issue)\b|\bit\b"
)


_CLAUSE_END = re.compile(
    r",\s+(?:but|with|while|as|adding|saying|according\s+to|citing)\b|\s+but\s+|;|,\s+(?:he|she|it|they)\s+(?:said|added)\b|[“”\"]\s*$"
)


_QUOTE_START = re.compile(
    r"(?:\b(?:said|says|told\s+\w+|stated|announced|warned|added|noted|believes|reported|claimed|confirmed)"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s+|\bthat\s+|^)"
)


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
        # "... could not confirm the reports": the reports of a sentence or two before
        back = [
            j
            for j in (i - 1, i - 2)
            if j >= 0 and doc.same_context(i, j) and doc.same_context(j + 1, j) and _has_troop_topic(doc, j)
        ]
        if back and _REFERS_BACK.search(text, s.start, s.end):
            topic = back[0]
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
    return troop_owner_in(doc, i) == doc.force
