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
