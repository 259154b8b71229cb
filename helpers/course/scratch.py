"""Scratch build contexts: the course edits copies, never the learner's own files."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from .sample_app import SAMPLE_APP

_made: list[Path] = []


def _scratch_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="layerlab-"))
    _made.append(folder)
    return folder


@atexit.register
def _remove_scratch_folders() -> None:
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)


def write_context(files: dict[str, str]) -> Path:
    """A new build context holding `files` ({relative path: text}); gone when Python exits."""
    context = _scratch_folder() / "context"
    for name, text in files.items():
        path = context / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return context


def scratch_copy(folder: str | Path = SAMPLE_APP) -> Path:
    """A copy of `folder` to edit and build freely; gone when Python exits."""
    source = Path(folder).expanduser().resolve()
    copy = _scratch_folder() / source.name
    shutil.copytree(source, copy, symlinks=True)
    return copy
