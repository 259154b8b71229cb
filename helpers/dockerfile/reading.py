"""Reading a Dockerfile as the builder would, refusing what the builder refuses.

`lint` and `predict` never build, so nothing else would tell a learner that their file is
broken: they would get advice, or a prediction, for a file no builder accepts. The checks
and their wording are the builder's own (BuildKit's Dockerfile frontend, which the classic
builder shares); `tests/test_reading.py` holds each one to the messages of the real engine.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from ..i18n import _
from ..results.errors import BrokenDockerfile, MissingFile
from .parsing import Instruction, parse_dockerfile

KEYWORDS = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})  # fmt: skip
_AT_LEAST_ONE = frozenset(
    {"ARG", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "ONBUILD", "SHELL", "VOLUME"}
)
# The builder reads the rest of these lines as one argument, spaces and all: only none is wrong.
_EXACTLY_ONE = frozenset({"WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER"})
# The flags of Docker 26's built-in frontend and later ones. A `# syntax=` line picks another
# frontend, whose flags may be newer still: then flags are left to the builder.
_FLAGS = {
    "FROM": {"platform"},
    "RUN": {"mount", "network", "security", "device"},
    "COPY": {"from", "chown", "chmod", "link", "parents", "exclude"},
    "ADD": {"chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"},
}


def read_dockerfile(dockerfile: str | os.PathLike[str]) -> tuple[Instruction, ...]:
    """The instructions of `dockerfile`, or the error a builder would give for it."""
    path = Path(dockerfile)
    if path.is_dir():
        raise MissingFile(
            _(
                "{path} is a folder. Pass the path of the Dockerfile itself, such as {example}."
            ).format(path=path, example=path / "Dockerfile")
        )
    if not path.is_file():
        if path.is_absolute():
            message = _(
                "No Dockerfile at {path}: there is no such file. Check the spelling, or give the "
                "Dockerfile's full path."
            )
        else:
            message = _(
                "No Dockerfile at {path} (from {folder}): there is no such file. Check the "
                "spelling, or give the Dockerfile's full path."
            )
        raise MissingFile(message.format(path=path, folder=Path.cwd()))
    data = path.read_bytes()
    # The builder does not check the encoding (a Latin-1 é in a comment is fine), but a NUL
    # byte is no text editor's doing.
    text = data.decode("utf-8", "replace")
    if "\x00" in text:
        raise BrokenDockerfile(
            _(
                "{path} is not a text file, so it cannot be a Dockerfile. Pass the path of the "
                "Dockerfile."
            ).format(path=path)
        )
    return check_dockerfile(text, str(path))


def check_dockerfile(text: str, name: str = "Dockerfile") -> tuple[Instruction, ...]:
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write
    if not text.strip():
        raise BrokenDockerfile(
            _(
                "{name}: the Dockerfile cannot be empty (the builder refuses it). Start it with "
                "a FROM line."
            ).format(name=name)
        )
    instructions = parse_dockerfile(text)
    if not instructions:
        raise BrokenDockerfile(
            _(
                "{name}: file with no instructions (only comments or blank lines), which the "
                "builder refuses. Start it with a FROM line."
            ).format(name=name)
        )
    own_frontend = bool(re.match(r"\s*#\s*syntax\s*=", text))
    for instruction in instructions:
        problem = _problem(instruction, text, own_frontend)
        if problem:
            # Translators: {problem} is the builder's own words, in English, as Docker prints
            # them (`unknown instruction: COPPY`).
            raise BrokenDockerfile(
                _(
                    "{name}: dockerfile parse error on line {line}: {problem}. The builder would "
                    "refuse this file: fix line {line} and try again."
                ).format(name=name, line=instruction.line, problem=problem),
                line=instruction.line,
            )
    first_stage_step = next((i for i in instructions if i.keyword != "ARG"), None)
    if first_stage_step is not None and first_stage_step.keyword != "FROM":
        raise BrokenDockerfile(
            _(
                "{name}: no build stage in current context: line {line} ({keyword}) comes "
                "before any FROM. Only ARG may come before the first FROM."
            ).format(name=name, line=first_stage_step.line, keyword=first_stage_step.keyword),
            line=first_stage_step.line,
        )
    return instructions


def _written_keyword(instruction: Instruction, text: str) -> str:
    line = text.splitlines()[instruction.line - 1].lstrip()
    return line.split(maxsplit=1)[0] if line else instruction.keyword


def _problem(instruction: Instruction, text: str, own_frontend: bool) -> str | None:
    keyword = instruction.keyword
    if keyword not in KEYWORDS:
        written = _written_keyword(instruction, text)
        close = difflib.get_close_matches(keyword, KEYWORDS, n=1, cutoff=0.6)
        return f"unknown instruction: {written}" + (f" (did you mean {close[0]}?)" if close else "")
    words = instruction.value.split()
    flags = list(_leading_flags(words)) if keyword in _FLAGS else []
    for flag in flags:
        name, has_value, value = flag[2:].partition("=")
        if name.lower() not in _FLAGS[keyword]:
            if own_frontend:
                continue
            return f"unknown flag: {name}"
        if name.lower() not in ("link", "parents", "keep-git-dir") and not (has_value and value):
            return f"missing a value on flag: {name}"
    arguments = words[len(flags) :]
    if keyword == "FROM" and not (
        len(arguments) == 1 or (len(arguments) == 3 and arguments[1].lower() == "as")
    ):
        return "FROM requires either one or three arguments"
    if keyword in ("COPY", "ADD") and len(instruction.arguments) < 2:
        return (
            f"{keyword} requires at least two arguments, but only one was provided. "
            "Destination could not be determined"
        )
    if keyword in _AT_LEAST_ONE and not arguments:
        return f"{keyword} requires at least one argument"
    if keyword in _EXACTLY_ONE and not arguments:
        return f"{keyword} requires exactly one argument"
    if keyword == "ENV" and len(arguments) == 1 and "=" not in arguments[0]:
        return "ENV must have two arguments"
    return None


def _leading_flags(words: list[str]):
    for word in words:
        if not word.startswith("--"):
            return
        yield word
