"""Options more than one command takes, spelled once."""

from __future__ import annotations

import argparse

from ..engine.buildkit import BUILDERS


def add_builder_option(parser: argparse.ArgumentParser, why: str = "") -> None:
    """`--builder` for commands that build: unset, LAYERLAB_BUILDER decides, else auto."""
    parser.add_argument(
        "--builder",
        choices=BUILDERS,
        default=None,
        help="auto (BuildKit where the engine and the docker CLI offer it), buildkit or "
        "classic; default: LAYERLAB_BUILDER, else auto" + (f"; {why}" if why else ""),
    )
