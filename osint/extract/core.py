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
* the *measure* is read from that noun or the predicate (see :mod:`.measures`), the *personnel*
  kind from the counted noun (see :mod:`.personnel`);
* the *claimant* from the reporting construction (see :mod:`.claimants`), carried to the next
  sentence of the same paragraph when that one has no attribution of its own; with none, the
  outlet of ``source_url`` stands as claimant;
* the *date* from a date expression next to the reporting verb, else from the last one said
  by the same claimant shortly before, else the publication date (``why`` says which);
* the *place* from the phrase after the verb, resolved by :mod:`osint.gazetteer` when it is
  there (else kept as stated, with a precision guessed from its words); "from X to Y" gives
  the *origin* too;
* a statement that *cannot confirm* or *denies* troop reports is a candidate even with no figure.

Example:
    >>> rows = extract_claims("As many as 12,000 soldiers from North Korea may be gathering "
    ...                       "in Russia, the NIS said on Friday.", published="2024-10-19")
    >>> row = rows.iloc[0]
    >>> (int(row.figure_high), row.qualifier, row.measure, row.claimant)
    (12000, 'up_to', 'mustering_in_russia', 'National Intelligence Service (South Korea)')
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from datetime import timedelta
from functools import partial
from typing import Any, Mapping

import pandas as pd

from ..schema import COLUMNS
from . import places as _places
from ._regex import trie_pattern
from .candidates import figure_candidates
from .stances import stance_candidates
from .claimants import ClaimantTable
from .reporting_verbs import GAVE_FIGURE
from .dates import as_date
from .document import Candidate, Document
from .forces import FORCES, Force, force_mentions
from .measures import stance_cue
from .offices import covers
from .repeats import headline_end, merge_repeats
from .speakers import Who, dated, doc_headline, mentions_claimant, spokesperson, who as find_who
from .text import Sentence

__all__ = ["extract_claims", "extract_records", "candidates_frame", "CANDIDATE_COLUMNS", "EXTRA_COLUMNS"]

#: Columns added to the ledger's own for review.
EXTRA_COLUMNS: tuple[str, ...] = (
    "char_start",
    "char_end",
    "confidence",
    "why",
    "figure_text",
    "claimant_text",
    "date_text",
    "force",
    "lon",
    "lat",
)


def _with_personnel(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The ledger's columns with ``personnel`` right after ``measure`` (where the ledger has it)."""
    if "personnel" in columns:
        return columns
    at = columns.index("measure") + 1
    return (*columns[:at], "personnel", *columns[at:])


CANDIDATE_COLUMNS: tuple[str, ...] = (*_with_personnel(COLUMNS), *EXTRA_COLUMNS)

# A sentence is worth reading only if it has a number word or a stance phrase and a troop word.
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand dozen"
).split()
# One soldier, counted by the article: "a North Korean soldier taken alive".
_ONE_SOLDIER = re.compile(r"\b[Aa]n?\s+(?:[\w-]+\s+){0,3}?(?:soldier|serviceman|servicemember|trooper|POW)\b")
_STANCE_WORDS = [
    "confirm",
    "verif",
    "corroborat",
    "deny",
    "denie",
    "denied",
    "dismiss",
    "reject",
    "refut",
    "rebuff",
    "fake news",
    "baseless",
    "groundless",
    "information",
    "evidence",
    "indication",
    "sign",
    "unable",
    "cannot",
]
# Cheap test for troop and loss words (a superset of nouns.TROOP_WORDS), used as a gate.
_TROOPISH_WORDS = (
    "troop soldier servicem service fighter combatant infantr paratrooper marine commando forces "
    "mercenar conscript reservist recruit sapper deminer artillerym gunner sniper officer commander "
    "general rifle guardsm personnel engineer specialist worker labo builder instructor advis staff "
    "crew operator pilot technician men members cadet casualt loss killed dead death fatalit bodies "
    "kia wounded injur pow prisoner captive captured strong storm draftee reinforcement contingent deployment presence force unit battalion brigade regiment"
).split() + ["North Koreans", "of them", "of those"]
_TROOPISH = re.compile(r"\b(?i:" + trie_pattern(_TROOPISH_WORDS) + ")")
_DENIES = re.compile(r"\b(?:denied|denies|deny|dismissed|dismisses|rejected|rejects)\b")
_TRANSITION = re.compile(
    r"(?:Separately|Meanwhile|However|Elsewhere|In\s+addition|Also|Earlier|Later|Last\s+\w+|On\s+[A-Z]\w+"
    r"|In\s+[A-Z]\w+|At\s+the\s+same\s+time|By\s+contrast|Still)\b"
)


def extract_claims(
    text: str,
    published: Any = None,
    source_url: str | None = None,
    *,
    force: str = "KP",
    source_title: str | None = None,
    source_outlet: str | None = None,
    claimants: ClaimantTable | str | None = None,
    forces: Mapping[str, Force] | None = None,
    resolve_places: bool = True,
) -> pd.DataFrame:
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
    return _frame(
        extract_records(
            text,
            published,
            source_url,
            force=force,
            source_title=source_title,
            source_outlet=source_outlet,
            claimants=claimants,
            forces=forces,
            resolve_places=resolve_places,
        )
    )


def extract_records(
    text: str,
    published: Any = None,
    source_url: str | None = None,
    *,
    force: str = "KP",
    source_title: str | None = None,
    source_outlet: str | None = None,
    claimants: ClaimantTable | str | None = None,
    forces: Mapping[str, Force] | None = None,
    resolve_places: bool = True,
) -> list[dict[str, Any]]:
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
    title_topic = bool(source_title) and _title_speaks_of_troops(source_title or "", force, forces)
    if not text or not (title_topic or _TROOPISH.search(text)):
        return []
    doc = Document(text, pub, source_url, force, table, forces)
    doc.title_topic = title_topic
    # One pass over the whole text per gate; a sentence is then tested by bisection.
    gates: dict[str, list[int]] = {"num": [], "numw": [], "stance": [], "troop": [], "attrib": []}
    for m in _GATES.finditer(text):
        gates[m.lastgroup or ""].append(m.start())

    def hit(name: str, sentence: Sentence) -> bool:
        found = gates[name]
        k = bisect_left(found, sentence.start)
        return k < len(found) and found[k] < sentence.end

    rows: list[dict[str, Any]] = []
    with_candidates: set[int] = set()
    carried: dict[int, Who | None] = {}

    def carry(j: int) -> Who | None:
        """The claimant sentence ``j`` hands on: its own, or the one it carried itself."""
        if j not in carried:
            sj = doc.sentences[j]
            who = find_who(doc, j, sj.end) if (hit("attrib", sj) or hit("stance", sj) or j in with_candidates) else None
            if who is None and j in with_candidates and j > 0 and doc.same_context(j, j - 1):
                who = carry(j - 1)
            carried[j] = who
        return carried[j]

    doc.memo["title"] = source_title

    def carry_over(i: int) -> Who | None:
        """The speaker of a sentence up to three back, across sentences that name nobody."""
        for j in range(i - 2, max(-1, i - 4), -1):
            if not doc.same_context(i, j) or doc.mentions(j + 1) or hit("attrib", doc.sentences[j + 1]):
                return None
            found = carry(j)
            if found is not None:
                return found
        return None

    def headline() -> Any:
        """The source named in the headline (title, else the URL's slug), computed once."""
        return doc_headline(doc)

    relay_block: tuple[str, int, int] | None = None  # (outlet, last paragraph, its own) after "X reports:"
    for i, s in enumerate(doc.sentences):
        if relay_block and (
            s.paragraph > relay_block[1]
            or (
                s.paragraph > relay_block[2]
                and i > 0
                and doc.sentences[i - 1].paragraph != s.paragraph
                and _TRANSITION.match(text, s.start, s.end)
            )
        ):
            relay_block = None
        has_num = hit("num", s) or hit("numw", s)
        if not has_num and hit("troop", s):
            has_num = _ONE_SOLDIER.search(text, s.start, s.end) is not None
        has_stance = hit("stance", s) and bool(stance_cue(text, s.start, s.end))
        cands: list[Candidate] = []
        troops_here = hit("troop", s)
        troops_before = i > 0 and doc.same_context(i, i - 1) and hit("troop", doc.sentences[i - 1])
        if (has_num or has_stance) and (troops_here or troops_before or has_stance or title_topic):
            if has_num:
                cands = figure_candidates(doc, i)
            if has_stance:
                cands += stance_candidates(doc, i, cands)
        if cands:
            with_candidates.add(i)
        for c in cands:
            who = find_who(doc, i, c.pos)
            if who is not None and who.claimant is not None and _bare_sources(who.claimant.claimant, who.claimant.kind):
                named = _sources_named_elsewhere(doc, headline())
                if named is not None:
                    # "according to the sources": the group the headline names, else the outlet's country's
                    who = Who(
                        named,
                        who.relay,
                        who.text,
                        f"claimant: '{who.claimant.claimant}' named by the headline or outlet",
                    )
            if who is not None and who.text and _EVIDENCE_ONLY.match(who.text) and c.figure is not None:
                later = _gave_the_figure(doc, i)
                if later is not None:
                    # "... had been killed, according to preliminary data. That was the message
                    # Zelensky posted on X": the evidence was his
                    who = Who(
                        later.claimant, later.relay, later.text, "claimant: a later sentence gives the figure's source"
                    )
            why = list(c.why)
            conf = c.confidence
            turn = _turn_speaker(doc, i) if who is None or who.how == "possessive" else None
            if turn is not None and who is not None and not _adopted(text[s.start : s.end], who.text or ""):
                turn = None  # someone else's estimate the speaker of the turn only mentions
            if turn is not None:
                # "MR. RYDER: What we're seeing is a couple thousand ...": the turn's speaker, not
                # whoever the question before it quoted; "MS. SINGH: We concur with the White
                # House's assessment of 1,000": hers too
                who = Who(turn, None, None, "claimant: the speaker of this turn of the transcript")
            if who is None and c.figure is not None:
                recalled = _recalled_next(doc, i, c.figure.low if c.figure.low is not None else c.figure.high)
                if recalled is not None:
                    # "Ukraine holds two captured soldiers. Cho told Sybiha the two prisoners would be
                    # accepted": the next sentence's speaker gives the figure
                    who = Who(
                        recalled.claimant, recalled.relay, recalled.text, "claimant: the next sentence recalls it"
                    )
            before = carry(i - 1) if who is None and i > 0 and doc.same_context(i, i - 1) else None
            said = "the sentence before"
            if who is None and before is None:
                before, said = carry_over(i), "an earlier sentence of the paragraph"
            if who is None and before is None and c.figure is not None:
                after_it = _gave_the_figure(doc, i)
                if after_it is not None:
                    # "About 10,000 ... guard the border. The agency gave the estimate at an audit."
                    who = Who(
                        after_it.claimant,
                        after_it.relay,
                        after_it.text,
                        "claimant: a later sentence gives the figure's source",
                    )
            if who is None and before is not None and c.figure is not None and _DENIES.search(before.text or ""):
                before = None  # who denies a report does not go on to give its figures
            if who is None and before is not None:
                who = Who(before.claimant, before.relay, before.text, f"claimant: carried from {said}")
                conf -= 0.1
            if who is None:
                actor = _subject_person(doc, i)
                if actor is not None:
                    who = Who(actor, None, None, "claimant: the person who is the subject of the sentence")
                    conf -= 0.1
            if who is None and doc.outlet is None and headline() is not None:
                # an outlet named by the URL reports in its own name; an unknown one's
                # headline names the main source
                who = Who(headline(), None, None, "claimant: named in the headline")
                conf -= 0.15
            if who is None and doc.outlet is not None:
                who = Who(doc.outlet, None, None, "claimant: outlet (no attribution)")
                conf -= 0.2
            if who is None:
                who = Who(None, None, None, "claimant: none found")
                conf -= 0.3
            # "a source in Ukraine's Defence Intelligence said": that body's unnamed source, not its chief
            unnamed_member = _UNNAMED_MEMBER.search(who.text or "") is not None
            speaker = spokesperson(doc, i, who.claimant) if who.claimant is not None and not unnamed_member else None
            if speaker is not None:
                # "the Pentagon said. Deputy press secretary Sabrina Singh said ...": the person
                who = Who(speaker, who.relay, who.text, who.why + f"; given by its spokesperson '{speaker.claimant}'")
            why.append(who.why)
            relay = who.relay
            if relay is None and relay_block is not None:
                relay = relay_block[0]
                why.append("relay: introduced by the outlet")
            # date
            d = dated(doc, i, who)
            if d is None:
                for j in range(i - 1, max(-1, i - 4), -1):
                    if not doc.same_context(i, j):
                        break
                    if mentions_claimant(doc, j, who.claimant) or (
                        j == i - 1 and before is not None and before.claimant == who.claimant
                    ):
                        d = dated(doc, j, find_who(doc, j, doc.sentences[j].end))
                        if d is not None:
                            why.append("date: from an earlier sentence on the same claimant")
                            break
            if d is not None:
                statement_date, precision, date_text = d.date, d.precision, d.text
                shift = _DAYS_APART.search(text, max(s.start, d.start - 70), d.start)
                if shift is not None and precision == "day" and statement_date is not None:
                    word = shift.group(1).lower()
                    n = int(word) if word.isdigit() else _DAY_COUNT[word]
                    sign = 1 if shift.group(2).lower() == "after" else -1
                    statement_date = statement_date + timedelta(days=sign * n)
                    why.append(f"date: '{shift.group()}' the date")
                if not why[-1].startswith("date"):
                    why.append(f"date: '{d.text}'")
            elif pub is not None:
                statement_date, precision, date_text = pub, "day", None
                why.append("date: publication date")
                conf -= 0.05
            else:
                statement_date, precision, date_text = None, None, None
            rows.append(
                _row(
                    doc,
                    c,
                    who,
                    relay,
                    statement_date,
                    precision,
                    date_text,
                    conf,
                    why,
                    source_title,
                    source_outlet,
                    resolve_places,
                )
            )
        if text[s.start : s.end].rstrip().endswith(":"):
            media = [m for m in doc.mentions(i) if m.claimant.is_media]
            if media:
                relay_block = (media[-1].claimant.claimant, s.paragraph + 2, s.paragraph)
    return merge_repeats(rows, headline_end(text), partial(covers, doc.table))


_BARE_SOURCES = frozenset(("sources", "source", "intelligence sources", "intelligence source", "security sources"))
_DEMONYM_OF = {"UA": "Ukrainian", "KR": "South Korean", "US": "US"}
_SOURCE_IN = re.compile(
    r"(?i)\b(?:(?-i:[A-Z]{2,5})|intelligence|agency|ministry)\s+sources?\b|\bsources?\s+(?:in|at|within|close\s+to)\b"
)


def _bare_sources(name: str, kind: str) -> bool:
    """Whether a claimant is an unnamed group with no country of its own ("the sources said")."""
    bare = re.sub(r"^(?:the|a|an|same|these|those)\s+", "", name.strip().lower())
    bare = re.sub(r"^(?:the|same)\s+", "", bare)
    return kind == "raw" and bare in _BARE_SOURCES


def _sources_named_elsewhere(doc: Document, headline: Any) -> Any:
    """The unnamed group a headline names ("Ukrainian intelligence sources: ..."), else that of
    the outlet's country, for a claim attributed only to "sources"."""
    if headline is not None and "(unnamed)" in headline.claimant:
        return headline
    title = doc.memo.get("title") or ""
    if headline is not None and headline.kind == "body" and _SOURCE_IN.search(title):
        # "HUR source: ..." / "a source in the agency": the body the headline names
        return headline
    country = doc.outlet.country if doc.outlet is not None else None
    if country in _DEMONYM_OF:
        return doc.table.lookup(f"{_DEMONYM_OF[country]} intelligence sources") or None
    return None


def _title_speaks_of_troops(title: str, force: str, forces: Mapping[str, Force]) -> bool:
    """Whether a headline names the force and its troops ("North Korean troops reach Kursk").

    Example:
        >>> _title_speaks_of_troops("Pyongyang's soldiers in Kursk", "KP", FORCES)
        True
    """
    return bool(_TROOPISH.search(title)) and any(m.code == force for m in force_mentions(title, 0, len(title), forces))


def _subject_person(doc: Document, i: int) -> Any:
    """A listed person who opens the sentence as its subject ("Zelensky offered to swap ...")."""
    s = doc.sentences[i]
    m = _OPENING_NAME.match(doc.text, s.start, s.end)
    if m is None:
        return None
    found = [x for x in doc.mentions(i) if x.start == m.start(1) and not x.possessive]
    person = found[0].claimant if found else doc.table.surname(m.group(1))
    return person if person is not None and person.kind == "person" else None


_GAVE_FIGURE = re.compile(rf"(?i)\b{GAVE_FIGURE}\b")


_CAME_FROM = re.compile(
    r"(?i)\b(?:the|these|those|both|that|this)\s+(?:\w+\s+)?(?:estimates?|figures?|numbers?|warning|assessments?"
    r"|claims?|data|counts?)\s+(?:\w+\s+)?(?:comes?|came|is|are|were|was)\s+(?:from|by)\s+"
    # "That is the assessment lawmakers gave after a briefing by the spy agency", "That was the
    # message President Zelensky posted on X"
    r"|\b(?:That|This|It)\s+(?:is|was)\s+the\s+(?:\w+\s+)?(?:assessment|estimate|figure|number|view|conclusion"
    r"|message|claim|statement|account)\b"
)


_RESTATES = re.compile(
    r"\b(?:said|says|reported|reports|told\s+[\w ]{2,30}?|confirmed|added)\b[^.;]{0,120}?\bthat\s+the\s+(?:\w+\s+)?"
    r"(?:officers|soldiers|troops|servicemen|men|North\s+Koreans|figure|number|toll)\b"
)


def _gave_the_figure(doc: Document, i: int) -> Any:
    """Who a later sentence says gave the figures before it ("The estimates come from the NIS",
    "The agency gave the estimate at an audit"), up to three sentences on."""
    for j in range(i + 1, min(len(doc.sentences), i + 4)):
        s = doc.sentences[j]
        came = _CAME_FROM.search(doc.text, s.start, s.end)
        if came is not None:
            source = next(
                (m for m in doc.mentions(j) if m.start >= came.end() and not m.claimant.is_media and not m.possessive),
                None,
            )
            if source is not None:
                return Who(source.claimant, None, came.group(), "claimant: named later as the source")
        if _GAVE_FIGURE.search(doc.text, s.start, s.end) or (j == i + 1 and _RESTATES.search(doc.text, s.start, s.end)):
            # "... The Kyiv Post reported, citing sources, that the officers died": the claim restated
            found = find_who(doc, j, s.end)
            return found if found is not None and found.claimant is not None else None
        if doc.attributions(j):
            return None  # someone else speaks in between
    return None


_UNNAMED_MEMBER = re.compile(r"(?i)\b(?:sources?|officials?)\s+(?:in|at|within|from|close\s+to)\b")
# "according to preliminary data": evidence that names no one
_EVIDENCE_ONLY = re.compile(
    r"(?i)^according\s+to\s+(?:(?:the|an?|its|their)\s+)?(?:[a-z]+\s+){0,2}"
    r"(?:data|information|figures|estimates?|assessments?|reports?|count|tally)\W*$"
)
_ADOPTS_BEFORE = re.compile(
    r"\b(?:concur|concurs|agree|agrees|endorse|endorses|back|backs|share|shares|stand\s+by|stands\s+by)"
    r"\s+(?:with\s+)?(?:the\s+)?$"
)


def _adopted(sentence: str, possessive: str) -> bool:
    """The possessive attribution ``possessive`` ("the White House's assessment") follows a verb of
    adopting it ("We concur with ...") in ``sentence``."""
    at = sentence.find(possessive) if possessive else -1
    return at >= 0 and _ADOPTS_BEFORE.search(sentence, 0, at) is not None


_SMALL_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve").split()


def _recalled_next(doc: Document, i: int, value: int | None) -> Any:
    """The speaker of the next sentence when it recalls the figure of sentence ``i`` with a definite
    article ("the two prisoners") and names its own speaker; a claim of the outlet's own, then
    attributed."""
    j = i + 1
    if value is None or j >= len(doc.sentences) or not doc.same_context(j, i):
        return None
    forms = [re.escape(f"{value:,}"), str(value)] + ([_SMALL_WORDS[value]] if value < len(_SMALL_WORDS) else [])
    s = doc.sentences[j]
    recall = re.compile(rf"(?i)\bthe\s+(?:{'|'.join(forms)})\b").search(doc.text, s.start, s.end)
    if recall is None or not any(
        a.how in ("verb", "raw", "inverted") and a.end <= recall.start() for a in doc.attributions(j)
    ):
        return None
    found = find_who(doc, j, recall.start())
    return found if found is not None and found.claimant is not None else None


def _turn_speaker(doc: Document, i: int) -> Any:
    """The listed speaker of a transcript turn ("MR. KIRBY: We now assess ...") holding sentence ``i``."""
    start = doc.text.rfind("\n", 0, doc.sentences[i].start) + 1
    label = _TURN.match(doc.text, start)
    if label is None:
        return None
    name = " ".join(w.capitalize() if w.isupper() else w for w in label.group("name").split())
    found = doc.table.lookup(name) or (doc.table.surname(name) if " " not in name else None)
    return found if found is not None and not found.is_media else None


# "MR. KIRBY:", "SECRETARY AUSTIN:", "Budanov:" opening a paragraph of a transcript
_TURN = re.compile(
    r"[ \t]*(?:(?:MR|MS|MRS|DR|GEN|ADM|COL|Mr|Ms|Mrs|Dr|Gen)\.?\s+|(?:SECRETARY|GENERAL|ADMIRAL|AMBASSADOR)\s+)?"
    r"(?P<name>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,2}):\s"
)


_OPENING_NAME = re.compile(r"\s*(?:[A-Z][a-z]+\s+){0,2}?([A-Z][\w'’-]+)(?=\s+(?:also\s+|has\s+|had\s+)?[a-z]+ed\b)")


# "a day after the briefing on October 18": the statement is dated from the other event.
_DAYS_APART = re.compile(r"(?i)\b(a|one|two|three|four|five|six|seven|\d{1,2})\s+days?\s+(after|before)\b[^,.;]{0,60}$")
_DAY_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

# Stems of reporting verbs: a sentence without one hands on no claimant of its own.
_ATTRIB_HINT_WORDS = (
    "said say told tell according report stat announc estimat warn claim disclos "
    "reveal confirm found find believ citing cited quoting brief assess put note "
    "add conclud acknowledg admit alleg suggest indicat inform testif stress emphas "
    "insist observ calculat count assert declar judg think expect predict forecast "
    "project point highlight explain wrote writ posted den dismiss reject"
).split()


def _row(
    doc: Document,
    c: Candidate,
    who: Who,
    relay: str | None,
    statement_date,
    precision,
    date_text,
    conf: float,
    why: list[str],
    source_title: str | None,
    source_outlet: str | None,
    resolve_places: bool,
) -> dict[str, Any]:
    fig = c.figure
    place = _places.resolve(c.location) if (resolve_places and c.location) else c.location
    claimant = who.claimant
    country = claimant.country if claimant else None
    if claimant is not None and claimant.kind == "raw" and country is None:
        # "a Ukrainian prisoner-of-war office": the nationality word names the country
        found = force_mentions(claimant.claimant, forces=doc.forces)
        country = found[0].code if found else None
    outlet = source_outlet or (doc.outlet.claimant if doc.outlet else None)
    quote = doc.text[c.quote_start : c.quote_end]
    key = f"{doc.source_url or doc.digest}|{c.quote_start}|{c.quote_end}|{c.measure}"
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
        "personnel": c.personnel,
        "figure_low": fig.low if fig else None,
        "figure_high": fig.high if fig else None,
        "qualifier": fig.qualifier if fig else "none",
        "location": place.text if place else None,
        "geo_precision": place.geo_precision if place else None,
        "origin": c.origin.text if c.origin else None,
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
    "statement_date": "datetime64[ns]",
    "published": "datetime64[ns]",
    "figure_low": "Int64",
    "figure_high": "Int64",
    "credibility": "Int64",
    "char_start": "Int64",
    "char_end": "Int64",
    "confidence": "float64",
    "lon": "float64",
    "lat": "float64",
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
