"""`python -m helpers predict`: the cache predicted, without an engine. DESCRIPTION is its
help."""

from __future__ import annotations

import argparse

from ..dockerfile.prediction import predict
from ..i18n import N_, _
from ..results.prediction import BUILDERS, Prediction

DESCRIPTION = N_(
    "Which steps will run again if these files change: the classic builder's cache, or "
    "BuildKit's (--builder buildkit), predicted without building (and without an engine)."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--context", required=True, help=_("build context folder"))
    parser.add_argument("--dockerfile", default="Dockerfile", help=_("relative to the context"))
    parser.add_argument(
        "--changed",
        action="append",
        required=True,
        metavar="PATH",
        help=_("a changed file, relative to the context (repeatable)"),
    )
    parser.add_argument(
        "--builder",
        choices=BUILDERS,
        default="classic",
        help=_("whose cache to predict: the classic builder's (the default) or BuildKit's"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> Prediction:
    return predict(args.context, args.dockerfile, args.changed, builder=args.builder)
