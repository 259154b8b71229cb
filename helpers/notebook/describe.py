"""The numbers behind every chart, as a sentence and a table, for readers who cannot see it.

Each returns a `Table`, which shows itself in a notebook and prints itself in a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..image.history import new_layers
from ..results.build import BuildResult
from ..results.contents import ImageContents, LayerContents
from ..results.display import Table
from ..results.experiment import Comparison
from ..results.units import human_bytes


def describe_layers(build: BuildResult) -> Table:
    """The layers chart's numbers: one row per history entry, numbered by step."""
    return Table(
        f"The image has {len(build.rows)} history entries, "
        f"{sum(not row.metadata_only for row in build.rows)} of them filesystem layers, "
        f"{human_bytes(build.size_bytes)} in all. This build wrote "
        f"{human_bytes(build.written_bytes())} of it.",
        ("step", "instruction", "bytes", "this layer was"),
        tuple(
            (row.label, row.instruction, f"{row.size_bytes:,}", row.shown_origin)
            for row in build.rows
        ),
        recorded=build.recorded,
        numeric=(2,),
    )


def describe_new_layers(before: BuildResult, after: BuildResult) -> Table:
    """What a rebuild wrote anew: the layers of `after` that `before`'s image did not have."""
    fresh = new_layers(before.layers, after.layers)
    written = sum(layer.size_bytes for layer in fresh)
    return Table(
        f"The rebuild wrote {len(fresh)} new layer(s), {written:,} bytes "
        f"({human_bytes(written)}), in {after.seconds:.1f} s.",
        ("bytes", "instruction") if fresh else (),
        tuple((f"{layer.size_bytes:,}", layer.instruction) for layer in fresh),
        recorded=after.recorded,
        numeric=(0,),
    )


def describe_context(build: BuildResult) -> Table:
    """What the engine received before step 1: the build context, after .dockerignore."""
    return Table(
        f"Context sent: {build.context_files:,} files, {human_bytes(build.context_bytes)}, "
        f"{build.seconds_to_first_step:.2f} s before step 1.",
        recorded=build.recorded,
    )


def describe_bytes_under(layers: Mapping[str, LayerContents], folder: str) -> Table:
    """For each named layer, its bytes and how many of them lie below `folder`."""
    return Table(
        f"Bytes below {folder}, layer by layer:",
        ("layer", "bytes", f"of which below {folder}"),
        tuple(
            (name, f"{layer.size_bytes:,}", f"{layer.bytes_under(folder):,}")
            for name, layer in layers.items()
        ),
        recorded=next((layer.recorded for layer in layers.values()), None),
        numeric=(1, 2),
    )


def describe_steps(build: BuildResult) -> Table:
    """The timeline's numbers: each step, from the cache or not, and how long it took."""
    return build.table()


def describe_comparison(comparison: Comparison) -> Table:
    return comparison.table()


def describe_contents(contents: ImageContents, largest: int = 10) -> Table:
    return contents.table(largest)
