"""Where a build's cached layers came from: on an engine a room shares, often someone else."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import human_bytes

BUILT_HERE = "built here"
YOURS = "your earlier build"
WARM_UP = "the warm-up"
ANOTHER_LEARNER = "another learner"
GONE = "an earlier build"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class CacheOrigin(ShowsItself, JsonSerializable):
    """How much of a build came from the cache, and whose build filled it."""

    cached_bytes: int
    """Bytes of the layers this build's own steps took from the cache."""
    built_bytes: int
    """Bytes of the layers this build's own steps wrote now."""
    source: str
    """Whose build the largest cached layer came from: one of BUILT_HERE (little came from
    the cache), YOURS, WARM_UP, ANOTHER_LEARNER, GONE (no image on the engine holds it any
    more) or UNKNOWN (no layer digests, as in older recordings)."""
    image: str = ""
    """The image that holds that layer, when it is the learner's own or the warm-up's."""

    @property
    def mostly_cached(self) -> bool:
        return self.cached_bytes > self.built_bytes

    @property
    def someone_elses(self) -> bool:
        """The cache that made this build quick was filled by somebody else on the engine."""
        return self.mostly_cached and self.source in (WARM_UP, ANOTHER_LEARNER, GONE)

    def message(self) -> str:
        built, cached = human_bytes(self.built_bytes), human_bytes(self.cached_bytes)
        if not self.mostly_cached:
            return _(
                "This build ran its own steps: {built} of layers written now, {cached} from the "
                "cache."
            ).format(built=built, cached=cached)
        own_engine = _(
            "On an engine of your own this first build would have run every step and taken "
            "as long as a build from nothing. The rebuilds after your change are yours alone: "
            "the line you add is unique to you and this run, so no one's cache holds it."
        )
        if self.source == YOURS:
            return _(
                "{cached} of this build's layers came from the cache, from your own earlier "
                "build ({image}): that is why it was quick."
            ).format(cached=cached, image=self.image)
        if self.source == WARM_UP:
            came = _(
                "{cached} of this build's layers came from the cache, which your instructor "
                "filled before the session (`python -m helpers warm`), so nobody had to download "
                "the libraries again."
            )
        elif self.source == ANOTHER_LEARNER:
            came = _(
                "{cached} of this build's layers came from the cache, filled by another learner "
                "on this shared engine who built the same steps before you."
            )
        elif self.source == GONE:
            came = _(
                "{cached} of this build's layers came from the cache, from an earlier build on "
                "this engine whose image is gone (someone else's, or yours from an earlier "
                "session)."
            )
        else:
            return _(
                "{cached} of this build's layers came from the cache (whose build filled it, "
                "this result cannot tell)."
            ).format(cached=cached)
        return came.format(cached=cached) + " " + own_engine

    def table(self) -> Table:
        return Table(self.message())
