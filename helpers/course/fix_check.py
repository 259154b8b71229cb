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
from ..dockerfile.parsing import parse_dockerfile
from ..engine.connection import connect
from ..engine.progress import Progress
from ..engine.running import container_options
from ..image.archive import ChunkReader
from ..results.errors import MissingFile
from ..results.fix import FixVerdict
from .experiment import compare
from .scratch import scratch_folder

BEFORE, AFTER = "Dockerfile.layerlab-as-written", "Dockerfile.layerlab-rewritten"
_CONFIG = ("Entrypoint", "Cmd", "Env", "WorkingDir", "User", "ExposedPorts")
_SHOWN = 10
_FIELDS = ("type", "mode", "owner", "size", "content")


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
            f"{path}: nothing to verify, the rewrite changed nothing ({len(fix.steps)} "
            "cache-order finding(s), none rewritten). Run `lint --fix` to see why."
        )
    change = change or _a_source_file(context_dir, fix.original)
    if not (context_dir / change).is_file():
        raise MissingFile(f"No file {change} in {context_dir} to change: name one of its files.")
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
    config_differences = [
        f"{key}: {a!r} as written, {b!r} rewritten"
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


def _a_source_file(context_dir: Path, dockerfile: str) -> str:
    """The first file of the context, by name, that no install of the Dockerfile reads."""
    installs = tuple(
        install
        for step in parse_dockerfile(dockerfile)
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
    raise MissingFile(f"No source file in {context_dir} to change: name one with --change.")


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
                if member.isfile():
                    content = archive.extractfile(member)
                    digest = hashlib.file_digest(content, "sha256").hexdigest() if content else ""
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


# Files that differ between any two builds of the same step: logs with times in them, and
# caches (apt's, ldconfig's) rebuilt with them. Compared by presence, type and owner only.
_VOLATILE = re.compile(r"^(var/log/|var/cache/|root/\.cache/|tmp/)")


def _differences(before: dict[str, tuple], after: dict[str, tuple]) -> tuple[list[str], int]:
    """What differs between two filesystems, and how many volatile files differ only in
    size or content, as they would between any two builds."""
    # The two Dockerfiles themselves are in both contexts, so a `COPY . .` copies both into
    # both images: the same files either way.
    differences, volatile = [], 0
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            differences.append(f"/{path} only as written")
        elif path not in before:
            differences.append(f"/{path} only rewritten")
        elif before[path] != after[path]:
            pairs = zip(_FIELDS, before[path], after[path], strict=True)
            changed = [field for field, a, b in pairs if a != b]
            if _VOLATILE.match(path) and set(changed) <= {"size", "content"}:
                volatile += 1
            else:
                differences.append(f"/{path}: {', '.join(changed)} differ")
    return differences, volatile
