"""A report notebook read once: its typed parameters, as declared in its ``parameters`` cell.

:func:`read_spec` parses the notebook's JSON and the cell's source (it never runs it) into a
:class:`ReportSpec`: the notebook itself (kept, so it is executed exactly as checked) and one
:class:`Parameter` per annotated name, with its type, default, help (the comment after it)
and what its annotation type (:mod:`osint.reporting.types`) says: a path to resolve, an input
to checksum, a ledger to keep a copy of, a date, allowed values, a range, a runner-filled
internal value. Values from the command line or a schedule are converted and checked by
:meth:`ReportSpec.check` (every problem at once) before anything runs.

Example:
    >>> spec = read_spec("briefing")
    >>> spec.parameters["start"].describe()
    'start (date, default "2024-10-01"): first statement date shown; empty for no limit'
    >>> spec.check({"measures": "killed,wounded"})
    {'measures': ['killed', 'wounded']}
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import tokenize
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from ..errors import ParameterError
from ..paths import NOTEBOOKS_DIR, PROJECT_ROOT
from . import checks
from . import types as report_types
from .types import Bounds, Kind, Vocabulary

__all__ = ["Parameter", "ReportSpec", "available_reports", "notebook_path", "read_spec"]

#: Cells with this tag are instructions for notebook users and are left out of reports.
NOTEBOOK_ONLY_TAG = "notebook-only"
#: The base types the command line can set.
BASES = {"str": str, "int": int, "float": float, "bool": bool, "list": list}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a report, as its notebook declares it.

    ``base`` is ``str``, ``int``, ``float``, ``bool`` or ``list``; ``choices`` the allowed
    values (``typing.Literal``), ``bounds`` an inclusive numeric range (``Range``),
    ``kind`` what the value means to the runner (:class:`~osint.reporting.types.Kind`),
    ``vocabulary`` where a list's values come from. ``annotation`` is the annotation as
    written, for documentation.
    """

    name: str
    base: str
    default: Any
    help: str = ""
    annotation: str = ""
    choices: tuple[Any, ...] = ()
    bounds: Bounds | None = None
    kind: Kind | None = None
    vocabulary: str | None = None

    @property
    def internal(self) -> bool:
        """Filled by the runner: never given by a user, never part of a report's name."""
        return bool(self.kind and self.kind.internal)

    @property
    def is_path(self) -> bool:
        return bool(self.kind and self.kind.path)

    def type_name(self) -> str:
        """The type in a word or two, for help and messages: ``date``, ``one of M, Q``, ``list``."""
        if self.choices:
            return "one of " + ", ".join(map(str, self.choices))
        if self.kind is not None:
            return self.kind.name.replace("_", " ")
        if self.vocabulary:
            return f"list of {self.vocabulary}"
        if self.bounds is not None:
            low, high = self.bounds.low, self.bounds.high
            return f"{self.base} from {low if low is not None else '-inf'} to {high if high is not None else 'inf'}"
        return self.base

    def describe(self) -> str:
        """One line of help: name, type, default and the help text of the parameters cell."""
        default = json.dumps(self.default, ensure_ascii=False)
        text = f"{self.name} ({self.type_name()}, default {default})"
        return f"{text}: {self.help}" if self.help else text

    def convert(self, raw: Any, cwd: Path | None = None) -> Any:
        """The value of ``raw`` (text from the command line, or a schedule's TOML value) in
        this parameter's type, checked; a relative path is taken from ``cwd``.

        Raises ParameterError saying what was expected.
        """
        value = self._as_base(raw)
        self.check(value)
        if self.is_path and value and not Path(value).is_absolute():
            value = str((cwd or Path.cwd()) / value)
        return value

    def check(self, value: Any) -> None:
        """Raise ParameterError unless ``value`` (already of the base type) is allowed.

        The place for every check of a value by itself: choices, ranges, dates.
        """
        if self.choices and value not in self.choices:
            raise ParameterError(
                f"parameter {self.name} expects one of {', '.join(map(str, self.choices))}, got {value!r}"
            )
        if self.bounds is not None and isinstance(value, (int, float)):
            low, high = self.bounds.low, self.bounds.high
            if (low is not None and value < low) or (high is not None and value > high):
                raise ParameterError(f"parameter {self.name} expects a number from {low} to {high}, got {value!r}")
        if self.kind is not None and self.kind.date and value:
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                    raise ValueError(value)
                date.fromisoformat(str(value))
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name} expects a date written YYYY-MM-DD (or empty for no limit), got {value!r}"
                ) from None

    def _as_base(self, raw: Any) -> Any:
        expected = f"parameter {self.name} expects {self.type_name()}, got {raw!r}"
        if not isinstance(raw, str):  # a schedule's TOML value is typed already
            kind = BASES[self.base]
            if isinstance(raw, bool) and kind is not bool or not isinstance(raw, kind):
                if not (kind is float and isinstance(raw, int) and not isinstance(raw, bool)):
                    raise ParameterError(expected)
            return raw
        text = raw.strip()
        try:
            if self.base == "str":
                return raw
            if self.base == "int":
                return int(text)
            if self.base == "float":
                return float(text)
            if self.base == "bool":
                if text.lower() in _TRUE:
                    return True
                if text.lower() in _FALSE:
                    return False
                raise ValueError(raw)
            if text.startswith("["):
                value = json.loads(text)
                if not isinstance(value, list):
                    raise ValueError(raw)
                return value
            return [item.strip() for item in text.split(",") if item.strip()]
        except (ValueError, json.JSONDecodeError):
            raise ParameterError(expected) from None


@dataclass(frozen=True)
class ReportSpec:
    """A report's notebook, read once: its name, path, content and typed parameters.

    ``notebook`` is the notebook's JSON as read (executed as is, so what runs is what was
    checked); ``sha256`` its checksum.
    """

    name: str
    path: Path
    parameters: dict[str, Parameter]
    notebook: dict[str, Any] = field(repr=False, compare=False)
    sha256: str = ""

    def public(self) -> list[Parameter]:
        """The parameters a user may set (internal ones left out), in the cell's order."""
        return [p for p in self.parameters.values() if not p.internal]

    def describe(self) -> str:
        """Help text: one line per parameter a user may set."""
        lines = [f"{self.name}: parameters (set with -p NAME VALUE)"]
        lines += [f"  {p.describe()}" for p in self.public()]
        return "\n".join(lines)

    def check(self, given: Mapping[str, Any], cwd: Path | None = None) -> dict[str, Any]:
        """Convert and check ``given`` values before anything runs; the ones that differ
        from the defaults are returned (they name the report).

        Each value is checked by itself (type, choices, range, date), then against the
        workbook (:mod:`osint.reporting.checks`): measures that exist, input files that do,
        a ledger that is one, claimants of that ledger (by name, alias or short label,
        returned as the ledger writes them), and a start not after the end. A path equal to
        its default (given relative to the caller's folder ``cwd``) is the default.

        Raises ParameterError naming every problem, one per line.

        >>> read_spec("briefing").check({"start": "2024-10-01", "measures": ""})
        {}
        """
        problems, converted = [], {}
        for name, raw in given.items():
            parameter = self.parameters.get(name)
            if parameter is None or parameter.internal:
                takes = ", ".join(p.name for p in self.public())
                problems.append(
                    f"unknown parameter {name!r} (report {self.name} takes: {takes})"
                    f"{checks.suggest(name, [p.name for p in self.public()])}"
                )
                continue
            try:
                converted[name] = parameter.convert(raw, cwd)
            except ParameterError as exc:
                problems.append(str(exc))
        if not problems:
            problems += self._check_values(converted)
        if problems:
            raise ParameterError("\n".join(problems))
        values = {}
        for name, value in converted.items():
            parameter = self.parameters[name]
            default = parameter.default
            if parameter.is_path and value and default:
                default = str(self.resolve(name, default))
                same = Path(value).resolve() == Path(default).resolve()
            else:
                same = value == default
            if not same:  # the default named explicitly is still the default
                values[name] = value
        return values

    def _check_values(self, values: dict[str, Any]) -> list[str]:
        """Problems of the converted ``values`` against the workbook and each other; claimant
        names are replaced by the ledger's (in place)."""
        problems: list[str] = []
        effective = {name: values.get(name, p.default) for name, p in self.parameters.items()}
        ledger = None
        for name, parameter in self.parameters.items():
            kind, value = parameter.kind, effective[name]
            if kind is None or not kind.input or not value:
                continue
            path = Path(value) if name in values else self.resolve(name, value)
            said = "" if name in values else " (the default)"
            if kind.snapshot:  # a ledger
                problem = checks.ledger_problem(path)
                if problem is None:
                    ledger = path
                else:
                    problems.append(f"parameter {name}{said}: {problem}")
            elif not path.is_file():
                problems.append(f"parameter {name}{said}: no such file {path} ({parameter.help or kind.describe})")
        for name, parameter in self.parameters.items():
            if parameter.vocabulary is None or name not in values or not values[name]:
                continue
            if parameter.vocabulary == "claimants":
                if ledger is None:
                    continue  # the ledger's problem is named already
                resolved, missing = checks.resolve_claimants(values[name], ledger)
                problems += missing
                values[name] = resolved
            else:
                problems += checks.vocabulary_problems(parameter.vocabulary, values[name])
        start, end = self.parameters.get("start"), self.parameters.get("end")
        if start is not None and end is not None and start.kind and start.kind.date and end.kind and end.kind.date:
            first, last = effective["start"], effective["end"]
            if first and last and first > last:
                origin = {key: "" if key in values else " (its default)" for key in ("start", "end")}
                problems.append(
                    f"start {first}{origin['start']} is after end {last}{origin['end']}: "
                    "nothing could be shown; give a start on or before the end"
                )
        return problems

    def effective(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter's value in a run: the given ``values`` over the defaults."""
        return {name: values.get(name, p.default) for name, p in self.parameters.items()}

    def resolve(self, name: str, value: Any) -> Path:
        """A path parameter's value as a path: relative values are the notebook folder's."""
        return (self.path.parent / str(value)).resolve()

    def stem(self, values: Mapping[str, Any]) -> str:
        """File stem of a report run: the name and the parameters that differ from the defaults
        (internal parameters never). It names the report's files, its lock and the baseline
        of "what changed", so different values never share one:

        * a path by its file stem and a digest of where it resolves to (project-relative
          inside the project), so ``a/claims.csv`` and ``b/claims.csv`` are two reports;
        * a value that letters, digits, ``.+-`` and spaces cannot spell (``Привет``, ``A/B``)
          by what they keep and a digest of the value itself.

        >>> read_spec("briefing").stem({"start": "2024-10-01", "end": "2024-10-31"})
        'briefing-end-2024-10-31_start-2024-10-01'
        >>> read_spec("briefing").stem({})
        'briefing-defaults'
        >>> read_spec("briefing").stem({"title": "北朝鮮"})
        'briefing-title-db27ae'
        """
        shown = {k: v for k, v in values.items() if not (k in self.parameters and self.parameters[k].internal)}
        if not shown:
            return f"{self.name}-defaults"
        parts = []
        for key in sorted(shown):
            value = shown[key]
            if key in self.parameters and self.parameters[key].is_path and value:
                text = f"{_slug(Path(str(value)).stem) or 'path'}-{path_digest(value)}"
            else:
                text = _spell(value)
            parts.append(f"{_slug(key)}-{text}")
        stem = "_".join(parts)
        if len(stem) > 80:
            digest = hashlib.sha1(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()[:10]
            stem = stem[:60].rstrip("-_") + "_" + digest
        return f"{self.name}-{stem}"

    @property
    def description(self) -> str:
        """One line on what the report is: the first heading of the notebook.

        >>> read_spec("briefing").description
        'Briefing: troop-figure claims'
        """
        for cell in self.notebook.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            for line in ("".join(source) if isinstance(source, list) else source).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
        return ""

    def help_rows(self) -> list[tuple[str, str]]:
        """(name, what it takes) for each parameter a user may set, for ``--help``: the help
        text of the parameters cell, the type and the default (a path as the project names it).
        """
        rows = []
        for p in self.public():
            default = p.default
            if p.is_path and default:
                default = _display_path(self.resolve(p.name, default))
            shown = json.dumps(default, ensure_ascii=False)
            text = f"{p.help}  " if p.help else ""
            rows.append((p.name, f"{text}[{p.type_name()}; default {shown}]"))
        return rows


_SPELLS = re.compile(r"[A-Za-z0-9.+-]+( [A-Za-z0-9.+-]+)*")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", text).strip("-")


def _digest(text: str, size: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def _spell(value: Any) -> str:
    """A value as it appears in a report name; a digest of it joins what the name could not spell."""
    items = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    slug = "+".join(_slug(item) for item in items) or ("none" if isinstance(value, list) else "")
    if not isinstance(value, list) or not value:
        spelled = bool(slug) and (not items[0] or bool(_SPELLS.fullmatch(items[0])))
    else:
        spelled = all(_SPELLS.fullmatch(item) and "+" not in item for item in items)
    if spelled:
        return slug
    digest = _digest(json.dumps(value, ensure_ascii=False, default=str))
    return f"{slug}-{digest}" if slug else digest


def path_digest(value: Any) -> str:
    """A digest of where a path resolves to (symbolic links followed): relative to the
    project when inside it, so every checkout names a report the same."""
    path = Path(str(value)).resolve()
    try:
        text = path.relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        text = path.as_posix()
    return _digest(text, 8)


def _display_path(path: Path) -> str:
    """A path as the caller would type it: relative to their folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


#: A report's name: a notebook's file name in notebooks/, without folders or suffix.
REPORT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def available_reports(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[str]:
    """Names of the notebooks that can be run as reports."""
    return sorted(p.stem for p in Path(notebooks_dir).glob("*.ipynb") if REPORT_NAME.fullmatch(p.stem))


def notebook_path(name: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """The notebook of report ``name``, inside ``notebooks_dir`` only.

    Raises ParameterError for a name that is a path (``../x``, ``/x``, ``a/b``) or that no
    notebook there has, naming the reports there are.

    >>> notebook_path("briefing").name
    'briefing.ipynb'
    >>> try:
    ...     notebook_path("../notebooks/briefing")
    ... except ParameterError as exc:
    ...     print(str(exc)[:60])
    report name '../notebooks/briefing' is a path: give a report
    """
    notebooks_dir = Path(notebooks_dir)
    known = ", ".join(available_reports(notebooks_dir)) or "none"
    if not REPORT_NAME.fullmatch(name):
        hint = f" (without .ipynb: {name[:-6]})" if name.endswith(".ipynb") and REPORT_NAME.fullmatch(name[:-6]) else ""
        what = "is a path" if any(c in name for c in "/\\") or name.startswith(".") else "is not a report name"
        raise ParameterError(
            f"report name {name!r} {what}: give a report's name{hint}, one of {known} "
            f"(the notebooks in {notebooks_dir})"
        )
    path = notebooks_dir / f"{name}.ipynb"
    if not path.is_file():
        raise ParameterError(
            f"no report named {name!r}: give one of {known} (the notebooks in {notebooks_dir})"
            f"{checks.suggest(name, available_reports(notebooks_dir))}"
        )
    if path.resolve().parent != notebooks_dir.resolve():
        raise ParameterError(f"report {name!r}: {path} leads outside {notebooks_dir}; only notebooks kept there run")
    return path


def read_spec(name: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> ReportSpec:
    """Read report ``name`` (``notebooks/<name>.ipynb``) once into a :class:`ReportSpec`.

    Raises ParameterError for a missing notebook, a notebook without a cell tagged
    ``parameters``, or a parameters cell that does more than declare typed parameters.
    """
    path = notebook_path(name, Path(notebooks_dir))
    data = path.read_bytes()
    try:
        notebook = json.loads(data.decode("utf-8"))  # plain JSON: nbformat would cost more than the check
    except ValueError as exc:
        raise ParameterError(f"{path}: not a notebook ({exc})") from None
    cells = [c for c in notebook.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ParameterError(f"{path}: no cell tagged 'parameters': tag the cell that declares the parameters")
    source = cells[0]["source"]
    parameters = parse_parameters("".join(source) if isinstance(source, list) else source, str(path))
    return ReportSpec(name, path, parameters, notebook, hashlib.sha256(data).hexdigest())


def parse_parameters(source: str, where: str = "<parameters>") -> dict[str, Parameter]:
    """The typed parameters declared in a parameters cell's ``source``.

    >>> parse_parameters('from osint.reporting.types import IsoDate\\nend: IsoDate = ""  # last day')["end"].help
    'last day'
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{where}: the parameters cell is not valid Python: {exc}") from None
    comments = _comments(source)
    names: dict[str, Any] = {"Literal": typing.Literal, "Annotated": typing.Annotated, **BASES}
    params: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in ("osint.reporting.types", "typing"):
            module = report_types if node.module == "osint.reporting.types" else typing
            for alias in node.names:
                names[alias.asname or alias.name] = getattr(module, alias.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name = node.target.id
            try:
                # only the type names above are in scope: no builtins, nothing else of the cell
                expression = compile(ast.Expression(node.annotation), where, "eval")
                annotation = eval(expression, {"__builtins__": {}}, names)  # noqa: S307
                default = ast.literal_eval(node.value)
            except Exception as exc:  # noqa: BLE001 - any failure means the declaration is unusable
                raise ParameterError(
                    f"{where}: parameter {name}: cannot read its type or default "
                    f"({type(exc).__name__}: {exc}); use the types of osint.reporting.types "
                    "and a literal default"
                ) from None
            params[name] = _parameter(
                name,
                annotation,
                default,
                ast.unparse(node.annotation),
                comments.get(node.end_lineno or node.lineno, ""),
                where,
            )
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
            raise ParameterError(
                f"{where}: parameter {target} has no type annotation or no default: "
                "write it as `name: type = default  # help`"
            )
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise ParameterError(
                f"{where}: line {node.lineno}: a parameters cell only imports from "
                "osint.reporting.types and declares `name: type = default  # help`"
            )
    return params


def _comments(source: str) -> dict[int, str]:
    """The comment text on each line of ``source``."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def _parameter(name: str, annotation: Any, default: Any, written: str, help_text: str, where: str) -> Parameter:
    """A :class:`Parameter` from an evaluated annotation (``Annotated`` and ``Literal`` unpacked)."""
    base: Any = annotation
    extras: tuple[Any, ...] = ()
    if typing.get_origin(annotation) is typing.Annotated:
        base, *rest = typing.get_args(annotation)
        extras = tuple(rest)
    choices: tuple[Any, ...] = ()
    if typing.get_origin(base) is typing.Literal:
        choices = typing.get_args(base)
        base = type(choices[0])
    base = typing.get_origin(base) or base  # list[str] -> list
    base_name = next((key for key, value in BASES.items() if value is base), None)
    if base_name is None:
        raise ParameterError(
            f"{where}: parameter {name}: the command line cannot set a value of type {written}; "
            "use str, int, float, bool, list or a type of osint.reporting.types"
        )
    kind = next((e for e in extras if isinstance(e, Kind)), None)
    bounds = next((e for e in extras if isinstance(e, Bounds)), None)
    vocabulary = next((e.name for e in extras if isinstance(e, Vocabulary)), None)
    parameter = Parameter(name, base_name, default, help_text, written, choices, bounds, kind, vocabulary)
    try:
        parameter._as_base(default)
        parameter.check(default)
    except ParameterError as exc:
        raise ParameterError(f"{where}: the default of {exc}") from None
    return parameter
