"""`python -m helpers inspect`: an image's layers and their files. DESCRIPTION is its help."""

from __future__ import annotations

import argparse

from docker.errors import ImageNotFound

from ..engine.saving import read_image_contents
from ..i18n import N_, _
from ..results.contents import ImageContents
from ..results.errors import MissingFile

DESCRIPTION = N_(
    "Each layer's files, and the bytes the image ships but cannot show. Reads the image as "
    "`docker save` streams it; nothing is unpacked."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("image", help=_("an image name, tag or id"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> ImageContents:
    try:
        return read_image_contents(args.image)
    except ImageNotFound:
        raise MissingFile(
            _("No image {image!r} on this engine (see `docker images`).").format(image=args.image)
        ) from None
