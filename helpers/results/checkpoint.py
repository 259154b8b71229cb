"""A checkpoint as the instructor's view of a workshop room hears of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .serialize import JsonSerializable


@dataclass(frozen=True)
class Checkpoint(JsonSerializable):
    claim: str
    passed: bool
    evidence: str
    lesson: str | None = None
    """The lesson whose checkpoint this is; None for one a learner makes in a cell of their own."""
    key: str | None = None
    """Which of the lesson's checkpoints (`function.place`), whatever this run's sentence."""
    of: int | None = None
    """How many checkpoints the lesson has in all."""
    measured: dict[str, float] = field(default_factory=dict)
    mode: str = "live"
