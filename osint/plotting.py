"""Every public plot of the workbook, in one place, with one shape.

A plot draws the claims it is given (select them first with
:func:`osint.analysis.filter_claims`) and returns what it drew on:

* one panel: ``plot_x(claims, ax=None, **style) -> Axes`` (a new figure when ``ax`` is None);
* several panels: ``plot_x(claims, fig=None, **style) -> Figure`` (a new figure when ``fig``
  is None; a given Figure or SubFigure is drawn into and returned).

Colours, markers, signs and number formats are :mod:`osint.style`'s, so a claimant or a
measure looks the same in every plot.

Example:
    >>> from osint.plotting import PLOTS
    >>> sorted(PLOTS)[:4]
    ['plot_claims_map', 'plot_consensus', 'plot_consensus_panels', 'plot_deployment_map']
"""

from __future__ import annotations

from collections.abc import Callable

from .consensus_plots import plot_consensus, plot_consensus_panels, plot_divergence, plot_relay_network
from .maps import plot_claims_map, plot_deployment_map, plot_small_multiples
from .overview import plot_overview
from .timeline import plot_timeline

__all__ = [
    "PLOTS",
    "plot_claims_map",
    "plot_consensus",
    "plot_consensus_panels",
    "plot_deployment_map",
    "plot_divergence",
    "plot_overview",
    "plot_relay_network",
    "plot_small_multiples",
    "plot_timeline",
]

#: The public plots by name, and the argument each draws into: ``ax`` or ``fig``.
PLOTS: dict[str, tuple[Callable[..., object], str]] = {
    "plot_claims_map": (plot_claims_map, "ax"),
    # the corroboration views draw the frames osint.consensus derives from claims
    "plot_consensus": (plot_consensus, "ax"),
    "plot_consensus_panels": (plot_consensus_panels, "fig"),
    "plot_divergence": (plot_divergence, "ax"),
    "plot_relay_network": (plot_relay_network, "ax"),
    "plot_deployment_map": (plot_deployment_map, "fig"),
    "plot_overview": (plot_overview, "ax"),
    "plot_small_multiples": (plot_small_multiples, "fig"),
    "plot_timeline": (plot_timeline, "fig"),
}
