"""Removing what the course made, and only that: by default only this learner's."""

from __future__ import annotations

import docker
from docker.errors import APIError, NotFound

from ..replay.recordable import recordable
from ..results.cleanup import CleanupReport
from .connection import connect
from .labels import CONTAINER_LABEL, COURSE_LABEL, LEARNER_LABEL, TAG_REPOSITORY
from .learner import current_learner

_ALL = "every learner"


def built_by_course(image: docker.models.images.Image) -> bool:
    """True when the course built this image itself.

    The label alone is not proof: an image built FROM a course image inherits its labels.
    The course's LABEL steps are always the last of what it builds (BuildKit: one naming the
    course and the learner; the classic builder: one per label, the learner's newest), so
    the newest history entries tell the two apart.
    """
    if COURSE_LABEL not in (image.labels or {}):
        return False
    for entry in image.history():
        created_by = entry.get("CreatedBy") or ""
        if f"LABEL {COURSE_LABEL}=" in created_by:
            return True
        if f"LABEL {LEARNER_LABEL}=" not in created_by:
            return False
    return False


def _is_course_tag(tag: str, learner: str | None) -> bool:
    """`layerlab/LEARNER/...` for this learner; any `layerlab/...` but a base image for all."""
    if learner is not None:
        return tag.startswith(f"{TAG_REPOSITORY}/{learner}/")
    return tag.startswith(f"{TAG_REPOSITORY}/") and not tag.startswith(f"{TAG_REPOSITORY}/base:")


@recordable
def cleanup(
    client: docker.DockerClient | None = None, *, all_learners: bool = False
) -> CleanupReport:
    """Remove the containers the course started and the images it built for this learner.

    A course image that also carries a tag of the learner's keeps that tag (and so stays);
    base images made for the course stay too, since they take a while to make again. Other
    learners' images on a shared engine stay; `all_learners=True` (the instructor's
    `python -m helpers cleanup --all-learners`) removes theirs too, with the same care.
    """
    client = connect(client)
    learner = None if all_learners else current_learner().name
    container_filter = [CONTAINER_LABEL] + ([f"{LEARNER_LABEL}={learner}"] if learner else [])
    containers = []
    for container in client.containers.list(all=True, filters={"label": container_filter}):
        try:
            container.remove(force=True)
        except NotFound:
            continue  # a lesson removed it a moment ago, as it always does when done
        containers.append(container.name)

    removed_tags: list[str] = []
    removed_images: list[str] = []
    kept: list[str] = []
    unnamed = 0
    for image in client.images.list(filters={"label": COURSE_LABEL}):
        owner = (image.labels or {}).get(LEARNER_LABEL)
        if learner is not None and owner != learner:
            unnamed += owner is None
            continue
        try:
            if not built_by_course(image):
                continue
        except NotFound:
            continue
        ours = [tag for tag in image.tags if _is_course_tag(tag, learner)]
        theirs = [tag for tag in image.tags if not _is_course_tag(tag, learner)]
        try:
            for tag in ours:
                client.images.remove(tag, noprune=False)
                removed_tags.append(tag)
            if not image.tags:
                client.images.remove(image.id, noprune=False)
                removed_images.append(image.short_id)
        except NotFound:
            continue  # already gone with a tag removed just before
        except APIError as error:
            kept.append(f"{image.short_id}: {error.explanation or error}")
            continue
        if theirs:
            kept.append(f"{image.short_id}: also tagged {', '.join(theirs)}")
        elif ours:
            removed_images.append(image.short_id)
    if unnamed:
        kept.append(
            f"{unnamed} image(s) an older version of the course built, before images carried "
            "a learner's name: `python -m helpers cleanup --all-learners` removes them"
        )
    return CleanupReport(
        removed_containers=tuple(containers),
        removed_tags=tuple(removed_tags),
        removed_images=tuple(removed_images),
        kept=tuple(kept),
        learner=learner or _ALL,
    )
