"""Scheduled, unattended runs: schedules, failures, locks and clean kernels between reports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock

from osint.errors import AlreadyRunning, ParameterError
from osint.reporting import load_manifests, load_schedule, read_spec, run_batch, run_report


def _schedule(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "osint.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_schedule_run_twice_with_one_failing_set(tmp_path, small_ledger):
    shutil.copy(small_ledger, tmp_path / "good.csv")
    shutil.copy(small_ledger, tmp_path / "flaky.csv")
    schedule = _schedule(
        tmp_path / "schedule.toml",
        """
        [[run]]
        reports = ["briefing"]
        parameters = [
          {ledger = "good.csv"},
          {ledger = "good.csv", start = "2024-10-17", end = "2024-10-18"},
          {ledger = "flaky.csv"},
        ]
    """,
    )
    out = tmp_path / "reports"
    first = _cli("report", "--schedule", str(schedule), "--out", str(out), "--no-progress", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    flaky_stem = read_spec("briefing").stem({"ledger": str(tmp_path / "flaky.csv")})
    flaky_html = out / f"{flaky_stem}.html"
    good_bytes = flaky_html.read_bytes()

    # The flaky ledger gets a bad row: its report must fail on the second run.
    with open(tmp_path / "flaky.csv", "a", encoding="utf-8") as handle:
        handle.write(
            "t-900,2024-13-45,day,,X,,other,asserts,killed,combat_troops,1,1,exact,,,,https://example.org/x,Example,,,,,F,6,\n"
        )
    second = _cli("report", "--schedule", str(schedule), "--out", str(out), "--no-progress", cwd=tmp_path)
    assert second.returncode == 1
    assert f"failed   {flaky_stem}" in second.stdout

    statuses = [m["status"] for m in load_manifests(out)]
    assert sorted(statuses) == ["failed"] + ["ok"] * 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="failed"') == 1 and index.count('class="ok"') == 5
    assert flaky_html.read_bytes() == good_bytes, "the last good report of the failing set is intact"
    failed = next(m for m in load_manifests(out) if m["status"] == "failed")
    assert "2024-13-45" in (out / "runs" / failed["folder"] / "report.html").read_text(encoding="utf-8")
    for manifest in load_manifests(out):
        assert set(manifest) >= {"parameters", "inputs", "versions", "started", "ended", "duration_s", "status"}
        assert all(len(digest or "") == 64 for digest in manifest["inputs"].values())


def test_bad_schedule_runs_nothing(tmp_path):
    schedule = _schedule(
        tmp_path / "bad.toml",
        """
        [[run]]
        reports = ["briefing", "nonexistent"]
        parameters = [{colour = "red"}, {start = "yesterday"}]
    """,
    )
    with pytest.raises(ParameterError) as raised:
        load_schedule(schedule)
    message = str(raised.value)
    assert "nonexistent" in message and "colour" in message and "yesterday" in message
    result = _cli("report", "--schedule", str(schedule), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert not (tmp_path / "out").exists()


def test_overlapping_run_of_the_same_report_is_refused(tmp_path, small_ledger):
    stem = read_spec("briefing").stem({"ledger": str(small_ledger)})
    (tmp_path / ".locks").mkdir()
    with FileLock(str(tmp_path / ".locks" / f"{stem}.lock")):  # a run in progress holds this
        with pytest.raises(AlreadyRunning):
            run_report("briefing", {"ledger": str(small_ledger)}, out_dir=tmp_path)
    assert not (tmp_path / "runs").exists(), "the refused run wrote nothing"


def test_two_processes_started_together_make_one_run(tmp_path, small_ledger):
    args = [
        sys.executable,
        "-m",
        "osint.cli",
        "report",
        "briefing",
        "-p",
        "ledger",
        str(small_ledger),
        "--out",
        str(tmp_path),
    ]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(p.wait(timeout=300) for p in procs)
    assert codes == [0, 3]
    assert [m["status"] for m in load_manifests(tmp_path)] == ["ok"]
    json.loads(next((tmp_path / "runs").glob("*/manifest.json")).read_text())


def _notebook(folder: Path, name: str, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('label: str = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(source),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{name}.ipynb")


def test_batch_reports_do_not_see_each_others_state(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks,
        "probe",
        textwrap.dedent("""
        import matplotlib, os, warnings
        assert "leftover" not in globals(), "a variable of an earlier report is visible"
        assert matplotlib.rcParams["lines.linewidth"] == 1.5, "an earlier report's style is in force"
        assert ("error", None, Warning, None, 0) not in warnings.filters, "an earlier report's warning filter"
        assert os.getcwd() == {where!r}
        leftover = label
        matplotlib.rcParams["lines.linewidth"] = 9
        warnings.simplefilter("error")
        os.chdir("/")
    """).format(where=str(notebooks)),
    )
    jobs = [
        j
        for j in load_schedule(
            _schedule(
                tmp_path / "s.toml",
                """
        [[run]]
        reports = ["probe"]
        parameters = [{label = "a"}, {label = "b"}, {label = "c"}]
    """,
            ),
            notebooks_dir=notebooks,
        )
    ]
    results = run_batch(jobs, out_dir=tmp_path / "out", notebooks_dir=notebooks, workers=1, progress=False)
    assert [r.status for r in results] == ["ok", "ok", "ok"], [r.error for r in results]
