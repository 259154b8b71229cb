"""Who else learns on this engine: on a shared engine, the seconds a lesson measures stretch
while other learners build at the same moment (the steps and bytes do not)."""

from __future__ import annotations

import docker

from .labels import COURSE_LABEL, LEARNER_LABEL
from .learner import WARM_UP_LEARNER, current_learner


def other_learners(client: docker.DockerClient) -> int:
    """How many other learners have course images on this engine (the warm-up not counted)."""
    me = current_learner().name
    owners = {
        (summary.get("Labels") or {}).get(LEARNER_LABEL)
        for summary in client.api.images(filters={"label": COURSE_LABEL})
    }
    return len(owners - {me, WARM_UP_LEARNER, None})
