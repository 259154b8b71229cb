"""Whose cache a first build came from (helpers/engine/cache_origin.py): on an engine a room
shares, a quick first build is told as someone else's cache, never passed off as the
learner's own numbers."""

import dataclasses
import uuid

import pytest
from recorded import recorded_comparison

import helpers
from helpers.engine.learner import WARM_UP_LEARNER, acting_as
from helpers.engine.room import other_learners
from helpers.results.cache_origin import (
    ANOTHER_LEARNER,
    BUILT_HERE,
    GONE,
    WARM_UP,
    YOURS,
    CacheOrigin,
)


def test_a_mostly_cached_build_from_someone_else_says_so_in_plain_words():
    mine = CacheOrigin(100, 5_000_000, BUILT_HERE)
    assert not mine.mostly_cached and "ran its own steps" in mine.message()
    theirs = CacheOrigin(5_000_000, 100, ANOTHER_LEARNER)
    assert theirs.someone_elses and "another learner" in theirs.message()
    assert "yours alone" in theirs.message()
    warm = CacheOrigin(5_000_000, 100, WARM_UP, "layerlab/warm-up/common:latest")
    assert warm.someone_elses and "python -m helpers warm" in warm.message()
    own = CacheOrigin(5_000_000, 100, YOURS, "layerlab/alice/common:lesson")
    assert not own.someone_elses and "layerlab/alice/common:lesson" in own.message()
    assert CacheOrigin(5_000_000, 100, GONE).someone_elses


@pytest.fixture
def fresh_context(make_context):
    """Steps no engine has cached yet: a megabyte unique to this test run."""
    token = uuid.uuid4().hex
    return make_context(
        {
            "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
            f"RUN head -c 1000000 /dev/urandom > /data && echo {token} > /token\n"
        }
    )


def test_the_second_learner_is_told_the_first_filled_the_cache(
    engine, base_image, fresh_context, builder, learner
):
    try:
        learner("alice")
        alices = helpers.build(context=fresh_context, client=engine, progress=None,
                               builder=builder, tag=helpers.my_tag("origin:first"))  # fmt: skip
        assert helpers.cache_origin(alices, client=engine).source == BUILT_HERE

        learner("bob")
        bobs = helpers.build(context=fresh_context, client=engine, progress=None,
                             builder=builder, tag=helpers.my_tag("origin:first"))  # fmt: skip
        told = helpers.cache_origin(bobs, client=engine)
        assert told.mostly_cached and told.source == ANOTHER_LEARNER
        assert told.image == "", "another learner's image is not named to the room"

        learner("alice")
        again = helpers.build(context=fresh_context, client=engine, progress=None,
                              builder=builder, tag=helpers.my_tag("origin:again"))  # fmt: skip
        own = helpers.cache_origin(again, client=engine)
        assert own.source == YOURS and own.image in (alices.tag, again.tag)

        # The same tag built again, with no other tag on the image (the classic builder makes
        # the very same image; BuildKit a new one, its appended LABEL dated now).
        engine.images.remove(again.tag)
        rebuilt = helpers.build(context=fresh_context, client=engine, progress=None,
                                builder=builder, tag=alices.tag)  # fmt: skip
        assert rebuilt.tag_held_before == alices.image_id
        told = helpers.cache_origin(rebuilt, client=engine)
        assert told.source == YOURS and told.image == alices.tag
    finally:
        for name in ("alice", "bob"):
            learner(name)
            helpers.cleanup(client=engine)


def test_a_first_build_after_the_warm_up_names_the_warm_up(
    engine, base_image, fresh_context, learner
):
    run = uuid.uuid4().hex[:6]
    with acting_as(WARM_UP_LEARNER, "the test's warm-up"):
        warmed = helpers.build(context=fresh_context, client=engine, progress=None,
                               tag=helpers.my_tag(f"origin-{run}:latest"))  # fmt: skip
    learner("carol")
    try:
        carols = helpers.build(context=fresh_context, client=engine, progress=None,
                               tag=helpers.my_tag("origin:first"))  # fmt: skip
        told = helpers.cache_origin(carols, client=engine)
        assert told.source == WARM_UP and told.image == warmed.tag
        assert "python -m helpers warm" in str(told)
    finally:
        helpers.cleanup(client=engine)
        engine.images.remove(warmed.tag)


def test_the_experiments_table_says_when_others_build_on_the_engine(common, reordered):
    alone = recorded_comparison(common, reordered)
    assert not any("other learner" in note for note in alone.table().notes)
    shared = dataclasses.replace(alone, other_learners=2)
    (note,) = [note for note in shared.table().notes if "other learner" in note]
    assert note.startswith("2 other learner(s) build on this engine")
    assert "new bytes do not change" in note


def test_other_learners_are_counted_by_their_images(engine, base_image, make_context, learner):
    context = make_context({"Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"})
    learner("carol")
    before = other_learners(engine)
    learner("dave")
    helpers.build(context=context, client=engine, progress=None, tag=helpers.my_tag("count:1"))
    try:
        assert other_learners(engine) == before, "my own images are not another learner's"
        learner("carol")
        assert other_learners(engine) == before + 1
    finally:
        learner("dave")
        helpers.cleanup(client=engine)
    learner("carol")
    assert other_learners(engine) == before
