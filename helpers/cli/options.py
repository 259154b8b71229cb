"""Options more than one command takes, spelled once."""

from __future__ import annotations

import argparse

from ..engine.buildkit import BUILDERS
from ..i18n import _


def add_builder_option(parser: argparse.ArgumentParser, help_text: str = "") -> None:
    """`--builder` for commands that build: unset, LAYERLAB_BUILDER decides, else auto.
    `help_text`, translated, replaces the usual help: a command says more in a whole sentence
    of its own."""
    parser.add_argument(
        "--builder",
        choices=BUILDERS,
        default=None,
        help=help_text
        or _(
            "auto (BuildKit where the engine and the docker CLI offer it), buildkit or classic; "
            "default: LAYERLAB_BUILDER, else auto"
        ),
    )
