"""One claim stated twice in one text gives one candidate.

News copy repeats its main figure: in the headline, in the lede and again further down
("... the 10,000 troops ..."). Within one text, candidates with the same figure, qualifier
family, measure, personnel and stance are one claim when:

* the later one is a definite recall ("besides the six dead", "the two captured soldiers")
  whatever kind of personnel it names, unless its own sentence names another speaker
  ("a spokesman for the agency said the two were seized"), or
* they have the same claimant and statement date (kept: the first), or
* one of them has no claimant of its own in the text (its claimant is the outlet, the
  headline's source or none), or stands in the headline (a headline sums up what the body
  says with its source): it is dropped when another, in the body with a claimant read from
  the text, says the same; among several without one, the first is kept;
* one names the country's government ("Ukraine announced it had captured two") or a body whose
  listed person says the same further on ("Zelensky announced that ... had captured two"): the
  person or body named more narrowly gives the claim, as the ledger records it (``broader``
  tells which claimant covers which).

The kept row's ``why`` names the places of the repeats it absorbed, so a reviewer sees them.

Example:
    >>> a = {"figure_low": 10000, "figure_high": 10000, "qualifier": "exact", "measure": "arrived_in_russia",
    ...      "personnel": "combat_troops", "stance": "asserts", "claimant": None,
    ...      "statement_date": None, "why": "claimant: none found", "char_start": 0, "char_end": 20}
    >>> b = dict(a, claimant="Volodymyr Zelensky", why="claimant: 'Zelensky said'", char_start=90, char_end=120)
    >>> [r["claimant"] for r in merge_repeats([a, b])]
    ['Volodymyr Zelensky']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..style import MARK_KIND
from .candidates import REFERS_BACK

__all__ = ["merge_repeats", "headline_end"]

# How a claimant was found when the text itself does not attribute the claim.
_WEAK = ("claimant: outlet", "claimant: named in the headline", "claimant: none found")


def _weak(row: dict[str, Any], headline_end: int) -> bool:
    if (row.get("char_start") or 0) < headline_end:
        return True
    return row.get("claimant") is None or any(w in (row.get("why") or "") for w in _WEAK)


# How a claimant is found when the recall's own sentence names who speaks.
_OWN = ("claimant: verb", "claimant: pronoun", "claimant: raw", "claimant: according_to", "claimant: inverted")


def _own_speaker(recall: dict[str, Any], stated: dict[str, Any]) -> bool:
    """The recall's own sentence names another speaker ("A spokesman for the agency said the two
    were seized"): a claim of its own, not a repeat."""
    return recall.get("claimant") != stated.get("claimant") and any(w in (recall.get("why") or "") for w in _OWN)


def headline_end(text: str) -> int:
    """End of the text's headline: a first line of at most 200 characters with no full stop
    at its end, followed by a line break (0 when the text does not open with one).

    Example:
        >>> headline_end("Troops reach Kursk\\n\\nThe NIS said on Friday ...")
        18
        >>> headline_end("The NIS said on Friday that troops left.")
        0
    """
    first = text.lstrip()
    line_end = first.find("\n")
    if line_end <= 0 or line_end > 200:
        return 0
    line = first[:line_end].rstrip()
    if not line or line[-1] in '.!?:;"”':
        return 0
    return len(text) - len(first) + len(line)


def _key(row: dict[str, Any]) -> tuple | None:
    if row.get("figure_low") is None and row.get("figure_high") is None:
        return None  # stances without a figure are kept as they are
    return (
        row.get("figure_low"),
        row.get("figure_high"),
        MARK_KIND.get(row.get("qualifier") or "", row.get("qualifier")),  # "about" and "exact" alike
        row.get("measure"),
        row.get("personnel"),
        row.get("stance"),
    )


def merge_repeats(
    rows: list[dict[str, Any]], headline: int = 0, broader: Callable[[str, str], bool] | None = None
) -> list[dict[str, Any]]:
    """The rows of one text with repeated statements of one claim merged (order kept);
    ``headline`` is where the text's headline ends (see :func:`headline_end`); ``broader(a, b)``
    is true when claimant ``a`` covers ``b`` (a country's government and its president)."""
    groups: dict[tuple, list[int]] = {}
    for n, row in enumerate(rows):
        key = _key(row)
        if key is not None:
            groups.setdefault(key, []).append(n)
    drop: dict[int, int] = {}  # dropped row -> the row that absorbs it
    first: dict[tuple, int] = {}
    for n, row in enumerate(rows):
        key = _key(row)
        if key is None:
            continue
        figure = key[:4]  # figure, qualifier family and measure, whoever says it
        if figure in first and REFERS_BACK in (row.get("why") or "") and not _own_speaker(row, rows[first[figure]]):
            drop[n] = first[figure]  # "besides the six dead": the claim stated before, recalled
        first.setdefault(figure, n)
    for members in groups.values():
        if len(members) < 2:
            continue
        if broader is not None:
            named = [(n, str(rows[n]["claimant"])) for n in members if n not in drop and rows[n].get("claimant")]
            for n, wide in named:
                narrow = next((m for m, c in named if m != n and m not in drop and broader(wide, c)), None)
                if narrow is not None and not _weak(rows[narrow], headline):
                    drop[n] = narrow
        strong = [n for n in members if not _weak(rows[n], headline)]
        seen: dict[tuple, int] = {}
        for n in members:
            row = rows[n]
            if n in drop:
                continue
            if strong and _weak(row, headline):
                drop[n] = strong[0]
                continue
            ident = (row.get("claimant"), row.get("statement_date")) if strong else ("weak",)
            if ident in seen:
                drop[n] = seen[ident]
            else:
                seen[ident] = n
    if not drop:
        return rows
    for n, keeper in drop.items():
        row, kept = rows[n], rows[keeper]
        kept["why"] = (
            f"{kept.get('why') or ''}; also stated at characters {row.get('char_start')}-{row.get('char_end')}"
        )
    return [row for n, row in enumerate(rows) if n not in drop]
