"""Who is learning: the name under which the course keeps everything it makes."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .serialize import JsonSerializable


@dataclass(frozen=True)
class Learner(JsonSerializable):
    name: str
    """Safe in an image tag, a container name and a folder name: lower-case letters, digits,
    `.`, `_` and `-`, starting and ending with a letter or digit."""
    source: str
    """Where the name came from: `LAYERLAB_LEARNER`, `JUPYTERHUB_USER` or the system user
    (words marked for the catalogue, translated where shown)."""
    given: str
    """The name as it was given, before it was made safe."""

    @property
    def tag_prefix(self) -> str:
        """Every image the course builds for this learner is tagged `layerlab/NAME/...`."""
        return f"layerlab/{self.name}/"

    def describe(self) -> str:
        if self.given == self.name:
            message = _("{name}, from {source}: your images are tagged {prefix}...")
        else:
            message = _(
                "{name} (given as {given}), from {source}: your images are tagged {prefix}..."
            )
        return message.format(
            name=self.name, given=repr(self.given), source=_(self.source), prefix=self.tag_prefix
        )
