"""Interactive charts of build results. They take results and return figures; they never build."""

from __future__ import annotations

import math
from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..i18n import N_, _
from ..results.build import (
    BASE_IMAGE_ORIGIN,
    BUILT_ORIGIN,
    CACHED_ORIGIN,
    CONFIG_ONLY,
    BuildResult,
    LayerRow,
)
from ..results.display import recorded_of
from ..results.experiment import Comparison
from ..results.units import human_bytes, short_instruction

ORIGIN_COLOURS = {
    CACHED_ORIGIN: "#2a9d8f",
    BUILT_ORIGIN: "#e76f51",
    BASE_IMAGE_ORIGIN: "#8d99ae",
    CONFIG_ONLY: "#d9d9d9",
}


def recorded_title(title: str, recorded: str | None) -> str:
    """Charts of replayed results say so, with when and where the recording was made."""
    if not recorded:
        return title
    # Translators: a chart's title, and below it when and where its recording was made.
    return _("{title}<br><sup>{recorded}</sup>").format(title=title, recorded=recorded)


def row_label(row: LayerRow) -> str:
    """`step 7: COPY source/ /app/source/`: the builder's numbering, as every table uses it."""
    return f"{row.label}: {short_instruction(row.instruction)}"


def layers_chart(build: BuildResult, title: str | None = None) -> go.Figure:
    """The image's layers as bars, base at the bottom, on a log scale so a 1 KB layer still
    shows beside a 200 MB one. Colour says whether this build reused the layer from the
    cache or wrote it; hover shows the full instruction and the exact size."""
    labels = [row_label(row) for row in build.rows]
    largest = max((row.size_bytes for row in build.rows), default=1)
    figure = go.Figure()
    groups: dict[str, list[LayerRow]] = {}
    for row in build.rows:
        groups.setdefault(row.shown_origin, []).append(row)
    for origin, rows in groups.items():
        figure.add_bar(
            name=_(origin),
            orientation="h",
            y=[row_label(row) for row in rows],
            # A log axis cannot show 0: config-only entries get a stub and say "0 B".
            x=[max(row.size_bytes, 1) for row in rows],
            text=[human_bytes(row.size_bytes) for row in rows],
            textposition="outside",
            cliponaxis=False,  # the size beyond the longest bar stays readable
            marker_color=ORIGIN_COLOURS[origin],
            customdata=[[row.instruction, f"{row.size_bytes:,}"] for row in rows],
            # Translators: plotly's hover text; keep each %{{...}} as it is (it shows as
            # %{...}) and {origin}, the legend's name for these layers.
            hovertemplate=_(
                "%{{customdata[0]}}<br>%{{customdata[1]}} bytes<extra>{origin}</extra>"
            ).format(origin=_(origin)),
        )
    figure.update_layout(
        title=recorded_title(
            _(title)
            if title
            else _("Layers of {image}").format(image=build.tag or build.image_id[7:19]),
            build.recorded,
        ),
        # Room on the right for the size printed beyond the longest bar.
        xaxis={
            "type": "log",
            "title": _("bytes (log scale)"),
            "range": [-0.3, math.log10(max(largest, 10)) + 1.3],
        },
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True},
        height=max(260, 40 * len(labels) + 120),
        legend_title_text=_("this layer was"),
        bargap=0.25,
    )
    return figure


def comparison_chart(comparison: Comparison) -> go.Figure:
    """Each Dockerfile's rebuild after the same one-line change: time, and new bytes."""
    names = [variant.dockerfile for variant in comparison.variants]
    seconds = [variant.rebuild_s for variant in comparison.variants]
    new_bytes = [variant.rebuild_new_bytes for variant in comparison.variants]
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(_("Rebuild time (seconds)"), _("New bytes written (log scale)")),
    )
    colours = [_variant_colour(i) for i in range(len(names))]
    figure.add_bar(
        x=names,
        y=seconds,
        marker_color=colours,
        row=1,
        col=1,
        showlegend=False,
        text=[_("{seconds:.2f} s").format(seconds=s) for s in seconds],
        textposition="outside",
        # Translators: plotly's hover text; keep each %{...} as it is.
        hovertemplate=_("%{x}<br>%{y:.3f} s<extra></extra>"),
    )
    figure.add_bar(
        x=names,
        y=[max(b, 1) for b in new_bytes],
        marker_color=colours,
        row=1,
        col=2,
        showlegend=False,
        text=[human_bytes(b) for b in new_bytes],
        textposition="outside",
        customdata=[f"{b:,}" for b in new_bytes],
        # Translators: plotly's hover text; keep each %{...} as it is.
        hovertemplate=_("%{x}<br>%{customdata} bytes<extra></extra>"),
    )
    figure.update_yaxes(type="log", row=1, col=2)
    figure.update_yaxes(rangemode="tozero", row=1, col=1)
    figure.update_layout(
        title=recorded_title(
            _("After a one-line change to {path}").format(path=comparison.changed_path),
            comparison.recorded,
        ),
        height=420,
    )
    return figure


def timeline_chart(build: BuildResult, title: str | None = None) -> go.Figure:
    """One build's steps in the order they ran, each as long as it took."""
    starts, start = [], 0.0
    for step in build.steps:
        starts.append(start)
        start += step.seconds
    labels = [f"{s.label}: {short_instruction(s.instruction, 40)}" for s in build.steps]
    figure = go.Figure()
    # Translators: a legend's name for the steps that did not come from the cache.
    for cached, name in ((True, CACHED_ORIGIN), (False, N_("ran"))):
        chosen = [i for i, step in enumerate(build.steps) if step.cached is cached]
        figure.add_bar(
            name=_(name),
            orientation="h",
            y=[labels[i] for i in chosen],
            x=[max(build.steps[i].seconds, 0.001) for i in chosen],
            base=[starts[i] for i in chosen],
            marker_color=ORIGIN_COLOURS[CACHED_ORIGIN if cached else BUILT_ORIGIN],
            customdata=[[build.steps[i].instruction, build.steps[i].seconds] for i in chosen],
            # Translators: plotly's hover text; keep each %{{...}} as it is (it shows as
            # %{...}) and {origin}, the legend's name for these steps.
            hovertemplate=_(
                "%{{customdata[0]}}<br>%{{customdata[1]:.3f}} s<extra>{origin}</extra>"
            ).format(origin=_(name)),
        )
    figure.update_layout(
        title=recorded_title(
            _(title)
            if title
            else _("Build timeline: {seconds:.2f} s in all").format(seconds=build.seconds),
            build.recorded,
        ),
        xaxis_title=_("seconds since the build started"),
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "automargin": True},
        height=max(260, 36 * len(labels) + 120),
        legend_title_text=_("step"),
    )
    return figure


def _variant_colour(index: int) -> str:
    palette = ("#e76f51", "#2a9d8f", "#264653", "#e9c46a", "#f4a261")
    return palette[index % len(palette)]


def journey_chart(comparison: Comparison) -> go.Figure:
    """Every Dockerfile in one picture: image size, rebuild time and new bytes after the same
    one-line change. The one chart to remember the course by."""
    names = [variant.dockerfile.removeprefix("Dockerfile.") for variant in comparison.variants]
    panels = (
        (_("Image size"), [v.rebuild.size_bytes for v in comparison.variants], human_bytes, False),
        (
            _("Rebuild time"),
            [v.rebuild_s for v in comparison.variants],
            lambda s: _("{seconds:.2f} s").format(seconds=s),
            False,
        ),
        (
            _("New bytes per rebuild (log)"),
            [max(v.rebuild_new_bytes, 1) for v in comparison.variants],
            human_bytes,
            True,
        ),
    )
    figure = make_subplots(rows=1, cols=3, subplot_titles=[panel[0] for panel in panels])
    colours = [_variant_colour(i) for i in range(len(names))]
    for column, (title, values, label, log) in enumerate(panels, start=1):
        figure.add_bar(
            x=names,
            y=values,
            marker_color=colours,
            showlegend=False,
            row=1,
            col=column,
            text=[label(value) for value in values],
            textposition="outside",
            # Translators: plotly's hover text; keep each %{{...}} as it is (it shows as
            # %{...}) and {title}, the panel's title.
            hovertemplate=_("%{{x}}<br>{title}: %{{text}}<extra></extra>").format(title=title),
        )
        if log:
            figure.update_yaxes(type="log", row=1, col=column)
        else:
            figure.update_yaxes(rangemode="tozero", row=1, col=column)
    figure.update_layout(
        title=recorded_title(
            _("From the common Dockerfile to the best: a one-line change to {path}").format(
                path=comparison.changed_path
            ),
            comparison.recorded,
        ),
        height=460,
    )
    return figure


def bases_chart(apps: Mapping[str, BuildResult]) -> go.Figure:
    """The same app built on each base ({base's name: build}): the image's bytes, the base's
    and the app's own, and how long the build took with no cache."""
    names = list(apps)
    split = [(build.base_bytes(), build.own_bytes()) for build in apps.values()]
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(_("Image size (MB)"), _("Build with no cache (seconds)")),
    )
    for part, (label, colour) in enumerate(
        (
            (_("the base image's layers"), ORIGIN_COLOURS[BASE_IMAGE_ORIGIN]),
            (_("the app's own layers"), ORIGIN_COLOURS[BUILT_ORIGIN]),
        )
    ):
        sizes = [pair[part] for pair in split]
        figure.add_bar(
            x=names,
            y=[size / 1e6 for size in sizes],
            name=label,
            marker_color=colour,
            customdata=[human_bytes(size) for size in sizes],
            # Translators: plotly's hover text; keep each %{{...}} as it is (it shows as
            # %{...}) and {label}, the legend's name for this part of the image.
            hovertemplate=_("%{{x}}<br>{label}: %{{customdata}}<extra></extra>").format(
                label=label
            ),
            row=1,
            col=1,
        )
    seconds = [build.seconds for build in apps.values()]
    figure.add_bar(
        x=names,
        y=seconds,
        marker_color=ORIGIN_COLOURS[BUILT_ORIGIN],
        showlegend=False,
        text=[_("{seconds:.1f} s").format(seconds=s) for s in seconds],
        textposition="outside",
        # Translators: plotly's hover text; keep each %{...} as it is.
        hovertemplate=_("%{x}<br>%{y:.1f} s<extra></extra>"),
        row=1,
        col=2,
    )
    figure.update_yaxes(rangemode="tozero")
    figure.update_layout(
        barmode="stack",
        title=recorded_title(_("The same app on two base images"), recorded_of(apps.values())),
        height=420,
    )
    return figure
