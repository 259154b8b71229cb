"""Starting a built image and asking its web app for a page, to prove the image works."""

from __future__ import annotations

import io
import json
import tarfile
import time
import uuid

import docker
from docker.errors import APIError, NotFound
from requests.exceptions import ReadTimeout

from ..i18n import _
from ..replay.recordable import recordable
from ..results.app import AppReply
from ..results.errors import AppDidNotAnswer
from .connection import connect
from .labels import CONTAINER_LABEL, LEARNER_LABEL
from .learner import current_learner

# Runs inside the container, so it needs no published port and no network: loopback only.
_FETCH = """
import json, sys, time, urllib.request
url = sys.argv[1]
for attempt in range(100):
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            print(json.dumps({"status": reply.status, "body": reply.read().decode()}))
            break
    except OSError:
        time.sleep(0.1)
else:
    print(json.dumps({"status": 0, "body": "no answer after 10 s"}))
"""


def container_options(purpose: str) -> dict:
    """A name and labels that say the container is the course's, and whose: on a shared
    engine each learner's cleanup removes only their own."""
    learner = current_learner().name
    return {
        "name": f"layerlab-{learner}-{purpose}-{uuid.uuid4().hex[:8]}",
        "labels": {CONTAINER_LABEL: "1", LEARNER_LABEL: learner},
    }


# The fetcher gives up after 10 s of refused connections; this only bounds a hung one.
_FETCH_TIMEOUT_S = 60


@recordable
def request_app(
    image: str,
    path: str = "/",
    port: int = 8000,
    client: docker.DockerClient | None = None,
) -> AppReply:
    """Start `image` as it would start in production, ask it for `path`, then remove it.

    The request is made from the container's own network namespace, over its loopback
    interface, so it works with no network at all and never collides with a port already in
    use on the host.
    """
    client = connect(client)
    started = time.perf_counter()
    container = client.containers.run(
        image,
        detach=True,
        network_mode="none",
        environment={"PORT": str(port)},
        **container_options("app"),
    )
    try:
        # A second container of the same image asks, inside the app's network namespace. Not
        # `docker exec`: on some engines (Docker 26's containerd store, run from a chroot as
        # in this course's CI) exec runs outside the container's filesystem.
        fetcher = client.containers.create(
            image,
            ["-c", _FETCH, f"http://127.0.0.1:{port}{path}"],
            entrypoint=["python"],
            network_mode=f"container:{container.id}",
            **container_options("ask"),
        )
        try:
            fetcher.start()
            fetcher.wait(timeout=_FETCH_TIMEOUT_S)
            output = fetcher.logs(stdout=True, stderr=False)
        except (APIError, ReadTimeout):
            output = b""  # the app's container stopped already: its logs say why
        finally:
            fetcher.remove(force=True)
        lines = output.decode().strip().splitlines()
        reply = json.loads(lines[-1]) if lines else None
        if not reply or reply["status"] == 0:
            container.reload()
            logs = container.logs(tail=15).decode(errors="replace")
            raise AppDidNotAnswer(
                _(
                    "The app in {image} did not answer on port {port} (container {status}). "
                    "Its last log lines:\n{logs}"
                ).format(image=image, port=port, status=container.status, logs=logs)
            )
        return AppReply(
            reply["status"], reply["body"], time.perf_counter() - started, container.name
        )
    finally:
        container.remove(force=True)


@recordable
def read_file_in_image(
    image: str, path: str, client: docker.DockerClient | None = None
) -> bytes | None:
    """The bytes of `path` in `image` (None if it has no such file), read without running it:
    what anyone who can pull the image can do."""
    client = connect(client)
    container = client.containers.create(image, **container_options("read"))
    try:
        stream, _stat = container.get_archive(path)
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as archive:
            member = archive.next()
            if member is None or not member.isfile():
                return None
            return archive.extractfile(member).read()
    except NotFound:
        return None
    finally:
        container.remove(force=True)
