"""Reading a Dockerfile into steps, numbered as the classic builder's `Step N/M` lines."""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass

from dockerfile_parse import DockerfileParser


@dataclass(frozen=True)
class Instruction:
    number: int
    """As the builder counts: every instruction is a step, FROM and ARG included."""
    keyword: str
    """Upper case: FROM, RUN, COPY..."""
    value: str
    """Everything after the keyword, continuation lines joined."""
    line: int
    """1-based line where the instruction starts."""
    stage: int
    """0 for the first FROM's stage, and so on; -1 for an ARG before any FROM."""
    flags: dict[str, str]
    arguments: tuple[str, ...]
    """The words after the flags: for COPY/ADD the sources then the destination."""
    end_line: int = 0
    """1-based line where the instruction ends (its last continuation or heredoc line)."""

    @property
    def text(self) -> str:
        return f"{self.keyword} {self.value}"


def _split_flags(keyword: str, value: str) -> tuple[dict[str, str], tuple[str, ...]]:
    if keyword not in ("COPY", "ADD", "FROM", "RUN"):
        return {}, ()
    stripped = value.strip()
    flags: dict[str, str] = {}
    words: list[str]
    if keyword in ("COPY", "ADD"):
        while stripped.startswith("--"):
            flag, _space, stripped = stripped.partition(" ")
            name, _equals, flag_value = flag[2:].partition("=")
            flags[name.lower()] = flag_value
            stripped = stripped.strip()
        if stripped.startswith("["):
            try:
                words = [str(word) for word in json.loads(stripped)]
            except json.JSONDecodeError:
                words = shlex.split(stripped)
        else:
            words = stripped.split()
        return flags, tuple(words)
    return flags, tuple(stripped.split())


# `RUN <<EOF` ... `EOF` (BuildKit's heredocs): the lines between belong to the instruction.
_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")


def _fold_heredocs(text: str) -> tuple[str, dict[int, str], dict[int, int]]:
    """The text with heredoc bodies blanked (so that line numbers stay), each body by the
    0-based line of the instruction that opened it, and the line of its last end word."""
    lines = text.splitlines(keepends=True)
    bodies: dict[int, str] = {}
    ends: dict[int, int] = {}
    index = 0
    while index < len(lines):
        opener = index
        for strip_tabs, _quote, word in _HEREDOC.findall(lines[opener]):
            body = []
            index += 1
            while index < len(lines):
                line = lines[index].rstrip("\r\n")
                lines[index] = "\n"
                if (line.lstrip("\t") if strip_tabs else line) == word:
                    break
                body.append(line)
                index += 1
            bodies[opener] = bodies.get(opener, "") + "\n" + "\n".join(body)
            ends[opener] = min(index, len(lines) - 1)
        index += 1
    return "".join(lines), bodies, ends


def _keep_blank_lines_in_continuations(text: str) -> str:
    """The builder skips a blank line inside a continued instruction (it only warns);
    dockerfile_parse would end the instruction there. An escape character alone on the line
    continues it the same way, and keeps the line numbers."""
    escape = "`" if re.match(r"\s*#\s*escape\s*=\s*`", text) else "\\"
    lines = text.splitlines(keepends=True)
    continuing = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if continuing and not stripped:
            lines[index] = escape + "\n"
            continue
        if stripped.startswith("#") and continuing:
            continue  # a comment inside a continued instruction is dropped by both
        continuing = stripped.endswith(escape)
    return "".join(lines)


def parse_dockerfile(text: str) -> tuple[Instruction, ...]:
    text = _keep_blank_lines_in_continuations(text.removeprefix("\ufeff"))
    text, heredocs, heredoc_ends = _fold_heredocs(text)
    parsed = DockerfileParser(fileobj=io.BytesIO(text.encode()))
    entries = sorted(
        (entry for entry in parsed.structure if entry["instruction"] != "COMMENT"),
        key=lambda entry: entry["startline"],
    )
    instructions = []
    stage = -1
    for number, entry in enumerate(entries, start=1):
        keyword = entry["instruction"].upper()
        if keyword == "FROM":
            stage += 1
        value = entry["value"] + heredocs.get(entry["startline"], "")
        flags, arguments = _split_flags(keyword, entry["value"])
        start = entry["startline"] + 1
        end = max(entry["endline"], heredoc_ends.get(entry["startline"], -1)) + 1
        instructions.append(
            Instruction(number, keyword, value, start, stage, flags, arguments, end)
        )
    return tuple(instructions)


def stage_names(instructions: tuple[Instruction, ...]) -> dict[str, int]:
    """`FROM image AS name` gives stage `name`; stages can also be named by their number."""
    names = {}
    for instruction in instructions:
        if instruction.keyword == "FROM":
            words = instruction.value.split()
            if len(words) >= 3 and words[-2].lower() == "as":
                names[words[-1].lower()] = instruction.stage
            names[str(instruction.stage)] = instruction.stage
    return names


@dataclass(frozen=True)
class Mount:
    """One `RUN --mount=...`, as far as the cache and the advisor care."""

    kind: str
    """bind (the default), cache, tmpfs, secret or ssh."""
    source: str
    """What it mounts: a path in the build context, or in `origin`; "" for the whole of it."""
    origin: str | None
    """The `from=` stage or image; None for the build context."""
    target: str = ""
    """Where it is mounted in the step's filesystem."""


def run_mounts(instruction: Instruction) -> tuple[Mount, ...]:
    mounts = []
    for word in instruction.value.split():
        if not word.startswith("--"):
            break  # the flags come first; the command follows
        flag, _equals, value = word[2:].partition("=")
        if flag.lower() != "mount":
            continue
        options = {}
        for part in value.split(","):
            key, _equals, option = part.partition("=")
            options[key.strip().lower()] = option.strip()
        mounts.append(
            Mount(
                options.get("type", "bind").lower(),
                options.get("source", options.get("src", "")),
                options.get("from") or None,
                options.get("target", options.get("dst", options.get("destination", ""))),
            )
        )
    return tuple(mounts)
