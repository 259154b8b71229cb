"""Checkpoints and answer checks: what nbval relies on to verify the lessons."""

import pytest

import helpers


def test_a_checkpoint_that_holds_passes_and_one_that_fails_says_what_was_measured():
    helpers.checkpoint("two is more than one", 2 > 1, "2 and 1")
    with pytest.raises(AssertionError, match="What this run measured: 1,000 bytes"):
        helpers.checkpoint("small", False, "1,000 bytes")


def test_answers_are_checked_and_ellipsis_means_not_yet():
    assert helpers.check_answer(4, 4, why="")
    assert not helpers.check_answer(5, 4, why="")
    assert not helpers.check_answer(..., 4, why="")
    assert helpers.check_answer(0.1 + 0.2, 0.3, why="")
    assert helpers.check_answer(1_000_500, 1_000_000, why="", rel_tolerance=0.01)
    assert not helpers.check_answer("lots", 1_000_000, why="", rel_tolerance=0.01)


def test_scratch_contexts_are_copies(tmp_path):
    copy = helpers.scratch_copy(helpers.SAMPLE_APP)
    assert copy != helpers.SAMPLE_APP and (copy / "source" / "app.py").is_file()
    helpers.one_line_change(copy / "source" / "app.py")
    original = (helpers.SAMPLE_APP / "source" / "app.py").read_text()
    assert (copy / "source" / "app.py").read_text().startswith(original)
    assert "Layer Lab edit" not in original
    context = helpers.write_context({"Dockerfile": "FROM scratch\n", "a/b.txt": "x"})
    assert (context / "a" / "b.txt").read_text() == "x"


def test_the_setup_report_says_what_to_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    report = helpers.check_setup()
    assert not report.ok
    engine = report.check("Docker engine")
    assert not engine.ok and "Docker Desktop" in engine.fix
    assert ("❌ fix", "Docker engine") == report.table().rows[2][:2]
    assert "Not ready yet" in str(report) and "<td>❌ fix</td>" in report._repr_html_()
    assert report.check("Python").ok
