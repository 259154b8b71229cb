"""Reading an image's contents straight from `docker save`, as it streams."""

from __future__ import annotations

import time

import docker

from ..image.archive import ChunkReader
from ..image.contents import read_archive
from ..image.leaks import search_archive
from ..replay.recordable import recordable
from ..results.contents import ImageContents
from ..results.leaks import ValueSearch
from .connection import connect

_SAVE_CHUNK = 1024 * 1024


def _saved(image: str, client: docker.DockerClient) -> ChunkReader:
    """`docker save` of `image`, as a file read while it streams."""
    found = client.images.get(image)
    return ChunkReader(client.api.get_image(found.id, chunk_size=_SAVE_CHUNK))


@recordable
def read_image_contents(image: str, client: docker.DockerClient | None = None) -> ImageContents:
    """Contents of `image` on the engine, read straight from `docker save` as it streams."""
    return read_archive(_saved(image, connect(client)), image)


@recordable(conceal=("value",))
def find_in_image(image: str, value: str, client: docker.DockerClient | None = None) -> ValueSearch:
    """Every place `image` holds `value` (a token, say): its history, its config, and its
    layers' files, deleted ones included. Read from `docker save`, as anyone who pulls it can."""
    return search_archive(_saved(image, connect(client)), value, image)


def stream_save_to_nowhere(image: str, client: docker.DockerClient | None = None) -> float:
    """Seconds to receive `docker save` of `image` and throw it away (the benchmark's floor)."""
    client = connect(client)
    started = time.perf_counter()
    for _chunk in client.api.get_image(client.images.get(image).id, chunk_size=_SAVE_CHUNK):
        pass
    return time.perf_counter() - started
