"""Run the notebooks on a live engine and save their results for recorded mode. Needs a
Docker engine; writes recordings/<lesson>.json.gz."""

from __future__ import annotations

import argparse

from ..course.sample_app import SAMPLE_APP
from .recording import record_notebooks


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lessons", nargs="*", help="only these notebooks (default: all)")


def run(args: argparse.Namespace) -> str:
    written = record_notebooks(SAMPLE_APP.parent / "notebooks", args.lessons or None)
    return "\n".join(f"wrote {path}" for path in written)
