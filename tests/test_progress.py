"""Progress shown while building: the widget's state and the terminal's lines."""

import io
import json

import pytest
from conftest import DATA

from helpers import NotebookProgress, TerminalProgress
from helpers.engine.buildlog import BuildLogParser
from helpers.engine.progress import SilentProgress, choose_progress


def replay_into(progress, name="stream-reordered-rebuild.json"):
    parser = BuildLogParser()
    progress.start("Building")
    for chunk in json.loads((DATA / name).read_text())["chunks"]:
        for event in parser.feed(chunk, 0.0):
            progress.event(event)


def test_the_widget_follows_the_steps():
    progress = NotebookProgress()
    replay_into(progress)
    assert progress._bar.max == 9 and progress._bar.value == 8
    assert "Step 9/9" in progress._status.value
    progress.finish("Built in 0.3 s")
    assert progress._bar.value == 9 and progress._bar.bar_style == "success"


def test_the_widget_shows_the_last_lines_of_a_failing_step():
    progress = NotebookProgress(tail_lines=3)
    replay_into(progress, "stream-failing-run.json")
    assert "hello" in progress._output.value and "bad" in progress._output.value


def test_the_terminal_prints_steps_and_cache_hits():
    printed = io.StringIO()
    replay_into(TerminalProgress(printed))
    lines = printed.getvalue().splitlines()
    assert lines[0] == "Building"
    assert lines.count("    (from cache)") == 4


def test_progress_is_chosen_by_where_it_runs():
    assert isinstance(choose_progress(None), SilentProgress)
    assert isinstance(choose_progress("auto"), TerminalProgress)  # pytest is no notebook
    with pytest.raises(ValueError, match="'auto', None"):
        choose_progress("loud")
