"""Cleanup removes what the course built and labelled, and nothing a learner owns; on a shared
engine, only what it built for the learner who asks (or, for the instructor, every learner's)."""

import contextlib

import pytest
from docker.errors import ImageNotFound, NotFound

import helpers


def exists(engine, reference):
    try:
        engine.images.get(reference)
    except ImageNotFound:
        return False
    return True


@pytest.fixture
def learner_and_course_images(engine, base_image, make_context, learner, request):
    parent_tag = helpers.my_tag("cleanup-test:parent")
    context = make_context(
        {
            "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN date +%s%N > /made\n",
            "Dockerfile.child": f"FROM {parent_tag}\nRUN echo mine > /mine\n",
        }
    )
    course = helpers.build(
        context=context, tag=helpers.my_tag("cleanup-test:course"), client=engine, progress=None
    )
    untagged = helpers.build(context=context, client=engine, progress=None, nocache=True)
    parent = helpers.build(
        context=context, tag=parent_tag, client=engine, progress=None, nocache=True
    )
    # The learner's own images: built without the course, or FROM a course image (which
    # inherits its label), or a course image they tagged for themselves.
    args = {"BASE_IMAGE": base_image}
    _learner, _ = engine.images.build(
        path=str(context), tag="learner/own:1", buildargs=args, network_mode="host", rm=True
    )
    child, _ = engine.images.build(
        path=str(context), dockerfile="Dockerfile.child", tag="learner/child:1", rm=True
    )
    shared = helpers.build(
        context=context,
        tag=helpers.my_tag("cleanup-test:shared"),
        client=engine,
        progress=None,
        nocache=True,
    )
    engine.images.get(shared.image_id).tag("learner/keep", "1")

    def remove_learner_images():
        for tag in ("learner/child:1", "learner/own:1", "learner/keep:1"):
            if exists(engine, tag):
                engine.images.remove(tag)

    request.addfinalizer(remove_learner_images)
    return course, untagged, parent, child, shared


def test_cleanup_removes_course_images_and_keeps_the_learners(engine, learner_and_course_images):
    course, untagged, parent, child, _shared = learner_and_course_images
    assert helpers.COURSE_LABEL in child.labels  # inherited: the label alone is no proof
    assert not helpers.built_by_course(child)

    report = helpers.cleanup(client=engine)

    assert not exists(engine, course.image_id)
    assert not exists(engine, untagged.image_id)
    assert helpers.my_tag("cleanup-test:course") in report.removed_tags
    assert exists(engine, "learner/own:1")
    # The learner's child image still needs its course parent: only the course's tag goes.
    assert exists(engine, "learner/child:1") and exists(engine, parent.image_id)
    assert not exists(engine, helpers.my_tag("cleanup-test:parent"))
    assert exists(engine, "learner/keep:1") and not exists(
        engine, helpers.my_tag("cleanup-test:shared")
    )
    assert any("learner/keep:1" in reason for reason in report.kept)
    assert exists(engine, helpers.resolve_base_image(engine))


def test_cleanup_removes_containers_the_course_started_only(engine, base_image, learner):
    me = helpers.current_learner().name
    labels = {helpers.LEARNER_LABEL: me, "org.layerlab.container": "1"}
    ours = engine.containers.create(base_image, "sleep 60", labels=labels)
    theirs = engine.containers.create(base_image, "sleep 60", labels={"owner": "learner"})
    try:
        report = helpers.cleanup(client=engine)
        assert ours.name in report.removed_containers
        remaining = {c.id for c in engine.containers.list(all=True)}
        assert theirs.id in remaining and ours.id not in remaining
    finally:
        theirs.remove(force=True)


def test_one_learners_cleanup_leaves_anothers(engine, base_image, make_context, learner):
    """Two learners on one engine build the same Dockerfile: each gets images of their own,
    and Alice's cleanup leaves Bob's image, tag and container alone; the instructor's
    `--all-learners` removes both, and still neither a learner's own tag nor the base image."""
    context = make_context(
        {"Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo hi > /hi\n"}
    )
    alice = learner("alice")
    alices = helpers.build(
        context=context, tag=helpers.my_tag("two:lesson"), client=engine, progress=None
    )
    alice_container = engine.containers.create(
        alices.image_id, labels={"org.layerlab.container": "1", helpers.LEARNER_LABEL: alice}
    )
    bob = learner("bob")
    bobs = helpers.build(
        context=context, tag=helpers.my_tag("two:lesson"), client=engine, progress=None
    )
    bob_container = engine.containers.create(
        bobs.image_id, labels={"org.layerlab.container": "1", helpers.LEARNER_LABEL: bob}
    )
    engine.images.get(bobs.image_id).tag("bob/own", "1")

    assert alices.tag == f"layerlab/{alice}/two:lesson" and bobs.tag == f"layerlab/{bob}/two:lesson"
    # Same steps, but each image is the learner's: the last LABEL names them.
    assert alices.image_id != bobs.image_id
    assert engine.images.get(alices.image_id).labels[helpers.LEARNER_LABEL] == alice
    assert engine.images.get(bobs.image_id).labels[helpers.LEARNER_LABEL] == bob
    try:
        learner("alice")
        report = helpers.cleanup(client=engine)
        assert report.learner == alice
        assert not exists(engine, alices.tag) and not exists(engine, alices.image_id)
        assert alice_container.name in report.removed_containers
        assert exists(engine, bobs.tag) and engine.images.get(bobs.tag).id == bobs.image_id
        assert bob_container.id in {c.id for c in engine.containers.list(all=True)}

        everyone = helpers.cleanup(client=engine, all_learners=True)
        assert everyone.learner == "every learner"
        assert bobs.tag in everyone.removed_tags and not exists(engine, bobs.tag)
        assert bob_container.name in everyone.removed_containers
        assert exists(engine, "bob/own:1"), "a learner's own tag stays, and so does the image"
        assert exists(engine, helpers.resolve_base_image(engine))
    finally:
        for container in (alice_container, bob_container):
            with contextlib.suppress(NotFound):
                container.remove(force=True)
        if exists(engine, "bob/own:1"):
            engine.images.remove("bob/own:1")


def test_images_of_an_older_course_wait_for_the_instructor(
    engine, base_image, make_context, learner
):
    """Images an earlier version of the course built carry no learner's name: a learner's
    cleanup cannot tell whose they are, says so, and leaves them to `--all-learners`."""
    context = make_context(
        {"Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN date +%s%N > /old\n"}
    )
    old, _ = engine.images.build(
        path=str(context),
        tag="layerlab/older-course:lesson",
        buildargs={"BASE_IMAGE": base_image},
        labels={helpers.COURSE_LABEL: "1"},
        network_mode="host",
        rm=True,
    )
    assert helpers.built_by_course(old)
    report = helpers.cleanup(client=engine)
    assert exists(engine, "layerlab/older-course:lesson")
    assert any("--all-learners" in reason for reason in report.kept)
    everyone = helpers.cleanup(client=engine, all_learners=True)
    assert "layerlab/older-course:lesson" in everyone.removed_tags
    assert not exists(engine, old.id)
