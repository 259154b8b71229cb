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
from pathlib import Path

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
    findings = [*cache_order(instructions), *_size_rules(instructions)]
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


def _size_rules(instructions) -> list[Finding]:
    findings = []
    no_cache_env: set[int] = set()
    uv_no_cache: set[int] = set()
    for step in instructions:
        if step.keyword == "ENV" and re.search(
            r"PIP_NO_CACHE_DIR\s*=?\s*(1|true|on|yes)", step.value, re.IGNORECASE
        ):
            no_cache_env.add(step.stage)
        if step.keyword == "ENV" and re.search(
            r"UV_NO_CACHE\s*=?\s*(1|true|on|yes)", step.value, re.IGNORECASE
        ):
            uv_no_cache.add(step.stage)
        if step.keyword != "RUN":
            continue
        shell = commands(step.value)
        uv_installs = [c for c in shell if re.search(r"\buv\s+(pip\s+install|sync)\b", c)]
        pip_installs = [
            c for c in shell if re.search(r"\bpip3?\s+install\b", c) and c not in uv_installs
        ]
        cache_mounted = "--mount=type=cache" in step.value
        if (
            pip_installs
            and step.stage not in no_cache_env
            and not any("--no-cache-dir" in c for c in pip_installs)
            and not cache_mounted
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
            uv_installs
            and step.stage not in uv_no_cache
            and not any("--no-cache" in c for c in uv_installs)
            and not cache_mounted
        ):
            findings.append(
                Finding(
                    "pip-cache",
                    step.line,
                    "uv keeps a copy of what it downloads in ~/.cache/uv, inside this layer.",
                    "Add --no-cache to the uv command (or ENV UV_NO_CACHE=1), or give uv a cache "
                    "mount (RUN --mount=type=cache,target=/root/.cache/uv).",
                )
            )
        if (
            any(re.search(r"\bapt(-get)?\s+install\b", c) for c in shell)
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
        if shell and all(_ONLY_DELETES.match(c) for c in shell):
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
