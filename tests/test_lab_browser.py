"""The explorer in a real JupyterLab, driven in headless Chromium: run all, change a filter.

JupyterLab is started on 127.0.0.1 at a free port with a random token, on a temporary copy
of ``notebooks/explore.ipynb`` and ``data/claims.csv``, with news, update checks and the
extension catalogue turned off; the browser may only talk to that server (every other
request is blocked and recorded). The test runs every cell, picks a measure in the
explorer's measures list, and checks that the claim count and the overview image change.
A screenshot goes to the test's temporary folder, and to ``$OSINT_SCREENSHOT_DIR`` when set.

Needs Debian's ``chromium`` and the ``playwright`` package; skips without them. Run alone:

    OSINT_SCREENSHOT_DIR=reports/screenshots .venv/bin/python -m pytest tests/test_lab_browser.py -v
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="/usr/bin/chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("jupyterlab")

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on loopback over a copy of the explorer notebook and the ledger."""
    home = tmp_path_factory.mktemp("lab")
    root = home / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copyfile(ROOT / "notebooks" / "explore.ipynb", root / "notebooks" / "explore.ipynb")
    shutil.copyfile(ROOT / "data" / "claims.csv", root / "data" / "claims.csv")
    # no news, no update checks, no toasts: nothing asks to reach the network
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false, "doNotDisturbMode": true}', encoding="utf-8"
    )
    port, token = free_port(), secrets.token_hex(24)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLBACKEND": "Agg",
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        # should this process ever be left behind, it stops itself
        "--MappingKernelManager.cull_idle_timeout=300",
        "--MappingKernelManager.cull_interval=60",
        "--ServerApp.shutdown_no_activity_timeout=600",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers often run as root
        command.append("--ServerApp.allow_root=True")
    log = open(home / "server.log", "w")  # noqa: SIM115 - the server writes to it until teardown
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, process_group=0)
    base = f"http://127.0.0.1:{port}"
    # a hung browser step cannot keep the server (and its kernel) alive past the test's budget
    watchdog = threading.Timer(4 * TIMEOUT_S, lambda: server.poll() is None and os.killpg(server.pid, signal.SIGKILL))
    watchdog.daemon = True
    watchdog.start()
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (home / "server.log").read_text()[-3000:])
            time.sleep(0.5)
        yield {"base": base, "token": token, "root": root, "log": home / "server.log"}
    finally:
        try:  # a clean stop also shuts down the kernels the server started
            request = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
            urllib.request.urlopen(request, timeout=10).close()
        except OSError:
            pass
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=15)
        watchdog.cancel()
        log.close()


@pytest.fixture
def page(lab):
    """A Chromium page that can reach the lab server and nothing else."""
    blocked: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1800})

            def route(route):
                url = urlparse(route.request.url)
                if url.scheme in ("data", "blob") or url.hostname == "127.0.0.1":
                    return route.continue_()
                blocked.append(route.request.url)
                return route.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_S * 1000)
            page.blocked = blocked
            yield page
            context.close()
        finally:
            browser.close()


def timeline_bytes(page) -> str:
    """The overview image the browser holds, as base64 (fetched from its blob URL)."""
    return page.eval_on_selector(
        ".osint-timeline img, img.osint-timeline",
        """async (img) => {
            const buffer = await (await fetch(img.src)).arrayBuffer();
            let text = ""; for (const b of new Uint8Array(buffer)) text += String.fromCharCode(b);
            return btoa(text);
        }""",
    )


def test_explorer_runs_in_jupyterlab_and_follows_a_filter(lab, page, tmp_path):
    page.goto(f"{lab['base']}/lab/tree/notebooks/explore.ipynb?token={lab['token']}")
    page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')")
    page.wait_for_function(  # the notebook's kernel is up and idle
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
        " return k && k.status === 'idle'; }"
    )
    # started, not awaited: the command's promise settles only when every cell has run
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    count = page.locator(".osint-count")
    count.wait_for(state="visible")
    page.wait_for_function("() => /\\d+ of \\d+ claims match/.test(document.querySelector('.osint-count').innerText)")
    before_text = count.inner_text()
    from osint import load_claims
    from osint.paths import DATA_DIR

    total = len(load_claims(DATA_DIR / "claims.csv"))  # the notebook opens the shipped ledger
    assert before_text.startswith(f"{total} of {total} claims match"), before_text
    page.wait_for_function(
        "() => { const i = document.querySelector('.osint-timeline img, img.osint-timeline');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    before_image = timeline_bytes(page)

    select = page.locator(".osint-measures select")
    labels = select.locator("option").all_inner_texts()
    killed = [label for label in labels if label.startswith("killed")]
    assert killed, labels
    select.select_option(label=killed[0])
    page.wait_for_function("(before) => document.querySelector('.osint-count').innerText !== before", arg=before_text)
    after_text = count.inner_text()
    expected = killed[0].split("(")[1].rstrip(")")
    assert after_text.startswith(f"{expected} of {total} claims match"), after_text
    deadline = time.monotonic() + 30
    after_image = timeline_bytes(page)
    while after_image == before_image and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        after_image = timeline_bytes(page)
    assert after_image != before_image, "the overview image was redrawn"
    page.locator(".osint-explorer").scroll_into_view_if_needed()
    shot = tmp_path / "explore-killed.png"
    page.locator(".osint-explorer").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("OSINT_SCREENSHOT_DIR"):
        target = Path(os.environ["OSINT_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target / shot.name)
    errors = [line for line in lab["log"].read_text().splitlines() if "Traceback" in line]
    assert not errors, lab["log"].read_text()[-3000:]
    assert page.blocked == [], f"JupyterLab tried to reach the network: {page.blocked}"
