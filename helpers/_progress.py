"""Live build progress, in a notebook (a widget) or in a terminal (one line per step)."""

from __future__ import annotations

import html
import sys
from collections import deque
from typing import Protocol, TextIO

from ._buildlog import Event, OutputLine, StepCached, StepStarted


class Progress(Protocol):
    def start(self, title: str) -> None: ...
    def event(self, event: Event) -> None: ...
    def finish(self, summary: str) -> None: ...


class SilentProgress:
    def start(self, title: str) -> None:
        pass

    def event(self, event: Event) -> None:
        pass

    def finish(self, summary: str) -> None:
        pass


class TerminalProgress:
    """Prints each step as it starts, and `(cache)` when the builder reuses it."""

    def __init__(self, stream: TextIO | None = None, show_output: bool = False) -> None:
        self._stream = stream or sys.stderr
        self._show_output = show_output

    def start(self, title: str) -> None:
        print(title, file=self._stream, flush=True)

    def event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            print(
                f"  Step {event.number}/{event.total}: {event.instruction}",
                file=self._stream,
                flush=True,
            )
        elif isinstance(event, StepCached):
            print("    (from cache)", file=self._stream, flush=True)
        elif isinstance(event, OutputLine) and self._show_output:
            print(f"    {event.text}", file=self._stream, flush=True)

    def finish(self, summary: str) -> None:
        print(f"  {summary}", file=self._stream, flush=True)


class NotebookProgress:
    """A progress bar, the current step and the last lines of its output, updated live."""

    def __init__(self, tail_lines: int = 6, show: bool = True) -> None:
        import ipywidgets as widgets
        from IPython.display import display

        self._bar = widgets.IntProgress(value=0, min=0, max=1, description="Building")
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
                f"Step {event.number}/{event.total}: <code>{html.escape(event.instruction)}</code>"
            )
        elif isinstance(event, StepCached):
            self._status.value += " <i>(from cache)</i>"
        elif isinstance(event, OutputLine):
            self._tail.append(event.text)
            self._output.value = "<pre>" + html.escape("\n".join(self._tail)) + "</pre>"

    def finish(self, summary: str) -> None:
        self._bar.value = self._bar.max
        self._bar.bar_style = "success"
        self._status.value = html.escape(summary)
        self._output.value = ""


def in_notebook() -> bool:
    """True inside a Jupyter kernel, where a widget can show progress."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def choose_progress(progress: Progress | str | None) -> Progress:
    """`"auto"` picks a widget in a notebook and lines in a terminal; None is silent."""
    if progress is None:
        return SilentProgress()
    if progress == "auto":
        return NotebookProgress() if in_notebook() else TerminalProgress()
    if isinstance(progress, str):
        raise ValueError(f"progress must be 'auto', None or a Progress object, not {progress!r}")
    return progress
