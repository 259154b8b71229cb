"""What lesson 12 measured about BuildKit: pip's downloads with and without a cache mount,
and a fresh CI runner's build with and without a previous build's cache."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .build import BuildResult
from .display import ShowsItself, Table
from .experiment import EngineInfo
from .serialize import JsonSerializable
from .units import human_bytes


@dataclass(frozen=True)
class PipDownloads(JsonSerializable):
    """What one pip step fetched, as its own output tells: `Downloading NAME (SIZE)` for each
    file from the index; `Using cached NAME` or `File was already downloaded PATH` for each
    file it already had."""

    downloaded_files: int
    downloaded_bytes: int
    """The sizes pip prints, rounded as it prints them (`16.3 MB`)."""
    cached_files: int


@dataclass(frozen=True)
class CacheReuse(ShowsItself, JsonSerializable):
    """A pipeline's image built three times: as the last CI run built it (its cache inline in
    the image), then on a fresh runner with an empty cache, with and without `--cache-from`."""

    previous: BuildResult
    cold: BuildResult
    """A fresh runner, no cache at all: every step runs."""
    warm: BuildResult
    """A fresh runner given `--cache-from` the previous run's image."""
    method: str
    """How the cache travelled: inline in the image, or exported to a folder."""
    forgotten_bytes: int
    """What pruning this lesson's own cache records reclaimed before the cold build."""
    engine: EngineInfo
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""

    @property
    def reused(self) -> bool:
        """The warm build took every step that runs a command from the imported cache."""
        return bool(self.warm.steps_cached) and not self.warm.rebuilt_steps

    @property
    def speedup(self) -> float:
        return self.cold.seconds / max(self.warm.seconds, 1e-9)

    def table(self) -> Table:
        rows = tuple(
            (
                name,
                f"{build.seconds:.2f}",
                _("{cached} of {total}").format(cached=build.steps_cached, total=build.steps_total),
            )
            for name, build in (
                (_("the last CI run, keeping its cache"), self.previous),
                (_("fresh runner, empty cache"), self.cold),
                (_("fresh runner, given the last run's cache"), self.warm),
            )
        )
        if self.reused:
            verdict = _(
                "With the last run's cache the fresh runner built in {warm:.2f} s instead of "
                "{cold:.2f} s ({speedup:,.0f} times faster)."
            ).format(warm=self.warm.seconds, cold=self.cold.seconds, speedup=self.speedup)
        else:
            ran = ", ".join(step.label for step in self.warm.rebuilt_steps) or _("none")
            verdict = _(
                "This engine did not reuse {method}: steps {steps} ran again. "
                "(Docker {version}, {image_store}.)"
            ).format(
                method=_(self.method),
                steps=ran,
                version=self.engine.version,
                image_store=self.engine.image_store,
            )
        return Table(
            verdict,
            (_("build"), _("seconds"), _("steps from cache")),
            rows,
            (
                _("The cache travelled as {method}.").format(method=_(self.method)),
                _(
                    "Before the cold build the course pruned only its own cache records "
                    "({size}): the records that descend from this run's first step, which "
                    "holds a run id no other build writes."
                ).format(size=human_bytes(self.forgotten_bytes)),
            ),
            recorded=self.recorded,
            numeric=(1,),
        )
