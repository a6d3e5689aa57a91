"""Maps of claims: each claim is drawn where, and as precisely as, its source put it.

The tests read the drawn artists through their gids (see osint.maps's docstring) and turn
map coordinates back into degrees with the axes' own projection (osint.maps.map_extent).
All rows below are invented for the tests; none is a fact.
"""

from __future__ import annotations

import io
import functools
import math
import socket

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import shapely  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from pyproj import Transformer  # noqa: E402

from osint import load_claims, maps  # noqa: E402
from osint.places import resolve_place  # noqa: E402
from osint.style import measure_color  # noqa: E402
from conftest import ledger_frame as claims_frame  # noqa: E402
from conftest import map_row  # noqa: E402

row = functools.partial(map_row, prefix="m")


def tagged(artist_holder) -> dict[str, object]:
    """Every artist with a gid under an axes or figure, by gid."""
    return {a.get_gid(): a for a in artist_holder.findobj(lambda a: a.get_gid() is not None)}


def to_degrees(ax, x: float, y: float) -> tuple[float, float]:
    inverse = Transformer.from_crs(maps.map_extent(ax).crs, "EPSG:4326", always_xy=True)
    return inverse.transform(x, y)


def to_map(ax, lon: float, lat: float) -> tuple[float, float]:
    forward = Transformer.from_crs("EPSG:4326", maps.map_extent(ax).crs, always_xy=True)
    return forward.transform(lon, lat)


def km_between(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def texts(holder) -> str:
    return "\n".join(t.get_text() for t in holder.findobj(Text))


def panel(fig, name: str):
    return next(ax for ax in fig.axes if ax.get_gid() == f"map:{name}")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- points -------------------------------------------------------------------------------------

TOWNS = ["Vladivostok", "Ussuriysk", "Khabarovsk", "Kursk", "Donetsk"]


@pytest.mark.parametrize("extent", ["region", "front", "far_east"])
def test_points_sit_within_25_km_of_the_gazetteer(extent):
    frame = claims_frame(
        [row(location=t, geo_precision="point", figure_low=1000 * (i + 1)) for i, t in enumerate(TOWNS)]
    )
    ax = maps.plot_claims_map(frame, extent=extent)
    marks = tagged(ax)
    checked = 0
    for r in frame.itertuples():
        place = resolve_place(r.location)
        gid = f"point:{r.claim_id}"
        assert gid in marks, f"{r.location} is not drawn as a point"
        ((x, y),) = marks[gid].get_offsets()
        lon, lat = to_degrees(ax, x, y)
        assert km_between(lon, lat, place.lon, place.lat) < 25, f"{r.location} drawn at {lon:.2f}, {lat:.2f}"
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        checked += x0 <= x <= x1 and y0 <= y <= y1
    expected = {"region": 5, "front": 2, "far_east": 3}[extent]  # towns inside each view
    assert checked == expected


def test_points_are_sized_by_figure_and_coloured_by_measure():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500, measure="arrived_in_russia"),
            row(
                location="Ussuriysk",
                geo_precision="point",
                qualifier="up_to",
                figure_high=12000,
                measure="mustering_in_russia",
            ),
            row(location="Khabarovsk", geo_precision="point", measure="in_combat"),  # no figure
        ]
    )
    ax = maps.plot_claims_map(frame, extent="far_east")
    marks = tagged(ax)
    small, big, none = (marks[f"point:{i}"] for i in frame["claim_id"])
    assert big.get_sizes()[0] == pytest.approx(8 * small.get_sizes()[0])  # area in proportion 12000 : 1500
    assert mcolors.same_color(small.get_facecolor()[0][:3], measure_color("arrived_in_russia"))
    assert mcolors.same_color(big.get_facecolor()[0][:3], measure_color("mustering_in_russia"))
    # no figure: a hollow ring in the measure's colour, not a filled circle of some size
    assert none.get_sizes()[0] == maps.NO_FIGURE_AREA
    assert mcolors.same_color(none.get_facecolor()[0][:3], "white")
    assert mcolors.same_color(none.get_edgecolor()[0][:3], measure_color("in_combat"))


def test_each_place_gets_a_label_naming_its_claims():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500),
            row(location="Vladivostok", geo_precision="point", measure="in_combat"),
        ]
    )
    ax = maps.plot_claims_map(frame, extent="far_east")
    label = tagged(ax)["label:Vladivostok"]
    text = texts(label)
    assert "Vladivostok" in text and "1,500" in text and "in combat" in text


# --- regions, countries, near ---------------------------------------------------------------------


def test_region_claims_are_polygons_not_points():
    frame = claims_frame(
        [
            row(location="Kursk region", geo_precision="region", measure="in_combat"),
            row(location="Kursk Oblast", geo_precision="region", measure="killed", figure_low=200),
            row(location="Primorsky Krai", geo_precision="region"),
        ]
    )
    ax = maps.plot_claims_map(frame, extent="region")
    marks = tagged(ax)
    for r in frame.itertuples():
        assert not any(g.startswith(("point:", "near:")) and g.endswith(r.claim_id) for g in marks)
        patch = marks[f"region:{r.claim_id}"]
        assert isinstance(patch, PathPatch)
        assert mcolors.same_color(patch.get_facecolor()[:3], measure_color(r.measure))
    # the region's outline surrounds its own centre and not a town of another region
    kursk = marks["regionedge:region:RU-kursk"].get_path()
    centre = resolve_place("Kursk region")
    assert kursk.contains_point(to_map(ax, centre.lon, centre.lat))
    belgorod = resolve_place("Belgorod")
    assert not kursk.contains_point(to_map(ax, belgorod.lon, belgorod.lat))
    primorye = marks["regionedge:region:RU-primorye"].get_path()
    vladivostok = resolve_place("Vladivostok")
    assert primorye.contains_point(to_map(ax, vladivostok.lon, vladivostok.lat))


def test_claims_sharing_a_region_share_its_area_in_stripes():
    frame = claims_frame(
        [
            row(location="Kursk region", geo_precision="region", measure=m)
            for m in ("in_combat", "killed", "arrived_in_russia")
        ]
    )
    ax = maps.plot_claims_map(frame, extent="front")
    marks = tagged(ax)

    def area(path) -> float:
        return sum(shapely.Polygon(ring).area for ring in path.to_polygons() if len(ring) >= 4)

    edge = marks["regionedge:region:RU-kursk"].get_path()
    for cid in frame["claim_id"]:
        part = marks[f"region:{cid}"].get_path()
        # an equal share of the area, spread over the whole region rather than one side of it
        assert 0.25 < area(part) / area(edge) < 0.42
        e, whole = part.get_extents(), edge.get_extents()
        assert e.width > 0.7 * whole.width and e.height > 0.7 * whole.height


def test_country_claims_are_not_drawn_as_a_point_and_are_listed():
    frame = claims_frame(
        [
            row(
                location="Russia",
                geo_precision="country",
                qualifier="up_to",
                figure_high=12000,
                measure="mustering_in_russia",
            )
        ]
    )
    ax = maps.plot_claims_map(frame, extent="region")
    marks = tagged(ax)
    cid = frame["claim_id"].iloc[0]
    assert not [g for g in marks if g.endswith(cid)], "no mark of its own for a country-level claim"
    assert "countryclaim:RU" in marks
    notes = texts(marks["note:unplaced"])
    assert "Russia" in notes and "up to 12,000" in notes


def test_precision_is_never_finer_than_the_source():
    frame = claims_frame(
        [
            row(location="Kursk", geo_precision="region"),  # the town's name, but the claim is about the region
            row(location="eastern Ukraine", geo_precision="region"),  # no boundary: only the country is known
            row(location="Sudzha", geo_precision="near"),
        ]
    )
    placed = maps.place_claims(frame)
    assert placed["drawn_as"].tolist() == ["region", "country", "near"]
    assert placed["shape"].iloc[0] == "region:RU-kursk"
    assert "only to the whole country" in placed["note"].iloc[1]


def test_near_is_a_halo_around_the_town_never_a_dot():
    frame = claims_frame([row(location="near Sudzha", geo_precision="near", measure="killed", figure_low=30)])
    ax = maps.plot_claims_map(frame, extent="front")
    marks = tagged(ax)
    cid = frame["claim_id"].iloc[0]
    assert f"point:{cid}" not in marks
    halo = marks[f"near:{cid}"]
    assert isinstance(halo, Circle)
    assert halo.get_radius() >= maps.NEAR_RADIUS_KM * 1000
    lon, lat = to_degrees(ax, *halo.center)
    sudzha = resolve_place("Sudzha")
    assert km_between(lon, lat, sudzha.lon, sudzha.lat) < 25


def test_unresolved_places_are_listed_not_drawn():
    frame = claims_frame(
        [
            row(location="the front line", geo_precision="region"),
            row(location="Nowhereville-on-Nothing", geo_precision="point"),
            row(location="Vladivostok", geo_precision="point"),
        ]
    )
    vague, unknown, known = frame["claim_id"]
    ax = maps.plot_claims_map(frame, extent="region")
    marks = tagged(ax)
    for cid in (vague, unknown):
        assert not [g for g in marks if g.endswith(cid) and g != "note:unplaced"]
    assert f"point:{known}" in marks
    notes = texts(marks["note:unplaced"])
    assert vague in notes and unknown in notes and "could not be resolved" in notes
    listed = maps.unplaced_claims(frame)
    assert listed["claim_id"].tolist() == [vague, unknown]
    assert listed["reason"].str.len().gt(0).all()
    # nothing ends up at 0,0 either
    zero = to_map(ax, 0.0, 0.0)
    offsets = np.concatenate([a.get_offsets() for g, a in marks.items() if g.startswith("point:")])
    assert not np.any(np.all(np.isclose(offsets, zero, atol=1000), axis=1))


def test_statements_without_a_place_or_assertion_are_counted_not_drawn():
    frame = claims_frame(
        [
            row(location="Kursk region", geo_precision="region", stance="cannot_confirm", measure="in_combat"),
            row(location=None, geo_precision=None, figure_low=10000),
        ]
    )
    ax = maps.plot_claims_map(frame, extent="region")
    marks = tagged(ax)
    assert not [g for g in marks if g.startswith("region:")]
    notes = texts(marks["note:unplaced"])
    assert "1 claim states no place" in notes and "cannot confirm" in notes


# --- movements ------------------------------------------------------------------------------------


def test_arrows_run_from_origin_to_location():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", origin="Wonsan", figure_low=1500),
            row(location="Ussuriysk", geo_precision="point", figure_low=2000),
        ]
    )
    moved, stayed = frame["claim_id"]
    ax = maps.plot_claims_map(frame, extent="far_east")
    marks = tagged(ax)
    assert f"arrow:{stayed}" not in marks
    arrow = marks[f"arrow:{moved}"]
    assert isinstance(arrow, FancyArrowPatch)
    path = arrow.get_path()  # the shaft (first sub-path), then the head
    moves = np.flatnonzero(path.codes == path.MOVETO)
    shaft = path.vertices[: moves[1]] if len(moves) > 1 else path.vertices
    start, end = to_degrees(ax, *shaft[0]), to_degrees(ax, *shaft[-1])
    wonsan, vladivostok = resolve_place("Wonsan"), resolve_place("Vladivostok")
    # ends are pulled back a few points from the marks; at this scale that is well under 60 km
    assert km_between(*start, wonsan.lon, wonsan.lat) < 60
    assert km_between(*end, vladivostok.lon, vladivostok.lat) < 60
    assert km_between(*start, vladivostok.lon, vladivostok.lat) > 300
    ((x, y),) = marks[f"origin:{moved}"].get_offsets()
    assert km_between(*to_degrees(ax, x, y), wonsan.lon, wonsan.lat) < 25


def test_an_origin_that_cannot_be_placed_gives_no_arrow_and_a_note():
    frame = claims_frame([row(location="Kursk region", geo_precision="region", origin="somewhere in the east")])
    ax = maps.plot_claims_map(frame, extent="front")
    marks = tagged(ax)
    cid = frame["claim_id"].iloc[0]
    assert f"arrow:{cid}" not in marks and f"region:{cid}" in marks
    assert "origin" in texts(marks["note:unplaced"])


# --- basemap and policy -----------------------------------------------------------------------


def test_crimea_is_hatched_as_occupied_inside_ukraine():
    ax = maps.plot_claims_map(claims_frame([row(location="Kursk region", geo_precision="region")]), extent="front")
    marks = tagged(ax)
    crimea, ukraine, russia = marks["crimea:occupied"], marks["country:UA"], marks["country:RU"]
    assert crimea.get_hatch() and "/" in crimea.get_hatch()
    assert mcolors.same_color(crimea.get_facecolor(), ukraine.get_facecolor())
    simferopol = to_map(ax, *(lambda p: (p.lon, p.lat))(resolve_place("Simferopol")))
    assert crimea.get_path().contains_point(simferopol)
    assert ukraine.get_path().contains_point(simferopol), "Crimea is part of Ukraine's outline"
    assert not russia.get_path().contains_point(simferopol)
    credits = marks["credits"].get_text()
    assert "Crimea shown as part of Ukraine, occupied (hatched)" in credits
    assert "Natural Earth" in credits and "GeoNames" in credits


def legend_texts(holder) -> dict[str, list[str]]:
    legends = holder.findobj(lambda a: (a.get_gid() or "").startswith("legend:"))
    return {a.get_gid(): [t.get_text() for t in a.get_texts()] for a in legends}


def test_legend_keys_what_is_drawn_and_nothing_else():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500),
            row(location="Kursk region", geo_precision="region", measure="in_combat"),
        ]
    )
    ax = maps.plot_claims_map(frame, extent="region")
    legends = legend_texts(ax)
    assert set(legends) == {"legend:measure", "legend:figure", "legend:who", "legend:place"}
    assert legends["legend:measure"] == ["arrived in Russia", "in combat"]
    assert "15,000" in legends["legend:figure"]
    assert "no figure stated" not in legends["legend:figure"]  # every town claim has a figure
    place = " ".join(legends["legend:place"])
    assert "at a town" in place and "region" in place
    for absent in ("near a town", "country only", "movement", "origin named"):
        assert absent not in place, f"{absent!r} is keyed but nothing of it is drawn"


def test_legend_keys_halos_countries_and_movements_once_they_are_drawn():
    frame = claims_frame(
        [
            row(location="near Donetsk", geo_precision="near", measure="killed"),
            row(location="Russia", geo_precision="country", measure="arrived_in_russia"),
            row(location="Vladivostok", geo_precision="point", origin="Wonsan"),
        ]
    )
    ax = maps.plot_claims_map(frame, extent="region")
    legends = legend_texts(ax)
    place = " ".join(legends["legend:place"])
    assert "near a town" in place and "country only" in place and "movement" in place
    assert "region (several" not in place
    assert legends["legend:figure"] == ["no figure stated"]  # the only town mark is hollow
    assert legends["legend:measure"] == ["arrived in Russia", "killed"]


def test_unknown_extent_and_period_are_refused():
    frame = claims_frame([row(location="Kursk region", geo_precision="region")])
    with pytest.raises(ValueError, match="unknown extent"):
        maps.plot_claims_map(frame, extent="moon")
    with pytest.raises(ValueError, match="period"):
        maps.plot_small_multiples(frame, period="W")


# --- layouts ------------------------------------------------------------------------------------


def test_deployment_map_reads_both_the_far_east_and_the_front():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500, statement_date="2024-10-18"),
            row(location="Ussuriysk", geo_precision="point", figure_low=3000, statement_date="2024-10-23"),
            row(location="Kursk region", geo_precision="region", measure="in_combat", statement_date="2024-11-05"),
        ]
    )
    east, east2, front = frame["claim_id"]
    fig = maps.plot_deployment_map(frame, title="test")
    assert [ax.get_gid() for ax in fig.axes] == ["map:region", "map:front", "map:far_east", "side"]
    far_east, front_ax = panel(fig, "far_east"), panel(fig, "front")

    def inside(ax, artist):
        x, y = artist.get_offsets()[0]
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        return x0 <= x <= x1 and y0 <= y <= y1

    assert inside(far_east, tagged(far_east)[f"point:{east}"]) and inside(far_east, tagged(far_east)[f"point:{east2}"])
    assert not inside(front_ax, tagged(front_ax)[f"point:{east}"])
    assert f"region:{front}" in tagged(front_ax)

    # the two towns 80 km apart are three times further apart on the zoom than on the overview
    def gap(ax):
        a, b = (tagged(ax)[f"point:{i}"].get_offsets()[0] for i in (east, east2))
        return np.hypot(*(ax.transData.transform(a) - ax.transData.transform(b)))

    assert gap(far_east) > 3 * gap(panel(fig, "region"))
    marks = tagged(fig)
    assert {"locator:front", "locator:far_east", "credits", "legend:measure"} <= set(marks)


def test_small_multiples_give_one_panel_per_period():
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", statement_date="2024-10-18"),
            row(location="Kursk region", geo_precision="region", statement_date="2024-11-05"),
            row(location="Kursk region", geo_precision="region", statement_date="2025-01-20"),
        ]
    )
    vlad, kursk_nov, kursk_jan = frame["claim_id"]

    def panels(fig):
        return {sf.get_gid(): sf for sf in fig.findobj(lambda a: (a.get_gid() or "").startswith("period:"))}

    monthly = panels(maps.plot_small_multiples(frame, period="M", extent="front"))
    assert list(monthly) == ["period:Oct 2024", "period:Nov 2024", "period:Dec 2024", "period:Jan 2025"]
    assert f"region:{kursk_nov}" in tagged(monthly["period:Nov 2024"])
    assert f"region:{kursk_nov}" not in tagged(monthly["period:Jan 2025"])
    assert not [g for g in tagged(monthly["period:Dec 2024"]) if g.startswith(("region:", "point:"))]
    quarterly = panels(maps.plot_small_multiples(frame, period="Q"))
    assert list(quarterly) == ["period:2024 Q4", "period:2025 Q1"]
    q4 = tagged(quarterly["period:2024 Q4"])
    assert f"point:{vlad}" in q4 and f"region:{kursk_nov}" in q4 and f"region:{kursk_jan}" not in q4
    skipped = panels(maps.plot_small_multiples(frame, period="M", extent="far_east", skip_empty=True))
    assert list(skipped) == ["period:Oct 2024", "period:Nov 2024", "period:Jan 2025"]


def test_maps_draw_with_the_network_unavailable(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from osint.maps import basemap

    for cached in (basemap._basemap_wgs84, basemap._basemap, basemap._panel_layers, basemap._shape_xy):
        cached.cache_clear()  # read and reproject the basemap again, offline
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500, origin="Wonsan"),
            row(location="Kursk region", geo_precision="region", statement_date="2024-11-05"),
        ]
    )
    for fig in (maps.plot_deployment_map(frame), maps.plot_small_multiples(frame, period="M")):
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=50)
        assert out.getvalue().startswith(b"\x89PNG")
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))


def test_save_map_writes_the_figure_and_the_placements(tmp_path):
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", figure_low=1500),
            row(location="the front line", geo_precision="region"),
        ]
    )
    fig = maps.plot_deployment_map(frame)
    assert frame["claim_id"].iloc[1] in texts(tagged(fig)["note:unplaced"])
    paths = maps.save_map(fig, tmp_path / "map.png", frame)
    assert paths["png"].read_bytes().startswith(b"\x89PNG")
    table = pd.read_csv(paths["csv"])
    assert table["claim_id"].tolist() == frame["claim_id"].tolist()
    assert table["map_status"].tolist() == ["placed", "unresolved"]
    assert table["source_url"].eq("https://example.org/item").all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.csv", "map.png"]  # no temp files left


def test_command_line_saves_the_map(tmp_path, small_ledger):
    from click.testing import CliRunner

    from osint.cli import main

    out = tmp_path / "figures" / "deployment_map.png"
    result = CliRunner().invoke(
        main,
        ["map", str(small_ledger), "--out", str(out), "--multiples", str(tmp_path / "by_quarter.png"), "--period", "Q"],
    )
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.with_suffix(".csv").is_file() and (tmp_path / "by_quarter.png").is_file()
    assert f"png: {out}" in result.output


def test_command_line_map_refuses_bad_options_before_drawing(tmp_path, small_ledger):
    from click.testing import CliRunner

    from osint.cli import main

    out = tmp_path / "map.png"
    for args, word in (
        (["--start", "2024-13-01"], "YYYY-MM-DD"),
        (["--measure", "killd"], "killd"),
        (["--extent", "moon"], "moon"),
    ):
        result = CliRunner().invoke(main, ["map", str(small_ledger), "--out", str(out), *args])
        assert result.exit_code == 2 and word in result.output, result.output
    assert not out.exists()


def test_a_map_can_be_drawn_into_a_given_figure():
    frame = claims_frame([row(location="Vladivostok", geo_precision="point", figure_low=1500)])
    host = plt.figure(figsize=(12, 9))
    left, right = host.subfigures(1, 2)
    assert maps.plot_deployment_map(frame, left) is left
    assert maps.plot_small_multiples(frame, right, period="M", extent="far_east") is right
    assert {ax.get_gid() for ax in left.axes} >= {"map:region", "map:far_east"}
    assert "map:front" not in {ax.get_gid() for ax in left.axes}  # nothing placed there
    assert any(ax.get_gid() == "map:far_east" for ax in right.get_figure(root=True).axes if ax not in left.axes)
    plt.close(host)


def test_a_zoom_with_nothing_placed_is_left_out():
    frame = claims_frame(
        [row(location="Kursk region", geo_precision="region"), row(location="Russia", geo_precision="country")]
    )
    fig = maps.plot_deployment_map(frame)
    gids = {ax.get_gid() for ax in fig.axes}
    assert "map:far_east" not in gids and "map:front" in gids
    assert "locator:far_east" not in tagged(panel(fig, "region"))
    frame = claims_frame([row(location="Russia", geo_precision="country")])
    fig = maps.plot_deployment_map(frame)
    assert {ax.get_gid() for ax in fig.axes} == {"map:region", "side"}


def test_an_empty_view_says_so():
    frame = claims_frame([row(location="Kursk region", geo_precision="region")])
    ax = maps.plot_claims_map(frame, extent="far_east")  # asked for by name: drawn, and says why it is bare
    assert "note:empty" in tagged(ax)


def test_every_located_claim_of_the_real_ledger_is_drawn_or_listed():
    from osint.paths import DATA_DIR

    claims = load_claims(DATA_DIR / "claims.csv")
    fig = maps.plot_deployment_map(claims)
    marks = tagged(fig)
    notes = texts(marks["note:unplaced"])
    placed = maps.place_claims(claims)
    shown = claims["stance"].eq("asserts") & claims["repeats"].isna()
    for (_, claim), (_, where) in zip(claims[shown].iterrows(), placed[shown].iterrows()):
        if where["status"] == "no_location":
            continue
        cid = claim["claim_id"]
        own = [g for g in marks if g.split(":", 1)[-1] == cid]
        if where["status"] == "unresolved":
            assert not own and cid in notes, cid
        elif where["drawn_as"] == "country":
            assert not own and f"countryclaim:{where['shape'].split(':')[1]}" in marks and where["place"] in notes, cid
        else:
            kind = {"point": "point", "near": "near", "region": "region"}[where["drawn_as"]]
            assert f"{kind}:{cid}" in marks, cid


def test_placement_table_says_how_each_claim_is_drawn_and_escapes_ledger_text():
    frame = claims_frame(
        [
            row(location='<img src=x onerror="alert(1)">', geo_precision="point"),
            row(claim_id="m-kursk", location="Kursk region", geo_precision="region", origin="Primorsky Krai"),
            row(location="Kursk region", geo_precision="region", repeats="m-kursk"),
            row(location="Kursk region", geo_precision="region", stance="cannot_confirm"),
        ]
    )
    markup = str(maps.placement_table(frame))
    assert "<img" not in markup and "&lt;img src=x" in markup
    assert "not drawn: place not resolved" in markup
    assert "region (shaded)" in markup and "Primorsky Krai" in markup
    assert "left out: repeats m-kursk" in markup and "left out: cannot confirm" in markup


def test_dollar_signs_in_ledger_text_are_drawn_as_written():
    # "$" starts matplotlib mathtext; a place or claimant written with it must not break the map
    frame = claims_frame(
        [
            row(location="Vladivostok", geo_precision="point", claimant=r"Fund $\bogus$ Monitor"),
            row(location=r"Port $\x$", geo_precision="point"),
        ]
    )
    fig = maps.plot_deployment_map(frame)
    fig.savefig(io.BytesIO(), format="png", dpi=40)
    written = " ".join(texts(fig).split())  # labels wrap long lines
    assert r"Fund $\bogus$ Monitor" in written and r"Port $\x$" in written
