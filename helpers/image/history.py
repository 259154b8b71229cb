"""An image's layers, read from its history: what each instruction wrote, and how much.

Pure reading of the history the engine reports (and of the config in a saved image); the
engine layer asks the engine for it.
"""

from __future__ import annotations

import re

from ..results.build import Layer
from ..results.units import BASE_LAYER

_FILE_INSTRUCTIONS = ("RUN", "COPY", "ADD")
# Classic-builder RUN steps with build args in scope start with `|N KEY=value ...`.
_BUILD_ARGS_PREFIX = re.compile(r"^\|\d+ (?:\S+=\S* )*")
_SHELL_PREFIX = "/bin/sh -c "
_NOP = "#(nop) "


def instruction_from_history(created_by: str) -> str:
    """Turn a history CreatedBy into the instruction a learner wrote.

    The classic builder records `/bin/sh -c #(nop)  ENV A=1` for config-only steps and
    `/bin/sh -c pip install ...` for RUN; BuildKit records `RUN /bin/sh -c ... # buildkit`.
    """
    text = created_by.strip()
    if not text:
        return BASE_LAYER
    text = _BUILD_ARGS_PREFIX.sub("", text)
    if text.startswith(_SHELL_PREFIX):
        text = text[len(_SHELL_PREFIX) :].lstrip()
        if text.startswith(_NOP):
            return " ".join(text[len(_NOP) :].split())
        return "RUN " + text
    text = text.removesuffix("# buildkit").strip()
    if text.startswith("RUN "):
        command = _BUILD_ARGS_PREFIX.sub("", text[len("RUN ") :].lstrip())
        return "RUN " + command.removeprefix(_SHELL_PREFIX).lstrip()
    return text


def _writes_files(instruction: str, size_bytes: int) -> bool:
    keyword = instruction.split(" ", 1)[0].upper()
    if keyword in _FILE_INSTRUCTIONS or instruction == BASE_LAYER:
        return True
    # BuildKit can record a filesystem layer for WORKDIR; a size betrays it.
    return size_bytes > 0


def layers_from_history(history: list[dict], diff_ids: list[str]) -> tuple[Layer, ...]:
    """Layers oldest first. `diff_ids` (the image's RootFS) are matched to the entries that
    write files; if the counts disagree the match is unknowable and left as None."""
    entries = list(reversed(history))
    drafts = []
    for entry in entries:
        created_by = entry.get("CreatedBy") or ""
        size = int(entry.get("Size") or 0)
        instruction = instruction_from_history(created_by)
        metadata_only = not _writes_files(instruction, size)
        history_id = entry.get("Id") if str(entry.get("Id", "")).startswith("sha256:") else None
        drafts.append((instruction, created_by, size, metadata_only, history_id))
    writers = [i for i, draft in enumerate(drafts) if not draft[3]]
    if len(writers) != len(diff_ids):
        # BuildKit may store an empty layer for WORKDIR, which the history shows as 0 bytes.
        workdirs = {i for i, draft in enumerate(drafts) if draft[0].upper().startswith("WORKDIR")}
        with_workdirs = sorted(set(writers) | workdirs)
        if len(with_workdirs) == len(diff_ids):
            writers = with_workdirs
            drafts = [
                (*draft[:3], False, draft[4]) if i in workdirs else draft
                for i, draft in enumerate(drafts)
            ]
    matched = dict(zip(writers, diff_ids, strict=True)) if len(writers) == len(diff_ids) else {}
    return tuple(
        Layer(
            instruction=instruction,
            created_by=created_by,
            size_bytes=size,
            metadata_only=metadata_only,
            diff_id=matched.get(index),
            history_id=history_id,
        )
        for index, (instruction, created_by, size, metadata_only, history_id) in enumerate(drafts)
    )


def new_layers(before: tuple[Layer, ...], after: tuple[Layer, ...]) -> tuple[Layer, ...]:
    """Layers of `after` that `before` did not have: what a rebuild wrote anew."""
    known = {layer.diff_id for layer in before if layer.diff_id}
    if all(layer.diff_id for layer in after if not layer.metadata_only):
        return tuple(
            layer for layer in after if not layer.metadata_only and layer.diff_id not in known
        )
    # Without digests, compare position by position: the first difference and all after it.
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        if old.created_by != new.created_by or old.size_bytes != new.size_bytes:
            return tuple(layer for layer in after[index:] if not layer.metadata_only)
    return tuple(layer for layer in after[len(before) :] if not layer.metadata_only)
