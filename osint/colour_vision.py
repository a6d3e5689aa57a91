"""How far apart a palette's colours stay for readers with common colour-vision deficiencies.

Measured, not guessed. Each colour is passed through the simulation of Machado, Oliveira
and Fernandes (2009, "A physiologically-based model for simulation of color vision
deficiency", IEEE TVCG 15(6)): a 3x3 matrix applied to linear sRGB, one per deficiency and
severity (:data:`MACHADO_2009`, the values of the paper's supplementary tables). The
distance between every pair of simulated colours is then CIEDE2000 (ΔE00, CIE 142-2001)
in CIELAB under D65, the colour-difference formula made for judging how different two
colours look. A palette is only as good as its closest pair, so :func:`palette_report`
gives, per condition, the smallest distance and the pair that has it.

Conditions (:data:`CONDITIONS`): normal vision; deuteranomaly at severity 0.5 (the most
common deficiency); protanopia, deuteranopia and tritanopia at full severity (1.0).
Colours are measured opaque and as drawn in shaded regions (60 % over the map's land
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

__all__ = ["CONDITIONS", "MACHADO_2009", "ciede2000", "min_distance", "palette_report", "simulate"]

#: Simulation matrices of Machado et al. (2009) for linear sRGB, by (deficiency, severity).
MACHADO_2009: dict[tuple[str, float], np.ndarray] = {
    ("protan", 1.0): np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    ("deutan", 1.0): np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    ("tritan", 1.0): np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
    ("deutan", 0.5): np.array(
        [[0.547494, 0.607765, -0.155259], [0.181692, 0.781742, 0.036566], [-0.010410, 0.027275, 0.983136]]
    ),
}

#: Name -> key of :data:`MACHADO_2009`; ``None`` is normal vision.
CONDITIONS: dict[str, tuple[str, float] | None] = {
    "normal": None,
    "deuteranomaly": ("deutan", 0.5),
    "protanopia": ("protan", 1.0),
    "deuteranopia": ("deutan", 1.0),
    "tritanopia": ("tritan", 1.0),
}

_SRGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_D65 = np.array([0.95047, 1.0, 1.08883])


def _rgb(colors: Sequence[str], alpha: float = 1.0, background: str = "#ffffff") -> np.ndarray:
    rgb = np.array([to_rgb(c) for c in colors], dtype=float)
    return alpha * rgb + (1.0 - alpha) * np.asarray(to_rgb(background))


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _encoded(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0.0, 1.0)
    return np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1 / 2.4) - 0.055)


def simulate(colors: Sequence[str], condition: str) -> np.ndarray:
    """The colours (any matplotlib colour) as seen with ``condition``: an (n, 3) sRGB array in 0..1.

    >>> simulate(["#ff0000"], "normal").round(2).tolist()
    [[1.0, 0.0, 0.0]]
    >>> simulate(["#808080"], "protanopia").round(2).tolist()  # greys stay grey
    [[0.5, 0.5, 0.5]]
    """
    rgb = _rgb(colors)
    key = CONDITIONS[condition]
    if key is None:
        return rgb
    return _encoded(_linear(rgb) @ MACHADO_2009[key].T)


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = (_linear(rgb) @ _SRGB_TO_XYZ.T) / _D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference between CIELAB colours (rows), with kL = kC = kH = 1.

    Checked against the test data of Sharma, Wu and Dalal (2005):

    >>> round(float(ciede2000(np.array([[50, 2.6772, -79.7751]]), np.array([[50, 0, -82.7485]]))[0]), 4)
    2.0425
    """
    L1, a1, b1 = np.asarray(lab1, float).T
    L2, a2, b2 = np.asarray(lab2, float).T
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dl, dc = L2 - L1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0.0, dh)
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_bar, cp_bar = (L1 + L2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_bar = np.where(np.abs(h1p - h2p) > 180, np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2), h_sum / 2)
    h_bar = np.where(c1p * c2p == 0, h_sum, h_bar)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = (
        -2 * np.sqrt(cp_bar**7 / (cp_bar**7 + 25.0**7)) * np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return np.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h))


def min_distance(
    colors: Sequence[str], condition: str, alpha: float = 1.0, background: str = "#ffffff"
) -> tuple[float, str, str]:
    """Smallest ΔE00 between two of ``colors`` seen with ``condition``, and that pair.

    ``alpha`` < 1 measures the colours as drawn at that opacity over ``background``.

    >>> d, a, b = min_distance(["#1f77b4", "#2171b5", "#ff7f0e"], "normal")
    >>> d < 3, (a, b)
    (True, ('#1f77b4', '#2171b5'))
    """
    if len(colors) < 2:
        raise ValueError("min_distance needs at least two colours")
    rgb = _rgb(colors, alpha, background)
    key = CONDITIONS[condition]
    if key is not None:
        rgb = _encoded(_linear(rgb) @ MACHADO_2009[key].T)
    lab = _lab(rgb)
    pairs = list(combinations(range(len(colors)), 2))
    d = ciede2000(lab[[i for i, _ in pairs]], lab[[j for _, j in pairs]])
    k = int(np.argmin(d))
    return float(d[k]), colors[pairs[k][0]], colors[pairs[k][1]]


def palette_report(
    palette: Mapping[str, str], alphas: Sequence[float] = (1.0, 0.6), background: str = "#fbfaf6"
) -> pd.DataFrame:
    """Per condition and opacity: the palette's smallest pairwise ΔE00 and the pair of
    names (keys of ``palette``) that has it.

    >>> from osint.style import MEASURE_COLORS
    >>> bool(palette_report(MEASURE_COLORS)["min_delta_e"].min() > 8)
    True
    """
    names, colors = list(palette), list(palette.values())
    by_color = dict(zip(colors, names))
    rows = []
    for alpha in alphas:
        for condition in CONDITIONS:
            d, a, b = min_distance(colors, condition, alpha, background)
            rows.append(
                {
                    "condition": condition,
                    "opacity": alpha,
                    "min_delta_e": round(d, 1),
                    "closest": f"{by_color[a]} / {by_color[b]}",
                }
            )
    return pd.DataFrame(rows)
