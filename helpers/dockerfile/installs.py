"""What a RUN installs, read from its shell commands: dependencies from manifests, the project
itself, or tools named on the command line, and which files each install reads.

The advisor's `cache-order` rule is built on this: a file is a dependency manifest because an
install reads it (`pip install -r req.txt` makes `req.txt` one, whatever its name), or because
the installing tool reads it by convention (`npm ci` reads package.json and its lock file).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
from dataclasses import dataclass

DEPENDENCIES, PROJECT, TOOL = "dependencies", "project", "tool"

# The files each ecosystem's tools read by convention, lower case; a trailing "/" is a folder.
CONVENTIONAL = {
    "python": (
        "requirements*.txt", "requirements*.in", "constraints*.txt", "requirements/",
        "pyproject.toml", "setup.py", "setup.cfg", "poetry.lock", "poetry.toml", "uv.lock",
        "uv.toml", ".python-version", "pdm.lock", "pipfile", "pipfile.lock",
        "environment.yml", "environment.yaml", "conda-lock.yml",
    ),
    "node": (
        "package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc", "yarn.lock",
        ".yarnrc", ".yarnrc.yml", ".yarn/", "pnpm-lock.yaml", "pnpm-workspace.yaml",
        "bun.lockb", "bun.lock", ".pnp.cjs",
    ),
    "go": ("go.mod", "go.sum", "go.work", "go.work.sum"),
    "rust": ("cargo.toml", "cargo.lock", "recipe.json", "rust-toolchain", "rust-toolchain.toml",
             ".cargo/"),
    "ruby": ("gemfile", "gemfile.lock", "*.gemspec", ".ruby-version", ".bundle/"),
    "php": ("composer.json", "composer.lock", "auth.json"),
    "java": (
        "pom.xml", ".mvn/", "mvnw", "build.gradle", "build.gradle.kts", "settings.gradle",
        "settings.gradle.kts", "gradle.properties", "gradle/", "gradlew", "libs.versions.toml",
        "buildsrc/",
    ),
    "dotnet": (
        "*.csproj", "*.fsproj", "*.vbproj", "*.sln", "nuget.config", "global.json",
        "directory.build.props", "directory.packages.props", "packages.config",
    ),
    "elixir": ("mix.exs", "mix.lock"),
    "deno": ("deno.json", "deno.jsonc", "deno.lock", "import_map.json"),
    "cpp": ("vcpkg.json", "vcpkg-configuration.json", "conanfile.txt", "conanfile.py",
            "conan.lock"),
    "r": ("renv.lock", ".rprofile", "renv/", "description"),
    "haskell": ("stack.yaml", "stack.yaml.lock", "package.yaml", "*.cabal", "cabal.project",
                "cabal.project.freeze"),
}  # fmt: skip
# Extensions only manifests carry: `COPY *.csproj ./` copies manifests, `COPY *.py ./` source.
_MANIFEST_EXTENSIONS = (".csproj", ".fsproj", ".vbproj", ".sln", ".gemspec", ".lock")


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


def installs_in(run: str) -> tuple[Install, ...]:
    """Every install in a RUN's command line, in order."""
    found = []
    for command in _commands(run):
        words = _words(command)
        install = _classify(words, command) if words else None
        if install is not None:
            found.append(install)
    return tuple(found)


def _commands(run: str) -> list[str]:
    # Flags of RUN itself (--mount, --network) are not part of the shell command.
    text = re.sub(r"^(\s*--\S+)+", "", run)
    return [part.strip() for part in re.split(r"&&|\|\||;|\||\n", text) if part.strip()]


def _words(command: str) -> list[str]:
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    # Leading variable assignments, sudo, env and time run the command that follows them.
    while words and (re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]) or words[0] in _PREFIXES):
        words = words[1:]
    return words


_PREFIXES = {"sudo", "env", "time", "exec", "nice", "command"}


def _program(words: list[str]) -> tuple[str, list[str]]:
    """The program's name without its folder, and its arguments; `python -m pip` is pip."""
    name = os.path.basename(words[0])
    rest = words[1:]
    if name in ("Rscript", "R"):
        return name.lower(), rest
    if re.fullmatch(r"python[0-9.]*", name) and len(rest) >= 2 and rest[0] == "-m":
        return rest[1], rest[2:]
    return name, rest


def _classify(words: list[str], command: str) -> Install | None:
    name, args = _program(words)
    verb = next((arg for arg in args if not arg.startswith("-")), "")
    if re.fullmatch(r"pip[0-9.]*", name) and verb == "install":
        return _pip(args[args.index("install") + 1 :], command)
    if name == "uv" and args[:2] == ["pip", "install"]:
        return _pip(args[2:], command)
    if name in ("pip-sync",) or (name == "uv" and args[:2] == ["pip", "sync"]):
        files = [a for a in args if not a.startswith("-") and a not in ("pip", "sync")]
        return Install(DEPENDENCIES, "python", command, tuple(files))
    if name == "uv" and verb == "sync":
        return Install(DEPENDENCIES, "python", command)
    if name in ("poetry", "pdm") and verb in ("install", "sync"):
        if "--only-root" in args:
            return Install(PROJECT, "python", command, fetches_dependencies=False)
        return Install(DEPENDENCIES, "python", command)
    if name == "pipenv" and verb in ("install", "sync"):
        named = _operands(args, after=verb)
        return Install(TOOL if named else DEPENDENCIES, "python", command)
    if name in ("conda", "mamba", "micromamba"):
        files = _option_values(args, ("-f", "--file"))
        if files:
            return Install(DEPENDENCIES, "python", command, tuple(files))
        if verb in ("install", "create"):
            return Install(TOOL, "python", command)
        return None
    if name == "python" or re.fullmatch(r"python[0-9.]*", name):
        if "setup.py" in args and ("install" in args or "develop" in args):
            return Install(PROJECT, "python", command)
        return None
    if name in ("npm", "pnpm", "bun") and verb in ("ci", "install", "i", "add", "fetch"):
        named = _operands(args, after=verb)
        if verb == "add" or named or "-g" in args or "--global" in args:
            return Install(TOOL, "node", command)
        return Install(DEPENDENCIES, "node", command)
    if name == "yarn":
        if verb in ("", "install") or args[:2] == ["workspaces", "focus"]:
            return Install(DEPENDENCIES, "node", command)
        if verb in ("add", "global"):
            return Install(TOOL, "node", command)
        return None
    if name == "go":
        if args[:2] == ["mod", "download"] or verb == "get":
            return Install(DEPENDENCIES, "go", command)
        if verb == "install" and any("@" in arg for arg in args):
            return Install(TOOL, "go", command)
        if verb in ("build", "install"):
            # Vendored modules are in the source already: the build downloads nothing.
            vendored = "-mod=vendor" in args or "-mod=vendor" in command
            return Install(PROJECT, "go", command, fetches_dependencies=not vendored)
        return None
    if name == "cargo":
        if verb == "fetch" or args[:2] == ["chef", "cook"]:
            files = _option_values(args, ("--recipe-path",))
            return Install(DEPENDENCIES, "rust", command, tuple(files))
        if verb == "install":
            local = "--path" in args or any(a.startswith("--path=") for a in args)
            return Install(PROJECT if local else TOOL, "rust", command)
        if verb in ("build", "test"):
            return Install(PROJECT, "rust", command)
        return None
    if name in ("bundle", "bundler") and verb in ("", "install"):
        return Install(DEPENDENCIES, "ruby", command)
    if name == "gem" and verb == "install":
        return Install(TOOL, "ruby", command)
    if name == "composer":
        if verb in ("install", "update"):
            return Install(DEPENDENCIES, "php", command)
        if verb == "require":
            return Install(TOOL, "php", command)
        return None
    if name in ("mvn", "mvnw"):
        goals = [arg for arg in args if not arg.startswith("-")]
        if goals and all(goal.startswith("dependency:") for goal in goals):
            return Install(DEPENDENCIES, "java", command)
        if any(goal in _MAVEN_BUILDS or goal.startswith("spring-boot:") for goal in goals):
            return Install(PROJECT, "java", command)
        return None
    if name in ("gradle", "gradlew"):
        tasks = {arg.split(":")[-1].lower() for arg in args if not arg.startswith("-")}
        if tasks & _GRADLE_DEPENDENCY_TASKS or ("--dry-run" in args or "-m" in args):
            return Install(DEPENDENCIES, "java", command)
        if tasks & _GRADLE_BUILDS:
            return Install(PROJECT, "java", command)
        return None
    if name == "dotnet":
        if verb == "restore":
            return Install(DEPENDENCIES, "dotnet", command)
        if verb in ("build", "publish", "test"):
            return Install(PROJECT, "dotnet", command)
        return None
    if name == "mix":
        if verb in ("local.hex", "local.rebar", "archive.install"):
            return Install(TOOL, "elixir", command)
        if verb == "deps.get":
            return Install(DEPENDENCIES, "elixir", command)
        if verb in ("compile", "release"):
            return Install(PROJECT, "elixir", command)
        return None
    if name == "deno" and verb in ("cache", "install"):
        return Install(DEPENDENCIES, "deno", command)
    if name == "vcpkg" and verb == "install":
        named = _operands(args, after=verb, valued={"--triplet", "--x-install-root"})
        return Install(TOOL if named else DEPENDENCIES, "cpp", command)
    if name == "conan" and verb == "install":
        return Install(DEPENDENCIES, "cpp", command)
    if name in ("rscript", "r") and re.search(r"renv::(restore|install)|pak::", command):
        return Install(DEPENDENCIES, "r", command)
    if name in ("rscript", "r") and "install.packages" in command:
        return Install(TOOL, "r", command)
    if name in ("stack", "cabal"):
        if "--only-dependencies" in args or verb in ("update",):
            return Install(DEPENDENCIES, "haskell", command)
        if verb in ("build", "install"):
            return Install(PROJECT, "haskell", command)
        return None
    if (name in ("apt-get", "apt", "dnf", "yum", "microdnf", "zypper") and verb == "install") or (
        name == "apk" and verb == "add"
    ):
        return Install(TOOL, "system", command)
    return None


_MAVEN_BUILDS = {"package", "install", "verify", "compile", "test", "deploy"}
_GRADLE_BUILDS = {"build", "assemble", "bootjar", "jar", "installdist", "shadowjar", "compilejava"}
_GRADLE_DEPENDENCY_TASKS = {"dependencies", "downloaddependencies", "resolvedependencies"}


def _option_values(args: list[str], options: tuple[str, ...]) -> list[str]:
    values = []
    for index, arg in enumerate(args):
        for option in options:
            if arg == option and index + 1 < len(args):
                values.append(args[index + 1])
            elif arg.startswith(option + "="):
                values.append(arg[len(option) + 1 :])
            elif len(option) == 2 and arg.startswith(option) and len(arg) > 2:
                values.append(arg[2:])  # -rfile, as pip takes it
    return values


# Options of pip install that take a value: their value is not a package to install.
_PIP_VALUED = {
    "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--python", "-e",
    "--editable", "--trusted-host", "--cache-dir", "--platform", "--python-version",
    "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--timeout",
    "--retries", "--log", "--cert", "--client-cert", "--only-binary", "--no-binary",
    "--config-settings", "-C", "--global-option", "--install-option", "--report",
}  # fmt: skip


def _pip(args: list[str], command: str) -> Install:
    reads = tuple(_option_values(args, ("-r", "--requirement", "-c", "--constraint")))
    requirement_files = _option_values(args, ("-r", "--requirement"))
    operands, skip = [], False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in ("-e", "--editable") and index + 1 < len(args):
            operands.append(args[index + 1])
            skip = True
        elif arg in _PIP_VALUED:
            skip = True
        elif not arg.startswith("-"):
            operands.append(arg)
    local = [op for op in operands if op.startswith((".", "/", "$")) or op.endswith(".whl")]
    no_deps = "--no-deps" in args
    # Extras (`.[dev]`) name dependencies an earlier install from the manifests did not cover.
    extras = any("[" in op for op in local)
    if requirement_files:
        return Install(DEPENDENCIES, "python", command, reads)
    if extras and not no_deps:
        # The extras are declared in the project's metadata, so that is the file to copy first.
        return Install(DEPENDENCIES, "python", command, (*reads, "pyproject.toml"))
    if local:
        return Install(PROJECT, "python", command, reads, fetches_dependencies=not no_deps)
    return Install(TOOL, "python", command, reads)


def _operands(args: list[str], after: str, valued: set[str] = frozenset()) -> list[str]:
    """Words after the verb that are neither options nor their values: packages named on the
    line."""
    tail = args[args.index(after) + 1 :] if after in args else []
    return [
        arg
        for index, arg in enumerate(tail)
        if not arg.startswith("-") and not (index and tail[index - 1] in valued)
    ]


def is_manifest(source: str, installs: tuple[Install, ...], destination: str = "") -> bool:
    """Is this COPY source (or bind mount source) a manifest of one of `installs`: a file one
    of them reads (under its own name, or under the name `destination` gives it), a folder
    holding one, or a file its tools read by convention?"""
    cleaned = source.replace("\\", "/").rstrip("/")
    name = os.path.basename(cleaned).lower()
    if not name or name in (".", "*", ".."):
        return False
    renamed = os.path.basename(destination.rstrip("/")).lower() if destination else ""
    if (
        renamed
        and not destination.endswith("/")
        and renamed not in (".", "")
        and any(
            os.path.basename(read.replace("\\", "/")).lower() == renamed
            for install in installs
            for read in install.reads
        )
    ):
        return True
    for install in installs:
        for read in install.reads:
            parts = [part.lower() for part in read.replace("\\", "/").split("/") if part]
            if parts and name == parts[-1]:
                return True
            # A folder above the file read counts only when it is a folder of manifests by its
            # name (`requirements/`): `src/` holding a requirements file holds the source too.
            if name in parts[:-1] and re.search(r"req|dep|lock", name):
                return True
            if _is_wildcard(name) and parts and fnmatch.fnmatch(parts[-1], name):
                return True
    conventional = {
        pattern
        for install in installs
        if install.ecosystem in CONVENTIONAL
        for pattern in CONVENTIONAL[install.ecosystem]
    }
    folders = [part.lower() for part in cleaned.split("/")[:-1] if part not in ("", ".")]
    for pattern in conventional:
        bare = pattern.rstrip("/")
        if fnmatch.fnmatch(name, bare):
            return True
        if pattern.endswith("/") and bare in folders:
            return True  # inside a folder of manifests: `.yarn/releases/`
        if _is_wildcard(name) and _wildcard_names_manifest(name, bare):
            return True
    return False


def _is_wildcard(name: str) -> bool:
    return any(char in name for char in "*?[")


def _wildcard_names_manifest(wildcard: str, manifest: str) -> bool:
    """`package*.json` names package.json; `*.py` names setup.py too, but copies all source."""
    literal = re.sub(r"[*?]|\[[^\]]*\]", "", wildcard)
    if literal.startswith(".") and not literal.endswith(_MANIFEST_EXTENSIONS):
        return False  # an extension alone: `*.py`, `*.txt`, `*.json` copy much besides
    example = manifest.replace("*", "x")
    return fnmatch.fnmatch(example, wildcard)
