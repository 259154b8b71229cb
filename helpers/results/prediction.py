"""What the predictor says a change will rebuild, before anything is built."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable

VERDICTS = {True: "cache", False: "RUNS", None: "unknown"}


@dataclass(frozen=True)
class PredictedStep(JsonSerializable):
    step: int
    instruction: str
    cached: bool | None
    """True: reused from the cache; False: runs again; None: cannot be known beforehand."""
    reason: str

    @property
    def verdict(self) -> str:
        return VERDICTS[self.cached]


@dataclass(frozen=True)
class Prediction(ShowsItself, JsonSerializable):
    dockerfile: str
    changed: tuple[str, ...]
    steps: tuple[PredictedStep, ...]

    @property
    def first_miss_step(self) -> int | None:
        return next((s.step for s in self.steps if s.cached is False), None)

    def step(self, number: int) -> PredictedStep:
        return next(step for step in self.steps if step.step == number)

    def summary(self) -> dict:
        return {
            "first_miss_step": self.first_miss_step,
            "steps": [
                {
                    "step": s.step,
                    "instruction": s.instruction,
                    "cached": s.cached,
                    "reason": s.reason,
                }
                for s in self.steps
            ],
        }

    def table(self) -> Table:
        first = self.first_miss_step
        return Table(
            f"If {', '.join(self.changed) or 'nothing'} changes, "
            + (f"step {first} is the first to run again." if first else "no step runs again."),
            ("step", "prediction", "instruction", "why"),
            tuple((str(s.step), s.verdict, s.instruction, s.reason) for s in self.steps),
            numeric=(0,),
        )
