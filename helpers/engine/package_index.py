"""A base image whose pip installs from another package index: a workshop room's cache."""

from __future__ import annotations

from urllib.parse import urlsplit

import docker

from ..i18n import _
from .base_variant import build_base_variant
from .baseimage import OFFLINE_BASE_IMAGE, resolve_base_image
from .connection import connect

ROOM_BASE_IMAGE = "layerlab/base:room"

# A build argument would not do: RUN sees only the arguments a Dockerfile declares, and the
# course's Dockerfiles declare none for pip. ENV in the base reaches every RUN after it.
_WITH_INDEX_DOCKERFILE = """\
ARG BASE_IMAGE
FROM ${{BASE_IMAGE}}
ENV PIP_INDEX_URL={url}{trusted}
"""


def make_base_with_index(
    index_url: str,
    base_image: str | None = None,
    client: docker.DockerClient | None = None,
    progress="auto",
) -> str:
    """Build `layerlab/base:room`: the base image, with pip installing from `index_url`.

    A workshop runs a package cache on its own machine (workshop/start); builds from this
    base fetch each wheel from it, so the room's Wi-Fi carries each wheel once.
    """
    parts = urlsplit(index_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            _(
                "{address} is not a package index address: give one such as "
                "http://192.0.2.2:3141/root/pypi/+simple/"
            ).format(address=repr(index_url))
        )
    # An index on the room's own machine speaks plain HTTP; pip refuses it unless trusted.
    trusted = f" PIP_TRUSTED_HOST={parts.hostname}" if parts.scheme == "http" else ""
    client = connect(client)
    base = base_image or resolve_base_image(client, with_ca=False)
    if base == ROOM_BASE_IMAGE:
        base = OFFLINE_BASE_IMAGE
    return build_base_variant(
        _WITH_INDEX_DOCKERFILE.format(url=index_url, trusted=trusted),
        tag=ROOM_BASE_IMAGE,
        kind="room",
        base=base,
        client=client,
        progress=progress,
    )
