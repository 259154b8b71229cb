"""Finding the Docker engine the way the `docker` command would."""

from __future__ import annotations

import os

import docker
from docker.context import ContextAPI
from docker.errors import DockerException

from ..i18n import N_, _
from ..replay import session
from ..results.errors import EngineUnavailable, NeedsLiveEngine

_NO_ENGINE_HELP = N_("""\
No Docker engine answered at {where}.
What to do:
  - Docker Desktop: start it and wait until it says "Engine running".
  - Docker Engine on Linux: start it (`sudo systemctl start docker`).
  - Another engine: set DOCKER_HOST (for example unix:///path/docker.sock) or choose it
    with `docker context use NAME`.
  - No Docker at all: the notebooks replay a recorded run on their own; see README,
    "Where the course runs".
(The engine said: {cause})""")

_NOT_PERMITTED_HELP = N_("""\
The Docker engine at {where} exists, but this user may not talk to it.
What to do on Linux: add yourself to the docker group
(`sudo usermod -aG docker $USER`), log out and back in, then restart Jupyter.
(The engine said: {cause})""")


# The `docker` command waits as long as the engine takes; the SDK gives up after 60 s by
# default. An engine busy with other builds can be silent longer than that: Docker 20.10's
# `docker save` writes the whole image to a temporary folder before sending its first byte,
# and a RUN step may print nothing for minutes. Ten minutes still ends a hung call.
_ENGINE_TIMEOUT_S = 600


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


_RECORDED_MODE_HELP = N_("""\
Recorded mode: this needs a live Docker engine, and this notebook is replaying a recording
of a real run instead. Start Docker (or unset LAYERLAB_MODE=recorded), then restart the
kernel and run the notebook again.""")


def connect(client: docker.DockerClient | None = None) -> docker.DockerClient:
    """A client for the engine: `client` itself if given (trusted as it is), otherwise a new
    one that has answered a ping. Raises EngineUnavailable saying what to do, or
    NeedsLiveEngine in recorded mode, where no call may reach an engine.

    DOCKER_HOST wins, as it does for the `docker` command; otherwise the current Docker
    context is used (Docker Desktop on macOS listens on its context's socket, not on
    /var/run/docker.sock).
    """
    if session.mode() == "recorded":
        raise NeedsLiveEngine(_(_RECORDED_MODE_HELP))
    if client is not None:
        return client
    base_url, extra = _engine_address()
    where = base_url or os.environ.get("DOCKER_HOST") or _("the default socket")
    try:
        client = (
            docker.DockerClient(base_url=base_url, timeout=_ENGINE_TIMEOUT_S, **extra)
            if base_url
            else docker.from_env(timeout=_ENGINE_TIMEOUT_S)
        )
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
        return EngineUnavailable(_(_NOT_PERMITTED_HELP).format(where=where, cause=cause))
    return EngineUnavailable(_(_NO_ENGINE_HELP).format(where=where, cause=cause))
