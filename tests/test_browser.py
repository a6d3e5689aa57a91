"""Shared reports opened in a real browser (headless Chromium), with the network blocked.

Needs Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it) and the
``playwright`` package, which drives it; the tests skip when either is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from osint.reporting import run_report

from conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api")

# As the machine's own probe starts it: no background traffic of Chromium's own.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


def open_offline(browser, path: Path) -> tuple[object, dict[str, list]]:
    """Open a local file with every non-file request blocked; record requests and console."""
    seen: dict[str, list] = {"requests": [], "blocked": [], "console": [], "errors": []}
    context = browser.new_context(offline=True, java_script_enabled=True)

    def route(route):
        url = route.request.url
        if url.startswith("file://") and Path(url[len("file://") :]).resolve() == path.resolve():
            return route.continue_()
        seen["blocked"].append(url)
        return route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return page, seen


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    result = run_report("briefing", {"ledger": str(FIXTURES / "claims_small.csv")}, out_dir=out)
    assert result.ok, result.error
    return result.html


def test_report_makes_no_request_and_renders_every_figure(browser, report_file):
    page, seen = open_offline(browser, report_file)
    assert seen["requests"] == [report_file.resolve().as_uri()], "the only load is the file itself"
    assert seen["blocked"] == []
    assert seen["errors"] == [] and seen["console"] == [], seen
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert widths and all(w > 0 for w in widths), widths
    assert page.locator("table.osint-table").count() >= 2


def test_index_page_makes_no_request(browser, report_file):
    page, seen = open_offline(browser, report_file.parent / "index.html")
    assert seen["blocked"] == [] and seen["errors"] == [] and seen["console"] == [], seen
    assert page.locator("td.ok").count() == 1


def test_hostile_ledger_text_stays_text(browser, tmp_path):
    result = run_report("briefing", {"ledger": str(FIXTURES / "claims_hostile.csv")}, out_dir=tmp_path)
    assert result.ok, result.error
    page, seen = open_offline(browser, result.html)
    assert page.evaluate("typeof window.__injected") == "undefined", "no injected script ran"
    assert seen["blocked"] == [], "the injected iframe and image made no request"
    assert seen["errors"] == [] and seen["console"] == [], seen
    body = page.inner_text("body")
    assert '<script>window.__injected = "quote"</script>' in body
    assert "onerror=" in body and "<iframe" in body, "payloads are shown as text"
    assert page.locator("script").count() == 0
    assert page.locator("iframe").count() == 0
    assert page.locator("img:not([src^='data:'])").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0


# --- the default briefing's linked figures ---------------------------------------------------------

#: Kinds of mark that draw a claim in a timeline (extents, fades and labels go with them).
CLAIM_MARKS = ("point", "range", "upto", "atleast", "rug")


@pytest.fixture(scope="module")
def default_briefing(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("default-briefing")
    result = run_report("briefing", {}, out_dir=out)
    assert result.ok, result.error
    return result.html


def _timeline_marks(page) -> list[dict]:
    """The claim marks of the first figure (the overview timeline), as the browser sees them."""
    return page.eval_on_selector_all(
        "div.osint-figure >> nth=0 >> .osint-mark",
        """marks => marks.map(m => ({tag: m.tagName, kind: m.dataset.kind, claim: m.dataset.claim,
                href: m.getAttribute('href'), title: (m.querySelector('title') || {}).textContent || ''}))""",
    )


def test_default_briefing_links_every_claim_mark_to_its_source(browser, default_briefing):
    from osint import analysis, load_claims
    from osint.paths import DATA_DIR

    page, seen = open_offline(browser, default_briefing)
    assert seen["blocked"] == [] and seen["errors"] == [] and seen["console"] == [], seen
    assert page.evaluate("document.scripts.length") == 0, "zero scripts"
    assert page.locator("div.osint-figure svg").count() >= 1, "the timeline is inline SVG"
    window = analysis.filter_claims(load_claims(DATA_DIR / "claims.csv"), start="2024-10-01")
    urls = dict(zip(window["claim_id"], window["source_url"]))
    marks = [m for m in _timeline_marks(page) if m["kind"] in CLAIM_MARKS]
    claims = [m["claim"] for m in marks]
    assert sorted(claims) == sorted(urls), "one link per drawn claim mark, for every claim in the window"
    for mark in marks:
        assert mark["tag"] == "a" and mark["href"] == urls[mark["claim"]], mark
        assert mark["title"].startswith(mark["claim"] + " · "), mark
    # the hover title is what the browser shows on the mark itself
    first = page.locator(f"div.osint-figure >> nth=0 >> a.osint-mark[data-claim='{marks[0]['claim']}']").first
    assert first.locator("title").count() == 1


def test_hostile_source_url_is_not_a_link_in_the_browser(browser, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from osint import load_claims
    from osint.svg import linked_figure
    from osint.timeline import plot_timeline

    rows = load_claims(FIXTURES / "claims_small.csv")
    rows["source_url"] = rows["source_url"].astype("object")
    hostile = rows["claim_id"].iloc[0]
    rows.loc[rows.index[0], "source_url"] = "javascript:alert(1)"  # past the loader, which refuses it
    shown = linked_figure(plot_timeline(rows), rows)
    template = (
        Path(__file__).resolve().parent.parent / "osint" / "reporting" / "templates" / "offline" / "index.html.j2"
    ).read_text()
    csp = next(line for line in template.splitlines() if "Content-Security-Policy" in line)
    path = tmp_path / "figure.html"
    path.write_text(
        f"<!doctype html><html><head>{csp}</head><body>{shown._repr_html_()}</body></html>", encoding="utf-8"
    )
    page, seen = open_offline(browser, path)
    assert seen["blocked"] == [] and seen["errors"] == [], seen
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator(f"a.osint-mark[data-claim='{hostile}']").count() == 0
    mark = page.locator(f"g.osint-mark[data-claim='{hostile}']").first
    assert mark.locator("title").text_content().startswith(hostile)
    mark.click(force=True)
    page.wait_for_timeout(200)
    assert page.url == path.resolve().as_uri() and seen["errors"] == [], "clicking the mark runs nothing"
    assert page.locator("a.osint-mark").count() > 0, "the other marks still link"
