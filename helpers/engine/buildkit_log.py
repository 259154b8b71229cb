"""Reading BuildKit's progress as the `docker` command line prints it: steps, cache hits,
timings and errors, from `--progress=rawjson` (buildx) or `--progress=plain`.

Pure parsing, no engine: the tests feed it logs of real builds.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from ..i18n import _
from ..results.build import BuildResult, Layer, Step
from .buildlog import Event, FinishedLog, OutputLine, StepCached, StepStarted

# `[2/5] COPY ...`, `[builder 2/4] RUN ...`: BuildKit numbers steps within each stage.
# With ten steps or more in a stage BuildKit pads the number: `[ 2/12]`, `[builder  2/12]`.
_STEP_NAME = re.compile(
    r"^\[(?:(?P<stage>\S[^\]]*?) +)? *(?P<number>\d+)/(?P<total>\d+)\] (?P<text>.*)$"
)
# The digest BuildKit appends to a FROM's image; the learner wrote the name without it.
_FROM_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}")
# Plain progress: `#5 [2/5] COPY ...`, `#5 CACHED`, `#5 DONE 0.1s`, `#5 0.072 output`.
_PLAIN = re.compile(r"^#(?P<vertex>\d+) (?P<rest>.*)$")
_PLAIN_DONE = re.compile(r"^DONE (?P<seconds>[0-9.]+)s$")
_PLAIN_OUTPUT = re.compile(r"^(?P<at>[0-9]+\.[0-9]+) (?P<text>.*)$")
_PLAIN_ERROR = "ERROR: "
_CANCELED = "context canceled"
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
_FRACTION = re.compile(r"\.(\d+)")


def _timestamp(text: str) -> float:
    """Seconds since the epoch from BuildKit's RFC 3339 times, which carry nanoseconds."""
    text = _FRACTION.sub(lambda match: "." + match[1][:6].ljust(6, "0"), text, count=1)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


@dataclass
class _Vertex:
    name: str
    seen_at: float
    started: float | None = None
    completed: float | None = None
    seconds: float | None = None
    cached: bool = False
    error: str | None = None
    output: list[str] = field(default_factory=list)
    partial: dict[int, str] = field(default_factory=dict)
    announced: bool = False


class BuildkitLogParser(FinishedLog):
    """Feed it what the CLI writes to stderr, in order, in pieces of any size.

    `style` is "rawjson" (JSON objects, several lines each in buildx 0.13, one line each from
    0.15) or "plain". Keeps the interface of the classic builder's parser, so that progress,
    failures and results are told the same way whichever builder ran.
    """

    def __init__(
        self, style: str, stages: tuple[str, ...] = (), label_added_by_course: str | None = None
    ) -> None:
        if style not in ("rawjson", "plain"):
            raise ValueError(f"Unknown progress style {style!r}: rawjson or plain.")
        self._style = style
        self._stage_order = {name: index for index, name in enumerate(stages)}
        self._label_added_by_course = label_added_by_course
        self._buffer = ""
        self._vertices: dict[str, _Vertex] = {}
        self._trailing: list[str] = []
        self._decoder = json.JSONDecoder()
        self.before_first_step: list[str] = []
        self.image_id: str | None = None
        self.error: str | None = None
        self.first_step_at: float | None = None
        self.keep_output = False
        self.lines: list[str] = []
        """Plain progress only: every line as the terminal shows it."""

    def feed(self, text: str, at: float) -> list[Event]:
        self._buffer += text
        if self._style == "rawjson":
            return self._feed_json(at)
        *complete, self._buffer = self._buffer.split("\n")
        events: list[Event] = []
        for line in complete:
            events.extend(self._plain_line(_ANSI_ESCAPE.sub("", line).rstrip("\r"), at))
        return events

    def close(self, at: float) -> list[Event]:
        """The end of the stream: whatever is left is the CLI's own last words."""
        events = self.feed("\n", at)
        if self._style == "rawjson":
            for line in self._buffer.splitlines():
                self._text_line(line)
            self._buffer = ""
        return events

    # rawjson -------------------------------------------------------------------------------

    def _feed_json(self, at: float) -> list[Event]:
        events: list[Event] = []
        while True:
            stripped = self._buffer.lstrip()
            if not stripped:
                self._buffer = ""
                return events
            if not stripped.startswith("{"):
                # The CLI's own text between or after the JSON (its summary of an error).
                line, newline, rest = stripped.partition("\n")
                if not newline:
                    self._buffer = stripped
                    return events
                self._text_line(line)
                self._buffer = rest
                continue
            try:
                status, end = self._decoder.raw_decode(stripped)
            except json.JSONDecodeError:
                self._buffer = stripped  # the object is not complete yet
                return events
            self._buffer = stripped[end:]
            events.extend(self._status(status, at))

    def _status(self, status: dict, at: float) -> list[Event]:
        events: list[Event] = []
        for update in status.get("vertexes") or ():
            vertex = self._vertex(update["digest"], update.get("name", ""), at)
            if update.get("started"):
                vertex.started = _timestamp(update["started"])
            if update.get("completed"):
                vertex.completed = _timestamp(update["completed"])
            if vertex.started is not None or update.get("cached"):
                events.extend(self._announce(vertex, at))
            if update.get("cached") and not vertex.cached:
                vertex.cached = True
                events.extend(self._cached(vertex))
            if update.get("error"):
                vertex.error = update["error"]
                self._note_error(update["error"])
        for log in status.get("logs") or ():
            vertex = self._vertices.get(log.get("vertex", ""))
            if vertex is None:
                continue
            stream = int(log.get("stream", 1))
            text = vertex.partial.get(stream, "") + base64.b64decode(log.get("data", "")).decode(
                "utf-8", "replace"
            )
            *lines, vertex.partial[stream] = text.split("\n")
            for line in lines:
                events.extend(self._output(vertex, _ANSI_ESCAPE.sub("", line).rstrip("\r")))
        return events

    # plain ---------------------------------------------------------------------------------

    def _plain_line(self, line: str, at: float) -> list[Event]:
        self.lines.append(line)
        match = _PLAIN.match(line)
        if not match:
            self._text_line(line)
            return []
        key, rest = match["vertex"], match["rest"]
        vertex = self._vertices.get(key)
        if vertex is None:
            vertex = self._vertex(key, rest, at)
            vertex.started = at
            return self._announce(vertex, at)
        if rest == "CACHED":
            vertex.cached = True
            return self._cached(vertex)
        done = _PLAIN_DONE.match(rest)
        if done:
            vertex.seconds = float(done["seconds"])
            return []
        if rest.startswith(_PLAIN_ERROR):
            vertex.error = rest.removeprefix(_PLAIN_ERROR)
            self._note_error(vertex.error)
            return []
        output = _PLAIN_OUTPUT.match(rest)
        if output:
            return self._output(vertex, output["text"])
        return []  # the vertex's digest, transfer counters and the like

    # shared --------------------------------------------------------------------------------

    def _note_error(self, error: str) -> None:
        # When one step fails BuildKit cancels the others, and they may report it first.
        if self.error is None or (_CANCELED in self.error and _CANCELED not in error):
            self.error = error

    def _vertex(self, key: str, name: str, at: float) -> _Vertex:
        if key not in self._vertices:
            self._vertices[key] = _Vertex(name=name, seen_at=at)
        return self._vertices[key]

    def _announce(self, vertex: _Vertex, at: float) -> list[Event]:
        step = _STEP_NAME.match(vertex.name)
        if not step or vertex.announced:
            return []
        vertex.announced = True
        if self.first_step_at is None:
            self.first_step_at = at
        number, total = int(step["number"]), int(step["total"])
        label = f"[{step['stage'] + ' ' if step['stage'] else ''}{number}/{total}]"
        return [StepStarted(number, total, _shown(step["text"]), label)]

    def _cached(self, vertex: _Vertex) -> list[Event]:
        step = _STEP_NAME.match(vertex.name)
        return [StepCached(int(step["number"]))] if step else []

    def _output(self, vertex: _Vertex, line: str) -> list[Event]:
        if not line:
            return []
        if _STEP_NAME.match(vertex.name):
            vertex.output.append(line)
        else:
            self.before_first_step.append(line)
        return [OutputLine(line)]

    def _text_line(self, line: str) -> None:
        line = _ANSI_ESCAPE.sub("", line).strip()
        if line:
            self._trailing.append(line)

    @property
    def cli_message(self) -> str | None:
        """The CLI's last words when it failed: `ERROR: failed to solve: ...` or the like."""
        for line in reversed(self._trailing):
            if "error" in line.lower() or "failed" in line.lower():
                return line.removeprefix("ERROR: ")
        return self._trailing[-1] if self._trailing else None

    def fail(self, exit_code: int) -> None:
        """The CLI exited with `exit_code` and no image: keep the best explanation."""
        if self.error is None or (_CANCELED in self.error and self.cli_message):
            self.error = self.cli_message or _("the build command exited with {code}").format(
                code=exit_code
            )
        if not self.before_first_step and not self._steps_seen():
            self.before_first_step.extend(self._trailing[-12:])

    def _steps_seen(self) -> list[tuple[str | None, int, int, str, _Vertex]]:
        seen = []
        for vertex in self._vertices.values():
            step = _STEP_NAME.match(vertex.name)
            if step:
                seen.append(
                    (step["stage"], int(step["number"]), int(step["total"]), step["text"], vertex)
                )
        # Stages in the order of the Dockerfile, steps in BuildKit's order within each.
        return sorted(seen, key=lambda entry: (self._stage_order.get(entry[0] or "", -1), entry[1]))

    @property
    def last_step(self) -> tuple[int, str, tuple[str, ...]] | None:
        """Number, instruction and output of the failing step (or the last one seen)."""
        seen = self._steps_seen()
        if not seen:
            return None
        failing = (
            [entry for entry in seen if entry[4].error and _CANCELED not in entry[4].error]
            or [entry for entry in seen if entry[4].error]
            or seen
        )
        _stage, number, _total, text, vertex = failing[-1]
        return number, _shown(text), tuple(vertex.output)

    def steps(self, finished_at: float) -> tuple[Step, ...]:
        steps = []
        for stage, number, total, text, vertex in self._steps_seen():
            if vertex.seconds is not None:
                seconds = vertex.seconds
            elif vertex.started is not None and vertex.completed is not None:
                seconds = vertex.completed - vertex.started
            else:
                seconds = 0.0
            steps.append(
                Step(
                    number=number,
                    instruction=_shown(text),
                    cached=vertex.cached,
                    seconds=max(0.0, seconds),
                    image_id=None,
                    stage=stage,
                    total=total,
                    output=tuple(vertex.output) if self.keep_output else (),
                )
            )
        return tuple(steps)

    def result(
        self,
        *,
        dockerfile: str,
        tag: str | None,
        started: float,
        finished: float,
        layers: tuple[Layer, ...],
        context: tuple[int, int] = (0, 0),
        own_entries: int,
    ) -> BuildResult:
        """The finished build. `own_entries`: how many of the newest history entries the
        final stage wrote (BuildKit's history names no step, so the count places them)."""
        return self._assemble(
            dockerfile,
            tag,
            started,
            finished,
            layers,
            context,
            builder="buildkit",
            own_entries=own_entries,
            course_label=self._label_added_by_course,
        )


def _shown(text: str) -> str:
    return _FROM_DIGEST.sub("", text.strip())
