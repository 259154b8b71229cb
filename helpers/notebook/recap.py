"""Lesson 6's questions, about Docker rather than the course's objects. Their answers come from
this run's measurements where a measurement decides them, and stay out of the notebook's
code: a learner sees one only on asking."""

from __future__ import annotations

from ..course.sample_app import SAMPLE_APP
from ..i18n import N_, _
from ..results.experiment import Comparison
from .quiz import QuizQuestion
from .reveals import one_line, step_choices

RECAP_QUESTIONS = 5


def recap_question(number: int, comparison: Comparison) -> QuizQuestion:
    """Question `number` (1 to 5) of the recap, with its answer from `comparison`."""
    common = comparison.variant("Dockerfile.common")
    reordered = comparison.variant("Dockerfile.reordered")
    if number == 1:
        return QuizQuestion(
            _(
                "With Dockerfile.common, you add one line to source/app.py and build again. Which "
                "step is the first to run again?"
            ),
            step_choices(SAMPLE_APP / "Dockerfile.common"),
            one_line(common.first_miss.instruction),
            _(
                "The COPY of source/ checksums every file it copies, and app.py changed; every "
                "step after a miss runs again, the install included."
            ),
            hint=_("Which instruction reads app.py?"),
        )
    if number == 2:
        share = reordered.rebuild_new_bytes / max(common.rebuild_new_bytes, 1)
        choices = (
            N_("about as many: the libraries are installed again"),
            N_("a few kilobytes: just the source files"),
            N_("none at all"),
        )
        answer = choices[0 if share > 0.5 else 2 if reordered.rebuild_new_bytes == 0 else 1]
        return QuizQuestion(
            _(
                "With Dockerfile.reordered, the same change writes how many bytes of new layers, "
                "next to Dockerfile.common?"
            ),
            choices,
            answer,
            _("Only the last COPY misses: the libraries' layers come from the cache."),
        )
    if number == 3:
        return QuizQuestion(
            _("A Node project's Dockerfile has these three steps. Which should come last?"),
            ("COPY package.json package-lock.json ./", "RUN npm ci", "COPY src/ ./src/"),
            "COPY src/ ./src/",
            _("The source changes most often; the manifests and the install they drive rarely."),
            hint=_("Which of the three do you edit every day?"),
        )
    if number == 4:
        return QuizQuestion(
            _(
                "With Dockerfile.reordered, you add a package to source/requirements.txt. Which "
                "step is the first to run again?"
            ),
            step_choices(SAMPLE_APP / "Dockerfile.reordered"),
            one_line(reordered.rebuild.step("COPY source/requirements.txt").instruction),
            _(
                "That COPY copies requirements.txt, so it misses, and the install after it runs "
                "again: a new library is exactly when reinstalling is right."
            ),
        )
    if number == 5:
        return QuizQuestion(
            _(
                "One RUN writes a 20 MB file; the next RUN deletes it. How much smaller is the "
                "image than without the second RUN?"
            ),
            (N_("20 MB smaller"), N_("no smaller: the 20 MB stay in the first RUN's layer")),
            "no smaller: the 20 MB stay in the first RUN's layer",
            _(
                "A layer is never edited: the delete only hides the file (a whiteout). Delete in "
                "the same RUN that wrote it."
            ),
        )
    raise ValueError(
        _("The recap has questions 1 to {last}, not {number}.").format(
            last=RECAP_QUESTIONS, number=number
        )
    )
