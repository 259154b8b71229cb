"""The one seam between the course and its recordings (helpers/replay), without an engine."""

import dataclasses
import json

import pytest
from recorded import recorded_variant

import helpers
from helpers import BuildFailed, EngineInfo, RecordingMissing
from helpers.replay import session, store
from helpers.replay.recordable import recordable

INFO = EngineInfo("20.10.24", "1.41", "Debian", "overlay2", 2, 1 << 30)


@pytest.fixture
def recordings(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "RECORDINGS", tmp_path)
    yield tmp_path
    session.end_lesson()


def record_then_replay(calls):
    """Run `calls` (a function making recordable calls) in record mode, then again in
    recorded mode; return both runs' results."""
    session.begin_lesson("demo", "record")
    recorded = calls()
    session.begin_lesson("demo", "recorded")
    return recorded, calls()


def test_a_recorded_call_is_replayed_without_running(recordings):
    ran = []

    @recordable
    def measure(name, client=None) -> EngineInfo:
        ran.append(name)
        return INFO

    @recordable
    def fail(name) -> EngineInfo:
        raise BuildFailed("step 3 failed", step=3, instruction="RUN false", log_tail=("x",))

    session.begin_lesson("demo", "record")
    assert measure("a", client=object()) == INFO
    with pytest.raises(BuildFailed):
        fail("b")

    session.begin_lesson("demo", "recorded")
    replayed = measure("a")
    assert ran == ["a"]  # replayed, not run again
    assert replayed == dataclasses.replace(INFO, recorded=session.label())
    assert replayed.recorded.startswith("recorded ")
    with pytest.raises(BuildFailed) as failure:
        fail("b")
    assert failure.value.step == 3 and failure.value.log_tail == ("x",)
    with pytest.raises(RecordingMissing, match="all have been replayed"):
        measure("a")  # a second call the recording never saw


def test_every_result_type_decodes_by_the_type_its_call_declares(recordings, tmp_path):
    """A build inside a comparison, a prediction, an optional tuple of bytes: each comes back
    equal, decoded by the declared type alone, and marked as recorded at every depth."""
    reordered = recorded_variant("reordered")
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCOPY app.py /\n")
    prediction = helpers.predict(tmp_path, "Dockerfile", ["app.py"])
    comparison = helpers.Comparison("/ctx", "app.py", "# x", "base", INFO, "now", (reordered,))

    @recordable
    def a_comparison() -> helpers.Comparison:
        return comparison

    @recordable
    def a_prediction() -> helpers.Prediction:
        return prediction

    @recordable
    def some_bytes() -> tuple[bytes, ...] | None:
        return (b"\x00\xff", b"")

    _, replayed = record_then_replay(lambda: (a_comparison(), a_prediction(), some_bytes()))
    label = session.label()
    assert replayed[0].recorded == label
    assert replayed[0].engine.recorded == label
    assert replayed[0].variants[0].rebuild.recorded == label
    assert dataclasses.replace(replayed[0].variants[0].rebuild, recorded=None) == reordered.rebuild
    assert replayed[0].variants[0].first_build.recorded == label
    assert replayed[1] == prediction  # a Prediction has no `recorded` field to set
    assert replayed[2] == (b"\x00\xff", b"")
    saved = json.loads(json.dumps(store.load_recording("demo")))
    assert [entry["key"] for entry in saved["calls"]] == [
        "a_comparison#0", "a_prediction#0", "some_bytes#0"
    ]  # fmt: skip


def test_a_call_with_other_arguments_is_stale(recordings):
    @recordable
    def measure(name) -> EngineInfo:
        return INFO

    session.begin_lesson("demo", "record")
    measure("Dockerfile.common")
    session.begin_lesson("demo", "recorded")
    with pytest.raises(RecordingMissing, match="does not match the notebook"):
        measure("Dockerfile.other")


def test_recorded_mode_without_a_recording_says_what_to_do(recordings):
    with pytest.raises(RecordingMissing, match="no recording of nowhere to replay"):
        session.begin_lesson("nowhere", "recorded")


def test_a_bad_mode_is_refused(monkeypatch):
    monkeypatch.setenv("LAYERLAB_MODE", "sometimes")
    with pytest.raises(ValueError, match="auto, live, recorded or record"):
        session.wanted_mode()


def test_auto_mode_picks_recorded_when_no_engine_answers(recordings, monkeypatch, tmp_path):
    store.save_recording("demo", {"about": {"engine": "20.10"}, "calls": []})
    monkeypatch.setenv("LAYERLAB_MODE", "auto")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    report = helpers.start_lesson("demo")
    assert session.mode() == "recorded" and report.mode == "recorded"
    assert "No Docker engine answered" in session.why_recorded()
    assert "recorded" in report.check("Mode").detail
