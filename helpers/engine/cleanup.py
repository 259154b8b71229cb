"""Removing what the course made, and only that: by default only this learner's."""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import NamedTuple

import docker
from docker.errors import APIError, NotFound

from ..i18n import _
from ..replay.recordable import recordable
from ..results.cleanup import EVERY_LEARNER, CleanupReport
from .connection import connect
from .labels import CONTAINER_LABEL, COURSE_LABEL, LEARNER_LABEL, TAG_REPOSITORY
from .learner import current_learner

_REMOVALS_AT_ONCE = 8


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

    doomed: list[tuple[docker.models.images.Image, list[str], list[str]]] = []
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
        doomed.append((image, ours, theirs))

    # An engine removes several images at once about three times faster than one by one
    # (measured on the containerd image store): an instructor's cleanup of a whole room is
    # hundreds of images.
    with ThreadPoolExecutor(max_workers=_REMOVALS_AT_ONCE) as pool:
        outcomes = list(pool.map(lambda args: _remove(client, *args), doomed))
    # An image in use by another being removed at the same moment (its child, on the classic
    # builder: the engine answers 409 Conflict) is tried once more, alone, once the others
    # are gone.
    for index, (args, first) in enumerate(zip(doomed, outcomes, strict=True)):
        if first.in_use:
            again = _remove(client, *args)
            outcomes[index] = again._replace(tags=first.tags + again.tags)
    removed_tags = [tag for outcome in outcomes for tag in outcome.tags]
    removed_images = [image for outcome in outcomes for image in outcome.images]
    kept = [outcome.why for outcome in outcomes if outcome.why]
    if unnamed:
        kept.append(
            _(
                "{count} image(s) an older version of the course built, before images carried "
                "a learner's name: `python -m helpers cleanup --all-learners` removes them"
            ).format(count=unnamed)
        )
    return CleanupReport(
        removed_containers=tuple(containers),
        removed_tags=tuple(removed_tags),
        removed_images=tuple(removed_images),
        kept=tuple(kept),
        learner=learner or EVERY_LEARNER,
    )


class _Removal(NamedTuple):
    tags: list[str]
    images: list[str]
    why: str = ""
    """Why something was kept ("" when nothing was)."""
    in_use: bool = False
    """The engine refused because another image or a container still uses it."""


def _remove(client: docker.DockerClient, image, ours: list[str], theirs: list[str]) -> _Removal:
    """One image's removal: its tags of the course, then the image if nothing else names it."""
    tags: list[str] = []
    try:
        for tag in ours:
            with contextlib.suppress(NotFound):  # gone already: an earlier try removed it
                client.images.remove(tag, noprune=False)
                tags.append(tag)
        if not image.tags:
            client.images.remove(image.id, noprune=False)
            return _Removal(tags, [image.short_id])
    except NotFound:
        return _Removal(tags, [])  # already gone with a tag removed just before
    except APIError as error:
        why = f"{image.short_id}: {error.explanation or error}"
        return _Removal(tags, [], why, error.status_code == HTTPStatus.CONFLICT)
    if theirs:
        why = _("{image}: also tagged {tags}").format(image=image.short_id, tags=", ".join(theirs))
        return _Removal(tags, [], why)
    return _Removal(tags, [image.short_id] if ours else [])
