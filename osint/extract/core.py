"""Article text -> candidate ledger rows: figure, qualifier, measure, claimant, date, place, quote.

The rules follow the grammar of English news copy, sentence by sentence:

* a *figure* counts troops (or losses) of the force of interest when the noun after it is a
  troop word ("10,000 North Korean troops", "6,000 military personnel", "4,700 casualties")
  or, with no noun, when a verb follows that a troop noun of the sentence governs ("at least
  1,500 have already arrived"), or when it is the value of a counted phrase ("puts North
  Korean casualties at 3,000", "casualties have exceeded 3,000"); its owner is the
  nationality word in the phrase, else the sending country of the clause ("North Korea has
  sent 15,000 troops"), else the topic of the text. Civilian nouns without a military word
  ("5,000 workers"), vague amounts, dates, money, percentages and equipment are no figures;
* the *measure* is read from that noun or verb (see :mod:`.measures`);
* the *claimant* from the reporting construction (see :mod:`.claimants`), carried to the next
  sentence of the same paragraph when that one has no attribution of its own; with none, the
  outlet of ``source_url`` stands as claimant;
* the *date* from a date expression next to the reporting verb, else from the last one said
  by the same claimant shortly before, else the publication date (``why`` says which);
* the *place* from the phrase after the verb, resolved by :mod:`osint.gazetteer` when it is
  there (else kept as stated, with a precision guessed from its words);
* a statement that *cannot confirm* or *denies* troop reports is a candidate even with no figure.

Example:
    >>> rows = extract_claims("The NIS said on Friday that up to 12,000 North Korean troops "
    ...                       "are mustering in Russia.", published="2024-10-19")
    >>> row = rows.iloc[0]
    >>> (int(row.figure_high), row.qualifier, row.measure, row.claimant)
    (12000, 'up_to', 'mustering_in_russia', 'National Intelligence Service (South Korea)')
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

import pandas as pd

from ..schema import COLUMNS
from . import places as _places
from ._regex import trie_pattern
from .claimants import (
    Attribution, Claimant, ClaimantTable, Mention, carried_by, find_attributions, relay_phrase,
)
from .dates import DateMention, as_date, find_dates
from .forces import FORCES, Force, ForceMention, force_mentions
from .measures import (
    SEND_MEASURES, Cue, cue_at, cue_before, front_after, is_negated, is_planned, is_purpose,
    measure_cues, stance_cue,
)
from .nouns import ABOVE_VERBS, TROOP_WORDS, NounPhrase, counted_before, noun_phrase
from .numbers import Figure, find_figures
from .text import Sentence, split_sentences

__all__ = ["extract_claims", "extract_records", "candidates_frame", "CANDIDATE_COLUMNS", "EXTRA_COLUMNS"]

#: Columns added to the ledger's own for review.
EXTRA_COLUMNS: tuple[str, ...] = (
    "char_start", "char_end", "confidence", "why", "figure_text", "claimant_text", "date_text",
    "force", "lon", "lat",
)
CANDIDATE_COLUMNS: tuple[str, ...] = (*COLUMNS, *EXTRA_COLUMNS)

_CASUALTY_MEASURES = frozenset({"killed", "wounded", "captured", "casualties", "in_combat"})
# A sentence is worth reading only if it has a number word or a stance phrase and a troop word.
_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
                 "seventy eighty ninety hundred thousand dozen").split()
_STANCE_WORDS = ["confirm", "verif", "corroborat", "deny", "denie", "denied", "dismiss", "reject",
                 "refut", "rebuff", "fake news", "baseless", "groundless", "information", "evidence",
                 "indication", "sign", "unable", "cannot"]
# Cheap test for troop and loss words (a superset of nouns.TROOP_WORDS), used as a gate.
_TROOPISH_WORDS = (
    "troop soldier servicem service fighter combatant infantr paratrooper marine commando forces "
    "mercenar conscript reservist recruit sapper deminer artillerym gunner sniper officer commander "
    "general rifle guardsm personnel engineer specialist worker labo builder instructor advis staff "
    "crew operator pilot technician men members cadet casualt loss killed dead death fatalit bodies "
    "kia wounded injur pow prisoner captive captured strong storm draftee").split()
_TROOPISH = re.compile(r"\b(?i:" + trie_pattern(_TROOPISH_WORDS) + ")")
_REFERS_BACK = re.compile(r"(?i)\b(?:this|these|those|such|the)\s+(?:matter|reports?|claims?|information|allegations?|accounts?|deployments?|issue)\b|\bit\b")
_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|as\s+well\s+as|plus|along\s+with|together\s+with|,)\s*(?:(?:another|an?\s+additional|some)\s+)?$", re.IGNORECASE)
# A lower-case word straight after "<figure> <verb-ing>" that makes it a noun compound.
_COMPOUND_AFTER = re.compile(
    r"\s+(?!(?:to|in|into|at|on|by|from|with|for|near|and|or|but|as|after|before|since|during"
    r"|so|while|over|under|across|inside|along|toward|towards|the|a|an|their|its|his|her|this"
    r"|that|these|those|some|many|more|most|all|back|home|again|alone|together|already|now"
    r"|still|yet|there|here|then|too|also|reportedly|allegedly|overall|himself|themselves"
    r"|alongside|among|against|of|per|each|every|within|without|out|up|down|off|away)\b)[a-z]+\b")
_TOTAL = re.compile(r"\s+(?:in\s+)?total\b|\s+altogether\b|\s+all\s+told\b", re.IGNORECASE)
_PRESENCE = re.compile(r"\s*,?\s*(?:(?:now|still|already|currently|reportedly)\s+)?(?:in|inside)\s+(?:the\s+)?(?:[a-z]+ern\s+)?[A-Z]")
_PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:to|in|into|from|toward|towards|across|inside|near|against|for|with|on|at|of|by|over"
    r"|through|via|within|between|and|about|alongside|behind|beyond|than|like)\s+(?:the\s+)?$"
)
_CLAUSE_SPLIT = re.compile(r",\s+(?:while|but|whereas|although|though)\b|;|\bwhile\b")
# A paragraph opening like this starts new reporting, ending a block quoted from an outlet.
_TRANSITION = re.compile(
    r"(?:Separately|Meanwhile|However|Elsewhere|In\s+addition|Also|Earlier|Later|Last\s+\w+|On\s+[A-Z]\w+"
    r"|In\s+[A-Z]\w+|At\s+the\s+same\s+time|By\s+contrast|Still)\b")
# "... told lawmakers": the statement reached the public through them.
_TOLD_RELAY = re.compile(
    r"\s+(?:(?:a\s+)?(?:closed-door\s+)?(?:session|meeting|briefing)\s+(?:of|with|for)\s+)?(?P<r>lawmakers|legislators|parliament|MPs"
    r"|members\s+of\s+parliament|the\s+National\s+Assembly|(?:a|the)\s+parliamentary\s+(?:intelligence\s+)?committee)\b")
_CITED_BEFORE = re.compile(r"(?i)\b(?:according\s+to|citing|quoting|briefed\s+by|by)\s+(?:the\s+)?$")
_SPEECH_AFTER = re.compile(
    r"^\s*(?:(?:has|have|had|also|on\s+\w+)\s+)*(?:said|says|claims?|claimed|told|reported|warned|estimated|announced|confirmed|believes|denied|stated)\b"
)
_CLAUSE_END = re.compile(r",\s+(?:but|with|while|as|adding|saying|according\s+to|citing)\b|\s+but\s+|;|,\s+(?:he|she|it|they)\s+(?:said|added)\b|[“”\"]\s*$")
_QUOTE_START = re.compile(
    r"(?:\b(?:said|says|told\s+\w+|stated|announced|warned|added|noted|believes|reported|claimed|confirmed)"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+that)?\s+|\bthat\s+|^)"
)


@dataclass
class _Candidate:
    sentence: int
    pos: int                     # where the claim sits in the text (for attribution)
    quote_start: int
    quote_end: int
    figure: Figure | None
    measure: str
    stance: str
    force: str
    confidence: float
    why: list[str] = field(default_factory=list)
    location: _places.Place | None = None


class _Document:
    """Lazy per-sentence views of one text: mentions, attributions, dates, forces."""

    def __init__(self, text: str, published: date | None, source_url: str | None, force: str,
                 table: ClaimantTable, forces: Mapping[str, Force]):
        self.text = text
        self.published = published
        self.source_url = source_url
        self.force = force
        self.table = table
        self.forces = forces
        self.sentences: list[Sentence] = split_sentences(text)
        self._mentions: dict[int, list[Mention]] = {}
        self._attributions: dict[int, list[Attribution]] = {}
        self._dates: dict[int, list[DateMention]] = {}
        self._forces: dict[int, list[ForceMention]] = {}
        self.outlet: Claimant | None = table.outlet(source_url)

    # -- cached views ------------------------------------------------------------------
    def mentions(self, i: int) -> list[Mention]:
        if i not in self._mentions:
            s = self.sentences[i]
            self._mentions[i] = self.table.mentions(self.text, s.start, s.end)
        return self._mentions[i]

    def attributions(self, i: int) -> list[Attribution]:
        if i not in self._attributions:
            s = self.sentences[i]
            self._attributions[i] = find_attributions(self.text, s.start, s.end, self.table, self.mentions(i))
        return self._attributions[i]

    def dates(self, i: int) -> list[DateMention]:
        if i not in self._dates:
            s = self.sentences[i]
            self._dates[i] = [d for d in find_dates(self.text, self.published, s.start, s.end)
                              if not d.scope and d.date is not None]
        return self._dates[i]

    def force_mentions(self, i: int) -> list[ForceMention]:
        if i not in self._forces:
            s = self.sentences[i]
            self._forces[i] = force_mentions(self.text, s.start, s.end, self.forces)
        return self._forces[i]

    # -- helpers -----------------------------------------------------------------------
    def same_context(self, i: int, j: int) -> bool:
        """Sentence ``j`` is the one before ``i`` in the same paragraph (or the paragraph before)."""
        return j >= 0 and (self.sentences[i].paragraph - self.sentences[j].paragraph) <= 1

    def antecedent(self, i: int, before: int, kind: str, back: int = 6) -> Claimant | None:
        """What "he" / "it" / "the agency" at ``before`` in sentence ``i`` refers to.

        Walking back sentence by sentence: the sentence's speaker (the claimant of a reporting
        verb) if it has one, else the subject it names (in the pronoun's own sentence the
        last name before it, in earlier ones the first), of the right kind (person / body).
        """
        def fits(c: Claimant) -> bool:
            return c.kind == kind or (kind == "body" and c.kind == "media")

        for j in range(i, max(-1, i - back), -1):
            if j < i and self.sentences[i].paragraph - self.sentences[j].paragraph > 1:
                break
            limit = before if j == i else self.sentences[j].end
            speakers = [a.claimant for a in self.attributions(j)
                        if a.end <= limit and a.claimant.kind != "pronoun" and fits(a.claimant)]
            if speakers:
                return speakers[-1]
            names = [m for m in self.mentions(j) if m.end <= limit and fits(m.claimant) and not m.possessive
                     and (not _PREPOSITION_BEFORE.search(self.text, max(0, m.start - 12), m.start)
                          or _CITED_BEFORE.search(self.text, max(0, m.start - 20), m.start))]
            if names:
                return (names[-1] if j == i else names[0]).claimant
        return None

    def last_speaker(self, i: int, before: int, kind: str, back: int = 6) -> Claimant | None:
        """The claimant of the last attribution (not a pronoun) of ``kind`` before ``before``."""
        for j in range(i, max(-1, i - back), -1):
            if j < i and self.sentences[i].paragraph - self.sentences[j].paragraph > 1:
                break
            found = [a.claimant for a in self.attributions(j) if a.end <= before and a.claimant.kind != "pronoun"
                     and (a.claimant.kind == kind or (kind == "body" and a.claimant.kind == "media"))]
            if found:
                return found[-1]
        return None

    def last_mention(self, i: int, before: int, kind: str, back: int = 6) -> Mention | None:
        """The last claimant of ``kind`` (person / body) named before ``before``, looking back."""
        for j in range(i, max(-1, i - back), -1):
            found = [m for m in self.mentions(j) if m.end <= before
                     and (m.claimant.kind == kind or (kind == "body" and m.claimant.kind == "media"))
                     and (not _PREPOSITION_BEFORE.search(self.text, max(0, m.start - 12), m.start)
                          or _CITED_BEFORE.search(self.text, max(0, m.start - 20), m.start))]
            if found:
                return found[-1]
        return None


# ----------------------------------------------------------------------------- figures
def _owner(doc: _Document, i: int, fig: Figure, np: NounPhrase | None) -> tuple[str | None, str]:
    """Country code owning the counted troops, and how it was decided."""
    text = doc.text
    s = doc.sentences[i]
    mentions = doc.force_mentions(i)
    # 1. a nationality inside the phrase: "10,000 North Korean troops", "North Korea's 10,000"
    if np is not None:
        inside = [m for m in mentions if np.mods_start <= m.start and m.end <= np.start + len(text[np.start:np.end])
                  and m.start < (np.of_start or np.end)]
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
    poss = [m for m in mentions if m.end <= fig.start and fig.start - m.end <= 3
            and text[m.start:m.end].endswith(("'s", "’s"))]
    if poss:
        return poss[-1].code, "possessive"
    # 2. the sending country of the clause: nearest noun (not after a preposition, not a speaker)
    for m in reversed([m for m in mentions if m.end <= fig.start]):
        if m.kind not in ("noun", "leader"):
            continue
        if _PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start):
            continue
        if text[m.end:m.end + 2] in ("'s", "’s"):
            continue
        if _SPEECH_AFTER.match(text, m.end, min(s.end, m.end + 40)):
            continue
        if re.match(r"\s+with\b", text[m.end:m.end + 6]):
            continue  # "provided Moscow with 12,000 troops": Moscow receives them
        return m.code, "subject of the clause"
    return None, ""


def _troop_owner_in(doc: _Document, i: int) -> str | None:
    """The force whose troops a sentence speaks of, from "North Korean troops" and the like."""
    text = doc.text
    s = doc.sentences[i]
    codes = []
    for tw in TROOP_WORDS.finditer(text, s.start, s.end):
        near = [m for m in doc.force_mentions(i) if m.end <= tw.start() and tw.start() - m.end <= 30
                and m.kind in ("adjective", "demonym")]
        if near:
            codes.append(near[-1].code)
        of = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", text[tw.end():tw.end() + 12])
        if of:
            after = [m for m in doc.force_mentions(i) if 0 <= m.start - tw.end() <= 12]
            if after:
                codes.append(after[0].code)
    if doc.force in codes:
        return doc.force
    if codes:
        return codes[0]
    # "North Korea denied sending troops": the country that is the subject of the clause
    if TROOP_WORDS.search(text, s.start, s.end):
        for m in doc.force_mentions(i):
            if m.kind in ("noun", "leader") and not _PREPOSITION_BEFORE.search(text, max(s.start, m.start - 14), m.start) \
                    and text[m.end:m.end + 2] not in ("'s", "’s"):
                return m.code
    return None


def _topic_force(doc: _Document, i: int) -> bool:
    """Whether the force of interest is the topic near sentence ``i`` (this, previous or title)."""
    for j in (i, i - 1, 0):
        if j >= 0 and any(m.code == doc.force for m in doc.force_mentions(j)):
            return True
    return False


def _figure_candidates(doc: _Document, i: int) -> list[_Candidate]:
    text = doc.text
    s = doc.sentences[i]
    out: list[_Candidate] = []
    prev: tuple[Figure, int, str] | None = None  # last accepted figure, its phrase end, measure
    for fig in find_figures(text, s.start, s.end):
        why: list[str] = []
        conf = 0.9
        np = noun_phrase(text, fig.end, s.end)
        elliptic = False
        if np is not None and np.kind == "other":
            prev = None
            continue
        if np is None:
            # "at least 1,500 have already arrived", "three wounded", "4,000-5,000 total"
            cue = cue_at(text, fig.end, s.end)
            total = _TOTAL.match(text, fig.end, s.end)
            if cue is not None and _COMPOUND_AFTER.match(text, cue.end, s.end) \
                    and not text[fig.end:cue.start].strip():
                cue = None  # "three training sites": the verb form is part of a noun
            put = counted_before(text, s.start, fig.start) if cue is None and total is None else None
            if put is not None:
                out.extend(_put_candidate(doc, i, fig, put))
                prev = None
                continue
            if cue is None and total is None:
                prev = None
                continue
            elliptic = True
            why.append("figure without noun: troops of the sentence")
            conf -= 0.1
        phrase_end = np.end if np else fig.end
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
        if np is not None and np.kind == "casualty":
            measure = np.measure
            why.append(f"measure: noun '{np.head}'")
        else:
            after = cue_at(text, phrase_end, s.end)
            before = cue_before(text, fig.start, s.start)
            if after is not None and (after.measure == "deployed_to_front" and before is not None):
                after = None  # "sent 3,000 troops to the front": the verb leads, the front upgrades it
            if after is not None and is_purpose(text, after, s.start) and before is not None:
                after = None
            cue = after or before
            if cue is not None:
                measure = cue.measure
                why.append(f"measure: verb '{cue.text}'")
            elif _TOTAL.match(text, fig.end, s.end):
                first = next(measure_cues(text, s.start, s.end), None)
                if first is not None:
                    measure = first.measure
                    why.append(f"measure: total of '{first.text}'")
            elif prev is not None and _COORDINATION.match(text[prev[1]:fig.start]):
                measure = prev[2]
                why.append("measure: shared with the figure before")
            elif np is not None and _PRESENCE.match(text, phrase_end, s.end):
                measure = "arrived_in_russia"
                why.append("measure: troops present in a place")
                conf -= 0.1
        if measure is None:
            prev = None
            continue
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
        if np is not None and np.kind == "people" and measure not in _CASUALTY_MEASURES:
            prev = None
            continue
        st = stance_cue(text, s.start, fig.start)
        if st is not None:
            stance = st[0]
            why.append(f"stance: '{text[st[1]:st[2]]}'")
        q_start = min(fig.start, cue.start) if cue is not None else fig.start
        q_end = max(phrase_end, cue.end) if cue is not None else phrase_end
        place_from = q_end
        if cue is not None and re.search(r"\b(?:in|inside)$", cue.text):
            place_from = cue.end - (2 if cue.text.endswith("in") and not cue.text.endswith("inside") else 6)
        place = _places.find_place(text, place_from, s.end)
        if place is None and cue is not None and cue.start < fig.start:
            place = _places.find_place(text, phrase_end, s.end)
        if place is not None and place.start - q_end <= 40:
            q_end = max(q_end, place.end)
        if fig.increment:
            why.append("adds to an earlier figure")
        out.append(_Candidate(i, fig.start, q_start, q_end, fig, measure, stance, code, conf, why, place))
        prev = (fig, phrase_end, measure)
    return out


def _put_candidate(doc: _Document, i: int, fig: Figure, put: NounPhrase) -> list[_Candidate]:
    """"puts North Korean casualties at around 3,000": the phrase before "at" is counted."""
    text = doc.text
    s = doc.sentences[i]
    head_at = text.find(put.head, put.start, put.end)
    head_at = put.end if head_at < 0 else head_at
    inside = [m for m in doc.force_mentions(i) if put.start <= m.start and m.end <= head_at]
    code = inside[-1].code if inside else (_troop_owner_in(doc, i) if _topic_force(doc, i) else None)
    if code != doc.force:
        return []
    why = [f"figure is the value of '{text[put.start:put.end]}'"]
    verb_text = text[put.end:fig.start].lower()
    if fig.qualifier == "exact" and any(v in verb_text for v in ABOVE_VERBS):
        fig = Figure(fig.start, fig.end, fig.num_start, fig.low, None, "more_than", fig.text,
                     fig.increment, fig.is_range, fig.wordy)
        why.append("lower bound from the verb")
    measure = put.measure
    if measure is None:
        cue = next(measure_cues(text, put.start, put.end), None)
        if cue is not None:
            measure = cue.measure
        elif re.search(r"\b(?:in|inside)\s+(?:the\s+)?[A-Z]", text[put.start:put.end]):
            measure = "arrived_in_russia"
        else:
            return []
    q_start = text.rfind(" ", s.start, put.start - 1) + 1 if put.start > s.start else s.start
    q_start = max(q_start, s.start)
    return [_Candidate(i, fig.start, q_start, fig.end, fig, measure, "asserts", code, 0.8, why)]


def _stance_candidates(doc: _Document, i: int, taken: list[_Candidate]) -> list[_Candidate]:
    """A claimant that cannot confirm, or denies, reports of the force's troops."""
    text = doc.text
    s = doc.sentences[i]
    st = stance_cue(text, s.start, s.end)
    if st is None or any(c.figure is not None and c.quote_start >= st[1] for c in taken):
        return []
    stance, c_start, c_end = st
    topic = i
    if not _has_troop_topic(doc, i):
        if i > 0 and doc.same_context(i, i - 1) and _REFERS_BACK.search(text, s.start, s.end) \
                and _has_troop_topic(doc, i - 1):
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
    return [_Candidate(i, c_start, q_start, q_end, None, measure, stance, doc.force, 0.7, why, place)]


def _has_troop_topic(doc: _Document, i: int) -> bool:
    return _troop_owner_in(doc, i) == doc.force


# ------------------------------------------------------------------------ who and when
def _resolve_attribution(doc: _Document, i: int, a: Attribution) -> Claimant | None:
    if a.claimant.kind != "pronoun":
        return a.claimant
    word = re.sub(r"\s+", " ", a.claimant.claimant.lower())
    kind = "person" if word in ("he", "she") or word.split()[-1] in (
        "president", "leader", "minister", "spokesman", "spokeswoman", "spokesperson", "general",
        "governor", "official", "chief", "commander") else "body"
    return doc.antecedent(i, a.start, kind)


@dataclass
class _Who:
    claimant: Claimant | None
    relay: str | None
    text: str | None
    why: str
    verb_pos: int | None = None
    how: str | None = None


def _who(doc: _Document, i: int, pos: int) -> _Who | None:
    """The claimant of a claim at ``pos`` in sentence ``i`` from this sentence alone."""
    atts = [(a, _resolve_attribution(doc, i, a)) for a in doc.attributions(i)]
    atts = [(a, c) for a, c in atts if c is not None]
    if not atts:
        return None
    before = [(a, c) for a, c in atts if a.start < pos]
    after = [(a, c) for a, c in atts if a.start >= pos]
    a, c = before[-1] if before else after[0]
    relay = None
    cited = [(x, y) for x, y in atts if x.how == "citing"]
    if cited and (cited[0][0] is not a):
        relay = c.claimant if c is not cited[0][1] else relay_phrase(doc.text, doc.sentences[i].start, cited[0][0].start)
        a, c = cited[0]
    elif cited:
        relay = relay_phrase(doc.text, doc.sentences[i].start, a.start)
    if c.is_media:
        others = [(x, y) for x, y in atts if not y.is_media]
        if others:
            relay = c.claimant
            a, c = min(others, key=lambda xy: abs(xy[0].start - pos))
    elif relay is None:
        media = [y for x, y in atts if y.is_media and y != c]
        if media:
            relay = media[0].claimant
    if c.kind == "body":
        persons = [(x, y) for x, y in atts if y.kind == "person" and x.how in ("according_to", "inverted")]
        if persons:
            a, c = persons[0]
    if relay is None and a.how in ("verb", "pronoun") and re.search(r"\b(?:told|briefed|tells|informed)$", a.text):
        told = _TOLD_RELAY.match(doc.text, a.end)
        if told:
            relay = told.group("r")
        else:
            media = [m for m in doc.mentions(i) if m.claimant.is_media and 0 <= m.start - a.end <= 6]
            if media:
                relay = media[0].claimant.claimant
    if relay is None:
        s = doc.sentences[i]
        outlet = carried_by(doc.text, s.start, s.end, doc.mentions(i))
        if outlet is not None and outlet != c:
            relay = outlet.claimant
    return _Who(c, relay, a.text, f"claimant: {a.how} '{a.text}'", a.end, a.how)


def _dated(doc: _Document, i: int, who: _Who | None) -> DateMention | None:
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
            at_head = not text[s.start:d.start].strip(" ,")
            after_verb = (verb is not None and d.start >= verb and not text[verb:d.start].strip()
                          and who.how in ("verb", "pronoun", "raw"))
            if not (at_head or after_verb):
                continue
        found.append(d)
    if not found:
        return None
    if verb is not None:
        return min(found, key=lambda d: abs(d.start - verb))
    return found[0]


def _mentions_claimant(doc: _Document, j: int, claimant: Claimant | None) -> bool:
    if claimant is None:
        return False
    return any(m.claimant == claimant for m in doc.mentions(j))


def extract_claims(text: str, published: Any = None, source_url: str | None = None, *,
                   force: str = "KP", source_title: str | None = None,
                   source_outlet: str | None = None, claimants: ClaimantTable | str | None = None,
                   forces: Mapping[str, Force] | None = None, resolve_places: bool = True) -> pd.DataFrame:
    """Candidate ledger rows for the troop-figure claims in ``text``.

    ``published`` (date or ISO string) anchors relative dates; ``source_url`` fills the
    source and names the outlet; ``force`` is the ISO2 code of the troops of interest
    (default North Korea). Returns one row per candidate with the ledger's columns where
    known plus ``char_start``/``char_end`` (``text[char_start:char_end] == quote``),
    ``confidence`` (0-1), ``why`` (the rules that fired), ``figure_text``, ``claimant_text``,
    ``date_text``, ``force``, ``lon``/``lat`` (when the gazetteer resolves the place).

    Example:
        >>> df = extract_claims("Ukraine captured two North Korean soldiers, Zelensky said.")
        >>> row = df.iloc[0]
        >>> (int(row.figure_low), row.measure, row.claimant)
        (2, 'captured', 'Volodymyr Zelensky')
    """
    return _frame(extract_records(
        text, published, source_url, force=force, source_title=source_title,
        source_outlet=source_outlet, claimants=claimants, forces=forces,
        resolve_places=resolve_places))


def extract_records(text: str, published: Any = None, source_url: str | None = None, *,
                    force: str = "KP", source_title: str | None = None,
                    source_outlet: str | None = None, claimants: ClaimantTable | str | None = None,
                    forces: Mapping[str, Force] | None = None,
                    resolve_places: bool = True) -> list[dict[str, Any]]:
    """The rows of :func:`extract_claims` as plain dicts (no DataFrame): the fast path for
    batches, which build one frame for many texts with :func:`candidates_frame`.

    Example:
        >>> extract_records("No figures here.")
        []
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    pub = as_date(published)
    table = claimants if isinstance(claimants, ClaimantTable) else ClaimantTable.load(claimants)
    forces = FORCES if forces is None else forces
    if not text or not _TROOPISH.search(text):
        return []
    doc = _Document(text, pub, source_url, force, table, forces)
    # One pass over the whole text per gate; a sentence is then tested by bisection.
    gates: dict[str, list[int]] = {"num": [], "numw": [], "stance": [], "troop": [], "attrib": []}
    for m in _GATES.finditer(text):
        gates[m.lastgroup].append(m.start())

    def hit(name: str, sentence: Sentence) -> bool:
        found = gates[name]
        k = bisect_left(found, sentence.start)
        return k < len(found) and found[k] < sentence.end

    rows: list[dict[str, Any]] = []
    with_candidates: set[int] = set()
    carried: dict[int, _Who | None] = {}

    def carry(j: int) -> _Who | None:
        """The claimant sentence ``j`` hands on: its own, or the one it carried itself."""
        if j not in carried:
            sj = doc.sentences[j]
            who = _who(doc, j, sj.end) if (hit("attrib", sj) or hit("stance", sj) or j in with_candidates) else None
            if who is None and j in with_candidates and j > 0 and doc.same_context(j, j - 1):
                who = carry(j - 1)
            carried[j] = who
        return carried[j]

    relay_block: tuple[str, int, int] | None = None  # (outlet, last paragraph, its own) after "X reports:"
    for i, s in enumerate(doc.sentences):
        if relay_block and (s.paragraph > relay_block[1] or (
                s.paragraph > relay_block[2] and i > 0 and doc.sentences[i - 1].paragraph != s.paragraph
                and _TRANSITION.match(text, s.start, s.end))):
            relay_block = None
        has_num = hit("num", s) or hit("numw", s)
        has_stance = hit("stance", s) and bool(stance_cue(text, s.start, s.end))
        cands: list[_Candidate] = []
        troops_here = hit("troop", s)
        troops_before = i > 0 and doc.same_context(i, i - 1) and hit("troop", doc.sentences[i - 1])
        if (has_num or has_stance) and (troops_here or troops_before or has_stance):
            if has_num:
                cands = _figure_candidates(doc, i)
            if has_stance:
                cands += _stance_candidates(doc, i, cands)
        if cands:
            with_candidates.add(i)
        for c in cands:
            who = _who(doc, i, c.pos)
            why = list(c.why)
            conf = c.confidence
            before = carry(i - 1) if i > 0 and doc.same_context(i, i - 1) else None
            if who is None and before is not None:
                who = _Who(before.claimant, before.relay, before.text, "claimant: carried from the sentence before")
                conf -= 0.1
            if who is None and doc.outlet is not None:
                who = _Who(doc.outlet, None, None, "claimant: outlet (no attribution)")
                conf -= 0.2
            if who is None:
                who = _Who(None, None, None, "claimant: none found")
                conf -= 0.3
            why.append(who.why)
            relay = who.relay
            if relay is None and relay_block is not None:
                relay = relay_block[0]
                why.append("relay: introduced by the outlet")
            # date
            d = _dated(doc, i, who)
            if d is None:
                for j in range(i - 1, max(-1, i - 4), -1):
                    if not doc.same_context(i, j):
                        break
                    if _mentions_claimant(doc, j, who.claimant) or (
                            j == i - 1 and before is not None and before.claimant == who.claimant):
                        d = _dated(doc, j, _who(doc, j, doc.sentences[j].end))
                        if d is not None:
                            why.append("date: from an earlier sentence on the same claimant")
                            break
            if d is not None:
                statement_date, precision, date_text = d.date, d.precision, d.text
                if not why[-1].startswith("date"):
                    why.append(f"date: '{d.text}'")
            elif pub is not None:
                statement_date, precision, date_text = pub, "day", None
                why.append("date: publication date")
                conf -= 0.05
            else:
                statement_date, precision, date_text = None, None, None
            rows.append(_row(doc, c, who, relay, statement_date, precision, date_text, conf, why,
                             source_title, source_outlet, resolve_places))
        if text[s.start:s.end].rstrip().endswith(":"):
            media = [m for m in doc.mentions(i) if m.claimant.is_media]
            if media:
                relay_block = (media[-1].claimant.claimant, s.paragraph + 2, s.paragraph)
    return rows


# Stems of reporting verbs: a sentence without one hands on no claimant of its own.
_ATTRIB_HINT_WORDS = ("said say told tell according report stat announc estimat warn claim disclos "
                      "reveal confirm found find believ citing cited quoting brief assess put note "
                      "add conclud acknowledg admit alleg suggest indicat inform testif stress emphas "
                      "insist observ calculat count assert declar judg think expect predict forecast "
                      "project point highlight explain wrote writ posted den dismiss reject").split()


def _row(doc: _Document, c: _Candidate, who: _Who, relay: str | None, statement_date, precision,
         date_text, conf: float, why: list[str], source_title: str | None,
         source_outlet: str | None, resolve_places: bool) -> dict[str, Any]:
    fig = c.figure
    place = _places.resolve(c.location) if (resolve_places and c.location) else c.location
    claimant = who.claimant
    country = claimant.country if claimant else None
    if claimant is not None and claimant.kind == "raw" and country is None:
        # "a Ukrainian prisoner-of-war office": the nationality word names the country
        found = force_mentions(claimant.claimant, forces=doc.forces)
        country = found[0].code if found else None
    outlet = source_outlet or (doc.outlet.claimant if doc.outlet else None)
    quote = doc.text[c.quote_start:c.quote_end]
    key = f"{doc.source_url or hashlib.sha1(doc.text.encode('utf-8')).hexdigest()}|{c.quote_start}|{c.quote_end}|{c.measure}"
    return {
        "claim_id": "cand-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
        "statement_date": statement_date,
        "date_precision": precision,
        "published": doc.published,
        "claimant": claimant.claimant if claimant else None,
        "claimant_country": country,
        "claimant_type": claimant.claimant_type if claimant else None,
        "stance": c.stance,
        "measure": c.measure,
        "figure_low": fig.low if fig else None,
        "figure_high": fig.high if fig else None,
        "qualifier": fig.qualifier if fig else "none",
        "location": place.text if place else None,
        "geo_precision": place.geo_precision if place else None,
        "source_url": doc.source_url,
        "source_outlet": outlet,
        "source_title": source_title,
        "relay": relay,
        "repeats": None,
        "quote": quote,
        "reliability": None,
        "credibility": None,
        "notes": None,
        "char_start": c.quote_start,
        "char_end": c.quote_end,
        "confidence": round(max(0.05, min(1.0, conf)), 2),
        "why": "; ".join(why),
        "figure_text": fig.text if fig else None,
        "claimant_text": who.text,
        "date_text": date_text,
        "force": c.force,
        "lon": place.lon if place else None,
        "lat": place.lat if place else None,
    }


_DTYPES: dict[str, str] = {
    **{c: "string" for c in CANDIDATE_COLUMNS},
    "statement_date": "datetime64[ns]", "published": "datetime64[ns]",
    "figure_low": "Int64", "figure_high": "Int64", "credibility": "Int64",
    "char_start": "Int64", "char_end": "Int64",
    "confidence": "float64", "lon": "float64", "lat": "float64",
}


def candidates_frame(rows: list[dict[str, Any]], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows from :func:`extract_records` as a typed DataFrame (``extra`` columns first, as text).

    Example:
        >>> candidates_frame([]).columns[:3].tolist()
        ['claim_id', 'statement_date', 'date_precision']
    """
    columns = [*extra, *CANDIDATE_COLUMNS]
    data: dict[str, Any] = {}
    for col in columns:
        values = [r.get(col) for r in rows]
        dtype = _DTYPES.get(col, "string")
        if dtype.startswith("datetime"):
            data[col] = pd.to_datetime(pd.Series(values, dtype=object)).astype(dtype)
        else:
            data[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=columns)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return candidates_frame(rows)


# All four gates in one pass: numbers, stance words, troop words, reporting verbs.
_GATES = re.compile(
    r"(?P<num>\d[\d,.]*)"
    r"|\b(?:(?P<troop>(?i:" + trie_pattern(_TROOPISH_WORDS) + r"))"
    r"|(?P<stance>(?i:" + trie_pattern(_STANCE_WORDS) + r"))"
    r"|(?P<attrib>" + trie_pattern(_ATTRIB_HINT_WORDS) + r")"
    r"|(?P<numw>(?i:" + trie_pattern(_NUMBER_WORDS) + r"))\b)"
)
