"""One plotting shape: every public plot takes ``ax`` (or ``fig``), draws into it and returns it.

The plots are found by walking the package, so a new ``plot_*`` function that does not follow
the shape fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import osint  # noqa: E402
from osint.analysis import filter_claims  # noqa: E402
from osint.plotting import PLOTS  # noqa: E402

from conftest import ledger_frame  # noqa: E402


def _public_plots() -> dict[str, object]:
    """Every public ``plot_*`` function defined in the package (extraction has none)."""
    found = {}
    for info in pkgutil.walk_packages(osint.__path__, "osint."):
        if info.name.startswith("osint.extract"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("plot_") and inspect.isfunction(value) and value.__module__ == info.name:
                found[name] = value
    return found


def _claims():
    rows = [
        dict(
            claim_id="p-1",
            statement_date="2024-10-18",
            date_precision="day",
            claimant="Claimant A",
            claimant_type="intelligence",
            stance="asserts",
            measure="arrived_in_russia",
            qualifier="exact",
            figure_low=1500,
            figure_high=1500,
            location="Vladivostok",
            geo_precision="point",
            source_url="https://example.org/a",
            source_outlet="Example Wire",
            reliability="B",
            credibility=2,
        ),
        dict(
            claim_id="p-2",
            statement_date="2024-11-04",
            date_precision="day",
            claimant="Claimant B",
            claimant_type="government",
            stance="asserts",
            measure="in_combat",
            qualifier="up_to",
            figure_high=10000,
            location="Kursk region",
            geo_precision="region",
            source_url="https://example.org/b",
            source_outlet="Example Wire",
            reliability="C",
            credibility=3,
        ),
    ]
    return ledger_frame(rows)


#: What each plot draws: the claims themselves, or a frame the corroboration module derives.
DRAWS = {"plot_consensus": "bands", "plot_consensus_panels": "bands", "plot_divergence": "divergence"}


def _input(name: str, claims):
    """The frame plot ``name`` is given, made from ``claims``."""
    from osint import consensus, families

    with_families = families.attach_families(claims)
    if DRAWS.get(name) == "bands":
        bands = consensus.consensus(with_families)
        # plot_consensus draws one (measure, personnel) series; the panels draw them all
        return bands[bands["measure"] == "in_combat"] if name == "plot_consensus" else bands
    if DRAWS.get(name) == "divergence":
        return consensus.divergence(with_families)
    return with_families if name == "plot_relay_network" else claims


def test_every_public_plot_is_listed_with_its_shape():
    assert set(_public_plots()) == set(PLOTS)
    for name, (function, target) in PLOTS.items():
        parameters = list(inspect.signature(function).parameters.values())
        assert parameters[0].name == DRAWS.get(name, "claims"), name
        drawn_into = inspect.signature(function).parameters[target]
        assert drawn_into.default is None, name
        if name not in DRAWS:
            assert parameters[1].name == target, name
        assert not {"start", "end", "measures", "claimants", "min_reliability"} & {p.name for p in parameters}, (
            f"{name} selects rows: selection is analysis.filter_claims"
        )


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_every_public_plot_returns_what_it_drew_into(name):
    function, target = PLOTS[name]
    claims = _input(name, _claims())
    if target == "ax":
        given = plt.figure(figsize=(10, 6)).add_subplot()
        assert function(claims, **{target: given}) is given
        assert isinstance(function(claims), Axes)
    else:
        host = plt.figure(figsize=(14, 10))
        given = host.subfigures(1, 2)[0]
        assert function(claims, **{target: given}) is given
        assert given.findobj(Axes), f"{name} drew nothing into the subfigure"
        assert not host.subfigs[1].findobj(Axes), f"{name} drew outside the subfigure it was given"
        made = function(claims)
        assert made is not given and made.findobj(Axes)
    plt.close("all")


def test_plots_draw_every_row_they_are_given():
    claims = _claims()
    kept = filter_claims(claims, measures=["in_combat"])
    for name in ("plot_timeline", "plot_overview"):
        function, _ = PLOTS[name]
        drawn = function(kept)
        holder = drawn if hasattr(drawn, "findobj") else drawn.figure
        gids = {a.get_gid() or "" for a in holder.findobj(lambda a: a.get_gid() is not None)}
        if name == "plot_timeline":
            assert "upto:p-2" in gids and "point:p-1" not in gids
    plt.close("all")
