"""`python -m helpers record`: run the notebooks on a live engine and save what they measured."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..engine.baseimage import describe_base_image
from ..engine.info import engine_info
from ..i18n import _
from ..replay.session import MODE_ENV
from ..replay.store import lesson_name, load_recording, notebook_hash, save_recording


def _skipped(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return "nbval-skip" in tags or any(
        line.strip() == "# NBVAL_SKIP" for line in cell.get("source", "").splitlines()
    )


def record_notebooks(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Run each notebook on the live engine and save what its engine calls returned."""
    info = engine_info()
    about = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "engine": info.version,
        "machine": f"{info.os}, {info.storage_driver}, {info.cpus} CPUs",
        "base": describe_base_image(),
    }
    written = []
    # The kernels inherit it: each notebook's start_lesson then records its engine calls.
    os.environ[MODE_ENV] = "record"
    for path in sorted(Path(folder).glob("*.ipynb")):
        lesson = lesson_name(path)
        if lesson is None or (names and lesson not in names and path.stem not in names):
            continue
        print(_("recording {notebook} ...").format(notebook=path.name), flush=True)
        book = nbformat.read(path, as_version=4)
        # As nbval does: cells marked NBVAL_SKIP (the recap's cleanup) are run by hand only.
        book.cells = [cell for cell in book.cells if not _skipped(cell)]
        NotebookClient(
            book,
            timeout=1800,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        recording = load_recording(lesson)
        recording["about"] = about
        recording["notebook_hash"] = notebook_hash(path)
        written.append(save_recording(lesson, recording))
    return written
