"""Every notebook runs under papermill on a small ledger, and renders to a shareable HTML file."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from osint.paths import NOTEBOOKS_DIR
from osint.reporting import load_manifests, read_spec, run_report

NOTEBOOKS = sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))


class _Page(HTMLParser):
    """Collects what a reader of the HTML would get: tags, links, images, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.classes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.classes += (attrs.get("class") or "").split()
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag in ("link", "script", "iframe") and (attrs.get("src") or attrs.get("href")):
            self.links.append("REMOTE:" + (attrs.get("src") or attrs.get("href")))

    def handle_data(self, data):
        self.text.append(data)


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_on_the_small_ledger(name, small_ledger, tmp_path):
    parameters = read_spec(name).parameters
    given = {"ledger": str(small_ledger)} if "ledger" in parameters else {}
    if "candidates" in parameters:
        given["candidates"] = str(Path(__file__).parent / "fixtures" / "candidates_example.csv")
    result = run_report(name, given, out_dir=tmp_path)
    assert result.ok, result.error
    assert result.html.is_file() and result.notebook.is_file()
    page = _page(result.html)
    assert "script" not in page.tags, "a shared report runs no script"
    assert not [link for link in page.links if link.startswith("REMOTE:")], "a shared report loads nothing remote"
    assert "jp-InputArea-editor" not in page.classes, "code cells are hidden"
    assert "import osint" not in " ".join(page.text), "no source code in the report"
    assert all(src.startswith("data:image/") for src in page.images), "images are inline"


@pytest.fixture(scope="module")
def october_briefing(tmp_path_factory):
    ledger = Path(__file__).parent / "fixtures" / "claims_small.csv"
    out = tmp_path_factory.mktemp("briefing")
    return run_report("briefing", {"ledger": str(ledger), "start": "2024-10-01", "end": "2024-10-31"}, out_dir=out)


def test_briefing_shows_headline_timeline_and_claims(october_briefing):
    assert october_briefing.ok, october_briefing.error
    assert re.fullmatch(r"briefing-end-2024-10-31_ledger-claims-small-[0-9a-f]{8}\.html", october_briefing.html.name)
    page = _page(october_briefing.html)
    text = " ".join(page.text)
    assert "Headline figures" in text and "Timeline of claims" in text and "All claims in the window" in text
    assert "up to 12,000" in text and "at least 1,500" in text and "10,000" in text
    assert "svg" in page.tags and "osint-mark" in page.classes, "the timeline is inline SVG with linked marks"
    assert (
        "https://www.zerohedge.com/geopolitical/new-claims-10000-north-korean-troops-are-being-sent-fight-ukraine"
        in page.links
    )


def test_briefing_window_excludes_later_claims(october_briefing):
    text = " ".join(_page(october_briefing.html).text)
    assert "t-006" in text  # week of 21 October: inside
    assert "t-007" not in text  # November: outside the window
    assert "6 claim(s)" in text


def test_failing_run_is_kept_and_good_report_untouched(tmp_path, small_ledger):
    ledger = tmp_path / "claims.csv"
    shutil.copy(small_ledger, ledger)
    out = tmp_path / "reports"
    good = run_report("briefing", {"ledger": str(ledger)}, out_dir=out)
    assert good.ok
    before = good.html.read_bytes()
    # Same report name, but the ledger gets a row with an impossible date: the notebook
    # raises, papermill stops, and the failure is kept beside the good report.
    with open(ledger, "a", encoding="utf-8") as handle:
        handle.write(
            "t-900,2024-13-45,day,,X,,other,asserts,killed,combat_troops,1,1,exact,,,,https://example.org/x,Example,,,,,F,6,\n"
        )
    bad = run_report("briefing", {"ledger": str(ledger)}, out_dir=out)
    assert not bad.ok and "2024-13-45" in bad.error
    assert bad.html.is_file() and bad.html.parent.parent.name == "runs"
    assert "2024-13-45" in bad.html.read_text(encoding="utf-8"), "the error is visible in the kept HTML"
    assert good.html.read_bytes() == before, "the last good report is untouched"
    statuses = sorted(m["status"] for m in load_manifests(out))
    assert statuses == ["failed", "ok"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="failed"') == 1 and index.count('class="ok"') == 1


def test_corroboration_report_states_bands_echoes_and_method(small_ledger, tmp_path):
    result = run_report("corroboration", {"ledger": str(small_ledger), "stale_days": "60"}, out_dir=tmp_path)
    assert result.ok, result.error
    assert result.html.name.startswith("corroboration-")
    page = _page(result.html)
    text = " ".join(page.text)
    for heading in (
        "Where things stand",
        "The consensus band over time",
        "First said, then echoed",
        "Who runs high, who runs low",
        "Who relayed whom",
    ):
        assert heading in text
    # t-006 repeats t-005 (the NIS's "at least 1,500"): one family, not two.
    assert re.search(
        r"Arrived in Russia \((unspecified|combat troops)\): 1,500 or more, from 1 independent source "
        r"family \(South Korea \(government\)\) \(claims t-005\), as of 18 Oct 2024",
        text,
    )
    assert "stay current for 60 days" in text
    assert len(page.images) >= 3, "band, divergence and relay network figures"
