"""Report specs: a notebook read once into typed parameters that convert, check and name a report."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest

from osint.errors import OsintError, ParameterError
from osint.paths import NOTEBOOKS_DIR
from osint.reporting import Job, read_spec, run_job
from osint.reporting.spec import parse_parameters


def test_importing_the_runner_does_not_import_pandas():
    code = (
        "import sys, osint.reporting, osint.reporting.types, osint.cli\n"
        "heavy = sorted(m for m in ('pandas', 'pydantic', 'matplotlib', 'nbconvert', 'papermill') if m in sys.modules)\n"
        "assert not heavy, heavy"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_parameters_are_typed_before_running():
    spec = read_spec("briefing")
    values = spec.check({"measures": "killed,wounded", "start": "2024-11-01"})
    assert values == {"measures": ["killed", "wounded"], "start": "2024-11-01"}
    assert spec.check({"measures": '["killed"]'}) == {"measures": ["killed"]}
    assert spec.check({"start": "2024-10-01", "measures": ""}) == {}, "defaults named explicitly"
    with pytest.raises(ParameterError, match="unknown parameter 'colour'"):
        spec.check({"colour": "red"})
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        spec.check({"end": "31/10/2024"})


def test_every_problem_is_named_at_once_and_is_a_value_error():
    spec = read_spec("claims_timeline")
    with pytest.raises(ParameterError) as raised:
        spec.check({"scale": "loga", "min_credibility": "9", "start": "yesterday", "colour": "red"})
    message = str(raised.value)
    for part in (
        "scale expects one of linear, log, got 'loga'",
        "min_credibility expects a number from 1 to 6",
        "start expects a date",
        "unknown parameter 'colour'",
    ):
        assert part in message
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, OsintError)


def test_relative_paths_are_taken_from_the_callers_folder(tmp_path, small_ledger):
    shutil.copy(small_ledger, tmp_path / "mine.csv")
    values = read_spec("claims_timeline").check(
        {"ledger": "mine.csv", "export_dir": "out", "title": "a/b"}, cwd=tmp_path
    )
    assert values == {"ledger": str(tmp_path / "mine.csv"), "export_dir": str(tmp_path / "out"), "title": "a/b"}


def test_internal_parameters_are_neither_settable_nor_shown():
    spec = read_spec("briefing")
    assert spec.parameters["since_run"].internal
    with pytest.raises(ParameterError, match="unknown parameter 'since_run'"):
        spec.check({"since_run": "/tmp"})
    assert "since_run" not in spec.describe() and "since_run" not in spec.stem({"since_run": "x"})


def test_the_cell_documents_each_parameter():
    spec = read_spec("deployment_map")
    assert spec.parameters["period"].describe() == (
        'period (one of Q, M, default "Q"): small multiples: Q (quarter) or M (month)'
    )
    assert spec.parameters["ledger"].type_name() == "ledger" and spec.parameters["ledger"].kind.snapshot
    assert spec.parameters["measures"].vocabulary == "measures"
    assert 'start (date, default "")' in spec.describe()


def test_report_names_carry_the_parameters():
    spec = read_spec("briefing")
    assert spec.stem({}) == "briefing-defaults"
    stem = spec.stem({"claimants": ["A B", "C/D"], "start": "2024-10-01"})
    assert re.fullmatch(r"briefing-[A-Za-z0-9.+_-]+", stem)
    long = spec.stem({"claimants": ["x" * 50, "y" * 50]})
    assert len(long) <= 100 and long != spec.stem({"claimants": ["x" * 50, "z" * 50]})
    assert re.fullmatch(r"briefing-ledger-claims-small-[0-9a-f]{8}", spec.stem({"ledger": "/data/a/claims-small.csv"}))


def test_a_parameters_cell_stays_runnable_python():
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        namespace: dict = {}
        exec(compile(cell.source, str(path), "exec"), namespace)  # the cell as a kernel runs it
        assert set(read_spec(path.stem).parameters) <= set(namespace), path.name


@pytest.mark.parametrize(
    "cell, message",
    [
        ("start = '2024-10-01'", "no type annotation"),
        ("from osint.reporting.types import Range\nlevel: Range[1, 6] = 9", "the default of parameter level"),
        ("import os\nx: str = ''", "only imports from osint.reporting.types"),
        ("when: dict = {}", "cannot read its type"),
        ("from typing import Any\nwhen: Any = None", "cannot set a value of type Any"),
        ("x: str = ''\nprint(x)", "only imports"),
    ],
)
def test_a_parameters_cell_that_does_more_than_declare_is_refused(cell, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        parse_parameters(cell)


def test_typing_spelling_works_too():
    params = parse_parameters(
        textwrap.dedent("""
        from typing import Annotated, Literal
        from osint.reporting.types import Bounds
        scale: Literal["linear", "log"] = "log"  # axis
        level: Annotated[float, Bounds(0.0, 1.0)] = 0.5
    """)
    )
    assert params["scale"].choices == ("linear", "log") and params["scale"].help == "axis"
    assert params["level"].convert("0.25") == 0.25
    with pytest.raises(ParameterError, match="from 0.0 to 1.0"):
        params["level"].convert("2")


def test_a_job_runs_the_notebook_as_it_was_read(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('word: str = "first"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('said', word)"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "echo.ipynb")
    spec = read_spec("echo", folder)
    nb.cells[1].source = "raise SystemExit('the notebook was read again')"
    nbformat.write(nb, folder / "echo.ipynb")  # changed on disk after it was read
    result = run_job(Job(spec, spec.check({"word": "second"})), tmp_path / "out")
    assert result.ok, result.error
    assert "said second" in result.html.read_text(encoding="utf-8")
