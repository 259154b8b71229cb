"""Who is learning: the name under which the course keeps everything it makes."""

from __future__ import annotations

from dataclasses import dataclass

from .serialize import JsonSerializable


@dataclass(frozen=True)
class Learner(JsonSerializable):
    name: str
    """Safe in an image tag, a container name and a folder name: lower-case letters, digits,
    `.`, `_` and `-`, starting and ending with a letter or digit."""
    source: str
    """Where the name came from: `LAYERLAB_LEARNER`, `JUPYTERHUB_USER` or the system user."""
    given: str
    """The name as it was given, before it was made safe."""

    @property
    def tag_prefix(self) -> str:
        """Every image the course builds for this learner is tagged `layerlab/NAME/...`."""
        return f"layerlab/{self.name}/"

    def describe(self) -> str:
        shown = self.name if self.given == self.name else f"{self.name} (given as {self.given!r})"
        return f"{shown}, from {self.source}: your images are tagged {self.tag_prefix}..."
