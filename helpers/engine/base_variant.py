"""Variants of the course's base image, built on the learner's engine: one that trusts an extra
CA (`extra_ca`), one whose pip installs from a room's package cache (`package_index`)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import docker

from .building import build
from .labels import BASE_LABEL


def build_base_variant(
    dockerfile: str,
    *,
    tag: str,
    kind: str,
    base: str,
    client: docker.DockerClient,
    progress,
    files: Mapping[str, Path] | None = None,
) -> str:
    """Build `dockerfile` FROM `base` in a scratch context holding `files` (name: source).

    Labelled as a base (`kind`), not as a course image: the course's cleanup leaves it, since
    the lessons build on it."""
    with tempfile.TemporaryDirectory(prefix=f"layerlab-{kind}-") as scratch:
        for name, source in (files or {}).items():
            shutil.copyfile(source, Path(scratch) / name)
        (Path(scratch) / "Dockerfile").write_text(dockerfile)
        build(
            "Dockerfile",
            scratch,
            tag=tag,
            client=client,
            base_image=base,
            progress=progress,
            course_label=False,
            extra_labels={BASE_LABEL: kind},
        )
    return tag
