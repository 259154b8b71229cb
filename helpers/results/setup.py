"""Whether this machine is ready for the course, check by check, with what to do."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable


@dataclass(frozen=True)
class Check(JsonSerializable):
    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class SetupReport(ShowsItself, JsonSerializable):
    checks: tuple[Check, ...]
    mode: str = "live"
    """live: builds run on this engine; recorded: results replayed from a real run."""

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def problems(self) -> str:
        """The failed checks in one line, or "" when there are none."""
        return ", ".join(
            f"{_(check.name)}: {check.detail}" for check in self.checks if not check.ok
        )

    def table(self) -> Table:
        if self.mode == "recorded":
            verdict = _(
                "Recorded mode. No Docker engine answered, so every result in this notebook is "
                "replayed from a recording of a real run, and says so. The Mode row says how to "
                "get a live engine."
            )
        elif self.ok:
            verdict = _("Ready. Everything this course needs is here.")
        else:
            verdict = _("Not ready yet. Fix the rows marked ❌, then run this cell again.")
        return Table(
            verdict,
            ("", _("check"), _("result"), _("what to do")),
            tuple(
                (
                    _("✅ ok") if check.ok else _("❌ fix"),
                    # The checks' names are keys, marked for the catalogue where they are made.
                    _(check.name),
                    check.detail,
                    check.fix,
                )
                for check in self.checks
            ),
        )
