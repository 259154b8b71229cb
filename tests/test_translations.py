"""The Korean lessons: one beside each English lesson, running the same code (only the
language chosen in the setup cell differs), so they share its recording."""

import itertools
import json
import re

import pytest
from conftest import REPO

from helpers.replay.store import notebook_hash

NOTEBOOKS = REPO / "notebooks"
ENGLISH = sorted([*NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"), NOTEBOOKS / "index.ipynb"])
HANGUL = re.compile("[\uac00-\ud7a3]")
CHOICE = ', language="ko")'


def cells(path):
    return json.loads(path.read_text())["cells"]


def code(path) -> list[str]:
    return ["".join(c["source"]) for c in cells(path) if c["cell_type"] == "code"]


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_each_lesson_has_its_korean_twin_with_the_same_code(english):
    korean = NOTEBOOKS / "ko" / english.name
    assert korean.is_file(), f"no Korean {english.name}: scripts/translate_notebook.py makes it"
    theirs, ours = code(english), code(korean)
    assert [c.replace(CHOICE, ")") for c in ours] == theirs, (
        f"ko/{english.name}'s code drifted from the English lesson's: refresh it with "
        f"`python scripts/translate_notebook.py notebooks/{english.name}`"
    )
    if english.name != "index.ipynb":
        assert sum(CHOICE in c and "start_lesson(" in c for c in ours) == 1
        assert notebook_hash(korean) == notebook_hash(english)  # one recording for both


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_every_text_cell_is_in_korean(english):
    korean = NOTEBOOKS / "ko" / english.name
    theirs = [c["id"] for c in cells(english) if c["cell_type"] == "markdown"]
    ours = [c for c in cells(korean) if c["cell_type"] == "markdown"]
    assert [c["id"] for c in ours] == theirs
    for cell in ours:
        assert HANGUL.search("".join(cell["source"])), f"ko/{english.name}: {cell['id']}"


@pytest.mark.parametrize("english", ENGLISH[:-1], ids=lambda p: p.name)
def test_each_korean_lesson_opens_the_same_way(english):
    head = "".join(cells(NOTEBOOKS / "ko" / english.name)[0]["source"])
    assert re.match(rf"# {int(english.name[:2])}\. \S", head)
    assert "**배울 내용:**" in head and "**소요 시간:**" in head


def test_the_korean_index_links_every_lesson_and_each_index_the_other():
    korean = "".join("".join(c["source"]) for c in cells(NOTEBOOKS / "ko" / "index.ipynb"))
    linked = re.findall(r"\]\((\d\d_[a-z_]+\.ipynb)\)", korean)
    assert linked == [p.name for p in ENGLISH[:-1]]
    assert all(re.search(rf"{re.escape(name)}\) \| .+ \| \d+분 \|", korean) for name in linked)
    assert "](../index.ipynb)" in korean and "jupyterlab-language-pack-ko-KR" in korean
    english = "".join("".join(c["source"]) for c in cells(NOTEBOOKS / "index.ipynb"))
    assert "](ko/index.ipynb)" in english


@pytest.mark.parametrize("english", ENGLISH[:-1], ids=lambda p: p.name)
def test_korean_checkpoints_say_what_they_check(english):
    book = cells(NOTEBOOKS / "ko" / english.name)
    for before, cell in itertools.pairwise(book):
        if cell["cell_type"] == "code" and "helpers.lessons." in "".join(cell["source"]):
            intent = "".join(before["source"])
            assert "**체크포인트.**" in intent or intent.startswith("## 풀이"), english.name


def test_a_korean_lesson_speaks_korean_in_its_outputs(tmp_path, monkeypatch):
    """What the helpers show in a Korean lesson: checkpoints, tables and chart titles, each
    in Korean (run in recorded mode, from the English lesson's recording)."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("LAYERLAB_MODE", "recorded")
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    monkeypatch.setenv("LAYERLAB_STATE_DIR", str(tmp_path))
    book = nbformat.read(NOTEBOOKS / "ko" / "03_common_dockerfile.ipynb", as_version=4)
    NotebookClient(book, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = {"checkpoint": [], "table": [], "chart title": []}
    for cell in book.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data and data["text/markdown"].startswith("✅"):
                shown["checkpoint"].append(data["text/markdown"])
            elif "application/vnd.plotly.v1+json" in data:
                title = data["application/vnd.plotly.v1+json"]["layout"].get("title", {})
                shown["chart title"].append(title.get("text", ""))
            elif "text/html" in data and "<table" in data["text/html"]:
                shown["table"].append(data["text/html"].split("<table")[0])
    for kind, texts in shown.items():
        assert texts, f"the lesson showed no {kind}"
        english = [text for text in texts if not HANGUL.search(text)]
        assert not english, f"{kind} in English: {english[:2]}"
