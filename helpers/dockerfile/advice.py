"""A Dockerfile advisor: the cache-order rule no linter has, and the size rules of this course.

Rules:
- `cache-order`: source (anything but the dependency manifests an install reads) comes into a
  stage before a step that installs dependencies, so every change to it reinstalls them; or
  a tool is installed after the source came in (in the stage, or the stage it starts FROM).
  The two-step installs (dependencies from the manifests, then the project after the source:
  uv, Poetry, pip --no-deps, cargo-chef, go mod download) stay quiet. See installs.py.
- `pip-cache`: `pip install` without `--no-cache-dir` leaves pip's cache in the layer.
- `apt-lists`: `apt-get install` without removing /var/lib/apt/lists in the same RUN.
- `delete-later`: a RUN that only deletes: the bytes stay in the earlier layer.
- `missing-dockerignore`: `COPY .` with no .dockerignore beside the Dockerfile.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..results.advice import Advice, Finding
from .installs import DEPENDENCIES, PROJECT, TOOL, Install, installs_in, is_manifest
from .parsing import Instruction, run_mounts, stage_names
from .reading import read_dockerfile

_ONLY_DELETES = re.compile(
    r"^\s*((rm|rmdir)\s|apt-get\s+(purge|remove|autoremove|clean)|apt\s+(purge|remove)"
    r"|pip3?\s+uninstall|apk\s+del|yum\s+remove|dnf\s+remove)"
)


def installs_dependencies(instruction: Instruction) -> bool:
    """A RUN that installs dependencies from manifests, not merely tools or the project."""
    return instruction.keyword == "RUN" and any(
        install.kind == DEPENDENCIES for install in installs_in(instruction.value)
    )


def _commands(run: str) -> list[str]:
    return [part.strip() for part in re.split(r"&&|;|\|\|", run) if part.strip()]


def lint(dockerfile: str | os.PathLike[str]) -> Advice:
    """Findings for `dockerfile`, in line order. The build context is its folder."""
    path = Path(dockerfile)
    instructions = read_dockerfile(path)
    findings = [*_cache_order(instructions), *_size_rules(instructions)]
    copies_everything = [
        i
        for i in instructions
        if i.keyword in ("COPY", "ADD")
        and "from" not in i.flags
        and any(source.rstrip("/") in (".", "./") for source in i.arguments[:-1])
    ]
    if copies_everything and not (path.parent / ".dockerignore").is_file():
        findings.append(
            Finding(
                "missing-dockerignore",
                copies_everything[0].line,
                "COPY . sends and copies the whole folder (.git, virtual environments, data, .env) "
                "and any change in it re-runs the COPY; there is no .dockerignore.",
                "Add a .dockerignore listing what the image does not need: .git, .venv, "
                "data folders, .env, docs.",
            )
        )
    ordered = sorted(findings, key=lambda finding: (finding.line, finding.rule))
    return Advice(str(dockerfile), tuple(ordered))


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


def _cache_order(instructions: tuple[Instruction, ...]) -> list[Finding]:
    findings: list[Finding] = []
    names = stage_names(instructions)
    steps_of: dict[int, list[Instruction]] = {}
    for instruction in instructions:
        if instruction.stage >= 0:
            steps_of.setdefault(instruction.stage, []).append(instruction)
    ended: dict[int, _Stage] = {}
    global_arguments = {
        name: value
        for instruction in instructions
        if instruction.stage < 0 and instruction.keyword == "ARG"
        for name, value in _assignments(instruction).items()
    }
    for index, steps in sorted(steps_of.items()):
        variables = dict(global_arguments)
        steps = [_with_variables(step, variables) for step in steps]
        base = names.get(steps[0].arguments[0].lower()) if steps[0].arguments else None
        state = _Stage()
        if base is not None and base in ended:
            before = ended[base]
            state = _Stage(before.source_line, before.source_line is not None, before.ready)
        for position, step in enumerate(steps):
            later = tuple(
                install
                for other in steps[position:]
                if other.keyword == "RUN"
                for install in installs_in(other.value)
            )
            if step.keyword in ("COPY", "ADD") and "from" not in step.flags:
                if state.source_line is None and _brings_source(step, later):
                    state.source_line, state.inherited = step.line, False
            elif step.keyword == "RUN":
                findings += _check_run(step, state)
        ended[index] = state
    return findings


def _with_variables(step: Instruction, variables: dict[str, str]) -> Instruction:
    """The step with the stage's ARG and ENV values put in; `variables` gains what it sets."""
    if step.keyword in ("ARG", "ENV"):
        variables.update(_assignments(step))
        return step
    if step.keyword not in ("COPY", "ADD", "RUN") or "$" not in step.value:
        return step
    return dataclasses.replace(
        step,
        value=_expand(step.value, variables),
        arguments=tuple(_expand(argument, variables) for argument in step.arguments),
    )


def _brings_source(step: Instruction, installs) -> bool:
    # A URL is fetched, a heredoc (`COPY <<EOF /etc/app.conf`) written inline: neither is
    # from the context.
    sources = tuple(
        source
        for source in step.arguments[:-1]
        if "://" not in source and not source.startswith("<<")
    )
    destination = step.arguments[-1] if len(step.arguments) == 2 else ""
    return any(not is_manifest(source, installs, destination) for source in sources)


_VARIABLE = re.compile(r"\$(?:\{(\w+)(?::?[-+][^}]*)?\}|(\w+))")


def _expand(text: str, variables: dict[str, str]) -> str:
    """`$NAME` and `${NAME}` replaced by what ARG and ENV gave them, where they gave a value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return variables.get(name, match.group(0))

    return _VARIABLE.sub(value, text)


def _assignments(step: Instruction) -> dict[str, str]:
    """The values an ARG (its defaults) or ENV (`A=1 B=2`, or the old `A 1`) sets."""
    words = step.value.split()
    if step.keyword == "ENV" and len(words) >= 2 and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    found = {}
    for word in words:
        name, equals, value = word.partition("=")
        if equals:
            found[name] = value.strip("\"'")
    return found


def _check_run(step: Instruction, state: _Stage) -> list[Finding]:
    installs = installs_in(step.value)
    if not installs:
        return []
    mounted = [
        mount
        for mount in run_mounts(step)
        if mount.kind == "bind" and mount.origin is None and not is_manifest(mount.source, installs)
    ]
    source_line = state.source_line
    if source_line is None and mounted:
        source_line = step.line
    if source_line is None:
        state.ready |= {i.ecosystem for i in installs if i.kind != TOOL}
        return []
    slow = [install for install in installs if _reinstalls(install, state.ready)]
    if slow:
        if state.reported and source_line == state.source_line:
            return []
        state.reported = source_line == state.source_line
        at_copy = source_line == state.source_line and not state.inherited
        line = source_line if at_copy else step.line
        if source_line == step.line:
            came = "This RUN mounts the source into"
        elif state.inherited and source_line == state.source_line:
            came = f"The source copied on line {source_line}, in the stage this one starts FROM,"
        else:
            came = f"The source copied on line {source_line}"
        return [_dependencies_after_source(slow[0], came, step.line, line)]
    tools = [install for install in installs if install.kind == TOOL]
    if tools and all(install.kind == TOOL for install in installs):
        return [_tool_after_source(tools[0], step.line, source_line, state.inherited)]
    return []


def _reinstalls(install: Install, ready: frozenset[str]) -> bool:
    """Would this install, after the source is in, redo dependency work on every change?"""
    if install.kind == TOOL:
        return False
    if install.kind == PROJECT:
        return install.fetches_dependencies and install.ecosystem not in ready
    # A second install by the tool that already installed the dependencies from the
    # manifests now only adds the project (uv sync, poetry install); one that names a
    # requirements file installs from a manifest that could have been copied first.
    return install.ecosystem not in ready or bool(install.reads)


_PYTHON_FIXES = (
    (
        re.compile(r"\bpoetry\b"),
        "COPY pyproject.toml poetry.lock first and RUN poetry install --no-root (the dependencies "
        "alone); then copy the rest and RUN poetry install --only-root.",
    ),
    (
        re.compile(r"\buv\s+sync\b"),
        "COPY pyproject.toml uv.lock first and RUN uv sync --locked --no-install-project; then "
        "copy the rest and RUN uv sync --locked.",
    ),
    (
        re.compile(r"\bpipenv\b"),
        "COPY Pipfile Pipfile.lock first and RUN pipenv install --deploy; then copy the rest.",
    ),
    (
        re.compile(r"\bpdm\b"),
        "COPY pyproject.toml pdm.lock first and RUN pdm install --prod --no-self; then copy the "
        "rest and RUN pdm install --prod.",
    ),
)
_FIXES = {
    "python": "COPY requirements.txt (or pyproject.toml) first and install the dependencies alone "
    "(pip install -r requirements.txt); then copy the rest and RUN pip install --no-deps .",
    "node": "COPY package.json and its lock file first and RUN npm ci (or yarn, pnpm install); "
    "then copy the rest and build.",
    "go": "COPY go.mod go.sum first and RUN go mod download; then copy the rest and build.",
    "rust": "COPY Cargo.toml Cargo.lock first and build the dependencies alone (cargo chef cook, "
    "or cargo fetch); then copy the rest and build.",
    "ruby": "COPY Gemfile Gemfile.lock first and RUN bundle install; then copy the rest.",
    "php": "COPY composer.json composer.lock first and RUN composer install --no-scripts "
    "--no-autoloader; then copy the rest and RUN composer dump-autoload.",
    "java": "COPY pom.xml (or the Gradle build files) first and fetch the dependencies alone "
    "(mvn dependency:go-offline, gradle dependencies); then copy the rest and build.",
    "dotnet": "COPY the *.csproj files first and RUN dotnet restore; then copy the rest and RUN "
    "dotnet publish --no-restore.",
    "elixir": "COPY mix.exs mix.lock first and RUN mix deps.get; then copy the rest and build.",
}


def _fix_for(install: Install) -> str:
    if install.reads:
        return (
            f"COPY {' '.join(install.reads)} first and install from it; then copy the rest of "
            "the source."
        )
    if install.ecosystem == "python":
        for tool, fix in _PYTHON_FIXES:
            if tool.search(install.command):
                return fix
    return _FIXES.get(install.ecosystem, "Copy the dependency manifests first and install; then "
                      "copy the rest of the source.")  # fmt: skip


def _dependencies_after_source(install: Install, came: str, run_line: int, line: int):
    where = "here" if line == run_line else f"on line {run_line}"
    what = (
        f"{came} the dependency install"
        if came.endswith(" into")
        else f"{came} comes before the dependency install {where}"
    )
    return Finding(
        "cache-order",
        line,
        f"{what} (`{install.command}`): any change to the source redoes that install, every "
        "dependency again.",
        _fix_for(install),
    )


def _tool_after_source(install: Install, line: int, source_line: int, inherited: bool):
    where = "in the stage this one starts FROM" if inherited else f"on line {source_line}"
    return Finding(
        "cache-order",
        line,
        f"`{install.command}` installs a tool after the source was copied ({where}): every "
        "change to the source installs it again.",
        "Move this RUN above the source COPY"
        + (", in the stage it starts FROM" if inherited else "")
        + ": tools change less often than code.",
    )


def _size_rules(instructions) -> list[Finding]:
    findings = []
    no_cache_env: set[int] = set()
    for step in instructions:
        if step.keyword == "ENV" and re.search(
            r"PIP_NO_CACHE_DIR\s*=?\s*(1|true|on|yes)", step.value, re.IGNORECASE
        ):
            no_cache_env.add(step.stage)
        if step.keyword != "RUN":
            continue
        commands = _commands(step.value)
        pip_installs = [c for c in commands if re.search(r"\bpip3?\s+install\b", c)]
        if (
            pip_installs
            and step.stage not in no_cache_env
            and not any("--no-cache-dir" in c for c in pip_installs)
            and "--mount=type=cache" not in step.value
        ):
            findings.append(
                Finding(
                    "pip-cache",
                    step.line,
                    "pip keeps a copy of what it downloads in ~/.cache/pip, inside this layer.",
                    "Add --no-cache-dir to pip install (or ENV PIP_NO_CACHE_DIR=1).",
                )
            )
        if (
            any(re.search(r"\bapt(-get)?\s+install\b", c) for c in commands)
            and "/var/lib/apt/lists" not in step.value
        ):
            findings.append(
                Finding(
                    "apt-lists",
                    step.line,
                    "apt's package lists (tens of MB) stay in this layer.",
                    "End the same RUN with `&& rm -rf /var/lib/apt/lists/*`.",
                )
            )
        if commands and all(_ONLY_DELETES.match(c) for c in commands):
            findings.append(
                Finding(
                    "delete-later",
                    step.line,
                    "This RUN only deletes. Files from earlier layers stay in the image, hidden: "
                    "the image does not get smaller.",
                    "Delete in the same RUN that created the files, or build in a separate stage "
                    "and copy only what you need.",
                )
            )
    return findings
