"""Recording and replaying calls that need the engine, without an engine."""

import pytest

from helpers import BuildFailed, EngineInfo, _recording
from helpers._recording import RecordingMissing, begin_lesson, end_lesson, recordable

INFO = EngineInfo("20.10.24", "1.41", "Debian", "overlay2", 2, 1 << 30)


@pytest.fixture
def recordings(tmp_path, monkeypatch):
    monkeypatch.setattr(_recording, "RECORDINGS", tmp_path)
    yield tmp_path
    end_lesson()


def test_a_recorded_call_is_replayed_without_running(recordings, monkeypatch):
    ran = []

    @recordable
    def measure(name, client=None):
        ran.append(name)
        return INFO

    @recordable
    def fail(name):
        raise BuildFailed("step 3 failed", step=3, instruction="RUN false", log_tail=("x",))

    monkeypatch.setenv("LAYERLAB_MODE", "record")
    assert begin_lesson("demo") == "record"
    assert measure("a", client=object()) == INFO
    with pytest.raises(BuildFailed):
        fail("b")

    monkeypatch.setenv("LAYERLAB_MODE", "recorded")
    assert begin_lesson("demo") == "recorded"
    assert measure("a") == INFO
    assert ran == ["a"]  # replayed, not run again
    with pytest.raises(BuildFailed) as failure:
        fail("b")
    assert failure.value.step == 3 and failure.value.log_tail == ("x",)
    with pytest.raises(RecordingMissing, match="all have been replayed"):
        measure("a")  # a second call the recording never saw


def test_a_call_with_other_arguments_is_stale(recordings, monkeypatch):
    @recordable
    def measure(name):
        return INFO

    monkeypatch.setenv("LAYERLAB_MODE", "record")
    begin_lesson("demo")
    measure("Dockerfile.common")
    monkeypatch.setenv("LAYERLAB_MODE", "recorded")
    begin_lesson("demo")
    with pytest.raises(RecordingMissing, match="does not match the notebook"):
        measure("Dockerfile.other")


def test_recorded_mode_without_a_recording_says_what_to_do(recordings, monkeypatch):
    monkeypatch.setenv("LAYERLAB_MODE", "recorded")
    with pytest.raises(RecordingMissing, match="no recording of nowhere to replay"):
        begin_lesson("nowhere")


def test_auto_mode_picks_recorded_when_no_engine_answers(recordings, monkeypatch, tmp_path):
    monkeypatch.setenv("LAYERLAB_MODE", "record")
    begin_lesson("demo")
    recordable(lambda: INFO)()
    monkeypatch.setenv("LAYERLAB_MODE", "auto")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    assert begin_lesson("demo") == "recorded"
    assert "No Docker engine answered" in _recording.why_recorded()
