"""Which files are dependency manifests: the ones an install reads, whatever they are called.

A file is a manifest because an install reads it (`pip install -r req.txt` makes `req.txt`
one), or because the installing tool reads it by convention (`npm ci` reads package.json and
its lock file). Everything else brought in from the build context is source.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from .installs import Install

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
            for read in (*install.reads, *install.included)
        )
    ):
        return True
    for install in installs:
        for read in (*install.reads, *install.included):
            parts = [part.lower() for part in read.replace("\\", "/").split("/") if part]
            if parts and name == parts[-1]:
                return True
            # A folder above the file read counts only when it is a folder of manifests by its
            # name (`requirements/`): `src/` holding a requirements file holds the source too.
            if name in parts[:-1] and re.search(r"req|dep|lock", name):
                return True
            if _is_wildcard(name) and parts and fnmatch.fnmatch(parts[-1], name):
                return True
            # Beside the file read, in a folder of its own, with its extension: the files it
            # includes (`-r base.txt` in requirements/prod.txt).
            folder = [part.lower() for part in cleaned.split("/")[:-1] if part not in ("", ".")]
            if (
                folder
                and len(parts) > 1
                and folder[-1] == parts[-2]
                and os.path.splitext(name)[1] == os.path.splitext(parts[-1])[1]
            ):
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


def named_like_a_manifest(path: str) -> bool:
    """Whether a file is called as some tool's manifest is (for picking a source file to
    change, not for judging an install: that is `is_manifest`)."""
    name = os.path.basename(path).lower()
    return any(
        fnmatch.fnmatch(name, pattern.rstrip("/"))
        for patterns in CONVENTIONAL.values()
        for pattern in patterns
    )


def with_includes(requirements: str, context_dir: Path) -> list[str]:
    """A requirements file and those it names (`-r base.txt`, `-c constraints.txt`), as pip
    reads them, relative to the context."""
    found, waiting = [], [requirements]
    while waiting:
        current = waiting.pop()
        if current in found or not (context_dir / current).is_file():
            continue
        found.append(current)
        for line in (context_dir / current).read_text(errors="replace").splitlines():
            match = re.match(r"\s*(-r|-c|--requirement|--constraint)[\s=]+(\S+)", line)
            if match:
                included = os.path.normpath(os.path.join(os.path.dirname(current), match[2]))
                waiting.append(Path(included).as_posix())
    return found


def file_in_context(read: str, context_dir: Path) -> str | None:
    """The context's file that an install reads at `read` (its path in the image, absolute
    or from the working folder): the longest tail of that path naming a file of the context,
    relative to it. Where the COPY put it is not followed; the tail is what projects keep."""
    parts = [part for part in read.replace("\\", "/").split("/") if part not in ("", ".")]
    for start in range(len(parts)):
        candidate = "/".join(parts[start:])
        if ".." not in parts[start:] and (context_dir / candidate).is_file():
            return candidate
    return None
