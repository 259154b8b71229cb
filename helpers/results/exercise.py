"""The verdict on a learner's Dockerfile in the exercise, from a prediction and a real rebuild."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
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
        return label or _("step {number}").format(number=number)

    def explanation(self) -> str:
        install = self._named(self.install_label, self.install_step)
        if self.install_step is None:
            why = _("This Dockerfile no longer installs the dependencies: the app needs them.")
        elif self.fixed:
            why = _(
                "After an edit to {changed}, {install} ({instruction}) came from the cache, as "
                "the predictor said it would: only what comes after the code's COPY ran again."
            ).format(changed=self.changed, install=install, instruction=self.install_instruction)
        else:
            why = _(
                "After an edit to {changed}, {install} ({instruction}) ran again. The first step "
                "to miss the cache was {first} ({first_instruction}): it copies the code, so "
                "every step after it ran too."
            ).format(
                changed=self.changed,
                install=install,
                instruction=self.install_instruction,
                first=self._named(self.first_rebuilt_label, self.first_rebuilt_step),
                first_instruction=self.first_rebuilt_instruction,
            )
            if self.hint:
                why += " " + _("Hint: {hint}").format(hint=self.hint)
        if not self.app_answered:
            why += " " + _("The app in the rebuilt image did not answer: check the CMD.")
        if not self.leftovers:
            part_two = _("And the final image ships no Poetry: part 2 done too.")
        else:
            held = self.leftovers[0]
            for more in self.leftovers[1:]:
                # Translators: two things the final image still holds, as a list says them.
                held = _("{first} and {second}").format(first=held, second=more)
            part_two = _("Part 2: the final image still holds {leftovers}.").format(leftovers=held)
        if self.solved:
            headline = _("Solved!")
        elif self.fixed:
            headline = _("Part 1 fixed.")
        else:
            headline = _("Not yet.")
        return f"{headline} {why} {part_two}"

    def table(self) -> Table:
        return Table(
            self.explanation(),
            notes=(
                _(
                    "The rebuild took {seconds:.1f} s; {cached} of {total} steps came from the "
                    "cache."
                ).format(seconds=self.rebuild_s, cached=self.steps_cached, total=self.steps_total),
            ),
        )
