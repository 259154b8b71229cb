"""The locked Python environment: requirements/course.txt (a learner's install),
requirements/test.txt (the same plus the test tools) and workshop/requirements/room.txt (the
workshop machine's hub and package cache), all made by scripts/lock with uv.

The first test asks PyPI (through uv), like scripts/lock itself; the others read files or run
scripts/_venv.sh against a stand-in .venv, without installing anything.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

COURSE = Path("requirements/course.txt")
TEST = Path("requirements/test.txt")
ROOM = Path("workshop/requirements/room.txt")
LOCKS = (COURSE, TEST, ROOM)
# In the test extra, but the course needs them too: JupyterLab's server depends on them.
TEST_EXTRA_THE_COURSE_NEEDS = {"nbconvert", "jsonschema", "pyyaml"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def pins(lock: Path) -> dict[str, str]:
    """The versions a lock file pins, by canonical package name."""
    found = {}
    for line in (REPO / lock).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            match = PIN.match(line)
            assert match, f"{lock}: not a pin ({line!r}); run scripts/lock"
            found[canonicalize_name(match[1])] = match[2]
    return found


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def requirements(entries) -> list[Requirement]:
    return [Requirement(e) for e in entries if e.strip() and not e.lstrip().startswith("#")]


def test_the_locks_are_current(tmp_path):
    """scripts/lock, run again on copies of the committed files (it keeps their pins), changes
    nothing: nobody edited pyproject.toml or room.in without locking again."""
    for lock in LOCKS:
        (tmp_path / lock).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / lock, tmp_path / lock)
    result = subprocess.run(
        ["bash", str(REPO / "scripts/lock")],
        env={**os.environ, "LOCK_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    stale = {}
    for lock in LOCKS:
        committed = (REPO / lock).read_text().splitlines()
        made = (tmp_path / lock).read_text().splitlines()
        diff = difflib.unified_diff(committed, made, str(lock), "scripts/lock", n=1, lineterm="")
        if diff := "\n".join(diff):
            stale[lock] = diff
    if stale:
        pytest.fail(
            f"out of date: {', '.join(map(str, stale))}; run scripts/lock and commit them.\n"
            + "\n".join(diff[:2000] for diff in stale.values()),
            pytrace=False,
        )


def assert_pinned_within_bounds(lock: Path, wanted: list[Requirement], source: str):
    pinned = pins(lock)
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} ({source}) is not pinned in {lock}"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, outside {source}'s {requirement}"
        )


def test_the_course_lock_pins_every_course_dependency():
    course = requirements(project()["dependencies"])
    assert_pinned_within_bounds(COURSE, course, "pyproject.toml")


def test_the_test_lock_pins_every_test_tool_and_every_course_dependency():
    course, test = project()["dependencies"], project()["optional-dependencies"]["test"]
    assert_pinned_within_bounds(TEST, requirements(course + test), "pyproject.toml")


def test_the_room_lock_pins_the_hub_and_the_package_cache():
    room = requirements((REPO / "workshop/requirements/room.in").read_text().splitlines())
    assert {canonicalize_name(r.name) for r in room} >= {"jupyterhub", "devpi-server"}
    assert_pinned_within_bounds(ROOM, room, "room.in")


def test_a_learners_install_carries_no_test_tools():
    test_tools = {
        canonicalize_name(r.name) for r in requirements(project()["optional-dependencies"]["test"])
    } - TEST_EXTRA_THE_COURSE_NEEDS
    assert {"pytest", "nbval", "ruff", "playwright", "uv"} <= test_tools
    carried = test_tools & set(pins(COURSE))
    assert not carried, f"{COURSE} holds test tools: {sorted(carried)}"


@pytest.mark.parametrize("other", [TEST, ROOM], ids=str)
def test_a_package_in_two_locks_has_one_version(other):
    """test.txt and room.txt are made with `-c requirements/course.txt`: what they share with
    the course is the course's version, so installing either on top of a learner's venv moves
    nothing the course uses."""
    course, theirs = pins(COURSE), pins(other)
    differing = {
        name: (version, theirs[name])
        for name, version in course.items()
        if name in theirs and theirs[name] != version
    }
    assert not differing, f"{COURSE} vs {other}: {differing}"
    assert set(course) & set(theirs), f"{other} shares no package with {COURSE}?"


def test_the_locks_have_no_hashes():
    # With hashes pip refuses a requirement without one, e.g. `pip install jupyterhub
    # -c workshop/requirements/room.txt`, which is how the room composes these files.
    for lock in LOCKS:
        assert "--hash" not in (REPO / lock).read_text(), f"{lock} has hashes"
        assert "scripts/lock" in (REPO / lock).read_text().splitlines()[1], (
            f"{lock}'s header should name scripts/lock (uv's --custom-compile-command)"
        )


# scripts/_venv.sh, run for real in a copy of the repository's scripts whose .venv holds
# stand-ins: every command logs its arguments and succeeds. Nothing is installed.
STAND_IN = '#!/bin/sh\necho "$(basename "$0") $*" >>"$LAYERLAB_STAND_IN_LOG"\n'


@pytest.fixture
def stand_in_repo(tmp_path):
    for script in ("_venv.sh", "course", "test"):
        (tmp_path / "scripts").mkdir(exist_ok=True)
        shutil.copy(REPO / "scripts" / script, tmp_path / "scripts" / script)
    for lock in (COURSE, TEST):
        (tmp_path / lock).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / lock, tmp_path / lock)
    bin_ = tmp_path / ".venv/bin"
    bin_.mkdir(parents=True)
    for command in ("python", "jupyter", "ruff", "lint-imports"):
        (bin_ / command).write_text(STAND_IN)
        (bin_ / command).chmod(0o755)
    return tmp_path


def run_in(repo: Path, *command: str) -> list[str]:
    """Run a command in `repo`; the commands its .venv's stand-ins were asked to run."""
    log = repo / "stand-in.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "LAYERLAB_STAND_IN_LOG": str(log), "PYTHON": sys.executable}
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return log.read_text().splitlines() if log.exists() else []


def installs(ran: list[str]) -> list[str]:
    return [line for line in ran if line.startswith("python -m pip install")]


def test_scripts_course_installs_the_course_lock_and_no_test_tools(stand_in_repo):
    ran = run_in(stand_in_repo, "bash", "scripts/course", "--no-browser")
    assert installs(ran) == [
        "python -m pip install --quiet --upgrade pip",
        "python -m pip install --quiet -r requirements/course.txt",
        "python -m pip install --quiet --no-deps -e .",
    ]
    assert ran[-1].startswith("jupyter lab") and ran[-1].endswith("--no-browser")
    # Nothing changed: no pip at all the second time; a new lock file installs again.
    assert installs(run_in(stand_in_repo, "bash", "scripts/course")) == []
    stamp = stand_in_repo / ".venv/.layerlab-installed-course"
    os.utime(stand_in_repo / COURSE, (stamp.stat().st_mtime + 10,) * 2)
    assert "python -m pip install --quiet -r requirements/course.txt" in installs(
        run_in(stand_in_repo, "bash", "scripts/course")
    )


def test_scripts_test_and_ci_install_the_test_lock(stand_in_repo):
    # scripts/test passes its arguments to pytest: they must not reach _venv.sh as a set.
    ran = run_in(stand_in_repo, "bash", "scripts/test", "tests/test_locks.py")
    assert "python -m pip install --quiet -r requirements/test.txt" in installs(ran)
    assert not any("course.txt" in line for line in ran)
    assert "python -m pytest --nbval-lax --nbval-current-env tests/test_locks.py" in ran
    # .ci/run readies .venv with a bare `source scripts/_venv.sh` before its background runs,
    # which need the test tools. The test set is installed already: nothing to do.
    assert installs(run_in(stand_in_repo, "bash", "-c", "source scripts/_venv.sh")) == []
    (stand_in_repo / ".venv/.layerlab-installed-test").unlink()
    assert "python -m pip install --quiet -r requirements/test.txt" in installs(
        run_in(stand_in_repo, "bash", "-c", "source scripts/_venv.sh")
    )
