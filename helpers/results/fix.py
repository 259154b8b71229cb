"""What `lint --fix` did to a Dockerfile: each cache-order finding rewritten, or why not."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import human_bytes, shown_builder


@dataclass(frozen=True)
class FixStep(JsonSerializable):
    line: int
    """The finding's line in the original Dockerfile."""
    rewritten: bool
    what: str
    """What the rewrite did; or, when it did nothing, why, and the step to take by hand."""


@dataclass(frozen=True)
class Fix(ShowsItself, JsonSerializable):
    dockerfile: str
    original: str
    rewritten: str
    steps: tuple[FixStep, ...]
    written: bool = False
    """Whether the rewrite was saved over the file (`--write`)."""

    @property
    def changed(self) -> bool:
        return self.rewritten != self.original

    @property
    def exit_code(self) -> int:
        """For the command line: 0 when every finding was rewritten (or there was none), 2 when
        some must be fixed by hand, so that a script can tell."""
        return 2 if any(not step.rewritten for step in self.steps) else 0

    def diff(self) -> str:
        """The rewrite as a unified diff, as `git diff` shows one."""
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.rewritten.splitlines(keepends=True),
                fromfile=f"a/{self.dockerfile}",
                tofile=f"b/{self.dockerfile}",
            )
        )

    def summary(self) -> dict:
        return {
            "file": self.dockerfile,
            "changed": self.changed,
            "steps": [step.to_dict() for step in self.steps],
            "diff": self.diff(),
        }

    def table(self) -> Table:
        done = sum(step.rewritten for step in self.steps)
        if self.steps:
            headline = _(
                "{dockerfile}: {done} of {count} cache-order finding(s) rewritten."
            ).format(dockerfile=self.dockerfile, done=done, count=len(self.steps))
        else:
            headline = _("{dockerfile}: no cache-order finding, nothing to rewrite.").format(
                dockerfile=self.dockerfile
            )
        notes = [
            (
                _("line {line}: rewritten: {what}")
                if step.rewritten
                else _("line {line}: not rewritten: {what}")
            ).format(line=step.line, what=step.what)
            for step in self.steps
        ]
        if self.changed:
            notes.append(self.diff().rstrip("\n"))
        if self.written:
            notes.append(_("Saved to {dockerfile}.").format(dockerfile=self.dockerfile))
        elif self.changed:
            notes.append(_("Not saved: add --write to save it."))
        return Table(headline, notes=tuple(notes))


@dataclass(frozen=True)
class FixVerdict(ShowsItself, JsonSerializable):
    """The original and the rewrite built side by side, their images compared, then rebuilt
    after the same one-line change to a source file."""

    fix: Fix
    changed_path: str
    same_files: bool
    file_differences: tuple[str, ...]
    """The first differences in the final filesystems (path, type, mode, owner, size,
    content), timestamps aside."""
    volatile_files: int
    """Files that differ only as they would between any two builds of the same step: logs
    and caches, and what also differed between two builds of the Dockerfile as written."""
    same_config: bool
    config_differences: tuple[str, ...]
    """Differences in entrypoint, command, environment, working folder, user, exposed ports."""
    rebuild_before_s: float
    rebuild_after_s: float
    reused_before: int
    reused_after: int
    steps_before: int
    steps_after: int
    new_bytes_before: int
    new_bytes_after: int
    builder: str

    @property
    def same_image(self) -> bool:
        return self.same_files and self.same_config

    @property
    def exit_code(self) -> int:
        """For the command line: 0 for the same image, 3 when the images differ."""
        return 0 if self.same_image else 3

    def sentence(self) -> str:
        if self.same_image:
            return _(
                "Same image, and the rebuild after a code change went from {before:.1f} s to "
                "{after:.1f} s."
            ).format(before=self.rebuild_before_s, after=self.rebuild_after_s)
        what = [*self.file_differences[:3], *self.config_differences[:3]]
        return _("Not the same image: {differences}.").format(differences="; ".join(what))

    def summary(self) -> dict:
        return {
            "same_image": self.same_image,
            "sentence": self.sentence(),
            "changed_path": self.changed_path,
            "file_differences": list(self.file_differences),
            "config_differences": list(self.config_differences),
            "rebuild_s": {"before": self.rebuild_before_s, "after": self.rebuild_after_s},
            "steps_reused": {
                "before": f"{self.reused_before}/{self.steps_before}",
                "after": f"{self.reused_after}/{self.steps_after}",
            },
            "new_bytes": {"before": self.new_bytes_before, "after": self.new_bytes_after},
            "builder": self.builder,
        }

    def table(self) -> Table:
        rows = (
            (
                _("as written"),
                f"{self.rebuild_before_s:.1f}",
                f"{self.reused_before}/{self.steps_before}",
                human_bytes(self.new_bytes_before),
            ),
            (
                _("rewritten"),
                f"{self.rebuild_after_s:.1f}",
                f"{self.reused_after}/{self.steps_after}",
                human_bytes(self.new_bytes_after),
            ),
        )
        return Table(
            self.sentence(),
            ("Dockerfile", _("rebuild (s)"), _("steps reused"), _("new bytes")),
            rows,
            notes=(
                _("After one line added to {path}, with the {builder} builder.").format(
                    path=self.changed_path, builder=shown_builder(self.builder)
                ),
                *(
                    [
                        _(
                            "{count} file(s) differ as they do between any two builds of the "
                            "same step (logs, caches, and what differed between two builds of "
                            "the Dockerfile as written): not counted."
                        ).format(count=self.volatile_files)
                    ]
                    if self.volatile_files
                    else []
                ),
                *self.file_differences,
                *self.config_differences,
            ),
            numeric=(1,),
        )
