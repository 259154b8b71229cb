"""`python -m helpers cleanup`: remove what the course made. DESCRIPTION is its help."""

from __future__ import annotations

import argparse

from ..engine.cleanup import cleanup
from ..i18n import N_, _
from ..results.cleanup import CleanupReport

DESCRIPTION = N_(
    "Remove the containers and images the course made for you, and nothing else. On an engine a "
    "room shares, `--all-learners` (for the instructor) removes every learner's, and still never "
    "an image a learner tagged themselves, nor the base images."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--all-learners",
        action="store_true",
        help=_("remove what the course made for every learner on this engine, not only for you"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> CleanupReport:
    return cleanup(all_learners=args.all_learners)
