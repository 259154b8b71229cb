"""The article's experiment as one call: build, change one line, rebuild, compare."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import docker

from ..engine.baseimage import resolve_base_image
from ..engine.building import build
from ..engine.cache_origin import cache_origin
from ..engine.connection import connect
from ..engine.info import engine_info
from ..engine.learner import my_tag
from ..engine.progress import Progress, choose_progress
from ..engine.room import other_learners
from ..i18n import _
from ..image.history import new_layers
from ..replay.recordable import recordable
from ..results.errors import MissingFile
from ..results.experiment import Comparison, Variant
from .sample_app import SAMPLE_APP, SAMPLE_CHANGE, SAMPLE_DOCKERFILES, one_line_change
from .scratch import scratch_folder


def _image_name(dockerfile: str) -> str:
    stem = Path(dockerfile).name.removeprefix("Dockerfile").strip(".-_") or "default"
    return my_tag("".join(c if c.isalnum() else "-" for c in stem.lower()))


@recordable
def compare(
    context: str | os.PathLike[str] = SAMPLE_APP,
    dockerfiles: Sequence[str] = SAMPLE_DOCKERFILES,
    change: str = SAMPLE_CHANGE,
    *,
    client: docker.DockerClient | None = None,
    fresh: bool = False,
    progress: Progress | str | None = "auto",
    builder: str | None = None,
    added: str | None = None,
    keep_log: bool = False,
) -> Comparison:
    """Build each Dockerfile, append one line to `change`, rebuild each, and compare.

    Everything happens in a scratch copy of `context`: the learner's files are never
    edited. With `fresh=True` the first builds ignore the cache, so that first_build_s is a
    build from nothing; otherwise earlier runs may have cached them. `builder` as for
    `build()`: "auto" (the default), "buildkit" or "classic". `added`: what the line added
    to `change` says before its unique comment (a package for requirements.txt, say).
    `keep_log` keeps each build's log and each step's output (see `build`).
    """
    context_dir = Path(context).expanduser().resolve()
    if not context_dir.is_dir():
        raise MissingFile(
            _("The build context {context} is not a folder.").format(context=context_dir)
        )
    for dockerfile in dockerfiles:
        if not (context_dir / dockerfile).is_file():
            raise MissingFile(
                _("No Dockerfile {dockerfile} in {context}.").format(
                    dockerfile=dockerfile, context=context_dir
                )
            )
    if not (context_dir / change).is_file():
        raise MissingFile(
            _(
                "The file to change, {change}, is not in {context}. Name a file of the context, "
                "relative to it (for the sample app: source/app.py)."
            ).format(change=change, context=context_dir)
        )
    client = connect(client)
    base_image = resolve_base_image(client)
    reporter = choose_progress(progress)

    with scratch_folder() as scratch:
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
                builder=builder,
                keep_log=keep_log,
            )
            for dockerfile in dockerfiles
        ]
        added_line = one_line_change(scratch_context / change, added)
        rebuilds = [
            build(
                dockerfile,
                scratch_context,
                tag=f"{_image_name(dockerfile)}:after",
                client=client,
                base_image=base_image,
                progress=reporter,
                builder=builder,
                keep_log=keep_log,
            )
            for dockerfile in dockerfiles
        ]

    variants = tuple(
        Variant(
            dockerfile=dockerfile,
            first_build=first,
            rebuild=rebuild,
            new_layers=new_layers(first.layers, rebuild.layers),
            first_cache=None if fresh else cache_origin(first, client=client),
        )
        for dockerfile, first, rebuild in zip(dockerfiles, firsts, rebuilds, strict=True)
    )
    return Comparison(
        context=str(context_dir),
        changed_path=change,
        added_line=added_line,
        base_image=base_image,
        engine=engine_info(client),
        other_learners=other_learners(client),
        measured_at=datetime.now(UTC).isoformat(timespec="seconds"),
        variants=variants,
    )
