"""Which image the course's Dockerfiles start FROM, and how to add a corporate CA to it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import docker
from docker.errors import APIError, ImageNotFound

from ._engine import connect
from ._errors import BaseImageUnavailable
from ._labels import BASE_LABEL
from ._recording import recordable

DEFAULT_BASE_IMAGE = "python:3.12-slim"
"""The default of `ARG BASE_IMAGE` in the sample app's Dockerfiles."""
OFFLINE_BASE_IMAGE = "layerlab/base:bookworm"
"""Made from Debian's packages by scripts/make-base-image, where no registry answers."""
WITH_CA_BASE_IMAGE = "layerlab/base:with-ca"
"""Made by `python -m helpers base-image --ca-file FILE`: a base that trusts an extra CA."""
BASE_IMAGE_ENV = "LAYERLAB_BASE_IMAGE"

_NO_BASE_HELP = """\
The course's Dockerfiles start FROM {default}, which is not on this engine and could not
be pulled ({cause}).
What to do, whichever fits:
  - with internet access: `docker pull {default}`;
  - on Linux with no registry: `sudo scripts/make-base-image` builds {offline} from
    Debian's packages;
  - to use an image you already have: set {env}=that-image before starting Jupyter."""


def _present(client: docker.DockerClient, name: str) -> bool:
    try:
        client.images.get(name)
    except ImageNotFound:
        return False
    return True


@recordable
def resolve_base_image(
    client: docker.DockerClient | None = None, pull: bool = True, with_ca: bool = True
) -> str:
    """The image to pass as the BASE_IMAGE build argument.

    In order: the LAYERLAB_BASE_IMAGE variable; a base with an extra CA made by
    `base-image --ca-file`; the Dockerfiles' own default if present; the base made from
    Debian's packages if present; the default, pulled. The Dockerfiles learners read are
    the ones built: only the FROM line's argument changes.
    """
    client = connect(client)
    chosen = os.environ.get(BASE_IMAGE_ENV)
    if chosen:
        if not _present(client, chosen):
            raise BaseImageUnavailable(
                f"{BASE_IMAGE_ENV} names {chosen}, which is not on this engine. "
                f"Pull or build it, or unset {BASE_IMAGE_ENV} to let the course choose."
            )
        return chosen
    candidates = (DEFAULT_BASE_IMAGE, OFFLINE_BASE_IMAGE)
    for candidate in (WITH_CA_BASE_IMAGE, *candidates) if with_ca else candidates:
        if _present(client, candidate):
            return candidate
    if pull:
        try:
            client.images.pull(DEFAULT_BASE_IMAGE)
            return DEFAULT_BASE_IMAGE
        except APIError as error:
            cause = error.explanation or str(error)
    else:
        cause = "pulling was not allowed"
    raise BaseImageUnavailable(
        _NO_BASE_HELP.format(
            default=DEFAULT_BASE_IMAGE,
            offline=OFFLINE_BASE_IMAGE,
            env=BASE_IMAGE_ENV,
            cause=cause,
        )
    )


_WITH_CA_DOCKERFILE = """\
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY extra-ca.crt /usr/local/share/ca-certificates/layerlab-extra-ca.crt
# Appending works whether or not the image has update-ca-certificates; pip reads its own
# certifi bundle unless PIP_CERT points it at the system one.
RUN mkdir -p /etc/ssl/certs \\
 && cat /usr/local/share/ca-certificates/layerlab-extra-ca.crt >> /etc/ssl/certs/ca-certificates.crt
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt \\
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \\
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
"""


def make_base_with_ca(
    ca_file: str | os.PathLike[str],
    base_image: str | None = None,
    client: docker.DockerClient | None = None,
    progress="auto",
) -> str:
    """Build `layerlab/base:with-ca`: the base image, trusting one more CA (PEM).

    Behind a TLS-inspecting proxy, `pip install` inside a build fails with
    CERTIFICATE_VERIFY_FAILED until the image trusts the proxy's CA. Once this image
    exists the course uses it on its own (see `resolve_base_image`).
    """
    from ._building import build

    ca_path = Path(ca_file).expanduser()
    if not ca_path.is_file():
        raise FileNotFoundError(
            f"No CA file at {ca_path}. Ask your IT team for the proxy's root certificate "
            "(a PEM file beginning with -----BEGIN CERTIFICATE-----) and pass its path."
        )
    if b"-----BEGIN CERTIFICATE-----" not in ca_path.read_bytes():
        raise ValueError(f"{ca_path} is not a PEM certificate (no BEGIN CERTIFICATE line).")
    client = connect(client)
    # Never stack a second CA on an earlier with-ca image: start from the plain base.
    base = base_image or resolve_base_image(client, with_ca=False)
    with tempfile.TemporaryDirectory(prefix="layerlab-ca-") as scratch:
        shutil.copyfile(ca_path, Path(scratch) / "extra-ca.crt")
        (Path(scratch) / "Dockerfile").write_text(_WITH_CA_DOCKERFILE)
        build(
            "Dockerfile",
            scratch,
            tag=WITH_CA_BASE_IMAGE,
            client=client,
            base_image=base,
            progress=progress,
            course_label=False,
            extra_labels={BASE_LABEL: "with-ca"},
        )
    return WITH_CA_BASE_IMAGE
