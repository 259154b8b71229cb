"""What one build measured: its steps, the image's layers, and one row per layer to show."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..i18n import N_, _
from .display import ShowsItself, Table
from .serialize import JsonSerializable
from .units import shown_instruction

# Origins are keys that code compares, in English; where they are shown, `_()` translates.
CACHED_ORIGIN = N_("from cache")
BUILT_ORIGIN = N_("built")
BASE_IMAGE_ORIGIN = N_("base image")
CONFIG_ONLY = N_("config only")
BLOCK_SIZES_NOTE = N_(
    "On the containerd image store a layer's size is the disk space it takes, counted in "
    "4 KiB blocks: a 300-byte file shows as 4,096 bytes or more, and one folder's worth as "
    "16 KiB."
)
"""Marked for the catalogue: show it as `_(BLOCK_SIZES_NOTE)`."""
_BLOCK = 4096
# The instructions BuildKit numbers as steps (besides FROM); the others only change the config.
_NUMBERED = frozenset({"RUN", "COPY", "ADD", "WORKDIR"})


def _added_by_course(instruction: str) -> str:
    return _("{instruction} (added by the course)").format(instruction=instruction)


@dataclass(frozen=True)
class Step(JsonSerializable):
    """One `Step N/M` of the classic builder, or one `[stage N/M]` of BuildKit."""

    number: int
    instruction: str
    cached: bool
    """The builder printed `Using cache`. FROM and an ARG before FROM never print it."""
    seconds: float
    image_id: str | None
    """The short id of the image this step produced, as the builder printed it."""
    added_by_course: bool = False
    """The LABEL step the course appends so that its cleanup can recognise its images."""
    stage: str | None = None
    """BuildKit's name for the step's stage (`builder`, `stage-2`); None in a single stage."""
    output: tuple[str, ...] = ()
    """What the step's command printed; kept only when the build was asked to keep its log."""
    total: int | None = None
    """BuildKit's M in `[N/M]`: it numbers the steps of each stage apart, and only FROM, RUN,
    COPY, ADD and WORKDIR. None for the classic builder, which numbers every instruction."""

    @property
    def label(self) -> str:
        """As the builder's log names the step: `step 7`, or BuildKit's `[2/5]`."""
        if self.total is None:
            return _("step {number}").format(number=self.number)
        return f"[{self.stage + ' ' if self.stage else ''}{self.number}/{self.total}]"

    @property
    def shown_instruction(self) -> str:
        """The instruction, saying so when the course added it."""
        if self.added_by_course:
            return _added_by_course(self.instruction)
        return self.instruction


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
class BuildResult(ShowsItself, JsonSerializable):
    """What one build did (its steps) and what it made (the image's layers)."""

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
    builder: str = "classic"
    """`"classic"` (the SDK's builder) or `"buildkit"` (through the docker command line)."""
    log: tuple[str, ...] = ()
    """The build's log as `docker build` prints it (BuildKit: `--progress=plain`); kept only
    when the build was asked to keep it."""
    own_entries: int | None = None
    """BuildKit only: how many of the newest history entries the final stage wrote. Its
    history names no step, so this count is what tells them from the base image's."""
    course_label: str | None = None
    """BuildKit only: the label of the LABEL instruction the course appended, if any."""
    tag_held_before: str | None = None
    """The image `tag` named before this build, if any: `image_id` itself when the classic
    builder made nothing new. (An image's creation time cannot tell: BuildKit dates a fully
    cached image when its cached steps were first built.)"""
    tag_held_layers: tuple[str, ...] = ()
    """That image's layers (diff IDs): the containerd image store deletes an image as soon
    as a build moves its only tag, so they are read before the build."""

    @property
    def dockerfile_steps(self) -> tuple[Step, ...]:
        """The Dockerfile's own steps, without the course's LABEL."""
        return tuple(step for step in self.steps if not step.added_by_course)

    @property
    def steps_total(self) -> int:
        return len(self.dockerfile_steps)

    @property
    def steps_cached(self) -> int:
        """Steps that came from the cache. A FROM never counts: it runs nothing, and BuildKit
        marks it cached or not by how it resolved the image, not by what the rebuild reused."""
        return sum(
            step.cached and not step.instruction.upper().startswith("FROM")
            for step in self.dockerfile_steps
        )

    @property
    def size_bytes(self) -> int:
        return sum(layer.size_bytes for layer in self.layers)

    def step(self, starting_with: str) -> Step:
        """The first of the Dockerfile's steps whose instruction starts with this text."""
        for step in self.dockerfile_steps:
            if step.instruction.startswith(starting_with):
                return step
        known = "; ".join(step.instruction for step in self.dockerfile_steps)
        raise KeyError(
            _("No step starts with {start}. The steps: {known}").format(
                start=repr(starting_with), known=known
            )
        )

    def matching_step(self, instruction: str) -> Step | None:
        """The step for this instruction as the Dockerfile writes it (spacing aside), or None
        when the builder ran no such step (BuildKit numbers no ENV, and skips unused stages)."""
        wanted = " ".join(instruction.split())
        return next(
            (step for step in self.steps if " ".join(step.instruction.split()) == wanted), None
        )

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

    @cached_property
    def rows(self) -> tuple[LayerRow, ...]:
        """One row per history entry, oldest first, numbered as the builder numbered its steps:
        what every chart and table of this build shows. Computed once per result."""
        if self.builder == "buildkit":
            return self._buildkit_rows()
        by_image_id = {step.image_id: step for step in self.steps if step.image_id}
        rows, base_count = [], 0
        for layer in self.layers:
            short = (layer.history_id or "").removeprefix("sha256:")[:12]
            step = by_image_id.get(short) if short else None
            if step is None or step.instruction.upper().startswith("FROM"):
                # A FROM step's id is the base image's own newest entry: that entry is the base's.
                base_count += 1
                label = _("base {number}").format(number=base_count)
                rows.append(
                    LayerRow(
                        None, label, shown_instruction(layer.instruction), BASE_IMAGE_ORIGIN, layer
                    )
                )
            else:
                origin = CACHED_ORIGIN if step.cached else BUILT_ORIGIN
                label = _("step {number}").format(number=step.number)
                rows.append(LayerRow(step.number, label, step.shown_instruction, origin, layer))
        return tuple(rows)

    def _buildkit_rows(self) -> tuple[LayerRow, ...]:
        # The final stage's entries are the newest `own_entries`; of those, RUN, COPY, ADD and
        # WORKDIR are its numbered steps, in order, and the rest (ENV, CMD...) config only.
        own = min(self.own_entries or 0, len(self.layers))
        first_own = len(self.layers) - own
        final_stage = self.steps[-1].stage if self.steps else None
        steps = iter(
            step
            for step in self.steps
            if step.stage == final_stage and not step.instruction.upper().startswith("FROM")
        )
        rows, config_count = [], 0
        for index, layer in enumerate(self.layers):
            keyword = layer.instruction.split(" ", 1)[0].upper()
            step = next(steps, None) if index >= first_own and keyword in _NUMBERED else None
            if index < first_own:
                label = _("base {number}").format(number=index + 1)
                instruction, origin = layer.instruction, None
            elif step is not None:
                label, instruction = step.label, step.shown_instruction
                origin = CACHED_ORIGIN if step.cached else BUILT_ORIGIN
            else:
                config_count += 1
                label = _("config {number}").format(number=config_count)
                instruction, origin = layer.instruction, None
                if self.course_label and instruction.startswith(f"LABEL {self.course_label}="):
                    instruction = _added_by_course(instruction)
            rows.append(
                LayerRow(
                    step.number if step else None,
                    label,
                    instruction,
                    origin or (BASE_IMAGE_ORIGIN if index < first_own else BUILT_ORIGIN),
                    layer,
                )
            )
        return tuple(rows)

    @property
    def sizes_in_blocks(self) -> bool:
        """The history counts whole disk blocks (the containerd store), not file sizes: every
        layer that holds anything is a multiple of 4 KiB, which file sums almost never are."""
        sizes = [layer.size_bytes for layer in self.layers if layer.size_bytes]
        return len(sizes) >= 2 and all(size % _BLOCK == 0 for size in sizes)

    def base_bytes(self) -> int:
        """Bytes of the layers that came with the base image."""
        return sum(row.size_bytes for row in self.rows if row.origin == BASE_IMAGE_ORIGIN)

    def own_bytes(self) -> int:
        """Bytes of the layers this Dockerfile's own steps made, from the cache or not."""
        return self.size_bytes - self.base_bytes()

    def written_bytes(self) -> int:
        """Bytes of the layers this build wrote itself (not from the cache, not the base's)."""
        return sum(row.size_bytes for row in self.rows if row.origin == BUILT_ORIGIN)

    def table(self) -> Table:
        """The build's steps: which came from the cache, and how long each took."""
        rebuilt = self.rebuilt_steps
        if rebuilt:
            slowest = max(rebuilt, key=lambda step: step.seconds)
            note = _("The slowest step was {step} ({seconds:.2f} s).").format(
                step=slowest.label, seconds=slowest.seconds
            )
        else:
            note = _("No step ran a command again: the image is the one built before.")
        return Table(
            _(
                "{cached} of {total} steps came from the cache; the build took {seconds:.2f} s."
            ).format(cached=self.steps_cached, total=self.steps_total, seconds=self.seconds),
            (_("step"), _("instruction"), _("from cache"), _("seconds")),
            tuple(
                (
                    str(step.number) if step.total is None else step.label,
                    step.shown_instruction,
                    _("yes") if step.cached else _("no"),
                    f"{step.seconds:.3f}",
                )
                for step in self.steps
            ),
            (note,),
            recorded=self.recorded,
            numeric=(0, 3),
        )


@dataclass(frozen=True)
class LayerRow:
    """One layer of a built image as the course shows it, with the step that wrote it."""

    step: int | None
    """The builder's step number (`Step 7/9`), None for the base image's own entries."""
    label: str
    """`step 7` or `base 2`: the same words in every chart and table."""
    instruction: str
    """As the Dockerfile wrote it where known (`COPY source/ /app/`), otherwise as the history
    records it (the base image's entries)."""
    origin: str
    """`"from cache"`, `"built"` (by this build) or `"base image"`."""
    layer: Layer

    @property
    def size_bytes(self) -> int:
        return self.layer.size_bytes

    @property
    def metadata_only(self) -> bool:
        return self.layer.metadata_only

    @property
    def shown_origin(self) -> str:
        """The origin as charts colour it: config-only entries are told apart."""
        return CONFIG_ONLY if self.metadata_only else self.origin
