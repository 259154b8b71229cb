"""What the instructor's warm-up built, so that a room's first builds come from the cache."""

from __future__ import annotations

from dataclasses import dataclass

from .display import ShowsItself, Table
from .serialize import JsonSerializable


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
        verdict = (
            f"Warmed this engine in {seconds:.0f} s: {len(self.builds) - len(failed)} of "
            f"{len(self.builds)} lesson builds are in its cache ({self.builder} builder)."
        )
        return Table(
            verdict,
            ("Dockerfile", "seconds", "from the cache already", "problem"),
            tuple(
                (
                    build.dockerfile,
                    f"{build.seconds:.1f}",
                    f"{build.steps_cached} of {build.steps_total} steps",
                    build.error.splitlines()[0] if build.error else "",
                )
                for build in self.builds
            ),
            (
                "Run it again just before the session: a warm-up that finds everything in the "
                "cache takes seconds.",
            ),
            numeric=(1,),
        )
