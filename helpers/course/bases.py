"""A second base image to compare the course's with: the same Debian and Python, plus Debian's
build-essential (the compiler and C headers; python:3.12, unlike -slim, carries those and more:
it is buildpack-deps, with many -dev libraries and version-control tools)."""

from __future__ import annotations

import docker

from ..engine.building import build
from ..engine.learner import my_tag
from ..replay.recordable import recordable
from ..results.build import BuildResult
from .scratch import scratch_folder

_WITH_BUILD_TOOLS = """\
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \\
 && apt-get install -y --no-install-recommends build-essential \\
 && rm -rf /var/lib/apt/lists/*
"""


@recordable
def make_base_with_build_tools(
    client: docker.DockerClient | None = None, progress: str | None = "auto"
) -> BuildResult:
    """Build the course's base plus build-essential, tagged as this learner's (`my_tag`), so
    that `cleanup()` removes it with their other images. Its tag is the result's `.tag`."""
    with scratch_folder() as folder:
        (folder / "Dockerfile").write_text(_WITH_BUILD_TOOLS)
        return build(
            "Dockerfile",
            folder,
            tag=my_tag("base:build-tools"),
            client=client,
            progress=progress,
        )
