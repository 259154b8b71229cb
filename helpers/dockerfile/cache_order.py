"""The `cache-order` rule: source brought into a stage before an install that redoes its work
on every change to it, or a tool installed after the source.

A stage's record (`_Stage`) follows its steps in order: where the source first came in, and
which ecosystems had their dependencies installed before that. A stage built FROM another
starts from the other's record.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _
from ..results.advice import Finding
from .installs import DEPENDENCIES, PROJECT, TOOL, Install, installs_in
from .manifests import file_in_context, is_manifest, with_includes
from .parsing import Instruction, run_mounts, stage_names
from .variables import global_arguments, with_variables


def installs_dependencies(instruction: Instruction) -> bool:
    """A RUN that installs dependencies from manifests, not merely tools or the project."""
    return instruction.keyword == "RUN" and any(
        install.kind == DEPENDENCIES for install in installs_in(instruction.value)
    )


@dataclass
class _Stage:
    """What a stage has done so far, as far as cache order goes; a stage built FROM another
    starts with the other's record."""

    source_line: int | None = None
    """The line that first brought source (not manifests) into this stage or its base."""
    inherited: bool = False
    """Whether that line is in the stage this one starts FROM."""
    ready: frozenset[str] = frozenset()
    """Ecosystems whose dependencies were installed before any source came in."""
    reported: bool = False
    source: Instruction | None = None
    """The COPY of this stage that brought the source in (None while there is none here)."""


@dataclass(frozen=True)
class OrderProblem:
    """One `cache-order` finding, with the steps it is about: what `lint --fix` rewrites."""

    line: int
    """Where the finding is reported."""
    run: Instruction
    """The RUN at fault: the install that redoes its work, or the tool install."""
    install: Install
    tool: bool
    """A tool installed after the source (else: source before a dependency install)."""
    source: Instruction | None
    """The COPY of this stage that brought the source in; None when it came from the stage
    this one starts FROM, or from a bind mount of the RUN itself."""
    source_line: int
    inherited: bool
    cached: bool
    """The RUN has a cache mount (which spares downloads, not the install)."""

    def finding(self) -> Finding:
        if self.tool:
            return _tool_after_source(self.install, self.run.line, self.source_line, self.inherited)
        if self.source_line == self.run.line:
            came = _MOUNTED
        elif self.inherited:
            came = _INHERITED
        else:
            came = _COPIED
        return _dependencies_after_source(
            self.install, came, self.source_line, self.run.line, self.line, self.cached
        )


def cache_order(
    instructions: tuple[Instruction, ...], context: Path | None = None
) -> list[Finding]:
    return [problem.finding() for problem in order_problems(instructions, context)]


def order_problems(
    instructions: tuple[Instruction, ...], context: Path | None = None
) -> list[OrderProblem]:
    """With the build `context` at hand, the files a requirements file includes (`-r
    base.txt`) are manifests too, and a folder all of whose files are manifests is one."""
    findings: list[OrderProblem] = []
    names = stage_names(instructions)
    steps_of: dict[int, list[Instruction]] = {}
    for instruction in instructions:
        if instruction.stage >= 0:
            steps_of.setdefault(instruction.stage, []).append(instruction)
    ended: dict[int, _Stage] = {}
    arguments = global_arguments(instructions)
    for index, steps in sorted(steps_of.items()):
        variables: dict[str, str] = {}
        steps = [with_variables(step, variables, arguments) for step in steps]
        base = names.get(steps[0].arguments[0].lower()) if steps[0].arguments else None
        state = _Stage()
        if base is not None and base in ended:
            before = ended[base]
            state = _Stage(before.source_line, before.source_line is not None, before.ready)
        # Each RUN's installs, read once: a COPY is judged by the installs after it.
        installs = [installs_in(step.value) if step.keyword == "RUN" else () for step in steps]
        if context is not None:
            installs = [tuple(_with_included(i, context) for i in found) for found in installs]
        for position, step in enumerate(steps):
            if step.keyword in ("COPY", "ADD") and "from" not in step.flags:
                later = tuple(install for found in installs[position:] for install in found)
                if state.source_line is None and _brings_source(step, later, context):
                    state.source_line, state.inherited, state.source = step.line, False, step
            elif step.keyword == "RUN":
                findings += _check_run(step, installs[position], state)
        ended[index] = state
    return findings


def _brings_source(step: Instruction, installs, context: Path | None) -> bool:
    # A URL is fetched, a heredoc (`COPY <<EOF /etc/app.conf`) written inline: neither is
    # from the context.
    sources = tuple(
        source
        for source in step.arguments[:-1]
        if "://" not in source and not source.startswith("<<")
    )
    destination = step.arguments[-1] if len(step.arguments) == 2 else ""
    return any(
        not is_manifest(source, installs, destination)
        and not _folder_of_manifests(source, installs, context)
        for source in sources
    )


def _with_included(install: Install, context: Path) -> Install:
    found = [
        included
        for read in install.reads
        if (in_context := file_in_context(read, context))
        for included in with_includes(in_context, context)[1:]
    ]
    extra = tuple(dict.fromkeys(f for f in found if f not in install.reads))
    return dataclasses.replace(install, included=extra) if extra else install


def _folder_of_manifests(source: str, installs, context: Path | None) -> bool:
    """A folder of the context whose every file an install reads (`common/`, holding the
    base.txt that requirements/prod.txt includes)."""
    if context is None or not installs:
        return False
    folder = context / source.strip("/")
    if source.strip("/") in ("", ".") or not folder.is_dir():
        return False
    files = [path for path in folder.rglob("*") if path.is_file()]
    return (
        bool(files)
        and len(files) <= 50
        and all(is_manifest(path.relative_to(context).as_posix(), installs) for path in files)
    )


def _check_run(
    step: Instruction, installs: tuple[Install, ...], state: _Stage
) -> list[OrderProblem]:
    if not installs:
        return []
    mounts = run_mounts(step)
    mounted = [
        mount
        for mount in mounts
        if mount.kind == "bind" and mount.origin is None and not is_manifest(mount.source, installs)
    ]
    source_line = state.source_line
    if source_line is None and mounted:
        source_line = step.line
    if source_line is None:
        state.ready |= {i.ecosystem for i in installs if i.kind != TOOL}
        return []
    # A build whose output folder is a cache mount (cargo's target/, Go's build cache) compiles
    # only what changed: docker init's templates build so, with the source bind-mounted. A
    # cache of downloads (pip's, cargo's registry) spares the downloads, not the install.
    incremental = any(
        mount.kind == "cache" and re.search(r"(^|/)target/?$|go-build", mount.target)
        for mount in mounts
    )
    cached = any(mount.kind == "cache" for mount in mounts)
    from_stage = source_line == state.source_line
    inherited = state.inherited and from_stage
    source = state.source if from_stage else None
    slow = [install for install in installs if _reinstalls(install, state.ready, incremental)]
    if slow:
        if state.reported and from_stage:
            return []
        state.reported = from_stage
        line = source_line if from_stage and not state.inherited else step.line
        return [OrderProblem(line, step, slow[0], False, source, source_line, inherited, cached)]
    tools = [install for install in installs if install.kind == TOOL]
    if tools:
        return [
            OrderProblem(step.line, step, tools[0], True, source, source_line, inherited, cached)
        ]
    return []


def _reinstalls(install: Install, ready: frozenset[str], incremental: bool) -> bool:
    """Would this install, after the source is in, redo dependency work on every change?"""
    if install.kind == TOOL:
        return False
    if install.kind == PROJECT:
        return install.fetches_dependencies and install.ecosystem not in ready and not incremental
    # A second install by the tool that already installed the dependencies from the
    # manifests now only adds the project (uv sync, poetry install), unless it starts afresh
    # (npm ci); one that names a requirements file installs from a manifest that could have
    # been copied first.
    return install.ecosystem not in ready or bool(install.reads) or install.starts_afresh


# Each fix is marked here and translated where the finding is made; commands and file names
# stay as the learner types them.
_PYTHON_FIXES = (
    (
        re.compile(r"\bpoetry\b"),
        N_(
            "COPY pyproject.toml poetry.lock first and RUN poetry install --no-root (the "
            "dependencies alone); then copy the rest and RUN poetry install --only-root."
        ),
    ),
    (
        re.compile(r"\buv\s+sync\b"),
        N_(
            "COPY pyproject.toml uv.lock first and RUN uv sync --locked --no-install-project; "
            "then copy the rest and RUN uv sync --locked."
        ),
    ),
    (
        re.compile(r"\bpipenv\b"),
        N_("COPY Pipfile Pipfile.lock first and RUN pipenv install --deploy; then copy the rest."),
    ),
    (
        re.compile(r"\bpdm\b"),
        N_(
            "COPY pyproject.toml pdm.lock first and RUN pdm install --prod --no-self; then copy "
            "the rest and RUN pdm install --prod."
        ),
    ),
)
_FIXES = {
    "python": N_(
        "COPY requirements.txt (or pyproject.toml) first and install the dependencies alone "
        "(pip install -r requirements.txt); then copy the rest and RUN pip install --no-deps ."
    ),
    "node": N_(
        "COPY package.json and its lock file first and RUN npm ci (or yarn, pnpm install); "
        "then copy the rest and build."
    ),
    "go": N_("COPY go.mod go.sum first and RUN go mod download; then copy the rest and build."),
    "rust": N_(
        "COPY Cargo.toml Cargo.lock first and build the dependencies alone (cargo chef cook, "
        "or cargo fetch); then copy the rest and build."
    ),
    "ruby": N_("COPY Gemfile Gemfile.lock first and RUN bundle install; then copy the rest."),
    "php": N_(
        "COPY composer.json composer.lock first and RUN composer install --no-scripts "
        "--no-autoloader; then copy the rest and RUN composer dump-autoload."
    ),
    "java": N_(
        "COPY pom.xml (or the Gradle build files) first and fetch the dependencies alone "
        "(mvn dependency:go-offline, gradle dependencies); then copy the rest and build."
    ),
    "dotnet": N_(
        "COPY the *.csproj files first and RUN dotnet restore; then copy the rest and RUN "
        "dotnet publish --no-restore."
    ),
    "elixir": N_("COPY mix.exs mix.lock first and RUN mix deps.get; then copy the rest and build."),
}
_ANY_FIX = N_("Copy the dependency manifests first and install; then copy the rest of the source.")


def _fix_for(install: Install) -> str:
    if install.reads:
        return _(
            "COPY {files} first and install from it; then copy the rest of the source."
        ).format(files=" ".join(install.reads))
    if install.ecosystem == "python":
        for tool, fix in _PYTHON_FIXES:
            if tool.search(install.command):
                return _(fix)
    return _(_FIXES.get(install.ecosystem, _ANY_FIX))


# How the source came in before the dependency install: each way has its own sentences.
_MOUNTED, _INHERITED, _COPIED = "mounted", "inherited", "copied"


def _source_before_dependencies(came: str, here: bool, cached: bool) -> str:
    """The finding's sentence, translated, its placeholders ({source_line}, {run_line},
    {command}) still to fill: each form a whole message, for the translator."""
    if came == _MOUNTED:
        if cached:
            return _(
                "This RUN mounts the source into the dependency install (`{command}`): any "
                "change to the source redoes that install, every dependency again (a cache "
                "mount spares the downloads, not the install)."
            )
        return _(
            "This RUN mounts the source into the dependency install (`{command}`): any change "
            "to the source redoes that install, every dependency again."
        )
    if came == _INHERITED:
        if here and cached:
            return _(
                "The source copied on line {source_line}, in the stage this one starts FROM, "
                "comes before the dependency install here (`{command}`): any change to the "
                "source redoes that install, every dependency again (a cache mount spares the "
                "downloads, not the install)."
            )
        if here:
            return _(
                "The source copied on line {source_line}, in the stage this one starts FROM, "
                "comes before the dependency install here (`{command}`): any change to the "
                "source redoes that install, every dependency again."
            )
        if cached:
            return _(
                "The source copied on line {source_line}, in the stage this one starts FROM, "
                "comes before the dependency install on line {run_line} (`{command}`): any "
                "change to the source redoes that install, every dependency again (a cache "
                "mount spares the downloads, not the install)."
            )
        return _(
            "The source copied on line {source_line}, in the stage this one starts FROM, comes "
            "before the dependency install on line {run_line} (`{command}`): any change to the "
            "source redoes that install, every dependency again."
        )
    if here and cached:
        return _(
            "The source copied on line {source_line} comes before the dependency install here "
            "(`{command}`): any change to the source redoes that install, every dependency "
            "again (a cache mount spares the downloads, not the install)."
        )
    if here:
        return _(
            "The source copied on line {source_line} comes before the dependency install here "
            "(`{command}`): any change to the source redoes that install, every dependency "
            "again."
        )
    if cached:
        return _(
            "The source copied on line {source_line} comes before the dependency install on "
            "line {run_line} (`{command}`): any change to the source redoes that install, every "
            "dependency again (a cache mount spares the downloads, not the install)."
        )
    return _(
        "The source copied on line {source_line} comes before the dependency install on line "
        "{run_line} (`{command}`): any change to the source redoes that install, every "
        "dependency again."
    )


def _dependencies_after_source(
    install: Install, came: str, source_line: int, run_line: int, line: int, cached: bool
):
    message = _source_before_dependencies(came, line == run_line, cached)
    return Finding(
        "cache-order",
        line,
        message.format(source_line=source_line, run_line=run_line, command=install.command),
        _fix_for(install),
    )


def _tool_after_source(install: Install, line: int, source_line: int, inherited: bool):
    if inherited:
        message = _(
            "`{command}` installs a tool after the source was copied (in the stage this one "
            "starts FROM): every change to the source installs it again."
        )
        fix = _(
            "Move this RUN above the source COPY, in the stage it starts FROM: tools change "
            "less often than code."
        )
    else:
        message = _(
            "`{command}` installs a tool after the source was copied (on line {source_line}): "
            "every change to the source installs it again."
        )
        fix = _("Move this RUN above the source COPY: tools change less often than code.")
    return Finding(
        "cache-order",
        line,
        message.format(command=install.command, source_line=source_line),
        fix,
    )
