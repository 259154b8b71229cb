"""The hands-on exercise: fix a Dockerfile's order, then let a real rebuild judge it."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import docker
import ipywidgets as widgets
from IPython.display import display

from ..course.sample_app import SAMPLE_APP, one_line_change
from ..course.scratch import scratch_copy
from ..dockerfile.advice import lint
from ..dockerfile.cache_order import installs_dependencies
from ..dockerfile.parsing import parse_dockerfile
from ..dockerfile.prediction import predict
from ..dockerfile.variables import global_arguments, with_variables
from ..engine.building import build
from ..engine.learner import my_tag
from ..engine.running import request_app
from ..engine.saving import read_image_contents
from ..i18n import N_, _
from ..results.contents import ImageContents
from ..results.errors import AppDidNotAnswer, LayerLabError, RecordingMissing
from ..results.exercise import ExerciseResult
from ..results.units import human_bytes
from .progress import NotebookProgress

POETRY_EXERCISE = SAMPLE_APP / "exercises" / "poetry"


HINTS = (
    N_(
        "Which file changes when you edit the code, and which COPY copies it? Every step after "
        "the first step that misses the cache runs again."
    ),
    # Translators: keep what is between backticks, and file names, as they are.
    N_(
        "Copy only what the install reads first: pyproject.toml and poetry.lock. `poetry install "
        "--no-root` installs the dependencies without the project; after the code's COPY, "
        "`poetry install --only-root` installs just the project."
    ),
    # Translators: keep what is between backticks, and paths, as they are.
    N_(
        "Part 2: build in one stage, run in another. Name the first stage (`FROM ${BASE_IMAGE} "
        "AS build`) and install there; then start a second `FROM ${BASE_IMAGE}` and `COPY "
        "--from=build /app /app`. The virtual environment in /app/.venv comes along; Poetry and "
        "its cache stay behind."
    ),
)
"""Shown translated, one at a time."""


class DockerfileExercise:
    """An editor holding the exercise's Dockerfile, a Check button, hints that open one at a
    time, and a worked solution offered once a check has failed.

    Check writes the text into a scratch copy of the project, asks the predictor what an edit
    to `changed` would rebuild, then builds, makes that edit, rebuilds, and compares.
    """

    def __init__(
        self,
        folder: str | Path = POETRY_EXERCISE,
        changed: str = "notes/app.py",
        client: docker.DockerClient | None = None,
    ) -> None:
        self._folder = Path(folder)
        self._changed = changed
        self._client = client
        self._scratch = scratch_copy(self._folder)
        self.solution_text = (self._folder / "Dockerfile.solution").read_text()
        self.editor = widgets.Textarea(
            value=(self._folder / "Dockerfile").read_text(), rows=14, layout={"width": "100%"}
        )
        self.check_button = widgets.Button(
            description=_("Check"), button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _button: self.check())
        reveal = widgets.Button(description=_("Use this solution"))
        reveal.on_click(lambda _button: self.use_solution())
        self.solution = widgets.Accordion(
            children=[
                widgets.VBox(
                    [widgets.HTML(f"<pre>{html.escape(self.solution_text)}</pre>"), reveal]
                )
            ],
            titles=(_("Worked solution"),),
            selected_index=None,
            # Offered only once the learner has checked an attempt of their own.
            layout={"display": "none"},
        )
        self.hints = widgets.Accordion(
            children=[widgets.HTML(f"<p>{html.escape(_(hint))}</p>") for hint in HINTS],
            titles=tuple(
                _("Hint {number}").format(number=number) for number in range(1, len(HINTS) + 1)
            ),
            selected_index=None,
        )
        self._progress = NotebookProgress(show=False)
        self.verdict = widgets.HTML()
        self.widget = widgets.VBox(
            [
                self.editor,
                self.check_button,
                self._progress.widget,
                self.verdict,
                self.hints,
                self.solution,
            ]
        )

    def _ipython_display_(self) -> None:
        display(self.widget)

    def use_solution(self) -> None:
        self.editor.value = self.solution_text

    def check(self) -> ExerciseResult | None:
        """What the Check button does; callable from code too."""
        dockerfile = self._scratch / "Dockerfile"
        dockerfile.write_text(self.editor.value)
        self.check_button.disabled = True
        try:
            result = self._judge(dockerfile)
        except RecordingMissing:
            self.verdict.value = _(
                "<b>Recorded mode.</b> This run recorded the Dockerfile as given and the worked "
                "solution, nothing else: checking a Dockerfile of your own needs a live Docker "
                "engine. Start Docker, then restart the kernel."
            )
            return None
        except LayerLabError as error:
            self.verdict.value = _("<b>The build failed.</b><pre>{error}</pre>").format(
                error=html.escape(str(error))
            )
            self.solution.layout.display = None
            return None
        finally:
            self.check_button.disabled = False
        self.verdict.value = result._repr_html_()
        if not result.solved:
            self.solution.layout.display = None
        return result

    def _judge(self, dockerfile: Path) -> ExerciseResult:
        steps = parse_dockerfile(dockerfile.read_text())
        # The last install that is not of the project alone: the dependencies (the first
        # ones often install tools, such as Poetry itself).
        installs = [s for s in steps if installs_dependencies(s)]
        install = installs[-1] if installs else None
        # Tagged by the text judged, so that a recording tells one Dockerfile from another.
        tag = my_tag("exercise:" + hashlib.sha256(dockerfile.read_bytes()).hexdigest()[:12])
        build("Dockerfile", self._scratch, client=self._client, progress=self._progress, tag=tag)
        one_line_change(self._scratch / self._changed)
        after = build(
            "Dockerfile",
            self._scratch,
            client=self._client,
            progress=self._progress,
            tag=f"{tag}-edited",
        )
        try:
            answered = request_app(after.image_id, client=self._client).status == 200
        except AppDidNotAnswer:
            answered = False
        # Predicted for the builder that ran, whose numbers the rebuild's steps carry.
        prediction = predict(self._scratch, "Dockerfile", [self._changed], builder=after.builder)
        predicted = rebuilt = None
        # BuildKit's log names a RUN with the stage's ARG and ENV values put in.
        built_install = (
            after.matching_step(install.text) or after.matching_step(_as_run(steps, install))
            if install is not None
            else None
        )
        if built_install is not None:
            predicted = prediction.step(built_install.number, built_install.stage).cached
            rebuilt = built_install.cached
        first = after.first_rebuilt_step
        advice = [f for f in lint(dockerfile) if f.rule == "cache-order"]
        leftovers = _build_tool_leftovers(read_image_contents(after.image_id, client=self._client))
        return ExerciseResult(
            fixed=bool(install is not None and rebuilt and predicted and answered),
            install_step=built_install.number
            if built_install
            else (install.number if install else None),
            install_instruction=install.text if install else None,
            changed=self._changed,
            predicted_install_cached=predicted,
            rebuilt_install_cached=rebuilt,
            first_rebuilt_step=first.number if first else None,
            first_rebuilt_instruction=first.instruction if first else None,
            rebuild_s=after.seconds,
            steps_cached=after.steps_cached,
            steps_total=after.steps_total,
            app_answered=answered,
            hint=advice[0].fix if advice else "",
            leftovers=leftovers,
            install_label=built_install.label if built_install else None,
            first_rebuilt_label=first.label if first else None,
        )


def _as_run(steps, wanted) -> str:
    """`wanted`'s text with the values its stage's ARG and ENV give, as BuildKit shows it."""
    arguments = global_arguments(steps)
    variables: dict[str, str] = {}
    for step in steps:
        if step.keyword == "FROM":
            variables = {}
        elif step.stage >= 0:
            expanded = with_variables(step, variables, arguments)
            if step is wanted:
                return expanded.text
    return wanted.text


# Poetry itself (its package, under any site- or dist-packages, and its command) and its
# cache (~/.cache/pypoetry by default): what a build needs and the running app does not.
_POETRY = ("/poetry/", "/poetry_core/", "/bin/poetry")
_POETRY_CACHE = ("/pypoetry/", "/poetry-cache/")


def _build_tool_leftovers(contents: ImageContents) -> tuple[str, ...]:
    found = []
    for what, fragments in ((_("Poetry itself"), _POETRY), (_("Poetry's cache"), _POETRY_CACHE)):
        files = contents.visible_files(*fragments)
        if files:
            size = human_bytes(sum(entry.size_bytes for entry in files))
            found.append(
                (
                    # Translators: what was left in the image, how many files and their size.
                    _("{what} ({count} files, {size})")
                    if len(files) > 1
                    else _("{what} ({count} file, {size})")
                ).format(what=what, count=len(files), size=size)
            )
    return tuple(found)
