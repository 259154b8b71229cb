"""Finding the engine, and what a learner reads when there is none."""

import hashlib
import json

import pytest

import helpers
from helpers.engine.connection import _explain


def test_no_engine_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    with pytest.raises(helpers.EngineUnavailable) as failure:
        helpers.connect()
    message = str(failure.value)
    assert f"No Docker engine answered at unix://{tmp_path}/no-engine.sock" in message
    assert "Docker Desktop: start it" in message and "DOCKER_HOST" in message


def test_every_call_that_needs_the_engine_reports_it_the_same_way(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    for call in (
        lambda: helpers.build(context=tmp_path, progress=None),
        helpers.cleanup,
        lambda: helpers.compare(progress=None),
    ):
        with pytest.raises(helpers.EngineUnavailable):
            call()


def test_a_socket_the_user_may_not_open_is_told_apart():
    error = _explain(PermissionError(13, "Permission denied"), "unix:///var/run/docker.sock")
    assert "may not talk to it" in str(error) and "docker group" in str(error)


def test_the_current_docker_context_is_honoured(monkeypatch, tmp_path):
    # Docker Desktop on macOS selects its engine through a context, not DOCKER_HOST.
    socket = tmp_path / "desktop.sock"
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    meta_dir = tmp_path / "contexts" / "meta" / hashlib.sha256(b"course-test").hexdigest()
    meta_dir.mkdir(parents=True)
    (meta_dir / "meta.json").write_text(
        json.dumps(
            {
                "Name": "course-test",
                "Metadata": {},
                "Endpoints": {"docker": {"Host": f"unix://{socket}", "SkipTLSVerify": False}},
            }
        )
    )
    (tmp_path / "config.json").write_text(json.dumps({"currentContext": "course-test"}))
    with pytest.raises(helpers.EngineUnavailable, match=f"answered at unix://{socket}"):
        helpers.connect()
