"""Where a value (a token, a password) can be read back from an image."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from .display import ShowsItself, Table
from .serialize import JsonSerializable

PLACES = {
    "history": N_("the image's history (`docker history --no-trunc`)"),
    "config": N_("the image's config (`docker inspect`)"),
    "file": N_("a file in a layer (`docker save`)"),
}
"""Marked for the catalogue: show a place as `_(PLACES[key])`."""


@dataclass(frozen=True)
class Sighting(JsonSerializable):
    place: str
    """history, config or file: the keys of PLACES."""
    detail: str
    """The instruction, the variable or label, or the file's path, with the value masked."""
    layer: int | None = None
    """For a file: the index (0 = bottom) of the layer that stores it."""
    in_final_filesystem: bool = True
    """For a file: whether a container of the image sees it. A deleted file is still read
    from its layer by anyone who has the image."""


@dataclass(frozen=True)
class ValueSearch(ShowsItself, JsonSerializable):
    image: str
    masked: str
    """The value searched for, shown only by its start."""
    sightings: tuple[Sighting, ...]
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""

    @property
    def found(self) -> bool:
        return bool(self.sightings)

    def seen_in(self, place: str) -> tuple[Sighting, ...]:
        return tuple(item for item in self.sightings if item.place == place)

    def table(self) -> Table:
        if not self.sightings:
            return Table(
                _(
                    "{masked} appears nowhere in {image}: not in its history, its config or "
                    "any layer's files."
                ).format(masked=self.masked, image=self.image),
                recorded=self.recorded,
            )

        def where(item: Sighting) -> str:
            if item.place != "file":
                return _(PLACES[item.place])
            if item.in_final_filesystem:
                return _("a file in a layer (`docker save`): layer {layer}, seen").format(
                    layer=item.layer
                )
            return _(
                "a file in a layer (`docker save`): layer {layer}, deleted later, still stored"
            ).format(layer=item.layer)

        return Table(
            _(
                "{masked} can be read back from {image} in {count} places, by anyone who has "
                "the image:"
            ).format(masked=self.masked, image=self.image, count=len(self.sightings)),
            (_("where"), _("what")),
            tuple((where(item), item.detail) for item in self.sightings),
            recorded=self.recorded,
        )


def mask(value: str) -> str:
    """A value shown only by its first characters, as logs show tokens."""
    return value[:4] + "…" if len(value) > 4 else "…"
