"""Build results rebuilt from the recordings of real builds in tests/data, without an engine."""

import json

from conftest import DATA

from helpers import BuildResult
from helpers._buildlog import BuildLogParser
from helpers._layers import layers_from_history


def recorded_build(name: str) -> BuildResult:
    recording = json.loads((DATA / name).read_text())
    parser = BuildLogParser(label_added_by_course="org.layerlab.course")
    for tick, chunk in enumerate(recording["chunks"]):
        parser.feed(chunk, tick * 0.5)
    return BuildResult(
        dockerfile=name,
        image_id=parser.image_id,
        tag=None,
        seconds=len(recording["chunks"]) * 0.5,
        steps=parser.steps(finished_at=len(recording["chunks"]) * 0.5),
        layers=layers_from_history(recording["history"], recording["rootfs_layers"]),
    )
