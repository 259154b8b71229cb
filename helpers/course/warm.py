"""The instructor's warm-up: build the lessons' images once before a room arrives.

On an engine a room shares, the build cache is shared too: whatever the warm-up built, each
learner's first build then finds in the cache, instead of thirty learners downloading the same
libraries over the venue's network at once. Every later change is each learner's own (the
one-line change is unique per learner and run), so the lessons still measure real rebuilds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import docker

from ..engine.baseimage import resolve_base_image
from ..engine.building import build
from ..engine.buildkit import choose_builder
from ..engine.connection import connect
from ..engine.learner import WARM_UP_LEARNER, acting_as, my_tag
from ..engine.progress import Progress, choose_progress
from ..i18n import N_
from ..results.errors import LayerLabError
from ..results.warm import WarmBuild, WarmReport
from .sample_app import SAMPLE_APP

LESSON_BUILDS = (
    "Dockerfile.common",  # lessons 3 to 6, 10
    "Dockerfile.reordered",
    "Dockerfile.lean",  # lesson 10
    "Dockerfile.multi-stage",
    "native/Dockerfile.single-stage",  # lesson 8
    "native/Dockerfile.multi-stage",
    "exercises/poetry/Dockerfile",  # lesson 11
    "bases/Dockerfile.build-tools",  # lesson 14's second base
)
"""What the lessons build from the sample app, relative to it. Lessons 2, 7 and 9 build small
contexts of their own that download little or nothing; lessons 13 and 14 also build the example
projects, whose libraries a room's package cache holds (`workshop/start` fills it), and builds
that are meant to run afresh."""


def _repository(dockerfile: str) -> str:
    """`native/Dockerfile.multi-stage` -> `native-multi-stage`."""
    *folders, name = dockerfile.split("/")
    stem = name.removeprefix("Dockerfile").strip(".-_")
    return "-".join(part.lower() for part in [*folders, stem] if part) or "default"


def warm_engine(
    dockerfiles: Sequence[str] = LESSON_BUILDS,
    *,
    client: docker.DockerClient | None = None,
    builder: str | None = None,
    progress: Progress | str | None = "auto",
) -> WarmReport:
    """Build each of `dockerfiles` (relative to the sample app) as the warm-up learner.

    The images stay (under `layerlab/warm-up/`) until the instructor's
    `python -m helpers cleanup --all-learners`: with the classic builder the cache lives in
    them. A build that fails is reported, and the others still run.
    """
    client = connect(client)
    base_image = resolve_base_image(client)
    reporter = choose_progress(progress)
    chosen = "classic" if choose_builder(builder, client) is None else "buildkit"
    builds = []
    with acting_as(WARM_UP_LEARNER, N_("the instructor's warm-up")):
        for dockerfile in dockerfiles:
            path = SAMPLE_APP / dockerfile
            started = time.perf_counter()
            try:
                result = build(
                    path.name,
                    path.parent,
                    tag=my_tag(f"{_repository(dockerfile)}:latest"),
                    client=client,
                    base_image=base_image,
                    progress=reporter,
                    builder=chosen,
                )
            except LayerLabError as error:
                seconds = time.perf_counter() - started
                builds.append(WarmBuild(dockerfile, seconds, 0, 0, str(error)))
                continue
            builds.append(
                WarmBuild(dockerfile, result.seconds, result.steps_cached, result.steps_total)
            )
    return WarmReport(tuple(builds), chosen, WARM_UP_LEARNER)
