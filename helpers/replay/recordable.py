"""The one seam between the course and its recordings: `@recordable` calls.

A call that needs the engine is marked `@recordable`. Its return annotation declares what it
returns, and that type alone decides how the result is written and read back. In record
mode each call's result (or error) is saved, in order; in recorded mode the same calls, in
the same order and with the same arguments, get those results back, labelled as recorded.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from ..i18n import _
from ..results.errors import LayerLabError, RecordingMissing
from . import codec, session
from .store import save_recording

P = ParamSpec("P")
R = TypeVar("R")


def _advice(lesson: str) -> str:
    return _(
        "The recording of {lesson} does not match the notebook any more. Re-record it on a "
        "machine with Docker: `python -m helpers record` (README, 'Recorded runs')."
    ).format(lesson=lesson)


def describe_call(args: tuple, kwargs: dict) -> str:
    """A stable summary of a call's arguments: names, not scratch folders or clients."""

    def show(value: Any) -> str | None:
        if isinstance(value, os.PathLike):
            return Path(value).name
        if isinstance(value, str):
            return Path(value).name if os.sep in value else value
        if isinstance(value, (bool, int, float)):
            return repr(value)
        if isinstance(value, (tuple, list)):
            return "(" + ", ".join(filter(None, map(show, value))) + ")"
        return None

    parts = [shown for shown in map(show, args) if shown is not None]
    for key in sorted(kwargs):
        if key in ("client", "progress"):
            continue
        shown = show(kwargs[key])
        if shown is not None:
            parts.append(f"{key}={shown}")
    return ", ".join(parts)


def _save(current: session.Session) -> None:
    # `record` writes when, where and the notebook's hash once the whole notebook has run: a
    # recording cut short stays stale, so nothing of an earlier one need be read back here.
    save_recording(
        current.lesson,
        {"about": current.about, "notebook_hash": None, "calls": current.entries},
    )


def recordable(
    function: Callable[P, R] | None = None, *, conceal: tuple[str, ...] = ()
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Record this call in record mode, replay it in recorded mode, run it otherwise.

    `conceal` names arguments (a token searched for) that a recording must not hold: it keeps
    a digest of each, which matches the same value again and reveals nothing."""
    if function is None:
        return lambda inner: recordable(inner, conceal=conceal)
    returns = inspect.get_annotations(function, eval_str=True)["return"]
    name = function.__name__
    signature = inspect.signature(function)

    def described(args: tuple, kwargs: dict) -> str:
        if not conceal:
            return describe_call(args, kwargs)
        bound = signature.bind(*args, **kwargs)
        for argument in conceal:
            if isinstance(bound.arguments.get(argument), str):
                digest = hashlib.sha256(bound.arguments[argument].encode()).hexdigest()
                bound.arguments[argument] = f"sha256:{digest[:16]}"
        return describe_call(bound.args, bound.kwargs)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        current = session.current()
        if current.lesson is None or current.mode == "live" or current.depth:
            return function(*args, **kwargs)
        index = current.counters.get(name, 0)
        current.counters[name] = index + 1
        key, call = f"{name}#{index}", described(args, kwargs)
        if current.mode == "record":
            current.depth += 1
            try:
                value = function(*args, **kwargs)
            except LayerLabError as error:
                current.entries.append(
                    {"key": key, "call": call, "error": codec.encode_error(error)}
                )
                _save(current)
                raise
            finally:
                current.depth -= 1
            current.entries.append(
                {"key": key, "call": call, "result": codec.encode(value, returns)}
            )
            _save(current)
            return value
        return _replay(current, name, index, key, call, returns)

    wrapper.returns = returns  # type: ignore[attr-defined]
    return wrapper


def _replay(current: session.Session, name: str, index: int, key: str, call: str, returns: Any):
    entry = next((e for e in current.entries if e["key"] == key), None)
    if entry is None:
        made = sum(e["key"].startswith(f"{name}#") for e in current.entries)
        raise RecordingMissing(
            _(
                "The recording of {lesson} holds {made} result(s) of {name}, and all have been "
                "replayed. With a live Docker engine you can keep going; otherwise restart the "
                "kernel to replay them again. (If you did not press anything extra: {advice})"
            ).format(lesson=current.lesson, made=made, name=name, advice=_advice(current.lesson))
        )
    if entry["call"] != call:
        raise RecordingMissing(
            _(
                "No recorded result for {name}({call}), call {number} of that kind in {lesson}: "
                "the recording holds what the notebook itself did ({name}({recorded_call})). A "
                "choice of your own needs a live Docker engine; if you changed nothing, {advice}"
            ).format(
                name=name,
                call=call,
                number=index + 1,
                lesson=current.lesson,
                recorded_call=entry["call"],
                advice=_advice(current.lesson),
            )
        )
    if "error" in entry:
        raise codec.decode_error(entry["error"])
    return codec.mark_recorded(codec.decode(entry["result"], returns), current.label)
