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
