"""A base image that trusts one more certificate authority, for builds behind a TLS proxy."""

from __future__ import annotations

import os
from pathlib import Path

import docker

from ..i18n import _
from .base_variant import build_base_variant
from .baseimage import WITH_CA_BASE_IMAGE, resolve_base_image
from .connection import connect

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
    ca_path = Path(ca_file).expanduser()
    if not ca_path.is_file():
        raise FileNotFoundError(
            _(
                "No CA file at {path}. Ask your IT team for the proxy's root certificate (a PEM "
                "file beginning with -----BEGIN CERTIFICATE-----) and pass its path."
            ).format(path=ca_path)
        )
    if b"-----BEGIN CERTIFICATE-----" not in ca_path.read_bytes():
        raise ValueError(
            _("{path} is not a PEM certificate (no BEGIN CERTIFICATE line).").format(path=ca_path)
        )
    client = connect(client)
    # Never stack a second CA on an earlier with-ca image: start from the plain base.
    base = base_image or resolve_base_image(client, with_ca=False)
    return build_base_variant(
        _WITH_CA_DOCKERFILE,
        tag=WITH_CA_BASE_IMAGE,
        kind="with-ca",
        base=base,
        client=client,
        progress=progress,
        files={"extra-ca.crt": ca_path},
    )
