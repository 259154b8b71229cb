"""Each lesson's checkpoints (helpers/notebook/lessons.py) hold on real recorded builds and
fail, naming the claim, when the numbers do not bear it out."""

import dataclasses

import pytest
from recorded import recorded_comparison

import helpers


def test_the_common_order_reinstalls_and_the_reordered_does_not(common, reordered):
    helpers.lessons.common_order_reinstalls(common.first_build, common.rebuild)
    with pytest.raises(AssertionError, match="reinstall every library"):
        helpers.lessons.common_order_reinstalls(reordered.first_build, reordered.rebuild)


def test_the_reordered_lesson_holds_on_the_article_experiment(common, reordered):
    helpers.lessons.reordered_reuses_the_install(recorded_comparison(common, reordered))
    swapped = recorded_comparison(
        dataclasses.replace(reordered, dockerfile="Dockerfile.common"),
        dataclasses.replace(common, dockerfile="Dockerfile.reordered"),
    )
    with pytest.raises(AssertionError, match="Checkpoint failed: The reordered rebuild reused"):
        helpers.lessons.reordered_reuses_the_install(swapped)


def test_a_source_change_is_not_a_requirements_change(reordered):
    with pytest.raises(AssertionError, match="step 7, COPY source/ /app/source/"):
        helpers.lessons.requirements_change_reinstalls(reordered.rebuild)


def test_the_setup_checkpoint_reports_what_is_missing():
    report = helpers.SetupReport(
        (helpers.Check("Python", True, "3.12"), helpers.Check("Docker engine", False, "none"))
    )
    with pytest.raises(AssertionError, match="Docker engine: none"):
        helpers.lessons.ready(report)
