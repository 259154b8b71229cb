"""Binder: what repo2docker, the tool Binder builds with, makes of this repository, and the
README's launch badge.

`repo2docker --no-build --debug` prints the Dockerfile Binder would build, with no engine and
no network, so CI can check it although mybinder.org is out of reach here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import BINDER_URLPATH, REPO

# Binder's user; repo2docker would otherwise take this machine's user name and id.
JOVYAN = ("--user-id", "1000", "--user-name", "jovyan")


def binder_dockerfile(repo) -> tuple[str, str]:
    """The Dockerfile Binder would build from `repo`, and what repo2docker said about it."""
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", *JOVYAN, str(repo)],
        capture_output=True,
        text=True,
        # Binder has no Docker daemon; rendering the Dockerfile must not need one either.
        env={**os.environ, "DOCKER_HOST": "unix:///nonexistent/docker.sock"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def line_of(dockerfile: str, pattern: str) -> int:
    lines = dockerfile.splitlines()
    found = [number for number, line in enumerate(lines) if re.search(pattern, line)]
    assert found, f"no line matches {pattern!r} in the Dockerfile repo2docker made:\n{dockerfile}"
    return found[0]


ENVIRONMENT_INSTALL = r'env update .*--file "environment\.yml"'
REPOSITORY_COPY = r"^COPY .*\bsrc/ \$\{REPO_DIR\}/$"


@pytest.fixture(scope="module")
def binder_build():
    return binder_dockerfile(REPO)


def test_binder_builds_the_conda_environment_from_environment_yml(binder_build):
    dockerfile, said = binder_build
    assert "Building conda environment for python=3.12" in said
    line_of(dockerfile, ENVIRONMENT_INSTALL)
    # A root Dockerfile would replace all of this; a binder/ folder would hide environment.yml.
    assert not (REPO / "Dockerfile").exists() and not (REPO / "binder").exists()


def test_binder_installs_the_environment_before_copying_the_course(binder_build):
    """Lesson 04's rule on our own repository: a commit that changes a notebook must not
    reinstall the environment on Binder."""
    dockerfile, _ = binder_build
    assert line_of(dockerfile, ENVIRONMENT_INSTALL) < line_of(dockerfile, REPOSITORY_COPY)
    assert line_of(dockerfile, r"^RUN \./postBuild$") > line_of(dockerfile, REPOSITORY_COPY)


def test_a_local_path_in_environment_yml_would_reinstall_it_on_every_commit(tmp_path):
    """Why environment.yml leaves `-e .` to postBuild: with it, the order flips."""
    text = (REPO / "environment.yml").read_text()
    pip_section = "  - pip:\n"
    assert pip_section in text
    (tmp_path / "environment.yml").write_text(
        text.replace(pip_section, pip_section + "      - -e .\n")
    )
    shutil.copy2(REPO / "postBuild", tmp_path / "postBuild")
    dockerfile, _ = binder_dockerfile(tmp_path)
    assert line_of(dockerfile, ENVIRONMENT_INSTALL) > line_of(dockerfile, REPOSITORY_COPY)


def test_postbuild_makes_the_helpers_importable_from_the_notebooks(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([str(REPO / "postBuild")], check=True, env=env, cwd=tmp_path)
    # --no-deps: only the helpers' own code is found, not their packages, so look, not import.
    found = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import importlib.util as u; print(u.find_spec('helpers').origin)",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO / "notebooks",
    ).stdout.strip()
    assert found == str(REPO / "helpers" / "__init__.py")


def repository_url() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def github_origin() -> str | None:
    """Where this clone came from, when that is GitHub: the badge must point there."""
    origin = subprocess.run(
        ["git", "-C", str(REPO), "remote", "get-url", "origin"], capture_output=True, text=True
    ).stdout.strip()
    github = re.fullmatch(r"(?:https://|git@)github\.com[/:](.+?)(?:\.git)?/?", origin)
    return f"https://github.com/{github[1]}" if github else None


def test_the_readme_badge_opens_the_course_index_of_this_repository():
    repository = repository_url()
    origin = github_origin()
    assert origin in (None, repository), (
        f"This clone came from {origin}: set Repository in pyproject.toml to it, so the "
        "Binder badge points where the repository lives."
    )
    owner_and_name = re.fullmatch(r"https://github\.com/([^/]+/[^/]+)", repository)
    assert owner_and_name, "pyproject.toml's Repository must be https://github.com/OWNER/NAME"
    launch = f"https://mybinder.org/v2/gh/{owner_and_name[1]}/HEAD?urlpath={BINDER_URLPATH}"
    badge = f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({launch})"
    assert badge in (REPO / "README.md").read_text(), (
        f"README.md needs the Binder badge made from pyproject.toml's Repository:\n{badge}"
    )
    assert (REPO / BINDER_URLPATH.removeprefix("lab/tree/")).is_file()
