"""How far apart a palette's colours stay for readers with common colour-vision deficiencies.

Measured, not guessed: each colour is passed through the simulation of Machado, Oliveira
and Fernandes (2009) as implemented by ``colorspacious`` (``"sRGB1+CVD"``), then the
distance between every pair is taken in CAM02-UCS (``colorspacious.deltaE``'s space), a
space in which equal distances look about equally different. A palette is only as good as
its closest pair, so :func:`palette_report` gives, per condition, the smallest distance and
the pair that has it.

Conditions (:data:`CONDITIONS`): normal vision; deuteranomaly at severity 50 (the most
common deficiency); protanopia, deuteranopia and tritanopia at full severity (100).

Colours are measured opaque and also as drawn in shaded regions (60 % over the map's land
colour), since the maps shade regions at that opacity.

Example:
    >>> round(min_distance(["#000000", "#ffffff"], "deuteranopia")[0])
    100
"""

from __future__ import annotations

from itertools import combinations
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb

__all__ = ["CONDITIONS", "min_distance", "palette_report", "simulate"]

#: Name -> (colorspacious cvd_type, severity); ``None`` is normal vision.
CONDITIONS: dict[str, tuple[str, int] | None] = {
    "normal": None,
    "deuteranomaly": ("deuteranomaly", 50),
    "protanopia": ("protanomaly", 100),
    "deuteranopia": ("deuteranomaly", 100),
    "tritanopia": ("tritanomaly", 100),
}


def _rgb(colors: Sequence[str], alpha: float = 1.0, background: str = "#ffffff") -> np.ndarray:
    rgb = np.array([to_rgb(c) for c in colors], dtype=float)
    return alpha * rgb + (1.0 - alpha) * np.asarray(to_rgb(background))


def simulate(colors: Sequence[str], condition: str) -> np.ndarray:
    """The colours (any matplotlib colour) as seen with ``condition``: an (n, 3) sRGB array in 0..1.

    >>> simulate(["#ff0000"], "normal").round(2).tolist()
    [[1.0, 0.0, 0.0]]
    """
    from colorspacious import cspace_convert

    rgb = _rgb(colors)
    spec = CONDITIONS[condition]
    if spec is None:
        return rgb
    cvd = {"name": "sRGB1+CVD", "cvd_type": spec[0], "severity": spec[1]}
    return np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0.0, 1.0)


def _ucs(rgb: np.ndarray, condition: str) -> np.ndarray:
    from colorspacious import cspace_convert

    spec = CONDITIONS[condition]
    if spec is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": spec[0], "severity": spec[1]}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0.0, 1.0)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def min_distance(colors: Sequence[str], condition: str, alpha: float = 1.0,
                 background: str = "#ffffff") -> tuple[float, str, str]:
    """Smallest CAM02-UCS distance between two of ``colors`` seen with ``condition``, and that pair.

    ``alpha`` < 1 measures the colours as drawn at that opacity over ``background``.

    >>> d, a, b = min_distance(["#1f77b4", "#2171b5", "#ff7f0e"], "normal")
    >>> d < 3, (a, b)
    (True, ('#1f77b4', '#2171b5'))
    """
    if len(colors) < 2:
        raise ValueError("min_distance needs at least two colours")
    jab = _ucs(_rgb(colors, alpha, background), condition)
    best = (np.inf, "", "")
    for i, j in combinations(range(len(colors)), 2):
        d = float(np.sqrt(((jab[i] - jab[j]) ** 2).sum()))
        if d < best[0]:
            best = (d, colors[i], colors[j])
    return best


def palette_report(palette: Mapping[str, str], alphas: Sequence[float] = (1.0, 0.6),
                   background: str = "#fbfaf6") -> pd.DataFrame:
    """Per condition and opacity: the palette's smallest pairwise distance and the pair of
    names (keys of ``palette``) that has it.

    >>> from osint.style import MEASURE_COLORS
    >>> palette_report(MEASURE_COLORS)["min_delta_e"].min() > 10
    True
    """
    names, colors = list(palette), list(palette.values())
    by_color = dict(zip(colors, names))
    rows = []
    for alpha in alphas:
        for condition in CONDITIONS:
            d, a, b = min_distance(colors, condition, alpha, background)
            rows.append({"condition": condition, "opacity": alpha, "min_delta_e": round(d, 1),
                         "closest": f"{by_color[a]} / {by_color[b]}"})
    return pd.DataFrame(rows)
