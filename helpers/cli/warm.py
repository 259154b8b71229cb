"""`python -m helpers warm`: fill a room's cache before it arrives. DESCRIPTION is its help."""

from __future__ import annotations

import argparse

from ..course.warm import LESSON_BUILDS, warm_engine
from ..i18n import N_, _
from ..results.warm import WarmReport
from .options import add_builder_option

DESCRIPTION = N_(
    "Build the lessons' images once, before a room arrives, so that thirty learners' first "
    "builds come from this engine's cache instead of thirty downloads of the same libraries. "
    "Run it on the engine the room will share, the day before and again an hour before: a "
    "warm-up that finds everything cached takes seconds. Its images are tagged "
    "layerlab/warm-up/... and stay until `python -m helpers cleanup --all-learners`."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dockerfile",
        action="append",
        dest="dockerfiles",
        metavar="F",
        help=_(
            "a Dockerfile of the sample app, relative to it (repeat for more; default: every "
            "one the lessons build)"
        ),
    )
    add_builder_option(
        parser,
        _(
            "auto (BuildKit where the engine and the docker CLI offer it), buildkit or classic; "
            "default: LAYERLAB_BUILDER, else auto; the room's builder: the classic builder and "
            "BuildKit keep separate caches"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> WarmReport:
    return warm_engine(
        tuple(args.dockerfiles or LESSON_BUILDS),
        builder=args.builder,
        progress=None if args.json else "auto",
    )
