"""What the predictor says a change will rebuild, before anything is built."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import shown_builder

VERDICTS = {True: N_("cache"), False: N_("RUNS"), None: N_("unknown")}
"""English, as code compares them; shown as `_(verdict)`."""
BUILDERS = ("classic", "buildkit")
"""The builders the predictor knows: the SDK's classic builder, and BuildKit."""
_ABOUT = {
    "classic": N_(
        "Predicted for the classic builder: it builds every stage and numbers every "
        "instruction as a step."
    ),
    "buildkit": N_(
        "Predicted for BuildKit: it builds only the stages the last stage needs, and "
        "numbers FROM, RUN, COPY, ADD and WORKDIR within each stage."
    ),
}


@dataclass(frozen=True)
class PredictedStep(JsonSerializable):
    step: int
    """The classic builder's N in `Step N/M`; for BuildKit, the N in `[stage N/M]`."""
    instruction: str
    cached: bool | None
    """True: reused from the cache; False: runs again; None: cannot be known beforehand."""
    reason: str
    stage: str | None = None
    """BuildKit's name for the step's stage (`builder`, `stage-2`); None in a single stage,
    and always None for the classic builder."""
    total: int | None = None
    """BuildKit's M in `[N/M]`, the steps of this stage; None for the classic builder, whose
    steps are numbered through the whole Dockerfile."""

    @property
    def verdict(self) -> str:
        return VERDICTS[self.cached]

    @property
    def label(self) -> str:
        """As the builder's log names the step: `step 7`, or BuildKit's `[builder 2/4]`."""
        if self.total is None:
            return _("step {number}").format(number=self.step)
        return f"[{self.stage + ' ' if self.stage else ''}{self.step}/{self.total}]"


@dataclass(frozen=True)
class Prediction(ShowsItself, JsonSerializable):
    dockerfile: str
    changed: tuple[str, ...]
    steps: tuple[PredictedStep, ...]
    builder: str = "classic"
    """Whose cache this predicts: "classic" or "buildkit" (BUILDERS)."""
    skipped_stages: tuple[str, ...] = ()
    """BuildKit only: the stages the last stage does not need, which it never builds (and
    whose steps are therefore not predicted)."""

    @property
    def first_miss(self) -> PredictedStep | None:
        return next((s for s in self.steps if s.cached is False), None)

    @property
    def first_miss_step(self) -> int | None:
        """The step number of the first miss. For BuildKit, numbers restart in each stage:
        `first_miss` says which stage."""
        first = self.first_miss
        return first.step if first else None

    def step(self, number: int, stage: str | None = None) -> PredictedStep:
        """The step numbered `number`; for BuildKit with several stages, of `stage`."""
        return next(s for s in self.steps if s.step == number and s.stage == stage)

    def summary(self) -> dict:
        first = self.first_miss
        return {
            "builder": self.builder,
            "first_miss_step": self.first_miss_step,
            "first_miss_label": first.label if first else None,
            "skipped_stages": list(self.skipped_stages),
            "steps": [
                {
                    "step": s.step,
                    "stage": s.stage,
                    "label": s.label,
                    "instruction": s.instruction,
                    "cached": s.cached,
                    "reason": s.reason,
                }
                for s in self.steps
            ],
        }

    def table(self) -> Table:
        first = self.first_miss
        buildkit = self.builder == "buildkit"
        if self.builder in _ABOUT:
            notes = [_(_ABOUT[self.builder])]
        else:
            notes = [
                _("Predicted for the {builder} builder.").format(
                    builder=shown_builder(self.builder)
                )
            ]
        if self.skipped_stages:
            notes.append(
                _(
                    "Not built, so not predicted: stage(s) {stages}, which the last stage does "
                    "not need."
                ).format(stages=", ".join(self.skipped_stages))
            )
        changed = ", ".join(self.changed)
        if changed and first:
            headline = _("If {changed} changes, {step} is the first to run again.")
        elif changed:
            headline = _("If {changed} changes, no step runs again.")
        elif first:
            headline = _("If nothing changes, {step} is the first to run again.")
        else:
            headline = _("If nothing changes, no step runs again.")
        return Table(
            headline.format(changed=changed, step=first.label if first else ""),
            (_("step"), _("prediction"), _("instruction"), _("why")),
            tuple(
                (s.label if buildkit else str(s.step), _(s.verdict), s.instruction, s.reason)
                for s in self.steps
            ),
            notes=tuple(notes),
            # BuildKit's labels are words (`[builder 2/4]`): they read from the left.
            numeric=() if buildkit else (0,),
        )
