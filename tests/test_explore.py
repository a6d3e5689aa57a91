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
        "pledged_or_preparing",
        "mustering_in_russia",
        "arrived_in_russia",
        "in_combat",
    ]
    assert explorer.measures.options[2][0] == "arrived in Russia (2)"
    # most claims first, then by name
    assert [label for label, _ in explorer.claimants.options[:3]] == [
        "Example Monitor (2)",
        "National Intelligence Service (South Korea) (2)",
        "John Kirby (White House) (1)",
    ]
    assert explorer.dates.value == (pd.Timestamp("2024-10-15"), pd.Timestamp("2024-11-01"))


def test_opens_on_every_claim_with_a_drawn_overview(explorer):
    assert len(explorer.filtered) == 7
    assert count_text(explorer).startswith("7 of 7 claims match")
    assert bytes(explorer.image.value).startswith(PNG)
    counts = marks(explorer)
    # t-003 exact, t-004 up to, t-005 at least, t-006 repeat of t-005, t-007 range; t-001/2 no figure
    assert counts == {
        "marks:point": 1,
        "marks:upto": 1,
        "marks:atleast": 1,
        "marks:atleast:repeat": 1,
        "marks:range": 1,
        "rug": 2,
    }


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
    assert (
        'href="https://www.zerohedge.com/geopolitical/new-claims-10000-north-korean-troops-are-being-sent-fight-ukraine"'
        in detail
    )
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
    assert snap.count("data:image/png;base64,") == 2, "the full timeline and the consensus (no map module given)"
    assert "Arrived in Russia (combat troops): 1,500 or more" in html.unescape(snap)
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
    explorer = Explorer(
        small_ledger, auto_limit=3, map_plotter=lambda claims, **kw: calls.append(len(claims)) or plot_overview(claims)
    )
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
    assert explorer.snapshot().markup.count("data:image/png;base64,") == 3


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


# --- the consensus tab and a picked claim's family and echo chain ------------------------------


def open_consensus(explorer: Explorer) -> None:
    explorer.tabs.selected_index = Explorer.TABS.index("Consensus")


def consensus_text(explorer: Explorer) -> str:
    return html.unescape(explorer.consensus_text.value)


def test_consensus_tab_follows_the_selection(explorer):
    assert explorer.consensus_bands is None, "not drawn until its tab is opened"
    open_consensus(explorer)
    text = consensus_text(explorer)
    assert (
        "Arrived in Russia (combat troops): 1,500 or more, from 1 independent source family "
        "(South Korea (government)) (claims t-005), as of 18 Oct 2024." in text
    )
    assert "In combat (combat troops): 10,000–12,000" in text and "2 families cannot confirm or deny" in text
    assert set(explorer.consensus_bands["measure"]) == {
        "pledged_or_preparing",
        "mustering_in_russia",
        "arrived_in_russia",
        "in_combat",
    }
    first = bytes(explorer.consensus_image.value)
    assert first.startswith(PNG)
    # cut to the window (the ledger's last day is 1 Nov): no band runs on to when its claims go stale
    assert explorer.consensus_bands["until"].max() == pd.Timestamp("2024-11-02")

    explorer.measures.value = ("in_combat",)  # the tab is open: redrawn at once
    assert set(explorer.consensus_bands["measure"]) == {"in_combat"}
    assert "Arrived in Russia" not in consensus_text(explorer)
    assert "In combat (combat troops): 10,000–12,000" in consensus_text(explorer)
    assert bytes(explorer.consensus_image.value) != first

    explorer.min_reliability.value = "A"  # no claim graded A: nothing to band
    assert explorer.consensus_bands.empty and "No figures in this selection" in explorer.consensus_text.value


def test_consensus_tab_counts_claims_said_before_the_window_while_current(explorer):
    open_consensus(explorer)
    days = [d for _, d in explorer.dates.options]
    with explorer.hold():
        explorer.measures.value = ("arrived_in_russia",)
        explorer.dates.index = (days.index(pd.Timestamp("2024-10-21")), len(days) - 1)
    assert explorer.filtered["claim_id"].tolist() == ["t-006"], "the table keeps the window"
    bands = explorer.consensus_bands
    assert bands["date"].min() == pd.Timestamp("2024-10-21"), "drawn from the window's start"
    assert bands["claim_ids"].iloc[0] == ("t-005",), "t-005 (18 Oct) is still current, t-006 only repeats it"
    assert "Claims said before 21 Oct 2024 count while current" in consensus_text(explorer)


def test_staleness_window_control_changes_the_band(explorer):
    open_consensus(explorer)
    explorer.measures.value = ("arrived_in_russia",)
    assert "1,500 or more, from 1 independent source family" in consensus_text(explorer)
    explorer.stale_days.value = 7  # said 18 Oct, stale from 25 Oct; the window ends 1 Nov
    text = consensus_text(explorer)
    assert (
        "Arrived in Russia (combat troops): no current figure as of 1 Nov 2024; the last band, 1,500 or more "
        "from 1 independent source family (South Korea (government)), went stale on 25 Oct 2024."
    ) in text
    assert "goes stale 7 days after" in text
    assert explorer.consensus_bands.iloc[-1]["families"] == 0


def test_consensus_is_drawn_only_when_visible_and_kept_per_selection(explorer, monkeypatch):
    import osint.consensus_view

    calls = []
    real = osint.consensus_view.consensus
    monkeypatch.setattr(
        osint.consensus_view, "consensus", lambda claims, **kw: calls.append(len(claims)) or real(claims, **kw)
    )
    explorer.measures.value = ("in_combat",)
    assert calls == [], "the tab is hidden: nothing computed"
    open_consensus(explorer)
    assert calls == [3]
    in_combat = bytes(explorer.consensus_image.value)
    explorer.measures.value = ("arrived_in_russia",)
    assert calls == [3, 2]
    explorer.measures.value = ("in_combat",)  # back to a selection already drawn
    assert calls == [3, 2] and bytes(explorer.consensus_image.value) == in_combat
    explorer.tabs.selected_index = Explorer.TABS.index("Overview")
    explorer.measures.value = ()
    assert calls == [3, 2], "hidden again: not redrawn"


def test_picking_a_repeat_shows_the_family_it_carries_and_its_echo(explorer):
    explorer.pick.value = "t-006"  # Example Monitor repeating the NIS's t-005
    detail = html.unescape(explorer.detail.value)
    assert "South Korea (government)" in detail and "it repeats t-005 and carries that claim’s family" in detail
    assert (
        "Its family said it first: National Intelligence Service (South Korea) on 18 Oct 2024 (t-005); "
        "this row 3 days later."
    ) in detail
    explorer.pick.value = "t-005"
    detail = html.unescape(explorer.detail.value)
    assert "First said here" in detail and "its claimant’s family in the claimant table" in detail
    explorer.pick.value = "t-001"  # "cannot confirm": no figure, no chain
    detail = html.unescape(explorer.detail.value)
    assert "United States (government)" in detail and "none: this claim states no figure" in detail


NIS_RELAY = "lawmakers briefed by the NIS <img src=x onerror=alert(1)>"


@pytest.fixture
def echoed():
    """One figure said by the Pentagon, echoed by NATO, a lawmaker relaying the NIS, and a repeat."""
    from conftest import ledger_frame

    def row(cid, day, who, country, kind, figure=10000, **extra):
        return {
            "claim_id": cid,
            "statement_date": day,
            "date_precision": "day",
            "claimant": who,
            "claimant_country": country,
            "claimant_type": kind,
            "stance": "asserts",
            "measure": "arrived_in_russia",
            "figure_low": figure,
            "figure_high": figure,
            "qualifier": "exact",
            "location": "Kursk region",
            "geo_precision": "region",
            "source_url": f"https://example.org/{cid}",
            "source_outlet": "Example Wire",
            "reliability": "B",
            "credibility": 2,
            **extra,
        }

    return Explorer(
        ledger_frame(
            [
                row("e-1", "2024-11-04", "US Department of Defense", "US", "military"),
                row("e-2", "2024-11-05", "NATO", "", "international_org"),
                row("e-3", "2024-11-06", "Example Lawmaker", "KR", "other", relay=NIS_RELAY),
                row("e-4", "2024-11-08", "Example Monitor", "", "osint_analyst", repeats="e-2"),
                row("e-5", "2024-12-01", "Reuters", "GB", "media", figure=11000),
            ]
        ),
        map_plotter=None,
    )


def test_picking_a_relay_or_repeat_shows_its_family_and_place_in_the_chain(echoed):
    chain = (
        "10,000 in Kursk region: first US Department of Defense (4 Nov 2024), then NATO (+1 day), "
        "Example Lawmaker (+2 days)"
    )
    echoed.pick.value = "e-3"
    detail = html.unescape(echoed.detail.value)
    assert "<strong>South Korea (government)</strong>" in detail, "the family of the NIS it relays"
    assert "passes on that family’s information" in detail
    assert (
        "Echoes US Department of Defense (United States (government)), who said it first on 4 Nov 2024 "
        "(e-1): 2 days later; its family is number 3 of 3 to say it."
    ) in detail
    assert chain in detail
    assert "<img src=x" not in echoed.detail.value and "&lt;img src=x" in echoed.detail.value

    echoed.pick.value = "e-4"  # Example Monitor repeating NATO: NATO's family, NATO's place
    detail = html.unescape(echoed.detail.value)
    assert "<strong>NATO</strong>" in detail and "it repeats e-2" in detail
    assert "who said it first on 4 Nov 2024 (e-1): 4 days later; its family is number 2 of 3" in detail

    echoed.pick.value = "e-1"
    assert (
        "First said here: no other family stated this figure earlier; 2 other families said it after."
        in html.unescape(echoed.detail.value)
    )


def test_relays_and_repeats_add_no_family_to_the_tab(echoed):
    open_consensus(echoed)
    text = consensus_text(echoed)
    # Pentagon, NATO, the relayed NIS and Reuters: four families; the repeat adds none
    assert "Arrived in Russia (combat troops): 10,000–11,000, from 4 independent source families" in text
    bands = echoed.consensus_bands
    last = bands.loc[bands["date"] == pd.Timestamp("2024-12-01")].iloc[0]  # Reuters' day, the window's end
    assert last["families"] == 4 and "e-4" not in last["claim_ids"]


def test_an_unreadable_claimant_table_is_shown_not_fatal(small_ledger, tmp_path):
    table = tmp_path / "claimants.csv"
    table.write_text(
        "claimant,claimant_country,claimant_type,kind,aliases,domains,family\nExample Body,ZZ,military,body,,,gov:ZZ\n",
        encoding="utf-8",
    )
    explorer = Explorer(small_ledger, map_plotter=None, claimants=table)
    assert len(explorer.filtered) == 7
    open_consensus(explorer)
    text = html.unescape(explorer.consensus_text.value)
    assert "No consensus: the source families could not be read" in text
    assert f"{table}:2" in text and "gov:ZZ" in text, "the file, line and value at fault"
    explorer.pick.value = "t-003"
    assert "Family" in explorer.detail.value and "could not be read" in explorer.detail.value
