"""`python -m helpers lint`: the advisor, and `--fix` its rewrite. DESCRIPTION is its help."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
from pathlib import Path

from ..dockerfile.advice import lint
from ..dockerfile.fixing import fix_dockerfile
from ..i18n import N_, _
from ..results.advice import Advice
from ..results.fix import Fix, FixVerdict

DESCRIPTION = N_(
    "Advice on a Dockerfile's order and size: a rule, a line, what is wrong and the fix; with "
    "--fix, the cache-order findings rewritten (a diff), and with --write, saved."
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=_("the Dockerfile; its folder is taken as the context"))
    parser.add_argument(
        "--fix",
        action="store_true",
        help=_("rewrite the cache-order findings and print the change as a diff"),
    )
    parser.add_argument(
        "--write", action="store_true", help=_("with --fix: save the rewrite over the file")
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help=_(
            "with --fix: build both on the engine, compare the images, and compare their "
            "rebuilds after a one-line change"
        ),
    )
    parser.add_argument(
        "--change",
        metavar="PATH",
        help=_("with --verify: the source file to change (in the context)"),
    )
    parser.add_argument("--context", help=_("the build context, if not the Dockerfile's folder"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace) -> Advice | Fix | FixVerdict:
    if (args.write or args.verify) and not args.fix:
        raise ValueError(_("--write and --verify go with --fix: add --fix."))
    if not args.fix:
        return lint(args.file)
    if args.verify:
        # Imported here only when asked: it needs the Docker SDK, which lint does not load.
        verify_fix = importlib.import_module("helpers.course.fix_check").verify_fix
        verdict = verify_fix(args.file, args.context, args.change)
        if args.write and verdict.same_image:
            Path(args.file).write_bytes(verdict.fix.rewritten.encode())
            verdict = dataclasses.replace(
                verdict, fix=dataclasses.replace(verdict.fix, written=True)
            )
        return verdict
    fix = fix_dockerfile(args.file, args.context)
    if args.write and fix.changed:
        Path(args.file).write_bytes(fix.rewritten.encode())  # the file's own line endings
        fix = dataclasses.replace(fix, written=True)
    return fix
