"""`python -m helpers record`: make the recordings for recorded mode. DESCRIPTION is its
help."""

from __future__ import annotations

import argparse

from ..course.sample_app import SAMPLE_APP
from ..i18n import N_, _
from .recording import record_notebooks

DESCRIPTION = N_(
    "Run the notebooks on a live engine and save their results for recorded mode. Needs a "
    "Docker engine; writes recordings/<lesson>.json.gz."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lessons", nargs="*", help=_("only these notebooks (default: all)"))


def run(args: argparse.Namespace) -> str:
    written = record_notebooks(SAMPLE_APP.parent / "notebooks", args.lessons or None)
    return "\n".join(_("wrote {path}").format(path=path) for path in written)
