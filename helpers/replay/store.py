"""Recordings on disk: one gzipped JSON file per notebook, and what makes one stale."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

from ..i18n import _

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def recording_path(lesson: str) -> Path:
    return RECORDINGS / f"{lesson}.json.gz"


def load_recording(lesson: str) -> dict:
    with gzip.open(recording_path(lesson), "rt") as handle:
        return json.load(handle)


def save_recording(lesson: str, recording: dict) -> Path:
    RECORDINGS.mkdir(exist_ok=True)
    path = recording_path(lesson)
    with gzip.open(path, "wt") as handle:
        json.dump(recording, handle)
    return path


# Recordings keep these two as English sentences (made before the course spoke Korean); they
# are read back into their parts, so that each is said in the learner's language.
_RECORDED_BASE = re.compile(
    r"^(?P<image>\S+) \(made from Debian's packages, recipe (?P<recipe>\d+)\)$"
)
_RECORDED_CPUS = re.compile(r"(?P<cpus>\d+) CPUs$")


def recording_label(about: dict) -> str:
    """When and where a recording was made, in the learner's language: read when the lesson
    starts, after its language is chosen."""
    machine = about.get("machine", "?")
    cpus = _RECORDED_CPUS.search(machine)
    if cpus:
        machine = machine[: cpus.start()] + _("{cpus} CPUs").format(cpus=cpus["cpus"])
    where = {"when": about.get("when", "?"), "engine": about.get("engine", "?"), "machine": machine}
    if about.get("base"):
        base = about["base"]
        made = _RECORDED_BASE.match(base)
        if made:
            base = _("{image} (made from Debian's packages, recipe {recipe})").format(
                image=made["image"], recipe=made["recipe"]
            )
        return _("recorded {when} on Docker {engine} ({machine}, base image {base})").format(
            base=base, **where
        )
    return _("recorded {when} on Docker {engine} ({machine})").format(**where)


_LANGUAGE_CHOICE = re.compile(r""",\s*language=["'][a-z]+["']""")


def notebook_hash(path: Path) -> str:
    """What a recording depends on: the notebook's code, not its prose, nor the language it
    speaks (a lesson and its translation share one recording)."""
    book = json.loads(Path(path).read_text())
    code = "\n\0".join(
        "".join(cell["source"]) for cell in book["cells"] if cell["cell_type"] == "code"
    )
    return hashlib.sha256(_LANGUAGE_CHOICE.sub("", code).encode()).hexdigest()


def lesson_name(path: Path) -> str | None:
    """The name a notebook passes to start_lesson, or None if it has none."""
    for cell in json.loads(Path(path).read_text())["cells"]:
        found = re.search(r"start_lesson\(\s*[\"']([^\"']+)[\"']", "".join(cell["source"]))
        if found:
            return found.group(1)
    return None
