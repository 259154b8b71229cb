"""Make a base image that trusts your proxy's CA. Behind a TLS-inspecting proxy, pip in a
build fails until the image trusts the proxy's root CA: this builds layerlab/base:with-ca,
which the course then uses on its own."""

from __future__ import annotations

import argparse

from ..engine.extra_ca import make_base_with_ca


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ca-file", required=True, help="the CA certificate, PEM")


def run(args: argparse.Namespace) -> str:
    return make_base_with_ca(args.ca_file)
