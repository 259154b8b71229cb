"""A second base image to compare the course's with: the same Debian and Python, plus Debian's
build-essential (the compiler and C headers; python:3.12, unlike -slim, carries those and more:
it is buildpack-deps, with many -dev libraries and version-control tools)."""

from __future__ import annotations

import docker

from ..engine.building import build
from ..engine.learner import my_tag
from ..replay.recordable import recordable
from ..results.build import BuildResult
from .sample_app import SAMPLE_APP

# A file in the sample app, not a string here, so that the instructor's warm-up
# (`helpers.course.warm`) builds the same steps before a room arrives: thirty learners then
# take build-essential from the shared engine's cache instead of thirty downloads.
BUILD_TOOLS_DOCKERFILE = SAMPLE_APP / "bases" / "Dockerfile.build-tools"


@recordable
def make_base_with_build_tools(
    client: docker.DockerClient | None = None, progress: str | None = "auto"
) -> BuildResult:
    """Build the course's base plus build-essential, tagged as this learner's (`my_tag`), so
    that `cleanup()` removes it with their other images. Its tag is the result's `.tag`."""
    return build(
        BUILD_TOOLS_DOCKERFILE.name,
        BUILD_TOOLS_DOCKERFILE.parent,
        tag=my_tag("base:build-tools"),
        client=client,
        progress=progress,
    )
