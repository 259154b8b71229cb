"""Every public function in recorded mode (a learner without Docker): it works, replaying a
real run, or it says clearly that it needs a live engine. Never a None posing as a client."""

import inspect

import pytest

import helpers
from helpers.replay import codec, session, store

REPLAYED = {
    "build", "compare", "cleanup", "engine_info", "read_layers", "read_image_contents",
    "request_app", "read_file_in_image", "resolve_base_image", "reuse_ci_cache",
    "forget_build_cache", "cache_origin", "verify_fix", "find_in_image",
    "make_base_with_build_tools",
}  # fmt: skip
NEEDS_LIVE_ENGINE = {
    "connect", "make_base_with_ca", "make_base_with_index", "warm_engine",
}  # fmt: skip
TAKES_AN_SDK_IMAGE = {"built_by_course"}  # only reachable with a live client in hand
CHECKS_THE_MODE = {"check_setup", "start_lesson"}
NO_ENGINE_AT_ALL = {
    "predict", "lint", "fix_dockerfile", "new_layers", "human_bytes", "one_line_change",
    "scratch_copy", "write_context", "fresh_for_this_run", "read_archive", "check_answer",
    "checkpoint",
    "layers_chart", "comparison_chart", "timeline_chart", "journey_chart",
    "invisible_bytes_chart", "layer_files_chart", "describe_comparison", "describe_contents",
    "describe_bytes_under", "describe_context",
    "describe_layers", "describe_new_layers", "describe_steps", "describe_builders",
    "describe_downloads", "pip_downloads", "find_buildkit_cli", "current_learner", "my_tag",
    "source_file_to_change", "ask_prediction", "reveal_prediction", "my_predictions",
    "recap_question", "bases_chart", "describe_bases",
}  # fmt: skip


def public_functions():
    return {name for name in helpers.__all__ if inspect.isfunction(getattr(helpers, name))}


def test_every_public_function_is_accounted_for():
    classified = (
        REPLAYED | NEEDS_LIVE_ENGINE | TAKES_AN_SDK_IMAGE | CHECKS_THE_MODE | NO_ENGINE_AT_ALL
    )
    assert public_functions() == classified


def test_the_replayed_ones_go_through_the_recording_seam():
    for name in REPLAYED:
        assert hasattr(getattr(helpers, name), "returns"), f"{name} is not @recordable"
    for name in public_functions() - REPLAYED:
        assert not hasattr(getattr(helpers, name), "returns"), name


@pytest.fixture
def replaying(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "RECORDINGS", tmp_path)
    store.save_recording("demo", {"about": {"engine": "20.10.24"}, "calls": []})
    session.begin_lesson("demo", "recorded")
    yield
    session.end_lesson()


def test_the_ones_that_need_an_engine_say_so(replaying, tmp_path):
    with pytest.raises(helpers.NeedsLiveEngine, match="Recorded mode: this needs a live"):
        helpers.connect()
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    with pytest.raises(helpers.NeedsLiveEngine, match="Start Docker"):
        helpers.make_base_with_ca(ca)
    with pytest.raises(helpers.NeedsLiveEngine, match="Start Docker"):
        helpers.make_base_with_index("http://192.0.2.9:3141/root/pypi/+simple/")


def test_the_setup_check_reports_the_recording(replaying):
    report = helpers.check_setup()
    assert report.mode == "recorded" and report.ok
    assert "on Docker 20.10.24" in report.check("Mode").detail


def test_the_widgets_say_a_choice_of_ones_own_needs_a_live_engine(replaying):
    exercise = helpers.DockerfileExercise()
    exercise.editor.value += "# my own attempt\n"
    assert exercise.check() is None
    assert "Recorded mode." in exercise.verdict.value
    assert "needs a live Docker engine" in exercise.verdict.value
    explorer = helpers.RebuildExplorer()
    assert explorer.rebuild() is None
    assert "live Docker engine" in explorer.summary.value


def test_a_call_the_recording_lacks_says_what_to_do(replaying):
    with pytest.raises(helpers.RecordingMissing, match="python -m helpers record"):
        helpers.engine_info()


def test_every_replayed_function_gives_back_what_it_recorded(
    engine, base_image, make_context, tmp_path, monkeypatch
):
    """Record each call on the real engine, then replay it with no engine at all."""
    monkeypatch.setattr(store, "RECORDINGS", tmp_path / "recordings")
    context = make_context(
        {
            "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY app.txt /srv/\n"
            'CMD ["python", "-m", "http.server", "8000", "-d", "/srv"]\n',
            "app.txt": "hello\n",
        }
    )

    def every_call():
        built = helpers.build(context=context, tag=helpers.my_tag("replay:test"), progress=None)
        return (
            built,
            helpers.compare(context, ("Dockerfile",), "app.txt", progress=None),
            helpers.engine_info(),
            helpers.resolve_base_image(),
            helpers.read_layers(built.image_id),
            helpers.read_image_contents(built.image_id),
            helpers.request_app(built.image_id, "/app.txt").body,
            helpers.read_file_in_image(built.image_id, "/srv/app.txt"),
            helpers.cache_origin(built),
        )

    session.begin_lesson("demo", "record")
    try:
        live = every_call()
        monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
        session.begin_lesson("demo", "recorded")
        replayed = every_call()
    finally:
        session.end_lesson()
    assert live[6] == "hello\n" and live[7] == b"hello\n"
    assert replayed[0].recorded == replayed[1].variants[0].rebuild.recorded == session_label()
    # Replaying only adds the `recorded` label: unset at every depth, the results are equal.
    assert codec.mark_recorded(replayed, None) == live


def session_label():
    return store.recording_label(store.load_recording("demo")["about"])
