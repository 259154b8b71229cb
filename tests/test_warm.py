"""The instructor's warm-up builds what the lessons build, so that a room's first builds come
from a shared engine's cache."""

from pathlib import Path

import helpers
from helpers.course import bases
from helpers.course.warm import LESSON_BUILDS


def test_lesson_14s_second_base_is_among_what_the_warm_up_builds(monkeypatch):
    built = []
    monkeypatch.setattr(
        bases, "build", lambda name, folder, **_options: built.append(Path(folder, name))
    )
    bases.make_base_with_build_tools(progress=None)
    [dockerfile] = built
    assert dockerfile.relative_to(helpers.SAMPLE_APP).as_posix() in LESSON_BUILDS


def test_every_warm_up_build_is_a_file_of_the_sample_app():
    for dockerfile in LESSON_BUILDS:
        assert (helpers.SAMPLE_APP / dockerfile).is_file(), dockerfile
