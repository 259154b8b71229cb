"""Remove the containers and images the course made, and nothing else."""

from __future__ import annotations

import argparse

from ..engine.cleanup import cleanup
from ..results.cleanup import CleanupReport


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> CleanupReport:
    return cleanup()
