"""Advice on a Dockerfile's order and size: a rule, a line, what is wrong and the fix."""

from __future__ import annotations

import argparse

from ..dockerfile.advice import lint
from ..results.advice import Advice


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the Dockerfile; its folder is taken as the context")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> Advice:
    return lint(args.file)
