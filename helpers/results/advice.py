"""What the Dockerfile advisor found: a rule, a line, what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class Finding(ShowsItself, JsonSerializable):
    rule: str
    line: int
    message: str
    fix: str

    def table(self) -> Table:
        return Table(
            _("line {line} [{rule}] {message}").format(
                line=self.line, rule=self.rule, message=self.message
            ),
            notes=(_("fix: {fix}").format(fix=self.fix),),
        )


@dataclass(frozen=True)
class Advice(ShowsItself, JsonSerializable):
    """Every finding for one Dockerfile, in line order. Iterate it like a tuple of findings."""

    dockerfile: str
    findings: tuple[Finding, ...]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def rules(self) -> set[str]:
        return {finding.rule for finding in self.findings}

    def summary(self) -> dict:
        return {"file": self.dockerfile, "findings": [f.to_dict() for f in self.findings]}

    def table(self) -> Table:
        return Table(
            _("{dockerfile}: {count} finding(s).").format(
                dockerfile=self.dockerfile, count=len(self.findings)
            ),
            notes=tuple(
                _("line {line} [{rule}] {message}\n    fix: {fix}").format(
                    line=f.line, rule=f.rule, message=f.message, fix=f.fix
                )
                for f in self.findings
            ),
        )
