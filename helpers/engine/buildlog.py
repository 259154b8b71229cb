"""Reading the classic builder's JSON stream: steps, cache hits, timings and errors.

Pure parsing, no engine: the tests feed it recorded streams of real builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..results.build import BuildResult, Layer, Step

_STEP = re.compile(r"^Step (\d+)/(\d+) : (.*)$")
_PRODUCED = re.compile(r"^ ---> ([0-9a-f]{12,64})$")
_USING_CACHE = " ---> Using cache"
# The builder colours a command's stderr red with terminal escapes.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# Lines the builder prints about itself, not about the step's command.
_BUILDER_CHATTER = re.compile(
    r"^( ---> |Removing intermediate container |Successfully (built|tagged) )"
)


@dataclass(frozen=True)
class StepStarted:
    number: int
    total: int
    instruction: str
    label: str | None = None
    """BuildKit's name for the step (`[builder 2/4]`); None for the classic builder."""

    @property
    def shown_label(self) -> str:
        return self.label or f"Step {self.number}/{self.total}"


@dataclass(frozen=True)
class StepCached:
    number: int


@dataclass(frozen=True)
class OutputLine:
    text: str


Event = StepStarted | StepCached | OutputLine


@dataclass
class _DraftStep:
    number: int
    instruction: str
    started_at: float
    cached: bool = False
    image_id: str | None = None
    output: list[str] = field(default_factory=list)


class FinishedLog:
    """What either builder's log parser knows once the build has ended, made a BuildResult."""

    image_id: str | None
    first_step_at: float | None
    keep_output: bool
    lines: list[str]

    def steps(self, finished_at: float) -> tuple[Step, ...]:
        raise NotImplementedError

    def _assemble(
        self,
        dockerfile: str,
        tag: str | None,
        started: float,
        finished: float,
        layers: tuple[Layer, ...],
        context: tuple[int, int],
        **builder_specific: object,
    ) -> BuildResult:
        if self.image_id is None:
            raise ValueError("The build produced no image: there is no result to assemble.")
        return BuildResult(
            dockerfile=dockerfile,
            image_id=self.image_id,
            tag=tag,
            seconds=finished - started,
            steps=self.steps(finished),
            layers=layers,
            context_files=context[0],
            context_bytes=context[1],
            seconds_to_first_step=(self.first_step_at or finished) - started,
            log=tuple(self.lines) if self.keep_output else (),
            **builder_specific,
        )


class BuildLogParser(FinishedLog):
    """Feed it the decoded chunks of `APIClient.build(decode=True)`, in order.

    Chunks split lines anywhere, so text is buffered until a newline arrives.
    """

    def __init__(self, labels_added_by_course: tuple[str, ...] = ()) -> None:
        # The classic builder writes one LABEL step per label it is given, in name order.
        self._labels_added_by_course = labels_added_by_course
        self.keep_output = False
        self._partial = ""
        self._steps: list[_DraftStep] = []
        self.before_first_step: list[str] = []
        self.image_id: str | None = None
        self.error: str | None = None
        self.first_step_at: float | None = None
        self.lines: list[str] = []
        """Every line as `docker build` would print it, for a learner who wants the log."""

    def feed(self, chunk: dict, at: float) -> list[Event]:
        events: list[Event] = []
        if "stream" in chunk:
            self._partial += chunk["stream"]
            *complete, self._partial = self._partial.split("\n")
            for line in complete:
                events.extend(self._line(_ANSI_ESCAPE.sub("", line).rstrip("\r"), at))
        if "status" in chunk:
            # Pull progress for a missing base image; one line per status is enough.
            text = " ".join(str(chunk[key]) for key in ("id", "status") if chunk.get(key))
            events.extend(self._line(text, at))
        if "aux" in chunk and isinstance(chunk["aux"], dict) and "ID" in chunk["aux"]:
            self.image_id = chunk["aux"]["ID"]
        if "error" in chunk or "errorDetail" in chunk:
            detail = chunk.get("errorDetail") or {}
            self.error = (detail.get("message") or chunk.get("error") or "").strip()
        return events

    def _line(self, line: str, at: float) -> list[Event]:
        self.lines.append(line)
        started = _STEP.match(line)
        if started:
            number, total, instruction = int(started[1]), int(started[2]), started[3].strip()
            if self.first_step_at is None:
                self.first_step_at = at
            self._steps.append(_DraftStep(number, instruction, at))
            return [StepStarted(number, total, instruction)]
        if not self._steps:
            if line:
                self.before_first_step.append(line)
                return [OutputLine(line)]
            return []
        current = self._steps[-1]
        if line.startswith(_USING_CACHE):
            current.cached = True
            return [StepCached(current.number)]
        produced = _PRODUCED.match(line)
        if produced:
            current.image_id = produced[1]
            return []
        if line and not _BUILDER_CHATTER.match(line):
            current.output.append(line)
            return [OutputLine(line)]
        return []

    @property
    def last_step(self) -> tuple[int, str, tuple[str, ...]] | None:
        """Number, instruction and output of the step that ran last (the failing one)."""
        if not self._steps:
            return None
        draft = self._steps[-1]
        return draft.number, draft.instruction, tuple(draft.output)

    def steps(self, finished_at: float) -> tuple[Step, ...]:
        """The steps seen so far; the last one is taken to end at `finished_at`."""
        ends = [draft.started_at for draft in self._steps[1:]] + [finished_at]
        return tuple(
            Step(
                number=draft.number,
                instruction=draft.instruction,
                cached=draft.cached,
                seconds=max(0.0, end - draft.started_at),
                image_id=draft.image_id,
                added_by_course=self._is_course_label(draft),
                output=tuple(draft.output) if self.keep_output else (),
            )
            for draft, end in zip(self._steps, ends, strict=True)
        )

    def _is_course_label(self, draft: _DraftStep) -> bool:
        """One of the LABEL steps the course appended: they come last, after every step of
        the Dockerfile."""
        index = self._steps.index(draft)
        added = len(self._labels_added_by_course)
        return index >= len(self._steps) - added and any(
            draft.instruction.startswith(f"LABEL {name}=") for name in self._labels_added_by_course
        )

    def result(
        self,
        *,
        dockerfile: str,
        tag: str | None,
        started: float,
        finished: float,
        layers: tuple[Layer, ...],
        context: tuple[int, int] = (0, 0),
    ) -> BuildResult:
        """The finished build: its steps as this log told them, the image's `layers` (read
        from its history) and the build context's (files, bytes)."""
        return self._assemble(dockerfile, tag, started, finished, layers, context)
