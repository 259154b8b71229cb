"""A Dockerfile advisor: the cache-order rule no linter has, and the size rules of this course.

Rules:
- `cache-order`: a COPY/ADD of files other than dependency manifests comes before a step
  that installs dependencies, so every change to those files reinstalls them.
- `pip-cache`: `pip install` without `--no-cache-dir` leaves pip's cache in the layer.
- `apt-lists`: `apt-get install` without removing /var/lib/apt/lists in the same RUN.
- `delete-later`: a RUN that only deletes: the bytes stay in the earlier layer.
- `missing-dockerignore`: `COPY .` with no .dockerignore beside the Dockerfile.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from ..results.advice import Advice, Finding
from ..results.errors import MissingFile
from .parsing import Instruction, parse_dockerfile

MANIFESTS = (
    "requirements*.txt",
    "requirements/*.txt",
    "constraints*.txt",
    "pyproject.toml",
    "poetry.lock",
    "pipfile",
    "pipfile.lock",
    "uv.lock",
    "pdm.lock",
    "setup.cfg",
    "setup.py",
    "environment.yml",
    "environment.yaml",
    "conda-lock.yml",
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    ".yarnrc.yml",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    ".npmrc",
    "go.mod",
    "go.sum",
    "cargo.toml",
    "cargo.lock",
    "gemfile",
    "gemfile.lock",
    "*.gemspec",
    "composer.json",
    "composer.lock",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "gradle.properties",
    "*.csproj",
    "packages.config",
    "mix.exs",
    "mix.lock",
    "pubspec.yaml",
    "pubspec.lock",
)

_INSTALLERS = re.compile(
    r"(\bpip3?\s+install\b|\bpython3?\s+-m\s+pip\s+install\b|\bpoetry\s+install\b"
    r"|\bpipenv\s+(install|sync)\b|\buv\s+(pip\s+install|sync)\b|\b(conda|mamba|micromamba)"
    r"\s+(install|env\s+(create|update))\b|\bnpm\s+(ci|install|i)\b|\byarn(\s+install)?\s*($|&&|;)"
    r"|\bpnpm\s+(install|i)\b|\bgo\s+mod\s+download\b|\bcargo\s+(fetch|build)\b"
    r"|\bbundle\s+install\b|\bgem\s+install\b|\bcomposer\s+install\b"
    r"|\bapt-get\s+install\b|\bapt\s+install\b|\bapk\s+add\b|\bdnf\s+install\b"
    r"|\byum\s+install\b|\bmvn\b.*\bdependency:|\bdotnet\s+restore\b)"
)
# Installing only the project itself, once its dependencies are in: the right last step.
_PROJECT_ONLY = re.compile(
    r"(--no-deps|--only-root|\bpoetry\s+install\b.*--only-root|\buv\s+sync\b.*--no-deps)"
)
_ONLY_DELETES = re.compile(
    r"^\s*((rm|rmdir)\s|apt-get\s+(purge|remove|autoremove|clean)|apt\s+(purge|remove)"
    r"|pip3?\s+uninstall|apk\s+del|yum\s+remove|dnf\s+remove)"
)


def is_manifest(source: str) -> bool:
    """Is this COPY source a dependency manifest (or a wildcard that only matches them)?"""
    name = os.path.basename(source.rstrip("/")).lower()
    tail = "/".join(source.lower().rstrip("/").split("/")[-2:])
    if not name or name in (".", "*"):
        return False
    for manifest in MANIFESTS:
        if fnmatch.fnmatch(name, manifest) or fnmatch.fnmatch(tail, manifest):
            return True
        # A wildcard source such as `package*.json` counts if it names a manifest.
        if any(c in name for c in "*?[") and fnmatch.fnmatch(manifest.replace("*", ""), name):
            return True
    return False


def installs_dependencies(instruction: Instruction) -> bool:
    """A RUN that installs dependencies, not merely the project itself after them."""
    return (
        instruction.keyword == "RUN"
        and bool(_INSTALLERS.search(instruction.value))
        and not _PROJECT_ONLY.search(instruction.value)
    )


def _commands(run: str) -> list[str]:
    return [part.strip() for part in re.split(r"&&|;|\|\|", run) if part.strip()]


def lint(dockerfile: str | os.PathLike[str]) -> Advice:
    """Findings for `dockerfile`, in line order. The build context is its folder."""
    path = Path(dockerfile)
    if not path.is_file():
        raise MissingFile(f"No Dockerfile at {path}. Pass the path of the Dockerfile to check.")
    instructions = parse_dockerfile(path.read_text())
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


def _cache_order(instructions) -> list[Finding]:
    findings = []
    by_stage: dict[int, list[Instruction]] = {}
    for instruction in instructions:
        by_stage.setdefault(instruction.stage, []).append(instruction)
    for steps in by_stage.values():
        for index, step in enumerate(steps):
            if step.keyword not in ("COPY", "ADD") or "from" in step.flags:
                continue
            sources = step.arguments[:-1]
            others = [source for source in sources if not is_manifest(source)]
            if not others:
                continue
            later_install = next((s for s in steps[index + 1 :] if installs_dependencies(s)), None)
            if later_install is None:
                continue
            findings.append(
                Finding(
                    "cache-order",
                    step.line,
                    f"`{step.keyword} {' '.join(others)}` comes before the dependency install on "
                    f"line {later_install.line}: any change to those files reinstalls every "
                    "dependency.",
                    "Copy only the dependency manifests (requirements.txt, pyproject.toml and its "
                    "lock file, package.json and its lock file...) first, install, then copy the "
                    "rest last.",
                )
            )
            break  # the first such COPY is the one to move; later ones follow from it
    return findings


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
