"""The notebooks' shape: clean when committed, opening the same way, all in the index."""

import itertools
import json
import re

import pytest
from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
LESSONS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def cells(path):
    return json.loads(path.read_text())["cells"]


def test_there_are_lessons():
    assert len(LESSONS) >= 5


@pytest.mark.parametrize("path", [*LESSONS, NOTEBOOKS / "index.ipynb"], ids=lambda p: p.name)
def test_committed_without_outputs(path):
    book = json.loads(path.read_text())
    assert book["metadata"]["kernelspec"]["name"] == "python3"
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name} has outputs: clear them before committing (CI proves they run)"
            )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_lesson_opens_the_same_way(path):
    first, *rest = cells(path)
    head = "".join(first["source"])
    number = int(path.name[:2])
    assert re.match(rf"# {number}\. \S", head), f"{path.name} should start with '# {number}. '"
    assert "**You will learn:**" in head and "**Time needed:**" in head
    first_code = next(c for c in rest if c["cell_type"] == "code")
    source = "".join(first_code["source"])
    assert "import helpers" in source and f'helpers.start_lesson("{path.stem}")' in source


def test_the_index_links_every_lesson_in_order():
    index = "".join("".join(c["source"]) for c in cells(NOTEBOOKS / "index.ipynb"))
    linked = re.findall(r"\]\((\d\d_[a-z_]+\.ipynb)\)", index)
    assert linked == [p.name for p in LESSONS]
    assert all(re.search(rf"{re.escape(name)}\) \| .+ \| \d+ min \|", index) for name in linked)


def test_no_automatic_run_cleans_up_the_cache_the_next_lesson_needs():
    from nbval.plugin import find_comment_markers

    for path in LESSONS:
        for cell in cells(path):
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "helpers.cleanup()" in source:
                assert ("skip", True) in list(find_comment_markers(source)), path.name


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_checkpoints_show_a_line_of_intent_and_one_call(path):
    """A learner reads what a checkpoint checks, and its result; the conditions live in
    helpers/notebook/lessons.py, the same way in every lesson."""
    book = cells(path)
    calls = 0
    for before, cell in itertools.pairwise(book):
        source = "".join(cell["source"])
        assert "helpers.checkpoint(" not in source, f"{path.name}: use helpers.lessons"
        assert "helpers.connect(" not in source, f"{path.name}: notebooks need no client"
        if cell["cell_type"] == "code" and "helpers.lessons." in source:
            calls += 1
            intent = "".join(before["source"])
            assert "**Checkpoint.**" in intent or intent.startswith("## Solutions"), (
                f"{path.name}: say what the checkpoint checks, in the cell before it"
            )
            call = source[source.index("helpers.lessons.") :]
            assert call.count("\n") <= 2, f"{path.name}: one call, not plumbing:\n{call}"
    assert calls >= 1 or path.stem == "06_recap", f"{path.name} checks nothing"


def test_the_exercise_never_shows_its_solution_in_plain_view():
    source = "".join("".join(c["source"]) for c in cells(NOTEBOOKS / "11_exercise.ipynb"))
    assert "use_solution" not in source and "Dockerfile.solution" not in source
