"""Timelines of troop-figure claims: who said how many, when, and how sure.

:func:`plot_timeline` draws the claims it is given against their statement date, one lane (panel) per
group of measures, with a colour per claimant (:func:`osint.style.claimant_color`) and a
marker shape per claimant type. Statements without a figure (cannot confirm, denies,
asserts with no number) sit in a rug lane below, on the same date axis.

How a claim is drawn
    exact               filled marker
    about               half-filled marker
    range               vertical bar from low to high with a marker at each end
    up_to / fewer_than  marker at the ceiling and a stroke that fades out downward: no floor
    at_least/more_than  marker at the floor and a stroke that fades out upward: no ceiling
    week / month        a translucent band over the 7 days from statement_date, or over the
                        calendar month; the marker sits in its middle, not on a false day
    repeat              hollow marker joined to the row it repeats by a dotted line; repeats
                        never count as corroboration (no envelope, join line or label)
    series              one claimant's figures of one measure and one kind of people
                        (``personnel``): combat troops, special forces, military builders,
                        ... are separate series, never joined, banded or compared together
    join line           thin line through the successive figures of one series (solid for
                        a lane's first measure, dashed for its second)
    envelope            shaded step band per measure and kind of people: lowest and highest
                        of the latest claim of each distinct claimant (a bound counts as
                        its stated figure)
    label               short claimant name (``short`` in data/claimants.csv, else the full
                        name, never cut) and figure, for the first and last figure of each
                        series and every change of figure; placed beside the mark where no
                        label or mark is covered, else in the right margin with its date
                        (a crowded lane grows first)
    no-figure lane      statements without a figure, one row per stance; marks said on
                        the same days are dodged onto sub-rows, each labelled
    detail window       ``detail=(start, end)`` shades the busiest weeks
                        (:func:`busiest_window`), drawn again in a detail timeline; labels
                        inside it are drawn only where they fit beside their mark

A lane with more than ``max_marks`` figure rows (default 400) is drawn aggregated: one
min-max bar per claimant per day, week or month, a note in the lane title and under the
figure, and margin labels for the eight busiest claimants with their claim counts. Every
row stays in the exported CSV.

Artist ids (``artist.get_gid()``), for tests and for post-editing a figure
    ``point:<id>``    marker of an exact or about claim (Line2D)
    ``range:<id>``    bar of a range claim (Line2D, two vertices low..high)
    ``upto:<id>``     marker of an up_to / fewer_than claim (Line2D at figure_high)
    ``atleast:<id>``  marker of an at_least / more_than claim (Line2D at figure_low)
    ``fade:<id>``     open end of a bound (LineCollection anchored at the marker, drawn
                      in points; the segments' alpha falls to near zero)
    ``extent:<id>``   week/month extent (Line2D, or Rectangle for a range)
    ``repeat:<id>``   dotted link from repeat row ``<id>`` to the row it repeats (Line2D)
    ``rug:<id>``      mark of a statement without a plotted figure in the rug lane
    ``label:<id>``    label naming claim ``<id>`` (Text or Annotation)
    ``join:<measure>:<personnel>:<claimant>``, ``envelope:<measure>:<personnel>``,
    ``aggregate:<lane key>``, ``rugcount:<stance>``, ``detail-window``, ``event:<n>``,
    ``leaders``, ``credits``; a lane's title is ``title:<lane key>``, or
    ``note:aggregated`` when the lane is aggregated.
    Lane axes carry ``lane:<key>`` (see :data:`LANE_GROUPS`) and ``lane:rug``.

Selection is :func:`osint.analysis.filter_claims` (re-exported here): the timeline draws every
row it is given, and its subtitle describes the selection the filter recorded.

Modules: :mod:`~osint.timeline.lanes` (lanes and per-claim quantities),
:mod:`~osint.timeline.axes` (layout), :mod:`~osint.timeline.placing` and
:mod:`~osint.timeline.layout` (where labels go), :mod:`~osint.timeline.marks` (the marks),
:mod:`~osint.timeline.legend` (key, events, subtitle), :mod:`~osint.timeline.plot`
(:func:`plot_timeline`), :mod:`~osint.timeline.export` (:func:`save_timeline`). Colours,
markers, signs and number formats come from :mod:`osint.style`.

Example:
    >>> from osint import load_claims                                  # doctest: +SKIP
    >>> rows = filter_claims(load_claims("data/claims.csv"), start="2024-10-01")  # doctest: +SKIP
    >>> fig = plot_timeline(rows, events=[("2024-10-23", "US: troops in Russia")])  # doctest: +SKIP
    >>> save_timeline(fig, rows, "reports/figures", "timeline")        # doctest: +SKIP
"""

from __future__ import annotations

from ..analysis import filter_claims
from ..style import figure_label
from .export import save_timeline
from .lanes import LANE_GROUPS, Lane, lanes_for
from .plot import busiest_window, lane_axes, plot_timeline

__all__ = [
    "LANE_GROUPS",
    "busiest_window",
    "Lane",
    "figure_label",
    "filter_claims",
    "lane_axes",
    "lanes_for",
    "plot_timeline",
    "save_timeline",
]
