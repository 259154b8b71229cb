"""What the course's cleanup removed, and what it kept and why."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from .display import ShowsItself, Table
from .serialize import JsonSerializable

EVERY_LEARNER = N_("every learner")
"""`learner` for the instructor's cleanup of the whole room (translated where shown)."""


@dataclass(frozen=True)
class CleanupReport(ShowsItself, JsonSerializable):
    removed_containers: tuple[str, ...]
    removed_tags: tuple[str, ...]
    removed_images: tuple[str, ...]
    kept: tuple[str, ...]
    """Course images left in place, with the reason (for example a tag of the learner's)."""
    learner: str = ""
    """Whose things were removed: a learner's name, or EVERY_LEARNER."""

    @property
    def shown_learner(self) -> str:
        return _(self.learner) if self.learner == EVERY_LEARNER else self.learner

    def table(self) -> Table:
        rows = [
            *((_("removed container"), name) for name in self.removed_containers),
            *((_("removed tag"), tag) for tag in self.removed_tags),
            *((_("removed image"), image) for image in self.removed_images),
            *((_("kept"), why) for why in self.kept),
        ]
        counts = {
            "containers": len(self.removed_containers),
            "images": len(self.removed_images),
            "kept": len(self.kept),
        }
        if self.learner:
            headline = _(
                "Removed {containers} container(s) and {images} image(s) the course made for "
                "{learner}; kept {kept}."
            ).format(learner=self.shown_learner, **counts)
        else:
            headline = _(
                "Removed {containers} container(s) and {images} image(s) the course made; "
                "kept {kept}."
            ).format(**counts)
        return Table(
            headline,
            (_("what"), _("which")) if rows else (),
            tuple(rows),
        )
