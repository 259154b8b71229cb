"""Finding a `docker` command line that can build with BuildKit, and the engine it must talk to.

No Python client speaks BuildKit's session protocol (docker/docker-py#2230), so BuildKit
builds go through the CLI. python-on-whales wraps only `docker buildx` and parses no progress,
and Debian's 20.10 CLI has BuildKit without buildx, so the course drives the CLI itself.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import weakref
from pathlib import Path

import docker

from ..i18n import N_, _
from ..results.builder import BuildkitCli

CLI_VARIABLE = "LAYERLAB_DOCKER_CLI"
"""A `docker` executable to use for BuildKit builds instead of searching PATH."""

_BUILDX_VERSION = re.compile(r"\bv?(\d+)\.(\d+)")
# BuildKit through the engine's API: Docker 18.09 (API 1.39) and later.
_FIRST_BUILDKIT_API = (1, 39)
# From Docker 23 the CLI's `docker build` hands BuildKit builds to the buildx plugin and
# refuses them without it; older CLIs have BuildKit built in.
_FIRST_CLI_NEEDING_BUILDX = 23
# buildx 0.12 added --progress=rawjson.
_FIRST_BUILDX_WITH_RAWJSON = (0, 12)
_TIMEOUT = 20


def _run(*argv: str) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _docker_executables() -> list[str]:
    """The `docker` programs to try, in order: the one named by LAYERLAB_DOCKER_CLI, else
    every one on PATH (a newer CLI without buildx may come before one that works)."""
    chosen = os.environ.get(CLI_VARIABLE)
    if chosen:
        return [chosen]
    found: list[str] = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = Path(folder) / "docker"
        # os.access, not a stat: a folder on PATH this account may not read (root's own,
        # inherited by a workshop's learner) is passed over instead of raising.
        if os.access(candidate, os.X_OK) and candidate.is_file():
            resolved = str(candidate.resolve())
            if resolved not in (str(Path(path).resolve()) for path in found):
                found.append(str(candidate))
    return found


def _cli_for(docker_cli: str) -> BuildkitCli | None:
    buildx = _run(docker_cli, "buildx", "version")
    if buildx:
        version = _BUILDX_VERSION.search(buildx.split(" ", 1)[-1])
        numbers = (int(version[1]), int(version[2])) if version else (0, 0)
        style = "rawjson" if numbers >= _FIRST_BUILDX_WITH_RAWJSON else "plain"
        shown = ".".join(map(str, numbers))
        return BuildkitCli(
            (docker_cli, "buildx", "build"), style, f"{docker_cli} buildx {shown} ({style})"
        )
    client_version = _run(docker_cli, "version", "--format", "{{.Client.Version}}")
    if client_version is None:
        # The CLI prints the client's version even when no engine answers, but exits 1.
        client_version = _client_version_anyway(docker_cli)
    major = _BUILDX_VERSION.match(client_version or "")
    if major and int(major[1]) < _FIRST_CLI_NEEDING_BUILDX:
        return BuildkitCli(
            (docker_cli, "build"),
            "plain",
            _("{program} {version} with BuildKit built in (plain)").format(
                program=docker_cli, version=client_version
            ),
            (("DOCKER_BUILDKIT", "1"),),
        )
    return None


def _client_version_anyway(docker_cli: str) -> str | None:
    try:
        done = subprocess.run(
            (docker_cli, "version", "--format", "{{.Client.Version}}"),
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


@functools.cache
def _find(path: str, chosen: str | None) -> BuildkitCli | None:
    del path, chosen  # the cache's key: a different PATH or choice searches again
    for docker_cli in _docker_executables():
        found = _cli_for(docker_cli)
        if found is not None:
            return found
    return None


def find_buildkit_cli() -> BuildkitCli | None:
    """A CLI that builds with BuildKit, or None: buildx first (any version), then a CLI
    older than 23 with BuildKit built in. Searched once per PATH."""
    return _find(os.environ.get("PATH", ""), os.environ.get(CLI_VARIABLE))


_NO_BUILDKIT_CLI = N_(
    "BuildKit builds need the `docker` command line with its buildx plugin, and none was "
    "found.\nWhat to do: install Docker Desktop, or on Linux the docker-buildx-plugin package "
    "(Debian and Ubuntu: docker-buildx), then restart the kernel; or set "
    "{variable} to a docker program that has it. Until then, builder='classic' works."
)
NO_BUILDKIT_CLI = _NO_BUILDKIT_CLI.format(variable=CLI_VARIABLE)
"""In English; `no_buildkit_cli()` says it in the learner's language."""


def no_buildkit_cli() -> str:
    return _(_NO_BUILDKIT_CLI).format(variable=CLI_VARIABLE)


# Asked once per client: an engine does not change its version while a kernel runs.
_OFFERS_BUILDKIT: weakref.WeakKeyDictionary[docker.DockerClient, bool] = weakref.WeakKeyDictionary()


def engine_offers_buildkit(client: docker.DockerClient) -> bool:
    """BuildKit runs inside the engine: Linux engines from Docker 18.09 (API 1.39) on."""
    if client not in _OFFERS_BUILDKIT:
        version = client.version()
        api = tuple(int(part) for part in str(version.get("ApiVersion", "0.0")).split(".")[:2])
        _OFFERS_BUILDKIT[client] = (
            version.get("Os", "linux") == "linux" and api >= _FIRST_BUILDKIT_API
        )
    return _OFFERS_BUILDKIT[client]


def engine_address(client: docker.DockerClient) -> str | None:
    """The engine's address in DOCKER_HOST's form, so that the CLI talks to the engine the
    SDK talks to. None when the SDK uses its default (the CLI then does the same)."""
    api = client.api
    adapter = getattr(api, "_custom_adapter", None)
    socket_path = getattr(adapter, "socket_path", None)
    if socket_path:
        return f"unix://{socket_path}"
    base_url = str(getattr(api, "base_url", ""))
    if base_url.startswith(("http://", "https://")):
        return "tcp://" + base_url.split("://", 1)[1]
    return os.environ.get("DOCKER_HOST")
