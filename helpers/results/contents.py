"""What is inside an image's layers: files added, changed and removed, and invisible bytes."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import human_bytes, short_instruction


@dataclass(frozen=True)
class FileEntry(JsonSerializable):
    path: str
    size_bytes: int
    kind: str
    """file, symlink, hardlink, dir or other."""


@dataclass(frozen=True)
class HiddenFile(JsonSerializable):
    """A stored file version the final filesystem does not show."""

    path: str
    size_bytes: int
    layer: int
    """Index (0 = bottom) of the layer that stores it."""
    hidden_by: int
    """Index of the layer that hid it."""
    how: str
    """overwritten, deleted, opaque directory, or parent replaced."""


@dataclass(frozen=True)
class LayerContents(JsonSerializable):
    index: int
    diff_id: str | None
    instruction: str
    size_bytes: int
    """What the layer stores, counted as the engine counts it on overlay2: the sizes `ls -l`
    shows (file lengths, symlink target lengths)."""
    added: tuple[FileEntry, ...]
    changed: tuple[FileEntry, ...]
    """Paths a lower layer had and this one writes again (directories left out)."""
    removed: tuple[FileEntry, ...]
    """Paths this layer deletes (whiteouts and opaque directories), each with the bytes of
    regular files it hid from lower layers."""
    invisible_bytes: int
    """Bytes stored in this layer that a later layer hides."""
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""

    def bytes_under(self, folder: str) -> int:
        """Bytes this layer adds or changes below `folder` (say, pip's cache)."""
        prefix = folder.rstrip("/") + "/"
        return sum(e.size_bytes for e in (*self.added, *self.changed) if e.path.startswith(prefix))


def _hidden_file(item: HiddenFile) -> str:
    """One invisible file, as the largest are listed: each way of hiding it its own sentence."""
    if item.how == "overwritten":
        message = _(
            "{path}: {size:,} bytes, stored in layer {layer}, overwritten by layer {hidden_by}"
        )
    elif item.how == "deleted":
        message = _("{path}: {size:,} bytes, stored in layer {layer}, deleted by layer {hidden_by}")
    elif item.how == "opaque directory":
        message = _(
            "{path}: {size:,} bytes, stored in layer {layer}, opaque directory by layer {hidden_by}"
        )
    elif item.how == "parent replaced":
        message = _(
            "{path}: {size:,} bytes, stored in layer {layer}, parent replaced by layer {hidden_by}"
        )
    else:
        message = _("{path}: {size:,} bytes, stored in layer {layer}, {how} by layer {hidden_by}")
    return message.format(
        path=item.path,
        size=item.size_bytes,
        layer=item.layer,
        how=item.how,
        hidden_by=item.hidden_by,
    )


@dataclass(frozen=True)
class ImageContents(ShowsItself, JsonSerializable):
    image: str
    layout: str
    """docker-archive (engines before 25) or oci."""
    layers: tuple[LayerContents, ...]
    hidden: tuple[HiddenFile, ...]
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""

    @property
    def invisible_bytes(self) -> int:
        return sum(item.size_bytes for item in self.hidden)

    @property
    def stored_bytes(self) -> int:
        return sum(layer.size_bytes for layer in self.layers)

    @property
    def visible_bytes(self) -> int:
        return self.stored_bytes - self.invisible_bytes

    def visible_files(self, *fragments: str) -> tuple[FileEntry, ...]:
        """Files the final filesystem shows whose path holds one of `fragments`."""
        hidden = {(item.path, item.layer) for item in self.hidden}
        return tuple(
            entry
            for layer in self.layers
            for entry in (*layer.added, *layer.changed)
            if entry.kind == "file"
            and (entry.path, layer.index) not in hidden
            and any(fragment in entry.path for fragment in fragments)
        )

    def layers_with(self, name: str) -> tuple[tuple[int, str], ...]:
        """(layer index, path) of every file called `name` that a layer adds, hidden or not."""
        return tuple(
            (layer.index, entry.path)
            for layer in self.layers
            for entry in layer.added
            if entry.path.rsplit("/", 1)[-1] == name
        )

    def table(self, largest: int = 10) -> Table:
        """Each layer's files and invisible bytes; then the largest invisible files."""
        notes: tuple[str, ...] = ()
        hidden = sorted(self.hidden, key=lambda item: -item.size_bytes)[:largest]
        if hidden:
            notes = (
                _("Largest invisible files:"),
                *("  " + _hidden_file(item) for item in hidden),
            )
        return Table(
            _(
                "{image}: {layers} layers ({layout} layout) store {stored:,} bytes "
                "({stored_shown}); {invisible:,} of them ({invisible_shown}) cannot be seen in "
                "the final image."
            ).format(
                image=self.image,
                layers=len(self.layers),
                layout=self.layout,
                stored=self.stored_bytes,
                stored_shown=human_bytes(self.stored_bytes),
                invisible=self.invisible_bytes,
                invisible_shown=human_bytes(self.invisible_bytes),
            ),
            (
                _("layer"),
                _("instruction"),
                _("stored bytes"),
                _("added"),
                _("changed"),
                _("removed"),
                _("invisible bytes"),
            ),
            tuple(
                (
                    str(layer.index),
                    short_instruction(layer.instruction, 60),
                    f"{layer.size_bytes:,}",
                    f"{len(layer.added):,}",
                    f"{len(layer.changed):,}",
                    f"{len(layer.removed):,}",
                    f"{layer.invisible_bytes:,}",
                )
                for layer in self.layers
            ),
            notes,
            recorded=self.recorded,
            numeric=(0, 2, 3, 4, 5, 6),
        )

    def summary(self) -> dict:
        """Plain numbers per layer, without the file lists: what `inspect --json` prints."""
        return {
            "image": self.image,
            "layout": self.layout,
            "stored_bytes": self.stored_bytes,
            "invisible_bytes": self.invisible_bytes,
            "layers": [
                {
                    "index": layer.index,
                    "diff_id": layer.diff_id,
                    "instruction": layer.instruction,
                    "size_bytes": layer.size_bytes,
                    "files_added": len(layer.added),
                    "files_changed": len(layer.changed),
                    "files_removed": len(layer.removed),
                    "invisible_bytes": layer.invisible_bytes,
                }
                for layer in self.layers
            ],
        }
