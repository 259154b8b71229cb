"""Debian's Chromium driven by Playwright, for the tests that look at the course as a person
sees it (tests/test_browser.py, tests/test_workshop.py). Screenshots land in
build/screenshots/."""

from __future__ import annotations

import contextlib
import os
import shutil
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


@contextlib.contextmanager
def start_chromium():
    need_browser()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def run_all_cells(page):
    """Run every cell of the notebook that has just opened, as a learner would from the menu."""
    wait_for_kernel(page)
    run_menu(page, "Run All Cells")


def run_menu(page, item: str):
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click(f"li.lm-Menu-item:has-text('{item}')")


def wait_for_kernel(page):
    """Wait until the notebook that has just opened has its kernel, idle."""
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=60_000)
    # JupyterLab may ask which kernel to start: the notebook's own, python3.
    from playwright.sync_api import TimeoutError as NoDialog

    select = page.locator(".jp-Dialog button:has-text('Select')")
    try:
        select.wait_for(timeout=10_000)
        select.click()
    except NoDialog:  # the kernel started by itself
        pass
    page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=120_000)


def output(page, text: str):
    """Cell outputs containing `text`: the notebook's code may say the same words."""
    return page.locator(f'.jp-OutputArea-output:has-text("{text}")')
