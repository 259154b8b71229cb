"""`python -m helpers ...`: the course's experiments from a terminal, for instructors and CI."""

from __future__ import annotations

import argparse
import json
import sys

from ._baseimage import make_base_with_ca
from ._cleanup import cleanup
from ._errors import LayerLabError
from ._experiment import SAMPLE_APP, SAMPLE_CHANGE, SAMPLE_DOCKERFILES, compare
from ._results import Comparison


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser(
        "compare",
        help="build each Dockerfile, change one line, rebuild, and compare",
        description="With no options: the article's experiment on the sample app.",
    )
    run.add_argument("--context", default=str(SAMPLE_APP), help="build context folder")
    run.add_argument(
        "--dockerfile",
        action="append",
        dest="dockerfiles",
        metavar="F",
        help="a Dockerfile, relative to the context (repeat for more; default: "
        + " and ".join(SAMPLE_DOCKERFILES)
        + ")",
    )
    run.add_argument(
        "--change",
        default=SAMPLE_CHANGE,
        metavar="PATH",
        help="the file to change, relative to the context",
    )
    run.add_argument(
        "--fresh",
        action="store_true",
        help="first builds ignore the cache, so first_build_s is from nothing",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object")

    commands.add_parser("cleanup", help="remove the images and containers the course made")

    base = commands.add_parser(
        "base-image",
        help="make a base image that trusts your proxy's CA",
        description="Behind a TLS-inspecting proxy, pip in a build fails until the image "
        "trusts the proxy's root CA. This builds layerlab/base:with-ca, which the course "
        "then uses on its own.",
    )
    base.add_argument("--ca-file", required=True, help="the CA certificate, PEM")
    return parser


def _print_table(comparison: Comparison) -> None:
    print(f"Changed one line of {comparison.changed_path}; base image {comparison.base_image}.")
    header = f"{'Dockerfile':<24}{'first build':>13}{'rebuild':>10}{'cached':>9}{'new bytes':>15}"
    print(header)
    print("-" * len(header))
    for variant in comparison.variants:
        cached = f"{variant.steps_cached}/{variant.steps_total}"
        print(
            f"{variant.dockerfile:<24}{variant.first_build_s:>12.1f}s{variant.rebuild_s:>9.2f}s"
            f"{cached:>9}{variant.rebuild_new_bytes:>15,}"
        )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "compare":
            comparison = compare(
                args.context,
                tuple(args.dockerfiles or SAMPLE_DOCKERFILES),
                args.change,
                fresh=args.fresh,
                progress=None if args.json else "auto",
            )
            if args.json:
                print(json.dumps(comparison.summary(), indent=2))
            else:
                _print_table(comparison)
        elif args.command == "cleanup":
            report = cleanup()
            print(json.dumps(report.to_dict(), indent=2))
        elif args.command == "base-image":
            print(make_base_with_ca(args.ca_file))
    except (LayerLabError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
