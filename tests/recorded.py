"""Build results made from the recordings of real builds in tests/data, without an engine,
by the same code `helpers.build` uses: the log parser and the history reader."""

import json
from pathlib import Path

from helpers import COURSE_LABEL, BuildResult, Comparison, EngineInfo, Variant, new_layers
from helpers.engine.buildlog import BuildLogParser
from helpers.image.history import layers_from_history

DATA = Path(__file__).resolve().parent / "data"
ENGINE = EngineInfo("20.10.24", "1.41", "Debian", "overlay2", 2, 1)

SECONDS_PER_CHUNK = 0.5


def recorded_build(name: str) -> BuildResult:
    """The result of the recorded build `name`, as if each chunk of its log arrived half a
    second after the one before."""
    recording = json.loads((DATA / name).read_text())
    parser = BuildLogParser(labels_added_by_course=(COURSE_LABEL,))
    for tick, chunk in enumerate(recording["chunks"]):
        parser.feed(chunk, tick * SECONDS_PER_CHUNK)
    return parser.result(
        dockerfile=name,
        tag=None,
        started=0.0,
        finished=len(recording["chunks"]) * SECONDS_PER_CHUNK,
        layers=layers_from_history(recording["history"], recording["rootfs_layers"]),
    )


def recorded_variant(name: str) -> Variant:
    """`Dockerfile.NAME` in the article's experiment, from `stream-NAME-before.json` (the first
    build) and `stream-NAME-rebuild.json` (after the one-line change)."""
    first = recorded_build(f"stream-{name}-before.json")
    rebuild = recorded_build(f"stream-{name}-rebuild.json")
    return Variant(f"Dockerfile.{name}", first, rebuild, new_layers(first.layers, rebuild.layers))


def recorded_comparison(*variants: Variant) -> Comparison:
    """The article's experiment made of these variants, after a change to source/app.py."""
    return Comparison("/ctx", "source/app.py", "# x", "base", ENGINE, "now", variants)
