"""Which image the course's Dockerfiles start FROM."""

from __future__ import annotations

import os

import docker
from docker.errors import APIError, ImageNotFound

from ..i18n import N_, _
from ..replay.recordable import recordable
from ..results.errors import BaseImageUnavailable
from .connection import connect

DEFAULT_BASE_IMAGE = "python:3.12-slim"
"""The default of `ARG BASE_IMAGE` in the sample app's Dockerfiles."""
OFFLINE_BASE_IMAGE = "layerlab/base:bookworm"
"""Made from Debian's packages by scripts/make-base-image, where no registry answers."""
WITH_CA_BASE_IMAGE = "layerlab/base:with-ca"
"""Made by `python -m helpers base-image --ca-file FILE`: a base that trusts an extra CA."""
BASE_IMAGE_ENV = "LAYERLAB_BASE_IMAGE"

_NO_BASE_HELP = N_("""\
The course's Dockerfiles start FROM {default}, which is not on this engine and could not
be pulled ({cause}).
What to do, whichever fits:
  - with internet access: `docker pull {default}`;
  - on Linux with no registry: `sudo scripts/make-base-image` builds {offline} from
    Debian's packages;
  - to use an image you already have: set {env}=that-image before starting Jupyter.""")


def _present(client: docker.DockerClient, name: str) -> bool:
    try:
        client.images.get(name)
    except ImageNotFound:
        return False
    return True


@recordable
def resolve_base_image(
    client: docker.DockerClient | None = None, pull: bool = True, with_ca: bool = True
) -> str:
    """The image to pass as the BASE_IMAGE build argument.

    In order: the LAYERLAB_BASE_IMAGE variable; a base with an extra CA made by
    `base-image --ca-file`; the Dockerfiles' own default if present; the base made from
    Debian's packages if present; the default, pulled. The Dockerfiles learners read are
    the ones built: only the FROM line's argument changes.
    """
    return choose_base_image(connect(client), pull, with_ca)


def choose_base_image(client: docker.DockerClient, pull: bool = True, with_ca: bool = True) -> str:
    """`resolve_base_image` without the recording seam, for the setup check, which recorded
    mode never runs and so must not leave an answer in a recording."""
    chosen = os.environ.get(BASE_IMAGE_ENV)
    if chosen:
        if not _present(client, chosen):
            raise BaseImageUnavailable(
                _(
                    "{variable} names {image}, which is not on this engine. Pull or build it, "
                    "or unset {variable} to let the course choose."
                ).format(variable=BASE_IMAGE_ENV, image=chosen)
            )
        return chosen
    candidates = (DEFAULT_BASE_IMAGE, OFFLINE_BASE_IMAGE)
    for candidate in (WITH_CA_BASE_IMAGE, *candidates) if with_ca else candidates:
        if _present(client, candidate):
            return candidate
    if pull:
        try:
            client.images.pull(DEFAULT_BASE_IMAGE)
            return DEFAULT_BASE_IMAGE
        except APIError as error:
            cause = error.explanation or str(error)
    else:
        cause = _("pulling was not allowed")
    raise BaseImageUnavailable(
        _(_NO_BASE_HELP).format(
            default=DEFAULT_BASE_IMAGE,
            offline=OFFLINE_BASE_IMAGE,
            env=BASE_IMAGE_ENV,
            cause=cause,
        )
    )


def describe_base_image(client: docker.DockerClient | None = None) -> str:
    """The base image the lessons build on, in a few words, for a recording's label: its name,
    and for the course's own base the recipe it was made with (scripts/make-base-image)."""
    client = connect(client)
    name = choose_base_image(client, pull=False)
    try:
        labels = client.images.get(name).labels or {}
    except docker.errors.ImageNotFound:
        return name
    recipe = labels.get("org.layerlab.base.recipe")
    if not recipe:
        return name
    return _("{image} (made from Debian's packages, recipe {recipe})").format(
        image=name, recipe=recipe
    )
