"""The hands-on exercise: fix a Dockerfile's order, then let a real rebuild judge it."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import docker
import ipywidgets as widgets

from ._advice import installs_dependencies, lint
from ._building import build
from ._contexts import scratch_copy
from ._dockerfile import parse_dockerfile
from ._errors import LayerLabError
from ._experiment import SAMPLE_APP, one_line_change
from ._prediction import predict
from ._progress import NotebookProgress
from ._running import AppDidNotAnswer, request_app
from ._serialize import JsonSerializable

POETRY_EXERCISE = SAMPLE_APP / "exercises" / "poetry"


@dataclass(frozen=True)
class ExerciseResult(JsonSerializable):
    fixed: bool
    install_step: int | None
    """The step that installs the dependencies in the learner's Dockerfile."""
    predicted_install_cached: bool | None
    rebuilt_install_cached: bool | None
    first_rebuilt_step: int | None
    rebuild_s: float
    app_answered: bool
    explanation: str


class DockerfileExercise:
    """An editor holding the exercise's Dockerfile, a Check button, and a worked solution.

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
            description="Check", button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _: self.check())
        reveal = widgets.Button(description="Use this solution")
        reveal.on_click(lambda _: self.use_solution())
        self.solution = widgets.Accordion(
            children=[
                widgets.VBox(
                    [widgets.HTML(f"<pre>{html.escape(self.solution_text)}</pre>"), reveal]
                )
            ],
            titles=("Worked solution (try first!)",),
            selected_index=None,
        )
        self._progress = NotebookProgress(show=False)
        self.verdict = widgets.HTML()
        self.widget = widgets.VBox(
            [self.editor, self.check_button, self._progress.widget, self.verdict, self.solution]
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

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
        except LayerLabError as error:
            self.verdict.value = f"<b>The build failed.</b><pre>{html.escape(str(error))}</pre>"
            return None
        finally:
            self.check_button.disabled = False
        self.verdict.value = result.explanation
        return result

    def _judge(self, dockerfile: Path) -> ExerciseResult:
        steps = parse_dockerfile(dockerfile.read_text())
        # The last install that is not of the project alone: the dependencies (the first
        # ones often install tools, such as Poetry itself).
        installs = [s for s in steps if installs_dependencies(s)]
        install = installs[-1] if installs else None
        prediction = predict(self._scratch, "Dockerfile", [self._changed])
        build("Dockerfile", self._scratch, client=self._client, progress=self._progress)
        one_line_change(self._scratch / self._changed)
        after = build(
            "Dockerfile",
            self._scratch,
            client=self._client,
            progress=self._progress,
            tag="layerlab/exercise:latest",
        )
        try:
            answered = request_app(after.image_id, client=self._client).status == 200
        except AppDidNotAnswer:
            answered = False
        predicted = rebuilt = None
        if install is not None:
            predicted = next(s.cached for s in prediction.steps if s.step == install.number)
            rebuilt = next(s.cached for s in after.steps if s.number == install.number)
        first = after.first_rebuilt_step
        fixed = bool(install is not None and rebuilt and predicted and answered)
        advice = [f for f in lint(dockerfile) if f.rule == "cache-order"]
        if install is None:
            why = "This Dockerfile no longer installs the dependencies: the app needs them."
        elif fixed:
            why = (
                f"After an edit to {self._changed}, step {install.number} "
                f"(<code>{html.escape(install.text)}</code>) came from the cache, as the "
                "predictor said it would: only what comes after the code's COPY ran again."
            )
        else:
            why = (
                f"After an edit to {self._changed}, step {install.number} "
                f"(<code>{html.escape(install.text)}</code>) ran again. The first step to "
                f"miss the cache was step {first.number if first else '?'} "
                f"(<code>{html.escape(first.instruction) if first else ''}</code>): it "
                "copies the code, so every step after it ran too."
            )
            if advice:
                why += f"<br>Hint: {html.escape(advice[0].fix)}"
        if not answered:
            why += "<br>The app in the rebuilt image did not answer: check the CMD."
        title = "Fixed!" if fixed else "Not yet."
        explanation = (
            f"<b>{title}</b> {why} The rebuild took {after.seconds:.1f} s; "
            f"{after.steps_cached} of {after.steps_total} steps came from the cache."
        )
        return ExerciseResult(
            fixed=fixed,
            install_step=install.number if install else None,
            predicted_install_cached=predicted,
            rebuilt_install_cached=rebuilt,
            first_rebuilt_step=first.number if first else None,
            rebuild_s=after.seconds,
            app_answered=answered,
            explanation=explanation,
        )
