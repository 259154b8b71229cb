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


def test_the_solution_is_offered_only_after_a_failed_attempt(engine, base_image):
    exercise = helpers.DockerfileExercise(client=engine)
    assert exercise.solution.layout.display == "none"
    # Hints are there from the start, every one closed until asked for.
    assert exercise.hints.selected_index is None and len(exercise.hints.children) == 3
    result = exercise.check()
    assert exercise.solution.layout.display is None
    assert not result.fixed and result.first_rebuilt_step < result.install_step
    # Part 2: the image as given ships Poetry, and the verdict says what of it.
    assert any(item.startswith("Poetry itself") for item in result.leftovers)
    assert "Part 2: the final image still holds Poetry itself" in str(result)
    # The verdict is the result showing itself: the same words as in a terminal.
    assert result.explanation() in exercise.verdict.value.replace("&#x27;", "'")
    assert f"{result.install_label} (RUN poetry install" in str(result)
    assert "Hint: COPY pyproject.toml poetry.lock first" in str(result)


def test_the_learners_project_files_are_never_edited(engine, base_image):
    before = (helpers.SAMPLE_APP / "exercises" / "poetry" / "notes" / "app.py").read_text()
    exercise = helpers.DockerfileExercise(client=engine)
    exercise.use_solution()
    result = exercise.check()
    assert result.solved and result.leftovers == ()
    assert str(result).startswith("Solved!")
    # Solved: no worked solution is pushed at the learner.
    assert exercise.solution.layout.display == "none"
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


def test_poetry_left_in_the_final_image_is_named_and_a_hidden_copy_is_not():
    from helpers.notebook.exercise import _build_tool_leftovers
    from helpers.results.contents import FileEntry, HiddenFile, ImageContents, LayerContents

    def layer(index, *paths):
        added = tuple(FileEntry(path, 1000, "file") for path in paths)
        return LayerContents(index, None, "RUN", 1000 * len(paths), added, (), (), 0)

    site = "usr/local/lib/python3.12/site-packages/poetry/__init__.py"
    cache = "root/.cache/pypoetry/artifacts/a.whl"
    layers = (layer(0, site, "usr/local/bin/poetry"), layer(1, cache))
    assert _build_tool_leftovers(ImageContents("x", "oci", layers, ())) == (
        "Poetry itself (2 files, 2.0 KiB)",
        "Poetry's cache (1 file, 1,000 B)",
    )
    # The cache deleted in a later layer: hidden, so not in the final filesystem (its bytes
    # still ship, which lesson 7 counts; part 2 asks only what the running image holds).
    hidden = (HiddenFile(cache, 1000, 1, 2, "deleted"),)
    cleaned = ImageContents("x", "oci", (layer(0, site), layer(1, cache), layer(2)), hidden)
    assert _build_tool_leftovers(cleaned) == ("Poetry itself (1 file, 1,000 B)",)
