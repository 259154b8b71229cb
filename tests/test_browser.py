"""The course as a person sees it: JupyterLab in a real (headless) Chromium, and the HTML copy.

nbval proves the kernel side only; a chart that never draws or a button that does nothing
passes it. Here the notebooks run in JupyterLab, in Debian's Chromium driven by Playwright,
and the test looks for drawn bars. Screenshots land in build/screenshots/ either way.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = REPO / "build" / "screenshots"
TOKEN = "layerlab-browser-test"


def need_browser():
    missing = []
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if not Path(CHROMIUM).exists():
        missing.append("Debian's chromium (apt-get install chromium)")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but it lacks {', '.join(missing)}")
        pytest.skip(f"no browser to test with: {', '.join(missing)}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, engine, base_image):
    need_browser()
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")  # the tests' outputs stay out
    settings = root / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={root / 'settings'}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LAYERLAB_MODE": "live"},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start on the loopback address")
    yield base
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    need_browser()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def run_all(page, lab, notebook: str):
    page.goto(f"{lab}/lab/tree/notebooks/{notebook}?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # JupyterLab may ask which kernel to start: the notebook's own, python3.
    from playwright.sync_api import TimeoutError as NoDialog

    select = page.locator(".jp-Dialog button:has-text('Select')")
    try:
        select.wait_for(timeout=10_000)
        select.click()
    except NoDialog:  # the kernel started by itself
        pass
    page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")


def test_the_charts_draw_in_jupyterlab(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        run_all(page, lab, "04_reordered_dockerfile.ipynb")
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot').length >= 4"
            " && document.querySelectorAll('.js-plotly-plot .bars .point').length >= 10",
            timeout=300_000,
        )
        assert page.locator("text=The first step to run again was the last COPY").count() >= 1
    finally:
        page.screenshot(path=SHOTS / "04_reordered_dockerfile.png", full_page=True)
        page.close()


def test_the_rebuild_button_updates_the_chart(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        run_all(page, lab, "05_try_it_yourself.ipynb")
        button = page.locator("button:has-text('Change one line and rebuild')")
        button.wait_for(timeout=120_000)
        # Wait until the notebook's own check has run, then press the button ourselves.
        page.wait_for_selector(
            "text=Changing requirements.txt makes even the reordered", timeout=300_000
        )
        charts_before = page.locator(".js-plotly-plot").count()
        button.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot').length > {charts_before}",
            timeout=300_000,
        )
        page.wait_for_selector("text=The rebuild took", timeout=60_000)
        assert page.locator(".js-plotly-plot .bars .point").count() >= 5
    finally:
        page.screenshot(path=SHOTS / "05_try_it_yourself.png", full_page=True)
        page.close()


def test_the_exported_html_draws_offline(browser, engine, base_image, tmp_path):
    notebook = REPO / "notebooks" / "04_reordered_dockerfile.ipynb"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--execute",
            "--output-dir",
            str(tmp_path),
            str(notebook),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "LAYERLAB_MODE": "live"},
    )
    # No network at all: plotly.js must be inside the page.
    context = browser.new_context(offline=True)
    page = context.new_page()
    try:
        page.goto((tmp_path / "04_reordered_dockerfile.html").as_uri())
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot .bars .point').length >= 10",
            timeout=60_000,
        )
    finally:
        page.screenshot(path=SHOTS / "04_reordered_dockerfile.html.png", full_page=True)
        context.close()
