"""Checks of parameter values against the workbook, before anything runs.

A value can be of the right type and still be wrong: a measure that does not exist, a
claimant the ledger never names, a "ledger" that is some other file. These checks read what
they need cheaply (the ledger's header and claimant column with the ``csv`` module, the
claimant table ``data/claimants.csv``) and say what is wrong in one line each, with the
closest known values as suggestions. Only the standard library is imported up front.

Example:
    >>> ledger_problem(DATA_DIR / "claims.csv") is None
    True
    >>> resolve_claimants(["nis (south korea)"], DATA_DIR / "claims.csv")[0]
    ['National Intelligence Service (South Korea)']
    >>> "did you mean 'killed'" in vocabulary_problems("measures", ["killd"])[0]
    True
"""

from __future__ import annotations

import ast
import csv
import difflib
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from ..paths import DATA_DIR

__all__ = [
    "LEDGER_COLUMNS",
    "ledger_claimants",
    "ledger_problem",
    "resolve_claimants",
    "suggest",
    "vocabulary",
    "vocabulary_problems",
]

#: The columns without which a file is not a claims ledger (the full check is ``osint validate``).
LEDGER_COLUMNS = ("claim_id", "statement_date", "claimant", "measure", "figure_low", "figure_high", "source_url")
#: The claimant table: canonical names, their aliases and (when present) short display names.
CLAIMANT_TABLE = DATA_DIR / "claimants.csv"
#: Widths at which the figures abbreviate claimant names (the labels a reader sees).
LABEL_WIDTHS = (22, 26, 30)
_PARQUET = (".parquet", ".pq")


def _key(text: str) -> str:
    """Names compared without regard to case or spacing."""
    return " ".join(str(text).split()).casefold()


def suggest(value: str, known: Iterable[str] | Mapping[str, str], n: int = 3) -> str:
    """`` (did you mean 'a' or 'b'?)`` for the known values closest to ``value``, else ``""``.

    ``known`` may map each name to what to suggest for it (an alias to its claimant).

    >>> suggest("killd", ["killed", "wounded"])
    " (did you mean 'killed'?)"
    >>> suggest("Zelenksy", {"Zelensky": "Volodymyr Zelensky", "Zelenskyy": "Volodymyr Zelensky"})
    " (did you mean 'Volodymyr Zelensky'?)"
    """
    shown = known if isinstance(known, Mapping) else {name: name for name in known}
    by_key: dict[str, str] = {}
    for name, target in shown.items():
        by_key.setdefault(_key(name), target)
    close = difflib.get_close_matches(_key(value), list(by_key), n=n * 3, cutoff=0.6)
    targets = list(dict.fromkeys(by_key[c] for c in close))[:n]
    if not targets:
        return ""
    return " (did you mean " + " or ".join(repr(t) for t in targets) + "?)"


#: Vocabulary name -> the ``Literal`` alias of :mod:`osint.schema` that lists its values.
VOCABULARIES = {"measures": "Measure"}


@cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values of a named vocabulary of the workbook (``measures``).

    Read from the ``Literal`` in ``osint/schema.py`` without importing it (importing the
    schema loads pydantic, about a second before a kernel even starts); the import is the
    fallback should the source not be at hand.

    >>> "killed" in vocabulary("measures")
    True
    """
    alias = VOCABULARIES[name]
    source = Path(__file__).resolve().parent.parent / "schema.py"
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == [alias]:
                if isinstance(node.value, ast.Subscript) and ast.unparse(node.value.value) == "Literal":
                    values = ast.literal_eval(node.value.slice)
                    return tuple(values) if isinstance(values, tuple) else (values,)
    except (OSError, SyntaxError, ValueError):
        pass
    import typing

    from .. import schema

    return tuple(typing.get_args(getattr(schema, alias)))


def vocabulary_problems(name: str, values: Iterable[str]) -> list[str]:
    """One line per value of ``values`` that is not in vocabulary ``name``."""
    known = vocabulary(name)
    singular = name[:-1] if name.endswith("s") else name
    return [
        f"parameter {name}: unknown {singular} {value!r}{suggest(value, known)}; known: {', '.join(known)}"
        for value in values
        if value not in known
    ]


def ledger_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a claims ledger (missing, unreadable, not CSV or Parquet,
    without the ledger's columns), or None. Reads the header only.
    """
    path = Path(path)
    if not path.exists():
        return f"{path}: no such file"
    if not path.is_file():
        return f"{path}: not a file (a ledger is a CSV or Parquet file)"
    try:
        columns = _parquet_columns(path) if path.suffix.lower() in _PARQUET else _csv_header(path)
    except (OSError, ValueError) as exc:
        return f"{path}: cannot be read as a claims ledger ({exc})"
    missing = [c for c in LEDGER_COLUMNS if c not in columns]
    if missing:
        return (
            f"{path}: not a claims ledger: its header lacks the column(s) {', '.join(missing)} "
            "(see data/README.md; `osint validate FILE` checks a ledger)"
        )
    return None


def _csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        try:
            first = next(csv.reader(handle), [])
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
        except csv.Error as exc:
            raise ValueError(f"not CSV: {exc}") from None
    return [c.strip() for c in first]


def _parquet_columns(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    try:
        return list(pq.read_schema(path).names)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
        raise ValueError(f"not Parquet: {exc}") from None


def ledger_claimants(path: Path) -> list[str]:
    """The distinct claimant names of a ledger, in the order they first appear."""
    path = Path(path)
    if path.suffix.lower() in _PARQUET:
        import pyarrow.parquet as pq

        names = pq.read_table(path, columns=["claimant"]).column("claimant").to_pylist()
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            names = [row.get("claimant") or "" for row in csv.DictReader(handle)]
    return list(dict.fromkeys(str(n).strip() for n in names if n and str(n).strip()))


@lru_cache(maxsize=4)
def _claimant_table(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, other names: aliases and short name) per row of the claimant table."""
    if not path.is_file():
        return ()
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("claimant") or "").strip()
            others = [a for a in (row.get("aliases") or "").split("|")] + [row.get("short") or ""]
            rows.append((name, tuple(o.strip() for o in others if o and o.strip())))
    return tuple(rows)


def _labels(name: str) -> set[str]:
    """The short labels the figures show for claimant ``name``."""
    from ..style import claimant_family, claimant_label  # only when a name is not found as written

    labels = {claimant_label(name, width) for width in LABEL_WIDTHS}
    family = claimant_family(name)
    if family is not None and family.abbreviates:
        labels.add(family.label)
    return labels


def resolve_claimants(given: Iterable[str], ledger: Path, table: Path = CLAIMANT_TABLE) -> tuple[list[str], list[str]]:
    """The ledger's claimant names for ``given`` names, and one line per name not found.

    A name matches a ledger claimant written the same (case and spacing aside), one of its
    aliases or its short name in ``data/claimants.csv``, or the short label the figures show
    (``NIS (South Korea)``); a label shared by several claimants stands for all of them.
    """
    try:
        in_ledger = ledger_claimants(ledger)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        return [], [
            f"parameter claimants: cannot read the claimants of the ledger {ledger} ({exc}): "
            "`osint validate` names the problem"
        ]
    by_key: dict[str, list[str]] = {}
    for name in in_ledger:
        by_key.setdefault(_key(name), []).append(name)
    resolved: list[str] = []
    problems: list[str] = []
    others: dict[str, list[str]] | None = None
    written: dict[str, str] = {}
    for value in given:
        found = by_key.get(_key(value))
        if found is None:
            if others is None:
                others, written = _other_names(in_ledger, Path(table))
            found = others.get(_key(value))
        if found:
            resolved += [n for n in found if n not in resolved]
            continue
        problems.append(
            f"parameter claimants: no claimant {value!r} in the ledger {ledger}"
            f"{suggest(value, {**{n: n for n in in_ledger}, **written})}"
        )
    return resolved, problems


def _other_names(in_ledger: list[str], table: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Key of each alias, short name and figure label -> the ledger names it stands for;
    and each of those names as written -> a ledger name (for suggestions)."""
    ledger_keys = {_key(n): n for n in in_ledger}
    found: dict[str, list[str]] = {}
    written: dict[str, str] = {}
    pairs = [
        (other, ledger_keys[_key(canonical)])
        for canonical, others in _claimant_table(table)
        if _key(canonical) in ledger_keys
        for other in others
    ]
    pairs += [(label, name) for name in in_ledger for label in sorted(_labels(name))]
    for other, name in pairs:
        names = found.setdefault(_key(other), [])
        if name not in names:
            names.append(name)
            written.setdefault(other, name)
    return found, written
