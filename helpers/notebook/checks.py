"""Feedback on a learner's answer, and checkpoints that say what a lesson just proved."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from IPython.display import Markdown, display

from ..i18n import _
from .room_report import Checkpoint, report_checkpoint

LESSON_CHECKPOINTS: dict[str, int] = {}
"""How many checkpoints each lesson makes, from the `@checks_for` declarations in lessons.py:
the instructor's view counts a lesson passed when all of them have."""
_DECLARED: dict[tuple[str, str], int] = {}
"""Each declaration by lesson and function: declared again (a module reloaded), it counts once."""


@dataclass
class _Checking:
    """The lesson function whose checkpoints are being made, and how many it has made."""

    lesson: str
    function: str
    made: int = 0


_checking: ContextVar[_Checking | None] = ContextVar("layerlab_checking", default=None)


def checks_for(lesson: str, count: int) -> Callable:
    """Declare a function of lessons.py: the lesson it checks, and how many checkpoints it
    makes when they all hold. Each checkpoint is then known by the function and its place
    (`recap_answers.2`), however its sentence reads on this run, and a function that makes
    another number fails loudly: CI runs every lesson, so the counts stay true."""

    def declare(function: Callable) -> Callable:
        _DECLARED[(lesson, function.__qualname__)] = count
        LESSON_CHECKPOINTS[lesson] = sum(
            made for (declared, _function), made in _DECLARED.items() if declared == lesson
        )

        @functools.wraps(function)
        def checked(*args, **kwargs):
            checking = _Checking(lesson, function.__name__)
            token = _checking.set(checking)
            try:
                result = function(*args, **kwargs)
            finally:
                _checking.reset(token)
            if checking.made != count:
                raise AssertionError(
                    f"{function.__name__} made {checking.made} checkpoints but declares "
                    f"{count}: correct its @checks_for in helpers/notebook/lessons.py."
                )
            return result

        return checked

    return declare


def check_answer(
    given: Any, expected: Any, *, why: str, hint: str = "", rel_tolerance: float = 0.0
) -> bool:
    """Say whether `given` matches `expected`, and why. `...` means not answered yet."""
    if given is Ellipsis:
        display(
            Markdown(_("**Not answered yet.** Replace `...` with your answer and run the cell."))
        )
        return False
    if isinstance(expected, float) or rel_tolerance:
        try:
            right = math.isclose(float(given), float(expected), rel_tol=rel_tolerance or 1e-9)
        except (TypeError, ValueError):
            right = False
    else:
        right = given == expected
    if right:
        display(Markdown(_("**Right.** {why}").format(why=why)))
    else:
        display(
            Markdown(
                _("**Not quite:** you answered `{given!r}`. {hint}").format(given=given, hint=hint)
            )
        )
    return right


def checkpoint(
    claim: str, holds: bool, evidence: str, measured: Mapping[str, float] | None = None
) -> None:
    """Assert what the lesson claims, against this run's numbers, and say so either way.
    In a workshop room the instructor's view hears of it too, with any `measured` figures."""
    checking = _checking.get()
    if checking:
        checking.made += 1
    report_checkpoint(
        Checkpoint(
            claim=claim,
            passed=bool(holds),
            evidence=evidence,
            lesson=checking.lesson if checking else None,
            key=f"{checking.function}.{checking.made}" if checking else None,
            of=LESSON_CHECKPOINTS.get(checking.lesson) if checking else None,
            measured=dict(measured or {}),
        )
    )
    if not holds:
        raise AssertionError(
            _("Checkpoint failed: {claim}\nWhat this run measured: {evidence}").format(
                claim=claim, evidence=evidence
            )
        )
    # Translators: a claim that held, and what this run measured to show it.
    display(Markdown(_("✅ **{claim}** ({evidence})").format(claim=claim, evidence=evidence)))
