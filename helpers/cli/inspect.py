"""Each layer's files, and the bytes the image ships but cannot show. Reads the image as
`docker save` streams it; nothing is unpacked."""

from __future__ import annotations

import argparse

from docker.errors import ImageNotFound

from ..engine.saving import read_image_contents
from ..results.contents import ImageContents
from ..results.errors import MissingFile


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("image", help="an image name, tag or id")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> ImageContents:
    try:
        return read_image_contents(args.image)
    except ImageNotFound:
        raise MissingFile(
            f"No image {args.image!r} on this engine (see `docker images`)."
        ) from None
