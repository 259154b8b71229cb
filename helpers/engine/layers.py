"""An image's layers, as the engine reports its history."""

from __future__ import annotations

import docker

from ..image.history import layers_from_history
from ..replay.recordable import recordable
from ..results.build import Layer
from .connection import connect


@recordable
def read_layers(image: str, client: docker.DockerClient | None = None) -> tuple[Layer, ...]:
    """The layers of `image` (a tag or id), oldest first."""
    client = connect(client)
    found = client.images.get(image)
    return layers_from_history(found.history(), found.attrs.get("RootFS", {}).get("Layers", []))
