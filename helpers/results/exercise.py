"""The verdict on a learner's Dockerfile in the exercise, from a prediction and a real rebuild."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class ExerciseResult(ShowsItself, JsonSerializable):
    fixed: bool
    install_step: int | None
    """The step that installs the dependencies in the learner's Dockerfile."""
    install_instruction: str | None
    changed: str
    """The file the check edited before rebuilding."""
    predicted_install_cached: bool | None
    rebuilt_install_cached: bool | None
    first_rebuilt_step: int | None
    first_rebuilt_instruction: str | None
    rebuild_s: float
    steps_cached: int
    steps_total: int
    app_answered: bool
    hint: str = ""
    """The advisor's fix for the order, when the order is still wrong."""
    leftovers: tuple[str, ...] = ()
    """What of the build tool (Poetry, its cache) the final image still holds, in words."""
    install_label: str | None = None
    """How the builder's log names the install step: `step 5`, or BuildKit's `[3/5]`."""
    first_rebuilt_label: str | None = None

    @property
    def solved(self) -> bool:
        """Both parts: the install reused after a code edit, and no build tool shipped."""
        return self.fixed and not self.leftovers

    def _named(self, label: str | None, number: int | None) -> str:
        return label or f"step {number}"

    def explanation(self) -> str:
        install = self._named(self.install_label, self.install_step)
        if self.install_step is None:
            why = "This Dockerfile no longer installs the dependencies: the app needs them."
        elif self.fixed:
            why = (
                f"After an edit to {self.changed}, {install} "
                f"({self.install_instruction}) came from the cache, as the predictor said it "
                "would: only what comes after the code's COPY ran again."
            )
        else:
            why = (
                f"After an edit to {self.changed}, {install} "
                f"({self.install_instruction}) ran again. The first step to miss the cache was "
                f"{self._named(self.first_rebuilt_label, self.first_rebuilt_step)} "
                f"({self.first_rebuilt_instruction}): it copies "
                "the code, so every step after it ran too."
            )
            if self.hint:
                why += f" Hint: {self.hint}"
        if not self.app_answered:
            why += " The app in the rebuilt image did not answer: check the CMD."
        part_two = (
            " And the final image ships no Poetry: part 2 done too."
            if not self.leftovers
            else f" Part 2: the final image still holds {' and '.join(self.leftovers)}."
        )
        headline = "Solved!" if self.solved else "Part 1 fixed." if self.fixed else "Not yet."
        return f"{headline} {why}{part_two}"

    def table(self) -> Table:
        return Table(
            self.explanation(),
            notes=(
                f"The rebuild took {self.rebuild_s:.1f} s; {self.steps_cached} of "
                f"{self.steps_total} steps came from the cache.",
            ),
        )
