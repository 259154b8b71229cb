"""Who is learning (helpers/engine/learner.py): a name every engine object can carry."""

import re

import pytest

import helpers
from helpers.engine.learner import safe_learner_name

# What Docker allows in one path component of a tag, and in a container name.
TAG_COMPONENT = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
CONTAINER_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("alice", "alice"),
        ("Alice", "alice"),
        ("alice.kim", "alice.kim"),
        ("jovyan", "jovyan"),
        ("kim-min-su", "kim-min-su"),
    ],
)
def test_names_that_are_already_safe_stay_as_given(given, expected):
    assert safe_learner_name(given) == expected


@pytest.mark.parametrize(
    "given", ["Kim Min-su", "김민수", "a..b", "-x-", "x" * 60, "first.last@example.com", "a/b:c"]
)
def test_other_names_are_made_safe_and_stay_apart(given):
    safe = safe_learner_name(given)
    assert TAG_COMPONENT.match(safe) and CONTAINER_NAME.match(f"layerlab-{safe}-app-1")
    assert len(safe) <= 47
    # A name that had to change carries a hash of the original: two people stay two.
    assert safe != safe_learner_name(given + "!")


def test_the_name_comes_from_layerlab_learner_then_jupyterhub_then_the_system(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    monkeypatch.setenv("LAYERLAB_LEARNER", "Chosen Name")
    learner = helpers.current_learner()
    assert learner.source == "LAYERLAB_LEARNER" and learner.given == "Chosen Name"
    monkeypatch.delenv("LAYERLAB_LEARNER")
    assert helpers.current_learner() == helpers.Learner("hub-user", "JUPYTERHUB_USER", "hub-user")
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert helpers.current_learner().source == "the system user"


def test_my_tag_puts_the_learner_in_the_repository(monkeypatch):
    monkeypatch.setenv("LAYERLAB_LEARNER", "alice")
    assert helpers.my_tag("common:lesson") == "layerlab/alice/common:lesson"
    with pytest.raises(ValueError, match="short name"):
        helpers.my_tag("layerlab/common:lesson")


def test_the_setup_check_names_the_learner(monkeypatch):
    monkeypatch.setenv("LAYERLAB_LEARNER", "alice")
    from helpers.notebook.setup import _learner_check

    check = _learner_check()
    assert check.ok and "alice" in check.detail and "layerlab/alice/" in check.detail
