"""Figures in text: numbers in digits or words, ranges, and the qualifier in front of them.

Handles "10,000", "12K", "1.5 thousand", "ten thousand", "15-hundred", "two", "a dozen";
ranges "between 4,000 and 5,000", "4,000-5,000", "10,000 to 12,000"; qualifiers such as
"up to", "as many as", "at least", "more than", "over", "nearly", "around", "some".
Vague amounts ("thousands", "several hundred", "tens of thousands") are not figures.
Numbers glued to money, percentages, units or ordinals ("$100", "50%", "170mm", "13th",
"12-fold") are not figures either.

Example:
    >>> [(f.low, f.high, f.qualifier) for f in find_figures("up to 12,000 troops and at least 1,500")]
    [(None, 12000, 'up_to'), (1500, None, 'at_least')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._regex import trie_pattern

__all__ = ["Figure", "find_figures", "parse_number", "QUALIFIER_WORDS"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "k": 1_000}

#: Qualifier phrase (lower case, single spaces) -> ledger qualifier.
QUALIFIER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "up to",
            "as many as",
            "as much as",
            "no more than",
            "not more than",
            "at most",
            "a maximum of",
            "maximum of",
            "up to about",
            "up to around",
            "possible",
            "a possible",
            "potential",
            "a potential",
        ],
        "up_to",
    ),
    **dict.fromkeys(
        [
            "at least",
            "no fewer than",
            "no less than",
            "not less than",
            "not fewer than",
            "a minimum of",
            "minimum of",
            "as few as",
        ],
        "at_least",
    ),
    **dict.fromkeys(
        [
            "more than",
            "over",
            "above",
            "upwards of",
            "upward of",
            "north of",
            "in excess of",
            "exceeding",
            "well over",
            "just over",
            "well above",
            "some more than",
        ],
        "more_than",
    ),
    **dict.fromkeys(
        ["fewer than", "less than", "under", "below", "just under", "just below", "not even"], "fewer_than"
    ),
    **dict.fromkeys(
        [
            "about",
            "around",
            "roughly",
            "approximately",
            "approx.",
            "approx",
            "c.",
            "ca.",
            "some",
            "an estimated",
            "estimated",
            "nearly",
            "almost",
            "close to",
            "closer to",
            "circa",
            "about some",
            "around some",
            "an approximate",
            "reportedly",
            "near",
        ],
        "about",
    ),
}
# Words that make the figure an increment on an earlier one ("3,000 more", "another 3,000").
_INCREMENT_BEFORE = ("another", "an additional", "a further", "additional", "an extra")

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(k for k in _UNITS if _UNITS[k] < 10)}))?|{_WORD})"
_SCALE_WORD = r"(?:hundred|thousand|million)"
# "ten thousand", "fifteen hundred", "one and a half thousand", "a thousand", "two dozen".
_WORDNUM = (
    rf"(?:(?:{_SMALL}|a\s+couple(?:\s+of)?|a|an)(?:[-\s]+and[-\s]+a[-\s]+half)?[-\s]+{_SCALE_WORD}"
    rf"(?:[-\s]+(?:and[-\s]+)?{_SMALL}(?:[-\s]+{_SCALE_WORD})?)*"
    rf"|(?:{_SMALL}|a)\s+dozen|{_SMALL})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?"
_DIGITNUM = rf"{_DIGITS}(?:(?:\s+|-)(?:{_SCALE_WORD})\b|[kK]\b)?"
# Not inside a word, a code ("KN-23"), money, or a decimal.
_NUM_START = r"(?<![\w$€£₩¥#.,/\-–])"
_NUM_END = r"(?![\w%°]|[.,]\d|-(?!strong\b|man\b|plus\b|hundred|thousand)\w|\s*(?:per\s*cent|percent|pc)\b)"
_NUM = rf"(?:{_DIGITNUM}|(?i:{_WORDNUM}))"

_QUAL = trie_pattern([*QUALIFIER_WORDS, *_INCREMENT_BEFORE])

_FIGURE = re.compile(
    rf"""
    (?:(?P<qual>\b(?i:{_QUAL}))\s+)?
    (?:
        (?i:between)\s+{_NUM_START}(?P<b1>{_NUM})\s+(?i:and)\s+(?P<b2>{_NUM}){_NUM_END}
      | (?i:from)\s+{_NUM_START}(?P<f1>{_NUM})\s+(?i:to)\s+(?P<f2>{_NUM}){_NUM_END}
      | {_NUM_START}(?P<r1>{_DIGITNUM})\s*(?:-|–|—|\s(?i:to|or)\s|-\s+(?i:to|or)\s)\s*(?P<r2>{_DIGITNUM}){_NUM_END}
      | {_NUM_START}(?P<r3>(?i:{_WORDNUM}))\s+(?i:to|or)\s+(?P<r4>(?i:{_WORDNUM})){_NUM_END}
      | {_NUM_START}(?P<n>{_NUM}){_NUM_END}
    )
    (?P<plus>\+(?![\d+])|-plus\b)?
    (?P<ormore>\s+(?i:or\s+more|or\s+so|plus)\b(?![-\w]))?
    (?P<more>\s+(?i:more|additional|extra|others?)\b)?
    """,
    re.VERBOSE,
)

# A month name just before a number makes it a day of the month ("Oct. 17").
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$")
# Vague multipliers before a scale word: "several thousand", "a few hundred".
_VAGUE_BEFORE = re.compile(
    r"(?i:\b(?:several|a\s+few|few|many|tens\s+of|hundreds\s+of|thousands\s+of|dozens\s+of|scores\s+of|multiple|numerous)\s+)$"
)
_RATIO = re.compile(
    r"\s+in\s+(?:every\s+)?(?:\d{1,3}\b(?![,.]\d)|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred)\b",
    re.I,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_NAMES_A_THING = re.compile(
    r"\s+(?:deployment|dispatch|incursion|offensive|operation|campaign|treaty|pact|agreement|summit|election"
    r"|budget|plan|war|fighting|battle|visit|parade|resolution|rotation|wave|contingent)s?\b"
)
_ABOVE_BEFORE = re.compile(r"\b(?:passed|surpassed|exceeded|topped|passes|surpasses|exceeds|tops)\s+$")
_NUMBERED_BEFORE = re.compile(r"\b(?:[Rr]esolution|No\.|[Aa]rticle|[Dd]ecree)\s+$")


# Where a figure may be: a digit or a number word. The full pattern runs only around these.
_ANCHOR = re.compile(
    rf"\d|\b(?i:{trie_pattern([*_UNITS, *_TENS, 'a dozen', 'a hundred', 'a thousand', 'an estimated', 'a couple'])})\b"
)


_QUAL_BEFORE = re.compile(rf"\b(?i:{_QUAL}|between|from)\s+$")


def _matches(text: str, start: int, end: int):
    """``_FIGURE`` matches in ``text[start:end]``, tried only near digits and number words."""
    pos = start
    for a in _ANCHOR.finditer(text, start, end):
        at = a.start()
        if at < pos:
            continue
        stop = min(end, at + 120)
        # A qualifier ("up to", "between") may start up to 45 characters back.
        q = _QUAL_BEFORE.search(text, max(pos, at - 45), at)
        for p in (q.start(), at) if q else (at,):
            m = _FIGURE.match(text, p, stop)
            if m is not None and m.end() > at:
                yield m
                pos = m.end()
                break


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure found in text: offsets, bounds, qualifier and whether it adds to another."""

    start: int
    end: int
    num_start: int
    low: int | None
    high: int | None
    qualifier: str
    text: str
    increment: bool = False
    is_range: bool = False
    wordy: bool = False


def parse_number(text: str) -> float | None:
    """Value of a number written in digits, words or both, else ``None``.

    Example:
        >>> [parse_number(t) for t in ["10,000", "12K", "1.5 thousand", "15-hundred",
        ...                            "ten thousand", "one and a half thousand", "a dozen"]]
        [10000.0, 12000.0, 1500.0, 1500.0, 10000.0, 1500.0, 12.0]
    """
    t = text.strip().lower().replace("\u00a0", "").replace("\u202f", "")
    t = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", t)  # "11 000": a space between thousands
    t = re.sub(r"^a\s+couple(?:\s+of)?\s+", "two ", t)  # "a couple (of) thousand"
    m = re.fullmatch(r"([\d,]*\d(?:\.\d+)?)\s*(?:-\s*)?(hundred|thousand|million|k)?", t)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        return value * _SCALES[m.group(2)] if m.group(2) else value
    words = re.split(r"[\s-]+", t)
    total, current, seen = 0.0, 0.0, False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("a", "an"):
            current = max(current, 1.0)
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w == "and" and words[i + 1 : i + 3] == ["a", "half"]:
            current += 0.5
            i += 2
        elif w == "and":
            pass
        elif w == "dozen":
            current = max(current, 1.0) * 12
            seen = True
        elif w == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif w in ("thousand", "million"):
            total += max(current, 1.0) * _SCALES[w]
            current, seen = 0.0, True
        else:
            return None
        i += 1
    return total + current if seen else None


def _scaled_like(a: str, b: str, lo: int, hi: int) -> int:
    """ "ten to twelve thousand", "10 to 12 thousand": the scale of the second bound is shared."""
    scale = re.search(r"(?i)(hundred|thousand|million|k)\s*$", b.strip())
    if scale is None or re.search(r"(?i)hundred|thousand|million|k\s*$", a.strip()):
        return lo
    factor = _SCALES[scale.group(1).lower()]
    return lo * factor if lo * factor <= hi and lo < hi / factor * 10 else lo


def _as_int(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]`` with offsets into ``text``.

    Example:
        >>> f = find_figures("between 4,000 and 5,000 casualties")[0]
        >>> (f.low, f.high, f.qualifier, f.text)
        (4000, 5000, 'range', 'between 4,000 and 5,000')
    """
    end = len(text) if end is None else end
    out: list[Figure] = []
    ratio_end = -1
    for m in _matches(text, start, end):
        if m.start() < ratio_end:
            continue
        ratio = _RATIO.match(text, m.end(), end)
        if ratio is not None:
            ratio_end = ratio.end()
            continue  # "one in ten died": a share, not a count
        qual_text = re.sub(r"\s+", " ", (m.group("qual") or "").lower())
        pairs = [(m.group(a), m.group(b)) for a, b in (("b1", "b2"), ("f1", "f2"), ("r1", "r2"), ("r3", "r4"))]
        pair = next(((a, b) for a, b in pairs if a), None)
        single = m.group("n")
        first_num_start = m.start("n") if single else next(m.start(g) for g in ("b1", "f1", "r1", "r3") if m.group(g))
        if _MONTH_BEFORE.search(text[max(0, first_num_start - 12) : first_num_start]):
            continue
        if single:
            raw = single
            if _VAGUE_BEFORE.search(text[max(0, m.start("n") - 25) : m.start("n")]):
                continue
            if _YEAR.fullmatch(raw) and not m.group("qual"):
                # A bare year is only a figure when a noun follows at once ("2000 troops"), and
                # not when it names a thing ("the 2024 deployment", "Resolution 2397")
                if not re.match(r"\s+(?:[A-Z][a-z]+\s+){0,2}[a-z]", text[m.end() : m.end() + 30]):
                    continue
                if _YEAR_NAMES_A_THING.match(text, m.end()):
                    continue
            if _NUMBERED_BEFORE.search(text, max(0, m.start() - 14), m.start()):
                continue  # "Resolution 2397": a name, not a count
            value = _as_int(parse_number(raw))
            if value is None:
                continue
            low: int | None = value
            high: int | None = value
            is_range = False
        else:
            assert pair is not None  # no single figure: one of the range groups matched
            a, b = pair
            lo, hi = _as_int(parse_number(a)), _as_int(parse_number(b))
            if lo is None or hi is None:
                continue
            if _YEAR.fullmatch(a.strip()) and _YEAR.fullmatch(b.strip()):
                continue  # "2023-2025", a span of years
            if hi < lo:
                # "4,000-5" is not a range; keep the first figure alone.
                continue
            lo = _scaled_like(a, b, lo, hi)
            low, high, is_range = lo, hi, lo != hi
        increment = bool(m.group("more")) or qual_text in _INCREMENT_BEFORE
        qualifier = "range" if is_range else QUALIFIER_WORDS.get(qual_text, "exact")
        fig_start = m.start()
        if qualifier == "exact" and text[max(0, m.start() - 1) : m.start()] in ("~", "≈"):
            qualifier = "about"  # "~10,000"
            fig_start -= 1
        if qualifier == "exact" and "couple" in m.group().lower():
            qualifier = "about"  # "a couple (of) thousand"
        if qualifier == "exact" and not is_range and _ABOVE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            qualifier = "more_than"  # "the toll had now passed 3,000": above it
        if m.group("plus") and not is_range and qualifier == "exact":
            qualifier = "at_least"  # "3,000+"
        if m.group("ormore") and not is_range:
            qualifier = "about" if "so" in m.group("ormore").lower() else "at_least"
        if qualifier in ("up_to", "fewer_than"):
            low = None
        elif qualifier in ("at_least", "more_than"):
            high = None
        fig_end = m.start("more") if m.group("more") else m.end()
        if m.group("ormore") and m.group("more"):
            fig_end = m.start("more")
        out.append(
            Figure(
                start=fig_start,
                end=fig_end,
                num_start=first_num_start,
                low=low,
                high=high,
                qualifier=qualifier,
                text=text[fig_start:fig_end],
                increment=increment,
                is_range=is_range,
                wordy=not any(ch.isdigit() for ch in m.group()),
            )
        )
    return out
