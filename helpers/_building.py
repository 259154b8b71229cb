"""Building a Dockerfile through the SDK's low-level API, with live progress and timings."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import docker
from docker.errors import APIError
from docker.utils.build import exclude_paths

from ._baseimage import resolve_base_image
from ._buildlog import BuildLogParser
from ._engine import connect
from ._errors import BuildFailed, LayerLabError
from ._labels import COURSE_LABEL
from ._layers import read_layers
from ._progress import Progress, choose_progress
from ._recording import recordable
from ._results import BuildResult


class MissingFile(LayerLabError, FileNotFoundError):
    """A context folder or Dockerfile the learner named does not exist."""


_DECLARES_BASE_IMAGE = re.compile(r"^\s*ARG\s+BASE_IMAGE\b", re.IGNORECASE | re.MULTILINE)
_LOG_TAIL_LINES = 12


@recordable
def build(
    dockerfile: str | os.PathLike[str] = "Dockerfile",
    context: str | os.PathLike[str] = ".",
    *,
    tag: str | None = None,
    client: docker.DockerClient | None = None,
    base_image: str | None = None,
    build_args: dict[str, str] | None = None,
    nocache: bool = False,
    progress: Progress | str | None = "auto",
    course_label: bool = True,
    extra_labels: dict[str, str] | None = None,
) -> BuildResult:
    """Build `dockerfile` (a path relative to `context`, or absolute) and measure the build.

    A Dockerfile that declares `ARG BASE_IMAGE` gets the course's base image (see
    `resolve_base_image`) unless `base_image` or `build_args` says otherwise. Every image
    carries the course label, so `cleanup()` can find it later and touch nothing else.
    Raises MissingFile, EngineUnavailable or BuildFailed with a message saying what to do.
    """
    context_dir, dockerfile_path = _locate(context, dockerfile)
    client = connect(client)
    args = dict(build_args or {})
    if "BASE_IMAGE" not in args and _DECLARES_BASE_IMAGE.search(dockerfile_path.read_text()):
        args["BASE_IMAGE"] = base_image or resolve_base_image(client)
    labels = dict(extra_labels or {})
    if course_label:
        labels[COURSE_LABEL] = "1"

    reporter = choose_progress(progress)
    reporter.start(f"Building {dockerfile_path.name} in {context_dir}")
    parser = BuildLogParser(label_added_by_course=COURSE_LABEL if course_label else None)
    started = time.perf_counter()
    try:
        stream = client.api.build(
            path=str(context_dir),
            dockerfile=_relative_if_inside(dockerfile_path, context_dir),
            tag=tag,
            buildargs=args,
            labels=labels,
            nocache=nocache,
            # Builds reach PyPI through the host's network: an engine started with
            # --bridge=none has no other, and Docker Desktop's builds work either way.
            network_mode="host",
            rm=True,
            forcerm=True,
            decode=True,
        )
        for chunk in stream:
            for event in parser.feed(chunk, time.perf_counter()):
                reporter.event(event)
    except APIError as error:
        parser.error = error.explanation or str(error)
    finished = time.perf_counter()

    if parser.error or not parser.image_id:
        failure = _explain_failure(parser, dockerfile_path, context_dir)
        reporter.finish(f"Failed: {failure.args[0].splitlines()[0]}")
        raise failure
    steps = parser.steps(finished)
    context_files, context_bytes = measure_context(context_dir, dockerfile_path)
    result = BuildResult(
        dockerfile=str(dockerfile_path),
        image_id=parser.image_id,
        tag=tag,
        seconds=finished - started,
        steps=steps,
        layers=read_layers(parser.image_id, client=client),
        context_files=context_files,
        context_bytes=context_bytes,
        seconds_to_first_step=(parser.first_step_at or finished) - started,
    )
    reporter.finish(
        f"Built in {result.seconds:.1f} s: {result.steps_cached} of {result.steps_total} "
        "steps from the cache."
    )
    return result


def dockerignore_patterns(context_dir: Path) -> list[str]:
    """The patterns of the context's .dockerignore, read as the SDK reads them."""
    ignore_file = context_dir / ".dockerignore"
    if not ignore_file.is_file():
        return []
    lines = (line.strip() for line in ignore_file.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def measure_context(context_dir: Path, dockerfile: Path) -> tuple[int, int]:
    """Files and bytes of the build context the engine receives, after .dockerignore.

    The SDK's own matcher decides, the same code that makes the tarball it sends."""
    files = count = 0
    for relative in exclude_paths(
        str(context_dir),
        dockerignore_patterns(context_dir),
        dockerfile=_relative_if_inside(dockerfile, context_dir),
    ):
        path = context_dir / relative
        if path.is_file() and not path.is_symlink():
            files += 1
            count += path.stat().st_size
    return files, count


def _locate(context, dockerfile) -> tuple[Path, Path]:
    context_dir = Path(context).expanduser().resolve()
    if not context_dir.is_dir():
        raise MissingFile(
            f"The build context {context_dir} is not a folder. Pass the folder that holds "
            "the files your Dockerfile copies (for the sample app: sample_app/)."
        )
    dockerfile_path = Path(dockerfile).expanduser()
    if not dockerfile_path.is_absolute():
        dockerfile_path = context_dir / dockerfile_path
    if not dockerfile_path.is_file():
        present = sorted(p.name for p in context_dir.glob("*Dockerfile*")) or ["none"]
        raise MissingFile(
            f"No Dockerfile at {dockerfile_path}. Dockerfiles in {context_dir}: "
            f"{', '.join(present)}. Check the name, or pass the path relative to the context."
        )
    return context_dir, dockerfile_path.resolve()


def _relative_if_inside(dockerfile: Path, context_dir: Path) -> str:
    try:
        return dockerfile.relative_to(context_dir).as_posix()
    except ValueError:
        return str(dockerfile)


_NETWORK_TROUBLE = (
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
    "Network is unreachable",
    "No matching distribution found",
    "ProxyError",
    "Read timed out",
    "Could not resolve host",
)


def _explain_failure(parser: BuildLogParser, dockerfile: Path, context_dir: Path) -> BuildFailed:
    error = parser.error or "the engine ended the build without producing an image"
    last = parser.last_step
    step, instruction, output = last if last else (None, None, tuple(parser.before_first_step))
    tail = tuple(output[-_LOG_TAIL_LINES:])
    where = f"step {step} ({instruction})" if step else dockerfile.name
    lowered = error.lower()

    if "parse error" in lowered or "unknown instruction" in lowered or "unknown flag" in lowered:
        advice = (
            f"The builder could not read {dockerfile.name}: {error}\n"
            "What to do: fix that line of the Dockerfile (instructions such as FROM, RUN, "
            "COPY, ENV, CMD), then build again."
        )
        step = instruction = None
    elif "copy failed" in lowered or "add failed" in lowered or "build context" in lowered:
        advice = (
            f"{where} failed: {error}\n"
            f"What to do: COPY and ADD read paths relative to the build context {context_dir}. "
            "Check that the file exists there, and that .dockerignore does not exclude it."
        )
    elif "certificate_verify_failed" in "\n".join(tail).lower():
        advice = (
            f"{where} failed: the image does not trust the HTTPS certificate it was shown, "
            "which happens behind a company proxy that inspects TLS.\n"
            "What to do: get the proxy's root CA (a PEM file) and run "
            "`python -m helpers base-image --ca-file PATH`; the course then uses that base."
        )
    elif any(sign.lower() in "\n".join(tail).lower() for sign in _NETWORK_TROUBLE):
        advice = (
            f"{where} failed: it could not download what it needed.\n"
            "What to do: check that this computer is online (and that PyPI is reachable "
            "through any proxy), then build again. Steps that finished are cached."
        )
    elif "non-zero code" in lowered:
        advice = (
            f"{where} failed: {error}\n"
            "What to do: read the command's last lines below, fix the command or the files it "
            "uses, then build again."
        )
    else:
        advice = f"{where} failed: {error}"
    if tail:
        advice += "\nLast lines of its output:\n" + "\n".join(f"  | {line}" for line in tail)
    return BuildFailed(advice, step=step, instruction=instruction, log_tail=tail)
