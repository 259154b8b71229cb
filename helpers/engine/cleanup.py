"""Removing what the course made, and only that."""

from __future__ import annotations

import docker
from docker.errors import APIError, NotFound

from ..replay.recordable import recordable
from ..results.cleanup import CleanupReport
from .connection import connect
from .labels import CONTAINER_LABEL, COURSE_LABEL, TAG_REPOSITORY


def built_by_course(image: docker.models.images.Image) -> bool:
    """True when the course built this image itself.

    The label alone is not proof: an image built FROM a course image inherits its labels.
    The course's LABEL is always the last step of what it builds, so the newest history
    entry tells the two apart.
    """
    if COURSE_LABEL not in (image.labels or {}):
        return False
    newest = image.history()[0].get("CreatedBy", "")
    return f"LABEL {COURSE_LABEL}=" in newest


def _is_course_tag(tag: str) -> bool:
    return tag.startswith(f"{TAG_REPOSITORY}/") and not tag.startswith(f"{TAG_REPOSITORY}/base:")


@recordable
def cleanup(client: docker.DockerClient | None = None) -> CleanupReport:
    """Remove the containers the course started and the images it built.

    A course image that also carries a tag of the learner's keeps that tag (and so stays);
    base images made for the course stay too, since they take a while to make again.
    """
    client = connect(client)
    containers = []
    for container in client.containers.list(all=True, filters={"label": CONTAINER_LABEL}):
        container.remove(force=True)
        containers.append(container.name)

    removed_tags: list[str] = []
    removed_images: list[str] = []
    kept: list[str] = []
    for image in client.images.list(filters={"label": COURSE_LABEL}):
        if not built_by_course(image):
            continue
        ours = [tag for tag in image.tags if _is_course_tag(tag)]
        theirs = [tag for tag in image.tags if not _is_course_tag(tag)]
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
    return CleanupReport(
        removed_containers=tuple(containers),
        removed_tags=tuple(removed_tags),
        removed_images=tuple(removed_images),
        kept=tuple(kept),
    )
