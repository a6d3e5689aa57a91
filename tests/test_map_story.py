"""What the maps tell a reader: kinds of people kept apart, panels only where something is
placed, labels that never cover each other, marks that link to their claims, and, on the
real ledger, the move from the Russian Far East (October 2024) to Kursk (November 2024).

Rows built here are invented for the tests; the last part reads the shipped ledger.
"""

from __future__ import annotations

import functools
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import shapely  # noqa: E402
from matplotlib.offsetbox import AnnotationBbox  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from pyproj import Transformer  # noqa: E402

from conftest import ledger_frame, map_row  # noqa: E402
from osint import load_claims, maps  # noqa: E402
from osint.paths import DATA_DIR  # noqa: E402
from osint.places import resolve_place  # noqa: E402
from osint.places.gazetteer import default_gazetteer  # noqa: E402
from osint.places.gazetteer import ResolvedPlace  # noqa: E402
from osint.style import personnel_marker  # noqa: E402

row = functools.partial(map_row, prefix="s")


def tagged(holder) -> dict:
    return {a.get_gid(): a for a in holder.findobj(lambda a: a.get_gid() is not None)}


def texts(holder) -> str:
    return "\n".join(t.get_text() for t in holder.findobj(Text))


def degrees(ax, x, y):
    inverse = Transformer.from_crs(maps.map_extent(ax).crs, "EPSG:4326", always_xy=True)
    return inverse.transform(x, y)


def label_boxes(fig) -> list[tuple[str, object]]:
    """Real display boxes of every label on a drawn figure (place boxes, country notes, towns)."""
    if not hasattr(fig.canvas, "get_renderer"):  # a figure closed in pyplot: give it back a canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for a in fig.findobj(lambda a: (a.get_gid() or "").split(":")[0] in ("label", "countrynote", "reftext")):
        ext = a.patch.get_window_extent(renderer) if isinstance(a, AnnotationBbox) else a.get_window_extent(renderer)
        out.append((f"{a.axes.get_gid()} {a.get_gid()}", ext))
    return out


def overlaps(boxes) -> list[tuple[str, str]]:
    bad = []
    for (g1, a), (g2, b) in itertools.combinations(boxes, 2):
        if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5:
            bad.append((g1, g2))
    return bad


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# --- kinds of people ------------------------------------------------------------------------------


def test_builders_and_deminers_have_their_own_marks_and_are_named_never_summed_with_troops():
    frame = ledger_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=3000, personnel="combat_troops"),
            row(location="Vladivostok", geo_precision="point", figure_low=5000, personnel="military_builders"),
            row(location="Vladivostok", geo_precision="point", figure_low=1000, personnel="deminers"),
        ]
    )
    troops, builders, deminers = frame["claim_id"]
    ax = maps.plot_claims_map(frame, extent="far_east")
    marks = tagged(ax)
    paths = {cid: marks[f"point:{cid}"].get_paths()[0] for cid in (troops, builders, deminers)}
    # three different shapes: circle, square, diamond
    assert (
        len({len(p.vertices) for p in paths.values()}) == 3
        or len({tuple(np.round(p.vertices[:4].ravel(), 2)) for p in paths.values()}) == 3
    )
    assert personnel_marker("military_builders") != personnel_marker("combat_troops") != personnel_marker("deminers")
    label = texts(marks["label:Vladivostok"])
    assert "military builders: 5,000" in label and "deminers: 1,000" in label
    assert "arrived in Russia: 3,000" in label
    assert "9,000" not in label and "1,000–5,000" not in label and "3,000–5,000" not in label  # never joined
    who = [t.get_text() for t in marks["legend:who"].get_texts()]
    assert who == ["combat troops", "military builders", "deminers"]


def test_builders_in_a_region_are_hatched_and_troops_are_not():
    frame = ledger_frame(
        [
            row(
                location="Kursk region",
                geo_precision="region",
                figure_low=5000,
                personnel="military_builders",
                measure="pledged_or_preparing",
            ),
            row(location="Kursk region", geo_precision="region", figure_low=11000, measure="deployed_to_front"),
        ]
    )
    builders, troops = frame["claim_id"]
    marks = tagged(maps.plot_claims_map(frame, extent="front"))
    assert marks[f"region:{builders}"].get_hatch() == "++"
    assert not marks[f"region:{troops}"].get_hatch()


# --- panels and keys ------------------------------------------------------------------------------


def test_small_multiples_show_the_far_east_only_in_the_months_that_place_something_there():
    frame = ledger_frame(
        [
            row(location="Vladivostok", geo_precision="point", statement_date="2024-10-18", figure_low=1500),
            row(
                location="Kursk region",
                geo_precision="region",
                statement_date="2024-11-04",
                measure="deployed_to_front",
            ),
            row(location="Russia", geo_precision="country", statement_date="2024-12-04"),
        ]
    )
    fig = maps.plot_small_multiples(frame, period="M")
    cells = {sf.get_gid(): sf for sf in fig.findobj(lambda a: (a.get_gid() or "").startswith("period:"))}
    views = {gid: {ax.get_gid() for ax in cell.axes} for gid, cell in cells.items()}
    assert views["period:Oct 2024"] == {"map:far_east"}
    assert views["period:Nov 2024"] == {"map:front"}
    assert views["period:Dec 2024"] == set()
    assert "nothing placed" in texts(cells["period:Dec 2024"])
    place = [t.get_text() for t in tagged(fig)["legend:place"].get_texts()]
    assert "near a town (halo of 50 km)" not in place and "movement (origin → place)" not in place


def test_every_drawn_claim_mark_carries_its_claim_id():
    frame = ledger_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500, origin="Wonsan"),
            row(location="near Ussuriysk", geo_precision="near"),
            row(location="Primorsky Krai", geo_precision="region"),
        ]
    )
    fig = maps.plot_deployment_map(frame)
    gids = set(tagged(fig))
    point, near, region = frame["claim_id"]
    assert {f"point:{point}", f"arrow:{point}", f"near:{near}", f"region:{region}"} <= gids
    for gid in gids:  # claim marks are <kind>:<claim_id>, nothing else uses a claim id
        kind, _, rest = gid.partition(":")
        if rest in set(frame["claim_id"]):
            assert kind in {"point", "near", "nearedge", "region", "arrow", "origin"}, gid


# --- labels ---------------------------------------------------------------------------------------


def test_labels_of_close_towns_do_not_overlap():
    frame = ledger_frame(
        [
            row(location="Pyongyang", geo_precision="point", figure_low=20, measure="other"),
            row(location="Wonsan", geo_precision="point", figure_low=3000, measure="pledged_or_preparing"),
            row(location="Vladivostok", geo_precision="point", figure_low=1500),
            row(location="Ussuriysk", geo_precision="point", figure_low=400, measure="mustering_in_russia"),
        ]
    )
    fig = maps.plot_deployment_map(frame)
    boxes = label_boxes(fig)
    assert sum(1 for g, _ in boxes if "label:" in g) >= 6  # overview names and zoom boxes
    assert overlaps(boxes) == []


def test_reference_names_give_way_to_claim_labels():
    frame = ledger_frame(
        [row(location="Rostov Oblast", geo_precision="region", figure_low=1000, personnel="military_builders")]
    )
    fig = maps.plot_deployment_map(frame, extent="front")
    assert overlaps(label_boxes(fig)) == []
    shown = set(tagged(fig))
    for gid in [g for g in shown if g.startswith("ref:")]:  # a town's dot stays only with its name
        assert gid.replace("ref:", "reftext:") in shown


# --- movements ------------------------------------------------------------------------------------


def test_an_arrow_from_a_country_leaves_its_border_and_none_points_into_a_whole_country():
    frame = ledger_frame(
        [
            row(location="Kursk region", geo_precision="region", origin="North Korea", measure="deployed_to_front"),
            row(location="Russia", geo_precision="country", origin="North Korea"),
        ]
    )
    to_kursk, to_russia = frame["claim_id"]
    fig = maps.plot_deployment_map(frame)
    main = next(ax for ax in fig.axes if ax.get_gid() == "map:region")
    marks = tagged(main)
    assert f"arrow:{to_russia}" not in marks
    arrow = marks[f"arrow:{to_kursk}"]
    assert isinstance(arrow, FancyArrowPatch)
    ((x0, y0),) = marks[f"origin:{to_kursk}"].get_offsets()
    lon, lat = degrees(main, x0, y0)
    korea = default_gazetteer().polygon(
        ResolvedPlace("KP", True, kind="country", country="KP", geo_precision="country")
    )
    assert korea.boundary.distance(shapely.Point(lon, lat)) < 0.2  # on North Korea's border
    kp = resolve_place("North Korea")
    assert (lon, lat) != pytest.approx((kp.lon, kp.lat))  # not the country's middle
    assert "originarea:country:KP" in marks


# --- the real ledger ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ledger():
    claims = load_claims(DATA_DIR / "claims.csv")
    return claims, maps.place_claims(claims)


@pytest.fixture(scope="module")
def ledger_map(ledger):
    claims, placed = ledger
    fig = maps.plot_deployment_map(claims, placed=placed)
    plt.close(fig)  # out of pyplot's hands (the Figure stays drawable), so tests can share it
    return fig


def _shown(claims: pd.DataFrame) -> pd.Series:
    return claims["stance"].eq("asserts") & claims["repeats"].isna()


def test_october_2024_arrivals_sit_in_the_russian_far_east(ledger):
    claims, placed = ledger
    far_east = maps.get_extent("far_east")
    october = (
        _shown(claims)
        & claims["statement_date"].dt.to_period("M").eq(pd.Period("2024-10", "M"))
        & claims["measure"].isin(["arrived_in_russia", "mustering_in_russia"])
    )
    rows = placed[october & placed["status"].eq("placed") & placed["drawn_as"].isin(["point", "near", "region"])]
    assert len(rows) >= 6
    towns = {}
    for r in rows.itertuples():
        assert (
            far_east.lon_min <= r.lon <= far_east.lon_max and far_east.lat_min - 12 <= r.lat <= far_east.lat_max + 12
        ), (r.claim_id, r.place)
        if r.drawn_as == "point":
            assert far_east.lat_min <= r.lat <= far_east.lat_max, (r.claim_id, r.place)
            towns[r.place] = (r.lon, r.lat)
    assert {"Vladivostok", "Ussuriysk", "Khabarovsk"} <= set(towns)
    for name, (lon, lat) in towns.items():
        place = resolve_place(name)
        assert (lon, lat) == pytest.approx((place.lon, place.lat))


def test_november_2024_claims_sit_in_kursk_region(ledger):
    claims, placed = ledger
    november = _shown(claims) & claims["statement_date"].dt.to_period("M").eq(pd.Period("2024-11", "M"))
    rows = placed[november & placed["status"].eq("placed") & placed["drawn_as"].isin(["point", "near", "region"])]
    assert len(rows) >= 8
    kursk = default_gazetteer().polygon(resolve_place("Kursk Oblast"))
    for r in rows.itertuples():
        assert kursk.buffer(0.05).contains(shapely.Point(r.lon, r.lat)), (r.claim_id, r.place)
        assert r.shape == "region:RU-kursk", (r.claim_id, r.shape)


def test_movements_with_a_named_origin_are_drawn_as_arrows(ledger, ledger_map):
    claims, placed = ledger
    marks = tagged(ledger_map)
    moved = placed[
        _shown(claims) & placed["origin_lon"].notna() & placed["status"].eq("placed") & placed["drawn_as"].ne("country")
    ]
    assert len(moved) >= 10
    for cid in moved["claim_id"]:
        assert f"arrow:{cid}" in marks, cid
    # the October 2024 moves: from North Korea and Wonsan to Vladivostok, from the Far East to Kursk
    october = moved[claims.loc[moved.index, "statement_date"].dt.to_period("M").eq(pd.Period("2024-10", "M"))]
    assert {"Vladivostok", "Kursk region"} <= set(october["place"])
    assert {"North Korea", "Wŏnsan"} <= set(october["origin_place"])


def test_the_real_map_has_no_overlapping_labels(ledger_map):
    boxes = label_boxes(ledger_map)
    assert len(boxes) >= 15
    assert overlaps(boxes) == []


def test_monthly_multiples_of_the_real_ledger_show_the_move(ledger):
    from osint.analysis import filter_claims

    claims, placed = ledger
    autumn = filter_claims(claims, start="2024-10-01", end="2024-11-30")
    fig = maps.plot_small_multiples(autumn, period="M", placed=placed)
    cells = {sf.get_gid(): sf for sf in fig.findobj(lambda a: (a.get_gid() or "").startswith("period:"))}
    october = tagged(cells["period:Oct 2024"])
    november = tagged(cells["period:Nov 2024"])
    assert {"label:Vladivostok", "label:Ussuriysk", "label:Khabarovsk"} <= set(october)
    assert "map:far_east" not in {ax.get_gid() for ax in cells["period:Nov 2024"].axes}
    assert "label:Kursk region" in november
    assert overlaps(label_boxes(fig)) == []
