"""Errors a learner can act on: each message says what went wrong and what to do next."""

from __future__ import annotations


class LayerLabError(Exception):
    """Base class for every error the course raises on purpose."""


class EngineUnavailable(LayerLabError):
    """No Docker engine answered, or the course may not talk to it."""


class BaseImageUnavailable(LayerLabError):
    """The image the course's Dockerfiles start FROM is neither present nor pullable."""


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
        self.log_tail = log_tail
