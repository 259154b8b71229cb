"""The room's progress: each learner's latest word on each checkpoint, kept in a JSON file.

Pure data, no web: the service feeds it reports and the hub's list of users, and hands the
page what `snapshot` returns.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

_LESSON = re.compile(r"^(\d\d_[a-z0-9_]+)?$")
_MAX_TEXT = 500


class BadReport(ValueError):
    """A report the view cannot use; the message says which field and why."""


@dataclass(frozen=True)
class Report:
    learner: str
    lesson: str
    claim: str
    passed: bool
    evidence: str
    mode: str
    measured: dict[str, float]
    at: str

    @classmethod
    def from_json(cls, learner: str, given: object, at: str) -> Report:
        if not isinstance(given, dict):
            raise BadReport("a report is a JSON object")
        lesson, claim = given.get("lesson", ""), given.get("claim")
        if not isinstance(lesson, str) or not _LESSON.match(lesson):
            raise BadReport("lesson: a notebook's name such as 04_reordered_dockerfile")
        if not isinstance(claim, str) or not claim.strip():
            raise BadReport("claim: the checkpoint's sentence")
        if not isinstance(given.get("passed"), bool):
            raise BadReport("passed: true or false")
        measured = given.get("measured") or {}
        if not isinstance(measured, dict) or not all(
            isinstance(value, int | float) and math.isfinite(value) for value in measured.values()
        ):
            raise BadReport("measured: an object of finite numbers")
        return cls(
            learner=learner,
            lesson=lesson,
            claim=claim.strip()[:_MAX_TEXT],
            passed=given["passed"],
            evidence=str(given.get("evidence", ""))[:_MAX_TEXT],
            mode=str(given.get("mode", ""))[:20],
            measured={str(key)[:40]: float(value) for key, value in measured.items()},
            at=at,
        )


@dataclass
class RoomProgress:
    """Reports kept by (learner, lesson, claim): a checkpoint run again replaces its last word."""

    path: Path | None = None
    lessons: tuple[str, ...] = ()
    """The course's lessons in order, so that a lesson nobody has reached still has a column."""
    reports: dict[tuple[str, str, str], Report] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None, lessons: tuple[str, ...] = ()) -> RoomProgress:
        progress = cls(path, lessons)
        if path and path.is_file():
            for kept in json.loads(path.read_text()):
                progress._keep(Report(**kept))
        return progress

    def add(self, learner: str, given: object) -> Report:
        report = Report.from_json(learner, given, _now())
        self._keep(report)
        if self.path:
            # Written whole and renamed, so a crash mid-write leaves the last good file.
            scratch = self.path.with_suffix(".tmp")
            scratch.write_text(json.dumps([asdict(kept) for kept in self.reports.values()]))
            scratch.replace(self.path)
        return report

    def _keep(self, report: Report) -> None:
        self.reports[(report.learner, report.lesson, report.claim)] = report

    def snapshot(self, users: list[dict], instructors: frozenset[str]) -> dict:
        """What the page draws: lessons with the claims heard of so far, and a row a learner.

        `users` is the hub's list (name, last_activity, servers); a learner is anyone in it
        who is not an instructor, or anyone who reported."""
        claims: dict[str, list[str]] = {lesson: [] for lesson in self.lessons}
        for report in self.reports.values():
            heard = claims.setdefault(report.lesson, [])
            if report.claim not in heard:
                heard.append(report.claim)
        by_name = {user["name"]: user for user in users if user["name"] not in instructors}
        names = sorted(set(by_name) | {report.learner for report in self.reports.values()})
        return {
            "lessons": [{"lesson": lesson, "claims": claims[lesson]} for lesson in sorted(claims)],
            "learners": [self._row(name, by_name.get(name, {}), claims) for name in names],
            "at": _now(),
        }

    def _row(self, name: str, user: dict, claims: dict[str, list[str]]) -> dict:
        mine = [report for report in self.reports.values() if report.learner == name]
        server = (user.get("servers") or {}).get("", {})
        times = [report.at for report in mine] + [user.get("last_activity") or ""]
        latest = max((_instant(text) for text in times if text), default=None)
        ratios = [report for report in mine if "rebuild_ratio" in report.measured]
        ratio = max(ratios, key=lambda report: report.at) if ratios else None
        return {
            "name": name,
            "server": "ready" if server.get("ready") else ("starting" if server else "stopped"),
            "last_active": latest.isoformat(timespec="seconds") if latest else None,
            "rebuild_ratio": ratio.measured["rebuild_ratio"] if ratio else None,
            "ratio_mode": ratio.mode if ratio else None,
            "lessons": {
                lesson: _lesson_cell([r for r in mine if r.lesson == lesson], len(heard))
                for lesson, heard in claims.items()
            },
        }


def _lesson_cell(reports: list[Report], heard: int) -> dict:
    passed = sum(report.passed for report in reports)
    failed = len(reports) - passed
    if failed:
        state = "failed"
    elif not reports:
        state = "not-yet"
    else:
        state = "passed" if passed >= heard else "partial"
    return {
        "state": state,
        "passed": passed,
        "failed": failed,
        "of": heard,
        "mode": reports[-1].mode if reports else None,
        "checkpoints": [
            {"claim": r.claim, "passed": r.passed, "evidence": r.evidence, "at": r.at}
            for r in sorted(reports, key=lambda report: report.at)
        ],
    }


def _instant(text: str) -> datetime:
    """The hub writes `...Z` with microseconds, reports `...+00:00`: one kind of time."""
    return datetime.fromisoformat(text).astimezone(UTC).replace(microsecond=0)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
