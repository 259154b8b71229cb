"""The build context: the folder a build reads, and what of it the engine receives."""

from __future__ import annotations

from pathlib import Path

from docker.utils.build import exclude_paths

from ..dockerfile.dockerignore import dockerignore_patterns
from ..i18n import _
from ..results.errors import MissingFile


def measure_context(context_dir: Path, dockerfile: Path) -> tuple[int, int]:
    """Files and bytes of the build context the engine receives, after .dockerignore.

    The SDK's own matcher decides, the same code that makes the tarball it sends."""
    files = count = 0
    for relative in exclude_paths(
        str(context_dir),
        dockerignore_patterns(context_dir),
        dockerfile=relative_if_inside(dockerfile, context_dir),
    ):
        path = context_dir / relative
        if path.is_file() and not path.is_symlink():
            files += 1
            count += path.stat().st_size
    return files, count


def locate(context, dockerfile) -> tuple[Path, Path]:
    context_dir = Path(context).expanduser().resolve()
    if not context_dir.is_dir():
        raise MissingFile(
            _(
                "The build context {context} is not a folder. Pass the folder that holds the "
                "files your Dockerfile copies (for the sample app: sample_app/)."
            ).format(context=context_dir)
        )
    dockerfile_path = Path(dockerfile).expanduser()
    if not dockerfile_path.is_absolute():
        dockerfile_path = context_dir / dockerfile_path
    if not dockerfile_path.is_file():
        present = sorted(p.name for p in context_dir.glob("*Dockerfile*")) or [_("none")]
        raise MissingFile(
            _(
                "No Dockerfile at {dockerfile}. Dockerfiles in {context}: {present}. Check the "
                "name, or pass the path relative to the context."
            ).format(dockerfile=dockerfile_path, context=context_dir, present=", ".join(present))
        )
    return context_dir, dockerfile_path.resolve()


def relative_if_inside(dockerfile: Path, context_dir: Path) -> str:
    try:
        return dockerfile.relative_to(context_dir).as_posix()
    except ValueError:
        return str(dockerfile)
