"""How much a report run costs over the same notebook code run as a plain Python script.

Measures, as wall time (median of --repeat runs, each in fresh processes):
  single  one `osint report briefing ...` against one plain script of the same code;
  batch   eight reports by `osint report --schedule` on two workers against the same
          eight scripts run two at a time.
The plain scripts are the parameterized notebooks exported by nbconvert's PythonExporter
and run with the Agg backend; they compute everything the report does but render no HTML.

Run:  .venv/bin/python benchmarks/bench_reports.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OSINT = [sys.executable, "-m", "osint.cli"]

#: Eight distinct briefings: different windows, measures and claimants.
PARAMETER_SETS: list[dict[str, object]] = [
    {},
    {"start": "2024-10-01", "end": "2024-10-31"},
    {"start": "2024-11-01", "end": "2024-12-31"},
    {"start": "2025-01-01", "end": "2025-06-30"},
    {"measures": ["killed", "wounded", "casualties", "captured"]},
    {"measures": ["arrived_in_russia", "mustering_in_russia"]},
    {"claimants": ["National Intelligence Service (South Korea)"]},
    {"start": "", "title": "All claims"},
]


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace('"', '\\"') + '"'


def write_schedule(path: Path) -> Path:
    sets = ",\n  ".join("{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in s.items()) + "}" for s in PARAMETER_SETS)
    path.write_text(f'[[run]]\nreports = ["briefing"]\nparameters = [\n  {sets},\n]\n', encoding="utf-8")
    return path


def write_scripts(folder: Path) -> list[Path]:
    """The briefing's code with each parameter set injected, as plain Python scripts."""
    from nbconvert import PythonExporter
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    scripts = []
    for number, parameters in enumerate(PARAMETER_SETS):
        nb = load_notebook_node(str(ROOT / "notebooks" / "briefing.ipynb"))
        nb = parameterize_notebook(nb, dict(parameters), report_mode=False)
        code, _ = PythonExporter().from_notebook_node(nb)
        path = folder / f"briefing_{number}.py"
        path.write_text(code.replace("get_ipython()", "None"), encoding="utf-8")
        scripts.append(path)
    return scripts


def wall(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(cmd: list[str], cwd: Path) -> None:
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")


def run_two_at_a_time(commands: list[list[str]], cwd: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda c: run(c, cwd), commands))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    notebooks = ROOT / "notebooks"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        scripts = write_scripts(tmp)
        schedule = write_schedule(tmp / "schedule.toml")
        figures: dict[str, list[float]] = {
            k: [] for k in ("single_script", "single_report", "batch_scripts", "batch_reports")
        }
        for i in range(args.repeat):
            out = tmp / f"out{i}"
            figures["single_script"].append(wall(lambda: run([sys.executable, str(scripts[1])], notebooks)))
            figures["single_report"].append(
                wall(
                    lambda out=out: run(
                        OSINT
                        + [
                            "report",
                            "briefing",
                            "-p",
                            "start",
                            "2024-10-01",
                            "-p",
                            "end",
                            "2024-10-31",
                            "--out",
                            str(out / "single"),
                        ],
                        notebooks,
                    )
                )
            )
            figures["batch_scripts"].append(
                wall(lambda: run_two_at_a_time([[sys.executable, str(s)] for s in scripts], notebooks))
            )
            figures["batch_reports"].append(
                wall(
                    lambda out=out: run(
                        OSINT
                        + [
                            "report",
                            "--schedule",
                            str(schedule),
                            "--jobs",
                            "2",
                            "--no-progress",
                            "--out",
                            str(out / "batch"),
                        ],
                        notebooks,
                    )
                )
            )
    median = {k: statistics.median(v) for k, v in figures.items()}
    print(f"cores: {os.cpu_count()}, runs: {args.repeat} (median wall time, seconds)")
    for key, values in figures.items():
        print(f"  {key:14} {median[key]:6.2f}   all: {', '.join(f'{v:.2f}' for v in values)}")
    print(f"single report / script: {median['single_report'] / median['single_script']:.2f} (goal <= 2)")
    print(
        f"batch of {len(PARAMETER_SETS)} reports / scripts: {median['batch_reports'] / median['batch_scripts']:.2f} (goal <= 1.5)"
    )
    print("command: .venv/bin/python benchmarks/bench_reports.py --repeat", args.repeat)


if __name__ == "__main__":
    main()
