"""Timelines of claims: what a reader relies on is drawn, and drawn as it means.

The tests look at the drawn artists through their gids (see osint.timeline's docstring).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402


from osint.schema import CLAIMANT_TYPES, COLUMNS, MEASURES  # noqa: E402

from conftest import ledger_frame as claims_frame  # noqa: E402
from osint.style import (  # noqa: E402
    CLAIMANT_TYPE_MARKERS,
    FALLBACK_PALETTE,
    MEASURE_LABELS,
    MEASURE_ORDER,
    claimant_color,
    claimant_label,
    claimant_type_marker,
    measure_color,
)
from osint.timeline import (  # noqa: E402
    busiest_window,
    filter_claims,
    figure_label,
    lane_axes,
    lanes_for,
    plot_timeline,
    save_timeline,
)

# --- ledger frames, typed by the project's own loader ---------------------------------------

_ids = itertools.count(1)


def row(**values) -> dict:
    """One ledger row with defaults a test does not care about (all invented, not facts)."""
    base = dict(
        claim_id=f"t-{next(_ids):04d}",
        statement_date="2024-10-18",
        date_precision="day",
        claimant="Claimant A",
        claimant_type="government",
        stance="asserts",
        measure="arrived_in_russia",
        qualifier="exact",
        source_url="https://example.org/item",
        source_outlet="Example Wire",
        reliability="C",
        credibility=3,
    )
    base.update(values)
    if base["qualifier"] in ("exact", "about") and "figure_low" in values and "figure_high" not in values:
        base["figure_high"] = values["figure_low"]
    return base


def drawn(fig) -> dict[str, object]:
    """Every tagged artist of the figure, by gid."""
    return {a.get_gid(): a for a in fig.findobj(lambda a: a.get_gid() is not None)}


def lane(fig, key: str):
    return next(a for a in lane_axes(fig) if a.get_gid() == f"lane:{key}")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_frames_have_the_contract_dtypes():
    frame = claims_frame([row(figure_low=5)])
    assert list(frame.columns) == list(COLUMNS)
    assert str(frame.dtypes["statement_date"]) == "datetime64[ns]"
    assert frame.dtypes["figure_low"] == "Int64" and frame.dtypes["credibility"] == "Int64"
    assert frame.dtypes["measure"] == "category" and frame.dtypes["reliability"].ordered
    assert frame.dtypes["claimant"] == "string"


# --- qualifiers drawn as what they mean -----------------------------------------------------


def test_one_range_bar_per_range_claim_from_low_to_high():
    rows = [
        row(claim_id="r1", qualifier="range", figure_low=1000, figure_high=2000),
        row(claim_id="r2", qualifier="range", figure_low=11000, figure_high=12000, claimant="Claimant B"),
        row(claim_id="r3", qualifier="range", figure_low=300, figure_high=500, measure="killed"),
        row(claim_id="p1", qualifier="exact", figure_low=1500),
        row(claim_id="u1", qualifier="up_to", figure_high=9000),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    bars = {gid.split(":", 1)[1]: a for gid, a in art.items() if gid.startswith("range:")}
    assert sorted(bars) == ["r1", "r2", "r3"]
    assert sorted(bars["r1"].get_ydata()) == [1000, 2000]
    assert sorted(bars["r2"].get_ydata()) == [11000, 12000]
    assert bars["r1"].get_linestyle() == "-"  # a bar, not two loose points


def test_up_to_has_a_ceiling_and_no_floor():
    rows = [row(claim_id="u1", qualifier="up_to", figure_high=12000), row(claim_id="e1", figure_low=1500)]
    art = drawn(plot_timeline(claims_frame(rows)))
    mark = art["upto:u1"]
    assert list(mark.get_ydata()) == [12000]  # one mark, at the ceiling only
    own = [a for gid, a in art.items() if gid.endswith(":u1")]
    assert not any(gid.startswith("range:") for gid in art if gid.endswith(":u1"))
    for artist in own:  # nothing drawn in data coordinates below the stated ceiling
        if hasattr(artist, "get_ydata"):
            assert min(artist.get_ydata()) >= 12000
    fade = art["fade:u1"]
    assert {tuple(o) for o in fade.get_offsets()} == {(mark.get_xdata()[0], 12000)}
    segments = fade.get_segments()
    assert all(max(y for _, y in seg) <= 0 for seg in segments)  # drawn downward from the mark
    alphas = [c[3] for c in fade.get_colors()]
    lowest_first = [a for _, a in sorted(zip([min(y for _, y in s) for s in segments], alphas))]
    assert lowest_first[0] < 0.1  # the bottom fades out: no lower end
    assert alphas == sorted(alphas, reverse=True)


def test_at_least_opens_upward():
    art = drawn(plot_timeline(claims_frame([row(claim_id="a1", qualifier="at_least", figure_low=1500)])))
    assert list(art["atleast:a1"].get_ydata()) == [1500]
    assert all(min(y for _, y in seg) >= 0 for seg in art["fade:a1"].get_segments())


def test_about_is_drawn_unlike_exact():
    rows = [row(claim_id="ab", qualifier="about", figure_low=3000), row(claim_id="ex", figure_low=3000)]
    art = drawn(plot_timeline(claims_frame(rows)))
    assert art["point:ex"].get_fillstyle() == "full"
    assert art["point:ab"].get_fillstyle() != "full"


def test_week_precision_spans_seven_days_and_month_the_calendar_month():
    rows = [
        row(claim_id="w1", statement_date="2024-10-21", date_precision="week", figure_low=3000),
        row(claim_id="m1", statement_date="2025-02-01", date_precision="month", figure_low=4000),
        row(claim_id="d1", statement_date="2024-11-05", figure_low=3500),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    week = art["extent:w1"].get_xdata()
    start = mdates.date2num(np.datetime64("2024-10-21"))
    assert (min(week), max(week)) == (start, start + 7)
    month = art["extent:m1"].get_xdata()
    assert max(month) - min(month) == 28  # February 2025
    assert art["point:w1"].get_xdata()[0] == start + 3.5  # the mark sits mid-week, not on a false day
    assert "extent:d1" not in art


def test_week_precision_range_is_a_box_over_the_week():
    rows = [row(claim_id="wr", date_precision="week", qualifier="range", figure_low=11000, figure_high=12000)]
    box = drawn(plot_timeline(claims_frame(rows)))["extent:wr"]
    assert box.get_width() == 7 and (box.get_y(), box.get_y() + box.get_height()) == (11000, 12000)


# --- repeats ----------------------------------------------------------------------------------


def test_repeat_is_hollow_and_linked_to_its_origin():
    rows = [
        row(claim_id="o1", claimant="Claimant A", qualifier="at_least", figure_low=1500),
        row(
            claim_id="rp",
            claimant="Claimant A",
            qualifier="at_least",
            figure_low=1500,
            repeats="o1",
            source_outlet="Relay Daily",
        ),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    origin, repeat = art["atleast:o1"], art["atleast:rp"]
    assert repeat.get_markerfacecolor() == "none"
    assert mcolors.to_hex(origin.get_markerfacecolor()) == claimant_color("Claimant A")
    link = art["repeat:rp"]
    assert link.get_linestyle() == ":"
    ends = set(zip(link.get_xdata(), link.get_ydata()))
    assert ends == {(origin.get_xdata()[0], 1500), (repeat.get_xdata()[0], 1500)}
    assert repeat.get_xdata()[0] != origin.get_xdata()[0]  # moved aside, not hidden under the origin


def test_repeats_never_widen_the_envelope_or_get_a_label():
    rows = [
        row(claim_id="a", claimant="Claimant A", figure_low=1000),
        row(claim_id="b", claimant="Claimant B", figure_low=2000),
        row(claim_id="c", claimant="Claimant C", figure_low=9000, statement_date="2024-10-20", repeats="a"),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    top = max(art["envelope:arrived_in_russia:combat_troops"].get_paths()[0].vertices[:, 1])
    assert top == 2000
    assert "label:c" not in art and {"label:a", "label:b"} <= set(art)


# --- envelope and joins -------------------------------------------------------------------------


def test_envelope_follows_each_claimants_latest_claim():
    rows = [
        row(claim_id="a1", claimant="Claimant A", figure_low=10000, statement_date="2024-10-01"),
        row(claim_id="b1", claimant="Claimant B", figure_low=3000, statement_date="2024-10-05"),
        row(claim_id="a2", claimant="Claimant A", figure_low=5000, statement_date="2024-10-10"),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    vertices = art["envelope:arrived_in_russia:combat_troops"].get_paths()[0].vertices
    after = vertices[vertices[:, 0] > mdates.date2num(np.datetime64("2024-10-10"))]
    assert set(after[:, 1]) == {3000, 5000}  # A's 10,000 no longer stands once A says 5,000
    join = art["join:arrived_in_russia:combat_troops:Claimant A"]
    assert list(join.get_ydata()) == [10000, 5000]


# --- colours, markers, rug ------------------------------------------------------------------


def test_claimant_colour_is_the_same_whatever_else_is_plotted():
    first = [
        row(claim_id="z1", claimant="Volodymyr Zelensky", claimant_type="head_of_state", figure_low=10000),
        row(claim_id="x1", claimant="Unlisted Analyst", figure_low=9000),
    ]
    second = [
        row(claim_id="q1", claimant="Claimant Q", figure_low=1),
        row(claim_id="q2", claimant="Claimant R", figure_low=2),
        row(claim_id="x2", claimant="Unlisted Analyst", figure_low=8000),
        row(claim_id="z2", claimant="Volodymyr Zelensky", claimant_type="head_of_state", figure_low=12000),
    ]
    one, two = drawn(plot_timeline(claims_frame(first))), drawn(plot_timeline(claims_frame(second)))
    for a, b, name in (("point:z1", "point:z2", "Volodymyr Zelensky"), ("point:x1", "point:x2", "Unlisted Analyst")):
        assert mcolors.to_hex(one[a].get_color()) == mcolors.to_hex(two[b].get_color()) == claimant_color(name)
    assert one["point:z1"].get_marker() == claimant_type_marker("head_of_state")


def test_claimant_colours_are_curated_and_stable():
    assert claimant_color("National Intelligence Service (South Korea)") == claimant_color("NIS")
    assert claimant_color("John Kirby (White House)") == claimant_color("White House")
    assert claimant_color("Ukrainian military intelligence (HUR)") != claimant_color("Volodymyr Zelensky")
    curated = {
        claimant_color(n)
        for n in ("NIS", "Volodymyr Zelensky", "HUR", "Pentagon", "White House", "UK MoD", "NATO", "Kremlin", "KCNA")
    }
    assert len(curated) == 9
    other = claimant_color("Some Unlisted Claimant")
    assert other in FALLBACK_PALETTE and other not in curated
    assert claimant_color("some  unlisted claimant") == other  # case and spacing do not matter
    assert claimant_label("National Intelligence Service (South Korea)") == "NIS (South Korea)"


def test_style_tables_cover_the_contract():
    assert list(MEASURE_ORDER) == list(MEASURES)
    assert set(MEASURE_LABELS) == set(MEASURES)
    assert set(CLAIMANT_TYPE_MARKERS) == set(CLAIMANT_TYPES)
    assert len({claimant_type_marker(t) for t in CLAIMANT_TYPES}) == len(CLAIMANT_TYPES)
    assert mcolors.is_color_like(measure_color("killed")) and measure_color("killed") != measure_color("wounded")


def test_cannot_confirm_and_denies_are_in_the_rug_not_dropped():
    rows = [
        row(claim_id="f1", figure_low=1500),
        row(
            claim_id="cc", stance="cannot_confirm", qualifier="none", claimant="Claimant W", statement_date="2024-10-15"
        ),
        row(claim_id="dn", stance="denies", qualifier="none", claimant="Claimant K", statement_date="2024-10-24"),
    ]
    fig = plot_timeline(claims_frame(rows))
    rug = lane(fig, "rug")
    marks = {a.get_gid(): a for a in rug.get_children() if (a.get_gid() or "").startswith("rug:")}
    assert set(marks) == {"rug:cc", "rug:dn"}
    assert marks["rug:cc"].get_xdata()[0] == mdates.date2num(np.datetime64("2024-10-15"))
    assert marks["rug:cc"].get_ydata()[0] != marks["rug:dn"].get_ydata()[0]  # one row per stance
    assert rug.get_shared_x_axes().joined(rug, lane_axes(fig)[0])


# --- filters --------------------------------------------------------------------------------


def _graded() -> pd.DataFrame:
    return claims_frame(
        [
            row(claim_id="g1", reliability="A", credibility=1, statement_date="2024-10-01", figure_low=1),
            row(
                claim_id="g2",
                reliability="B",
                credibility=4,
                statement_date="2024-10-15",
                figure_low=2,
                measure="killed",
            ),
            row(
                claim_id="g3",
                reliability="F",
                credibility=6,
                statement_date="2024-11-01",
                figure_low=3,
                claimant="Claimant B",
            ),
            row(claim_id="g4", reliability="C", credibility=2, statement_date="2024-11-02", figure_low=1, repeats="g1"),
        ]
    )


@pytest.mark.parametrize(
    "kwargs, kept",
    [
        ({}, ["g1", "g2", "g3", "g4"]),
        ({"start": "2024-10-15", "end": "2024-11-01"}, ["g2", "g3"]),
        ({"measures": ["killed"]}, ["g2"]),
        ({"claimants": ["Claimant B"]}, ["g3"]),
        ({"min_reliability": "B"}, ["g1", "g2"]),
        ({"min_credibility": 2}, ["g1", "g4"]),
        ({"include_repeats": False}, ["g1", "g2", "g3"]),
    ],
)
def test_filter_claims(kwargs, kept):
    frame = _graded()
    out = filter_claims(frame, **kwargs)
    assert list(out["claim_id"]) == kept
    assert out.dtypes.equals(frame.dtypes)


def test_filter_claims_rejects_unknown_values():
    with pytest.raises(ValueError, match="unknown measure"):
        filter_claims(_graded(), measures=["arived_in_russia"])
    with pytest.raises(ValueError, match="min_reliability"):
        filter_claims(_graded(), min_reliability="G")


def test_plot_draws_every_row_it_is_given_and_describes_the_selection():
    frame = _graded()
    every = {gid.split(":", 1)[1] for gid in drawn(plot_timeline(frame)) if gid.startswith("point:")}
    assert every == {"g1", "g2", "g3", "g4"}
    rows = filter_claims(frame, min_reliability="B", measures=["arrived_in_russia", "killed"])
    fig = plot_timeline(rows)
    marks = {gid.split(":", 1)[1] for gid in drawn(fig) if gid.startswith("point:")}
    assert marks == {"g1", "g2"}
    words = " ".join(t.get_text() for t in fig.texts)
    assert "reliability A–B" in words and "measures arrived_in_russia, killed" in words
    assert "2 rows filtered out" in words


def test_the_selection_window_sets_the_date_axis():
    rows = filter_claims(_graded(), start="2024-09-01", end="2024-12-31")
    left, right = lane_axes(plot_timeline(rows))[0].get_xlim()
    assert left <= mdates.date2num(np.datetime64("2024-09-01")) and right >= mdates.date2num(
        np.datetime64("2024-12-31")
    )
    left, right = lane_axes(plot_timeline(rows, window=("2024-10-01", "2024-11-05")))[0].get_xlim()
    assert left > mdates.date2num(np.datetime64("2024-09-01"))


# --- layout, scale, labels, events ------------------------------------------------------------


def test_lanes_group_measures_and_follow_the_data():
    frame = claims_frame(
        [
            row(measure="mustering_in_russia", qualifier="up_to", figure_high=12000),
            row(measure="arrived_in_russia", qualifier="at_least", figure_low=1500),
            row(measure="killed", figure_low=100),
        ]
    )
    assert [ln.key for ln in lanes_for(frame)] == ["in_russia", "killed"]
    assert [ln.key for ln in lanes_for(frame, "measure")] == ["mustering_in_russia", "arrived_in_russia", "killed"]
    fig = plot_timeline(frame)
    assert [a.get_gid() for a in lane_axes(fig)] == ["lane:in_russia", "lane:killed"]


def test_labels_in_a_crowded_lane_do_not_overlap():
    rows = [
        row(claimant=f"Claimant {i:02d}", figure_low=1000 + 10 * i, statement_date=f"2024-10-{1 + i:02d}")
        for i in range(20)
    ]
    fig = plot_timeline(claims_frame(rows))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(a, renderer) for gid, a in drawn(fig).items() if gid.startswith("label:")]
    assert len(boxes) == 20
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_labels_say_the_figure_with_its_qualifier():
    assert figure_label("up_to", None, 12000) == "≤12,000"
    assert figure_label("at_least", 1500, None) == "≥1,500"
    assert figure_label("about", 3000, 3000) == "~3,000"
    assert figure_label("range", 11000, 12000) == "11,000–12,000"
    art = drawn(
        plot_timeline(
            claims_frame(
                [row(claim_id="u9", qualifier="up_to", figure_high=12000, measure="killed", claimant="Claimant U")]
            )
        )
    )
    assert art["label:u9"].get_text() == "Claimant U ≤12,000"


def test_log_scale_and_events():
    rows = [row(figure_low=1500), row(measure="killed", figure_low=100)]
    fig = plot_timeline(claims_frame(rows), scale="log", events=[("2024-10-23", "A landmark")])
    axes = lane_axes(fig)
    assert all(a.get_yscale() == "log" for a in axes)
    events = [a for a in fig.findobj(lambda a: (a.get_gid() or "").startswith("event:"))]
    assert len(events) == len(axes)  # one line through every lane
    with pytest.raises(ValueError, match="scale"):
        plot_timeline(claims_frame(rows), scale="sqrt")


def test_a_given_figure_or_subfigure_is_drawn_into():
    frame = claims_frame([row(figure_low=1500), row(measure="killed", figure_low=100)])
    host = plt.figure(figsize=(14, 8))
    left, right = host.subfigures(1, 2)
    other = right.add_subplot()
    assert plot_timeline(frame, left) is left
    assert [a.get_gid() for a in lane_axes(left)] == ["lane:in_russia", "lane:killed"]
    assert other in host.get_figure(root=True).axes and not lane_axes(right)
    fig = plt.figure()
    assert plot_timeline(frame, fig, scale="log") is fig and len(lane_axes(fig)) == 2


def test_many_claims_are_aggregated_and_say_so():
    rows = [
        row(claimant=f"Claimant {i % 3}", figure_low=1000 + i, statement_date=f"2024-10-{1 + i % 28:02d}")
        for i in range(40)
    ]
    art = drawn(plot_timeline(claims_frame(rows), max_marks=10))
    assert "note:aggregated" in art and "aggregate:in_russia" in art
    assert not any(gid.startswith("point:") for gid in art)
    assert "Aggregated" in art["credits"].get_text()


def test_no_match_says_so():
    fig = plot_timeline(filter_claims(claims_frame([row(figure_low=1)]), claimants=["Nobody"]))
    assert "No claims match" in " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


# --- export ---------------------------------------------------------------------------------


def test_save_timeline_writes_png_svg_and_the_plotted_rows(tmp_path: Path):
    frame = _graded()
    shown = filter_claims(frame, min_reliability="C")
    fig = plot_timeline(shown)
    paths = save_timeline(fig, shown, tmp_path / "out", "timeline-test")
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in paths["svg"].read_bytes()[:400]
    back = pd.read_csv(paths["csv"], dtype=str)
    assert list(back.columns) == list(COLUMNS)
    assert list(back["claim_id"]) == list(shown["claim_id"])
    assert back.loc[0, "statement_date"] == "2024-10-01"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "timeline-test.csv",
        "timeline-test.png",
        "timeline-test.svg",
    ]  # no temp files left behind
    with pytest.raises(ValueError, match="stem"):
        save_timeline(fig, shown, tmp_path, "../escape")


# --- labels that matter, names never cut, kinds of people apart, dodged no-figure marks -------


def test_first_last_and_every_change_of_a_series_are_labelled():
    rows = [
        row(claim_id="a1", claimant="Claimant A", figure_low=1000, statement_date="2024-10-01"),
        row(claim_id="a2", claimant="Claimant A", figure_low=1000, statement_date="2024-10-05"),
        row(claim_id="a3", claimant="Claimant A", figure_low=2000, statement_date="2024-10-09"),
        row(claim_id="a4", claimant="Claimant A", figure_low=2000, statement_date="2024-10-13"),
        row(claim_id="a5", claimant="Claimant A", figure_low=2000, statement_date="2024-10-17"),
        row(claim_id="b1", claimant="Claimant B", figure_low=3000, statement_date="2024-10-03"),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    labelled = {gid.split(":", 1)[1] for gid in art if gid.startswith("label:")}
    assert labelled == {"a1", "a3", "a5", "b1"}  # a2 and a4 repeat the figure before them
    assert art["label:a3"].get_text() == "Claimant A 2,000 arrived"


def test_names_are_never_cut():
    long_name = "A Very Long Claimant Name Of Some Ministry (Department of Extremely Long Names)"
    rows = [
        row(claim_id="l1", claimant=long_name, figure_low=1000),
        row(claim_id="l2", claimant=long_name, stance="denies", qualifier="none", statement_date="2024-10-20"),
        row(claim_id="k1", claimant="John Kirby (White House)", stance="cannot_confirm", qualifier="none"),
    ]
    fig = plot_timeline(claims_frame(rows))
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_text())]
    assert not [t for t in texts if "…" in t]
    art = drawn(fig)
    assert art["label:l1"].get_text().startswith(long_name)
    assert art["label:k1"].get_text().startswith("Kirby (White House)")  # the short name of data/claimants.csv


def test_no_figure_marks_said_together_do_not_hide_one_another():
    rows = [
        row(
            claim_id=f"c{i}",
            claimant=f"Claimant {i}",
            stance="cannot_confirm",
            qualifier="none",
            statement_date="2024-10-15" if i < 4 else "2024-10-16",
        )
        for i in range(6)
    ]
    rows += [row(claim_id="f1", figure_low=10, statement_date="2024-12-01")]
    fig = plot_timeline(claims_frame(rows))
    fig.canvas.draw()
    art = drawn(fig)
    centres = {
        cid: art[f"rug:{cid}"]
        .get_transform()
        .transform(np.c_[art[f"rug:{cid}"].get_xdata(), art[f"rug:{cid}"].get_ydata()])[0]
        for cid in (f"c{i}" for i in range(6))
    }
    size_px = art["rug:c0"].get_markersize() * fig.dpi / 72
    for (a, pa), (b, pb) in itertools.combinations(centres.items(), 2):
        assert np.hypot(*(pa - pb)) >= size_px * 0.6, (a, b)  # at most a partial overlap, never hidden
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(art[f"label:c{i}"], renderer) for i in range(6)]  # each one labelled
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_kinds_of_people_are_never_joined_or_compared():
    nis = "National Intelligence Service (South Korea)"
    rows = [
        row(claim_id="n1", claimant=nis, claimant_type="intelligence", figure_low=11000, statement_date="2024-11-01"),
        row(claim_id="n2", claimant=nis, claimant_type="intelligence", figure_low=15000, statement_date="2025-09-02"),
        row(
            claim_id="n3",
            claimant=nis,
            claimant_type="intelligence",
            figure_low=5000,
            statement_date="2025-11-04",
            personnel="military_builders",
        ),
    ]
    art = drawn(plot_timeline(claims_frame(rows)))
    join = art["join:arrived_in_russia:combat_troops:" + nis]
    assert list(join.get_ydata()) == [11000, 15000], "the builders' 5,000 is not a revision of the troop count"
    assert not any(gid.startswith("join:") and "military_builders" in gid for gid in art)
    assert art["label:n3"].get_text() == "NIS (South Korea) 5,000 arrived military builders"
    assert art["label:n2"].get_text() == "NIS (South Korea) 15,000 arrived"
    combat = art["envelope:arrived_in_russia:combat_troops"].get_paths()[0].vertices[:, 1]
    assert 5000 not in set(combat)
    assert "envelope:arrived_in_russia:military_builders" in art


def test_busiest_weeks_get_a_detail_window():
    crowded = [row(figure_low=100 + i, statement_date=f"2024-10-{10 + i % 12:02d}") for i in range(24)]
    spread = [row(figure_low=50, statement_date=f"2025-{m:02d}-15") for m in range(1, 9)]
    frame = claims_frame(crowded + spread)
    first, last = busiest_window(frame)
    assert first == pd.Timestamp("2024-10-10") and last == pd.Timestamp("2024-10-30")
    assert busiest_window(claims_frame(crowded)) is None, "a short window needs no detail"
    fig = plot_timeline(frame, detail=(first, last))
    assert "detail-window" in drawn(fig)
