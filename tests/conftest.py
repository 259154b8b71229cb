"""Shared fixtures. Tests marked `engine` need a Docker engine: in CI (CI=true) a missing
engine fails them, since CI starts one; on a learner's laptop they skip, saying why."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
from recorded import DATA, recorded_variant

import helpers
from helpers.engine.buildkit import choose_builder
from helpers.engine.buildkit_cli import NO_BUILDKIT_CLI, find_buildkit_cli
from helpers.engine.info import uses_containerd_store

REPO = Path(__file__).resolve().parent.parent
# The workshop room's package (workshop/layerlab_room) runs in the hub's environment, not as
# part of the course; its tests import it from its folder.
sys.path.insert(0, str(REPO / "workshop"))
# Where the README's Binder badge opens JupyterLab: the course index.
BINDER_URLPATH = "lab/tree/notebooks/index.ipynb"
# What test modules import from here: DATA (the recorded builds) comes from recorded.py.
__all__ = ["BINDER_URLPATH", "DATA", "REPO", "size_matches"]


# A CI lane may test one builder only, where another lane tests the other (.ci/run).
TEST_BUILDERS = os.environ.get("LAYERLAB_TEST_BUILDERS", "classic,buildkit").split(",")


def pytest_collection_modifyitems(config, items):
    other_lanes = []
    for item in items:
        # Notebooks need no engine: without one they replay their recordings.
        if "engine" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engine)
        parameters = getattr(getattr(item, "callspec", None), "params", {})
        if parameters.get("builder", TEST_BUILDERS[0]) not in TEST_BUILDERS:
            other_lanes.append(item)
    if other_lanes:
        config.hook.pytest_deselected(items=other_lanes)
        items[:] = [item for item in items if item not in other_lanes]


@pytest.fixture(scope="session")
def engine():
    try:
        return helpers.connect()
    except helpers.EngineUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the engine tests, but no engine answered:\n{error}")
        pytest.skip(
            f"no Docker engine answered, so this test cannot build (start one to run it): "
            f"{str(error).splitlines()[0]}"
        )


@pytest.fixture(scope="session")
def base_image(engine):
    try:
        return helpers.resolve_base_image(engine)
    except helpers.BaseImageUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have a base image:\n{error}")
        pytest.skip(f"no base image on this engine: {str(error).splitlines()[0]}")


@pytest.fixture(params=("classic", "buildkit"))
def builder(request, engine):
    """Each builder in turn, for tests whose builds are small enough to run twice."""
    if request.param == "buildkit" and find_buildkit_cli() is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must build with BuildKit too, but:\n{NO_BUILDKIT_CLI}")
        pytest.skip(f"no docker CLI with BuildKit here: {NO_BUILDKIT_CLI.splitlines()[0]}")
    return request.param


@pytest.fixture(scope="session")
def default_builder(engine) -> str:
    """The builder `build()` takes when none is named: LAYERLAB_BUILDER, else "auto"."""
    return "classic" if choose_builder(None, engine) is None else "buildkit"


@pytest.fixture(scope="session")
def block_sizes(engine) -> bool:
    """True on the containerd image store, where history sizes are disk blocks."""
    return uses_containerd_store(engine.info())


def size_matches(reported: int, file_bytes: int, block_sizes: bool, entries: int = 1) -> bool:
    """A layer's reported size against the bytes of the `entries` files it wrote: equal on
    overlay2; on the containerd store, disk usage: at most a 4 KiB block more per file, plus
    a few for the folders around them."""
    if not block_sizes:
        return reported == file_bytes
    block = 4096
    return file_bytes <= reported <= file_bytes + (entries + 4) * block


@pytest.fixture
def make_context(tmp_path):
    """Write a build context from {relative path: text} and return its folder."""

    def make(files: dict[str, str]) -> Path:
        context = tmp_path / "context"
        for name, text in files.items():
            path = context / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return context

    return make


@pytest.fixture(scope="session")
def common():
    """Dockerfile.common built, then rebuilt after a one-line change (recorded real builds)."""
    return recorded_variant("common")


@pytest.fixture(scope="session")
def reordered():
    """Dockerfile.reordered, likewise."""
    return recorded_variant("reordered")


@pytest.fixture
def learner(monkeypatch):
    """A learner of this test's own, as LAYERLAB_LEARNER names them; returns a switcher."""
    run = uuid.uuid4().hex[:6]

    def become(name: str) -> str:
        monkeypatch.setenv("LAYERLAB_LEARNER", f"{name}-{run}")
        return helpers.current_learner().name

    become("alice")
    return become
