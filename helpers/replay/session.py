"""Which mode this notebook runs in, and the recording it replays or writes.

The mode comes from LAYERLAB_MODE: `auto` (the default: live if an engine answers, else
recorded), `live`, `recorded`, or `record` (used by `python -m helpers record`). Whoever
starts a lesson decides `auto` by asking the engine, then calls `begin_lesson` with the
answer: this module never talks to an engine itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from ..i18n import _
from ..results.errors import RecordingMissing
from .store import load_recording, recording_label, recording_path

MODE_ENV = "LAYERLAB_MODE"
Mode = Literal["live", "recorded", "record"]
WANTED_MODES = ("auto", "live", "recorded", "record")


@dataclass
class Session:
    lesson: str | None = None
    mode: Mode = "live"
    counters: dict[str, int] = field(default_factory=dict)
    depth: int = 0
    """How deep inside recordable calls we are: only the outermost is recorded or replayed."""
    entries: list[dict] = field(default_factory=list)
    label: str = ""
    about: dict = field(default_factory=dict)
    why_recorded: str = ""


_session = Session()


def current() -> Session:
    return _session


def mode() -> Mode:
    return _session.mode


def label() -> str:
    """When and where the recording being replayed was made."""
    return _session.label


def why_recorded() -> str:
    return _session.why_recorded


def wanted_mode() -> str:
    """LAYERLAB_MODE, checked: auto, live, recorded or record."""
    wanted = os.environ.get(MODE_ENV, "auto").lower()
    if wanted not in WANTED_MODES:
        raise ValueError(
            _("{variable} must be auto, live, recorded or record, not {wanted}.").format(
                variable=MODE_ENV, wanted=repr(wanted)
            )
        )
    return wanted


def begin_lesson(lesson: str, chosen: Mode, why_recorded: str = "") -> Mode:
    """Start `lesson` in the `chosen` mode, with fresh call counters; load its recording when
    replaying it."""
    global _session
    _session = Session(lesson=lesson, mode=chosen, why_recorded=why_recorded)
    if chosen == "recorded":
        if not recording_path(lesson).is_file():
            raise RecordingMissing(
                _(
                    "No Docker engine, and no recording of {lesson} to replay instead. Start "
                    "Docker, or make the recording on a machine with Docker: "
                    "`python -m helpers record` (README, 'Recorded runs')."
                ).format(lesson=lesson)
            )
        recording = load_recording(lesson)
        _session.entries = recording["calls"]
        _session.about = recording["about"]
        _session.label = recording_label(recording["about"])
    return chosen


def end_lesson() -> None:
    """Back to plain live calls, as outside any notebook."""
    global _session
    _session = Session()
