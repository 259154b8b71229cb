"""A Dockerfile advisor: the cache-order rule no linter has, and the size rules of this course.

Rules:
- `cache-order`: source (anything but the dependency manifests an install reads) comes into a
  stage before a step that installs dependencies, so every change to it reinstalls them; or
  a tool is installed after the source came in (in the stage, or the stage it starts FROM).
  The two-step installs (dependencies from the manifests, then the project after the source:
  uv, Poetry, pip --no-deps, cargo-chef, go mod download) stay quiet. See cache_order.py.
- `pip-cache`: `pip install` without `--no-cache-dir` leaves pip's cache in the layer (and
  `uv pip install` or `uv sync` without `--no-cache`, uv's).
- `apt-lists`: `apt-get install` without removing /var/lib/apt/lists in the same RUN.
- `delete-later`: a RUN that only deletes: the bytes stay in the earlier layer.
- `missing-dockerignore`: `COPY .` with no .dockerignore beside the Dockerfile.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_, _
from ..results.advice import Advice, Finding
from .cache_order import cache_order
from .installs import commands
from .reading import read_dockerfile

_ONLY_DELETES = re.compile(
    r"^\s*((rm|rmdir)\s|apt-get\s+(purge|remove|autoremove|clean)|apt\s+(purge|remove)"
    r"|pip3?\s+uninstall|apk\s+del|yum\s+remove|dnf\s+remove)"
)


def lint(dockerfile: str | os.PathLike[str]) -> Advice:
    """Findings for `dockerfile`, in line order. The build context is its folder."""
    path = Path(dockerfile)
    instructions = read_dockerfile(path)
    findings = [*cache_order(instructions, path.parent), *_size_rules(instructions)]
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
                _(
                    "COPY . sends and copies the whole folder (.git, virtual environments, data, "
                    ".env) and any change in it re-runs the COPY; there is no .dockerignore."
                ),
                _(
                    "Add a .dockerignore listing what the image does not need: .git, .venv, "
                    "data folders, .env, docs."
                ),
            )
        )
    ordered = sorted(findings, key=lambda finding: (finding.line, finding.rule))
    return Advice(str(dockerfile), tuple(ordered))


@dataclass(frozen=True)
class _InstallerCache:
    """An installer that keeps what it downloads in the layer, and how to turn that off."""

    command: re.Pattern[str]
    turned_off: re.Pattern[str]
    """The ENV that turns the cache off for the whole stage."""
    flag: str
    message: str
    """Marked with N_, translated where the finding is made."""
    fix: str


# uv first: `uv pip install` is uv's, not pip's.
_INSTALLER_CACHES = (
    _InstallerCache(
        re.compile(r"\buv\s+(pip\s+install|sync)\b"),
        re.compile(r"UV_NO_CACHE\s*=?\s*(1|true|on|yes)", re.IGNORECASE),
        "--no-cache",
        N_("uv keeps a copy of what it downloads in ~/.cache/uv, inside this layer."),
        N_(
            "Add --no-cache to the uv command (or ENV UV_NO_CACHE=1), or give uv a cache "
            "mount (RUN --mount=type=cache,target=/root/.cache/uv)."
        ),
    ),
    _InstallerCache(
        re.compile(r"\bpip3?\s+install\b"),
        re.compile(r"PIP_NO_CACHE_DIR\s*=?\s*(1|true|on|yes)", re.IGNORECASE),
        "--no-cache-dir",
        N_("pip keeps a copy of what it downloads in ~/.cache/pip, inside this layer."),
        N_("Add --no-cache-dir to pip install (or ENV PIP_NO_CACHE_DIR=1)."),
    ),
)


def _size_rules(instructions) -> list[Finding]:
    findings = []
    turned_off: dict[_InstallerCache, set[int]] = {cache: set() for cache in _INSTALLER_CACHES}
    for step in instructions:
        if step.keyword == "ENV":
            for cache in _INSTALLER_CACHES:
                if cache.turned_off.search(step.value):
                    turned_off[cache].add(step.stage)
        if step.keyword != "RUN":
            continue
        shell = commands(step.value)
        cache_mounted = "--mount=type=cache" in step.value
        claimed: set[str] = set()
        reported = []
        for cache in _INSTALLER_CACHES:
            installs = [c for c in shell if cache.command.search(c) and c not in claimed]
            claimed.update(installs)
            if (
                installs
                and step.stage not in turned_off[cache]
                and not any(cache.flag in c for c in installs)
                and not cache_mounted
            ):
                reported.append(Finding("pip-cache", step.line, _(cache.message), _(cache.fix)))
        findings += reversed(reported)  # pip's before uv's, as the rule always reported them
        if (
            any(re.search(r"\bapt(-get)?\s+install\b", c) for c in shell)
            and "/var/lib/apt/lists" not in step.value
        ):
            findings.append(
                Finding(
                    "apt-lists",
                    step.line,
                    _("apt's package lists (tens of MB) stay in this layer."),
                    _("End the same RUN with `&& rm -rf /var/lib/apt/lists/*`."),
                )
            )
        if shell and all(_ONLY_DELETES.match(c) for c in shell):
            findings.append(
                Finding(
                    "delete-later",
                    step.line,
                    _(
                        "This RUN only deletes. Files from earlier layers stay in the image, "
                        "hidden: the image does not get smaller."
                    ),
                    _(
                        "Delete in the same RUN that created the files, or build in a separate "
                        "stage and copy only what you need."
                    ),
                )
            )
    return findings
