"""The instructor's view's record of the room, without a hub (tests/test_workshop.py runs the
real one), and the learner's side: `helpers.checkpoint` reporting only under a room's hub."""

from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from room_view import BadReport, RoomProgress

import helpers
from helpers.notebook import room_report
from helpers.replay import session

LESSON = "04_reordered_dockerfile"


def _report(claim: str = "The install was reused", passed: bool = True, **more) -> dict:
    return {"lesson": LESSON, "claim": claim, "passed": passed, "evidence": "3 of 5", **more}


def _cell(snapshot: dict, learner: str, lesson: str = LESSON) -> dict:
    row = next(row for row in snapshot["learners"] if row["name"] == learner)
    return row["lessons"][lesson]


def test_a_lesson_nobody_reached_has_a_column_and_everyone_is_not_yet_there():
    progress = RoomProgress(lessons=("01_setup_check", LESSON))
    users = [{"name": "ada"}, {"name": "instructor"}]
    snapshot = progress.snapshot(users, frozenset({"instructor"}))
    assert [lesson["lesson"] for lesson in snapshot["lessons"]] == ["01_setup_check", LESSON]
    assert [row["name"] for row in snapshot["learners"]] == ["ada"]
    assert _cell(snapshot, "ada")["state"] == "not-yet"


def test_passed_partial_and_failed_follow_the_latest_word_on_each_checkpoint():
    progress = RoomProgress()
    progress.add("ada", _report("one"))
    progress.add("ada", _report("two"))
    progress.add("bob", _report("one"))
    progress.add("cy", _report("one", passed=False))
    snapshot = progress.snapshot([], frozenset())
    assert _cell(snapshot, "ada") | {"checkpoints": None} == {
        "state": "passed", "passed": 2, "failed": 0, "of": 2, "mode": "", "checkpoints": None,
    }  # fmt: skip
    assert _cell(snapshot, "bob")["state"] == "partial"
    assert _cell(snapshot, "cy")["state"] == "failed"
    # cy runs the checkpoint again, and it passes: the failure is gone.
    progress.add("cy", _report("one"))
    assert _cell(progress.snapshot([], frozenset()), "cy")["failed"] == 0


def test_the_rebuild_ratio_is_the_latest_measured_with_its_mode(tmp_path):
    progress = RoomProgress(tmp_path / "view.json")
    progress.add("ada", _report(measured={"rebuild_ratio": 12.5}, mode="recorded"))
    row = progress.snapshot([], frozenset())["learners"][0]
    assert (row["rebuild_ratio"], row["ratio_mode"]) == (12.5, "recorded")
    # Kept across a restart of the view.
    again = RoomProgress.load(tmp_path / "view.json").snapshot([], frozenset())
    assert again["learners"][0]["rebuild_ratio"] == 12.5


def test_last_active_is_the_later_of_the_hub_and_the_reports():
    progress = RoomProgress()
    users = [{"name": "ada", "last_activity": "2999-01-01T10:00:00.123456Z", "servers": {}}]
    progress.add("ada", _report())
    row = progress.snapshot(users, frozenset())["learners"][0]
    assert row["last_active"] == "2999-01-01T10:00:00+00:00"
    assert row["server"] == "stopped"


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ([], "JSON object"),
        ({"lesson": "../etc", "claim": "x", "passed": True}, "lesson"),
        ({"lesson": LESSON, "claim": " ", "passed": True}, "claim"),
        ({"lesson": LESSON, "claim": "x", "passed": "yes"}, "passed"),
        ({"lesson": LESSON, "claim": "x", "passed": True, "measured": {"r": "fast"}}, "finite"),
        ({"lesson": LESSON, "claim": "x", "passed": True, "measured": {"r": math.nan}}, "finite"),
    ],
)
def test_a_malformed_report_is_refused_saying_which_field(given, says):
    with pytest.raises(BadReport, match=says):
        RoomProgress().add("ada", given)


class _View(BaseHTTPRequestHandler):
    heard: ClassVar[list[tuple[str, dict]]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.heard.append((self.headers["Authorization"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def view():
    server = HTTPServer(("127.0.0.1", 0), _View)
    _View.heard = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/services/room-view/api/reports", _View.heard
    server.shutdown()


def test_under_a_room_a_checkpoint_reports_with_the_learners_token(view, monkeypatch):
    url, heard = view
    monkeypatch.setenv(room_report.VIEW_URL_ENV, url)
    monkeypatch.setenv(room_report.TOKEN_ENV, "learners-own-token")
    monkeypatch.setattr(session, "_session", session.Session(lesson=LESSON))
    helpers.checkpoint("It holds", True, "measured", measured={"rebuild_ratio": 40.0})
    with pytest.raises(AssertionError, match="It does not"):
        helpers.checkpoint("It does not", False, "measured otherwise")
    assert [(token, body["claim"], body["passed"]) for token, body in heard] == [
        ("token learners-own-token", "It holds", True),
        ("token learners-own-token", "It does not", False),
    ]
    assert heard[0][1]["lesson"] == LESSON
    assert heard[0][1]["measured"] == {"rebuild_ratio": 40.0}


def test_anywhere_else_a_checkpoint_sends_nothing(view, monkeypatch):
    _, heard = view
    monkeypatch.delenv(room_report.VIEW_URL_ENV, raising=False)
    monkeypatch.setenv(room_report.TOKEN_ENV, "a-token-of-some-other-hub")
    helpers.checkpoint("It holds", True, "measured")
    assert heard == []
    assert room_report.report_checkpoint("It holds", True, "measured") is False


def test_a_view_that_is_down_never_stops_a_lesson(monkeypatch):
    monkeypatch.setenv(room_report.VIEW_URL_ENV, "http://127.0.0.1:9/nothing-listens")
    monkeypatch.setenv(room_report.TOKEN_ENV, "learners-own-token")
    assert room_report.report_checkpoint("It holds", True, "measured") is False
    helpers.checkpoint("It holds", True, "measured")
