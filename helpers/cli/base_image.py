"""`python -m helpers base-image`: a base image that trusts a proxy's CA, or installs from a
room's package cache. DESCRIPTION is its help."""

from __future__ import annotations

import argparse

from ..engine.extra_ca import make_base_with_ca
from ..engine.package_index import make_base_with_index
from ..i18n import N_, _

DESCRIPTION = N_(
    "Make a base image for where you are. Behind a TLS-inspecting proxy, pip in a build fails "
    "until the image trusts the proxy's root CA: `--ca-file` builds layerlab/base:with-ca, which "
    "the course then uses on its own. In a workshop room, `--index-url` builds "
    "layerlab/base:room, whose pip installs from the room's package cache (the room's hub points "
    "learners' builds at it)."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--ca-file", help=_("the CA certificate, PEM"))
    which.add_argument("--index-url", help=_("a package index for pip, such as a room's cache"))


def run(args: argparse.Namespace) -> str:
    if args.index_url:
        return make_base_with_index(args.index_url)
    return make_base_with_ca(args.ca_file)
