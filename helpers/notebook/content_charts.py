"""Charts of what is inside layers: a zoomable file tree, and where the invisible bytes are."""

from __future__ import annotations

import heapq
import os
from collections import defaultdict

import plotly.graph_objects as go

from ..i18n import _
from ..results.contents import ImageContents, LayerContents
from ..results.units import human_bytes, short_instruction
from .charts import recorded_title

VISIBLE_COLOUR = "#2a9d8f"
INVISIBLE_COLOUR = "#e76f51"


def layer_files_chart(layer: LayerContents, max_nodes: int = 1500) -> go.Figure:
    """An icicle of the files a layer adds or changes, sized by bytes: click to zoom in.

    A big layer holds tens of thousands of files, too many to draw; the largest folders and
    files are kept (at most `max_nodes`), and every folder still shows its full total.
    """
    totals: dict[str, int] = defaultdict(int)
    children: dict[str, set[str]] = defaultdict(set)
    for entry in (*layer.added, *layer.changed):
        path = entry.path
        totals[path] += entry.size_bytes
        while path != "/":
            parent = os.path.dirname(path)
            children[parent].add(path)
            totals[parent] += entry.size_bytes
            path = parent
    chosen = []
    frontier = [(-totals["/"], "/")]
    while frontier and len(chosen) < max_nodes:
        _total, path = heapq.heappop(frontier)
        chosen.append(path)
        for child in children.get(path, ()):
            heapq.heappush(frontier, (-totals[child], child))
    figure = go.Figure(
        go.Icicle(
            ids=chosen,
            labels=[os.path.basename(path) or "/" for path in chosen],
            parents=["" if path == "/" else os.path.dirname(path) for path in chosen],
            values=[totals[path] for path in chosen],
            branchvalues="total",
            customdata=[[path, f"{totals[path]:,}", human_bytes(totals[path])] for path in chosen],
            # Translators: plotly's hover text; keep each %{...} as it is.
            hovertemplate=_(
                "%{customdata[0]}<br>%{customdata[1]} bytes (%{customdata[2]})<extra></extra>"
            ),
            maxdepth=4,
        )
    )
    figure.update_layout(
        title=recorded_title(
            _("Layer {index}: {instruction} ({size}; click a folder to zoom)").format(
                index=layer.index,
                instruction=short_instruction(layer.instruction, 70),
                size=human_bytes(layer.size_bytes),
            ),
            layer.recorded,
        ),
        height=520,
        margin={"t": 60, "l": 10, "r": 10, "b": 10},
    )
    return figure


def invisible_bytes_chart(contents: ImageContents) -> go.Figure:
    """Each layer's stored bytes, split into what the final image shows and what it hides.
    Hover over the hidden part to see the largest hidden files."""
    labels = [
        f"{layer.index}. {short_instruction(layer.instruction, 44)}" for layer in contents.layers
    ]
    largest: dict[int, list] = defaultdict(list)
    for item in contents.hidden:
        largest[item.layer].append(item)
    notes = []
    for layer in contents.layers:
        top = sorted(largest[layer.index], key=lambda item: -item.size_bytes)[:5]
        notes.append(
            "<br>".join(
                # Translators: a hidden file, its size, how it was hidden (deleted,
                # overwritten...) and the layer that hid it.
                _("{path} ({size}, {how} in layer {layer})").format(
                    path=item.path,
                    size=human_bytes(item.size_bytes),
                    how=_(item.how),
                    layer=item.hidden_by,
                )
                for item in top
            )
            or _("nothing hidden")
        )
    figure = go.Figure()
    figure.add_bar(
        name=_("visible in the final image"),
        orientation="h",
        y=labels,
        x=[layer.size_bytes - layer.invisible_bytes for layer in contents.layers],
        marker_color=VISIBLE_COLOUR,
        # Translators: plotly's hover text; keep each %{...} as it is.
        hovertemplate=_("%{x:,} bytes visible<extra></extra>"),
    )
    figure.add_bar(
        name=_("stored but invisible"),
        orientation="h",
        y=labels,
        x=[layer.invisible_bytes for layer in contents.layers],
        marker_color=INVISIBLE_COLOUR,
        customdata=notes,
        # Translators: plotly's hover text; keep each %{...} as it is.
        hovertemplate=_("%{x:,} bytes invisible<br>%{customdata}<extra></extra>"),
    )
    figure.update_layout(
        barmode="stack",
        title=recorded_title(
            _("{invisible} of {stored} shipped but invisible").format(
                invisible=human_bytes(contents.invisible_bytes),
                stored=human_bytes(contents.stored_bytes),
            ),
            contents.recorded,
        ),
        xaxis_title=_("bytes stored in the layer"),
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True},
        height=max(260, 40 * len(labels) + 120),
    )
    return figure
