"""The claims explorer, driven from Python as a user drives its widgets.

Each test sets control values and checks what the analyst would see change: the filtered
claims, the count, the table, the redrawn overview (its artists and its PNG) and the
selected claim's quote, source and grades.
"""

from __future__ import annotations

import html

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES

from osint import load_claims
from osint.claim_views import claims_page
from osint.explore import Explorer, Review
from osint.overview import plot_overview

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def explorer(small_ledger) -> Explorer:
    return Explorer(small_ledger, map_plotter=None)


def marks(explorer: Explorer) -> dict[str, int]:
    """How many marks of each kind the overview shows (by artist gid)."""
    ax = explorer.figure.axes[0]
    counts: dict[str, int] = {}
    for artist in [*ax.collections, *ax.lines, *ax.texts]:
        gid = artist.get_gid()
        if gid:
            size = len(artist.get_offsets()) if hasattr(artist, "get_offsets") else 1
            if gid == "marks:range":
                size = len(artist.get_segments())
            counts[gid] = counts.get(gid, 0) + size
    return counts


def count_text(explorer: Explorer) -> str:
    return html.unescape(explorer.count.value.replace("<b class='osint-count-number'>", "").replace("</b>", ""))


def test_controls_offer_what_the_ledger_holds(explorer):
    assert [v for _, v in explorer.measures.options] == [
        "pledged_or_preparing", "mustering_in_russia", "arrived_in_russia", "in_combat"]
    assert explorer.measures.options[2][0] == "arrived in Russia (2)"
    # most claims first, then by name
    assert [label for label, _ in explorer.claimants.options[:3]] == [
        "Example Monitor (2)", "National Intelligence Service (South Korea) (2)", "John Kirby (White House) (1)"]
    assert explorer.dates.value == (pd.Timestamp("2024-10-15"), pd.Timestamp("2024-11-01"))


def test_opens_on_every_claim_with_a_drawn_overview(explorer):
    assert len(explorer.filtered) == 7
    assert count_text(explorer).startswith("7 of 7 claims match")
    assert bytes(explorer.image.value).startswith(PNG)
    counts = marks(explorer)
    # t-003 exact, t-004 up to, t-005 at least, t-006 repeat of t-005, t-007 range; t-001/2 no figure
    assert counts == {"marks:point": 1, "marks:upto": 1, "marks:atleast": 1, "marks:atleast:repeat": 1,
                      "marks:range": 1, "rug": 2}


def test_measures_filter_redraws_count_table_and_figure(explorer):
    before = bytes(explorer.image.value)
    explorer.measures.value = ("arrived_in_russia",)
    assert explorer.filtered["claim_id"].tolist() == ["t-005", "t-006"]
    assert count_text(explorer).startswith("2 of 7 claims match (1 of them repeats)")
    assert bytes(explorer.image.value) != before and bytes(explorer.image.value).startswith(PNG)
    assert marks(explorer) == {"marks:atleast": 1, "marks:atleast:repeat": 1}
    assert "t-005" in explorer.table.value and "t-003" not in explorer.table.value
    assert [v for _, v in explorer.pick.options] == ["t-005", "t-006"]
    assert "arrived in Russia" in explorer.legend.value and "pledged" not in explorer.legend.value


def test_claimants_grades_repeats_and_dates(explorer):
    explorer.claimants.value = ("National Intelligence Service (South Korea)", "Example Monitor")
    assert set(explorer.filtered["claim_id"]) == {"t-004", "t-005", "t-006", "t-007"}
    explorer.include_repeats.value = False
    assert set(explorer.filtered["claim_id"]) == {"t-004", "t-005", "t-007"}
    explorer.claimants.value = ()
    explorer.min_reliability.value = "C"  # A to C: the F-graded fictional rows go
    assert set(explorer.filtered["claim_id"]) == {"t-001", "t-002", "t-003", "t-004", "t-005"}
    explorer.min_credibility.value = 3  # 1 to 3: the "cannot be judged" 6s go
    assert set(explorer.filtered["claim_id"]) == {"t-003", "t-004", "t-005"}
    explorer.reset()
    days = [d for _, d in explorer.dates.options]
    explorer.dates.index = (days.index(pd.Timestamp("2024-10-16")), days.index(pd.Timestamp("2024-10-18")))
    assert set(explorer.filtered["claim_id"]) == {"t-002", "t-003", "t-004", "t-005"}
    assert explorer.selection()["start"] == "2024-10-16" and explorer.selection()["end"] == "2024-10-18"


def test_search_looks_in_quotes_and_sources_any_case_every_word(explorer):
    explorer.search.value = "FINANCIAL times"  # the relay of t-001 and t-002
    assert set(explorer.filtered["claim_id"]) == {"t-001", "t-002"}
    explorer.search.value = "soldiers of north korea"  # words of t-003's quote
    assert explorer.filtered["claim_id"].tolist() == ["t-003"]
    explorer.search.value = "example.org/fixture/range"  # a source URL
    assert explorer.filtered["claim_id"].tolist() == ["t-007"]
    explorer.search.value = "soldiers range"  # every word must match
    assert explorer.filtered.empty


def test_no_match_says_so_instead_of_a_blank(explorer):
    explorer.search.value = "no such words anywhere"
    assert count_text(explorer).startswith("0 of 7")
    assert "No claims match" in explorer.table.value
    assert marks(explorer) == {"note:empty": 1}
    assert bytes(explorer.image.value).startswith(PNG)
    explorer.search.value = ""
    assert len(explorer.filtered) == 7 and "note:empty" not in marks(explorer)


def test_hold_applies_several_changes_as_one_update(explorer):
    with explorer.hold():
        explorer.measures.value = ("in_combat",)
        explorer.include_repeats.value = False
        assert len(explorer.filtered) == 7, "nothing is redrawn until the block ends"
    assert set(explorer.filtered["claim_id"]) == {"t-001", "t-002", "t-007"}


def test_table_sorts_and_pages(small_ledger):
    explorer = Explorer(small_ledger, page_size=3, map_plotter=None)
    explorer.sort_by.value = "figure"
    explorer.descending.value = True
    # highest figure first: 10,000-12,000 (1 Nov) and up to 12,000 (18 Oct) tie on 12,000, the later first
    assert explorer.ordered["claim_id"].tolist()[:3] == ["t-007", "t-004", "t-003"]
    assert [v for _, v in explorer.pick.options] == ["t-007", "t-004", "t-003"]
    table = explorer.table.value
    assert table.index("t-007") < table.index("t-004") < table.index("t-003")
    explorer.turn(+1)
    assert [v for _, v in explorer.pick.options] == explorer.ordered["claim_id"].tolist()[3:6]
    assert "rows 4–6 of 7" in explorer.page.value
    explorer.turn(+5)  # past the end stays on the last page
    assert [v for _, v in explorer.pick.options] == ["t-001"] or len(explorer.pick.options) == 1


def test_picking_a_claim_shows_quote_source_and_grades_and_rings_it(explorer):
    before = bytes(explorer.image.value)
    explorer.pick.value = "t-003"
    assert explorer.selected == "t-003"
    detail = explorer.detail.value
    assert "there are 10,000 soldiers of North Korea" in detail
    assert 'href="https://www.zerohedge.com/geopolitical/new-claims-10000-north-korean-troops-are-being-sent-fight-ukraine"' in detail
    assert "C3" in detail and "fairly reliable" in detail and "possibly true" in detail
    assert marks(explorer).get("selected") == 1
    ax = explorer.figure.axes[0]
    ring = next(c for c in ax.collections if c.get_gid() == "selected")
    assert ring.get_offsets()[0][1] == pytest.approx(np.log10(10000))
    assert bytes(explorer.image.value) != before
    explorer.measures.value = ("in_combat",)  # the claim is filtered out: the selection goes
    assert explorer.selected is None and "Pick a claim" in explorer.detail.value


def test_untrusted_text_is_escaped_everywhere(tmp_path):
    explorer = Explorer(FIXTURES / "claims_hostile.csv", map_plotter=None)
    explorer.select("t-003")
    explorer.pick.value = "t-004"
    for markup in (explorer.detail.value, explorer.table.value, explorer.snapshot().markup):
        assert "<script>" not in markup and "<iframe" not in markup and "<img src=x" not in markup
        assert 'href="javascript:' not in markup
    assert "&lt;script&gt;" in explorer.table.value
    explorer.select("t-003")
    assert "&lt;script&gt;window.__injected" in explorer.detail.value
    assert "&lt;img src=x" in explorer.detail.value


def test_snapshot_is_plain_html_with_the_selection(explorer):
    explorer.measures.value = ("arrived_in_russia", "mustering_in_russia")
    snap = explorer.snapshot().markup
    assert "3 of 7 claims match" in snap
    assert "measures: arrived_in_russia, mustering_in_russia" in snap
    assert snap.count("data:image/png;base64,") == 1, "the full timeline (no map module given)"
    assert "t-004" in snap and "t-003" not in snap
    assert "<script" not in snap
    assert "need a running notebook" in snap


def test_full_timeline_tab_draws_the_lane_timeline_when_opened(explorer):
    assert explorer.full_figure is None, "not drawn until its tab is opened"
    explorer.measures.value = ("in_combat",)
    explorer.tabs.selected_index = Explorer.TABS.index("Full timeline")
    lanes = [a.get_gid() for a in explorer.full_figure.axes if a.get_gid()]
    assert "lane:front" in lanes and bytes(explorer.full_image.value).startswith(PNG)
    first = bytes(explorer.full_image.value)
    explorer.measures.value = ("in_combat", "pledged_or_preparing")  # open tab: redrawn on change
    assert "lane:pledged" in [a.get_gid() for a in explorer.full_figure.axes]
    assert bytes(explorer.full_image.value) != first


def test_big_selections_wait_for_the_button_on_slow_tabs(small_ledger):
    calls = []
    explorer = Explorer(small_ledger, auto_limit=3,
                        map_plotter=lambda claims, **kw: calls.append(len(claims)) or plot_overview(claims))
    explorer.tabs.selected_index = Explorer.TABS.index("Map")
    assert calls == [] and "drawn on request" in explorer.map_note.value
    explorer.map_button.click()
    assert calls == [7]
    explorer.measures.value = ("arrived_in_russia",)  # 2 claims: under the limit, redrawn at once
    assert calls == [7, 2]


def test_map_hook_gets_the_filtered_claims(small_ledger):
    seen = []

    def fake_map(claims, placed):
        seen.append(claims["claim_id"].tolist())
        assert set(claims.index) <= set(placed.index), "the placement covers every claim drawn"
        return plot_overview(claims)

    explorer = Explorer(small_ledger, map_plotter=fake_map)
    assert seen == [], "the map is drawn when its tab is opened"
    explorer.measures.value = ("arrived_in_russia",)
    explorer.tabs.selected_index = Explorer.TABS.index("Map")
    assert seen == [["t-005", "t-006"]] and bytes(explorer.map_image.value).startswith(PNG)
    assert explorer.snapshot().markup.count("data:image/png;base64,") == 2


def test_a_failing_or_missing_map_is_reported_not_fatal(small_ledger):
    def broken(claims, placed):
        raise RuntimeError("basemap <missing>")

    explorer = Explorer(small_ledger, map_plotter=broken)
    explorer.tabs.selected_index = Explorer.TABS.index("Map")
    assert "could not be drawn" in explorer.map_note.value and "&lt;missing&gt;" in explorer.map_note.value
    explorer.measures.value = ("in_combat",)
    assert count_text(explorer).startswith("3 of 7")
    missing = Explorer(small_ledger, map_plotter=None)
    missing.tabs.selected_index = Explorer.TABS.index("Map")
    assert "osint.maps" in missing.map_note.value and missing.map_figure is None


def test_a_map_redraw_does_not_place_the_claims_again(small_ledger, monkeypatch):
    import osint.explore
    import osint.maps.drawing

    placings = []

    def counting(module):
        real = module.place_claims

        def place(claims, *args, **kwargs):
            placings.append(len(claims))
            return real(claims, *args, **kwargs)

        monkeypatch.setattr(module, "place_claims", place)

    counting(osint.explore)  # the explorer places the ledger
    counting(osint.maps.drawing)  # the map places what it was not given
    explorer = Explorer(small_ledger)
    explorer.tabs.selected_index = Explorer.TABS.index("Map")
    assert placings == [7] and explorer.map_figure is not None
    first = bytes(explorer.map_image.value)
    explorer.measures.value = ("arrived_in_russia",)  # redrawn at once: the tab is open
    explorer.measures.value = ("in_combat",)
    assert placings == [7], "every redraw reused the first placement"
    assert bytes(explorer.map_image.value) != first


def test_takes_a_typed_frame_and_keeps_it_unchanged(small_ledger):
    claims = load_claims(small_ledger)
    copy = claims.copy()
    explorer = Explorer(claims, map_plotter=None)
    explorer.measures.value = ("in_combat",)
    explorer.sort_by.value = "figure"
    pd.testing.assert_frame_equal(claims, copy)
    assert set(explorer.filtered["claim_id"]) == {"t-001", "t-002", "t-007"}


def test_overview_aggregates_big_selections_and_says_so(small_ledger):
    claims = load_claims(small_ledger)
    ax = plot_overview(claims, max_marks=2)
    gids = {a.get_gid() for a in [*ax.collections, *ax.texts]}
    assert {"aggregate", "aggregate:median", "note:aggregated"} <= gids
    assert not any(g and g.startswith("marks:") for g in gids)
    bars = next(c for c in ax.collections if c.get_gid() == "aggregate").get_segments()
    lows, highs = sorted(s[0][1] for s in bars), sorted(s[1][1] for s in bars)
    assert max(highs) == pytest.approx(np.log10(12000)), "a bar reaches the highest figure"
    assert min(lows) == pytest.approx(np.log10(1500))


def test_overview_linear_scale_and_given_axes(small_ledger):
    from matplotlib.figure import Figure

    claims = load_claims(small_ledger)
    ax = Figure().add_subplot()
    assert plot_overview(claims, ax=ax, scale="linear") is ax
    ring = next(c for c in ax.collections if c.get_gid() == "marks:upto")
    assert ring.get_offsets()[0][1] == 12000
    with pytest.raises(ValueError):
        plot_overview(claims, scale="cubic")


def test_claims_page_keeps_the_given_order(small_ledger):
    claims = load_claims(small_ledger).iloc[[6, 0, 3]]
    markup = claims_page(claims).markup
    assert markup.index("t-007") < markup.index("t-001") < markup.index("t-004")


def test_review_is_available_from_the_explore_module():
    from osint.review import Review as ReviewClass

    assert Review is ReviewClass
