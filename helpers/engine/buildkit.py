"""Building with BuildKit through the `docker` command line, measured as the SDK's builds are."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import docker

from ..dockerfile.parsing import parse_dockerfile
from ..i18n import _
from ..results.build import BuildResult
from ..results.errors import BuilderUnavailable, BuildFailed
from .buildkit_cli import (
    BuildkitCli,
    engine_address,
    engine_offers_buildkit,
    find_buildkit_cli,
    no_buildkit_cli,
)
from .buildkit_log import BuildkitLogParser
from .context import measure_context
from .failures import explain_failure, failed_summary
from .layers import read_layers
from .learner import scratch_prefix
from .progress import Progress

BUILDER_VARIABLE = "LAYERLAB_BUILDER"
BUILDERS = ("auto", "buildkit", "classic")
_CHUNK = 65536


def choose_builder(builder: str | None, client: docker.DockerClient) -> BuildkitCli | None:
    """The CLI to build with, or None for the classic builder.

    `builder` (else LAYERLAB_BUILDER, else "auto"): "auto" takes BuildKit where the engine
    and a CLI offer it, as `docker build` does today, and the classic builder otherwise.
    """
    wanted = (builder or os.environ.get(BUILDER_VARIABLE) or "auto").strip().lower()
    if wanted not in BUILDERS:
        raise ValueError(
            _(
                "builder={wanted} is not one of {builders} (check {variable} if you did not "
                "pass it)."
            ).format(wanted=repr(wanted), builders=", ".join(BUILDERS), variable=BUILDER_VARIABLE)
        )
    if wanted == "classic":
        return None
    cli = find_buildkit_cli()
    if wanted == "auto":
        return cli if cli is not None and engine_offers_buildkit(client) else None
    if cli is None:
        raise BuilderUnavailable(no_buildkit_cli())
    if not engine_offers_buildkit(client):
        raise BuilderUnavailable(
            _(
                "This Docker engine cannot build with BuildKit (it needs a Linux engine from "
                "Docker 18.09 on). What to do: update Docker, or use builder='classic'."
            )
        )
    return cli


def _stage_names(instructions) -> tuple[str, ...]:
    """The stages as BuildKit's log names them: `AS name`, else `stage-N`."""
    names = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            words = instruction.value.split()
            named = len(words) >= 3 and words[-2].lower() == "as"
            names.append(words[-1].lower() if named else f"stage-{instruction.stage}")
    return tuple(names)


def _final_stage_entries(instructions) -> int:
    """History entries the final stage writes: one per instruction after its FROM."""
    last_stage = max((instruction.stage for instruction in instructions), default=0)
    return sum(
        1
        for instruction in instructions
        if instruction.stage == last_stage and instruction.keyword != "FROM"
    )


def build_with_buildkit(
    cli: BuildkitCli,
    *,
    client: docker.DockerClient,
    context_dir: Path,
    dockerfile_path: Path,
    tag: str | None,
    build_args: dict[str, str],
    labels: dict[str, str],
    course_labels: dict[str, str],
    nocache: bool,
    reporter: Progress,
    keep_log: bool = False,
    cache_from: str | None = None,
    inline_cache: bool = False,
    cache_to: str | None = None,
    secrets: dict[str, str] | None = None,
) -> BuildResult:
    """Build through `cli` and read the image the engine made, as the classic path does.

    The Dockerfile goes in on stdin with the course's LABEL appended: BuildKit writes no
    history entry for `--label`, and that entry is what tells the course's own images from
    images a learner built FROM them.
    """
    # The bytes go to the builder as they are: it does not check their encoding.
    data = dockerfile_path.read_bytes()
    instructions = parse_dockerfile(data.decode("utf-8", "replace"))
    # The course's label first: its history entry starting so is what marks the course's step.
    course_label = next(iter(course_labels), None)
    if course_labels and instructions:  # a file with none is refused in the builder's words
        pairs = " ".join(f"{name}={value}" for name, value in course_labels.items())
        data = data.rstrip(b"\n") + f"\nLABEL {pairs}\n".encode()
    # The plain progress is what a terminal shows; rawjson carries the same, precisely timed.
    style = "plain" if keep_log else cli.style
    parser = BuildkitLogParser(
        style, stages=_stage_names(instructions), label_added_by_course=course_label
    )
    parser.keep_output = keep_log
    with tempfile.TemporaryDirectory(prefix=scratch_prefix()) as scratch:
        iidfile = Path(scratch) / "image-id"
        argv = [*cli.command, "--progress", style, "--network", "host"]
        argv += ["--iidfile", str(iidfile), "-f", "-"]
        if cli.command[-2:] == ("buildx", "build"):
            argv.append("--load")
        if tag:
            argv += ["--tag", tag]
        if nocache:
            argv.append("--no-cache")
        if cache_from:
            argv += ["--cache-from", cache_from]
        if cache_to:
            argv += ["--cache-to", cache_to]
        if inline_cache:
            # The image's config then records the cache keys of its layers.
            build_args = {**build_args, "BUILDKIT_INLINE_CACHE": "1"}
        for name, value in build_args.items():
            argv += ["--build-arg", f"{name}={value}"]
        for name, value in labels.items():
            argv += ["--label", f"{name}={value}"]
        # From files only this user reads, gone with the scratch folder: `env=` sources
        # need a newer CLI than Debian's, and argv is visible to every user of the machine.
        for number, (name, value) in enumerate((secrets or {}).items()):
            source = Path(scratch) / f"secret-{number}"
            source.touch(mode=0o600)
            source.write_text(value)
            argv += ["--secret", f"id={name},src={source}"]
        argv.append(str(context_dir))

        # The CLI writes a Dockerfile read from stdin into a folder of TMPDIR that it leaves
        # behind: one per build, in a learner's /tmp. Ours goes with the scratch folder.
        environment = dict(os.environ, **dict(cli.environment), TMPDIR=scratch)
        address = engine_address(client)
        if address:
            environment["DOCKER_HOST"] = address
        started = time.perf_counter()
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=environment,
            )
        except OSError as error:
            raise BuilderUnavailable(
                no_buildkit_cli()
                + "\n"
                + _("(Starting {program}: {error})").format(program=argv[0], error=error)
            ) from None
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:
            pass  # the CLI stopped before reading the Dockerfile: its output says why
        while chunk := process.stdout.read1(_CHUNK):
            for event in parser.feed(chunk.decode("utf-8", "replace"), time.perf_counter()):
                reporter.event(event)
        exit_code = process.wait()
        for event in parser.close(time.perf_counter()):
            reporter.event(event)
        finished = time.perf_counter()
        if exit_code == 0 and iidfile.is_file():
            parser.image_id = iidfile.read_text().strip()

    if exit_code != 0 or not parser.image_id:
        parser.fail(exit_code)
        failure = explain_failure(parser, dockerfile_path, context_dir)
        reporter.finish(failed_summary(failure))
        raise failure
    try:
        layers = read_layers(parser.image_id, client=client)
    except docker.errors.ImageNotFound:
        raise BuildFailed(
            _(
                "{cli} built image {image}, but the engine the course talks to does not have it: "
                "the CLI used another engine or builder. What to do: make `docker buildx ls` "
                "show the default builder for this engine, or use builder='classic'."
            ).format(cli=cli.description, image=parser.image_id)
        ) from None
    return parser.result(
        dockerfile=str(dockerfile_path),
        tag=tag,
        started=started,
        finished=finished,
        layers=layers,
        context=measure_context(context_dir, dockerfile_path),
        own_entries=_final_stage_entries(instructions) + (1 if course_label else 0),
    )
