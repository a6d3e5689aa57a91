"""Report parameters checked by value, report names and identity, help, quiet runs, dead runs.

Every refusal here must come before anything runs: no kernel, no run folder, no index entry.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from osint.cli import main
from osint.errors import ParameterError
from osint.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from osint.reporting import Job, available_reports, load_manifests, load_schedule, read_spec, run_job, write_index
from osint.reporting.checks import resolve_claimants
from osint.reporting.kernels import RUNTIME_PREFIX, WarmKernel, remove_dead_runtime_dirs

from conftest import FIXTURES


def _report(*args: str, out: Path):
    result = CliRunner().invoke(main, ["report", *args, "--out", str(out)])
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    "args, message",
    [
        (["briefing", "-p", "measures", "killd"], "unknown measure 'killd' (did you mean 'killed'?)"),
        (["briefing", "-p", "claimants", "Nobody"], "no claimant 'Nobody' in the ledger"),
        (["briefing", "-p", "claimants", "Zelenksy"], "did you mean 'Volodymyr Zelensky'?"),
        (
            ["briefing", "-p", "start", "2025-01-01", "-p", "end", "2024-01-01"],
            "start 2025-01-01 is after end 2024-01-01",
        ),
        (["briefing", "-p", "end", "2024-01-01"], "start 2024-10-01 (its default) is after end 2024-01-01"),
        (["briefing", "-p", "end", "2024-02-30"], "parameter end expects a date written YYYY-MM-DD"),
        (["briefing", "-p", "end", "20241031"], "parameter end expects a date written YYYY-MM-DD"),
        (["claims_timeline", "-p", "scale", "loga"], "parameter scale expects one of linear, log, got 'loga'"),
        (["claims_timeline", "-p", "min_credibility", "9"], "min_credibility expects a number from 1 to 6, got 9"),
        (["claims_timeline", "-p", "min_reliability", "G"], "min_reliability expects one of A, B, C, D, E, F"),
        (["deployment_map", "-p", "period", "W"], "parameter period expects one of Q, M, got 'W'"),
        (["deployment_map", "-p", "extent", "moon"], "parameter extent expects one of region, front, far_east"),
        (
            ["briefing", "-p", "ledger", str(PROJECT_ROOT / "README.md")],
            "not a claims ledger: its header lacks the column(s)",
        ),
        (["briefing", "-p", "ledger", str(PROJECT_ROOT / "no-such-ledger.csv")], "no such file"),
        (
            ["claims_timeline", "-p", "landmarks", str(PROJECT_ROOT / "no-such.csv")],
            "parameter landmarks: no such file",
        ),
        (["../notebooks/briefing"], "report name '../notebooks/briefing' is a path"),
        ([str(NOTEBOOKS_DIR / "briefing")], "is a path"),
        (["notebooks/briefing"], "is a path"),
        (["briefing.ipynb"], "without .ipynb: briefing"),
    ],
)
def test_bad_values_exit_2_before_anything_runs(tmp_path, args, message):
    out = tmp_path / "out"
    result = _report(*args, out=out)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert all(line.startswith("error: ") for line in result.output.splitlines()), "one line per problem"
    assert not out.exists(), "no run folder, no index, no lock: nothing ran"


def test_every_problem_is_named_on_its_own_line(tmp_path):
    out = tmp_path / "out"
    result = _report(
        "claims_timeline", "-p", "scale", "loga", "-p", "min_credibility", "9", "-p", "start", "x", out=out
    )
    assert result.exit_code == 2 and len(result.output.splitlines()) == 3
    result = _report("briefing", "-p", "measures", "killd,wounded,captred", "-p", "claimants", "Nobody", out=out)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 3, result.output
    assert not out.exists()


def test_a_file_that_is_not_a_ledger_is_never_echoed_into_a_report(tmp_path):
    secret = tmp_path / "notes.txt"
    secret.write_text("password=hunter2\nsecond line\n", encoding="utf-8")
    result = _report("briefing", "-p", "ledger", str(secret), out=tmp_path / "out")
    assert result.exit_code == 2 and "not a claims ledger" in result.output
    assert "hunter2" not in result.output and not (tmp_path / "out").exists()
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    result = _report("briefing", "-p", "ledger", str(binary), out=tmp_path / "out")
    assert result.exit_code == 2 and "cannot be read as a claims ledger (not UTF-8 text)" in result.output


def test_the_real_command_refuses_without_starting_a_kernel(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "osint.cli",
            "report",
            "briefing",
            "-p",
            "measures",
            "killd",
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: parameter measures: unknown measure 'killd'")
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_claimants_match_names_aliases_and_the_short_labels_of_the_figures():
    spec = read_spec("briefing")
    nis = "National Intelligence Service (South Korea)"
    assert spec.check({"claimants": "NIS (South Korea)"}) == {"claimants": [nis]}, "the timeline's label"
    assert spec.check({"claimants": "national intelligence service  (south korea)"}) == {"claimants": [nis]}
    assert spec.check({"claimants": "Kirby"}) == {"claimants": ["John Kirby (White House)"]}, "an alias"
    same = spec.check({"claimants": nis})
    assert spec.stem(same) == spec.stem(spec.check({"claimants": "NIS (South Korea)"})), "one report, however named"
    with pytest.raises(ParameterError, match=r"no claimant 'NIS \(North Korea\)'.*did you mean 'National Intel"):
        spec.check({"claimants": "NIS (North Korea)"})


def test_a_short_name_of_the_claimant_table_is_understood(tmp_path, small_ledger):
    table = tmp_path / "claimants.csv"
    table.write_text(
        "claimant,claimant_country,claimant_type,kind,aliases,domains,short\n"
        "Mark Rutte (NATO),,international_org,person,,,Rutte\n",
        encoding="utf-8",
    )
    assert resolve_claimants(["rutte"], small_ledger, table) == (["Mark Rutte (NATO)"], [])
    resolved, problems = resolve_claimants(["Rute"], small_ledger, table)
    assert resolved == [] and "did you mean 'Mark Rutte (NATO)'" in problems[0]


def test_report_help_lists_every_report_with_a_description():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    names = available_reports()
    assert {"briefing", "claims_timeline", "deployment_map"} <= set(names)
    for name in names:
        line = next(row for row in result.output.splitlines() if row.strip().startswith(name + " "))
        assert read_spec(name).description in line


def test_report_name_help_lists_its_parameters_but_not_the_internal_ones():
    result = CliRunner().invoke(main, ["report", "briefing", "--help"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    for p in read_spec("briefing").public():
        assert re.search(rf"^\s+{p.name}\s", result.output, re.M), p.name
        assert " ".join(p.help.split()) in text
    assert '[date; default "2024-10-01"]' in text and "[list of measures; default []]" in text
    assert "since_run" not in result.output
    result = CliRunner().invoke(main, ["report", "claims_timeline", "-h"])
    assert '[one of linear, log; default "linear"]' in " ".join(result.output.split())
    result = CliRunner().invoke(main, ["report", "../x", "--help"])
    assert result.exit_code == 2 and "is a path" in result.output


def test_non_latin_and_unspellable_values_name_distinct_reports():
    spec = read_spec("briefing")
    stems = {spec.stem({"title": title}) for title in ("Привет", "北朝鮮", "Пока", "A/B", "A:B", "A B", "")}
    assert len(stems) == 7
    for stem in stems:
        assert re.fullmatch(r"briefing-[A-Za-z0-9.+_-]+", stem), stem
    assert spec.stem({"title": "Losses"}) == "briefing-title-Losses", "a plain value stays readable"
    assert spec.stem({"claimants": ["A+B"]}) != spec.stem({"claimants": ["A", "B"]})


def test_the_default_ledger_named_explicitly_is_the_default():
    spec = read_spec("briefing")
    for given, cwd in (
        ("data/claims.csv", PROJECT_ROOT),
        (str(PROJECT_ROOT / "data" / "claims.csv"), None),
        ("../data/claims.csv", NOTEBOOKS_DIR),
        ("./data/../data/claims.csv", PROJECT_ROOT),
    ):
        assert spec.check({"ledger": given}, cwd=cwd) == {}
        assert spec.stem(spec.check({"ledger": given}, cwd=cwd)) == "briefing-defaults"


def _probe(folder: Path) -> str:
    """A tiny report that prints the ledger it read and the baseline it was given."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Probe of the baseline"),
        nbformat.v4.new_code_cell(
            "from osint.reporting.types import LedgerPath, RunFolder\n\n"
            'ledger: LedgerPath = "claims.csv"  # claims ledger\n'
            'since_run: RunFolder = ""  # set by the runner',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell("print('ledger', ledger)\nprint('baseline', since_run or 'none')"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "probe.ipynb")
    return "probe"


def test_two_ledgers_of_one_file_name_are_two_reports_with_two_baselines(tmp_path, small_ledger):
    notebooks = tmp_path / "notebooks"
    _probe(notebooks)
    shutil.copy(small_ledger, notebooks / "claims.csv")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(small_ledger, tmp_path / folder / "claims.csv")
    spec = read_spec("probe", notebooks)
    jobs = {folder: Job(spec, spec.check({"ledger": f"{folder}/claims.csv"}, cwd=tmp_path)) for folder in "ab"}
    assert jobs["a"].stem != jobs["b"].stem, "two report names"
    out = tmp_path / "reports"
    with WarmKernel(cwd=notebooks) as kernel:
        first_a = run_job(jobs["a"], out, kernel=kernel)
        first_b = run_job(jobs["b"], out, kernel=kernel)
        second_a = run_job(jobs["a"], out, kernel=kernel)
    assert first_a.ok and first_b.ok and second_a.ok
    assert first_a.html != first_b.html and first_a.html.is_file() and first_b.html.is_file()
    assert sorted(p.name for p in (out / ".locks").glob("probe-*.lock")) == sorted(
        f"{job.stem}.lock" for job in jobs.values()
    ), "two locks"
    by_folder = {m["folder"]: m for m in load_manifests(out)}
    runs = sorted(by_folder, key=lambda f: by_folder[f]["started"])
    assert by_folder[runs[1]]["since_run"] is None, "b is not compared with a"
    assert by_folder[runs[2]]["since_run"] == runs[0], "a's second run is compared with a's first"
    text = second_a.html.read_text(encoding="utf-8")
    assert f"baseline {out / 'runs' / runs[0]}" in text and str(tmp_path / "a" / "claims.csv") in text
    # The notebook's own default, named from elsewhere, is the default report.
    assert spec.check({"ledger": str(notebooks / "claims.csv")}) == {}


def test_a_report_run_prints_only_its_outputs_over_ipc(tmp_path, small_ledger):
    shutil.copy(small_ledger, tmp_path / "mine.csv")
    args = [sys.executable, "-m", "osint.cli", "report", "deployment_map", "-p", "ledger", "mine.csv", "--out", "rel"]
    done = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "without encryption" not in done.stdout + done.stderr and "TCP" not in done.stdout + done.stderr
    assert done.stderr == "", "nothing but the output paths"
    lines = done.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["report", "executed notebook"]
    html = Path(lines[0].split(": ", 1)[1])
    assert html.is_file() and html.parent == tmp_path / "rel", "a relative --out is the caller's folder"
    manifest = load_manifests(tmp_path / "rel")[0]
    assert manifest["parameters"]["ledger"] == str(tmp_path / "mine.csv")


def test_the_kernel_listens_on_private_unix_sockets():
    kernel = WarmKernel()
    try:
        info = kernel.km.get_connection_info()
        assert info["transport"] == "ipc"
        folder = Path(kernel.km.connection_file).parent
        assert folder.stat().st_mode & 0o777 == 0o700
        assert str(info["ip"]).startswith(str(folder))
        kernel.reset(NOTEBOOKS_DIR)
    finally:
        kernel.close()
    assert not folder.exists(), "sockets and connection file are removed with the kernel"


def test_relative_out_keeps_what_changed(tmp_path, small_ledger):
    shutil.copy(small_ledger, tmp_path / "mine.csv")
    notebooks = tmp_path / "notebooks"
    _probe(notebooks)
    shutil.copy(small_ledger, notebooks / "claims.csv")
    spec = read_spec("probe", notebooks)
    job = Job(spec, spec.check({"ledger": "mine.csv"}, cwd=tmp_path))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with WarmKernel(cwd=notebooks) as kernel:
            run_job(job, Path("rel"), kernel=kernel)
            second = run_job(job, Path("rel"), kernel=kernel)
    finally:
        os.chdir(cwd)
    first_folder = sorted((tmp_path / "rel" / "runs").iterdir())[0]
    assert f"baseline {first_folder}" in second.html.read_text(encoding="utf-8")


def test_a_killed_run_is_marked_abandoned_and_its_temp_files_cleaned(tmp_path, small_ledger):
    out = tmp_path / "out"
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
        str(out),
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("runs/*/manifest.json")):
            assert time.monotonic() < deadline and proc.poll() is None, "the run never started"
            time.sleep(0.2)
        folder = next(out.glob("runs/*/manifest.json")).parent
        (folder / ".report.html.x1y2.tmp").write_text("half a report", encoding="utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the runner and its kernel, as an OOM kill or a power cut would
        proc.wait()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "running" and manifest["pid"] == proc.pid
    [seen] = load_manifests(out)
    assert seen["status"] == "abandoned" and f"pid {proc.pid}" in seen["error"]
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["status"] == "abandoned", "on disk too"
    assert not list(folder.glob(".*.tmp")), "the dead run's temporary files are removed"
    write_index(out)
    assert 'class="abandoned"' in (out / "index.html").read_text(encoding="utf-8")
    sockets = [
        d
        for d in Path(tempfile.gettempdir()).glob(f"{RUNTIME_PREFIX}*")
        if (d / "runner.pid").is_file() and (d / "runner.pid").read_text() == str(proc.pid)
    ]
    assert len(sockets) == 1, "the killed runner's kernel sockets were left behind"
    assert sockets[0] in remove_dead_runtime_dirs() and not sockets[0].exists(), (
        "and the next kernel start removes them"
    )


def test_a_live_run_is_not_abandoned_and_fresh_temp_files_are_kept(tmp_path):
    folder = tmp_path / "runs" / "20260101T000000000Z-briefing-defaults"
    folder.mkdir(parents=True)
    live = {"status": "running", "started": "2026-01-01T00:00:00+00:00", "report": "briefing"}
    from osint.reporting.records import this_process

    (folder / "manifest.json").write_text(json.dumps({**live, **this_process()}), encoding="utf-8")
    old, fresh = tmp_path / ".index.html.old.tmp", tmp_path / ".index.html.new.tmp"
    old.write_text("x")
    fresh.write_text("y")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    write_index(tmp_path)
    assert [m["status"] for m in load_manifests(tmp_path)] == ["running"]
    assert not old.exists() and fresh.exists()


def test_schedules_name_reports_inside_notebooks_only(tmp_path):
    schedule = tmp_path / "s.toml"
    schedule.write_text('[[run]]\nreports = ["../notebooks/briefing", "/etc/passwd", "briefing"]\n', encoding="utf-8")
    with pytest.raises(ParameterError) as raised:
        load_schedule(schedule)
    assert "'../notebooks/briefing' is a path" in str(raised.value) and "'/etc/passwd' is a path" in str(raised.value)
    result = CliRunner().invoke(main, ["report", "--schedule", str(schedule), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


def test_an_unwritable_out_is_one_line_and_exit_2(tmp_path, small_ledger):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        main, ["report", "briefing", "-p", "ledger", str(small_ledger), "--out", str(blocker / "reports")]
    )
    assert result.exit_code == 2 and result.output.startswith("error: --out") and len(result.output.splitlines()) == 1


def test_the_review_notebook_does_not_open_a_test_fixture_by_default():
    spec = read_spec("review")
    default = spec.resolve("candidates", spec.parameters["candidates"].default)
    assert "fixtures" not in default.parts and default == PROJECT_ROOT / "data" / "candidates.csv"
    assert "osint extract" in spec.parameters["candidates"].help
    if not default.exists():
        result = _report("review", out=FIXTURES.parent / "nonexistent-out")
        assert result.exit_code == 2 and "osint extract" in result.output


def test_claimants_of_an_unreadable_ledger_are_one_line_not_a_traceback(tmp_path, small_ledger):
    ledger = tmp_path / "claims.csv"
    ledger.write_bytes(small_ledger.read_bytes() + b't-900,2024-10-01,day,,"' + b"x" * 200_000 + b'"\n')  # > csv limit
    result = _report("briefing", "-p", "ledger", str(ledger), "-p", "claimants", "Nobody", out=tmp_path / "out")
    assert result.exit_code == 2 and "cannot read the claimants of the ledger" in result.output
    assert len(result.output.splitlines()) == 1 and not (tmp_path / "out").exists()
