"""Recorded runs: the whole course for learners without a Docker engine.

A recording is made on a real engine by `python -m helpers record`, which runs every notebook
and saves, per notebook, what each call that needs the engine returned (or raised), in order.
Without an engine the same calls return those results, labelled as recorded, so every chart,
table and checkpoint still works, on real numbers from a real run.

The mode comes from LAYERLAB_MODE: `auto` (the default: live if an engine answers, else
recorded), `live`, `recorded`, or `record` (used by the record command).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import gzip
import json
import os
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import cattrs

from ._errors import BuildFailed, EngineUnavailable, LayerLabError

MODE_ENV = "LAYERLAB_MODE"
RECORDINGS = Path(__file__).resolve().parent.parent / "recordings"
_converter = cattrs.Converter()


class RecordingMissing(LayerLabError):
    """The recording has nothing for this call: the notebook changed since it was made."""


def _advice(lesson: str) -> str:
    return (
        f"The recording of {lesson} does not match the notebook any more. Re-record it on "
        "a machine with Docker: `python -m helpers record` (README, 'Recorded runs')."
    )


@dataclass
class _Session:
    lesson: str | None = None
    mode: str = "live"
    counters: dict[str, int] = field(default_factory=dict)
    depth: int = 0
    entries: list[dict] = field(default_factory=list)
    label: str = ""
    about: dict = field(default_factory=dict)
    why_recorded: str = ""


_session = _Session()


def mode() -> str:
    return _session.mode


def label() -> str:
    """When and where the recording being replayed was made."""
    return _session.label


def why_recorded() -> str:
    return _session.why_recorded


def recording_path(lesson: str) -> Path:
    return RECORDINGS / f"{lesson}.json.gz"


def load_recording(lesson: str) -> dict:
    with gzip.open(recording_path(lesson), "rt") as handle:
        return json.load(handle)


def begin_lesson(lesson: str) -> str:
    """Choose the mode for this notebook and reset its call counters."""
    from ._engine import connect

    wanted = os.environ.get(MODE_ENV, "auto").lower()
    if wanted not in ("auto", "live", "recorded", "record"):
        raise ValueError(f"{MODE_ENV} must be auto, live, recorded or record, not {wanted!r}.")
    chosen = wanted
    _session.why_recorded = f"{MODE_ENV}={wanted} asks for recorded mode."
    if wanted == "auto":
        _session.mode = "live"
        try:
            connect()
            chosen = "live"
        except EngineUnavailable as error:
            chosen = "recorded"
            _session.why_recorded = str(error)
    _session.lesson, _session.mode, _session.counters = lesson, chosen, {}
    _session.entries, _session.depth = [], 0
    if chosen == "recorded":
        if not recording_path(lesson).is_file():
            raise RecordingMissing(
                f"No Docker engine, and no recording of {lesson} to replay instead. Start "
                "Docker, or make the recording on a machine with Docker: "
                "`python -m helpers record` (README, 'Recorded runs')."
            )
        recording = load_recording(lesson)
        _session.entries = recording["calls"]
        _session.about = recording["about"]
        _session.label = recording_label(recording["about"])
    return chosen


def end_lesson() -> None:
    """Back to plain live calls, as outside any notebook."""
    global _session
    _session = _Session()


def recording_label(about: dict) -> str:
    return (
        f"recorded {about.get('when', '?')} on Docker {about.get('engine', '?')} "
        f"({about.get('machine', '?')})"
    )


def _describe(args: tuple, kwargs: dict) -> str:
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


def _to_plain(value: Any) -> dict:
    if value is None:
        return {"type": "none"}
    if isinstance(value, bytes):
        return {"type": "bytes", "value": base64.b64encode(value).decode()}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, tuple):
        return {"type": "tuple", "value": [_to_plain(item) for item in value]}
    return {"type": type(value).__name__, "value": _converter.unstructure(value)}


def _from_plain(plain: dict) -> Any:
    from . import _cleanup, _contents, _results, _running

    kind = plain["type"]
    if kind == "none":
        return None
    if kind == "bytes":
        return base64.b64decode(plain["value"])
    if kind == "str":
        return plain["value"]
    if kind == "tuple":
        return tuple(_from_plain(item) for item in plain["value"])
    for module in (_results, _contents, _running, _cleanup):
        if hasattr(module, kind):
            return _converter.structure(plain["value"], getattr(module, kind))
    raise RecordingMissing(f"The recording holds a {kind}, which this version cannot read.")


def _labelled(value: Any, label: str) -> Any:
    """Mark results (and the builds inside a comparison) as coming from a recording."""
    if isinstance(value, tuple):
        return tuple(_labelled(item, label) for item in value)
    if not dataclasses.is_dataclass(value) or not hasattr(value, "recorded"):
        return value
    changes: dict[str, Any] = {"recorded": label}
    if hasattr(value, "hidden"):  # image contents: label each layer too
        changes["layers"] = tuple(
            dataclasses.replace(layer, recorded=label) for layer in value.layers
        )
    if hasattr(value, "variants"):
        changes["variants"] = tuple(
            dataclasses.replace(
                v, first_build=_labelled(v.first_build, label), rebuild=_labelled(v.rebuild, label)
            )
            for v in value.variants
        )
    return dataclasses.replace(value, **changes)


def _raise_recorded(error: dict) -> None:
    if error["type"] == "BuildFailed":
        raise BuildFailed(
            error["message"],
            step=error.get("step"),
            instruction=error.get("instruction"),
            log_tail=tuple(error.get("log_tail", ())),
        )
    raise LayerLabError(error["message"])


def _save() -> None:
    RECORDINGS.mkdir(exist_ok=True)
    path = recording_path(_session.lesson)
    existing = load_recording(_session.lesson) if path.is_file() else {}
    about = existing.get("about", {}) | _session.about
    with gzip.open(path, "wt") as handle:
        json.dump(
            {
                "about": about,
                "notebook_hash": existing.get("notebook_hash"),
                "calls": _session.entries,
            },
            handle,
        )


def set_recording_about(about: dict) -> None:
    _session.about = about


def recordable(function):
    """Calls that need the engine: recorded in record mode, replayed in recorded mode."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        session = _session
        if session.lesson is None or session.mode == "live" or session.depth:
            return function(*args, **kwargs)
        name = function.__name__
        index = session.counters.get(name, 0)
        session.counters[name] = index + 1
        key, call = f"{name}#{index}", _describe(args, kwargs)
        if session.mode == "record":
            session.depth += 1
            try:
                value = function(*args, **kwargs)
            except LayerLabError as error:
                recorded_error = {"type": type(error).__name__, "message": str(error)}
                if isinstance(error, BuildFailed):
                    recorded_error |= {
                        "step": error.step,
                        "instruction": error.instruction,
                        "log_tail": list(error.log_tail),
                    }
                session.entries.append({"key": key, "call": call, "error": recorded_error})
                _save()
                raise
            finally:
                session.depth -= 1
            session.entries.append({"key": key, "call": call, "result": _to_plain(value)})
            _save()
            return value
        entry = next((e for e in session.entries if e["key"] == key), None)
        if entry is None:
            made = sum(e["key"].startswith(f"{name}#") for e in session.entries)
            raise RecordingMissing(
                f"The recording of {session.lesson} holds {made} result(s) of {name}, and all "
                "have been replayed. With a live Docker engine you can keep going; otherwise "
                "restart the kernel to replay them again. (If you did not press anything "
                "extra: " + _advice(session.lesson) + ")"
            )
        if entry["call"] != call:
            raise RecordingMissing(
                f"No recorded result for {name}({call}), call {index + 1} of that kind in "
                f"{session.lesson}. " + _advice(session.lesson)
            )
        if "error" in entry:
            _raise_recorded(entry["error"])
        return _labelled(_from_plain(entry["result"]), session.label)

    return wrapper


def notebook_hash(path: Path) -> str:
    """What a recording depends on: the notebook's code, not its prose."""
    import hashlib

    book = json.loads(Path(path).read_text())
    code = "\n\0".join(
        "".join(cell["source"]) for cell in book["cells"] if cell["cell_type"] == "code"
    )
    return hashlib.sha256(code.encode()).hexdigest()


def lesson_name(path: Path) -> str | None:
    """The name a notebook passes to start_lesson, or None if it has none."""
    import re

    for cell in json.loads(Path(path).read_text())["cells"]:
        found = re.search(r"start_lesson\(\s*[\"']([^\"']+)[\"']", "".join(cell["source"]))
        if found:
            return found.group(1)
    return None


def record_notebooks(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Run each notebook on the live engine and save what its engine calls returned."""
    from datetime import datetime

    import nbformat
    from nbclient import NotebookClient

    from ._engine import connect
    from ._experiment import engine_info

    info = engine_info(connect())
    about = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "engine": info.version,
        "machine": f"{info.os}, {info.storage_driver}, {info.cpus} CPUs",
    }
    written = []
    os.environ[MODE_ENV] = "record"
    for path in sorted(Path(folder).glob("*.ipynb")):
        lesson = lesson_name(path)
        if lesson is None or (names and lesson not in names and path.stem not in names):
            continue
        print(f"recording {path.name} ...", flush=True)
        book = nbformat.read(path, as_version=4)
        NotebookClient(
            book,
            timeout=1800,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        recording = load_recording(lesson)
        recording["about"] = about
        recording["notebook_hash"] = notebook_hash(path)
        with gzip.open(recording_path(lesson), "wt") as handle:
            json.dump(recording, handle)
        written.append(recording_path(lesson))
    return written
