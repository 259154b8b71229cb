"""The exercise's judge, on Dockerfiles a learner might write."""

import helpers


def test_dropping_the_install_is_not_a_fix(engine, base_image):
    exercise = helpers.DockerfileExercise(client=engine)
    exercise.editor.value = (
        "ARG BASE_IMAGE=python:3.12-slim\nFROM ${BASE_IMAGE}\nWORKDIR /app\nCOPY . .\n"
        'CMD ["python", "-m", "notes"]\n'
    )
    result = exercise.check()
    assert not result.fixed and result.install_step is None and not result.app_answered
    assert "no longer installs the dependencies" in exercise.verdict.value


def test_a_broken_dockerfile_is_shown_not_raised(engine):
    exercise = helpers.DockerfileExercise(client=engine)
    exercise.editor.value = "FROM scratch\nCOPPY . .\n"
    assert exercise.check() is None
    assert "The build failed" in exercise.verdict.value and "COPPY" in exercise.verdict.value
    assert not exercise.check_button.disabled


def test_the_solution_is_offered_only_after_an_attempt(engine, base_image):
    exercise = helpers.DockerfileExercise(client=engine)
    assert exercise.solution.layout.display == "none"
    result = exercise.check()
    assert exercise.solution.layout.display is None
    assert not result.fixed and result.first_rebuilt_step < result.install_step
    # The verdict is the result showing itself: the same words as in a terminal.
    assert result.explanation() in exercise.verdict.value.replace("&#x27;", "'")
    assert f"{result.install_label} (RUN poetry install" in str(result)
    assert "Hint: COPY pyproject.toml poetry.lock first" in str(result)


def test_the_learners_project_files_are_never_edited(engine, base_image):
    before = (helpers.SAMPLE_APP / "exercises" / "poetry" / "notes" / "app.py").read_text()
    exercise = helpers.DockerfileExercise(client=engine)
    exercise.use_solution()
    assert exercise.check().fixed
    after = (helpers.SAMPLE_APP / "exercises" / "poetry" / "notes" / "app.py").read_text()
    assert after == before


def test_a_run_is_matched_as_buildkit_names_it_with_its_variables_put_in():
    """BuildKit's log shows `rm -rf "/tmp/poetry-cache"` for `rm -rf "$POETRY_CACHE_DIR"`: the
    judge must still find the learner's install among the built steps."""
    from helpers.dockerfile.parsing import parse_dockerfile
    from helpers.notebook.exercise import _as_run

    steps = parse_dockerfile(
        "ARG BASE=python\nFROM ${BASE}\nENV CACHE=/tmp/c\n"
        'RUN poetry install --no-root && rm -rf "$CACHE"\nFROM ${BASE}\nRUN echo $CACHE\n'
    )
    assert _as_run(steps, steps[3]) == 'RUN poetry install --no-root && rm -rf "/tmp/c"'
    assert _as_run(steps, steps[5]) == "RUN echo $CACHE"  # a new stage: ENV does not reach it
