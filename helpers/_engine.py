"""Finding the Docker engine the way the `docker` command would."""

from __future__ import annotations

import os

import docker
from docker.context import ContextAPI
from docker.errors import DockerException

from ._errors import EngineUnavailable
from ._recording import mode

_NO_ENGINE_HELP = """\
No Docker engine answered at {where}.
What to do:
  - Docker Desktop: start it and wait until it says "Engine running".
  - Docker Engine on Linux: start it (`sudo systemctl start docker`).
  - Another engine: set DOCKER_HOST (for example unix:///path/docker.sock) or choose it
    with `docker context use NAME`.
  - No Docker at all: the course's charts can still be read; see README, "Without Docker".
(The engine said: {cause})"""

_NOT_PERMITTED_HELP = """\
The Docker engine at {where} exists, but this user may not talk to it.
What to do on Linux: add yourself to the docker group
(`sudo usermod -aG docker $USER`), log out and back in, then restart Jupyter.
(The engine said: {cause})"""


def _engine_address() -> tuple[str | None, dict]:
    """Where the `docker` CLI would connect: DOCKER_HOST first, then the current context."""
    if os.environ.get("DOCKER_HOST"):
        return None, {}
    try:
        context = ContextAPI.get_current_context()
    except DockerException:
        return None, {}
    if context is None or context.name == "default" or not context.Host:
        return None, {}
    tls = context.TLSConfig if context.TLSConfig else False
    return context.Host, {"tls": tls}


def connect(client: docker.DockerClient | None = None) -> docker.DockerClient:
    """Return a client that has answered a ping, or raise EngineUnavailable saying what to do.

    DOCKER_HOST wins, as it does for the `docker` command; otherwise the current Docker
    context is used (Docker Desktop on macOS listens on its context's socket, not on
    /var/run/docker.sock).
    """
    if mode() == "recorded":
        return None  # replaying a recording: nothing talks to an engine
    if client is not None:
        _ping(client, where=str(client.api.base_url))
        return client
    base_url, extra = _engine_address()
    where = base_url or os.environ.get("DOCKER_HOST") or "the default socket"
    try:
        client = docker.DockerClient(base_url=base_url, **extra) if base_url else docker.from_env()
    except DockerException as error:
        raise _explain(error, where) from None
    _ping(client, where=where)
    return client


def _ping(client: docker.DockerClient, where: str) -> None:
    try:
        client.ping()
    except Exception as error:
        raise _explain(error, where) from None


def _explain(error: Exception, where: str) -> EngineUnavailable:
    cause = str(error)
    if "Permission denied" in cause or "PermissionError" in cause:
        return EngineUnavailable(_NOT_PERMITTED_HELP.format(where=where, cause=cause))
    return EngineUnavailable(_NO_ENGINE_HELP.format(where=where, cause=cause))
