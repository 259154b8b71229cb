"""The course as a person sees it: JupyterLab in a real (headless) Chromium, and the HTML copy.

nbval proves the kernel side only; a chart that never draws or a button that does nothing
passes it. Here the notebooks run in JupyterLab, in Debian's Chromium driven by Playwright,
and the test looks for drawn bars. Screenshots land in build/screenshots/ either way.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_support import (
    SHOTS,
    TOKEN,
    need_browser,
    output,
    run_all_cells,
    run_menu,
    start_chromium,
    wait_for_kernel,
)
from conftest import BINDER_URLPATH, REPO

from helpers import i18n


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, env: dict[str, str]):
    """JupyterLab on the loopback address serving a copy of the notebooks under `root`."""
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
            # Its own workspace: tabs left open by an earlier run must not come back.
            f"--LabApp.workspaces_dir={root / 'workspaces'}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
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
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def lab(tmp_path_factory, engine, base_image):
    need_browser()
    folder = tmp_path_factory.mktemp("lab")
    # The learner's predictions are kept in the test's folder, not this machine's home.
    env = {**os.environ, "LAYERLAB_MODE": "live", "LAYERLAB_STATE_DIR": str(folder / "state")}
    with jupyterlab(folder, env) as base:
        yield base


@pytest.fixture(scope="module")
def binder_lab(tmp_path_factory):
    """What Binder gives a learner: JupyterLab and no Docker engine anywhere."""
    need_browser()
    env = {**os.environ, "DOCKER_HOST": "unix:///nonexistent/docker.sock"}
    env.pop("LAYERLAB_MODE", None)  # auto, as on Binder: the switch must happen by itself
    with jupyterlab(tmp_path_factory.mktemp("binder"), env) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with start_chromium() as launched:
        yield launched


def run_all(page, lab, notebook: str):
    page.goto(f"{lab}/lab/tree/notebooks/{notebook}?token={TOKEN}")
    run_all_cells(page)


def test_the_setup_notebook_says_the_machine_is_ready(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        run_all(page, lab, "01_setup_check.ipynb")
        output(page, "This machine is ready for the course").wait_for(timeout=300_000)
        assert output(page, "Docker engine").count() >= 1
    finally:
        page.screenshot(path=SHOTS / "01_setup_check.png", full_page=True)
        page.close()


def test_the_rebuild_button_updates_the_chart(lab, browser):
    """A learner's press: pick another file in the explorer, press, and see a new summary and
    a chart drawn in place of the old one."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        run_all(page, lab, "05_try_it_yourself.ipynb")
        # Wait until the notebook's own press (from code) has drawn its chart.
        output(page, "Changing requirements.txt makes even the reordered").wait_for(timeout=300_000)
        explorer = output(page, "Change one line and rebuild")
        old_chart = explorer.locator(".js-plotly-plot").element_handle(timeout=60_000)
        explorer.locator(".widget-dropdown:has-text('Change') select").select_option(
            "source/app.py"
        )
        explorer.locator("button:has-text('Change one line and rebuild')").click()
        summary = explorer.locator(".widget-html-content:has-text('to source/app.py.')")
        summary.wait_for(timeout=300_000)
        # The source is copied last in Dockerfile.reordered: only that COPY ran again. The
        # step is named as the builder names it: `step 7` (classic) or `[5/5]` (BuildKit).
        ran_again = re.search(
            r"ran again from (step \d+|\[\d+/\d+\]) \(COPY source/ /app/source/\)",
            summary.inner_text(),
        )
        assert ran_again
        # The summary and the chart are separate widget updates, drawn in either order:
        # "redrawn" means the old chart has left the page and the new one has its bars.
        page.wait_for_function("chart => !chart.isConnected", arg=old_chart, timeout=60_000)
        new_bars = explorer.locator(".js-plotly-plot .bars .point")
        new_bars.first.wait_for(timeout=60_000)
        assert new_bars.count() >= 5
        # Its bars are labelled by step, as the summary numbers the step that ran again.
        label = ran_again[1]
        assert explorer.locator(f".js-plotly-plot .ytick:has-text('{label}: COPY')").count()
    finally:
        page.screenshot(path=SHOTS / "05_try_it_yourself.png", full_page=True)
        page.close()


def test_a_prediction_made_by_clicking_is_compared_with_the_measurement(lab, browser):
    """As a learner goes: run the lesson down to its question, click an answer, run the cell
    that measures, and see the answer next to the measurement, the choice locked."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{lab}/lab/tree/notebooks/09_build_context.ipynb?token={TOKEN}")
        wait_for_kernel(page)
        measuring = page.locator(".jp-CodeCell:has-text('reruns.lock()')")
        measuring.locator(".jp-InputPrompt").click()  # selects the cell, leaves no editor open
        run_menu(page, "Run All Above Selected Cell")
        question = output(page, "After a change to README.md, does COPY . . run again?")
        question.locator("label:has-text('yes') input[type=radio]").click(timeout=300_000)
        measuring.locator(".jp-InputPrompt").click()
        page.keyboard.press("Control+Enter")  # run the selected cell, as a learner would
        output(page, "Right: you predicted yes; measured: yes.").wait_for(timeout=300_000)
        # Once measured, the choice is locked: a later click cannot rewrite the prediction.
        assert question.locator("input[type=radio]").first.is_disabled()
    finally:
        page.screenshot(path=SHOTS / "09_prediction.png", full_page=True)
        page.close()


@pytest.mark.parametrize("lesson", ["04_reordered_dockerfile", "ko/04_reordered_dockerfile"])
def test_the_exported_html_draws_offline(browser, tmp_path, lesson):
    """The HTML copy of a lesson, as an instructor hands it out after the day: its charts draw
    with no network, in either language. (Made from the recording: live builds draw in the
    tests above.)"""
    notebook = REPO / "notebooks" / f"{lesson}.ipynb"
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
        env={**os.environ, "LAYERLAB_MODE": "recorded"},
    )
    # No network at all: plotly.js must be inside the page.
    context = browser.new_context(offline=True)
    page = context.new_page()
    try:
        page.goto((tmp_path / f"{notebook.stem}.html").as_uri())
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot .bars .point').length >= 10",
            timeout=60_000,
        )
        if lesson.startswith("ko/"):
            title = korean("The reordered Dockerfile, after a one-line change")
            assert page.locator(f".js-plotly-plot .gtitle:has-text('{title}')").count() >= 1
    finally:
        shot = lesson.replace("/", "_")
        page.screenshot(path=SHOTS / f"{shot}.html.png", full_page=True)
        context.close()


def korean(message: str) -> str:
    """A message as the Korean lessons show it: its translation in the catalogue."""
    i18n.use_language("ko")
    try:
        return i18n._(message)
    finally:
        i18n.use_language(None)


def test_a_korean_lesson_shows_korean_text_and_charts(lab, browser):
    """The Korean edition in JupyterLab: its setup check and a lesson's charts in Korean, in a
    font that has the glyphs (Debian's fonts-noto-cjk), so no box stands in for a letter."""
    fonts = subprocess.run(
        ["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False
    ).stdout
    assert fonts.strip(), "No font with Korean glyphs here: apt-get install fonts-noto-cjk"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    shot = "ko_01_setup_check.png"
    try:
        run_all(page, lab, "ko/01_setup_check.ipynb")
        output(page, korean("This machine is ready for the course")).wait_for(timeout=300_000)
        page.screenshot(path=SHOTS / shot, full_page=True)
        shot = "ko_02_what_is_a_layer.png"
        run_all(page, lab, "ko/02_what_is_a_layer.ipynb")
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot .bars .point').length >= 4",
            timeout=300_000,
        )
        title = korean("Write 20 MB in one RUN, delete it in the next")
        assert page.locator(f".js-plotly-plot .gtitle:has-text('{title}')").count() >= 1
    finally:
        page.screenshot(path=SHOTS / shot, full_page=True)
        page.close()


def test_the_binder_link_opens_the_course_and_it_runs_without_docker(binder_lab, browser):
    """The badge's path, then what a learner does there: open lesson 1 from the index and run
    it, then lesson 4, whose charts must draw from the recording and say so."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{binder_lab}/{BINDER_URLPATH}?token={TOKEN}")
        page.wait_for_selector("h1:has-text('Layer Lab')", timeout=60_000)
        page.screenshot(path=SHOTS / "binder_index.png", full_page=True)
        page.click(".jp-RenderedMarkdown a:has-text('Check your setup')")
        run_all_cells(page)
        output(page, "No engine here: the course runs on a recording of a real run").wait_for(
            timeout=300_000
        )
        page.screenshot(path=SHOTS / "binder_01_setup_check.png", full_page=True)
        page.goto(f"{binder_lab}/lab/tree/notebooks/04_reordered_dockerfile.ipynb?token={TOKEN}")
        run_all_cells(page)
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot').length >= 4"
            " && document.querySelectorAll('.js-plotly-plot .bars .point').length >= 10",
            timeout=300_000,
        )
        assert page.locator(".js-plotly-plot .gtitle:has-text('recorded')").count() >= 1
        assert output(page, "The first step to run again was the last COPY").count() >= 1
    finally:
        page.screenshot(path=SHOTS / "binder_04_reordered_dockerfile.png", full_page=True)
        page.close()
