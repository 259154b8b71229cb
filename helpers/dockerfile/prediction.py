"""Which steps will run again if these files change? The classic builder's cache, predicted.

The rules, as the classic builder applies them:
- A step is reused only if its parent image is the one it was built on and its instruction
  is the same; COPY and ADD also need the same checksum of the files they copy.
- So once one step of a stage runs again, every later step of that stage runs again.
- A changed file matters to a COPY/ADD only if the context sends it (.dockerignore, decided by
  the SDK's matching rules: dockerignore.py) and one of the instruction's sources covers it:
  the file itself, a folder above it, or a wildcard matching it or a folder above it (Go's
  filepath.Match: `*` does not cross `/`).
- `FROM stage` and `COPY --from=stage` depend on that stage. If the stage ran again, a
  `FROM stage` runs everything again; a `COPY --from` may still be reused when the stage
  produced byte-identical files, which no prediction can know: it says "unknown".
- ADD of a URL downloads every time to compare checksums: "unknown" too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..results.errors import MissingFile
from ..results.prediction import PredictedStep, Prediction
from .dockerignore import DockerignoreMatcher, dockerignore_patterns
from .parsing import Instruction, parse_dockerfile, stage_names


def _go_glob(pattern: str) -> re.Pattern[str]:
    """Go's filepath.Match, as the classic builder uses for COPY sources."""
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end]
                if body.startswith("^"):
                    body = "!" + body[1:]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def _clean(path: str) -> str:
    cleaned = os.path.normpath(path.replace("\\", "/")).lstrip("/")
    return "" if cleaned == "." else cleaned


def _source_covers(source: str, changed: str) -> bool:
    pattern = _clean(source)
    if pattern == "":
        return True  # "." copies the whole context
    parts = changed.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if any(char in pattern for char in "*?["):
        matcher = _go_glob(pattern)
        return any(matcher.match(prefix) for prefix in prefixes)
    return pattern in prefixes


def predict(
    context: str | os.PathLike[str],
    dockerfile: str | os.PathLike[str] = "Dockerfile",
    changed: tuple[str, ...] | list[str] = (),
) -> Prediction:
    """For each step of `dockerfile`, whether the classic builder will reuse it once the
    files `changed` (paths relative to `context`) have changed."""
    context_dir = Path(context).expanduser().resolve()
    path = Path(dockerfile)
    path = path if path.is_absolute() else context_dir / path
    if not path.is_file():
        raise MissingFile(
            f"No Dockerfile at {path}. Pass the Dockerfile's path relative to the context "
            f"({context_dir}), or an absolute path."
        )
    instructions = parse_dockerfile(path.read_text())
    ignored = DockerignoreMatcher(dockerignore_patterns(context_dir))
    sent = [c for c in (_clean(p) for p in changed) if c and not ignored.matches(c)]
    names = stage_names(instructions)

    stage_state: dict[int, bool | None] = {}  # True: fully reused; False: ran; None: unknown
    current: bool | None = True
    predicted = []
    for instruction in instructions:
        cached, reason = _step(instruction, current, sent, names, stage_state, changed)
        if instruction.keyword == "FROM" or instruction.stage < 0:
            current = cached if instruction.keyword == "FROM" else current
            predicted.append(
                PredictedStep(
                    instruction.number,
                    instruction.text,
                    True if cached is not False else cached,
                    reason,
                )
            )
        else:
            current = cached
            predicted.append(PredictedStep(instruction.number, instruction.text, cached, reason))
        if instruction.stage >= 0:
            stage_state[instruction.stage] = _worse(
                stage_state.get(instruction.stage, True), current
            )
    return Prediction(str(path), tuple(str(c) for c in changed), tuple(predicted))


def _worse(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _step(instruction: Instruction, current, sent, names, stage_state, changed):
    if instruction.stage < 0:
        return True, "an ARG before FROM runs nothing"
    if instruction.keyword == "FROM":
        base = instruction.value.split()[0].lower()
        if base in names and names[base] < instruction.stage:
            state = stage_state.get(names[base], True)
            if state is False:
                return False, f"stage {base} ran again, so this stage starts from a new image"
            if state is None:
                return None, f"stage {base} may have changed"
            return True, f"stage {base} was reused"
        return True, "the base image is the same"
    if current is False:
        return False, "an earlier step of this stage ran again"
    if instruction.keyword in ("COPY", "ADD"):
        sources = instruction.arguments[:-1]
        source_stage = instruction.flags.get("from")
        if source_stage is not None:
            state = stage_state.get(names.get(source_stage.lower(), -1), True)
            if source_stage.lower() not in names:
                return current, "copies from an image, which has not changed"
            if state is True:
                return current, f"stage {source_stage} was reused, so its files are the same"
            return None, (
                f"stage {source_stage} ran again: whether its files came out "
                "byte-identical cannot be known before building"
            )
        if instruction.keyword == "ADD" and any("://" in source for source in sources):
            return None, "ADD of a URL downloads it again to compare"
        touched = sorted({c for c in sent for s in sources if _source_covers(s, c)})
        if touched:
            return False, f"copies {', '.join(touched)}, which changed"
        unsent = [c for c in changed if c not in sent]
        if unsent:
            return (
                current,
                "the changed files are not among its sources (or .dockerignore leaves them out)",
            )
    if current is None:
        return None, "an earlier step may have run again"
    return True, "same parent, same instruction"
