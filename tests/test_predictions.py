"""Predict, then see: a choice is locked, compared with the measurement and remembered for the
recap; no choice still measures; the store survives a broken file."""

from types import SimpleNamespace

import pytest

import helpers
from helpers.replay import session


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYERLAB_STATE_DIR", str(tmp_path))
    session.begin_lesson("03_common_dockerfile", "live")
    yield tmp_path / "predictions.json"
    session.end_lesson()


CHOICES = ["FROM", "COPY source/ /app/source/", "RUN pip install"]


def test_a_prediction_is_locked_compared_and_remembered(store):
    asked = helpers.ask_prediction("first-miss", "Which step runs first again?", CHOICES)
    assert asked.chosen is None
    asked.choose("RUN pip install")
    guess = helpers.reveal_prediction(asked, "COPY source/ /app/source/", why="the COPY's files")
    assert guess.right is False and asked.buttons.disabled
    assert "you predicted RUN pip install" in guess.sentence()
    asked = helpers.ask_prediction("shrinks", "Does the image shrink?", ["yes", "no"])
    asked.choose("no")
    assert helpers.reveal_prediction(asked, "no").right is True
    kept = helpers.my_predictions()
    assert [(g.key, g.right) for g in kept.guesses] == [("first-miss", False), ("shrinks", True)]
    assert kept.table().headline == "1 of 2 predictions right."
    assert store.is_file()


def test_asked_again_the_newer_answer_counts(store):
    for chosen in ("FROM", "COPY source/ /app/source/"):
        asked = helpers.ask_prediction("first-miss", "Which?", CHOICES)
        asked.choose(chosen)
        helpers.reveal_prediction(asked, "COPY source/ /app/source/")
    assert [g.right for g in helpers.my_predictions().guesses] == [True]


def test_no_choice_still_measures_and_is_not_remembered(store):
    asked = helpers.ask_prediction("first-miss", "Which?", CHOICES)
    guess = helpers.reveal_prediction(asked, "FROM")
    assert guess.right is None and "No prediction made. Measured: FROM" in guess.sentence()
    assert not asked.buttons.disabled
    assert helpers.my_predictions().guesses == ()
    assert "No predictions yet" in helpers.my_predictions().table().headline


def test_bad_input_says_what_is_wrong(store):
    with pytest.raises(ValueError, match="two or more different choices"):
        helpers.ask_prediction("k", "Q?", ["yes", "yes"])
    asked = helpers.ask_prediction("k", "Q?", ["yes", "no"])
    with pytest.raises(ValueError, match="'maybe' is not one of the choices: yes, no"):
        asked.choose("maybe")
    with pytest.raises(ValueError, match="not one of the choices"):
        helpers.reveal_prediction(asked, "maybe")
    store.write_text("{not json")
    assert helpers.my_predictions().guesses == ()


def test_a_choice_locked_before_the_build_is_the_one_compared(store):
    asked = helpers.ask_prediction("first-miss", "Which?", CHOICES)
    asked.choose("FROM")
    asked.lock()
    asked.buttons.value = "COPY source/ /app/source/"  # a late click while the build runs
    assert helpers.reveal_prediction(asked, "COPY source/ /app/source/").chosen == "FROM"


@pytest.mark.parametrize(
    ("two_runs_mb", "one_run_mb", "measured"),
    [
        (200, 100, "two RUNs (download, then delete)"),
        (100, 200, "one RUN"),
        (100.5, 100, "the same size"),
    ],
)
def test_the_measurement_picks_the_choice_it_falls_in(store, two_runs_mb, one_run_mb, measured):
    asked = helpers.ask_prediction("bigger-image", "Which is bigger?", helpers.reveals.BIGGER_IMAGE)

    def image(megabytes):
        return SimpleNamespace(size_bytes=int(megabytes * 1_000_000))

    guess = helpers.reveals.bigger_image(asked, image(two_runs_mb), image(one_run_mb))
    assert guess.measured == measured
