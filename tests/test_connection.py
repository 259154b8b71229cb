"""Finding the engine, and what a learner reads when there is none."""

import hashlib
import http.server
import json
import socketserver
import threading

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


class _PingOnly(http.server.BaseHTTPRequestHandler):
    """An engine that answers only what every new client asks: its API version, and a ping."""

    def do_GET(self):
        body = b'{"ApiVersion": "1.41"}' if self.path.endswith("/version") else b"OK"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self):
        return "engine"  # a unix socket has no client address to log

    def log_message(self, *args):
        pass


@pytest.fixture
def pinged_engine(tmp_path):
    socket_path = tmp_path / "engine.sock"
    server = socketserver.UnixStreamServer(str(socket_path), _PingOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"unix://{socket_path}"
    server.shutdown()
    server.server_close()


def test_a_busy_engine_gets_longer_than_the_sdks_60_seconds(monkeypatch, pinged_engine):
    # Docker 20.10 sends nothing of `docker save` until the whole image is in a temporary
    # folder; on a busy CI machine, lesson 7 failed reading one after 66 s.
    monkeypatch.setenv("DOCKER_HOST", pinged_engine)
    assert helpers.connect().api.timeout >= 600
