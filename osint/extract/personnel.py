"""What kind of people a figure counts: the ledger's ``personnel`` values, from the counted noun.

``combat_troops`` for troops and soldiers, ``special_forces`` for special or elite units,
``officers``, ``military_builders``, ``deminers``, ``labourers``, ``mixed`` for a figure
that joins kinds ("soldiers and officers"), else ``unspecified`` ("personnel", a casualty
count whose sentence names no kind of troops). A candidate whose figure has no kind of its
own then takes the kind of the troops it refers to (:func:`.owners.kind_referred_to`).

Example:
    >>> from .nouns import noun_phrase
    >>> text = "sent 5,000 military builders and 1,000 deminers"
    >>> personnel_of(text, noun_phrase(text, 10, len(text)), 0, len(text))
    'military_builders'
"""

from __future__ import annotations

import re

from ..schema import PERSONNEL  # the ledger's values, re-exported for callers of this module
from .nouns import TROOP_WORDS, NounPhrase

__all__ = ["PERSONNEL", "personnel_of", "personnel_of_words"]


_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "special_forces",
        re.compile(
            r"\b(?:special[\s-]+(?:operations?\s+)?forces?|special\s+operations"
            r"|commandos?|elite|storm\s+corps|storm\s+troop\w*|stormtroop\w*"
            r"|airborne|paratroop\w*|spetsnaz)\b",
            re.I,
        ),
    ),
    ("deminers", re.compile(r"\b(?:deminers?|sappers?|demining|mine[\s-]+clear\w*)\b", re.I)),
    ("military_builders", re.compile(r"\b(?:builders?|construction|engineers?|engineering|rebuild\w*)\b", re.I)),
    ("officers", re.compile(r"\b(?:officers?|generals?|commanders?|instructors?|advis[eo]rs?)\b", re.I)),
    ("labourers", re.compile(r"\b(?:workers?|labou?rers?|labou?r)\b", re.I)),
    (
        "combat_troops",
        re.compile(
            r"\b(?:troops?|soldiers?|servicem[ae]n|service\s*members?|fighters?"
            r"|combatants?|infantry\w*|marines?|riflemen|gunners?|snipers?"
            r"|artillerymen|conscripts?|reservists?|recruits?|draftees?|forces"
            r"|guardsmen|servicewomen|reinforcements|prisoners\s+of\s+war|POWs?|prisoners|captives|force|contingent)\b",
            re.I,
        ),
    ),
]
_AND_OTHER = re.compile(
    r"\s+and\s+(?:[A-Za-z-]+\s+){0,2}?(?P<w>officers|generals|commanders|soldiers|troops"
    r"|engineers|builders|deminers|sappers|workers|special\s+forces)\b",
    re.I,
)


_MINES = re.compile(r"(?i)\bdemin\w*|\bmine[\s-]*clear\w*|\bclear\w*\s+(?:of\s+)?(?:land\s*)?mines\b|\bsappers?\b")


def personnel_of_words(words: str) -> str:
    """The kind named by a phrase, by the first rule of the table that matches it.

    Example:
        >>> personnel_of_words("members of the elite Storm Corps")
        'special_forces'
    """
    for kind, pattern in _KINDS:
        if pattern.search(words):
            return kind
    return "unspecified"


def _sentence_kind(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> str:
    for tw in TROOP_WORDS.finditer(text, start, end):
        if any(a <= tw.start() < b for a, b in skip):
            continue
        kind = personnel_of_words(text[max(start, tw.start() - 30) : tw.end()])
        if kind != "unspecified":
            return kind
    return "unspecified"


def personnel_of(
    text: str,
    np: NounPhrase | None,
    start: int,
    end: int,
    memo: dict | None = None,
    key: object = None,
    skip: tuple[tuple[int, int], ...] = (),
) -> str:
    """The kind of personnel counted by ``np`` (a noun phrase of the sentence ``text[start:end]``).

    With no noun, or a casualty or demonym noun, the sentence's first troop word decides
    (computed once per sentence when ``memo`` and ``key`` are given), leaving out the words
    inside ``skip`` spans (the speakers: "according to Ukraine's special forces").
    """
    if np is not None and np.kind == "troops":
        words = f"{np.mods} {np.head}"
        kind = personnel_of_words(words)
        if kind == "military_builders" and np.head.lower().startswith("engineer") and _MINES.search(text, start, end):
            kind = "deminers"  # "military engineers clearing mines"
        other = _AND_OTHER.match(text, np.end, end)
        if other is not None and personnel_of_words(other.group("w")) not in (kind, "unspecified"):
            return "mixed"
        return kind
    if memo is not None:
        k = ("personnel", key)
        if k not in memo:
            memo[k] = _sentence_kind(text, start, end, skip)
        return memo[k]
    return _sentence_kind(text, start, end, skip)
