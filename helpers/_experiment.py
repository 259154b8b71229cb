"""The article's experiment as one call: build, change one line, rebuild, compare."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import docker

from ._baseimage import resolve_base_image
from ._building import MissingFile, build
from ._engine import connect
from ._labels import TAG_REPOSITORY
from ._layers import new_layers
from ._progress import Progress, choose_progress
from ._recording import recordable
from ._results import Comparison, EngineInfo, Variant

SAMPLE_APP = Path(__file__).resolve().parent.parent / "sample_app"
SAMPLE_DOCKERFILES = ("Dockerfile.common", "Dockerfile.reordered")
SAMPLE_CHANGE = "source/app.py"

_SLASH_COMMENTS = {".js", ".ts", ".go", ".rs", ".java", ".c", ".cc", ".cpp", ".h", ".kt", ".swift"}


def one_line_change(path: Path) -> str:
    """Append one comment line to `path` and return it.

    The line is new on every run, so the rebuild can never find it in the cache from an
    earlier run: what the learner measures is a real code change.
    """
    marker = "//" if path.suffix in _SLASH_COMMENTS else "#"
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    line = f"{marker} Layer Lab edit {uuid.uuid4().hex[:8]} at {stamp}"
    text = path.read_text()
    path.write_text(text + ("" if text.endswith("\n") or not text else "\n") + line + "\n")
    return line


@recordable
def engine_info(client: docker.DockerClient) -> EngineInfo:
    info = client.info()
    version = client.version()
    return EngineInfo(
        version=str(version.get("Version", "unknown")),
        api_version=str(version.get("ApiVersion", "unknown")),
        os=str(info.get("OperatingSystem", "unknown")),
        storage_driver=str(info.get("Driver", "unknown")),
        cpus=int(info.get("NCPU", 0)),
        memory_bytes=int(info.get("MemTotal", 0)),
    )


def _image_name(dockerfile: str) -> str:
    stem = Path(dockerfile).name.removeprefix("Dockerfile").strip(".-_") or "default"
    return f"{TAG_REPOSITORY}/{''.join(c if c.isalnum() else '-' for c in stem.lower())}"


@recordable
def compare(
    context: str | os.PathLike[str] = SAMPLE_APP,
    dockerfiles: Sequence[str] = SAMPLE_DOCKERFILES,
    change: str = SAMPLE_CHANGE,
    *,
    client: docker.DockerClient | None = None,
    fresh: bool = False,
    progress: Progress | str | None = "auto",
) -> Comparison:
    """Build each Dockerfile, append one line to `change`, rebuild each, and compare.

    Everything happens in a scratch copy of `context`: the learner's files are never
    edited. With `fresh=True` the first builds ignore the cache, so that first_build_s is a
    build from nothing; otherwise earlier runs may have cached them.
    """
    context_dir = Path(context).expanduser().resolve()
    if not context_dir.is_dir():
        raise MissingFile(f"The build context {context_dir} is not a folder.")
    for dockerfile in dockerfiles:
        if not (context_dir / dockerfile).is_file():
            raise MissingFile(f"No Dockerfile {dockerfile} in {context_dir}.")
    if not (context_dir / change).is_file():
        raise MissingFile(
            f"The file to change, {change}, is not in {context_dir}. Name a file of the "
            "context, relative to it (for the sample app: source/app.py)."
        )
    client = connect(client)
    base_image = resolve_base_image(client)
    reporter = choose_progress(progress)

    with tempfile.TemporaryDirectory(prefix="layerlab-") as scratch:
        scratch_context = Path(scratch) / context_dir.name
        shutil.copytree(context_dir, scratch_context, symlinks=True)
        firsts = [
            build(
                dockerfile,
                scratch_context,
                tag=f"{_image_name(dockerfile)}:before",
                client=client,
                base_image=base_image,
                nocache=fresh,
                progress=reporter,
            )
            for dockerfile in dockerfiles
        ]
        added_line = one_line_change(scratch_context / change)
        rebuilds = [
            build(
                dockerfile,
                scratch_context,
                tag=f"{_image_name(dockerfile)}:after",
                client=client,
                base_image=base_image,
                progress=reporter,
            )
            for dockerfile in dockerfiles
        ]

    variants = tuple(
        Variant(
            dockerfile=dockerfile,
            first_build=first,
            rebuild=rebuild,
            new_layers=new_layers(first.layers, rebuild.layers),
        )
        for dockerfile, first, rebuild in zip(dockerfiles, firsts, rebuilds, strict=True)
    )
    return Comparison(
        context=str(context_dir),
        changed_path=change,
        added_line=added_line,
        base_image=base_image,
        engine=engine_info(client),
        measured_at=datetime.now(UTC).isoformat(timespec="seconds"),
        variants=variants,
    )
