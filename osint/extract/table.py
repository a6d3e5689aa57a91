"""The curated claimant table (``data/claimants.csv``) and the claimants it names in text.

Each row maps a claimant's name and aliases to one normalized claimant with its ISO2 country,
claimant type and kind (person, body or media); ``domains`` lets a source URL name its outlet.

Example:
    >>> table = ClaimantTable.load()
    >>> [m.claimant.claimant for m in table.mentions("The NIS and the Pentagon said")]
    ['National Intelligence Service (South Korea)', 'US Department of Defense']
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from ..paths import DATA_DIR
from ._regex import trie_pattern

__all__ = ["Claimant", "ClaimantTable", "Attribution", "Mention", "DEFAULT_TABLE", "is_acronym"]

DEFAULT_TABLE = DATA_DIR / "claimants.csv"


@dataclass(frozen=True, slots=True)
class Claimant:
    """One normalized claimant (a row of the table), or an unlisted one read from text."""

    claimant: str
    country: str | None
    claimant_type: str
    kind: str  # person | body | media | raw (unlisted) | joint (several sources) | pronoun

    @property
    def is_media(self) -> bool:
        return self.kind == "media" or self.claimant_type in ("media", "state_media")


@dataclass(frozen=True, slots=True)
class Mention:
    """A claimant named in text."""

    start: int
    end: int
    claimant: Claimant
    possessive: bool


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting construction: who (``claimant``), through whom (``relay``), where."""

    start: int
    end: int
    claimant: Claimant
    relay: str | None
    how: str  # verb | inverted | according_to | citing | pronoun | participle | raw
    text: str


# A lawmaker's title before a name: "Rep. Yu Yong-weon", "lawmaker Yu Yong-weon".
LAWMAKER_TITLE = r"(?:[Ll]awmaker|[Ll]egislator|Rep\.|Representative|Assemblyman|Assemblywoman|MP)"
# Titles before a name: "President Yoon", not a Korean family name.
_TITLES = frozenset(
    "President Premier Prime Minister Leader Chairman General Gen. Marshal Ambassador Mr Mr. Ms Ms.".split()
)


def is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_SPELLINGS = (("defence", "defense"), ("centre", "center"), ("organisation", "organization"))


def _spellings(alias: str) -> list[str]:
    """An alias, its British / American spelling ("British defence intelligence" and "British
    defense intelligence") and the Korean press's "the South's" / "the North's" for "South Korea's".

    Example:
        >>> _spellings("Center for Countering Disinformation")
        ['Center for Countering Disinformation', 'Centre for Countering Disinformation']
        >>> _spellings("South Korea's intelligence service")
        ["South Korea's intelligence service", "the South's intelligence service"]
    """
    out = [alias]
    if alias.startswith(("South Korea's ", "North Korea's ")):
        out.append("the South's " + alias[14:] if alias.startswith("South") else "the North's " + alias[14:])
    for british, american in _SPELLINGS:
        for a, b in ((british, american), (american, british)):

            def swap(m: re.Match[str], b: str = b) -> str:
                return b.capitalize() if m.group()[0].isupper() else b

            out += [re.sub(a, swap, v, flags=re.IGNORECASE) for v in out if re.search(a, v, re.IGNORECASE)]
    return list(dict.fromkeys(out))


class ClaimantTable:
    """The curated claimant table, with a compiled matcher over all aliases."""

    def __init__(self, rows: list[dict[str, str]]):
        self.rows = rows
        self._by_alias: dict[str, Claimant] = {}
        self._by_domain: dict[str, Claimant] = {}
        self._by_name: dict[str, Claimant] = {}
        self._by_surname: dict[str, Claimant | None] = {}
        exact: list[str] = []
        folded: list[str] = []
        for row in rows:
            c = Claimant(
                row["claimant"].strip(),
                (row.get("claimant_country") or "").strip() or None,
                row["claimant_type"].strip(),
                (row.get("kind") or "body").strip(),
            )
            self._by_name[c.claimant] = c
            if c.kind == "person":
                # "Miller said" after "Matthew Miller": the surname of a listed person
                for alias in (a.strip() for a in (row.get("aliases") or "").split("|") + [c.claimant.split(" (")[0]]):
                    words = alias.split()
                    if len(words) < 2 or not all(w[:1].isupper() and "'" not in w and "’" not in w for w in words):
                        continue  # a title ("Ukraine's envoy in Seoul"), not a name
                    # Korean names put the family name first ("Lee Jae-myung"), unless a title leads
                    korean = c.country in ("KR", "KP") and words[0] not in _TITLES
                    key = words[0] if korean else words[-1]
                    # a surname shared by two listed people names neither
                    self._by_surname[key] = c if self._by_surname.get(key, c) == c else None
            names = filter(None, (a.strip() for a in (row.get("aliases") or "").split("|") + [c.claimant]))
            for alias in dict.fromkeys(v for name in names for v in _spellings(name)):
                key = alias if is_acronym(alias) else alias.lower()
                self._by_alias.setdefault(key, c)
                (exact if is_acronym(alias) else folded).append(alias)
            for domain in filter(None, (d.strip().lower() for d in (row.get("domains") or "").split("|"))):
                self._by_domain.setdefault(domain, c)

        self._pattern = re.compile(
            rf"(?<![\w.-])(?:(?P<x>{trie_pattern(exact)})|(?P<f>(?i:{trie_pattern(w.lower() for w in folded)})))"
            # "the NIS's estimate", and "The Japan Times' estimate" after a name ending in s
            rf"(?![\w-])(?P<poss>['’]s\b|(?<=s)['’](?=\s))?"
        )

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, path: Path | str | None = None) -> "ClaimantTable":
        """Read the table (default ``data/claimants.csv``), cached per path."""
        with open(path or DEFAULT_TABLE, newline="", encoding="utf-8") as handle:
            return cls(list(csv.DictReader(handle)))

    def _claimant_for(self, matched: str, exact: bool) -> Claimant | None:
        key = re.sub(r"\s+", " ", matched).replace("’", "'")
        if exact:
            return self._by_alias.get(key)
        return self._by_alias.get(key.lower())

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Claimants named in ``text[start:end]`` (longest alias first at each position)."""
        out = []
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            exact = m.group("x") is not None
            c = self._claimant_for(m.group("x") or m.group("f"), exact)
            if c is not None:
                end_ = m.end("x") if exact else m.end("f")
                out.append(Mention(m.start(), end_, c, bool(m.group("poss"))))
        return out

    def spy_agency(self, country: str | None) -> Claimant | None:
        """The one listed intelligence body of ``country`` ("Seoul's spy agency"), if one only."""
        found = {
            c
            for c in self._by_name.values()
            if c.country == country
            and c.kind == "body"
            and c.claimant_type == "intelligence"
            and "(unnamed)" not in c.claimant
        }
        return found.pop() if country and len(found) == 1 else None

    def surname(self, word: str) -> Claimant | None:
        """The listed person whose surname is ``word`` ("Ryder"), if exactly one is."""
        return self._by_surname.get(word.strip().replace("’", "'"))

    def named(self, name: str) -> Claimant | None:
        """The listed claimant of that canonical name, else what :meth:`lookup` finds."""
        return self._by_name.get(name) or self.lookup(name)

    def people(self) -> list[Claimant]:
        """The listed people."""
        return [c for c in self._by_name.values() if c.kind == "person"]

    def is_surname(self, word: str) -> bool:
        """``word`` is the surname of a listed person, even one several share ("Kim")."""
        return word.strip().replace("’", "'") in self._by_surname

    def lookup(self, name: str) -> Claimant | None:
        """The claimant a name or alias refers to, if it is in the table."""
        found = self.mentions(name)
        return found[0].claimant if found else self._by_name.get(name)

    def outlet(self, source_url: str | None) -> Claimant | None:
        """The outlet of a source URL by its domain (``www.`` and subdomains tried)."""
        if not source_url:
            return None
        host = (urlparse(source_url.strip()).hostname or "").lower()
        parts = host.split(".")
        for i in range(len(parts) - 1):
            hit = self._by_domain.get(".".join(parts[i:]))
            if hit:
                return hit
        return None
