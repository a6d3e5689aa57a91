"""Corroboration on hand-made ledgers: source families, the consensus band, echo chains, views."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import osint  # noqa: E402
from conftest import ROOT, ledger_frame  # noqa: E402
from osint import consensus as cs  # noqa: E402
from osint import consensus_plots as plots  # noqa: E402
from osint.echoes import echo_chains, echo_position, format_echo_chain  # noqa: E402
from osint.families import (  # noqa: E402
    ClaimantTableError,
    attach_families,
    claim_families,
    default_family,
    load_claimants,
)

NIS = ("National Intelligence Service (South Korea)", "KR", "intelligence")
JCS = ("Joint Chiefs of Staff (South Korea)", "KR", "military")
HUR = ("Defence Intelligence of Ukraine (HUR)", "UA", "intelligence")
ZELENSKY = ("Volodymyr Zelensky", "UA", "head_of_state")
PENTAGON = ("US Department of Defense", "US", "military")
STATE = ("US State Department", "US", "government")
KIRBY = ("John Kirby (White House)", "US", "government")
NATO = ("NATO", "", "international_org")
REUTERS = ("Reuters", "GB", "media")
MONITOR = ("Example Monitor", "", "osint_analyst")

_FIGURES = {
    "exact": (1, 1),
    "about": (1, 1),
    "range": (1, 1),
    "up_to": (0, 1),
    "fewer_than": (0, 1),
    "at_least": (1, 0),
    "more_than": (1, 0),
    "none": (0, 0),
}


def claim(
    cid: str,
    day: str,
    who: tuple,
    figure=None,
    qualifier: str = "exact",
    measure: str = "arrived_in_russia",
    personnel: str = "combat_troops",
    stance: str = "asserts",
    **extra,
) -> dict:
    """One ledger row: ``figure`` a number, or (low, high) for a range."""
    low = high = figure
    if isinstance(figure, tuple):
        low, high = figure
    need_low, need_high = _FIGURES[qualifier]
    row = {
        "claim_id": cid,
        "statement_date": day,
        "date_precision": "day",
        "claimant": who[0],
        "claimant_country": who[1] or None,
        "claimant_type": who[2],
        "stance": stance,
        "measure": measure,
        "figure_low": low if need_low else None,
        "figure_high": high if need_high else None,
        "qualifier": qualifier,
        "source_url": f"https://example.org/{cid}",
        "source_outlet": "Example Wire",
        "reliability": "B",
        "credibility": 2,
        "personnel": personnel,
    }
    row.update(extra)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    """Rows checked and typed by the real loader, with their ``personnel``."""
    claims = ledger_frame(list(rows))
    if "personnel" not in claims.columns:
        claims["personnel"] = pd.Series([r["personnel"] for r in rows], index=claims.index, dtype="string")
    return claims


def at(
    bands: pd.DataFrame, day: str, measure: str = "arrived_in_russia", personnel: str = "combat_troops"
) -> pd.Series:
    rows = bands.loc[(bands.measure == measure) & (bands.personnel == personnel) & (bands.date <= pd.Timestamp(day))]
    assert len(rows), f"no band row on or before {day}"
    return rows.iloc[-1]


# --- source families -------------------------------------------------------------------


def test_shipped_claimant_table_gives_every_claimant_a_family():
    text = (ROOT / "data" / "claimants.csv").read_text(encoding="utf-8").splitlines()
    assert "family" in text[0].split(",")
    table = load_claimants()
    assert (table.table["family"] != "").all()
    assert {
        table.family[n]
        for n in (
            NIS[0],
            JCS[0],
            "Ministry of National Defense (South Korea)",
            "Park Sun-won (National Assembly intelligence committee)",
        )
    } == {"gov:KR"}
    assert {
        table.family[n] for n in (ZELENSKY[0], HUR[0], "Ministry of Defence of Ukraine", "Armed Forces of Ukraine")
    } == {"gov:UA"}
    assert {table.family[n] for n in ("White House", "US Department of Defense", "US State Department")} == {"gov:US"}
    assert table.family["Mark Rutte (NATO)"] == "NATO"
    assert table.family["Reuters"] == "Reuters" and table.family["Open Source Centre"] == "Open Source Centre"


def test_unlisted_claimants_get_the_documented_default():
    table = load_claimants()
    assert default_family("Ministry of Defence of Estonia", "EE", "military", table) == "gov:EE"
    assert default_family("Polish state broadcaster", "PL", "state_media", table) == "gov:PL"
    assert default_family("Jane Example (ISW)", "US", "osint_analyst", table) == "Institute for the Study of War (ISW)"
    assert default_family("Example  Monitor", None, "osint_analyst", table) == "Example Monitor"
    assert default_family("An international panel", None, "government", table) == "An international panel"


def test_bad_claimant_table_names_every_problem(tmp_path):
    path = tmp_path / "claimants.csv"
    path.write_text(
        "claimant,claimant_country,claimant_type,kind,aliases,domains,family\n"
        "Good Body,KR,government,body,,,gov:KR\n"
        "Wrong Country Family,KR,intelligence,body,,,gov:US\n"
        "Unknown Family,,media,media,,,Nobody We Know\n"
        "Short Row,KR,government\n"
        "Bad Code,ZZ,wizard,thing,,,gov:QQ\n"
        "Good Body,KR,government,body,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ClaimantTableError) as caught:
        load_claimants(path)
    found = {(i.line, i.column, i.value) for i in caught.value.issues}
    assert (3, "family", "gov:US") in found
    assert (4, "family", "Nobody We Know") in found
    assert (5, "", "3 cells") in found
    assert {
        (6, "claimant_country", "ZZ"),
        (6, "claimant_type", "wizard"),
        (6, "kind", "thing"),
        (6, "family", "gov:QQ"),
    } <= found
    assert (7, "claimant", "Good Body") in found
    message = str(caught.value)
    assert message.startswith("8 problem(s) in the claimant table") and f"{path}:4: column family" in message


def test_relays_and_repeats_inherit_the_family_of_the_claim_they_carry():
    claims = frame(
        claim("a", "2024-10-18", NIS, 1500),
        claim("b", "2024-10-19", REUTERS, 1500, repeats="a"),
        claim("c", "2024-10-20", REUTERS, 1500, repeats="b"),  # a repeat of a repeat
        claim("d", "2024-10-21", ("Example Lawmaker", "KR", "other"), 3000, relay="lawmakers briefed by the NIS"),
        claim("e", "2024-10-22", KIRBY, 3000, relay="Financial Times"),  # a carrier, not a source
    )
    found = claim_families(claims)
    assert found["family"].tolist() == ["gov:KR", "gov:KR", "gov:KR", "gov:KR", "gov:US"]
    assert found["family_rule"].tolist() == ["listed", "repeats", "repeats", "relay", "listed"]


# --- the consensus band ----------------------------------------------------------------


def test_two_claimants_of_one_family_count_once():
    claims = frame(
        claim("a", "2024-10-23", NIS, 3000),
        claim("b", "2024-10-23", JCS, 3500),
        claim("c", "2024-10-23", REUTERS, 3200),
    )
    row = at(cs.consensus(claims), "2024-10-23")
    assert row.families == 2 and set(row.family_names) == {"gov:KR", "Reuters"}
    assert (row.low, row.high) == (3000, 3500)
    assert set(row.claim_ids) == {"a", "b", "c"}


def test_a_repeat_and_a_relay_add_no_family():
    claims = frame(
        claim("a", "2024-10-18", NIS, 12000),
        claim("b", "2024-10-19", REUTERS, 12000, repeats="a"),
        claim("c", "2024-10-20", ("Example Lawmaker", "KR", "other"), 12000, relay="lawmakers briefed by the NIS"),
    )
    bands = cs.consensus(claims)
    assert bands["families"].max() == 1
    assert "b" not in {i for ids in bands["claim_ids"] for i in ids}, "a repeat sets no figure"
    assert at(bands, "2024-10-20").family_names == ("gov:KR",)


def test_a_relay_through_a_carrier_keeps_the_family_of_its_source():
    # the carrier named after the source ("via Yonhap") printed the briefing: it is not the source
    claims = frame(
        claim(
            "a",
            "2024-10-18",
            ("Example Lawmaker", "KR", "other"),
            12000,
            relay="lawmakers briefed by the NIS, via Yonhap",
        ),
        claim("b", "2024-10-19", ("Yonhap", "KR", "media"), 12000),
    )
    bands = cs.consensus(claims)
    assert set(at(bands, "2024-10-19").family_names) == {"Yonhap", "gov:KR"}, "two families, not one"


def test_a_stale_claim_drops_out_after_the_window():
    claims = frame(claim("a", "2024-10-01", NIS, 3000), claim("b", "2024-10-20", REUTERS, 3300))
    bands = cs.consensus(claims, stale_days=30)
    assert at(bands, "2024-10-30").families == 2, "day 29 of 30: still current"
    row = at(bands, "2024-10-31")
    assert row.families == 1 and row.claim_ids == ("b",) and (row.low, row.high) == (3300, 3300)
    gone = at(bands, "2024-11-19")
    assert gone.families == 0 and math.isnan(gone.low) and math.isnan(gone.high)
    assert cs.consensus(claims, stale_days=None)["families"].iloc[-1] == 2, "no window: nothing goes stale"


def test_an_up_to_claim_never_raises_the_low_end():
    floor = claim("a", "2024-10-18", NIS, 10000)
    ceiling = claim("b", "2024-10-18", REUTERS, 12000, qualifier="up_to")
    alone = at(cs.consensus(frame(ceiling)), "2024-10-18")
    assert math.isnan(alone.low) and alone.high == 12000, "a ceiling alone states no floor"
    both = at(cs.consensus(frame(floor, ceiling)), "2024-10-18")
    assert (both.low, both.high) == (10000, 12000)
    assert (both.overlap_low, both.overlap_high) == (10000, 10000)
    above = at(cs.consensus(frame(claim("a", "2024-10-18", NIS, 15000), ceiling)), "2024-10-18")
    assert above.low == 12000 <= 15000, "it may pull the low end down, never up"
    assert not above.agree and math.isnan(above.overlap_low), "15,000 and 'up to 12,000' do not overlap"
    for low in (500, 9000, 11000, 13000, 20000):
        without = at(cs.consensus(frame(claim("a", "2024-10-18", NIS, low))), "2024-10-18").low
        with_ = at(cs.consensus(frame(claim("a", "2024-10-18", NIS, low), ceiling)), "2024-10-18").low
        assert with_ <= without


def test_at_least_bounds_from_below_and_about_has_a_tolerance():
    claims = frame(
        claim("a", "2025-04-30", HUR, 14000, qualifier="more_than"),
        claim("b", "2025-04-30", MONITOR, 14000, qualifier="about"),
    )
    row = at(cs.consensus(claims), "2025-04-30")
    assert (row.low, row.high) == (14000, 14000)
    assert row.agree and (row.overlap_low, row.overlap_high) == (14000, pytest.approx(15400))
    floor_only = at(cs.consensus(frame(claim("a", "2025-04-30", HUR, 14000, qualifier="more_than"))), "2025-04-30")
    assert floor_only.low == 14000 and math.isnan(floor_only.high), "open above"
    apart = frame(claim("a", "2025-04-30", NIS, 3000, qualifier="about"), claim("b", "2025-04-30", REUTERS, 3400))
    assert not at(cs.consensus(apart), "2025-04-30").agree, "3,400 is outside 3,000 ± 10 %"
    assert at(cs.consensus(apart, about_tolerance=0.2), "2025-04-30").agree


def test_a_familys_newer_claim_replaces_its_older_one():
    claims = frame(
        claim("a", "2024-10-23", NIS, 3000),
        claim("b", "2025-01-10", JCS, 11000),
        claim("c", "2024-11-01", REUTERS, 3000),
    )
    bands = cs.consensus(claims, stale_days=None)
    row = at(bands, "2025-01-10")
    assert row.claim_ids == ("c", "b") or set(row.claim_ids) == {"b", "c"}
    assert "a" not in row.claim_ids and (row.low, row.high) == (3000, 11000) and row.families == 2


def test_cannot_confirm_sets_no_figure_and_counts_as_dissent():
    claims = frame(
        claim("a", "2024-10-10", PENTAGON, 3000),
        claim("b", "2024-10-15", KIRBY, None, qualifier="none", stance="cannot_confirm"),
        claim("c", "2024-10-15", NIS, 3000),
        claim("d", "2024-10-16", NATO, None, qualifier="none", stance="denies"),
    )
    row = at(cs.consensus(claims), "2024-10-16")
    assert row.families == 1 and row.family_names == ("gov:KR",), "the US's newer statement withdrew its figure"
    assert row.dissenting == 2 and set(row.dissent_ids) == {"b", "d"}
    assert (row.low, row.high) == (3000, 3000)


def test_minimum_grades_are_parameters():
    claims = frame(
        claim("a", "2024-10-18", NIS, 3000),
        claim("b", "2024-10-18", REUTERS, 9000, reliability="D"),
        claim("c", "2024-10-18", MONITOR, 8000, credibility=5),
    )
    assert at(cs.consensus(claims), "2024-10-18").families == 3
    assert at(cs.consensus(claims, min_reliability="C"), "2024-10-18").family_names in (("Example Monitor", "gov:KR"),)
    assert at(cs.consensus(claims, min_reliability="C", min_credibility=3), "2024-10-18").family_names == ("gov:KR",)
    with pytest.raises(ValueError, match="min_reliability"):
        cs.consensus(claims, min_reliability="G")


def test_series_never_join_personnel_kinds():
    claims = frame(
        claim("a", "2025-11-04", NIS, 15000), claim("b", "2025-11-04", NIS, 5000, personnel="military_builders")
    )
    bands = cs.consensus(claims)
    assert at(bands, "2025-11-04").low == 15000
    assert at(bands, "2025-11-04", personnel="military_builders").high == 5000


def test_personnel_is_required():
    claims = frame(claim("a", "2025-11-04", NIS, 15000)).drop(columns="personnel")
    with pytest.raises(ValueError, match="no 'personnel' column"):
        cs.consensus(claims)
    marked = cs.with_personnel(claims)
    assert marked["personnel"].eq("unspecified").all() and "no personnel column" in marked.attrs["personnel_note"]


def test_osint_consensus_is_callable_and_sentences_read_right():
    claims = frame(
        claim("a", "2025-04-30", NIS, 15000),
        claim("b", "2025-05-02", MONITOR, 14000, qualifier="about"),
        claim("c", "2025-04-30", NIS, 4700, measure="casualties"),
    )
    assert osint.consensus(claims).equals(cs.consensus(claims))
    sentences = osint.consensus_sentences(claims)
    assert sentences[0] == (
        "Arrived in Russia (combat troops): 14,000–15,000, from 2 independent source families "
        "(Example Monitor, South Korea (government)) (claims b, a), as of 2 May 2025; "
        "their figures overlap at 15,000."
    )
    assert sentences[1].startswith(
        "Casualties (killed + wounded) (combat troops): 4,700, from 1 independent source family"
    )
    late = osint.consensus_sentences(claims, as_of="2026-01-01", stale_days=120)
    assert late[0] == (
        "Arrived in Russia (combat troops): no current figure as of 1 Jan 2026; the last band, 14,000 "
        "from 1 independent source family (Example Monitor), went stale on 30 Aug 2025."
    )


def test_band_rows_only_where_the_picture_changes():
    claims = frame(claim("a", "2024-10-01", NIS, 3000), claim("b", "2024-10-05", REUTERS, 3300))
    bands = cs.consensus(claims, stale_days=10)
    assert bands["date"].dt.strftime("%m-%d").tolist() == ["10-01", "10-05", "10-11", "10-15"]
    assert bands["families"].tolist() == [1, 2, 1, 0]
    assert bands["until"].iloc[:-1].tolist() == bands["date"].iloc[1:].tolist() and pd.isna(bands["until"].iloc[-1])


# --- first said, then echoed -----------------------------------------------------------


def test_echo_chain_order_and_lags():
    claims = frame(
        claim("p", "2024-11-04", PENTAGON, 10000, location="Kursk region", geo_precision="region"),
        claim("r", "2024-11-04", REUTERS, 10000, repeats="p"),
        claim("n", "2024-11-05", NATO, 10000, location="Kursk region", geo_precision="region"),
        claim("s", "2024-11-10", STATE, 10000),
        claim("z", "2024-11-20", ZELENSKY, 10000, qualifier="about"),
        claim("x", "2024-11-01", NIS, 3000),
    )
    chains = echo_chains(claims)
    ten = chains.loc[chains.figure_low == 10000].sort_values("order")
    assert ten["family"].tolist() == ["gov:US", "NATO", "gov:UA"]
    assert ten["lag_days"].tolist() == [0, 1, 16]
    assert ten["claim_ids"].iloc[0] == ("p", "r", "s") and ten["statements"].iloc[0] == 3
    assert format_echo_chain(chains, int(ten["chain"].iloc[0])) == (
        "10,000 in Kursk region: first US Department of Defense (4 Nov 2024), then NATO (+1 day), "
        "Volodymyr Zelensky (about 10,000, +16 days)"
    )
    place = echo_position(claims, "n")
    assert (place["order"], place["lag_days"], place["first_claim_id"], place["family"]) == (1, 1, "p", "NATO")
    repeat = echo_position(claims, "r")
    assert (repeat["family_rule"], repeat["order"], repeat["family"]) == ("repeats", 0, "gov:US")
    assert echo_position(claims, "x")["families_in_chain"] == 1


# --- views -----------------------------------------------------------------------------


def test_views_draw_on_the_given_axes_and_return_them():
    claims = attach_families(
        frame(
            claim("a", "2024-10-18", NIS, 1500, qualifier="at_least"),
            claim("b", "2024-10-23", REUTERS, (2000, 3000), qualifier="range", relay="Example Agency"),
            claim("c", "2024-10-25", MONITOR, 12000, qualifier="up_to"),
        )
    )
    bands, held = cs.consensus(claims), cs.positions(claims)
    fig, axes = plt.subplots(3, 1)
    assert plots.plot_consensus(bands, held, ax=axes[0]) is axes[0]
    assert len(axes[0].collections) >= 2, "band and overlap are drawn"
    assert plots.plot_divergence(cs.divergence(claims), ax=axes[1]) is axes[1]
    assert plots.plot_relay_network(claims, ax=axes[2]) is axes[2]
    panels = plots.plot_consensus_panels(bands, held)
    assert len(panels.axes) == 1
    graph = plots.relay_graph(claims)
    assert graph.has_edge(("claimant", "Reuters"), ("relay", "Example Agency"))
    assert graph.has_edge(("relay", "Example Agency"), ("outlet", "Example Wire"))
    assert graph.nodes[("claimant", NIS[0])]["family"] == "gov:KR"
    plt.close("all")


def test_plot_consensus_refuses_to_mix_series():
    claims = frame(claim("a", "2024-10-18", NIS, 1500), claim("b", "2024-10-18", NIS, 600, measure="killed"))
    with pytest.raises(ValueError, match="one \\(measure, personnel\\) series"):
        plots.plot_consensus(cs.consensus(claims))


def _reference_band(
    claims: pd.DataFrame, measure: str, personnel: str, day: pd.Timestamp, stale_days: int, tolerance: float = 0.10
) -> tuple:
    """The band on one day, computed the slow, obvious way from the rules in data/METHOD.md."""
    rows = claims.loc[
        (claims.measure == measure)
        & (claims.personnel == personnel)
        & claims.repeats.isna()
        & (claims.statement_date <= day)
    ]
    figures, dissent = {}, set()
    for family, g in rows.groupby("family"):
        said = g.loc[(g.stance != "asserts") | g.figure_low.notna() | g.figure_high.notna()]
        said = said.loc[(said.stance == "asserts") | said.stance.isin(["cannot_confirm", "denies"])]
        if said.empty:
            continue
        latest = said.loc[said.statement_date == said.statement_date.max()]
        if latest.statement_date.iloc[0] + pd.Timedelta(days=stale_days) <= day:
            continue
        with_figure = latest.loc[latest.stance == "asserts"]
        if len(with_figure):
            figures[family] = with_figure
        else:
            dissent.add(family)
    if not figures:
        return 0, math.nan, math.nan, len(dissent)
    every = pd.concat(figures.values())
    q = every.qualifier.astype(str)
    lo = every.figure_low.astype("float").fillna(every.figure_high.astype("float"))
    hi = every.figure_high.astype("float").fillna(every.figure_low.astype("float"))
    floors = q.isin(["exact", "about", "range", "at_least", "more_than"])
    ceilings = q.isin(["exact", "about", "range", "up_to", "fewer_than"])
    low = lo.min() if floors.any() else math.nan
    high = hi.max() if ceilings.any() else math.nan
    return len(figures), low, high, len(dissent)


def test_band_matches_a_slow_reference_on_random_ledgers():
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_claims

    claims = synthetic_claims(600, seed=7, days=200, claimants=9, families=4)
    bands = cs.consensus(claims, stale_days=30)
    sample = bands.sample(80, random_state=1)
    for r in sample.itertuples(index=False):
        for day in (r.date, r.date + pd.Timedelta(hours=12)):
            families, low, high, dissent = _reference_band(claims, r.measure, r.personnel, day, 30)
            assert (r.families, r.dissenting) == (families, dissent), (r, day)
            assert (math.isnan(low) and math.isnan(r.low)) or low == r.low
            assert (math.isnan(high) and math.isnan(r.high)) or high == r.high
