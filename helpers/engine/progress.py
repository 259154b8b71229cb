"""Live build progress: what `progress="auto"` means, and progress in a terminal.

A terminal gets one line per step. A notebook gets a widget, which lives above this layer
(`notebook/progress.py`): the notebook layer registers it with `use_for_notebooks` when a
lesson starts, and from then on "auto" inside a kernel picks it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol, TextIO

from ..i18n import _
from .buildlog import Event, OutputLine, StepCached, StepStarted


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
                f"  {event.shown_label}: {event.instruction}",
                file=self._stream,
                flush=True,
            )
        elif isinstance(event, StepCached):
            print("    " + _("(from cache)"), file=self._stream, flush=True)
        elif isinstance(event, OutputLine) and self._show_output:
            print(f"    {event.text}", file=self._stream, flush=True)

    def finish(self, summary: str) -> None:
        print(f"  {summary}", file=self._stream, flush=True)


def in_notebook() -> bool:
    """True inside a Jupyter kernel, where a widget can show progress. A kernel has imported
    IPython already; asking here imports nothing."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


_notebook_progress: Callable[[], Progress] | None = None


def use_for_notebooks(make: Callable[[], Progress]) -> None:
    """From now on, `progress="auto"` inside a Jupyter kernel gets `make()`."""
    global _notebook_progress
    _notebook_progress = make


def choose_progress(progress: Progress | str | None) -> Progress:
    """`"auto"` picks the notebook's widget in a kernel (once registered) and lines in a
    terminal; None is silent."""
    if progress is None:
        return SilentProgress()
    if progress == "auto":
        if _notebook_progress is not None and in_notebook():
            return _notebook_progress()
        return TerminalProgress()
    if isinstance(progress, str):
        raise ValueError(
            _("progress must be 'auto', None or a Progress object, not {progress}").format(
                progress=repr(progress)
            )
        )
    return progress
