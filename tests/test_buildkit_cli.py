"""Choosing a docker command line for BuildKit, with stand-in `docker` programs on PATH."""

import os
import stat

import pytest

from helpers.engine.buildkit_cli import CLI_VARIABLE, find_buildkit_cli


def fake_docker(folder, client_version, buildx=None):
    """A `docker` that answers `buildx version` (if it has buildx) and `version`."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "docker"
    buildx_answer = (
        f'echo "github.com/docker/buildx {buildx} 1234abcd"; exit 0' if buildx else "exit 1"
    )
    program.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = buildx ]; then {buildx_answer}; fi\n'
        f'if [ "$1" = version ]; then echo "{client_version}"; exit 1; fi\n'
        "exit 2\n"
    )
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


@pytest.fixture
def path_of(monkeypatch):
    def use(*folders):
        monkeypatch.delenv(CLI_VARIABLE, raising=False)
        monkeypatch.setenv("PATH", os.pathsep.join(str(folder) for folder in folders))
        return find_buildkit_cli()

    return use


def test_buildx_from_0_12_prints_rawjson(tmp_path, path_of):
    fake_docker(tmp_path / "new", "28.2.2", buildx="v0.15.1")
    cli = path_of(tmp_path / "new")
    assert cli.command == (str(tmp_path / "new" / "docker"), "buildx", "build")
    assert cli.style == "rawjson" and "buildx 0.15" in cli.description


def test_an_older_buildx_prints_plain(tmp_path, path_of):
    fake_docker(tmp_path / "old", "24.0.7", buildx="v0.11.2")
    assert path_of(tmp_path / "old").style == "plain"


def test_a_newer_cli_without_buildx_is_passed_over_for_one_with_buildkit_built_in(
    tmp_path, path_of
):
    fake_docker(tmp_path / "local", "28.2.2")  # refuses DOCKER_BUILDKIT=1 without buildx
    fake_docker(tmp_path / "debian", "20.10.24+dfsg1")
    cli = path_of(tmp_path / "local", tmp_path / "debian")
    assert cli.command == (str(tmp_path / "debian" / "docker"), "build")
    assert cli.style == "plain" and cli.environment == (("DOCKER_BUILDKIT", "1"),)


def test_no_cli_that_can_means_none(tmp_path, path_of):
    fake_docker(tmp_path / "local", "28.2.2")
    assert path_of(tmp_path / "local") is None
    assert path_of(tmp_path / "empty") is None


def test_the_variable_names_the_one_to_use(tmp_path, monkeypatch):
    fake_docker(tmp_path / "new", "28.2.2", buildx="v0.13.1")
    chosen = fake_docker(tmp_path / "debian", "20.10.24")
    monkeypatch.setenv("PATH", str(tmp_path / "new"))
    monkeypatch.setenv(CLI_VARIABLE, str(chosen))
    assert find_buildkit_cli().command == (str(chosen), "build")
