"""Which files `.dockerignore` keeps out of the build context, decided as each builder decides.

The two builders do not agree, so the predictor asks the one it predicts for:
- The classic builder gets the tarball the Docker SDK makes (`docker.utils.build`, Apache-2.0,
  docker/docker-py). Its walk skips a folder a pattern matches unless an exception (`!...`)
  starts with the folder's path; inside, a file is judged by `PatternMatcher.matches`, which
  checks a pattern against only one of the file's parent folders. That module imports the
  whole SDK (a third of a second) and this analysis runs without an engine, so its rules are
  carried here unchanged: `tests/test_dockerignore.py` holds this copy to the installed SDK's
  `exclude_paths` on generated trees, so a change upstream shows up as a failing test.
- BuildKit gets the context from the CLI's file walker (tonistiigi/fsutil with
  moby/patternmatcher's `MatchesUsingParentResults`): a pattern that matched a folder counts
  as matched for everything inside it, and only an exception can bring a file back. It reads
  `<Dockerfile>.dockerignore` beside the Dockerfile in preference to the context's, matches
  case-sensitively, and cleans each pattern as Go's `filepath.Clean` does.
So `**/__pycache__` followed by `!a/b/__pycache__/keep.pyc` sends `a/b/__pycache__/other.pyc`
to the classic builder and not to BuildKit: the real-builder suite builds that case on both.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from pathlib import Path

from ..i18n import _
from ..results.errors import UnreadableFile

_SEPARATOR = re.compile(r"/")


def _read_text(ignore_file: Path) -> str:
    try:
        text = ignore_file.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise UnreadableFile(
            _(
                "{file} is not UTF-8 text (PowerShell's `echo ... > .dockerignore` writes "
                "UTF-16), and the builder would not read its patterns. Save it as UTF-8."
            ).format(file=ignore_file)
        )
    return text


def dockerignore_patterns(context_dir: Path) -> list[str]:
    """The patterns of the context's .dockerignore, read as the SDK reads them."""
    ignore_file = Path(context_dir) / ".dockerignore"
    if not ignore_file.is_file():
        return []
    lines = (line.strip() for line in _read_text(ignore_file).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def context_filter(context_dir: Path, dockerfile: Path, builder: str):
    """What decides, for `builder`, whether a file of the context is sent: an object whose
    `sends(path)` takes a path relative to the context, with `/`."""
    context_dir, dockerfile = Path(context_dir), Path(dockerfile)
    if builder == "buildkit":
        own = dockerfile.with_name(dockerfile.name + ".dockerignore")
        ignore_file = own if own.is_file() else context_dir / ".dockerignore"
        text = _read_text(ignore_file) if ignore_file.is_file() else ""
        return BuildKitIgnore(text.removeprefix("\ufeff").splitlines())
    try:
        name = dockerfile.resolve().relative_to(context_dir.resolve()).as_posix()
    except ValueError:
        name = None  # outside the context: the SDK adds it to the tarball under its own name
    return DockerignoreMatcher(dockerignore_patterns(context_dir), name or "Dockerfile")


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
    """The SDK's matcher. `matches(path)` is its own answer for one path (relative, with `/`);
    `sends(path)` is whether the file reaches the classic builder, its walk included."""

    def __init__(self, patterns: list[str], dockerfile: str | None = None) -> None:
        # exclude_paths adds `!Dockerfile` (the name it was given); PatternMatcher adds
        # `!.dockerignore` after it.
        patterns = [*patterns, f"!{dockerfile}"] if dockerfile else list(patterns)
        self.patterns = [pattern for pattern in map(_Pattern, patterns) if pattern.dirs]
        self.patterns.append(_Pattern("!.dockerignore"))

    def sends(self, path: str) -> bool:
        parts = _split(path)
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if self.matches(folder) and not any(
                pattern.exclusion and pattern.cleaned.startswith(folder)
                for pattern in self.patterns
            ):
                return False  # the walk never enters this folder
        return not self.matches("/".join(parts))

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
    """The SDK's translation of a pattern (docker.utils.fnmatch): `*` and `?` stay within a
    folder, `**` crosses them, `[!...]` negates. BuildKit's (`_GoPattern`) differs in
    `[!...]`, case and `**` at the start, so each builder keeps its own."""
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


def _go_clean(path: str) -> str:
    """Go's path.Clean, for slash-separated paths: posixpath.normpath's, except that POSIX
    keeps a leading `//` where Go makes it one `/`."""
    cleaned = posixpath.normpath(path)
    return cleaned[1:] if cleaned.startswith("//") else cleaned


class _GoPattern:
    """One pattern as moby/patternmatcher compiles it."""

    def __init__(self, text: str) -> None:
        self.exclusion = text.startswith("!")
        self.cleaned = text[1:] if self.exclusion else text
        self.kind, self.regex = self._compile(self.cleaned)

    @staticmethod
    def _compile(pattern: str) -> tuple[str, re.Pattern[str] | None]:
        kind, regex, index = "exact", "^", 0
        while index < len(pattern):
            char = pattern[index]
            first = index == 0
            index += 1
            if char == "*":
                if index < len(pattern) and pattern[index] == "*":
                    index += 1
                    if index < len(pattern) and pattern[index] == "/":
                        index += 1
                    if index >= len(pattern):
                        if kind == "exact":
                            kind = "prefix"
                        else:
                            regex, kind = regex + ".*", "regexp"
                    else:
                        regex, kind = regex + "(.*/)?", "regexp"
                    if first:
                        kind = "suffix"
                else:
                    regex, kind = regex + "[^/]*", "regexp"
            elif char == "?":
                regex, kind = regex + "[^/]", "regexp"
            elif char in ".+()|{}$":
                regex += "\\" + char
            elif char == "\\":
                if index < len(pattern):
                    regex, kind = regex + re.escape(pattern[index]), "regexp"
                    index += 1
                else:
                    regex += "\\\\"
            elif char in "[]":
                regex, kind = regex + char, "regexp"
            else:
                regex += char
        if kind != "regexp":
            return kind, None
        try:
            return kind, re.compile(regex + "$")
        except re.error:
            return "never", None

    def match(self, path: str) -> bool:
        if self.kind == "exact":
            return path == self.cleaned
        if self.kind == "prefix":
            return path.startswith(self.cleaned[:-2])
        if self.kind == "suffix":
            suffix = self.cleaned[2:]
            return path.endswith(suffix) or (suffix.startswith("/") and path == suffix[1:])
        return self.regex is not None and self.regex.match(path) is not None


class BuildKitIgnore:
    """BuildKit's reading of a .dockerignore; `sends(path)` walks to `path` as the CLI's file
    walker does, carrying each folder's matches down to what it holds."""

    def __init__(self, lines: list[str]) -> None:
        self.patterns = [_GoPattern(text) for text in map(self._read, lines) if text]

    @staticmethod
    def _read(line: str) -> str:
        # moby/buildkit's dockerignore.ReadAll (a comment is a line starting with #, before
        # spaces are trimmed), then patternmatcher.NewPatterns.
        if line.startswith("#"):
            return ""
        pattern = line.strip()
        if not pattern:
            return ""
        invert = pattern.startswith("!")
        if invert:
            pattern = pattern[1:].strip()
        if pattern:
            pattern = _go_clean(pattern)
            if len(pattern) > 1 and pattern.startswith("/"):
                pattern = pattern[1:]
        return ("!" if invert else "") + pattern if pattern else ""

    def sends(self, path: str) -> bool:
        parts = _split(path)
        parent: list[bool] | None = None
        matched = False
        for depth in range(1, len(parts) + 1):
            matched, parent = self._match("/".join(parts[:depth]), parent)
        return not matched

    def _match(self, path: str, parent: list[bool] | None) -> tuple[bool, list[bool]]:
        matched, info = False, []
        for index, pattern in enumerate(self.patterns):
            match = bool(parent) and parent[index]
            if not match:
                if pattern.exclusion != matched:
                    info.append(False)
                    continue
                match = pattern.match(path)
            info.append(match)
            if match:
                matched = not pattern.exclusion
        return matched, info
