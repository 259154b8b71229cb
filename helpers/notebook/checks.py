"""Feedback on a learner's answer, and checkpoints that say what a lesson just proved."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from IPython.display import Markdown, display

from .room_report import report_checkpoint


def check_answer(
    given: Any, expected: Any, *, why: str, hint: str = "", rel_tolerance: float = 0.0
) -> bool:
    """Say whether `given` matches `expected`, and why. `...` means not answered yet."""
    if given is Ellipsis:
        display(Markdown("**Not answered yet.** Replace `...` with your answer and run the cell."))
        return False
    if isinstance(expected, float) or rel_tolerance:
        try:
            right = math.isclose(float(given), float(expected), rel_tol=rel_tolerance or 1e-9)
        except (TypeError, ValueError):
            right = False
    else:
        right = given == expected
    if right:
        display(Markdown(f"**Right.** {why}"))
    else:
        display(Markdown(f"**Not quite:** you answered `{given!r}`. {hint}"))
    return right


def checkpoint(
    claim: str, holds: bool, evidence: str, measured: Mapping[str, float] | None = None
) -> None:
    """Assert what the lesson claims, against this run's numbers, and say so either way.
    In a workshop room the instructor's view hears of it too, with any `measured` figures."""
    report_checkpoint(claim, bool(holds), evidence, measured)
    if not holds:
        raise AssertionError(f"Checkpoint failed: {claim}\nWhat this run measured: {evidence}")
    display(Markdown(f"✅ **{claim}** ({evidence})"))
