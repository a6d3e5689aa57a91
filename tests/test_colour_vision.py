"""The measure palette stays distinguishable under common colour-vision deficiencies.

Measured with the Machado (2009) simulation and CIEDE2000 (osint.colour_vision). The
thresholds come from what readers reported: the earlier palette's blues, whose closest pair
is 9.5 ΔE00 apart in normal vision, were hard to tell apart. So every condition must keep
its closest pair clearly farther apart than that (12) when opaque, and the 60 % region
shades farther apart (8) than the earlier palette's shades in normal vision (5.8).
"""

from __future__ import annotations

import pytest

import numpy as np

from osint.colour_vision import CONDITIONS, MACHADO_2009, ciede2000, min_distance, palette_report, simulate
from osint.style import MEASURE_COLORS, MEASURE_ORDER, measure_color

EARLIER = {
    "pledged_or_preparing": "#9ecae1",
    "mustering_in_russia": "#6baed6",
    "arrived_in_russia": "#2171b5",
    "deployed_to_front": "#fd8d3c",
    "in_combat": "#d94801",
    "casualties": "#7f2704",
    "killed": "#252525",
    "wounded": "#969696",
    "captured": "#6a51a3",
    "other": "#bdbdbd",
}

OPAQUE_MIN = 12.0
SHADE_MIN = 8.0


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


@pytest.mark.parametrize(
    "lab1, lab2, expected",
    [  # test data of Sharma, Wu and Dalal (2005)
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
        ((90.8027, -2.0831, 1.441), (91.1528, -1.6435, 0.0447), 1.4441),
    ],
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(np.array([lab1]), np.array([lab2]))[0] == pytest.approx(expected, abs=1e-4)


def test_the_simulation_matrices_keep_white_white():
    for key, matrix in MACHADO_2009.items():
        assert matrix.sum(axis=1) == pytest.approx([1, 1, 1], abs=1e-3), key


def test_simulation_changes_red_green_but_not_grey():
    red, grey = simulate(["#d0050c", "#808080"], "deuteranopia")
    assert abs(red[0] - red[1]) < 0.6  # red loses most of its red-green contrast
    assert grey == pytest.approx([128 / 255] * 3, abs=0.02)


def test_every_measure_has_its_own_colour():
    assert len(set(MEASURE_COLORS.values())) == len(MEASURE_ORDER)
