"""A learner's prediction, made before a lesson measured the answer, and what was measured."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
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
        # The answers are the choices' English values: shown in the learner's language.
        measured = _(self.measured)
        if self.chosen is None:
            return _(
                "No prediction made. Measured: {measured}. (Choose an answer above and run this "
                "cell again to see how yours compares.)"
            ).format(measured=measured)
        if self.right:
            sentence = _("✅ Right: you predicted {chosen}; measured: {measured}.")
        else:
            sentence = _("❌ Not this time: you predicted {chosen}; measured: {measured}.")
        return sentence.format(chosen=_(self.chosen), measured=measured)

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
            _("{right} of {made} predictions right.").format(right=self.right, made=self.made)
            if self.made
            else _("No predictions yet: lessons 3, 4, 5, 7 and 9 ask for them.")
        )
        rows = tuple(
            (
                guess.lesson,
                _(guess.question),
                _(guess.chosen) if guess.chosen else _("(none)"),
                _(guess.measured),
                {True: "✅", False: "❌", None: ""}[guess.right],
            )
            for guess in self.guesses
        )
        columns = (_("lesson"), _("question"), _("you said"), _("measured"), "")
        return Table(headline, columns, rows)
