"""The two ways to set up the workbook (pip from pyproject.toml, conda from environment.yml)
must install the same runtime packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert pip_side == conda_side, (
        f"only in pyproject.toml: {sorted(pip_side - conda_side)}; "
        f"only in environment.yml: {sorted(conda_side - pip_side)}"
    )


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_entries = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_entries and any("." == e.split()[-1] for e in pip_entries[0]["pip"])


def test_console_script_points_at_the_cli():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["osint"] == "osint.cli:main"


def _locked() -> dict[str, str]:
    """Package -> version pinned in requirements.lock."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def test_the_lock_pins_every_dependency_in_a_version_pyproject_allows():
    from importlib import metadata

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _locked()
    missing, outside = [], []
    for text in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        requirement = Requirement(text)
        name = _name(requirement.name)
        if name not in pins:
            missing.append(name)
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            outside.append(f"{name}=={pins[name]} (pyproject: {requirement.specifier})")
        for extra in requirement.extras:  # dask[distributed] needs distributed pinned too
            for needed in metadata.requires(requirement.name) or []:
                wanted = Requirement(needed)
                if (
                    wanted.marker is not None
                    and wanted.marker.evaluate({"extra": extra})
                    and not wanted.marker.evaluate({"extra": ""})
                    and _name(wanted.name) not in pins
                ):
                    missing.append(f"{_name(wanted.name)} (for {name}[{extra}])")
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"
    assert not outside, f"pinned outside what pyproject.toml allows (run `make lock`): {outside}"


def test_make_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "LOCK   := requirements.lock" in makefile
    assert "$(STAMP): pyproject.toml $(LOCK)" in makefile, "a new lock file reinstalls the environment"
    assert "pip install --quiet -r $(LOCK)" in makefile and "pip install --quiet --no-deps -e ." in makefile
    header = (ROOT / "requirements.lock").read_text(encoding="utf-8")[:600]
    assert "pip-compile" in header and "--extra=dev" in header and "pyproject.toml" in header
