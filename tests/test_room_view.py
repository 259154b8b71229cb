"""The instructor's view's record of the room, without a hub (tests/test_workshop.py runs the
real one), and the learner's side: `helpers.checkpoint` reporting only under a room's hub."""

from __future__ import annotations

import json
import socket
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from conftest import REPO
from room_view import BadReport, RoomProgress
from room_view.progress import MAX_CHECKPOINTS_A_LEARNER

import helpers
from helpers.notebook import (
    checks,
    lessons,  # noqa: F401 (its @checks_for fill the catalogue)
    room_report,
)
from helpers.notebook.checks import checks_for
from helpers.replay import session

LESSON = "04_reordered_dockerfile"
NOBODY = frozenset()


def _report(key: str | None = "reordered.1", passed: bool = True, **more) -> dict:
    claim = more.pop("claim", f"claim of {key}")
    return {"lesson": LESSON, "key": key, "of": 2, "claim": claim, "passed": passed, **more}


def _cell(snapshot: dict, learner: str, lesson: str = LESSON) -> dict:
    row = next(row for row in snapshot["learners"] if row["name"] == learner)
    return row["lessons"][lesson]


def test_a_lesson_nobody_reached_has_a_column_and_everyone_is_not_yet_there():
    progress = RoomProgress(lessons=("01_setup_check", LESSON))
    snapshot = progress.snapshot([{"name": "ada"}, {"name": "instructor"}], {"instructor"})
    assert [lesson["lesson"] for lesson in snapshot["lessons"]] == ["01_setup_check", LESSON]
    assert [row["name"] for row in snapshot["learners"]] == ["ada"]
    assert _cell(snapshot, "ada")["state"] == "not-yet"


def test_a_lesson_is_passed_when_all_its_checkpoints_are_and_failed_until_rerun():
    progress = RoomProgress()
    progress.add("ada", _report("reordered.1"))
    assert _cell(progress.snapshot([], NOBODY), "ada")["state"] == "partial"
    progress.add("ada", _report("reordered.2"))
    assert _cell(progress.snapshot([], NOBODY), "ada") | {"checkpoints": None} == {
        "state": "passed", "passed": 2, "failed": 0, "of": 2, "reported": 2, "mode": "",
        "checkpoints": None,
    }  # fmt: skip
    # The same checkpoint, this run's sentence different (a measured figure in it): one word.
    progress.add("bob", _report("reordered.1", passed=False, claim="Question 2: 830"))
    assert _cell(progress.snapshot([], NOBODY), "bob")["state"] == "failed"
    progress.add("bob", _report("reordered.1", claim="Question 2: 812"))
    assert _cell(progress.snapshot([], NOBODY), "bob") | {"checkpoints": None} == {
        "state": "partial", "passed": 1, "failed": 0, "of": 2, "reported": 1, "mode": "",
        "checkpoints": None,
    }  # fmt: skip


def test_a_made_up_report_changes_only_its_senders_row():
    progress = RoomProgress()
    for name in ("ada", "bob"):
        progress.add(name, _report("reordered.1"))
        progress.add(name, _report("reordered.2"))
    progress.add("bob", _report(key=None, claim="I made this one up"))
    progress.add("bob", _report("reordered.3", of=99))
    snapshot = progress.snapshot([], NOBODY)
    assert _cell(snapshot, "ada")["state"] == "passed"
    assert _cell(snapshot, "ada")["reported"] == 2
    bobs = _cell(snapshot, "bob")
    assert (bobs["of"], bobs["reported"], bobs["checkpoints"][2]["own"]) == (99, 4, True)


def test_the_rebuild_ratio_is_the_latest_measured_with_its_mode(tmp_path):
    progress = RoomProgress(tmp_path / "view.json")
    progress.add("ada", _report(measured={"rebuild_ratio": 12.5}, mode="recorded"))
    progress.add("ada", _report("reordered.2"))
    row = progress.snapshot([], NOBODY)["learners"][0]
    assert (row["rebuild_ratio"], row["ratio_mode"]) == (12.5, "recorded")
    # Kept across a restart of the view.
    again = RoomProgress.load(tmp_path / "view.json").snapshot([], NOBODY)
    assert again["learners"][0]["rebuild_ratio"] == 12.5
    assert _cell(again, "ada")["state"] == "passed"


def test_an_unreadable_record_is_moved_aside_and_the_view_starts_empty(tmp_path):
    kept = tmp_path / "view.json"
    kept.write_text("{not json")
    assert RoomProgress.load(kept).reports == {}
    assert not kept.exists()
    assert [path.read_text() for path in tmp_path.glob("view.json.unreadable-*")] == ["{not json"]


def test_last_active_is_the_later_of_the_hub_and_the_reports():
    progress = RoomProgress()
    users = [{"name": "ada", "last_activity": "2999-01-01T10:00:00.123456Z", "servers": {}}]
    progress.add("ada", _report())
    row = progress.snapshot(users, NOBODY)["learners"][0]
    assert row["last_active"] == "2999-01-01T10:00:00+00:00"
    assert row["server"] == "stopped"


def test_instructors_and_the_instructors_group_are_not_learners():
    progress = RoomProgress()
    progress.add("instructor", _report())
    users = [{"name": "tara", "groups": ["instructors"]}, {"name": "ada", "groups": []}]
    snapshot = progress.snapshot(users, frozenset({"instructor"}))
    assert [row["name"] for row in snapshot["learners"]] == ["ada"]


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ([], "JSON object"),
        ({**_report(), "lesson": "../etc"}, "lesson"),
        ({**_report(), "lesson": ""}, "lesson"),
        ({**_report(), "claim": " "}, "claim"),
        ({**_report(), "passed": "yes"}, "passed"),
        ({**_report(), "of": 10**6}, "of"),
        ({**_report(), "measured": {"r": "fast"}}, "finite"),
        ({**_report(), "measured": {"r": float("nan")}}, "finite"),
        ({**_report(), "measured": {"r": 10**400}}, "finite"),
        ({**_report(), "measured": {str(n): n for n in range(9)}}, "at most 8"),
    ],
)
def test_a_malformed_report_is_refused_saying_which_field(given, says):
    with pytest.raises(BadReport, match=says):
        RoomProgress().add("ada", given)


def test_a_course_refuses_lessons_it_has_not_and_a_learner_cannot_flood_it():
    with pytest.raises(BadReport, match="no lesson '99_made_up'"):
        RoomProgress(lessons=(LESSON,)).add("ada", {**_report(), "lesson": "99_made_up"})
    progress = RoomProgress(lessons=(LESSON,))
    for number in range(MAX_CHECKPOINTS_A_LEARNER):
        progress.add("ada", _report(key=None, claim=f"mine {number}"))
    with pytest.raises(BadReport, match="too many"):
        progress.add("ada", _report(key=None, claim="one more"))
    progress.add("ada", _report(key=None, claim="mine 0", passed=False))  # a rerun is fine
    progress.add("bob", _report())  # and others are not held back


def test_every_lesson_declares_its_checkpoints():
    """lessons.py's @checks_for: every lesson with a checkpoint cell, and a count for each (CI
    runs every lesson, so a wrong count fails there: see the next test)."""
    numbered = {path.stem for path in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert set(checks.LESSON_CHECKPOINTS) == numbered
    assert checks.LESSON_CHECKPOINTS[LESSON] == 3


@pytest.fixture
def scratch_catalogue(monkeypatch) -> dict[str, int]:
    """Declarations made by a test stay out of the course's own."""
    catalogue = dict(checks.LESSON_CHECKPOINTS)
    monkeypatch.setattr(checks, "LESSON_CHECKPOINTS", catalogue)
    monkeypatch.setattr(checks, "_DECLARED", dict(checks._DECLARED))
    return catalogue


def test_a_lesson_function_that_makes_another_number_of_checkpoints_fails(scratch_catalogue):
    @checks_for("99_scratch", 2)
    def makes_one():
        helpers.checkpoint("It holds", True, "measured")

    assert scratch_catalogue["99_scratch"] == 2
    with pytest.raises(AssertionError, match="made 1 checkpoints but declares 2"):
        makes_one()
    # Declared again (a module reloaded in a notebook): still two, not four.
    checks_for("99_scratch", 2)(makes_one.__wrapped__)
    assert scratch_catalogue["99_scratch"] == 2


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


@pytest.fixture
def in_a_room(monkeypatch):
    monkeypatch.setattr(session, "_session", session.Session(lesson=LESSON))
    monkeypatch.setenv(room_report.TOKEN_ENV, "learners-own-token")


def test_under_a_room_a_checkpoint_reports_with_the_learners_token(
    view, monkeypatch, in_a_room, scratch_catalogue
):
    url, heard = view
    monkeypatch.setenv(room_report.VIEW_URL_ENV, url)

    @checks_for(LESSON, 2)
    def lesson_function():
        helpers.checkpoint("It holds", True, "measured", measured={"rebuild_ratio": 40.0})
        helpers.checkpoint("It does not", False, "measured otherwise")

    with pytest.raises(AssertionError, match="It does not"):
        lesson_function()
    helpers.checkpoint("A learner's own", True, "from a cell")
    assert [(token, body["key"], body["passed"]) for token, body in heard] == [
        ("token learners-own-token", "lesson_function.1", True),
        ("token learners-own-token", "lesson_function.2", False),
        ("token learners-own-token", None, True),
    ]
    assert heard[0][1]["lesson"] == heard[2][1]["lesson"] == LESSON
    assert heard[0][1]["of"] == scratch_catalogue[LESSON] == 3 + 2
    assert heard[0][1]["measured"] == {"rebuild_ratio": 40.0}


def test_anywhere_else_a_checkpoint_sends_nothing(view, monkeypatch, in_a_room):
    _, heard = view
    monkeypatch.delenv(room_report.VIEW_URL_ENV, raising=False)
    helpers.checkpoint("It holds", True, "measured")
    assert heard == []


def test_a_view_that_is_down_or_not_a_web_server_never_stops_a_lesson(monkeypatch, in_a_room):
    monkeypatch.setenv(room_report.VIEW_URL_ENV, "http://127.0.0.1:9/nothing-listens")
    helpers.checkpoint("It holds", True, "measured")
    with socket.socket() as babbler:
        babbler.bind(("127.0.0.1", 0))
        babbler.listen()
        port = babbler.getsockname()[1]

        def babble():
            connection, _ = babbler.accept()
            connection.recv(65536)
            connection.sendall(b"not http at all\r\n\r\n")
            connection.close()

        threading.Thread(target=babble, daemon=True).start()
        monkeypatch.setenv(room_report.VIEW_URL_ENV, f"http://127.0.0.1:{port}/")
        helpers.checkpoint("It holds", True, "measured")


def test_a_figure_of_any_number_type_is_sent_as_a_float(view, monkeypatch, in_a_room):
    url, heard = view
    monkeypatch.setenv(room_report.VIEW_URL_ENV, url)
    helpers.checkpoint("It holds", True, "measured", measured={"ratio": Decimal("12.5")})
    assert heard[0][1]["measured"] == {"ratio": 12.5}
