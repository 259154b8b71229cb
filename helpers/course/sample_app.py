"""The course's own project: the article's sample app, and the one-line change it rebuilds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

SAMPLE_APP = Path(__file__).resolve().parents[2] / "sample_app"
SAMPLE_DOCKERFILES = ("Dockerfile.common", "Dockerfile.reordered")
SAMPLE_CHANGE = "source/app.py"

_SLASH_COMMENTS = {".js", ".ts", ".go", ".rs", ".java", ".c", ".cc", ".cpp", ".h", ".kt", ".swift"}


def one_line_change(path: Path, text: str | None = None) -> str:
    """Append one line to `path` and return it: a comment, or `text` followed by one.

    The comment is new on every run, so the rebuild can never find it in the cache from an
    earlier run: what the learner measures is a real change. (`text` such as a package for
    requirements.txt, where pip reads a comment after two spaces as a comment.)
    """
    marker = "//" if path.suffix in _SLASH_COMMENTS else "#"
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    line = f"{marker} Layer Lab edit {uuid.uuid4().hex[:8]} at {stamp}"
    if text:
        line = f"{text}  {line}"
    text = path.read_text()
    path.write_text(text + ("" if text.endswith("\n") or not text else "\n") + line + "\n")
    return line


# Small projects of other ecosystems, each with the Dockerfile most people write first, for
# the lesson on your own project: `lint --fix --verify` on each shows the rewrite at work.
PROJECTS = SAMPLE_APP / "projects"
EXAMPLE_PROJECTS = {
    "pip": PROJECTS / "pip",
    "Poetry": PROJECTS / "poetry",
    "uv": PROJECTS / "uv",
    "Node (npm)": PROJECTS / "node",
    "Go": PROJECTS / "go",
}
# One the rewrite must refuse: the project installs itself, dependencies and all, in one step.
REFUSED_EXAMPLE = PROJECTS / "package"
