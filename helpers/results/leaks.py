"""Where a value (a token, a password) can be read back from an image."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable

PLACES = {
    "history": "the image's history (`docker history --no-trunc`)",
    "config": "the image's config (`docker inspect`)",
    "file": "a file in a layer (`docker save`)",
}


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
                f"{self.masked} appears nowhere in {self.image}: not in its history, its "
                "config or any layer's files.",
                recorded=self.recorded,
            )

        def where(item: Sighting) -> str:
            if item.place != "file":
                return PLACES[item.place]
            seen = "seen" if item.in_final_filesystem else "deleted later, still stored"
            return f"{PLACES['file']}: layer {item.layer}, {seen}"

        return Table(
            f"{self.masked} can be read back from {self.image} in {len(self.sightings)} "
            "places, by anyone who has the image:",
            ("where", "what"),
            tuple((where(item), item.detail) for item in self.sightings),
            recorded=self.recorded,
        )


def mask(value: str) -> str:
    """A value shown only by its first characters, as logs show tokens."""
    return value[:4] + "…" if len(value) > 4 else "…"
