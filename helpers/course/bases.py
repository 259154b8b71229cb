"""A second base image to compare the course's with: the same Debian and Python, plus the
compiler and C headers that python:3.12 carries and python:3.12-slim leaves out."""

from __future__ import annotations

import docker

from ..engine.building import build
from ..replay.recordable import recordable
from ..results.build import BuildResult
from .scratch import scratch_folder

BUILD_TOOLS_BASE_IMAGE = "layerlab/base:build-tools"

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
    """Build BUILD_TOOLS_BASE_IMAGE from the course's base (a few seconds once apt's packages
    are fetched). It carries the course's label, so `cleanup()` removes it with the rest."""
    with scratch_folder() as folder:
        (folder / "Dockerfile").write_text(_WITH_BUILD_TOOLS)
        return build(
            "Dockerfile", folder, tag=BUILD_TOOLS_BASE_IMAGE, client=client, progress=progress
        )
