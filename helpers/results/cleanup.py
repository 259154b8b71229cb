"""What the course's cleanup removed, and what it kept and why."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class CleanupReport(ShowsItself, JsonSerializable):
    removed_containers: tuple[str, ...]
    removed_tags: tuple[str, ...]
    removed_images: tuple[str, ...]
    kept: tuple[str, ...]
    """Course images left in place, with the reason (for example a tag of the learner's)."""
    learner: str = ""
    """Whose things were removed: a learner's name, or "every learner"."""

    def table(self) -> Table:
        rows = [
            *(("removed container", name) for name in self.removed_containers),
            *(("removed tag", tag) for tag in self.removed_tags),
            *(("removed image", image) for image in self.removed_images),
            *(("kept", why) for why in self.kept),
        ]
        return Table(
            f"Removed {len(self.removed_containers)} container(s) and "
            f"{len(self.removed_images)} image(s) the course made"
            + (f" for {self.learner}" if self.learner else "")
            + f"; kept {len(self.kept)}.",
            ("what", "which") if rows else (),
            tuple(rows),
        )
