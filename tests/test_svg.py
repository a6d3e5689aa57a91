"""Shared figures: inline SVG whose claim marks link to their sources, safely."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from osint.svg import claim_title, linked_figure, linked_svg, safe_url  # noqa: E402
from osint.timeline import plot_timeline  # noqa: E402

from conftest import ledger_frame  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _rows() -> pd.DataFrame:
    base = dict(
        date_precision="day",
        claimant_type="government",
        stance="asserts",
        measure="arrived_in_russia",
        source_outlet="Example Wire",
        reliability="C",
        credibility=3,
    )
    return ledger_frame(
        [
            {
                **base,
                "claim_id": "s-1",
                "statement_date": "2024-10-17",
                "claimant": "Claimant <b>A</b>",
                "qualifier": "exact",
                "figure_low": 1500,
                "figure_high": 1500,
                "source_url": "https://example.org/a?x=1&y=2",
            },
            {
                **base,
                "claim_id": "s-2",
                "statement_date": "2024-10-20",
                "claimant": "Claimant B",
                "qualifier": "up_to",
                "figure_high": 3000,
                "source_url": "https://example.org/b",
            },
            {
                **base,
                "claim_id": "s-3",
                "statement_date": "2024-10-21",
                "claimant": "Claimant C",
                "stance": "cannot_confirm",
                "qualifier": "none",
                "source_url": "https://example.org/c",
            },
        ]
    )


def _links(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [e for e in root.iter() if e.get("class") == "osint-mark"]


def test_every_claim_mark_links_to_its_source_with_a_title():
    rows = _rows()
    svg = linked_svg(plot_timeline(rows), rows)
    marks = {(e.get("data-kind"), e.get("data-claim")): e for e in _links(svg)}
    assert {("point", "s-1"), ("upto", "s-2"), ("rug", "s-3")} <= set(marks)
    urls = dict(zip(rows["claim_id"], rows["source_url"]))
    for (_kind, claim), element in marks.items():
        assert element.tag == f"{SVG}a" and element.get("href") == urls[claim]
        title = element.find(f"{SVG}title")
        assert title is not None and title.text.startswith(claim)
    assert "≤" not in marks[("upto", "s-2")].find(f"{SVG}title").text  # said in words: "up to 3,000"
    assert "up to 3,000 arrived in Russia" in marks[("upto", "s-2")].find(f"{SVG}title").text
    assert "&amp;y=2" in svg and "<b>" not in svg, "URLs and names are escaped"


def test_only_http_urls_become_links():
    for url in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>",
        "https://exa mple.org",
        "https://example.org/\x00",
        "ftp://example.org/x",
        "//example.org/x",
        "",
    ):
        assert safe_url(url) is None, url
    rows = _rows()
    rows.loc[rows["claim_id"] == "s-1", "source_url"] = "javascript:alert(1)"  # past the loader's check
    svg = linked_svg(plot_timeline(rows), rows)
    assert "javascript:" not in svg
    mark = next(e for e in _links(svg) if e.get("data-claim") == "s-1")
    assert mark.tag == f"{SVG}g", "a hostile URL leaves the mark without a link"
    assert mark.find(f"{SVG}title").text.startswith("s-1"), "but keeps its hover title"


def test_ids_are_unique_when_figures_share_a_page():
    rows = _rows()
    one, two = linked_svg(plot_timeline(rows), rows), linked_svg(plot_timeline(rows), rows)
    ids = re.findall(r' id="([^"]+)"', one) + re.findall(r' id="([^"]+)"', two)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'href="#([^"]+)"', one)) | set(re.findall(r"url\(#([^)]+)\)", one))
    assert refs <= set(re.findall(r' id="([^"]+)"', one)), "every reference points inside its own figure"


def test_large_figures_fall_back_to_png_and_say_so():
    rows = _rows()
    shown = linked_figure(plot_timeline(rows), rows, max_marks=1)
    assert shown.format == "png" and "data:image/png;base64," in shown._repr_html_()
    assert "claims table links every claim" in shown._repr_html_()
    shown = linked_figure(plot_timeline(rows), rows, max_bytes=1000)
    assert shown.format == "png" and "MB" in shown._repr_html_()
    shown = linked_figure(plot_timeline(rows), rows)
    assert shown.format == "svg" and shown.marks >= 3 and shown._repr_html_().count("<svg") == 1


def test_claim_title_says_the_figure_the_kind_and_the_date():
    row = {
        "claim_id": "x-9",
        "claimant": "Example Agency",
        "stance": "cannot_confirm",
        "measure": "in_combat",
        "personnel": "combat_troops",
        "statement_date": pd.Timestamp("2024-10-15"),
        "date_precision": "week",
    }
    assert claim_title(row) == "x-9 · Example Agency · cannot confirm: in combat · said week of 15 Oct 2024"
