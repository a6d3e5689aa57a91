"""The measure palette stays distinguishable under common colour-vision deficiencies.

Measured with the Machado (2009) simulation of colorspacious and CAM02-UCS distances
(osint.colour_vision). The thresholds come from what readers reported: the earlier palette's
three blues, whose closest pair is 12.4 apart in normal vision, were hard to tell apart.
So every condition must keep its closest pair clearly farther apart than that (15) when
opaque, and the 60 % region shades farther apart (11) than the earlier palette's shades in
normal vision (7.8).
"""

from __future__ import annotations

import pytest

from osint.colour_vision import CONDITIONS, min_distance, palette_report, simulate
from osint.style import MEASURE_COLORS, MEASURE_ORDER, measure_color

EARLIER = {"pledged_or_preparing": "#9ecae1", "mustering_in_russia": "#6baed6", "arrived_in_russia": "#2171b5",
           "deployed_to_front": "#fd8d3c", "in_combat": "#d94801", "casualties": "#7f2704", "killed": "#252525",
           "wounded": "#969696", "captured": "#6a51a3", "other": "#bdbdbd"}

OPAQUE_MIN = 15.0
SHADE_MIN = 11.0


@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_measure_colours_stay_apart_for_every_condition(condition):
    colors = [measure_color(m) for m in MEASURE_ORDER]
    d, a, b = min_distance(colors, condition)
    assert d >= OPAQUE_MIN, f"{condition}: {a} and {b} only {d:.1f} apart"
    d, a, b = min_distance(colors, condition, alpha=0.6, background="#fbfaf6")
    assert d >= SHADE_MIN, f"{condition}, region shade: {a} and {b} only {d:.1f} apart"


def test_the_measurement_catches_the_palette_readers_found_hard():
    report = palette_report(EARLIER).set_index(["condition", "opacity"])
    assert report.loc[("deuteranopia", 1.0), "min_delta_e"] < 5
    assert report.loc[("deuteranopia", 1.0), "closest"] == "arrived_in_russia / captured"
    assert report.loc[("normal", 1.0), "min_delta_e"] < OPAQUE_MIN


def test_simulation_changes_red_green_but_not_grey():
    red, grey = simulate(["#d0050c", "#808080"], "deuteranopia")
    assert abs(red[0] - red[1]) < 0.6  # red loses most of its red-green contrast
    assert grey == pytest.approx([128 / 255] * 3, abs=0.02)


def test_every_measure_has_its_own_colour():
    assert len(set(MEASURE_COLORS.values())) == len(MEASURE_ORDER)
