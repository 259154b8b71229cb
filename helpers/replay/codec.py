"""Results and errors to JSON and back, by the type each recordable call declares it returns.

One converter does it all (`results.serialize.converter`): no looking up a class by its name,
no guessing a type from its fields. Errors are the course's own, from one known list.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from typing import Any, get_args, get_origin, get_type_hints

import cattrs

from ..i18n import _
from ..results.errors import REPLAYABLE_ERRORS, BuildFailed, LayerLabError, RecordingMissing
from ..results.serialize import converter

_ERRORS_BY_NAME = {error.__name__: error for error in REPLAYABLE_ERRORS}


def encode(value: Any, declared: Any) -> Any:
    return converter.unstructure(value, declared)


def decode(plain: Any, declared: Any) -> Any:
    try:
        return converter.structure(plain, declared)
    except (cattrs.BaseValidationError, TypeError, KeyError, ValueError) as error:
        raise RecordingMissing(
            _(
                "The recording holds a result this version cannot read as {declared} ({error}). "
                "Re-record it on a machine with Docker: `python -m helpers record`."
            ).format(declared=declared, error=error)
        ) from None


def encode_error(error: LayerLabError) -> dict:
    encoded: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    if isinstance(error, BuildFailed):
        encoded |= {
            "step": error.step,
            "instruction": error.instruction,
            "log_tail": list(error.log_tail),
        }
    return encoded


def decode_error(encoded: dict) -> LayerLabError:
    kind = _ERRORS_BY_NAME.get(encoded["type"])
    if kind is None:
        return RecordingMissing(
            _(
                "The recording holds a {kind} error, which this version cannot replay: {message}"
            ).format(kind=encoded["type"], message=encoded["message"])
        )
    if kind is BuildFailed:
        return BuildFailed(
            encoded["message"],
            step=encoded.get("step"),
            instruction=encoded.get("instruction"),
            log_tail=tuple(encoded.get("log_tail", ())),
        )
    return kind(encoded["message"])


def mark_recorded(value: Any, label: str) -> Any:
    """Set `recorded` on every result, at any depth, whose type declares that field, so that
    every chart and table drawn from it says it was replayed."""
    if isinstance(value, tuple):
        if not value or not _carries_recorded(type(value[0])):
            return value
        return tuple(mark_recorded(item, label) for item in value)
    if not _carries_recorded(type(value)):
        return value
    changes = {}
    for field in dataclasses.fields(value):
        inner = getattr(value, field.name)
        changes[field.name] = label if field.name == "recorded" else mark_recorded(inner, label)
    return dataclasses.replace(value, **changes)


@functools.cache
def _carries_recorded(kind: Any) -> bool:
    """Does this type declare `recorded`, or hold one that does (in a field, a tuple, an
    optional)?"""
    if get_origin(kind) is not None or isinstance(kind, types.UnionType):
        return any(_carries_recorded(arg) for arg in get_args(kind) if arg is not Ellipsis)
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        return False
    hints = get_type_hints(kind)
    return any(
        field.name == "recorded" or _carries_recorded(hints[field.name])
        for field in dataclasses.fields(kind)
    )
