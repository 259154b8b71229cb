"""Building a Dockerfile through the SDK's low-level API, with live progress and timings."""

from __future__ import annotations

import dataclasses
import os
import re
import time

import docker
from docker.errors import APIError

from ..i18n import N_, _
from ..replay.recordable import recordable
from ..results.build import BuildResult
from ..results.errors import BuilderUnavailable
from .baseimage import resolve_base_image
from .buildkit import BUILDER_VARIABLE, build_with_buildkit, choose_builder
from .buildlog import BuildLogParser
from .connection import connect
from .context import locate, measure_context, relative_if_inside
from .failures import explain_failure, failed_summary
from .layers import read_layers
from .learner import course_labels
from .progress import Progress, choose_progress

# A byte-order mark may come before the first line's ARG.
_DECLARES_BASE_IMAGE = re.compile(r"^[\s\ufeff]*ARG\s+BASE_IMAGE\b", re.IGNORECASE | re.MULTILINE)


_SECRETS_NEED_BUILDKIT = N_(
    "Build secrets (`RUN --mount=type=secret`) need BuildKit; this build would use the "
    "classic builder. What to do: build with builder='buildkit' (BuildKit through your "
    "docker command line; lesson 12 says how to get it)."
)


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
    builder: str | None = None,
    keep_log: bool = False,
    cache_from: str | None = None,
    inline_cache: bool = False,
    cache_to: str | None = None,
    secrets: dict[str, str] | None = None,
) -> BuildResult:
    """Build `dockerfile` (a path relative to `context`, or absolute) and measure the build.

    A Dockerfile that declares `ARG BASE_IMAGE` gets the course's base image (see
    `resolve_base_image`) unless `base_image` or `build_args` says otherwise. Every image
    carries the course's labels (that it built it, and for which learner), so `cleanup()` can
    find it later and touch nothing else.
    `builder`: "classic" (the SDK's builder), "buildkit" (through the `docker` command line)
    or "auto" (BuildKit where the engine and a CLI offer it); unset, LAYERLAB_BUILDER decides,
    else "auto". The result is the same kind of BuildResult either way.
    `keep_log` keeps the log as the terminal prints it (BuildKit's plain progress) and what
    each step printed. `cache_from` names an image whose cache the build may reuse; with
    `inline_cache` (BuildKit) the image built carries its own cache for such later builds;
    `cache_to` (BuildKit, as for `docker buildx build --cache-to`) exports it elsewhere.
    `secrets` ({id: value}, BuildKit) are what `RUN --mount=type=secret,id=...` reads, as
    `docker build --secret` passes them: never in a layer, the history or the cache key.
    Raises MissingFile, EngineUnavailable, BuilderUnavailable or BuildFailed with a message
    saying what to do.
    """
    if secrets and (builder or os.environ.get(BUILDER_VARIABLE)) == "classic":
        raise BuilderUnavailable(_(_SECRETS_NEED_BUILDKIT))
    context_dir, dockerfile_path = locate(context, dockerfile)
    client = connect(client)
    args = dict(build_args or {})
    if "BASE_IMAGE" not in args and _DECLARES_BASE_IMAGE.search(
        dockerfile_path.read_bytes().decode("utf-8", "replace")
    ):
        args["BASE_IMAGE"] = base_image or resolve_base_image(client)
    labels = dict(extra_labels or {})
    added_labels = course_labels() if course_label else {}

    cli = choose_builder(builder, client)
    if secrets and cli is None:
        raise BuilderUnavailable(_(_SECRETS_NEED_BUILDKIT))
    held_before, held_layers = _image_named(tag, client)
    reporter = choose_progress(progress)
    if cli:
        title = _("Building {dockerfile} in {context} with BuildKit ({cli})")
    else:
        title = _("Building {dockerfile} in {context} with the classic builder")
    reporter.start(
        title.format(
            dockerfile=dockerfile_path.name,
            context=context_dir,
            cli=cli.description if cli else "",
        )
    )
    if cli is not None:
        result = build_with_buildkit(
            cli,
            client=client,
            context_dir=context_dir,
            dockerfile_path=dockerfile_path,
            tag=tag,
            build_args=args,
            labels=labels,
            course_labels=added_labels,
            nocache=nocache,
            reporter=reporter,
            keep_log=keep_log,
            cache_from=cache_from,
            inline_cache=inline_cache,
            cache_to=cache_to,
            secrets=secrets or {},
        )
        result = dataclasses.replace(
            result, tag_held_before=held_before, tag_held_layers=held_layers
        )
        _report_finish(reporter, result)
        return result
    parser = BuildLogParser(labels_added_by_course=tuple(added_labels))
    parser.keep_output = keep_log
    started = time.perf_counter()
    try:
        stream = client.api.build(
            path=str(context_dir),
            dockerfile=relative_if_inside(dockerfile_path, context_dir),
            tag=tag,
            buildargs=args,
            labels={**labels, **added_labels},
            nocache=nocache,
            cache_from=[cache_from] if cache_from else None,
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
        failure = explain_failure(parser, dockerfile_path, context_dir)
        reporter.finish(failed_summary(failure))
        raise failure
    result = parser.result(
        dockerfile=str(dockerfile_path),
        tag=tag,
        started=started,
        finished=finished,
        layers=read_layers(parser.image_id, client=client),
        context=measure_context(context_dir, dockerfile_path),
    )
    result = dataclasses.replace(result, tag_held_before=held_before, tag_held_layers=held_layers)
    _report_finish(reporter, result)
    return result


def _image_named(
    tag: str | None, client: docker.DockerClient
) -> tuple[str | None, tuple[str, ...]]:
    """The image `tag` names now, and its layers."""
    if tag is None:
        return None, ()
    try:
        image = client.api.inspect_image(tag)
    except docker.errors.NotFound:
        return None, ()
    return image["Id"], tuple(image.get("RootFS", {}).get("Layers") or ())


def _report_finish(reporter: Progress, result: BuildResult) -> None:
    reporter.finish(
        _("Built in {seconds:.1f} s: {cached} of {total} steps from the cache.").format(
            seconds=result.seconds, cached=result.steps_cached, total=result.steps_total
        )
    )
