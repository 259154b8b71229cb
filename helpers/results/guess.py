"""A learner's prediction, made before a lesson measured the answer, and what was measured."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class Guess(ShowsItself, JsonSerializable):
    lesson: str
    key: str
    """Which of the lesson's questions, whatever its wording on this run (`first-miss`)."""
    question: str
    chosen: str | None
    """The learner's answer; None when they measured without predicting."""
    measured: str
    """The choice this run's measurement makes right."""
    why: str = ""

    @property
    def right(self) -> bool | None:
        return None if self.chosen is None else self.chosen == self.measured

    def sentence(self) -> str:
        if self.chosen is None:
            return (
                f"No prediction made. Measured: {self.measured}. (Choose an answer above and run "
                "this cell again to see how yours compares.)"
            )
        mark = "✅ Right" if self.right else "❌ Not this time"
        return f"{mark}: you predicted {self.chosen}; measured: {self.measured}."

    def summary(self) -> dict:
        return {"question": self.question, "chosen": self.chosen, "measured": self.measured}

    def table(self) -> Table:
        return Table(self.sentence(), notes=(self.why,) if self.why else ())


@dataclass(frozen=True)
class Guesses(ShowsItself, JsonSerializable):
    """Every prediction a learner has made so far, lesson by lesson, for the recap."""

    guesses: tuple[Guess, ...]

    @property
    def right(self) -> int:
        return sum(guess.right is True for guess in self.guesses)

    @property
    def made(self) -> int:
        return sum(guess.chosen is not None for guess in self.guesses)

    def summary(self) -> dict:
        return {"made": self.made, "right": self.right}

    def table(self) -> Table:
        headline = (
            f"{self.right} of {self.made} predictions right."
            if self.made
            else "No predictions yet: lessons 3, 4, 5, 7 and 9 ask for them."
        )
        rows = tuple(
            (
                guess.lesson,
                guess.question,
                guess.chosen or "(none)",
                guess.measured,
                {True: "✅", False: "❌", None: ""}[guess.right],
            )
            for guess in self.guesses
        )
        return Table(headline, ("lesson", "question", "you said", "measured", ""), rows)
