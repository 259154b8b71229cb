"""Errors a learner can act on: each message says what went wrong and what to do next.

Every error the course raises on purpose is defined here, so that a recording can store one
and replay it as the same error (see `REPLAYABLE_ERRORS`).
"""

from __future__ import annotations


class LayerLabError(Exception):
    """Base class for every error the course raises on purpose."""


class EngineUnavailable(LayerLabError):
    """No Docker engine answered, or the course may not talk to it."""


class NeedsLiveEngine(LayerLabError):
    """Recorded mode: this call needs a live engine, and the notebook is replaying a recording."""


class BaseImageUnavailable(LayerLabError):
    """The image the course's Dockerfiles start FROM is neither present nor pullable."""


class MissingFile(LayerLabError, FileNotFoundError):
    """A context folder, Dockerfile or file to change that the learner named does not exist."""


class BrokenDockerfile(LayerLabError, ValueError):
    """A Dockerfile the builder would refuse: empty, not text, or an instruction it rejects.

    `line` is the 1-based line at fault, when there is one.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class UnreadableFile(LayerLabError, ValueError):
    """A file the course must read (a .dockerignore) is not text it can read."""


class OutsideContext(LayerLabError, ValueError):
    """A path named as changed lies outside the build context: the builder never sees it."""


class BuilderUnavailable(LayerLabError):
    """The builder asked for (BuildKit) cannot run here: no CLI for it, or an old engine."""


class AppDidNotAnswer(LayerLabError):
    """The web app in a built image did not answer its first request."""


class RecordingMissing(LayerLabError):
    """The recording has nothing for this call: the notebook changed since it was made."""


class BuildFailed(LayerLabError):
    """The engine refused or failed a build.

    `step` is the builder's step number (None when the Dockerfile was rejected before any
    step ran), `instruction` the step's text and `log_tail` the last lines it printed.
    """

    def __init__(
        self,
        message: str,
        *,
        step: int | None = None,
        instruction: str | None = None,
        log_tail: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.step = step
        self.instruction = instruction
        self.log_tail = tuple(log_tail)


REPLAYABLE_ERRORS: tuple[type[LayerLabError], ...] = (
    EngineUnavailable,
    BaseImageUnavailable,
    MissingFile,
    AppDidNotAnswer,
    BuildFailed,
    BuilderUnavailable,
)
"""Errors a recorded call may have raised, and so may raise again when it is replayed."""
