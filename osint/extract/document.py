"""One text as the extractor sees it: sentences with lazily computed mentions, attributions,
dates and nationality words, and the pronoun / "the agency" antecedents across sentences.

Example:
    >>> from .claimants import ClaimantTable
    >>> from .forces import FORCES
    >>> doc = Document("Seoul spoke. It said 3,000 troops left.", None, None, "KP",
    ...                ClaimantTable.load(), FORCES)
    >>> len(doc.sentences)
    2
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from . import places as _places
from .claimants import Attribution, Claimant, ClaimantTable, Mention, find_attributions
from .dates import DateMention, find_dates
from .forces import Force, ForceMention, force_mentions
from .table import LAWMAKER_TITLE
from .numbers import Figure
from .text import Sentence, split_sentences

__all__ = ["Candidate", "Document", "PREPOSITION_BEFORE"]

_NAMED_LAWMAKER = re.compile(rf"{LAWMAKER_TITLE}\s+[A-Z]")
PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:to|in|into|from|toward|towards|across|inside|near|against|for|with|on|at|of|by|over"
    r"|through|via|within|between|and|about|alongside|behind|beyond|than|like)\s+(?:the\s+|an?\s+)?$"
)
_MEMBERS_OF = re.compile(
    r"(?i)\b(?:analysts?|experts?|researchers?|officials?|sources?|staff)\s+(?:at|of|from|with)\s+(?:the\s+)?$"
)
_CITED_BEFORE = re.compile(r"(?i)\b(?:according\s+to|citing|quoting|briefed\s+by|by)\s+(?:the\s+)?$")


@dataclass
class Candidate:
    sentence: int
    pos: int  # where the claim sits in the text (for attribution)
    quote_start: int
    quote_end: int
    figure: Figure | None
    measure: str
    stance: str
    force: str
    confidence: float
    why: list[str] = field(default_factory=list)
    location: _places.Place | None = None
    origin: _places.Place | None = None
    personnel: str = "unspecified"


class Document:
    """Lazy per-sentence views of one text: mentions, attributions, dates, forces."""

    def __init__(
        self,
        text: str,
        published: date | None,
        source_url: str | None,
        force: str,
        table: ClaimantTable,
        forces: Mapping[str, Force],
    ):
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
        self.memo: dict = {}  # per-sentence results computed once (see candidates)
        #: The headline speaks of the force's troops: every sentence is read as being about them.
        self.title_topic = False
        self._digest: str | None = None

    @property
    def digest(self) -> str:
        """SHA-1 of the text, computed once (identifies a text without a URL)."""
        if self._digest is None:
            self._digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()
        return self._digest

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
            self._dates[i] = [
                d for d in find_dates(self.text, self.published, s.start, s.end) if not d.scope and d.date is not None
            ]
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
            # an unlisted lawmaker named as speaker ("Rep. Yu Yong-weon ... said") is a person too
            named_lawmaker = kind == "person" and c.kind == "raw" and _NAMED_LAWMAKER.match(c.claimant) is not None
            return c.kind == kind or (kind == "body" and c.kind == "media") or named_lawmaker

        for j in range(i, max(-1, i - back), -1):
            if j < i and self.sentences[i].paragraph - self.sentences[j].paragraph > 1:
                break
            limit = before if j == i else self.sentences[j].end
            said = [
                a for a in self.attributions(j) if a.end <= limit and a.claimant.kind != "pronoun" and fits(a.claimant)
            ]
            # "Rep. Yu, who was briefed by Budanov, said ... he said": the subject, not whom he cited
            speakers = [a.claimant for a in said if a.how != "citing"] or [a.claimant for a in said]
            if speakers:
                return speakers[-1]
            names = [
                m
                for m in self.mentions(j)
                if m.end <= limit
                and fits(m.claimant)
                and not m.possessive
                # "Pyongyang could send more, the officials said": the force reported on is no speaker
                and not (j == i and m.claimant.country == self.force and m.claimant.claimant_type == "government")
                and (
                    not PREPOSITION_BEFORE.search(self.text, max(0, m.start - 12), m.start)
                    or _CITED_BEFORE.search(self.text, max(0, m.start - 20), m.start)
                    or _MEMBERS_OF.search(self.text, max(0, m.start - 24), m.start)  # "analysts at ISW ... They"
                )
            ]
            if names:
                return (names[-1] if j == i else names[0]).claimant
        return None

    def last_speaker(self, i: int, before: int, kind: str, back: int = 6) -> Claimant | None:
        """The claimant of the last attribution (not a pronoun) of ``kind`` before ``before``."""
        for j in range(i, max(-1, i - back), -1):
            if j < i and self.sentences[i].paragraph - self.sentences[j].paragraph > 1:
                break
            found = [
                a.claimant
                for a in self.attributions(j)
                if a.end <= before
                and a.claimant.kind != "pronoun"
                and (a.claimant.kind == kind or (kind == "body" and a.claimant.kind == "media"))
            ]
            if found:
                return found[-1]
        return None

    def last_mention(self, i: int, before: int, kind: str, back: int = 6) -> Mention | None:
        """The last claimant of ``kind`` (person / body) named before ``before``, looking back."""
        for j in range(i, max(-1, i - back), -1):
            found = [
                m
                for m in self.mentions(j)
                if m.end <= before
                and (m.claimant.kind == kind or (kind == "body" and m.claimant.kind == "media"))
                and (
                    not PREPOSITION_BEFORE.search(self.text, max(0, m.start - 12), m.start)
                    or _CITED_BEFORE.search(self.text, max(0, m.start - 20), m.start)
                    or _MEMBERS_OF.search(self.text, max(0, m.start - 24), m.start)  # "analysts at ISW ... They"
                )
            ]
            if found:
                return found[-1]
        return None
