"""`python -m helpers ...`: the course's experiments from a terminal, for instructors and CI.

`COMMANDS` is the table of subcommands. Each lives in a module of this package named after
it, with `arguments(parser)` and `run(args)`; only the chosen one is imported, so that
`predict` and `lint`, which need no engine, load neither the Docker SDK nor plotly.
Results print themselves as a table, or with `--json` as their summary. Each command's
module has its help as DESCRIPTION, translated here, once LAYERLAB_LANGUAGE is read.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any

from ..i18n import N_, _
from ..results.errors import LayerLabError

COMMANDS = {
    "compare": N_("build each Dockerfile, change one line, rebuild, and compare"),
    "inspect": N_("each layer's files, and the bytes the image ships but cannot show"),
    "predict": N_("which steps will run again if these files change"),
    "lint": N_("advice on a Dockerfile's order and size"),
    "record": N_("run the notebooks live and save their results for recorded mode"),
    "cleanup": N_("remove the images and containers the course made"),
    "warm": N_("build the lessons' images once, before a room shares this engine"),
    "base-image": N_("make a base image that trusts your proxy's CA, or uses a room's index"),
}


def _module(name: str):
    return importlib.import_module(f"{__package__}.{name.replace('-', '_')}")


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description=_(
            "`python -m helpers ...`: the course's experiments from a terminal, for instructors "
            "and CI."
        ),
    )
    subcommands = parser.add_subparsers(dest="command", required=True)
    for name, summary in COMMANDS.items():
        sub = subcommands.add_parser(name, help=_(summary))
        if name == chosen:
            module = _module(name)
            sub.description = _(module.DESCRIPTION)
            module.arguments(sub)
    return parser


def _printable(result: Any, as_json: bool) -> str:
    if not as_json:
        return str(result)
    summary = result.summary() if hasattr(result, "summary") else result.to_dict()
    return json.dumps(summary, indent=2)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((word for word in argv if word in COMMANDS), None)
    args = _parser(chosen).parse_args(argv)
    try:
        result = _module(args.command).run(args)
    except (LayerLabError, FileNotFoundError, ValueError) as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    try:
        print(_printable(result, getattr(args, "json", False)))
        sys.stdout.flush()
    except BrokenPipeError:
        # Piped into `head`, which stopped reading: what it read is what was wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    # A result may say the command did not fully succeed (lint --fix with findings left).
    return getattr(result, "exit_code", 0)
