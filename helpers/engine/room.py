"""Who else learns on this engine: on a shared engine, the seconds a lesson measures stretch
while other learners build at the same moment (the steps and bytes do not)."""

from __future__ import annotations

import docker

from .labels import COURSE_LABEL, LEARNER_LABEL
from .learner import WARM_UP_LEARNER, current_learner


def course_images(client: docker.DockerClient) -> list[dict]:
    """Every image the course built on this engine, any learner's: the engine's summaries."""
    return client.api.images(filters={"label": COURSE_LABEL})


def owner(summary: dict) -> str | None:
    """The learner an image summary's label names (None: an older course's, unnamed)."""
    return (summary.get("Labels") or {}).get(LEARNER_LABEL)


def other_learners(client: docker.DockerClient) -> int:
    """How many other learners have course images on this engine (the warm-up not counted)."""
    owners = {owner(summary) for summary in course_images(client)}
    return len(owners - {current_learner().name, WARM_UP_LEARNER, None})
