"""Maps of where claims place the troops, drawn offline on the project's basemap.

Each claim is drawn no more precisely than its source put it. The precision drawn is the
coarser of the ledger's ``geo_precision`` and what the gazetteer could resolve
(:func:`osint.places.place_claims`), so "eastern Ukraine" (no boundary in the basemap) is drawn as Ukraine,
and a town written with precision ``region`` is drawn as its region.

How a claim is drawn
    point     a mark at the town, its area proportional to the figure (the upper bound when
              both are given), coloured by measure; a hollow mark when no figure was stated.
              Its shape says who is counted (:data:`osint.style.PERSONNEL_MARKERS`): a
              circle for combat troops, a square for military builders, a diamond for
              deminers...; builders, deminers and labourers are also hatched in regions and
              halos, and every label names the kind: kinds are never summed or ranged together
    near      a dashed halo of :data:`NEAR_RADIUS_KM` around the town (never a dot)
    region    the region's polygon from the gazetteer, shaded in the measure's colour; claims
              naming the same region share it in fine diagonal stripes, one set per claim,
              so each measure shows in proportion to its claims without tying it to a side
    country   no mark inside the country: its border is redrawn dashed and the claims are
              listed in the notes beside the map (a dot at a country's middle would be false)
    movement  an arrow from ``origin`` to ``location`` when the ledger gives an origin and the
              place is finer than a whole country; an origin named as a region or country
              is outlined (dotted) and the arrow leaves it at the point of its outline
              nearest the place
    label     one box per place: the place, then one line per measure (figure, claimant, date;
              or the count, figure range and months when several claims share a measure),
              placed off the other labels and the claimed shapes, with a leader line

Panels: a zoom (the front, the Far East) is drawn only when something is placed in it
(:func:`~osint.maps.drawing.placed_in_view`), in the overview and in every small multiple;
the legend keys only the marks drawn. Labels are placed on their real boxes after layout:
no two overlap where any candidate spot avoids it, a crowded label is cut to the lines
that fit (the rest stays in the placement table), and reference town names give way.

Only claims with stance ``asserts`` are mapped by default (a "cannot confirm" places no one)
and repeats of another row are left out (they are not a second sighting); the notes say how
many rows were left out and list every place that could not be resolved, with the reason.
Nothing is ever put at 0,0.

Borders follow data/geo/GEODATA.md: internationally recognised, Crimea and Sevastopol part of
Ukraine, hatched as occupied; :data:`BORDER_POLICY` is printed on every map with
:data:`osint.style.GEO_CREDITS`. Everything is read from ``data/geo/basemap.gpkg`` and the
gazetteer; nothing is fetched.

Projections: the overview uses an Albers equal-area projection fitted to Russia's span,
the zoomed panels a Lambert conformal conic fitted to each area (:data:`EXTENTS`). The
basemap is reprojected once per projection and kept in memory. :func:`map_extent` gives the
:class:`Extent` (and so the CRS) an axes was drawn in.

Artist ids (``artist.get_gid()``), for tests, post-editing and links: every mark of a claim
has a gid ``<kind>:<claim_id>`` (point, near, nearedge, region, arrow, origin), so an SVG
of the map can link it to the claim's source
    ``point:<claim_id>``      circle of a point claim (PathCollection; offsets in map metres)
    ``near:<claim_id>``       halo of a near claim (Circle; ``nearedge:<claim_id>`` its dashed rim)
    ``region:<claim_id>``     shading of a region claim (PathPatch)
    ``regionedge:<key>``      outline of a claimed region (PathPatch), key e.g. ``region:RU-kursk``
    ``countryclaim:<ISO2>``   dashed border of a country with country-level claims (PathPatch);
                              ``countrynote:<ISO2>`` the count written inside it
    ``arrow:<claim_id>``      movement origin -> location (FancyArrowPatch)
    ``origin:<claim_id>``     the origin end of a movement (PathCollection)
    ``originarea:<key>``      outline of an origin named as a region or country (PathPatch)
    ``label:<key>``           label box of a place (AnnotationBbox)
    ``ref:<name>``            reference town, not a claim (PathCollection; ``reftext:<name>``)
    ``country:<ISO2>``        a focus country's fill (PathPatch); ``countries:other``, ``borders``,
                              ``admin1``; ``crimea:occupied`` (hatched PathPatch in Ukraine's fill)
    ``locator:<extent>``      frame of a zoomed panel on the overview
    ``note:unplaced``         box listing country-level, unresolved and left-out claims
    ``note:empty``            "no claim ... names a town or region in this view" on such a panel
    ``legend:measure``, ``legend:figure``, ``legend:who``, ``legend:place``   the keys
    ``note:nothing``          a small-multiple period with nothing placed in any view
    ``credits``               border policy and credits
    Map axes carry ``map:<extent>``; each small-multiple panel is a SubFigure ``period:<label>``.

Example:
    >>> from osint import load_claims                                   # doctest: +SKIP
    >>> claims = load_claims("data/claims.csv")                         # doctest: +SKIP
    >>> fig = plot_deployment_map(claims, title="Where the claims place the troops")  # doctest: +SKIP
    >>> save_map(fig, "reports/figures/deployment_map.png", claims)       # doctest: +SKIP

Command line (saves the map, a CSV of how each claim was placed, and optionally the small
multiples)::

    osint map data/claims.csv --out reports/figures/deployment_map.png

Modules: :mod:`~osint.maps.extents` (views and projections), :mod:`~osint.maps.basemap`
(the offline basemap), :mod:`~osint.maps.labels` (label boxes and their placement),
:mod:`~osint.maps.drawing` (the claims on one axes), :mod:`~osint.maps.legend` (keys, notes,
credits), :mod:`~osint.maps.plots` (the public plots), :mod:`~osint.maps.export` (table, PNG
and CSV). Placement itself is :mod:`osint.places.placement`.
"""

from __future__ import annotations

from ..places.placement import PLACEMENT_COLUMNS, place_claims, unplaced_claims
from .drawing import FULL_SIZE_FIGURE, MAX_MARKER_AREA, MIN_MARKER_AREA, NEAR_RADIUS_KM, NO_FIGURE_AREA, figure_area
from .export import placement_table, save_map
from .extents import EXTENTS, Extent, get_extent, map_extent
from .legend import BORDER_POLICY
from .plots import plot_claims_map, plot_deployment_map, plot_small_multiples

__all__ = [
    "BORDER_POLICY",
    "EXTENTS",
    "Extent",
    "FULL_SIZE_FIGURE",
    "MAX_MARKER_AREA",
    "MIN_MARKER_AREA",
    "NEAR_RADIUS_KM",
    "NO_FIGURE_AREA",
    "PLACEMENT_COLUMNS",
    "figure_area",
    "get_extent",
    "map_extent",
    "place_claims",
    "placement_table",
    "plot_claims_map",
    "plot_deployment_map",
    "plot_small_multiples",
    "save_map",
    "unplaced_claims",
]
