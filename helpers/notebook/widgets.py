"""Click instead of type: pick a Dockerfile and a file, press the button, watch the rebuild."""

from __future__ import annotations

import html
import re
from pathlib import Path

import docker
import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

from ..course.sample_app import SAMPLE_APP, one_line_change
from ..course.scratch import scratch_copy
from ..engine.building import build
from ..engine.learner import my_tag
from ..i18n import _
from ..image.history import new_layers
from ..results.build import BuildResult
from ..results.errors import LayerLabError
from ..results.units import human_bytes
from .charts import layers_chart
from .progress import NotebookProgress

_NOT_CHANGEABLE = {".dockerignore"}


class RebuildExplorer:
    """A small app: a Dockerfile and a file to change, a button, progress, and the chart.

    It works on a scratch copy of `context`, so each press adds one more line to the copy,
    never to the learner's files. `last` holds the latest (before, after) builds.
    """

    def __init__(
        self, context: str | Path = SAMPLE_APP, client: docker.DockerClient | None = None
    ) -> None:
        self._client = client
        self._context = scratch_copy(context)
        dockerfiles = sorted(p.name for p in self._context.glob("Dockerfile*"))
        files = sorted(
            p.relative_to(self._context).as_posix()
            for p in self._context.rglob("*")
            if p.is_file() and not p.name.startswith("Dockerfile") and p.name not in _NOT_CHANGEABLE
        )
        self.dockerfile = widgets.Dropdown(options=dockerfiles, description=_("Dockerfile"))
        self.changed_file = widgets.Dropdown(
            options=files,
            # Translators: the file to change, chosen in a list.
            description=_("Change"),
            value="source/app.py" if "source/app.py" in files else files[0],
        )
        self.button = widgets.Button(
            description=_("Change one line and rebuild"),
            button_style="primary",
            icon="refresh",
            layout={"width": "auto"},
        )
        self.button.on_click(lambda _button: self.rebuild())
        self._progress = NotebookProgress(show=False)
        self.summary = widgets.HTML()
        self.chart_area = widgets.VBox()
        self.last: tuple[BuildResult, BuildResult] | None = None
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.dockerfile, self.changed_file, self.button]),
                self._progress.widget,
                self.summary,
                self.chart_area,
            ]
        )

    def _ipython_display_(self) -> None:
        display(self.widget)

    def rebuild(self) -> tuple[BuildResult, BuildResult] | None:
        """What the button does; callable from code too (nbval has no browser to click)."""
        self.button.disabled = True
        self.summary.value = ""
        # Tagged by the choice made, so that a recording tells one press from another.
        choice = f"{self.dockerfile.value} {self.changed_file.value}".lower()
        tag = my_tag("explorer:" + re.sub(r"[^a-z0-9]+", "-", choice).strip("-"))
        try:
            before = build(
                self.dockerfile.value,
                self._context,
                client=self._client,
                progress=self._progress,
                tag=tag,
            )
            line = one_line_change(self._context / self.changed_file.value)
            after = build(
                self.dockerfile.value,
                self._context,
                client=self._client,
                progress=self._progress,
                tag=f"{tag}-edited",
            )
        except LayerLabError as error:
            self.summary.value = f"<pre>{html.escape(str(error))}</pre>"
            return None
        finally:
            self.button.disabled = False
        self.last = (before, after)
        fresh = new_layers(before.layers, after.layers)
        first_miss = after.first_rebuilt_step
        numbers = {
            "line": html.escape(line),
            "file": self.changed_file.value,
            "seconds": after.seconds,
            "size": human_bytes(sum(layer.size_bytes for layer in fresh)),
            "cached": after.steps_cached,
            "total": after.steps_total,
        }
        if first_miss:
            self.summary.value = _(
                "Added <code>{line}</code> to {file}. The rebuild took <b>{seconds:.2f} s</b>, "
                "ran again from {step} (<code>{instruction}</code>), and wrote <b>{size}</b> of "
                "new layers; {cached} of {total} steps came from the cache."
            ).format(
                step=first_miss.label, instruction=html.escape(first_miss.instruction), **numbers
            )
        else:
            self.summary.value = _(
                "Added <code>{line}</code> to {file}. The rebuild took <b>{seconds:.2f} s</b>, "
                "ran again from no step, and wrote <b>{size}</b> of new layers; {cached} of "
                "{total} steps came from the cache."
            ).format(**numbers)
        self.chart = go.FigureWidget(
            layers_chart(
                after,
                title=_("{dockerfile}, after the change").format(dockerfile=self.dockerfile.value),
            )
        )
        self.chart_area.children = (self.chart,)
        return self.last
