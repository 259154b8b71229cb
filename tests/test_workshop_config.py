"""The workshop room's own choices, checked without starting it (tests/test_workshop.py starts
it for real)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO
from layerlab_room import (
    ENGINE_MODES,
    ROOM_BASE_IMAGE,
    USERNAME_PATTERN,
    RoomSettings,
)

import helpers


def test_the_room_and_the_course_name_the_same_base_image():
    # The hub's environment has no helpers to import, so the tag is written twice.
    assert ROOM_BASE_IMAGE == helpers.ROOM_BASE_IMAGE


def test_an_unknown_engine_mode_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="rootless, dedicated, shared"):
        RoomSettings.from_environment({"LAYERLAB_ROOM_ENGINE": "podman"})
    assert RoomSettings.from_environment({}).engine_mode == "rootless"


def test_the_start_script_refuses_an_unknown_mode_before_touching_anything():
    done = subprocess.run(
        ["bash", str(REPO / "workshop" / "start"), "--engine", "podman"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "choose rootless, dedicated or shared" in done.stderr
    assert all(mode in done.stderr for mode in ENGINE_MODES)


@pytest.mark.parametrize("name", ["ada", "learner07", "jo"])
def test_a_plain_name_is_a_learners_name(name):
    assert re.fullmatch(USERNAME_PATTERN, name)


@pytest.mark.parametrize("name", ["Ada Lovelace", "../etc", "a", "김철수", "x" * 21, "7up", "a-b"])
def test_names_unfit_for_an_account_or_a_tag_are_refused(name):
    assert not re.fullmatch(USERNAME_PATTERN, name)
