"""What a build and an experiment measured, as frozen dataclasses that round-trip JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._serialize import JsonSerializable

CACHED_ORIGIN = "from cache"
BUILT_ORIGIN = "built"
BASE_IMAGE_ORIGIN = "base image"


@dataclass(frozen=True)
class Step(JsonSerializable):
    """One `Step N/M` of the classic builder."""

    number: int
    instruction: str
    cached: bool
    """The builder printed `Using cache`. FROM and an ARG before FROM never print it."""
    seconds: float
    image_id: str | None
    """The short id of the image this step produced, as the builder printed it."""
    added_by_course: bool = False
    """The LABEL step the course appends so that its cleanup can recognise its images."""


@dataclass(frozen=True)
class Layer(JsonSerializable):
    """One entry of an image's history, oldest first."""

    instruction: str
    """Readable form of the history's CreatedBy, such as `RUN pip install -r ...`."""
    created_by: str
    size_bytes: int
    """As the engine reports it: the sum of file sizes on overlay2; on Docker Desktop's
    containerd store, disk usage in 512-byte blocks."""
    metadata_only: bool
    """ENV, CMD, LABEL and friends change the image's config and write no files."""
    diff_id: str | None = None
    """The filesystem layer's digest, None for metadata-only entries (or when unknown)."""
    history_id: str | None = None
    """The image this step produced (`sha256:...`); None where the engine no longer knows
    it, as for the layers of a pulled base image."""


@dataclass(frozen=True)
class BuildResult(JsonSerializable):
    dockerfile: str
    image_id: str
    tag: str | None
    seconds: float
    steps: tuple[Step, ...]
    layers: tuple[Layer, ...]
    context_files: int = 0
    """Files sent to the engine as the build context (after .dockerignore)."""
    context_bytes: int = 0
    seconds_to_first_step: float = 0.0
    """From the request until the builder started step 1: mostly sending the context."""
    recorded: str | None = None
    """Set when this result was replayed from a recording: when, and on what engine."""

    @property
    def dockerfile_steps(self) -> tuple[Step, ...]:
        """The Dockerfile's own steps, without the course's LABEL."""
        return tuple(step for step in self.steps if not step.added_by_course)

    @property
    def steps_total(self) -> int:
        return len(self.dockerfile_steps)

    @property
    def steps_cached(self) -> int:
        return sum(step.cached for step in self.dockerfile_steps)

    @property
    def size_bytes(self) -> int:
        return sum(layer.size_bytes for layer in self.layers)

    def step(self, starting_with: str) -> Step:
        """The first of the Dockerfile's steps whose instruction starts with this text."""
        for step in self.dockerfile_steps:
            if step.instruction.startswith(starting_with):
                return step
        known = "; ".join(step.instruction for step in self.dockerfile_steps)
        raise KeyError(f"No step starts with {starting_with!r}. The steps: {known}")

    @property
    def rebuilt_steps(self) -> tuple[Step, ...]:
        """Steps that ran instead of coming from the cache. FROM and an ARG before it never
        count: they run no command, and the builder prints no cache line for them."""
        return tuple(
            step
            for step in self.dockerfile_steps
            if not step.cached and not step.instruction.upper().startswith(("FROM", "ARG"))
        )

    @property
    def first_rebuilt_step(self) -> Step | None:
        """The first step that ran again: the builder runs every step after it too."""
        rebuilt = self.rebuilt_steps
        return rebuilt[0] if rebuilt else None

    def layer_step(self, layer: Layer) -> Step | None:
        """The step of this build that produced `layer`, if it was one of its steps."""
        short = (layer.history_id or "").removeprefix("sha256:")[:12]
        return next((step for step in self.steps if short and step.image_id == short), None)

    def layer_instruction(self, layer: Layer) -> str:
        """The instruction as the Dockerfile wrote it where known (`COPY source/ /app/`),
        otherwise as the history records it (`COPY dir:3f2a... in /app/`)."""
        step = self.layer_step(layer)
        if step is None or step.instruction.upper().startswith("FROM"):
            return layer.instruction
        return step.instruction

    def layer_origin(self, layer: Layer) -> str:
        """`"from cache"`, `"built"` (by this build) or `"base image"`."""
        step = self.layer_step(layer)
        if step is None or step.instruction.upper().startswith("FROM"):
            return BASE_IMAGE_ORIGIN
        return CACHED_ORIGIN if step.cached else BUILT_ORIGIN


@dataclass(frozen=True)
class EngineInfo(JsonSerializable):
    version: str
    api_version: str
    os: str
    storage_driver: str
    cpus: int
    memory_bytes: int


@dataclass(frozen=True)
class Variant(JsonSerializable):
    """One Dockerfile in the article's experiment: built, then rebuilt after the change."""

    dockerfile: str
    first_build: BuildResult
    rebuild: BuildResult
    new_layers: tuple[Layer, ...]
    """Layers of the rebuilt image that the first build's image did not have."""

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
class Comparison(JsonSerializable):
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

    def variant(self, name: str) -> Variant:
        """The variant whose Dockerfile's file name is `name` (or ends with it)."""
        for variant in self.variants:
            if variant.dockerfile == name or variant.dockerfile.endswith(name):
                return variant
        known = ", ".join(v.dockerfile for v in self.variants)
        raise KeyError(f"No Dockerfile named {name!r} in this comparison (it has {known}).")

    def summary(self) -> dict[str, Any]:
        """Plain numbers per Dockerfile: what `python -m helpers compare --json` prints."""
        return {
            "context": self.context,
            "changed_path": self.changed_path,
            "base_image": self.base_image,
            "measured_at": self.measured_at,
            "engine": self.engine.to_dict(),
            "variants": [variant.summary() for variant in self.variants],
        }
