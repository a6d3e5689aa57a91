"""Statement dates: "on Friday", "this week", "Oct. 17", "last month" against the publication date.

Each expression resolves to a date and a precision (``day``, ``week`` or ``month``) in the
ledger's sense: a week is the seven days starting at the date given (the Monday), a month
is the calendar month (the 1st is written). Spans that set a scope rather than say when
something was said ("since October 2024", "by December", "from July to August") are not
statement dates, and neither are bare months or years ("in October", "in 2024").

Example:
    >>> from datetime import date
    >>> [(d.date.isoformat(), d.precision) for d in find_dates("said on Friday", date(2024, 10, 19))]
    [('2024-10-18', 'day')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates", "as_date"]

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
#: A month name, in full or abbreviated ("Oct", "Sept", "October").
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_DATE = re.compile(
    rf"""
    (?P<scope>\b(?i:since|by|until|till|through|before|after|from|between|starting|beginning|as\s+of)\s+(?:(?i:early|late|mid)[\s-]+)?)?
    (?:
        (?P<wd_mod>\b(?i:last|this\s+past|this|earlier\s+on|late\s+on|early\s+on)\s+)?(?P<weekday>\b(?:{"|".join(_WEEKDAYS)}))(?!s\b)
      | (?P<md_m>\b{MONTH_NAME})\.?\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|,\d{{3}})(?:,?\s+(?P<md_y>(?:19|20)\d\d))?\b
      | \b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{MONTH_NAME})\.?(?:,?\s+(?P<dm_y>(?:19|20)\d\d))?\b
      | \b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b
      | \b(?i:in|during)\s+(?:(?i:early|late|mid)[\s-]+)?(?P<mo_m>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?P<mo_y>(?:19|20)\d\d))?\b(?!\s+\d)
      | \b(?P<rel_day>(?i:yesterday|today|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night))\b
      | \b(?P<rel_week>(?i:(?:earlier|later)\s+this\s+week|this\s+week|last\s+week|(?:earlier|late)\s+last\s+week|the\s+past\s+week|the\s+previous\s+week))\b
      | \b(?P<rel_month>(?i:(?:earlier|later)\s+this\s+month|this\s+month|last\s+month|(?:earlier|late)\s+last\s+month|the\s+previous\s+month))\b
    )
    """,
    re.VERBOSE,
)


# Every date expression contains one of these; the full pattern runs only when one is there.
_GATE = re.compile(
    r"day\b|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|month|night|morning|afternoon|evening|\d\d-\d\d"
)


def _date_matches(text: str, start: int, end: int):
    """``_DATE`` matches, tried only in small windows around the gate words."""
    pos = start
    for g in _GATE.finditer(text, start, end):
        at = g.start()
        if at < pos:
            continue
        m = _DATE.search(text, max(pos, at - 40), min(end, at + 30))
        while m is not None and m.end() <= at:
            m = _DATE.search(text, m.end(), min(end, at + 30))
        if m is not None and m.start() <= at:
            yield m
            pos = m.end()


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: its span, the text, the resolved date (or ``None``) and precision."""

    start: int
    end: int
    text: str
    date: date | None
    precision: str
    scope: bool = False
    loose: bool = False  # a bare month ("in late February"): a statement date only next to a verb


def as_date(value) -> date | None:
    """``value`` (date, datetime, Timestamp, ISO string or None) as a ``date``.

    Example:
        >>> as_date("2024-10-19")
        datetime.date(2024, 10, 19)
    """
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        from dateutil import parser

        return parser.parse(text).date()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, 1)


def _explicit(year: str | None, month: str, day: str, published: date | None) -> date | None:
    mon = _MONTHS[month[:3].lower()]
    d = int(day)
    if year:
        y = int(year)
    elif published:
        y = published.year
    else:
        return None
    try:
        out = date(y, mon, d)
    except ValueError:
        return None
    if not year and published and out > published + timedelta(days=2):
        try:
            out = date(y - 1, mon, d)
        except ValueError:
            return None
    return out


def find_dates(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published`` where relative.

    Example:
        >>> from datetime import date
        >>> d = find_dates("Seoul said last month that ...", date(2024, 11, 20))[0]
        >>> d.date.isoformat(), d.precision
        ('2024-10-01', 'month')
    """
    end = len(text) if end is None else end
    out: list[DateMention] = []
    for m in _date_matches(text, start, end):
        scope = bool(m.group("scope"))
        when: date | None = None
        precision = "day"
        if m.group("weekday"):
            if published:
                target = _WEEKDAYS.index(m.group("weekday"))
                back = (published.weekday() - target) % 7
                mod = (m.group("wd_mod") or "").lower().strip()
                if mod == "last" and back == 0:
                    back = 7
                when = published - timedelta(days=back)
        elif m.group("md_m"):
            when = _explicit(m.group("md_y"), m.group("md_m"), m.group("md_d"), published)
        elif m.group("dm_m"):
            when = _explicit(m.group("dm_y"), m.group("dm_m"), m.group("dm_d"), published)
        elif m.group("mo_m"):
            precision = "month"
            mon = _MONTHS[m.group("mo_m")[:3].lower()]
            if m.group("mo_y"):
                when = date(int(m.group("mo_y")), mon, 1)
            elif published:
                y = published.year if mon <= published.month else published.year - 1
                when = date(y, mon, 1)
        elif m.group("iso"):
            try:
                when = date.fromisoformat(m.group("iso"))
            except ValueError:
                continue
        elif m.group("rel_day"):
            if published:
                word = m.group("rel_day").lower()
                when = published - timedelta(days=1 if word in ("yesterday", "last night") else 0)
        elif m.group("rel_week"):
            precision = "week"
            if published:
                word = m.group("rel_week").lower()
                back = 7 if ("last" in word or "past" in word or "previous" in word) else 0
                when = _monday(published) - timedelta(days=back)
        elif m.group("rel_month"):
            precision = "month"
            if published:
                word = m.group("rel_month").lower()
                when = _month_back(published, 1 if ("last" in word or "previous" in word) else 0)
        begin = m.start("scope") if scope else m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(
            DateMention(begin, m.end(), text[begin : m.end()], when, precision, scope, loose=bool(m.group("mo_m")))
        )
    return out
