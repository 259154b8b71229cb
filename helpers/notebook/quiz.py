"""The recap's questions: choose an answer, check it, and see the answer only on request."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
from IPython.display import display

from ..i18n import _


class QuizQuestion:
    """A question about Docker with its choices. "Check" says right or not, with the reason
    only when right; "Show the answer" shows it whatever was chosen. The question, `why` and
    `hint` arrive in the learner's language; the choices and the answer in English (marked
    with `N_`, or Dockerfile text), compared as they are and shown translated."""

    def __init__(
        self, question: str, choices: Sequence[str], answer: str, why: str, hint: str = ""
    ) -> None:
        if answer not in choices:
            raise ValueError(f"The answer {answer!r} is not among the choices: {choices}.")
        self.question, self.choices, self.answer, self.why, self.hint = (
            question,
            tuple(choices),
            answer,
            why,
            hint,
        )
        self.buttons = widgets.RadioButtons(
            options=[(_(choice), choice) for choice in self.choices],
            index=None,
            layout={"width": "max-content"},
        )
        check = widgets.Button(description=_("Check my answer"), button_style="primary")
        show = widgets.Button(description=_("Show the answer"))
        check.on_click(lambda _button: self._say(self.check()))
        show.on_click(lambda _button: self._say(self.reveal()))
        self.feedback = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{html.escape(question)}</b>"),
                self.buttons,
                widgets.HBox([check, show]),
                self.feedback,
            ]
        )

    def check(self) -> str:
        chosen = self.buttons.value
        if chosen is None:
            return _("Choose an answer first.")
        if chosen == self.answer:
            return _("✅ Right. {why}").format(why=self.why)
        # Translators: keep the ❌ first: a checkpoint looks for it.
        return _("❌ Not quite. {hint}").format(
            hint=self.hint or _("Try another, or show the answer.")
        )

    def reveal(self) -> str:
        return _("The answer: {answer}. {why}").format(answer=_(self.answer), why=self.why)

    def _say(self, text: str) -> None:
        self.feedback.value = html.escape(text)

    def _ipython_display_(self) -> None:
        display(self.widget)


def quiz(
    question: str, choices: Sequence[str], answer: str, why: str, hint: str = ""
) -> QuizQuestion:
    """A multiple-choice question whose answer stays hidden until the learner asks for it."""
    return QuizQuestion(question, choices, answer, why, hint)
