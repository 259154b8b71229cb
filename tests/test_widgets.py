"""The rebuild widget, driven from code as nbval drives it (no browser can click here)."""

import plotly.graph_objects as go

import helpers

TWO_STEPS = {
    "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY deps.txt /\nRUN date +%s%N > /x\n"
    "COPY app.py /\n",
    "deps.txt": "one\n",
    "app.py": "print('hi')\n",
}


def test_pressing_the_button_rebuilds_and_draws_the_chart(
    engine, base_image, make_context, default_builder
):
    context = make_context(TWO_STEPS)
    explorer = helpers.RebuildExplorer(context, client=engine)
    assert list(explorer.changed_file.options) == ["app.py", "deps.txt"]
    explorer.changed_file.value = "app.py"
    explorer.button.click()
    before, after = explorer.last
    assert before.image_id != after.image_id
    assert after.first_rebuilt_step.instruction == "COPY app.py /"
    # The classic builder numbers every instruction; BuildKit only FROM, COPY and RUN.
    label = "step 5" if default_builder == "classic" else "[4/4]"
    assert f"ran again from {label}" in explorer.summary.value
    chart = explorer.chart_area.children[0]
    assert isinstance(chart, go.FigureWidget)
    # The chart numbers its bars as the sentence numbers the step: by the builder's steps.
    built = next(trace for trace in chart.data if trace.name == "built")
    assert f"{label}: COPY app.py /" in built.y
    assert not explorer.button.disabled
    assert (context / "app.py").read_text() == "print('hi')\n"  # the learner's file is intact

    explorer.changed_file.value = "deps.txt"
    _, after = explorer.rebuild()
    assert after.first_rebuilt_step.instruction == "COPY deps.txt /"


def test_a_failing_build_is_shown_not_raised(engine, base_image, make_context):
    context = make_context({"Dockerfile": "FROM scratch\nCOPPY a b\n", "a": "x"})
    explorer = helpers.RebuildExplorer(context, client=engine)
    assert explorer.rebuild() is None
    assert "could not read Dockerfile" in explorer.summary.value
    assert not explorer.button.disabled
