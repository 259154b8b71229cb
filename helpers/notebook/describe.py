"""The numbers behind every chart, as a sentence and a table, for readers who cannot see it.

Each returns a `Table`, which shows itself in a notebook and prints itself in a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..course.pip_log import pip_downloads
from ..i18n import _
from ..image.history import new_layers
from ..results.build import BLOCK_SIZES_NOTE, BuildResult
from ..results.contents import ImageContents, LayerContents
from ..results.display import Table, recorded_of
from ..results.experiment import Comparison
from ..results.units import human_bytes


def describe_layers(build: BuildResult) -> Table:
    """The layers chart's numbers: one row per history entry, numbered by step."""
    return Table(
        _(
            "The image has {entries} history entries, {layers} of them filesystem layers, "
            "{size} in all. This build wrote {written} of it."
        ).format(
            entries=len(build.rows),
            layers=sum(not row.metadata_only for row in build.rows),
            size=human_bytes(build.size_bytes),
            written=human_bytes(build.written_bytes()),
        ),
        (_("step"), _("instruction"), _("bytes"), _("this layer was")),
        tuple(
            (row.label, row.instruction, f"{row.size_bytes:,}", _(row.shown_origin))
            for row in build.rows
        ),
        (_(BLOCK_SIZES_NOTE),) if build.sizes_in_blocks else (),
        recorded=build.recorded,
        numeric=(2,),
    )


def describe_new_layers(before: BuildResult, after: BuildResult) -> Table:
    """What a rebuild wrote anew: the layers of `after` that `before`'s image did not have."""
    fresh = new_layers(before.layers, after.layers)
    written = sum(layer.size_bytes for layer in fresh)
    return Table(
        _(
            "The rebuild wrote {count} new layer(s), {written:,} bytes ({size}), "
            "in {seconds:.1f} s."
        ).format(
            count=len(fresh), written=written, size=human_bytes(written), seconds=after.seconds
        ),
        (_("bytes"), _("instruction")) if fresh else (),
        tuple((f"{layer.size_bytes:,}", layer.instruction) for layer in fresh),
        (_(BLOCK_SIZES_NOTE),) if after.sizes_in_blocks else (),
        recorded=after.recorded,
        numeric=(0,),
    )


def describe_context(build: BuildResult) -> Table:
    """What the engine received before step 1: the build context, after .dockerignore."""
    return Table(
        _("Context sent: {files:,} files, {size}, {seconds:.2f} s before step 1.").format(
            files=build.context_files,
            size=human_bytes(build.context_bytes),
            seconds=build.seconds_to_first_step,
        ),
        recorded=build.recorded,
    )


def describe_bytes_under(layers: Mapping[str, LayerContents], folder: str) -> Table:
    """For each named layer, its bytes and how many of them lie below `folder`."""
    return Table(
        _("Bytes below {folder}, layer by layer:").format(folder=folder),
        (_("layer"), _("bytes"), _("of which below {folder}").format(folder=folder)),
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


def describe_downloads(comparison: Comparison, install: str = "RUN ") -> Table:
    """What each rebuild's install (its first step starting with `install`, built with
    `keep_log=True`) downloaded, and what pip took from its cache."""
    rows = []
    for variant in comparison.variants:
        step = next(s for s in variant.rebuild.steps if s.instruction.startswith(install))
        fetched = pip_downloads(step)
        rows.append(
            (
                variant.dockerfile,
                f"{variant.rebuild_s:.2f}",
                str(fetched.downloaded_files),
                f"{fetched.downloaded_bytes:,} ({human_bytes(fetched.downloaded_bytes)})",
                str(fetched.cached_files),
            )
        )
    return Table(
        _("After the change to {path}, each rebuild's install:").format(
            path=comparison.changed_path
        ),
        (
            _("Dockerfile"),
            _("rebuild (s)"),
            _("files downloaded"),
            _("bytes downloaded"),
            _("from pip's cache"),
        ),
        tuple(rows),
        (_("Bytes as pip prints them, rounded (16.3 MB)."),),
        recorded=comparison.recorded,
        numeric=(1, 2, 3, 4),
    )


def describe_builders(*comparisons: Comparison) -> Table:
    """The same experiment on each builder, one row per builder and Dockerfile."""
    rows = []
    for comparison in comparisons:
        for variant in comparison.variants:
            first_miss = variant.first_miss
            rows.append(
                (
                    # Translators: the builder Docker had before BuildKit.
                    "BuildKit" if comparison.builder == "buildkit" else _("classic"),
                    variant.dockerfile,
                    f"{variant.rebuild_s:.2f}",
                    _("{cached} of {total}").format(
                        cached=variant.steps_cached, total=variant.steps_total
                    ),
                    # Translators: no step missed the cache.
                    f"{first_miss.label}: {first_miss.instruction}" if first_miss else _("none"),
                    f"{variant.rebuild_new_bytes:,}",
                )
            )
    engine = comparisons[0].engine if comparisons else None
    return Table(
        _("The same one-line change, rebuilt by each builder:"),
        (
            _("builder"),
            _("Dockerfile"),
            _("rebuild (s)"),
            _("steps from cache"),
            _("first miss"),
            _("new bytes"),
        ),
        tuple(rows),
        (_(engine.sizes_note),) if engine is not None else (),
        recorded=next((c.recorded for c in comparisons if c.recorded), None),
        numeric=(2, 5),
    )


def describe_contents(contents: ImageContents, largest: int = 10) -> Table:
    return contents.table(largest)


def describe_bases(apps: Mapping[str, BuildResult]) -> Table:
    """The bases chart's numbers: per base, the image's bytes (the base's and the app's own)
    and the build's seconds with no cache."""
    rows = [
        (
            name,
            human_bytes(build.size_bytes),
            human_bytes(build.base_bytes()),
            human_bytes(build.own_bytes()),
            f"{build.seconds:.1f}",
        )
        for name, build in apps.items()
    ]
    return Table(
        _("The same app, the same Dockerfile, built with no cache on each base:"),
        (_("base"), _("image"), _("from the base"), _("the app's own"), _("build (s)")),
        tuple(rows),
        recorded=recorded_of(apps.values()),
        numeric=(1, 2, 3, 4),
    )
