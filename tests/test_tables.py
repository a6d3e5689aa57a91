"""Report tables: the headline by kind of people, a claims table that fits, empty selections explained."""

from __future__ import annotations

import pytest

from osint import tables

from conftest import ledger_frame

NIS = "National Intelligence Service (South Korea)"


def _row(**values) -> dict:
    base = dict(
        date_precision="day",
        claimant=NIS,
        claimant_type="intelligence",
        stance="asserts",
        measure="arrived_in_russia",
        qualifier="exact",
        source_url="https://example.org/item",
        source_outlet="Example Wire",
        reliability="B",
        credibility=2,
    )
    return {**base, **values}


@pytest.fixture
def claims():
    return ledger_frame(
        [
            _row(
                claim_id="nkr-0001",
                statement_date="2024-11-01",
                figure_low=11000,
                figure_high=11000,
                notes="Said to lawmakers in a closed briefing.",
            ),
            _row(
                claim_id="nkr-0002",
                statement_date="2025-11-04",
                figure_low=5000,
                figure_high=5000,
                personnel="military_builders",
                notes="Construction workers, not combat troops.",
            ),
            _row(
                claim_id="nkr-0003",
                statement_date="2024-10-15",
                claimant="John Kirby (White House)",
                claimant_type="government",
                stance="cannot_confirm",
                qualifier="none",
                measure="in_combat",
            ),
        ]
    )


def test_headline_keeps_kinds_of_people_apart(claims):
    frame = tables.headline(claims)
    nis = frame[frame["claimant"] == NIS].set_index("personnel")["figure"].to_dict()
    assert nis == {"combat troops": "11,000", "military builders": "5,000"}
    markup = tables.headline_table(claims).markup
    assert "<th>Counts</th>" in markup and "military builders" in markup
    latest = frame.iloc[0]
    assert f'<span style="white-space:nowrap">{latest["claim_id"]}</span>' in markup, "ids never wrap"
    assert f'<span style="white-space:nowrap">{latest["said"]}</span>' in markup, "dates never wrap"


def test_claims_table_fits_the_page(claims):
    markup = tables.claims_table(claims).markup
    assert '<span style="white-space:nowrap">nkr-0001</span>' in markup
    assert '<span style="white-space:nowrap">2024-11-01</span>' in markup
    assert "Construction workers, not combat troops." in markup and "<th>Notes</th>" in markup
    assert "<th>Quote</th>" not in markup, "no quote column when no claim has a quote"
    quoted = claims.copy()
    quoted.loc[quoted.index[0], "quote"] = "about 11,000"
    assert "<th>Quote</th>" in tables.claims_table(quoted).markup


@pytest.mark.parametrize(
    "selection, reason",
    [
        ({"claimants": ["Nobody"]}, "claimant not found: 'Nobody' is not a claimant of the ledger"),
        ({"claimants": ["NIS (South Korea)"]}, "is the short label of 'National Intelligence Service (South Korea)'"),
        ({"claimants": ["John Kirbi (White House)"]}, "did you mean 'John Kirby (White House)'"),
        ({"measures": ["captured"]}, "no claims of the measure 'captured' in the ledger"),
        ({"start": "2026-01-01"}, "after the last claim of the ledger (2025-11-04)"),
        ({"end": "2024-01-01"}, "before the first claim of the ledger (2024-10-15)"),
        ({"start": "2025-01-01", "end": "2024-01-01"}, "the window starts (2025-01-01) after it ends (2024-01-01)"),
        (
            {"claimants": ["John Kirby (White House)"], "measures": ["arrived_in_russia"]},
            "no claim matches them all together",
        ),
    ],
)
def test_an_empty_selection_says_why(claims, selection, reason):
    assert reason in tables.empty_reason(claims, **selection)
    block = tables.title_block("T", claims.iloc[:0], empty=tables.empty_reason(claims, **selection)).markup
    assert "No claims to show:" in block


def test_a_selection_with_claims_needs_no_reason(claims):
    assert tables.empty_reason(claims, start="2024-10-01") is None
