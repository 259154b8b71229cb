"""The recordings that recorded mode replays: one per lesson, made from the notebook as it is."""

import pytest
from conftest import REPO

from helpers.replay.store import lesson_name, load_recording, notebook_hash, recording_path

LESSONS = sorted(p for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RERECORD = "re-record on a machine with Docker: `python -m helpers record` (README)"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_lesson_has_a_current_recording(path):
    lesson = lesson_name(path)
    assert lesson == path.stem, f"{path.name} should call helpers.start_lesson({path.stem!r})"
    assert recording_path(lesson).is_file(), f"{path.name} has no recording: {RERECORD}"
    recording = load_recording(lesson)
    assert recording["notebook_hash"] == notebook_hash(path), (
        f"{path.name} changed since it was recorded: {RERECORD}"
    )
    assert {"when", "engine", "machine"} <= set(recording["about"])
    assert recording["calls"], f"{path.name}'s recording holds no calls: {RERECORD}"
