"""The command line a BuildKit build goes through."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class BuildkitCli(ShowsItself, JsonSerializable):
    """How to start a BuildKit build from the command line."""

    command: tuple[str, ...]
    """`docker buildx build`, or `docker build` (with DOCKER_BUILDKIT=1)."""
    style: str
    """The progress it prints: "rawjson" or "plain"."""
    description: str
    """For people: which program, which version."""
    environment: tuple[tuple[str, str], ...] = ()

    def table(self) -> Table:
        return Table(
            _("BuildKit builds go through {description}.").format(description=self.description),
            notes=(
                _(
                    "The course runs `{command} --progress {style} ...` and reads its progress; "
                    "LAYERLAB_DOCKER_CLI names another docker program."
                ).format(command=" ".join(self.command), style=self.style),
            ),
        )
