"""`lint --fix`: rewrite a Dockerfile so that each cache-order finding goes away, or say why
not and what to do by hand.

Two rewrites, each a move of whole lines (comments above an instruction move with it, and
everything else stays as written):
- Source before a dependency install: the source COPY moves to just after the install, and
  in its place comes a COPY of the manifests the install reads, found in the context, with
  the same flags (`--chown`...). Where the tool installs the dependencies and the project in
  one step, that step is split as the tool documents it (Poetry `--no-root` then
  `--only-root`, uv `--no-install-project`, PDM `--no-self`), or its dependency step is put
  before the source (`go mod download`, `mvn dependency:go-offline`, `dotnet restore`).
- A tool installed after the source: its RUN moves to just above the source COPY.
It refuses whatever it cannot prove harmless from the Dockerfile alone: a RUN, WORKDIR or USER
between the two steps (it may need the source, or change where the install runs); an install
RUN that also runs other commands, unless it is a plain `a && b` chain it can split; a
project installed with its dependencies in one step and no documented split (`pip install .`,
`cargo build`); manifests it cannot find in the context. Each rewrite is read back: the
finding must be gone and the file must still be one the builder accepts.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _
from ..results.fix import Fix, FixStep
from .cache_order import OrderProblem, order_problems
from .dockerignore import context_filter
from .installs import DEPENDENCIES, PROJECT, TOOL, Install, installs_in
from .manifests import with_includes
from .parsing import Instruction, parse_dockerfile
from .reading import check_dockerfile, read_dockerfile

# Between a source COPY and the step moved past it, these only set metadata or variables,
# which keep their order relative to the install.
_MOVABLE_PAST = frozenset({"ENV", "ARG", "LABEL", "EXPOSE", "CMD", "ENTRYPOINT", "STOPSIGNAL",
                           "HEALTHCHECK", "VOLUME", "SHELL", "MAINTAINER", "ONBUILD"})  # fmt: skip
_CLEANUP = re.compile(
    r"^(apt-get|apt|apk|dnf|yum|microdnf)\s+(-\S+\s+)*(update|clean|autoremove|purge|remove|del)\b"
    r"|^rm\s+-|^update-ca-cert|^(pip3?|npm|yarn|pnpm|uv)\s+cache\s+(purge|clean|prune)"
)
# A build that fetches its dependencies, and the step that fetches them alone.
_SEPARATE_DEPENDENCY_STEP = {
    "go": "go mod download",
    "java-maven": "{program} dependency:go-offline -B",
    "dotnet": "dotnet restore",
}


def _shown(step: Instruction) -> str:
    """A step as a learner finds it in their file (line numbers move as rewrites go)."""
    text = " ".join(f"{step.keyword} {step.value}".split())  # one line, heredocs too
    return f"`{text if len(text) <= 60 else text[:57] + '...'}`"


# The files each tool reads on its own, without being told (lower case; "/" marks a folder):
# what the manifests' COPY brings when the install names no file.
_READS_BY_ITSELF = {
    "poetry": ("pyproject.toml", "poetry.lock", "poetry.toml"),
    "uv": ("pyproject.toml", "uv.lock", ".python-version", "uv.toml"),
    "pdm": ("pyproject.toml", "pdm.lock"),
    "pipenv": ("pipfile", "pipfile.lock"),
    "npm": ("package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"),
    "pnpm": ("package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"),
    "yarn": ("package.json", "yarn.lock", ".yarnrc", ".yarnrc.yml", ".yarn/"),
    "bun": ("package.json", "bun.lockb", "bun.lock"),
    "go": ("go.mod", "go.sum", "go.work", "go.work.sum"),
    "cargo": ("cargo.toml", "cargo.lock"),
    "bundle": ("gemfile", "gemfile.lock"),
    "composer": ("composer.json", "composer.lock", "auth.json"),
    "mvn": ("pom.xml", ".mvn/", "mvnw"),
    "gradle": ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
               "gradle.properties", "gradle/", "gradlew"),
    "dotnet": ("*.csproj", "*.fsproj", "*.vbproj", "*.sln", "nuget.config", "global.json",
               "directory.build.props", "directory.packages.props"),
    "mix": ("mix.exs", "mix.lock"),
    "deno": ("deno.json", "deno.jsonc", "deno.lock", "import_map.json"),
    "vcpkg": ("vcpkg.json", "vcpkg-configuration.json"),
    "conan": ("conanfile.txt", "conanfile.py"),
    "r": ("renv.lock", ".rprofile", "renv/"),
    "stack": ("stack.yaml", "stack.yaml.lock", "package.yaml", "*.cabal"),
    "cabal": ("*.cabal", "cabal.project", "cabal.project.freeze"),
}  # fmt: skip


class _Refusal(Exception):
    """Why a finding cannot be rewritten safely, and the step to take by hand."""


@dataclass(frozen=True)
class _Edit:
    lines: list[str]
    what: str


def fix_dockerfile(
    dockerfile: str | os.PathLike[str], context: str | os.PathLike[str] | None = None
) -> Fix:
    """The Dockerfile rewritten so that its cache-order findings go away, where that can be
    done safely; the file itself is not touched (`Fix.rewritten` is the new text). The build
    context, where the manifests are looked for, is the Dockerfile's folder unless given."""
    path = Path(dockerfile)
    read_dockerfile(path)  # the builder's refusals first, in its words
    original = path.read_bytes().decode("utf-8", "replace")
    context_dir = Path(context) if context is not None else path.parent
    text, steps = original, []
    original_lines = {
        _key(p): p.line for p in order_problems(parse_dockerfile(original), context_dir)
    }
    refused: set[tuple[int, str, bool]] = set()
    rewritten_keys: set[tuple[int, str, bool]] = set()
    undo: dict[tuple[int, str, bool], tuple[str, int, tuple]] = {}
    for _attempt in range(50):  # each rewrite removes a finding; a refusal is not tried again
        problems = [
            p for p in order_problems(parse_dockerfile(text), context_dir) if _key(p) not in refused
        ]
        if not problems:
            break
        problem = problems[0]
        line = original_lines.get(_key(problem), problem.line)
        if _key(problem) in rewritten_keys:
            # A rewrite that leaves its own finding behind is not one to trust: undo it, and
            # every rewrite made since.
            text, count, order = undo[_key(problem)]
            steps, rewritten_keys = steps[:count], set(order)
            refused.add(_key(problem))
            steps.append(FixStep(line, False, _("the rewrite did not settle: fix it by hand")))
            continue
        try:
            edit = _rewrite(problem, text, context_dir, path)
        except _Refusal as why:
            refused.add(_key(problem))
            steps.append(FixStep(line, False, str(why)))
            continue
        undo[_key(problem)] = (text, len(steps), tuple(rewritten_keys))
        text = "".join(edit.lines)
        rewritten_keys.add(_key(problem))
        steps.append(FixStep(line, True, edit.what))
    if "\r\n" in original:  # lines this rewrite wrote end as the file's own do
        text = re.sub(r"\r?\n", "\r\n", text)
    return Fix(str(dockerfile), original, text, tuple(sorted(steps, key=lambda s: s.line)))


def _key(problem: OrderProblem) -> tuple[int, str, bool]:
    """A finding's identity across rewrites, which move it to other lines."""
    return problem.run.stage, problem.run.text, problem.tool


def _rewrite(problem: OrderProblem, text: str, context_dir: Path, path: Path) -> _Edit:
    instructions = parse_dockerfile(text)
    if problem.source is None:
        if problem.inherited:
            raise _Refusal(
                _(
                    "the source comes from the stage this one starts FROM: move `{command}` into "
                    "that stage, above its source COPY, by hand"
                ).format(command=problem.install.command)
            )
        raise _Refusal(
            _(
                "this RUN mounts the whole context: mount only the manifests it reads "
                "(--mount=type=bind,source=requirements.txt,target=...) and copy the source "
                "after it"
            )
        )
    sources = problem.source.arguments[:-1]
    # ADD of local files and folders copies as COPY does; it unpacks archives and fetches URLs.
    remote_or_archive = problem.source.keyword == "ADD" and any(
        "://" in source or re.search(r"\.(tar|tgz|gz|bz2|xz|zst)$", source) for source in sources
    )
    if remote_or_archive or {"exclude", "parents"} & set(problem.source.flags):
        raise _Refusal(
            _(
                "{step} fetches, unpacks or filters as it copies, which this rewrite does not "
                "reproduce: copy the manifests first by hand"
            ).format(step=_shown(problem.source))
        )
    between = [
        step
        for step in instructions
        if step.stage == problem.run.stage and problem.source.line < step.line < problem.run.line
    ]
    blockers = [step for step in between if step.keyword not in _MOVABLE_PAST]
    if problem.tool:
        # A tool's install does not need what a RUN in between did, unless that RUN works the
        # package manager too (a separate `apt-get update`); variables and the user do matter.
        blockers = [
            step
            for step in between
            if step.keyword in ("ENV", "ARG", "USER", "WORKDIR", "SHELL")
            or (step.keyword == "RUN" and (installs_in(step.value) or _CLEANUP.search(step.value)))
        ]
    if blockers and problem.tool:
        first = blockers[0]
        raise _Refusal(
            _(
                "{step} comes between the source COPY and this RUN: moving the RUN above it "
                "could change what it does. Move the RUN up by hand if it does not depend on it"
            ).format(step=_shown(first))
        )
    if problem.tool:
        return _move_tool_install(problem, text, between)
    written = next(step for step in instructions if step.line == problem.source.line)
    for step in between:
        if step.keyword in ("ARG", "ENV"):
            names = {re.split(r"[= ]", word, maxsplit=1)[0] for word in step.value.split()}
            used = [
                name for name in names if re.search(rf"\$\{{?{re.escape(name)}\b", written.value)
            ]
            if used:
                raise _Refusal(
                    _(
                        "{step} sets {names}, which the source COPY uses: moving the COPY below "
                        "it would change where it copies. Move it by hand"
                    ).format(step=_shown(step), names=", ".join(sorted(used)))
                )
    if any(step.keyword in ("RUN", "WORKDIR", "USER") for step in blockers):
        first = next(s for s in blockers if s.keyword in ("RUN", "WORKDIR", "USER"))
        raise _Refusal(
            _(
                "{step} comes between the source COPY and the install and may need the source, "
                "or change where the install runs: move the source COPY below the install by "
                "hand if it does not"
            ).format(step=_shown(first))
        )
    return _move_source_copy(problem, text, context_dir, path)


def _block(text_lines: list[str], step: Instruction) -> tuple[int, int]:
    """0-based [start, end) of a step's lines, with the comment lines just above it."""
    start = step.line - 1
    while (
        start > 0
        and text_lines[start - 1].lstrip().startswith("#")
        and not re.match(r"\s*#\s*(syntax|escape|check)\s*=", text_lines[start - 1])
    ):
        start -= 1
    return start, step.end_line


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _move_tool_install(problem: OrderProblem, text: str, between) -> _Edit:
    run = problem.run
    flags, chain = _flags_and_chain(run)
    if chain is None:
        raise _Refusal(
            _(
                "{step} runs more than a plain `a && b` chain of commands: split the installs "
                "into a RUN of their own above the source COPY"
            ).format(step=_shown(run))
        )
    # The installs at the head of the chain move up; what follows them stays, since it may
    # use the source (`go install swag@v1 && swag init`).
    count = next(
        (i for i, command in enumerate(chain) if not _is_install_or_cleanup(command, {TOOL})),
        len(chain),
    )
    head, tail = chain[:count], chain[count:]
    if not any(installs_in(command) for command in head):
        raise _Refusal(
            _(
                "{step} runs other commands before the tool install: split the install into a "
                "RUN of its own above the source COPY"
            ).format(step=_shown(run))
        )
    for command in head:
        for install in installs_in(command):
            # A tool named in a file, or added to the project's own package.json, needs what
            # the source COPY brings.
            reads_a_file = install.reads or re.search(r"\$\(|<|`", command)
            local_add = install.ecosystem == "node" and not re.search(
                r"\s(-g|--global)\b|\bglobal\b", command
            )
            if reads_a_file or local_add:
                raise _Refusal(
                    _(
                        "`{command}` reads files of the project (a list of packages, or its own "
                        "package.json): moving it above the source COPY would change what it "
                        "installs. Install such tools from a file copied first, by hand"
                    ).format(command=install.command)
                )
    lines = _lines(text)
    start, end = _block(lines, run)
    if tail:
        moved = [*lines[start : run.line - 1], f"RUN {flags}{' && '.join(head)}\n"]
        lines[start:end] = [f"RUN {flags}{' && '.join(tail)}\n"]
    else:
        # The whole RUN moves as written: its line breaks and comments are the author's.
        moved = lines[start:end]
        lines[start:end] = []
    target, _end = _block(lines, problem.source)
    lines[target:target] = moved
    if tail:
        what = _(
            "moved `{installs}` above the source COPY ({copy}): tools change less often than "
            "code; `{rest}` stays where it was"
        )
    else:
        what = _(
            "moved `{installs}` above the source COPY ({copy}): tools change less often than code"
        )
    return _Edit(
        lines,
        what.format(
            installs=" && ".join(head), copy=_shown(problem.source), rest=" && ".join(tail)
        ),
    )


def _is_install_or_cleanup(command: str, kinds: set[str]) -> bool:
    if _CLEANUP.match(command):
        return True
    installs = installs_in(command)
    return bool(installs) and all(install.kind in kinds for install in installs)


def _move_source_copy(problem: OrderProblem, text: str, context_dir: Path, path: Path) -> _Edit:
    source, run, install = problem.source, problem.run, problem.install
    assert source is not None
    instructions = parse_dockerfile(text)
    manifests = _manifests(source, run, install, context_dir, path, instructions)
    if install.program in ("pip", "uv") and (
        _names_local_paths(install.command)
        or any(_installs_from_the_source(context_dir / m) for m in manifests)
    ):
        raise _Refusal(
            _(
                "`{command}` installs from the source itself (a local path, `-e .` or "
                "`.[extras]`, here or in a requirements file it reads): list the dependencies "
                "alone in a requirements file, install that first, and the project after the "
                "source with `pip install --no-deps .`"
            ).format(command=install.command)
        )
    beyond = _reads_beyond_manifests(install, manifests, context_dir)
    if beyond:
        raise _Refusal(beyond)
    before, after, split = _split_install(problem)
    copies_between = any(
        step.keyword in ("COPY", "ADD") and "from" not in step.flags
        for step in instructions
        if step.stage == run.stage and source.line < step.line < run.line
    )
    # Without the manifests, the install would run with nothing to read: never rewrite so.
    if not manifests and install.kind == DEPENDENCIES and not copies_between:
        raise _Refusal(
            _(
                "no manifest for `{command}` was found in the context ({context}) among what "
                "{step} copies: copy them first by hand"
            ).format(command=install.command, context=context_dir, step=_shown(source))
        )
    lines = _lines(text)
    run_start, run_end = _block(lines, run)
    source_start, source_end = _block(lines, source)
    source_lines = lines[source_start:source_end]
    # A RUN that moves whole moves as written: its continuation lines and all.
    new_run = before if before is not None else lines[run.line - 1 : run_end]
    new_after = [*source_lines, *after]
    # The manifests' COPY is written with the source COPY's own words ($DIR, not /app).
    written = next(step for step in instructions if step.line == source.line)
    copy_manifests = _copy_lines(source, manifests, context_dir, written)
    # Bottom first, so that the lines above keep their numbers.
    lines[run_start:run_end] = [*lines[run_start : run.line - 1], *new_run, *new_after]
    lines[source_start:source_end] = copy_manifests
    rewritten = "".join(lines)
    try:
        check_dockerfile(rewritten, str(path))
    except ValueError as error:
        raise _Refusal(
            _("the rewrite would not be a Dockerfile the builder accepts: {error}").format(
                error=error
            )
        ) from None
    return _Edit(lines, _copied_first(manifests, install.command, split))


# How `_dependencies_alone` split an install: one of these, and for _FETCH the command that
# fetches the dependencies alone. _WHOLE: not split.
_NO_ROOT, _NO_INSTALL_PROJECT, _NO_SELF, _FETCH = "root", "install-project", "self", "fetch"
_Split = tuple[str, str]
_WHOLE: _Split = ("", "")


def _copied_first(manifests: list[str], command: str, split: _Split) -> str:
    """What the rewrite did, each form a whole message: the manifests named (or not), and how
    the install was split."""
    kind, fetch = split
    if manifests:
        if kind == _NO_ROOT:
            what = _(
                "copied {manifests} first, then `{command}` with --no-root (the project itself "
                "after the source, with --only-root), then the source (its COPY moved below "
                "the install)"
            )
        elif kind == _NO_INSTALL_PROJECT:
            what = _(
                "copied {manifests} first, then `{command}` with --no-install-project (the "
                "project itself after the source), then the source (its COPY moved below the "
                "install)"
            )
        elif kind == _NO_SELF:
            what = _(
                "copied {manifests} first, then `{command}` with --no-self (the project itself "
                "after the source), then the source (its COPY moved below the install)"
            )
        elif kind == _FETCH:
            what = _(
                "copied {manifests} first, then `{command}` (as `{fetch}`, the dependencies "
                "alone; the build itself after the source), then the source (its COPY moved "
                "below the install)"
            )
        else:
            what = _(
                "copied {manifests} first, then `{command}`, then the source (its COPY moved "
                "below the install)"
            )
    elif kind == _NO_ROOT:
        what = _(
            "copied the manifests it names first, then `{command}` with --no-root (the project "
            "itself after the source, with --only-root), then the source (its COPY moved below "
            "the install)"
        )
    elif kind == _NO_INSTALL_PROJECT:
        what = _(
            "copied the manifests it names first, then `{command}` with --no-install-project "
            "(the project itself after the source), then the source (its COPY moved below the "
            "install)"
        )
    elif kind == _NO_SELF:
        what = _(
            "copied the manifests it names first, then `{command}` with --no-self (the project "
            "itself after the source), then the source (its COPY moved below the install)"
        )
    elif kind == _FETCH:
        what = _(
            "copied the manifests it names first, then `{command}` (as `{fetch}`, the "
            "dependencies alone; the build itself after the source), then the source (its COPY "
            "moved below the install)"
        )
    else:
        what = _(
            "copied the manifests it names first, then `{command}`, then the source (its COPY "
            "moved below the install)"
        )
    return what.format(manifests=", ".join(manifests), command=command, fetch=fetch)


def _split_install(problem: OrderProblem) -> tuple[list[str] | None, list[str], _Split]:
    """The RUN lines for before the source (None: the RUN as written), those for after it, and
    how the install was split, if it was."""
    run, install = problem.run, problem.install
    flags, chain = _flags_and_chain(run)
    split_project = install.kind == PROJECT or _installs_project_too(install)
    exec_form = run.value.lstrip().startswith("[")
    if exec_form and installs_in(run.value) == (install,) and not split_project:
        return None, [], _WHOLE  # the exec form's one command
    if chain is None:
        raise _Refusal(
            _(
                "{step} runs more than a plain `a && b` chain of commands (pipes, `;`, a heredoc "
                "or the exec form): split the install into a RUN of its own first"
            ).format(step=_shown(run))
        )
    # The installs and clean-ups the chain starts with stay together, so that what is removed
    # is removed in the layer that made it; what follows may use the source.
    # A project step needs the source: it ends the head.
    count = next(
        (
            i
            for i, command in enumerate(chain)
            if not _is_install_or_cleanup(command, {DEPENDENCIES, TOOL})
        ),
        len(chain),
    )
    head, tail = chain[:count], chain[count:]
    if split_project and tail and install in installs_in(tail[0]):
        head.append(tail.pop(0))  # split below: its dependencies alone before the source
    at = next((i for i, command in enumerate(head) if install in installs_in(command)), None)
    if at is None:
        raise _Refusal(
            _(
                "{step} runs other commands before the install, which may need the source: "
                "split the install into a RUN of its own first"
            ).format(step=_shown(run))
        )
    if any(i.kind == DEPENDENCIES for command in tail for i in installs_in(command)):
        raise _Refusal(
            _(
                "{step} installs from manifests again after the source is needed: split it "
                "into RUNs of their own first"
            ).format(step=_shown(run))
        )
    if not tail and not split_project:
        return None, [], _WHOLE
    after: list[str] = []
    split = _WHOLE
    if split_project:
        head[at], after, split = _dependencies_alone(install, head[at])
    if tail:
        after.append(f"RUN {' && '.join(tail)}\n")
    after = [line.replace("RUN ", f"RUN {flags}", 1) for line in after]
    return [f"RUN {flags}{' && '.join(head)}\n"], after, split


def _reads_beyond_manifests(install: Install, manifests: list[str], context_dir: Path) -> str:
    """Why the install cannot come before the source, when it reads more than the manifests
    themselves, as their contents say: scripts npm runs as it installs, workspace members, a
    gemspec, composer's autoloader, uv's path sources, Maven's modules. "" when nothing."""

    def text(name: str) -> str:
        found = [m for m in manifests if os.path.basename(m).lower() == name]
        return (context_dir / found[0]).read_text(errors="replace") if found else ""

    command = install.command
    if install.program in ("npm", "pnpm", "yarn", "bun"):
        package = text("package.json")
        if re.search(r'"(preinstall|install|postinstall|prepare)"\s*:', package):
            return _(
                "`{command}` reads more than its manifests (package.json's install scripts), "
                "which would not be there before the source: copy what it needs first, by hand"
            ).format(command=command)
        if '"workspaces"' in package or text("pnpm-workspace.yaml"):
            return _(
                "`{command}` reads more than its manifests (its workspaces' own package.json "
                "files), which would not be there before the source: copy what it needs first, "
                "by hand"
            ).format(command=command)
        if re.search(r"\s(--prefix|-C|--cwd)[\s=]", command):
            return _(
                "`{command}` reads more than its manifests (a package.json in another folder), "
                "which would not be there before the source: copy what it needs first, by hand"
            ).format(command=command)
    if install.program == "bundle" and re.search(r"^\s*gemspec\b", text("gemfile"), re.M):
        return _(
            "`{command}` reads more than its manifests (the gemspec, which reads the gem's "
            "source), which would not be there before the source: copy what it needs first, by "
            "hand"
        ).format(command=command)
    if install.program == "composer" and not (
        "--no-scripts" in command and "--no-autoloader" in command
    ):
        return _(
            "`{command}` reads more than its manifests (its scripts and autoloader: install "
            "with --no-scripts --no-autoloader first, then run `composer dump-autoload` after "
            "the source), which would not be there before the source: copy what it needs "
            "first, by hand"
        ).format(command=command)
    if install.program == "uv" and re.search(
        r"\[tool\.uv\.(workspace|sources)\]", text("pyproject.toml")
    ):
        return _(
            "`{command}` reads more than its manifests (workspace members or path sources), "
            "which would not be there before the source: copy what it needs first, by hand"
        ).format(command=command)
    if install.program == "mvn" and "<modules>" in text("pom.xml"):
        return _(
            "`{command}` reads more than its manifests (its modules' own pom.xml files), which "
            "would not be there before the source: copy what it needs first, by hand"
        ).format(command=command)
    # The tool's manifests further down (core/pom.xml, packages/web/package.json): modules
    # or workspace members, which the install reads too.
    patterns = [p for p in _READS_BY_ITSELF.get(install.program, ()) if not p.endswith("/")]
    roots = {os.path.dirname(m) for m in manifests}
    for pattern in patterns[:1]:  # the main manifest: pom.xml, package.json, Cargo.toml...
        for depth in ("*/", "*/*/"):
            for found in context_dir.glob(depth + pattern):
                relative = found.relative_to(context_dir).as_posix()
                if os.path.dirname(relative) not in roots and "node_modules" not in relative:
                    return _(
                        "`{command}` reads more than its manifests ({manifest}, a module's or "
                        "workspace member's own manifest), which would not be there before the "
                        "source: copy what it needs first, by hand"
                    ).format(command=command, manifest=relative)
    return ""


def _names_local_paths(command: str) -> bool:
    words = shlex.split(command) if command.count('"') % 2 == 0 else command.split()
    values = {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
              "--extra-index-url", "-t", "--target", "--cache-dir"}  # fmt: skip
    operands = [
        word
        for index, word in enumerate(words)
        if index and not word.startswith("-") and words[index - 1] not in values
    ]
    return any(
        word.startswith((".", "/", "~")) or "[" in word or ("/" in word and "://" not in word)
        for word in operands
    )


def _installs_from_the_source(path: Path) -> bool:
    """A requirements file that installs from the source (`-e .`, `./vendor/x.whl`,
    `--find-links ./wheels`, `file:`) cannot be installed before it."""
    if not path.is_file():
        return False
    for line in path.read_text(errors="replace").splitlines():
        line = line.split(" #", 1)[0].strip()
        if re.match(r"(-e|--editable|-f|--find-links)[\s=]+[./~]|\.{1,2}/|file:|/", line):
            return True
    return False


def _flags_and_chain(run: Instruction) -> tuple[str, list[str] | None]:
    """RUN's own flags (`--mount=...`, with a space after), and the commands of a plain
    `a && b && c` command line, or None for anything else (pipes, `;`, heredocs, the exec
    form)."""
    match = re.match(r"^((?:\s*--\S+)+)\s+", run.value)
    flags = match.group(1).strip() + " " if match else ""
    body = run.value[match.end() :] if match else run.value
    if body.lstrip().startswith("[") or "<<" in body or re.search(r"\|\||[;|]|\n", body):
        return flags, None
    return flags, [part.strip() for part in body.split("&&") if part.strip()]


def _installs_project_too(install: Install) -> bool:
    """An install from the manifests that also installs the project, which needs the source."""
    command = install.command
    return bool(
        (re.search(r"\bpoetry\s+(install|sync)\b", command) and "--no-root" not in command)
        or (re.search(r"\buv\s+sync\b", command) and "--no-install-project" not in command)
        or (re.search(r"\bpdm\s+(install|sync)\b", command) and "--no-self" not in command)
    )


def _dependencies_alone(install: Install, command: str) -> tuple[str, list[str], _Split]:
    """The command to run before the source, the RUNs to add after it, and how it was split."""
    if re.search(r"\bpoetry\s+sync\b", command):
        raise _Refusal(
            _(
                "`{command}` (Poetry 2) installs the project with its dependencies: split it by "
                "hand into `poetry sync --no-root` before the source and `poetry install "
                "--only-root` after it"
            ).format(command=command)
        )
    if re.search(r"\bpoetry\s+install\b", command):
        # --only-root selects no group: with --sync it would uninstall every dependency.
        project = re.sub(r"\s--(only|with|without)[ =]\S+|\s--sync\b", "", command)
        return f"{command} --no-root", [f"RUN {project} --only-root\n"], (_NO_ROOT, "")
    if re.search(r"\buv\s+sync\b", command):
        return f"{command} --no-install-project", [f"RUN {command}\n"], (_NO_INSTALL_PROJECT, "")
    if re.search(r"\bpdm\s+(install|sync)\b", command):
        return f"{command} --no-self", [f"RUN {command}\n"], (_NO_SELF, "")
    key = install.ecosystem
    if key == "java" and re.search(r"\bmvnw?\b", command):
        key = "java-maven"
    if key in _SEPARATE_DEPENDENCY_STEP and install.kind == PROJECT:
        program = shlex.split(command)[0] if key == "java-maven" else ""
        fetch = _SEPARATE_DEPENDENCY_STEP[key].format(program=program)
        return fetch, [f"RUN {command}\n"], (_FETCH, fetch)
    why = _NO_SPLIT.get(install.ecosystem, _NO_SPLIT["default"])
    raise _Refusal(_(why).format(command=command))


# Marked here, translated where the refusal is made.
_NO_SPLIT = {
    "python": N_(
        "`{command}` installs the project and its dependencies in one step, and pip has no "
        "step for the dependencies alone: list them in requirements.txt (pip-tools or `uv "
        "export` can write it), install that before the source, and the project after it with "
        "`pip install --no-deps .`"
    ),
    "rust": N_(
        "`{command}` compiles the dependencies with the project: build them alone first with "
        "cargo-chef (`cargo chef prepare`, then `cargo chef cook`) or a placeholder main.rs"
    ),
    "java": N_(
        "`{command}` resolves the dependencies as it builds: fetch them first from the build "
        "files alone (copy the build files, then `gradle dependencies`), by hand"
    ),
    "default": N_(
        "`{command}` needs the source to install: install the dependencies alone from the "
        "manifests first, by hand"
    ),
}


def _manifests(
    source: Instruction,
    run: Instruction,
    install: Install,
    context_dir: Path,
    path: Path,
    instructions: tuple[Instruction, ...],
) -> list[str]:
    """The context's files (or folders) that the install reads and the source COPY brings,
    relative to the context: the files it names, and those it includes; else the files its
    tool reads by itself."""
    sends = context_filter(context_dir, path, "buildkit").sends
    found: list[str] = []
    for source_path in source.arguments[:-1]:
        root = os.path.normpath(source_path).lstrip("/")
        root = "" if root == "." else root
        if not (context_dir / root).is_dir():
            if (context_dir / root).is_file() and _reads(install, root):
                found.append(root)
            continue
        if install.reads:
            for read in install.reads:
                candidate = _read_in_context(read, root, source, run, instructions, context_dir)
                inside = candidate and (root == "" or candidate.startswith(root + "/"))
                if inside and sends(candidate):
                    found += [f for f in with_includes(candidate, context_dir) if f not in found]
            continue
        for entry in sorted((context_dir / root).iterdir()):
            relative = entry.relative_to(context_dir).as_posix()
            if _reads(install, relative, entry.is_dir()) and sends(relative) and _small(entry):
                found.append(relative)
    return found


def _reads(install: Install, relative: str, folder: bool = False) -> bool:
    name = os.path.basename(relative).lower() + ("/" if folder else "")
    if install.reads:
        return any(os.path.basename(read).lower() == name for read in install.reads)
    return any(
        fnmatch.fnmatch(name, pattern) for pattern in _READS_BY_ITSELF.get(install.program, ())
    )


def _small(entry: Path) -> bool:
    """A manifest folder (`requirements/`, `gradle/`) is copied whole; a huge one is not one."""
    if entry.is_file():
        return True
    return sum(1 for _path in entry.rglob("*")) <= 200


def _workdir(instructions, step: Instruction) -> str:
    """The working folder a step runs in: its stage's WORKDIRs before it, in turn."""
    folder = "/"
    for other in instructions:
        if other.stage == step.stage and other.line < step.line and other.keyword == "WORKDIR":
            folder = os.path.normpath(os.path.join(folder, other.value.strip().strip("\"'")))
    return folder


def _read_in_context(
    read: str, root: str, source: Instruction, run: Instruction, instructions, context_dir: Path
) -> str | None:
    """A file an install names (`-r requirements/prod.txt`, `-r /app/req.txt`), as the path in
    the context that the source COPY put there; None when it did not."""
    in_image = os.path.normpath(os.path.join(_workdir(instructions, run), read))
    destination = os.path.normpath(
        os.path.join(_workdir(instructions, source), source.arguments[-1])
    )
    if not (context_dir / root).is_dir():
        return None
    relative = os.path.relpath(in_image, destination)
    if relative.startswith(".."):
        return None
    candidate = Path(os.path.normpath(os.path.join(root, relative))).as_posix()
    return candidate if (context_dir / candidate).is_file() else None


def _copy_lines(
    source: Instruction, manifests: list[str], context_dir: Path, written: Instruction
) -> list[str]:
    """COPY instructions that put each manifest where the source COPY would have put it,
    written with its flags and destination as the Dockerfile writes them."""
    if not manifests:
        return []
    flags = " ".join(
        f"--{name}={value}" if value else f"--{name}" for name, value in written.flags.items()
    )
    roots = [os.path.normpath(s).lstrip("/") or "." for s in source.arguments[:-1]]
    destination = source.arguments[-1]
    by_folder: dict[str, list[str]] = {}
    for manifest in manifests:
        root = next(r for r in roots if r == "." or manifest == r or manifest.startswith(r + "/"))
        copies_a_folder = root == "." or (context_dir / root).is_dir()
        into_folder = destination.endswith("/") or len(roots) > 1 or copies_a_folder
        # A folder's contents land in the destination; a file named alone lands by its name.
        inside = manifest if root == "." else os.path.relpath(manifest, root)
        if not copies_a_folder:
            inside = os.path.basename(manifest)
        shown_destination = written.arguments[-1]
        base = shown_destination if into_folder else (os.path.dirname(shown_destination) or ".")
        if (context_dir / manifest).is_dir():
            # COPY puts a folder's contents where it is told: a folder needs a line naming
            # its own place (`COPY .mvn ./.mvn/`).
            target = os.path.join(base, inside).rstrip("/") + "/"
            by_folder.setdefault(target, []).append(manifest)
            continue
        parent = os.path.dirname(inside)
        target = (os.path.join(base, parent) if parent else base).rstrip("/") + "/"
        by_folder.setdefault(target, []).append(manifest)
    prefix = f"COPY {flags} " if flags else "COPY "
    lines = ["# The dependency manifests first: they change less often than the code.\n"]
    for target, files in by_folder.items():
        if any(" " in name for name in [*files, target]):
            lines.append(f"{prefix}{json.dumps([*files, target])}\n")  # spaces: the JSON form
        else:
            lines.append(f"{prefix}{' '.join(files)} {target}\n")
    return lines
