"""What the instructor's warm-up built, so that a room's first builds come from the cache."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import shown_builder


@dataclass(frozen=True)
class WarmBuild(JsonSerializable):
    dockerfile: str
    """Relative to the sample app, such as `native/Dockerfile.multi-stage`."""
    seconds: float
    steps_cached: int
    steps_total: int
    error: str = ""
    """Why the build failed ("" when it did not): the others still ran."""


@dataclass(frozen=True)
class WarmReport(ShowsItself, JsonSerializable):
    builds: tuple[WarmBuild, ...]
    builder: str
    learner: str
    """The name the warm-up built under: its images are the room's, nobody's own."""

    @property
    def ok(self) -> bool:
        return all(not build.error for build in self.builds)

    def table(self) -> Table:
        seconds = sum(build.seconds for build in self.builds)
        failed = [build for build in self.builds if build.error]
        verdict = _(
            "Warmed this engine in {seconds:.0f} s: {warmed} of {total} lesson builds are in its "
            "cache ({builder} builder)."
        ).format(
            seconds=seconds,
            warmed=len(self.builds) - len(failed),
            total=len(self.builds),
            builder=shown_builder(self.builder),
        )
        return Table(
            verdict,
            ("Dockerfile", _("seconds"), _("from the cache already"), _("problem")),
            tuple(
                (
                    build.dockerfile,
                    f"{build.seconds:.1f}",
                    _("{cached} of {total} steps").format(
                        cached=build.steps_cached, total=build.steps_total
                    ),
                    build.error.splitlines()[0] if build.error else "",
                )
                for build in self.builds
            ),
            (
                _(
                    "Run it again just before the session: a warm-up that finds everything in "
                    "the cache takes seconds."
                ),
            ),
            numeric=(1,),
        )
