"""Scratch build contexts: the course edits copies, never the learner's own files.

Each folder's name starts `layerlab-LEARNER-`, so that on a machine many learners share,
whose folder is whose can be seen at a glance (and mkdtemp keeps each private to its owner).
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..engine.learner import scratch_prefix
from .sample_app import SAMPLE_APP

_made: list[Path] = []
_kept: list[Path] = []


def _new_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix=scratch_prefix()))
    _made.append(folder)
    return folder


@atexit.register
def _remove_scratch_folders() -> None:
    for folder in _kept:
        shutil.rmtree(folder, ignore_errors=True)


def folders_made() -> tuple[Path, ...]:
    """Every scratch folder this Python process made, removed or not (the room test's proof
    that no two learners ever share one)."""
    return tuple(_made)


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A scratch folder for the length of a `with` block."""
    folder = _new_folder()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _kept_folder() -> Path:
    folder = _new_folder()
    _kept.append(folder)
    return folder


def write_context(files: dict[str, str | bytes], start_from: str | Path | None = None) -> Path:
    """A new build context holding `files` ({relative path: text or bytes}), over a copy of
    the folder `start_from` if given; gone when Python exits."""
    context = _kept_folder() / "context"
    if start_from is not None:
        shutil.copytree(Path(start_from).expanduser().resolve(), context, symlinks=True)
    for name, content in files.items():
        path = context / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return context


def scratch_copy(folder: str | Path = SAMPLE_APP) -> Path:
    """A copy of `folder` to edit and build freely; gone when Python exits."""
    source = Path(folder).expanduser().resolve()
    copy = _kept_folder() / source.name
    shutil.copytree(source, copy, symlinks=True)
    return copy


def fresh_for_this_run(dockerfiles: dict[str, str]) -> dict[str, str]:
    """The same Dockerfiles, each with `ENV LESSON_RUN=<new value>` after its first FROM.

    A lesson that measures what a change reruns must not find the changed build in the cache
    already, left there by an earlier run of the same cell. The new value starts a new chain
    of cache keys: nothing after it can come from an earlier run."""
    marker = f"ENV LESSON_RUN={secrets.token_hex(4)}\n"
    fresh = {}
    for name, text in dockerfiles.items():
        lines = text.splitlines(keepends=True)
        first_from = next(
            (i for i, line in enumerate(lines) if line.lstrip().upper().startswith("FROM ")), None
        )
        if first_from is None:
            raise ValueError(f"{name} has no FROM line to start a fresh build after.")
        fresh[name] = "".join([*lines[: first_from + 1], marker, *lines[first_from + 1 :]])
    return fresh
