"""What each layer adds, changes and removes, and the bytes an image ships but cannot show.

**Invisible bytes**, as the course defines them: the sizes (as `ls -l` shows them) of every
file and symlink version stored in some layer that the final filesystem does not show,
because a later layer overwrote that path, deleted it (a `.wh.NAME` whiteout, or a
`.wh..wh..opq` marker that hides everything a lower layer had below a directory), or
replaced a directory above it with something else. The version you see in the final image
never counts, however many layers touched its path. Directories and hard links store no
content and count 0.

How this differs from dive's "wasted space": dive adds up *every* copy of a path that
appears in more than one layer, the visible copy included, so a file written once and
changed once counts twice; and it drops opaque-directory markers, so files hidden by
`rm -rf dir && mkdir dir` in a later layer are not counted. Here a file written once and
overwritten once counts once (the hidden copy), and opaque directories hide what they hide.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import IO

from ..i18n import N_, _
from ..results.contents import FileEntry, HiddenFile, ImageContents, LayerContents
from .archive import RawArchive, layer_order, scan_archive

# How a later layer hid a stored file: HiddenFile.how, compared in English and shown
# translated (`_(item.how)`).
OVERWRITTEN = N_("overwritten")
DELETED = N_("deleted")
OPAQUE_DIRECTORY = N_("opaque directory")
PARENT_REPLACED = N_("parent replaced")


class _Tree:
    """The filesystem seen from above as layers are stacked: path -> (layer, kind, size)."""

    def __init__(self) -> None:
        self.visible: dict[str, tuple[int, str, int]] = {}
        self.children: dict[str, set[str]] = defaultdict(set)

    def put(self, path: str, value: tuple[int, str, int]) -> None:
        self.visible[path] = value
        if path != "/":
            self.children[os.path.dirname(path)].add(path)

    def remove_below(self, path: str, include_self: bool) -> list[tuple[str, tuple[int, str, int]]]:
        gone = []
        stack = list(self.children.pop(path, ()))
        while stack:
            child = stack.pop()
            if child in self.visible:
                gone.append((child, self.visible.pop(child)))
            stack.extend(self.children.pop(child, ()))
        if include_self and path in self.visible:
            gone.append((path, self.visible.pop(path)))
            self.children[os.path.dirname(path)].discard(path)
        return gone


def analyse(archive: RawArchive, image: str = "") -> ImageContents:
    """Stack the layers bottom up and account for every path."""
    layout, refs = layer_order(archive)
    tree = _Tree()
    hidden: list[HiddenFile] = []
    results = []

    def hide(items, by: int, how: str) -> int:
        total = 0
        for path, (layer, _kind, size) in items:
            if size:
                hidden.append(HiddenFile(path, size, layer, by, how))
                total += size
        return total

    for index, ref in enumerate(refs):
        raw = archive.layers.get(ref.path)
        if raw is None:
            raise ValueError(
                _("The archive names layer {layer} but does not contain it.").format(layer=ref.path)
            )
        removed = []
        for directory in raw.opaque_dirs:
            gone = tree.remove_below(directory, include_self=False)
            removed.append(FileEntry(directory + "/*", hide(gone, index, OPAQUE_DIRECTORY), "dir"))
        for path in raw.whiteouts:
            gone = tree.remove_below(path, include_self=True)
            removed.append(FileEntry(path, hide(gone, index, DELETED), "other"))
        added, changed = [], []
        for path, kind, size in raw.entries:
            before = tree.visible.get(path)
            if before is not None and not (before[1] == "dir" and kind == "dir"):
                how = OVERWRITTEN if before[1] != "dir" else PARENT_REPLACED
                hide(tree.remove_below(path, include_self=True), index, how)
            _hide_non_directory_ancestors(tree, path, index, hide)
            tree.put(path, (index, kind, size))
            if kind == "dir":
                continue
            (changed if before is not None else added).append(FileEntry(path, size, kind))
        results.append(
            (ref, sum(size for _path, _kind, size in raw.entries), added, changed, removed)
        )

    invisible_by_layer: dict[int, int] = defaultdict(int)
    for item in hidden:
        invisible_by_layer[item.layer] += item.size_bytes
    layers = tuple(
        LayerContents(
            index=index,
            diff_id=ref.diff_id,
            instruction=ref.instruction,
            size_bytes=size,
            added=tuple(added),
            changed=tuple(changed),
            removed=tuple(removed),
            invisible_bytes=invisible_by_layer[index],
        )
        for index, (ref, size, added, changed, removed) in enumerate(results)
    )
    return ImageContents(image=image, layout=layout, layers=layers, hidden=tuple(hidden))


def _hide_non_directory_ancestors(tree: _Tree, path: str, index: int, hide) -> None:
    parent = os.path.dirname(path)
    while parent not in ("/", ""):
        found = tree.visible.get(parent)
        if found is not None:
            if found[1] != "dir":
                hide(tree.remove_below(parent, include_self=True), index, PARENT_REPLACED)
            return
        parent = os.path.dirname(parent)


def read_archive(stream: IO[bytes], image: str = "") -> ImageContents:
    """Contents of a saved image read from a stream (a file opened in binary mode)."""
    return analyse(scan_archive(stream), image)
