"""Build progress in a notebook: a bar, the current step and the last lines of its output."""

from __future__ import annotations

import html
from collections import deque

import ipywidgets as widgets
from IPython.display import display

from ..engine.buildlog import Event, OutputLine, StepCached, StepStarted
from ..i18n import _


class NotebookProgress:
    """A progress bar, the current step and the last lines of its output, updated live."""

    def __init__(self, tail_lines: int = 6, show: bool = True) -> None:
        self._bar = widgets.IntProgress(value=0, min=0, max=1, description=_("Building"))
        self._status = widgets.HTML()
        self._tail: deque[str] = deque(maxlen=tail_lines)
        self._output = widgets.HTML()
        self._steps_seen = 0
        self.widget = widgets.VBox([self._bar, self._status, self._output])
        if show:
            display(self.widget)

    def start(self, title: str) -> None:
        self._status.value = f"<b>{html.escape(title)}</b>"

    def event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self._bar.max = event.total
            self._bar.value = event.number - 1
            self._tail.clear()
            self._status.value = (
                f"{event.shown_label}: <code>{html.escape(event.instruction)}</code>"
            )
        elif isinstance(event, StepCached):
            # Translators: {step} is the step's number and instruction, as shown while it ran.
            self._status.value = _("{step} <i>(from cache)</i>").format(step=self._status.value)
        elif isinstance(event, OutputLine):
            self._tail.append(event.text)
            self._output.value = "<pre>" + html.escape("\n".join(self._tail)) + "</pre>"

    def finish(self, summary: str) -> None:
        self._bar.value = self._bar.max
        self._bar.bar_style = "success"
        self._status.value = html.escape(summary)
        self._output.value = ""
