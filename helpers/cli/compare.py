"""Build each Dockerfile, change one line, rebuild each, and compare. With no options: the
article's experiment on the sample app."""

from __future__ import annotations

import argparse

from ..course.experiment import compare
from ..course.sample_app import SAMPLE_APP, SAMPLE_CHANGE, SAMPLE_DOCKERFILES
from ..results.experiment import Comparison
from .options import add_builder_option


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--context", default=str(SAMPLE_APP), help="build context folder")
    parser.add_argument(
        "--dockerfile",
        action="append",
        dest="dockerfiles",
        metavar="F",
        help="a Dockerfile, relative to the context (repeat for more; default: "
        + " and ".join(SAMPLE_DOCKERFILES)
        + ")",
    )
    parser.add_argument(
        "--change",
        default=SAMPLE_CHANGE,
        metavar="PATH",
        help="the file to change, relative to the context",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="first builds ignore the cache, so first_build_s is from nothing",
    )
    add_builder_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> Comparison:
    return compare(
        args.context,
        tuple(args.dockerfiles or SAMPLE_DOCKERFILES),
        args.change,
        fresh=args.fresh,
        progress=None if args.json else "auto",
        builder=args.builder,
    )
