"""Whose troops a figure counts: nationality adjectives, country names, leaders, demonyms.

The force of interest is a parameter (an ISO 3166-1 alpha-2 code, default ``"KP"``, North
Korea). Mentions of other forces ("Russian troops", "Ukraine lost ...") are found with the
same table so that their figures can be set aside.

Example:
    >>> [(m.code, m.kind) for m in force_mentions("North Korean troops and Russian units")]
    [('KP', 'adjective'), ('RU', 'adjective')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ._regex import trie_pattern

__all__ = ["FORCES", "Force", "ForceMention", "force_mentions"]


@dataclass(frozen=True)
class Force:
    """How a country's forces are named in English news text (all matched case-sensitively)."""

    code: str
    name: str
    adjectives: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()


#: The nationality table. Adjectives qualify a noun ("North Korean troops"); nouns name the
#: country or its government by metonymy ("Pyongyang sent ..."); leaders act for it.
FORCES: dict[str, Force] = {
    f.code: f
    for f in (
        Force(
            "KP",
            "North Korea",
            adjectives=(
                "North Korean",
                "N. Korean",
                "N.Korean",
                "NK",
                "DPRK",
                "North Korea's",
                "Korean People's Army",
                "Korean People’s Army",
                "KPA",
                "Pyongyang's",
            ),
            nouns=(
                "North Korea",
                "N. Korea",
                "Storm Corps",
                "N.Korea",
                "DPRK",
                "Pyongyang",
                "the North",
                "The North",
                "Democratic People's Republic of Korea",
                "Democratic People’s Republic of Korea",
            ),
            demonyms=("North Koreans",),
            leaders=("Kim Jong-un", "Kim Jong Un", "Kim Jong-Un"),
        ),
        Force(
            "RU",
            "Russia",
            adjectives=("Russian", "Russia's", "Chechen", "Wagner"),
            nouns=("Russia", "Russian Federation", "Moscow", "the Kremlin", "Kremlin"),
            demonyms=("Russians",),
            leaders=("Vladimir Putin", "Putin"),
        ),
        Force(
            "UA",
            "Ukraine",
            adjectives=("Ukrainian", "Ukraine's"),
            nouns=("Ukraine", "Kyiv", "Kiev"),
            demonyms=("Ukrainians",),
            leaders=("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky", "Zelenskyy"),
        ),
        Force(
            "KR",
            "South Korea",
            adjectives=("South Korean", "S. Korean", "ROK", "South Korea's"),
            nouns=("South Korea", "S. Korea", "Seoul", "Republic of Korea"),
            demonyms=("South Koreans",),
        ),
        Force(
            "US",
            "United States",
            adjectives=("American", "U.S.", "US"),
            nouns=("United States", "America", "Washington"),
            demonyms=("Americans",),
        ),
        Force("CN", "China", adjectives=("Chinese", "China's"), nouns=("China", "Beijing"), demonyms=()),
        Force("IR", "Iran", adjectives=("Iranian", "Iran's"), nouns=("Iran", "Tehran"), demonyms=("Iranians",)),
        Force(
            "BY",
            "Belarus",
            adjectives=("Belarusian", "Belarus'"),
            nouns=("Belarus", "Minsk"),
            demonyms=("Belarusians",),
        ),
        Force(
            "GB",
            "United Kingdom",
            adjectives=("British", "UK", "U.K."),
            nouns=("Britain", "United Kingdom", "London"),
            demonyms=("Britons",),
        ),
        Force("CU", "Cuba", adjectives=("Cuban",), nouns=("Cuba", "Havana"), demonyms=("Cubans",)),
        Force("NP", "Nepal", adjectives=("Nepali", "Nepalese"), nouns=("Nepal",), demonyms=("Nepalis",)),
        Force("IN", "India", adjectives=("Indian",), nouns=("India",), demonyms=("Indians",)),
        Force("SY", "Syria", adjectives=("Syrian",), nouns=("Syria",), demonyms=("Syrians",)),
        Force("PL", "Poland", adjectives=("Polish",), nouns=("Poland",), demonyms=()),
    )
}


@dataclass(frozen=True, slots=True)
class ForceMention:
    """A nationality word in text: its span, the country code and the kind of word."""

    start: int
    end: int
    code: str
    kind: str  # adjective | noun | demonym | leader


@lru_cache(maxsize=8)
def _compiled(forces_key: tuple[str, ...], table_id: int) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    table = _TABLES[table_id]
    lookup: dict[str, tuple[str, str]] = {}
    # Nouns before adjectives so "North Korea" (noun) wins over nothing, while the longer
    # "North Korean" is still tried first by length.
    for code in forces_key:
        force = table[code]
        for kind, words in (
            ("leader", force.leaders),
            ("demonym", force.demonyms),
            ("noun", force.nouns),
            ("adjective", force.adjectives),
        ):
            for w in words:
                lookup.setdefault(_norm(w), (code, kind))
    return re.compile(rf"(?<![\w.-]){trie_pattern(lookup)}(?![\w-]|\.\w)"), lookup


_TABLES: dict[int, Mapping[str, Force]] = {id(FORCES): FORCES}


def _norm(word: str) -> str:
    return " ".join(word.replace("’", "'").split())


def force_mentions(
    text: str, start: int = 0, end: int | None = None, forces: Mapping[str, Force] | None = None
) -> list[ForceMention]:
    """Nationality words in ``text[start:end]``, longest match first at each position.

    Example:
        >>> [(m.code, m.kind) for m in force_mentions("Pyongyang sent 3,000 soldiers to Russia")]
        [('KP', 'noun'), ('RU', 'noun')]
    """
    table = FORCES if forces is None else forces
    _TABLES.setdefault(id(table), table)
    pattern, lookup = _compiled(tuple(sorted(table)), id(table))
    end = len(text) if end is None else end
    out = []
    for m in pattern.finditer(text, start, end):
        code, kind = lookup[_norm(m.group())]
        out.append(ForceMention(m.start(), m.end(), code, kind))
    return out
