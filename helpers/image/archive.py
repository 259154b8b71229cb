"""Streaming through a saved image (`docker save`) without unpacking it or holding it whole.

Both layouts the engine writes are read: engines before 25 put each layer at
`<id>/layer.tar` beside `manifest.json`; engines 25+ write an OCI layout (`index.json`,
`blobs/sha256/<hex>`), whose layer blobs may be plain tar, gzip or zstd. Which member is a
layer is only known once the manifest has been read, and the manifest may come last, so
every member is sniffed as it passes: JSON is kept (it is small), tars are scanned into
file listings, and the bytes themselves are never kept.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

import zstandard

from ..i18n import _
from .history import instruction_from_history
from .tarstream import drain, members

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_MAX_JSON_BYTES = 16 * 1024 * 1024
_READ_SIZE = 1024 * 1024


class ChunkReader(io.RawIOBase):
    """A read-only file over an iterator of byte chunks (the SDK's `get_image` stream)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._current = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._current:
            try:
                self._current = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        count = min(len(buffer), len(self._current))
        buffer[:count] = self._current[:count]
        self._current = self._current[count:]
        return count


@dataclass
class RawLayer:
    """A layer tar's listing, in the order its members came."""

    entries: list[tuple[str, str, int]] = field(default_factory=list)
    """(path, kind, size) with kind one of file, dir, symlink, hardlink, other."""
    whiteouts: list[str] = field(default_factory=list)
    opaque_dirs: list[str] = field(default_factory=list)
    holding: list[str] = field(default_factory=list)
    """Files whose content holds the bytes the scan was looking for, if any."""


@dataclass
class RawArchive:
    layers: dict[str, RawLayer] = field(default_factory=dict)
    """By member path: `<id>/layer.tar` or `blobs/sha256/<hex>`."""
    documents: dict[str, object] = field(default_factory=dict)
    """JSON members by path: manifest.json, index.json, configs, OCI manifests."""


def _normalise(name: str) -> str:
    stripped = name.removeprefix("./").strip("/")
    return "/" + stripped if stripped else "/"


def _uncompressed(stream) -> IO[bytes]:
    """The layer's tar, decompressing gzip or zstd blobs on the fly."""
    magic = stream.peek(4)[:4]
    if magic.startswith(_GZIP_MAGIC):
        return io.BufferedReader(gzip.GzipFile(fileobj=stream), _READ_SIZE)
    if magic == _ZSTD_MAGIC:
        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_size=_READ_SIZE)
        return io.BufferedReader(reader, _READ_SIZE)
    return stream


def _holds(content, needle: bytes) -> bool:
    """Whether a member's content holds `needle`, read in chunks of any length: each chunk is
    searched with the end of what came before, in case the needle straddles the two."""
    keep = len(needle) - 1
    window = b""
    while chunk := content.read(_READ_SIZE):
        window = (window[-keep:] if keep else b"") + chunk
        if needle in window:
            return True
    return False


def scan_layer(stream, looking_for: bytes | None = None) -> RawLayer:
    """List a layer tar (plain, gzip or zstd) as it streams, noting whiteouts, and the files
    whose content holds `looking_for` (a leaked value, say).

    Sizes are what `ls -l` shows, as the engine counts them on overlay2: a regular file's
    length, a symlink's target length, 0 for directories and hard links."""
    layer = RawLayer()
    for member, content in members(_uncompressed(stream)):
        path = _normalise(member.name)
        parent, _slash, base = path.rpartition("/")
        parent = parent or "/"
        if base == ".wh..wh..opq":
            layer.opaque_dirs.append(parent)
        elif base.startswith(".wh."):
            layer.whiteouts.append(f"{parent.rstrip('/')}/{base[4:]}")
        else:
            size = member.size
            if member.kind == "symlink":
                size = len(member.linkname.encode("utf-8", "surrogateescape"))
            layer.entries.append((path, member.kind, size))
            if looking_for and member.kind == "file" and _holds(content, looking_for):
                layer.holding.append(path)
    return layer


def _looks_like_tar(head: bytes) -> bool:
    return head.startswith((_GZIP_MAGIC, _ZSTD_MAGIC)) or head[257:262] == b"ustar"


def scan_archive(stream: IO[bytes], looking_for: bytes | None = None) -> RawArchive:
    """Read a whole `docker save` archive (either layout) from a stream, in one pass; with
    `looking_for`, note which files of each layer hold those bytes."""
    source = io.BufferedReader(stream, _READ_SIZE) if not hasattr(stream, "peek") else stream
    archive = RawArchive()
    for member, content in members(source):
        if member.kind != "file":
            continue
        name = member.name.removeprefix("./")
        head = content.peek(512)
        if name.endswith(".json") or head.lstrip()[:1] in (b"{", b"["):
            if member.size <= _MAX_JSON_BYTES:
                archive.documents[name] = json.loads(content.read())
        elif name.endswith("layer.tar") or (name.startswith("blobs/") and _looks_like_tar(head)):
            archive.layers[name] = scan_layer(io.BufferedReader(content, _READ_SIZE), looking_for)
    drain(source)
    return archive


@dataclass(frozen=True)
class LayerRef:
    path: str
    diff_id: str | None
    instruction: str


def read_manifest(archive: RawArchive) -> tuple[str, list[str], dict]:
    """The archive's layout (oci or docker-archive), its layer paths bottom first, and the
    image's config (history, environment, labels)."""
    manifest = archive.documents.get("manifest.json")
    if isinstance(manifest, list) and manifest:
        layout = "oci" if "index.json" in archive.documents else "docker-archive"
        paths = list(manifest[0]["Layers"])
        config = archive.documents.get(manifest[0]["Config"], {})
    elif "index.json" in archive.documents:
        layout = "oci"
        descriptor = archive.documents["index.json"]["manifests"][0]
        oci_manifest = archive.documents[_blob_path(descriptor["digest"])]
        if "manifests" in oci_manifest:  # an index of indexes: take the first image
            oci_manifest = archive.documents[_blob_path(oci_manifest["manifests"][0]["digest"])]
        paths = [_blob_path(layer["digest"]) for layer in oci_manifest["layers"]]
        config = archive.documents.get(_blob_path(oci_manifest["config"]["digest"]), {})
    else:
        raise ValueError(
            _("This archive has neither manifest.json nor index.json: is it an image?")
        )
    return layout, paths, config if isinstance(config, dict) else {}


def layer_order(archive: RawArchive) -> tuple[str, list[LayerRef]]:
    """The image's layers, bottom first, and which layout the archive had."""
    layout, paths, config = read_manifest(archive)
    diff_ids = list(config.get("rootfs", {}).get("diff_ids", []))
    written = [entry for entry in config.get("history", []) if not entry.get("empty_layer", False)]
    refs = []
    for index, path in enumerate(paths):
        created_by = written[index].get("created_by", "") if index < len(written) else ""
        refs.append(
            LayerRef(
                path=path,
                diff_id=diff_ids[index] if index < len(diff_ids) else None,
                instruction=instruction_from_history(created_by),
            )
        )
    return layout, refs


def _blob_path(digest: str) -> str:
    algorithm, _colon, hex_digest = digest.partition(":")
    return f"blobs/{algorithm}/{hex_digest}"
