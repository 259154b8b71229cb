"""Predict, then see: the learner commits to an answer before a lesson measures it.

`ask_prediction` shows the question with its choices and nothing chosen. The cell that
measures then calls `reveal_prediction`, which locks the choice, says how it compares with
what was measured on this run, and remembers it for the recap (`my_predictions`). A run
that never chooses (nbval, "Run All") still measures: it is told it made no prediction.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from pathlib import Path

import cattrs
import ipywidgets as widgets
from IPython.display import display

from ..i18n import _
from ..replay import session
from ..results.guess import Guess, Guesses

STATE_ENV = "LAYERLAB_STATE_DIR"


def _store() -> Path:
    """Where a learner's predictions are kept: their home, so each learner of a room has their
    own; LAYERLAB_STATE_DIR elsewhere."""
    folder = os.environ.get(STATE_ENV) or Path.home() / ".layerlab"
    return Path(folder) / "predictions.json"


class PredictionQuestion:
    """A question and its choices, none chosen yet; `reveal_prediction` locks it."""

    def __init__(self, key: str, question: str, choices: Sequence[str]) -> None:
        if len(set(choices)) != len(choices) or len(choices) < 2:
            raise ValueError(f"A prediction needs two or more different choices, not {choices}.")
        self.key = key
        self.question = question
        self.lesson = session.current().lesson or "no lesson"
        self.choices = tuple(choices)
        self._locked: str | None = None
        # Each choice shown in the learner's language; its value, compared with what was
        # measured and remembered, stays the English one.
        self.buttons = widgets.RadioButtons(
            options=[(_(choice), choice) for choice in self.choices],
            index=None,
            layout={"width": "max-content"},
        )
        heading = html.escape(_("Your prediction."))
        self.widget = widgets.VBox(
            [widgets.HTML(f"<b>{heading}</b> {html.escape(_(question))}"), self.buttons]
        )

    @property
    def chosen(self) -> str | None:
        return self._locked if self.buttons.disabled else self.buttons.value

    def lock(self) -> None:
        """Hold the choice as it is now: call it before the cell shows anything measured."""
        self._locked = self.buttons.value
        self.buttons.disabled = True

    def choose(self, choice: str) -> None:
        """Choose from code (a test, or a learner who prefers typing to clicking): a choice
        as it is written, or as it is shown."""
        if choice not in self.choices:
            choice = {_(each): each for each in self.choices}.get(choice, choice)
        if choice not in self.choices:
            raise ValueError(
                _("{choice!r} is not one of the choices: {choices}.").format(
                    choice=choice, choices=", ".join(self.choices)
                )
            )
        self.buttons.disabled = False
        self.buttons.value = choice

    def _ipython_display_(self) -> None:
        display(self.widget)


def ask_prediction(key: str, question: str, choices: Sequence[str]) -> PredictionQuestion:
    """Ask the learner to predict before the next cell measures. `key` names the question
    within its lesson (`first-miss`), whatever its wording."""
    return PredictionQuestion(key, question, choices)


def reveal_prediction(asked: PredictionQuestion, measured: str, why: str = "") -> Guess:
    """Lock the learner's choice, compare it with `measured` (one of the choices: what this
    run measured), and remember it for the recap."""
    if measured not in asked.choices:
        raise ValueError(
            _("{choice!r} is not one of the choices: {choices}.").format(
                choice=measured, choices=", ".join(asked.choices)
            )
        )
    if not asked.buttons.disabled:
        asked.lock()
    guess = Guess(asked.lesson, asked.key, asked.question, asked.chosen, measured, why)
    if guess.chosen is None:
        asked.buttons.disabled = False  # to choose, and run the cell again
    else:
        _remember(guess)
    return guess


def _remember(guess: Guess) -> None:
    path = _store()
    kept = _load(path)
    kept[f"{guess.lesson}/{guess.key}"] = guess.to_dict()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed over the old file: a second kernel of the same learner
    # reading it meanwhile sees the old predictions or the new, never half a file.
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(kept, indent=1, ensure_ascii=False))
    partial.replace(path)


def _load(path: Path) -> dict:
    try:
        kept = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def my_predictions() -> Guesses:
    """Every prediction made so far, in lesson order."""
    guesses = []
    for _key, entry in sorted(_load(_store()).items()):
        try:
            guesses.append(Guess.from_dict(entry))
        except (cattrs.BaseValidationError, TypeError, KeyError):
            continue  # an entry an older version wrote: left out of the recap
    return Guesses(tuple(guesses))
