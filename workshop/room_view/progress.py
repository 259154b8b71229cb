"""The room's progress: each learner's latest word on each checkpoint, kept in a JSON file.

Pure data, no web: the service feeds it reports and the hub's list of users, and hands the
page what `snapshot` returns. A learner's row is made of their own reports only, so a made-up
report changes nobody's row but its sender's.
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("room_view")

_LESSON = re.compile(r"\d\d_[a-z0-9_]{1,60}")
_MAX_TEXT = 500
_MAX_MEASURED = 8
MAX_CHECKPOINTS_A_LEARNER = 300
"""The course makes about forty; the rest leaves room for learners' own."""
MAX_LESSONS = 40


class BadReport(ValueError):
    """A report the view cannot use; the message says which field and why."""


@dataclass(frozen=True)
class Report:
    learner: str
    lesson: str
    key: str
    """The lesson's checkpoint (`function.place`), or the claim for one of a learner's own."""
    counted: bool
    """One of the lesson's own checkpoints, which count towards `of`."""
    claim: str
    passed: bool
    evidence: str
    mode: str
    of: int | None
    measured: tuple[tuple[str, float], ...]
    at: str

    @classmethod
    def from_json(cls, learner: str, given: object, at: str) -> Report:
        if not isinstance(given, dict):
            raise BadReport("a report is a JSON object")
        lesson, claim, key = given.get("lesson"), given.get("claim"), given.get("key")
        if not isinstance(lesson, str) or not _LESSON.fullmatch(lesson):
            raise BadReport("lesson: a notebook's name such as 04_reordered_dockerfile")
        if not isinstance(claim, str) or not claim.strip():
            raise BadReport("claim: the checkpoint's sentence")
        if key is not None and (not isinstance(key, str) or not key.strip()):
            raise BadReport("key: text, or null for a checkpoint of the learner's own")
        if not isinstance(given.get("passed"), bool):
            raise BadReport("passed: true or false")
        of = given.get("of")
        if of is not None and (type(of) is not int or not 0 < of <= 100):
            raise BadReport("of: how many checkpoints the lesson has, 1 to 100")
        return cls(
            learner=learner,
            lesson=lesson,
            key=(key or claim).strip()[:_MAX_TEXT],
            counted=key is not None,
            claim=claim.strip()[:_MAX_TEXT],
            passed=given["passed"],
            evidence=str(given.get("evidence", ""))[:_MAX_TEXT],
            mode=str(given.get("mode", ""))[:20],
            of=of,
            measured=_measured(given.get("measured")),
            at=at,
        )

    @classmethod
    def from_kept(cls, kept: dict) -> Report:
        return cls(**{**kept, "measured": tuple(map(tuple, kept["measured"]))})


def _measured(given: object) -> tuple[tuple[str, float], ...]:
    if given is None:
        return ()
    if not isinstance(given, dict) or len(given) > _MAX_MEASURED:
        raise BadReport(f"measured: an object of at most {_MAX_MEASURED} numbers")
    figures = []
    for name, value in given.items():
        try:
            number = float(value) if isinstance(value, int | float) else math.nan
        except OverflowError:
            number = math.nan
        if not math.isfinite(number):
            raise BadReport(f"measured: {str(name)[:40]!r} is not a finite number")
        figures.append((str(name)[:40], number))
    return tuple(figures)


@dataclass
class RoomProgress:
    """Reports kept by (learner, lesson, key): a checkpoint run again replaces its last word."""

    path: Path | None = None
    lessons: tuple[str, ...] = ()
    """The course's lessons in order, so that a lesson nobody has reached still has a column.
    When known, a report for any other lesson is refused."""
    reports: dict[tuple[str, str, str], Report] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None, lessons: tuple[str, ...] = ()) -> RoomProgress:
        progress = cls(path, lessons)
        if not path or not path.is_file():
            return progress
        try:
            for kept in json.loads(path.read_text()):
                progress._keep(Report.from_kept(kept))
        except (ValueError, TypeError, KeyError) as error:
            # Kept aside, not lost, and not a reason to stop: the hub would only start the
            # view again, and again.
            aside = path.with_name(f"{path.name}.unreadable-{int(time.time())}")
            path.replace(aside)
            log.warning("%s unreadable (%s): moved to %s, starting empty", path, error, aside)
            progress.reports.clear()
        return progress

    def add(self, learner: str, given: object) -> Report:
        report = Report.from_json(learner, given, _now())
        if self.lessons and report.lesson not in self.lessons:
            raise BadReport(f"lesson: this course has no lesson {report.lesson!r}")
        # With no list of the course's lessons, each learner may name only so many: one who
        # made lessons up must not hold back anyone else's reports.
        mine = {lesson for name, lesson, _ in self.reports if name == learner}
        if report.lesson not in mine and len(mine) >= MAX_LESSONS:
            raise BadReport(f"lesson: {learner} has reported from too many lessons already")
        place = (learner, report.lesson, report.key)
        if place not in self.reports and self._count(learner) >= MAX_CHECKPOINTS_A_LEARNER:
            raise BadReport(f"too many checkpoints from {learner}")
        self._keep(report)
        if self.path:
            # Written whole and renamed, so a crash mid-write leaves the last good file.
            scratch = self.path.with_name(f"{self.path.name}.tmp")
            scratch.write_text(json.dumps([asdict(kept) for kept in self.reports.values()]))
            scratch.replace(self.path)
        return report

    def _keep(self, report: Report) -> None:
        self.reports[(report.learner, report.lesson, report.key)] = report

    def _count(self, learner: str) -> int:
        return sum(1 for name, _, _ in self.reports if name == learner)

    def _lessons_heard(self) -> set[str]:
        return {lesson for _, lesson, _ in self.reports}

    def snapshot(self, users: list[dict], instructors: frozenset[str]) -> dict:
        """What the page draws: a column a lesson, a row a learner.

        `users` is the hub's list (name, last_activity, servers, groups). A learner is anyone
        in it, or anyone who reported, who is not an instructor: one of `instructors`, or in
        the hub's `instructors` group."""
        staff = instructors | {
            user["name"] for user in users if "instructors" in (user.get("groups") or ())
        }
        lessons = sorted(set(self.lessons) | self._lessons_heard())
        by_name = {user["name"]: user for user in users if user["name"] not in staff}
        reporters = {name for name, _, _ in self.reports if name not in staff}
        return {
            "lessons": [{"lesson": lesson} for lesson in lessons],
            "learners": [
                self._row(name, by_name.get(name, {}), lessons)
                for name in sorted(set(by_name) | reporters)
            ],
            "at": _now(),
        }

    def _row(self, name: str, user: dict, lessons: list[str]) -> dict:
        mine = sorted(
            (report for report in self.reports.values() if report.learner == name),
            key=lambda report: report.at,
        )
        server = (user.get("servers") or {}).get("", {})
        times = [report.at for report in mine] + [user.get("last_activity") or ""]
        latest = max((_instant(text) for text in times if text), default=None)
        ratio = next(
            (report for report in reversed(mine) if dict(report.measured).get("rebuild_ratio")),
            None,
        )
        return {
            "name": name,
            "server": "ready" if server.get("ready") else ("starting" if server else "stopped"),
            "last_active": latest.isoformat(timespec="seconds") if latest else None,
            "rebuild_ratio": dict(ratio.measured)["rebuild_ratio"] if ratio else None,
            "ratio_mode": ratio.mode if ratio else None,
            "lessons": {
                lesson: _lesson_cell([report for report in mine if report.lesson == lesson])
                for lesson in lessons
            },
        }


def _lesson_cell(reports: list[Report]) -> dict:
    """A learner's word on one lesson, `reports` oldest first."""
    counted = [report for report in reports if report.counted]
    passed = sum(report.passed for report in counted)
    failed = sum(not report.passed for report in reports)
    of = next((report.of for report in reversed(counted) if report.of), None)
    if failed:
        state = "failed"
    elif not reports:
        state = "not-yet"
    elif of and passed >= of:
        state = "passed"
    else:
        state = "partial"
    return {
        "state": state,
        "passed": passed,
        "failed": failed,
        "of": of,
        "reported": len(reports),
        "mode": reports[-1].mode if reports else None,
        "checkpoints": [
            {
                "claim": report.claim,
                "passed": report.passed,
                "evidence": report.evidence,
                "own": not report.counted,
                "at": report.at,
            }
            for report in reports
        ],
    }


def _instant(text: str) -> datetime:
    """The hub writes `...Z` with microseconds, reports `...+00:00`: one kind of time."""
    return datetime.fromisoformat(text).astimezone(UTC).replace(microsecond=0)


def _now() -> str:
    # To the microsecond: reports are ordered by it, and a lesson makes several a second.
    return datetime.now(UTC).isoformat(timespec="microseconds")
