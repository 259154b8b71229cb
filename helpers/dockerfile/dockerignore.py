"""Which files `.dockerignore` keeps out of the build context, decided as the Docker SDK decides.

The SDK's matcher (`docker.utils.build.PatternMatcher`, Apache-2.0, docker/docker-py) is what
builds the tarball the engine receives, so its answers are the ones that count. It lives in
a module that imports the whole SDK (requests, urllib3, websockets: a third of a second), and
this analysis runs without an engine, so its matching rules are carried here unchanged:
`tests/test_dockerignore.py` holds this copy to the installed SDK's answers on every pattern
and path of a generated corpus, so a change upstream shows up as a failing test.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

_SEPARATOR = re.compile(r"/")


def dockerignore_patterns(context_dir: Path) -> list[str]:
    """The patterns of the context's .dockerignore, read as the SDK reads them."""
    ignore_file = Path(context_dir) / ".dockerignore"
    if not ignore_file.is_file():
        return []
    lines = (line.strip() for line in ignore_file.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _split(path: str) -> list[str]:
    return [part for part in _SEPARATOR.split(path) if part and part != "."]


class _Pattern:
    def __init__(self, text: str) -> None:
        self.exclusion = text.startswith("!")
        self.dirs = self._normalize(text[1:] if self.exclusion else text)
        self.cleaned = "/".join(self.dirs)

    @staticmethod
    def _normalize(text: str) -> list[str]:
        # Go's filepath.Clean: "." goes, ".." takes the component before it with it.
        parts, index = _split(text.strip()), 0
        while index < len(parts):
            if parts[index] == "..":
                del parts[index]
                if index > 0:
                    del parts[index - 1]
                    index -= 1
            else:
                index += 1
        return parts

    def match(self, path: str) -> bool:
        return _compiled(self.cleaned.lower()).match(path.lower()) is not None


class DockerignoreMatcher:
    """`matches(path)` is True when the build context leaves `path` (relative, with `/`) out."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [pattern for pattern in map(_Pattern, patterns) if pattern.dirs]
        self.patterns.append(_Pattern("!.dockerignore"))

    def matches(self, path: str) -> bool:
        matched = False
        parent = os.path.dirname(path)
        parent_dirs = _split(parent)
        for pattern in self.patterns:
            match = pattern.match(path)
            if not match and parent != "" and len(pattern.dirs) <= len(parent_dirs):
                match = pattern.match("/".join(parent_dirs[: len(pattern.dirs)]))
            if match:
                matched = not pattern.exclusion
        return matched


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """The SDK's translation of a pattern: `*` and `?` stay within a folder, `**` crosses them."""
    index, length, regex = 0, len(pattern), "^"
    while index < length:
        char = pattern[index]
        index += 1
        if char == "*":
            if index < length and pattern[index] == "*":
                index += 1
                if index < length and pattern[index] == "/":
                    index += 1
                regex += ".*" if index >= length else "(.*/)?"
            else:
                regex += "[^/]*"
        elif char == "?":
            regex += "[^/]"
        elif char == "[":
            end = index
            if end < length and pattern[end] == "!":
                end += 1
            if end < length and pattern[end] == "]":
                end += 1
            while end < length and pattern[end] != "]":
                end += 1
            if end >= length:
                regex += "\\["
            else:
                body = pattern[index:end].replace("\\", "\\\\")
                index = end + 1
                if body[0] == "!":
                    body = "^" + body[1:]
                elif body[0] == "^":
                    body = "\\" + body
                regex += f"[{body}]"
        else:
            regex += re.escape(char)
    return re.compile(regex + "$")
