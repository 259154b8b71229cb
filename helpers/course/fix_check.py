"""`lint --fix --verify`: build a Dockerfile and its rewrite side by side, compare the two
images, then rebuild both after the same one-line change and compare the rebuilds.

Everything happens in scratch copies: the learner's files are never edited. The images are
compared file by file from `docker export` of a container made from each (never started):
every path, its type, mode, owner, size and content digest, or its link's target;
timestamps aside, since every build writes its own.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tarfile
from pathlib import Path

import docker

from ..dockerfile.fixing import fix_dockerfile
from ..dockerfile.installs import installs_in
from ..dockerfile.manifests import is_manifest, named_like_a_manifest
from ..dockerfile.reading import read_dockerfile
from ..engine.building import build
from ..engine.connection import connect
from ..engine.progress import Progress
from ..engine.running import container_options
from ..i18n import N_, _
from ..image.archive import ChunkReader
from ..replay.recordable import recordable
from ..results.errors import MissingFile
from ..results.fix import FixVerdict
from .experiment import compare
from .scratch import scratch_folder

BEFORE, AFTER = "Dockerfile.layerlab-as-written", "Dockerfile.layerlab-rewritten"
_CONFIG = ("Entrypoint", "Cmd", "Env", "WorkingDir", "User", "ExposedPorts")
_SHOWN = 10
# What two versions of a path may differ in: shown, translated, in a list.
_FIELDS = (N_("type"), N_("mode"), N_("owner"), N_("size"), N_("content"))


@recordable
def verify_fix(
    dockerfile: str | os.PathLike[str],
    context: str | os.PathLike[str] | None = None,
    change: str | None = None,
    *,
    client: docker.DockerClient | None = None,
    builder: str | None = None,
    progress: Progress | str | None = "auto",
) -> FixVerdict:
    """Rewrite `dockerfile` (as `fix_dockerfile`), build both, compare their images, add one
    line to `change` (a source file, relative to the context; by default the first file of
    the context that the rewrite copies after the install), rebuild both, and compare."""
    path = Path(dockerfile)
    context_dir = Path(context) if context is not None else path.parent
    fix = fix_dockerfile(path, context_dir)
    if not fix.changed:
        raise ValueError(
            _(
                "{path}: nothing to verify, the rewrite changed nothing ({count} cache-order "
                "finding(s), none rewritten). Run `lint --fix` to see why."
            ).format(path=path, count=len(fix.steps))
        )
    change = change or source_file_to_change(path, context_dir)
    if not (context_dir / change).is_file():
        raise MissingFile(
            _("No file {change} in {context} to change: name one of its files.").format(
                change=change, context=context_dir
            )
        )
    client = connect(client)
    with scratch_folder() as scratch:
        copy = Path(scratch) / context_dir.name
        shutil.copytree(context_dir, copy, symlinks=True)
        (copy / BEFORE).write_text(fix.original)
        (copy / AFTER).write_text(fix.rewritten)
        comparison = compare(
            copy, (BEFORE, AFTER), change, client=client, builder=builder, progress=progress
        )
        as_written, rewritten = comparison.variants
        images = [client.images.get(v.first_build.image_id) for v in (as_written, rewritten)]
        files = [_files(image.id, client) for image in images]
        file_differences, volatile = _differences(*files)
        if file_differences:
            # Some tools write differently in every build (virtualenv's RECORD files, say).
            # What differs between two builds of the original itself is not the rewrite's.
            again = build(
                BEFORE, copy, client=client, nocache=True, builder=builder, progress=progress
            )
            noisy = _changed_paths(files[0], _files(again.image_id, client))
            file_differences = _differences(*files, set_aside=noisy)[0]
            volatile += len(noisy)
    config_differences = [
        _("{key}: {written} as written, {rewritten} rewritten").format(
            key=key, written=repr(a), rewritten=repr(b)
        )
        for key in _CONFIG
        if (a := (images[0].attrs["Config"] or {}).get(key))
        != (b := (images[1].attrs["Config"] or {}).get(key))
    ]
    return FixVerdict(
        fix=fix,
        changed_path=change,
        same_files=not file_differences,
        file_differences=tuple(file_differences[:_SHOWN]),
        volatile_files=volatile,
        same_config=not config_differences,
        config_differences=tuple(config_differences),
        rebuild_before_s=as_written.rebuild_s,
        rebuild_after_s=rewritten.rebuild_s,
        reused_before=as_written.rebuild.steps_cached,
        reused_after=rewritten.rebuild.steps_cached,
        steps_before=as_written.rebuild.steps_total,
        steps_after=rewritten.rebuild.steps_total,
        new_bytes_before=as_written.rebuild_new_bytes,
        new_bytes_after=rewritten.rebuild_new_bytes,
        builder=comparison.builder,
    )


def source_file_to_change(
    dockerfile: str | os.PathLike[str], context: str | os.PathLike[str] | None = None
) -> str:
    """The first file of the context (by default the Dockerfile's folder), by name, that no
    install of the Dockerfile reads: a file of the source, whose change should rerun no
    install. Relative to the context."""
    context_dir = Path(context) if context is not None else Path(dockerfile).parent
    installs = tuple(
        install
        for step in read_dockerfile(Path(dockerfile))
        if step.keyword == "RUN"
        for install in installs_in(step.value)
    )
    for folder, folders, names in sorted(os.walk(context_dir)):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            relative = (Path(folder) / name).relative_to(context_dir).as_posix()
            if name.startswith((".", "Dockerfile")) or named_like_a_manifest(relative):
                continue
            if not is_manifest(relative, installs):
                return relative
    raise MissingFile(
        _("No source file in {context} to change: name one with --change.").format(
            context=context_dir
        )
    )


def _files(image_id: str, client: docker.DockerClient) -> dict[str, tuple]:
    """Every path of the image's final filesystem: (type, mode, owner, size, digest or link)."""
    container = client.containers.create(
        image_id, command=["/layerlab-never-run"], **container_options("compare")
    )
    try:
        found = {}
        with tarfile.open(fileobj=ChunkReader(container.export()), mode="r|") as archive:
            for member in archive:
                digest = ""
                if member.isfile() and (content := archive.extractfile(member)):
                    if member.name.endswith(".pyc"):
                        digest = hashlib.sha256(_without_timestamp(content.read())).hexdigest()
                    else:
                        digest = hashlib.file_digest(content, "sha256").hexdigest()
                found[member.name.rstrip("/")] = (
                    member.type,
                    member.mode,
                    (member.uid, member.gid),
                    member.size,
                    digest or member.linkname,
                )
        return found
    finally:
        container.remove(force=True)


def _without_timestamp(pyc: bytes) -> bytes:
    """A compiled Python file without its source's modification time (PEP 552: a 16-byte
    header of magic, flags, then the time and size when flags is 0). Two builds write the
    same source at different times, so its .pyc differs there and nowhere else."""
    if len(pyc) >= 16 and pyc[4:8] == bytes(4):
        return pyc[:8] + bytes(4) + pyc[12:]
    return pyc


# Logs and caches: logs have times in them, and package managers name their cache entries at
# random (uv's archive-v0/<id>) or by time (npm's index). Two builds of the same step differ
# there, so a difference there is counted, not reported. Go's module cache and Maven's local
# repository too: `go mod download` and `dependency:go-offline` fetch a little more than the
# build alone would (test dependencies), which the rewrite's dependency step adds there.
_VOLATILE = re.compile(
    r"^(var/log/|var/cache/|tmp/|root/\.cache/|root/\.npm/|(root/)?go/pkg/mod/|root/\.m2/)"
)


def _changed_paths(before: dict[str, tuple], after: dict[str, tuple]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _differences(
    before: dict[str, tuple], after: dict[str, tuple], set_aside: set[str] = frozenset()
) -> tuple[list[str], int]:
    """What differs between two filesystems, and how many log and cache files differ, as
    they would between any two builds. Paths `set_aside` are neither reported nor counted."""
    # The two Dockerfiles themselves are in both contexts, so a `COPY . .` copies both into
    # both images: the same files either way.
    differences, volatile = [], 0
    for path in sorted(_changed_paths(before, after) - set_aside):
        if _VOLATILE.match(path):
            volatile += 1
        elif path not in after:
            differences.append(_("/{path} only as written").format(path=path))
        elif path not in before:
            differences.append(_("/{path} only rewritten").format(path=path))
        else:
            pairs = zip(_FIELDS, before[path], after[path], strict=True)
            changed = [_(field) for field, a, b in pairs if a != b]
            differences.append(
                _("/{path}: {fields} differ").format(path=path, fields=", ".join(changed))
            )
    return differences, volatile
