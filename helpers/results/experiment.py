"""What the article's experiment measured: the engine, and each Dockerfile built and rebuilt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import _
from .build import BLOCK_SIZES_NOTE, BuildResult, Layer, Step
from .cache_origin import CacheOrigin
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import human_bytes


@dataclass(frozen=True)
class EngineInfo(ShowsItself, JsonSerializable):
    """The Docker engine a run was measured on."""

    version: str
    api_version: str
    os: str
    storage_driver: str
    cpus: int
    memory_bytes: int
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""
    containerd_store: bool = False
    """Images live in containerd's store (new Docker Desktop and Engine 29 installs), where
    the history reports a layer's size as disk usage in blocks, not as the sum of its files."""

    @property
    def image_store(self) -> str:
        return (
            _("containerd image store") if self.containerd_store else _("overlay2 (graph driver)")
        )

    @property
    def sizes_note(self) -> str:
        """What a layer's size means on this engine, for every place a learner sees one."""
        if self.containerd_store:
            return _(BLOCK_SIZES_NOTE)
        return _("A layer's size is the sum of the sizes of the files it writes.")

    def table(self) -> Table:
        return Table(
            _("Docker {version} (API {api_version}) on {os}.").format(
                version=self.version, api_version=self.api_version, os=self.os
            ),
            ("", ""),
            (
                (_("image store"), self.image_store),
                (_("storage driver"), self.storage_driver),
                (_("CPUs"), str(self.cpus)),
                (_("memory"), human_bytes(self.memory_bytes)),
            ),
            (self.sizes_note,),
            recorded=self.recorded,
        )


@dataclass(frozen=True)
class Variant(JsonSerializable):
    """One Dockerfile in the article's experiment: built, then rebuilt after the change."""

    dockerfile: str
    first_build: BuildResult
    rebuild: BuildResult
    new_layers: tuple[Layer, ...]
    """Layers of the rebuilt image that the first build's image did not have."""
    first_cache: CacheOrigin | None = None
    """Where the first build's cached layers came from (None when not asked, as with a
    fresh first build, or in older recordings)."""

    @property
    def first_build_s(self) -> float:
        return self.first_build.seconds

    @property
    def rebuild_s(self) -> float:
        return self.rebuild.seconds

    @property
    def rebuild_new_bytes(self) -> int:
        return sum(layer.size_bytes for layer in self.new_layers)

    @property
    def steps_total(self) -> int:
        return self.rebuild.steps_total

    @property
    def steps_cached(self) -> int:
        """Steps of the rebuild that came from the cache."""
        return self.rebuild.steps_cached

    @property
    def first_miss(self) -> Step | None:
        """The first step of the rebuild that ran again: everything after it ran too."""
        return self.rebuild.first_rebuilt_step

    def summary(self) -> dict[str, Any]:
        first_miss = self.first_miss
        return {
            "dockerfile": self.dockerfile,
            "first_build_s": round(self.first_build_s, 3),
            "rebuild_s": round(self.rebuild_s, 3),
            "rebuild_new_bytes": self.rebuild_new_bytes,
            "steps_total": self.steps_total,
            "steps_cached": self.steps_cached,
            "first_rebuilt_step": first_miss.number if first_miss else None,
            "image_size_bytes": self.rebuild.size_bytes,
        }


@dataclass(frozen=True)
class Comparison(ShowsItself, JsonSerializable):
    """The article's experiment: the same one-line change, rebuilt under each Dockerfile."""

    context: str
    changed_path: str
    added_line: str
    base_image: str
    engine: EngineInfo
    measured_at: str
    """ISO 8601, UTC."""
    variants: tuple[Variant, ...]
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""
    other_learners: int = 0
    """Other learners with images on the engine when this was measured: a shared engine."""

    def variant(self, name: str) -> Variant:
        """The variant whose Dockerfile's file name is `name` (or ends with it)."""
        for variant in self.variants:
            if variant.dockerfile == name or variant.dockerfile.endswith(name):
                return variant
        known = ", ".join(v.dockerfile for v in self.variants)
        raise KeyError(
            _("No Dockerfile named {name} in this comparison (it has {known}).").format(
                name=repr(name), known=known
            )
        )

    @property
    def builder(self) -> str:
        """ "classic" or "buildkit": the builder every build of this comparison used."""
        return self.variants[0].rebuild.builder if self.variants else "classic"

    def summary(self) -> dict[str, Any]:
        """Plain numbers per Dockerfile: what `python -m helpers compare --json` prints."""
        return {
            "builder": self.builder,
            "context": self.context,
            "changed_path": self.changed_path,
            "base_image": self.base_image,
            "measured_at": self.measured_at,
            "engine": self.engine.to_dict(),
            "variants": [variant.summary() for variant in self.variants],
        }

    def table(self) -> Table:
        """Each Dockerfile's numbers after the same one-line change, and the ratio between them."""
        notes = []
        if len(self.variants) == 2:
            slow, fast = sorted(self.variants, key=lambda v: v.rebuild_s, reverse=True)
            faster = slow.rebuild_s / max(fast.rebuild_s, 1e-9)
            fewer = slow.rebuild_new_bytes / max(fast.rebuild_new_bytes, 1)
            notes.append(
                _(
                    "{fast} rebuilt {faster:,.0f} times faster than {slow} and wrote "
                    "{fewer:,.0f} times fewer new bytes."
                ).format(fast=fast.dockerfile, faster=faster, slow=slow.dockerfile, fewer=fewer)
            )
        if self.builder == "classic":
            measured = _(
                "Measured {when} on Docker {version} ({image_store}) with the classic builder, "
                "base image {base}."
            )
        elif self.builder == "buildkit":
            measured = _(
                "Measured {when} on Docker {version} ({image_store}) with the BuildKit builder, "
                "base image {base}."
            )
        else:
            measured = _(
                "Measured {when} on Docker {version} ({image_store}) with the {builder}, base "
                "image {base}."
            )
        notes.append(
            measured.format(
                when=self.measured_at,
                version=self.engine.version,
                image_store=self.engine.image_store,
                builder=self.builder,
                base=self.base_image,
            )
        )
        if self.engine.containerd_store:
            notes.append(self.engine.sizes_note)
        notes += [
            _("First build of {dockerfile}: {origin}").format(
                dockerfile=variant.dockerfile, origin=variant.first_cache.message()
            )
            for variant in self.variants
            if variant.first_cache and variant.first_cache.someone_elses
        ]
        if self.other_learners:
            notes.append(
                _(
                    "{count} other learner(s) build on this engine: while they build at the same "
                    "moment, every build's seconds stretch, and so can the ratio. The steps from "
                    "the cache and the new bytes do not change."
                ).format(count=self.other_learners)
            )
        return Table(
            _("After the same one-line change to {path}:").format(path=self.changed_path),
            (
                "Dockerfile",
                _("image bytes"),
                _("first build (s)"),
                _("rebuild (s)"),
                _("steps from cache"),
                _("new bytes"),
            ),
            tuple(
                (
                    variant.dockerfile,
                    f"{variant.rebuild.size_bytes:,}",
                    f"{variant.first_build_s:.2f}",
                    f"{variant.rebuild_s:.2f}",
                    _("{cached} of {total}").format(
                        cached=variant.steps_cached, total=variant.steps_total
                    ),
                    f"{variant.rebuild_new_bytes:,} ({human_bytes(variant.rebuild_new_bytes)})",
                )
                for variant in self.variants
            ),
            tuple(notes),
            recorded=self.recorded,
            numeric=(1, 2, 3, 5),
        )
