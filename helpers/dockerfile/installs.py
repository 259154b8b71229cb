"""What a RUN installs, read from its commands: dependencies from manifests, the project
itself, or tools named on the command line; and which files each install reads.

`READERS` maps a program to a function that reads one of its command lines; a program it
does not list installs nothing the advisor judges.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

DEPENDENCIES, PROJECT, TOOL = "dependencies", "project", "tool"


@dataclass(frozen=True)
class Install:
    kind: str
    """DEPENDENCIES (from manifests), PROJECT (the project itself, which needs its source and
    fetches its dependencies unless they are already in) or TOOL (packages named on the line)."""
    ecosystem: str
    command: str
    reads: tuple[str, ...] = ()
    """Files the command names as what to install from (`-r req.txt`, `-f env.yml`)."""
    fetches_dependencies: bool = True
    """False for a project step that installs nothing else (`pip install --no-deps .`)."""
    starts_afresh: bool = False
    """True for an install that throws away what an earlier one installed (`npm ci` empties
    node_modules), so running it again after the source is never only the project."""
    program: str = ""
    """The program that installs (`pip`, `uv`, `npm`, `mvn`...), as READERS names it."""
    included: tuple[str, ...] = field(default=(), compare=False)
    """Files those it reads include (`-r base.txt` inside req.txt), paths in the build context:
    found only with the context at hand, so no part of what the install is."""


@dataclass(frozen=True)
class _Command:
    program: str
    args: list[str]
    text: str

    @property
    def verb(self) -> str:
        return next((arg for arg in self.args if not arg.startswith("-")), "")

    def starts(self, *words: str) -> bool:
        operands = [arg for arg in self.args if not arg.startswith("-")]
        return operands[: len(words)] == list(words)

    def operands(self, after: str, valued: frozenset[str] = frozenset()) -> list[str]:
        """Words after `after` that are neither options nor an option's value."""
        tail = self.args[self.args.index(after) + 1 :] if after in self.args else []
        return [
            arg
            for index, arg in enumerate(tail)
            if not arg.startswith("-") and not (index and tail[index - 1] in valued)
        ]

    def values(self, *options: str) -> list[str]:
        """What follows each of `options`: `-r file`, `--file=x`, and pip's `-rfile`."""
        found = []
        for index, arg in enumerate(self.args):
            for option in options:
                if arg == option and index + 1 < len(self.args):
                    found.append(self.args[index + 1])
                elif arg.startswith(option + "="):
                    found.append(arg[len(option) + 1 :])
                elif len(option) == 2 and arg.startswith(option) and len(arg) > 2:
                    found.append(arg[2:])
        return found


def installs_in(run: str) -> tuple[Install, ...]:
    """Every install in a RUN's command line, in order."""
    found = []
    for text in commands(run):
        command = _command(text)
        reader = READERS.get(command.program) if command else None
        install = reader(command) if reader and command else None
        if install is not None and command is not None:
            found.append(dataclasses.replace(install, program=command.program))
    return tuple(found)


def commands(run: str) -> list[str]:
    """The shell commands of a RUN, without RUN's own flags; the exec form `["pip", ...]` is
    one command."""
    text = re.sub(r"^(\s*--\S+)+", "", run).strip()
    if text.startswith("["):
        try:
            return [shlex.join(str(word) for word in json.loads(text))]
        except (ValueError, TypeError):
            pass
    return [part.strip() for part in re.split(r"&&|\|\||;|\||\n", text) if part.strip()]


# Run the command that follows them.
_PREFIXES = {"sudo", "env", "time", "exec", "nice", "command"}
_ALIASES = {"pip-sync": "pip-sync", "mvnw": "mvn", "gradlew": "gradle", "rscript": "r",
            "bundler": "bundle", "mamba": "conda", "micromamba": "conda"}  # fmt: skip


def _command(text: str) -> _Command | None:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    while words and (re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]) or words[0] in _PREFIXES):
        words = words[1:]
    if not words:
        return None
    name, args = os.path.basename(words[0]).lower(), words[1:]
    if re.fullmatch(r"python[0-9.]*", name) and len(args) >= 2 and args[0] == "-m":
        name, args = args[1], args[2:]
    if re.fullmatch(r"pip[0-9.]*", name):
        name = "pip"
    elif re.fullmatch(r"python[0-9.]*", name):
        name = "python"
    return _Command(_ALIASES.get(name, name), args, text)


def _looks_local(operand: str) -> bool:
    """A path or an archive on disk, not a package's name: what the source brought in."""
    if "://" in operand:
        return False
    return (
        operand.startswith((".", "/", "$", "~"))
        or "/" in operand
        or operand.endswith((".whl", ".tar.gz", ".zip", ".deb", ".rpm", ".apk", ".tgz"))
    )


# Options of pip install that take a value: their value is not a package to install.
_PIP_VALUED = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--python", "-e",
    "--editable", "--trusted-host", "--cache-dir", "--platform", "--python-version",
    "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--timeout",
    "--retries", "--log", "--cert", "--client-cert", "--only-binary", "--no-binary",
    "--config-settings", "-C", "--global-option", "--install-option", "--report", "-w",
    "--wheel-dir", "-d", "--dest",
})  # fmt: skip


def _pip_line(command: _Command, args: list[str]) -> Install | None:
    """`pip install`, `pip wheel` and `pip download`, whose arguments are `args`."""
    line = _Command("pip", args, command.text)
    reads = tuple(line.values("-r", "--requirement", "-c", "--constraint"))
    operands, skip = [], False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in ("-e", "--editable") and index + 1 < len(args):
            operands.append(args[index + 1])
            skip = True
        elif arg in _PIP_VALUED:
            skip = True
        elif not arg.startswith("-"):
            operands.append(arg)
    local = [operand for operand in operands if _looks_local(operand)]
    no_deps = "--no-deps" in args
    if line.values("-r", "--requirement"):
        return Install(DEPENDENCIES, "python", command.text, reads)
    if any("[" in operand for operand in local) and not no_deps:
        # Extras (`.[dev]`) are dependencies the manifests' install did not cover; they are
        # declared in the project's metadata, the file to copy first.
        return Install(DEPENDENCIES, "python", command.text, (*reads, "pyproject.toml"))
    if local:
        return Install(PROJECT, "python", command.text, reads, fetches_dependencies=not no_deps)
    return Install(TOOL, "python", command.text, reads)


def _pip(command: _Command) -> Install | None:
    verb = command.verb
    if verb in ("install", "wheel", "download"):
        return _pip_line(command, command.args[command.args.index(verb) + 1 :])
    return None


def _uv(command: _Command) -> Install | None:
    if command.starts("pip", "install"):
        return _pip_line(command, command.args[command.args.index("install") + 1 :])
    if command.starts("pip", "sync"):
        return Install(DEPENDENCIES, "python", command.text, tuple(command.operands("sync")))
    if command.verb == "sync":
        return Install(DEPENDENCIES, "python", command.text)
    if command.starts("tool", "install"):
        return Install(TOOL, "python", command.text)
    return None


def _pip_sync(command: _Command) -> Install:
    files = [arg for arg in command.args if not arg.startswith("-")]
    return Install(DEPENDENCIES, "python", command.text, tuple(files))


def _poetry_or_pdm(command: _Command) -> Install | None:
    if command.verb not in ("install", "sync"):
        return None
    if "--only-root" in command.args:
        return Install(PROJECT, "python", command.text, fetches_dependencies=False)
    return Install(DEPENDENCIES, "python", command.text)


def _pipenv(command: _Command) -> Install | None:
    if command.verb not in ("install", "sync"):
        return None
    named = command.operands(command.verb)
    return Install(TOOL if named else DEPENDENCIES, "python", command.text)


def _conda(command: _Command) -> Install | None:
    files = command.values("-f", "--file")
    if files:
        return Install(DEPENDENCIES, "python", command.text, tuple(files))
    if command.verb in ("install", "create"):
        return Install(TOOL, "python", command.text)
    return None


def _python(command: _Command) -> Install | None:
    if "setup.py" in command.args and ({"install", "develop"} & set(command.args)):
        return Install(PROJECT, "python", command.text)
    return None


def _node(command: _Command) -> Install | None:
    verb = command.verb
    if verb not in ("ci", "install", "i", "add", "fetch"):
        return None
    named = command.operands(verb, frozenset({"--prefix", "--cache", "--registry", "-C"}))
    if named and all(_looks_local(name) for name in named):
        return Install(PROJECT, "node", command.text, fetches_dependencies=False)
    if verb == "add" or named or "-g" in command.args or "--global" in command.args:
        return Install(TOOL, "node", command.text)
    return Install(DEPENDENCIES, "node", command.text, starts_afresh=verb == "ci")


def _yarn(command: _Command) -> Install | None:
    if command.verb in ("", "install") or command.starts("workspaces", "focus"):
        return Install(DEPENDENCIES, "node", command.text)
    if command.verb in ("add", "global"):
        return Install(TOOL, "node", command.text)
    return None


def _go(command: _Command) -> Install | None:
    if command.starts("mod", "download") or command.verb == "get":
        return Install(DEPENDENCIES, "go", command.text)
    if command.verb == "install" and any("@" in arg for arg in command.args):
        return Install(TOOL, "go", command.text)
    if command.verb in ("build", "install"):
        # Vendored modules are in the source already: the build downloads nothing.
        vendored = "-mod=vendor" in command.text
        return Install(PROJECT, "go", command.text, fetches_dependencies=not vendored)
    return None


def _cargo(command: _Command) -> Install | None:
    if command.verb == "fetch" or command.starts("chef", "cook"):
        return Install(DEPENDENCIES, "rust", command.text, tuple(command.values("--recipe-path")))
    if command.verb == "install":
        local = bool(command.values("--path"))
        return Install(PROJECT if local else TOOL, "rust", command.text)
    if command.verb in ("build", "test"):
        return Install(PROJECT, "rust", command.text)
    return None


_MAVEN_BUILDS = {"package", "install", "verify", "compile", "test", "deploy"}


def _maven(command: _Command) -> Install | None:
    goals = [arg for arg in command.args if not arg.startswith("-")]
    if goals and all(goal.startswith("dependency:") for goal in goals):
        return Install(DEPENDENCIES, "java", command.text)
    if any(goal in _MAVEN_BUILDS or goal.startswith("spring-boot:") for goal in goals):
        return Install(PROJECT, "java", command.text)
    return None


_GRADLE_BUILDS = {"build", "assemble", "bootjar", "jar", "installdist", "shadowjar", "compilejava"}
_GRADLE_DEPENDENCY_TASKS = {"dependencies", "downloaddependencies", "resolvedependencies"}


def _gradle(command: _Command) -> Install | None:
    tasks = {arg.split(":")[-1].lower() for arg in command.args if not arg.startswith("-")}
    if tasks & _GRADLE_DEPENDENCY_TASKS or "--dry-run" in command.args or "-m" in command.args:
        return Install(DEPENDENCIES, "java", command.text)
    if tasks & _GRADLE_BUILDS:
        return Install(PROJECT, "java", command.text)
    return None


def _vcpkg(command: _Command) -> Install | None:
    if command.verb != "install":
        return None
    named = command.operands("install", frozenset({"--triplet", "--x-install-root"}))
    return Install(TOOL if named else DEPENDENCIES, "cpp", command.text)


def _r(command: _Command) -> Install | None:
    if re.search(r"renv::(restore|install)|pak::", command.text):
        return Install(DEPENDENCIES, "r", command.text)
    if "install.packages" in command.text:
        return Install(TOOL, "r", command.text)
    return None


def _haskell(command: _Command) -> Install | None:
    if "--only-dependencies" in command.args or command.verb == "update":
        return Install(DEPENDENCIES, "haskell", command.text)
    if command.verb in ("build", "install"):
        return Install(PROJECT, "haskell", command.text)
    return None


def _by_verb(ecosystem: str, kinds: dict[str, str]) -> Callable[[_Command], Install | None]:
    """A reader for a program whose verb alone says what it installs (`bundle install`,
    `dotnet restore`); "" stands for the program run with no verb."""

    def read(command: _Command) -> Install | None:
        kind = kinds.get(command.verb)
        return Install(kind, ecosystem, command.text) if kind else None

    return read


def _system(verb: str) -> Callable[[_Command], Install | None]:
    def read(command: _Command) -> Install | None:
        if command.verb != verb:
            return None
        named = command.operands(verb)
        if named and all(_looks_local(name) for name in named):
            # A package file the source brought in: it can only come after the copy.
            return Install(PROJECT, "system", command.text, fetches_dependencies=False)
        return Install(TOOL, "system", command.text)

    return read


READERS: dict[str, Callable[[_Command], Install | None]] = {
    "pip": _pip, "uv": _uv, "pip-sync": _pip_sync, "poetry": _poetry_or_pdm,
    "pdm": _poetry_or_pdm, "pipenv": _pipenv, "conda": _conda, "python": _python,
    "npm": _node, "pnpm": _node, "bun": _node, "yarn": _yarn, "go": _go, "cargo": _cargo,
    "mvn": _maven, "gradle": _gradle, "vcpkg": _vcpkg, "r": _r, "stack": _haskell,
    "cabal": _haskell,
    "bundle": _by_verb("ruby", {"": DEPENDENCIES, "install": DEPENDENCIES}),
    "gem": _by_verb("ruby", {"install": TOOL}),
    "composer": _by_verb("php", {"install": DEPENDENCIES, "update": DEPENDENCIES,
                                 "require": TOOL}),
    "dotnet": _by_verb("dotnet", {"restore": DEPENDENCIES, "build": PROJECT,
                                  "publish": PROJECT, "test": PROJECT}),
    "mix": _by_verb("elixir", {"local.hex": TOOL, "local.rebar": TOOL, "archive.install": TOOL,
                               "deps.get": DEPENDENCIES, "compile": PROJECT, "release": PROJECT}),
    "deno": _by_verb("deno", {"cache": DEPENDENCIES, "install": DEPENDENCIES}),
    "conan": _by_verb("cpp", {"install": DEPENDENCIES}),
    "apt-get": _system("install"), "apt": _system("install"), "dnf": _system("install"),
    "yum": _system("install"), "microdnf": _system("install"), "zypper": _system("install"),
    "apk": _system("add"),
}  # fmt: skip
