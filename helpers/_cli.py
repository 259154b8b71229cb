"""`python -m helpers ...`: the course's experiments from a terminal, for instructors and CI."""

from __future__ import annotations

import argparse
import json
import sys

from docker.errors import ImageNotFound

from ._advice import lint
from ._baseimage import make_base_with_ca
from ._cleanup import cleanup
from ._contents import ImageContents, read_image_contents
from ._errors import LayerLabError
from ._experiment import SAMPLE_APP, SAMPLE_CHANGE, SAMPLE_DOCKERFILES, compare
from ._prediction import predict
from ._recording import record_notebooks
from ._results import Comparison
from ._units import human_bytes, short_instruction


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

    inspect = commands.add_parser(
        "inspect",
        help="each layer's files, and the bytes the image ships but cannot show",
        description="Reads the image as `docker save` streams it; nothing is unpacked.",
    )
    inspect.add_argument("image", help="an image name, tag or id")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")

    guess = commands.add_parser(
        "predict",
        help="which steps will run again if these files change",
        description="Predicts the classic builder's cache, without building.",
    )
    guess.add_argument("--context", required=True, help="build context folder")
    guess.add_argument("--dockerfile", default="Dockerfile", help="relative to the context")
    guess.add_argument(
        "--changed",
        action="append",
        required=True,
        metavar="PATH",
        help="a changed file, relative to the context (repeatable)",
    )
    guess.add_argument("--json", action="store_true", help="print one JSON object")

    advise = commands.add_parser("lint", help="advice on a Dockerfile's order and size")
    advise.add_argument("file", help="the Dockerfile; its folder is taken as the context")
    advise.add_argument("--json", action="store_true", help="print one JSON object")

    record = commands.add_parser(
        "record",
        help="run the notebooks live and save their results for recorded mode",
        description="Needs a Docker engine. Writes recordings/<lesson>.json.gz.",
    )
    record.add_argument("lessons", nargs="*", help="only these notebooks (default: all)")

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


def _inspect_summary(contents: ImageContents) -> dict:
    return {
        "image": contents.image,
        "layout": contents.layout,
        "stored_bytes": contents.stored_bytes,
        "invisible_bytes": contents.invisible_bytes,
        "layers": [
            {
                "index": layer.index,
                "diff_id": layer.diff_id,
                "instruction": layer.instruction,
                "size_bytes": layer.size_bytes,
                "files_added": len(layer.added),
                "files_changed": len(layer.changed),
                "files_removed": len(layer.removed),
                "invisible_bytes": layer.invisible_bytes,
            }
            for layer in contents.layers
        ],
    }


def _print_layers(contents: ImageContents) -> None:
    print(f"{contents.image}: {len(contents.layers)} layers ({contents.layout} layout)")
    header = f"{'#':>3} {'size':>14} {'added':>7} {'changed':>8} {'removed':>8}  instruction"
    print(header)
    print("-" * len(header))
    for layer in contents.layers:
        print(
            f"{layer.index:>3} {layer.size_bytes:>14,} {len(layer.added):>7,} "
            f"{len(layer.changed):>8,} {len(layer.removed):>8,}  "
            f"{short_instruction(layer.instruction, 60)}"
        )
    print(
        f"Invisible bytes (stored, but hidden by a later layer): "
        f"{contents.invisible_bytes:,} ({human_bytes(contents.invisible_bytes)}) of "
        f"{contents.stored_bytes:,}."
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
        elif args.command == "inspect":
            contents = read_image_contents(args.image)
            if args.json:
                print(json.dumps(_inspect_summary(contents), indent=2))
            else:
                _print_layers(contents)
        elif args.command == "predict":
            prediction = predict(args.context, args.dockerfile, args.changed)
            if args.json:
                print(json.dumps(prediction.summary(), indent=2))
            else:
                for step in prediction.steps:
                    verdict = {True: "cache", False: "RUNS", None: "unknown"}[step.cached]
                    print(
                        f"{step.step:>3} {verdict:<8} {short_instruction(step.instruction, 50)}"
                        f"  ({step.reason})"
                    )
        elif args.command == "lint":
            found = lint(args.file)
            if args.json:
                print(
                    json.dumps(
                        {"file": args.file, "findings": [f.to_dict() for f in found]}, indent=2
                    )
                )
            else:
                for finding in found:
                    print(
                        f"{args.file}:{finding.line} {finding.rule}: {finding.message}\n"
                        f"    fix: {finding.fix}"
                    )
                print(f"{len(found)} finding(s).")
        elif args.command == "record":
            notebooks = SAMPLE_APP.parent / "notebooks"
            for path in record_notebooks(notebooks, args.lessons or None):
                print(f"wrote {path}")
        elif args.command == "cleanup":
            report = cleanup()
            print(json.dumps(report.to_dict(), indent=2))
        elif args.command == "base-image":
            print(make_base_with_ca(args.ca_file))
    except ImageNotFound:
        print(
            f"error: no image {args.image!r} on this engine (see `docker images`).", file=sys.stderr
        )
        return 1
    except (LayerLabError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
