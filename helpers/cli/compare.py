"""`python -m helpers compare`: the article's experiment, or yours. DESCRIPTION is its help."""

from __future__ import annotations

import argparse

from ..course.experiment import compare
from ..course.sample_app import SAMPLE_APP, SAMPLE_CHANGE, SAMPLE_DOCKERFILES
from ..i18n import N_, _
from ..results.experiment import Comparison
from .options import add_builder_option

DESCRIPTION = N_(
    "Build each Dockerfile, change one line, rebuild each, and compare. With no options: the "
    "article's experiment on the sample app."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--context", default=str(SAMPLE_APP), help=_("build context folder"))
    first, second = SAMPLE_DOCKERFILES
    parser.add_argument(
        "--dockerfile",
        action="append",
        dest="dockerfiles",
        metavar="F",
        help=_(
            "a Dockerfile, relative to the context (repeat for more; default: {first} and {second})"
        ).format(first=first, second=second),
    )
    parser.add_argument(
        "--change",
        default=SAMPLE_CHANGE,
        metavar="PATH",
        help=_("the file to change, relative to the context"),
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help=_("first builds ignore the cache, so first_build_s is from nothing"),
    )
    add_builder_option(parser)
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> Comparison:
    return compare(
        args.context,
        tuple(args.dockerfiles or SAMPLE_DOCKERFILES),
        args.change,
        fresh=args.fresh,
        progress=None if args.json else "auto",
        builder=args.builder,
    )
