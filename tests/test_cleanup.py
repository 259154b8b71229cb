"""Cleanup removes what the course built and labelled, and nothing a learner owns."""

import pytest
from docker.errors import ImageNotFound

import helpers


def exists(engine, reference):
    try:
        engine.images.get(reference)
    except ImageNotFound:
        return False
    return True


@pytest.fixture
def learner_and_course_images(engine, base_image, make_context, request):
    context = make_context(
        {
            "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN date +%s%N > /made\n",
            "Dockerfile.child": "FROM layerlab/cleanup-test:parent\nRUN echo mine > /mine\n",
        }
    )
    course = helpers.build(
        context=context, tag="layerlab/cleanup-test:course", client=engine, progress=None
    )
    untagged = helpers.build(context=context, client=engine, progress=None, nocache=True)
    parent = helpers.build(
        context=context,
        tag="layerlab/cleanup-test:parent",
        client=engine,
        progress=None,
        nocache=True,
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
        tag="layerlab/cleanup-test:shared",
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
    assert "layerlab/cleanup-test:course" in report.removed_tags
    assert exists(engine, "learner/own:1")
    # The learner's child image still needs its course parent: only the course's tag goes.
    assert exists(engine, "learner/child:1") and exists(engine, parent.image_id)
    assert not exists(engine, "layerlab/cleanup-test:parent")
    assert exists(engine, "learner/keep:1") and not exists(engine, "layerlab/cleanup-test:shared")
    assert any("learner/keep:1" in reason for reason in report.kept)
    assert exists(engine, helpers.resolve_base_image(engine))


def test_cleanup_removes_containers_the_course_started_only(engine, base_image):
    ours = engine.containers.create(base_image, "sleep 60", labels={"org.layerlab.container": "1"})
    theirs = engine.containers.create(base_image, "sleep 60", labels={"owner": "learner"})
    try:
        report = helpers.cleanup(client=engine)
        assert ours.name in report.removed_containers
        remaining = {c.id for c in engine.containers.list(all=True)}
        assert theirs.id in remaining and ours.id not in remaining
    finally:
        theirs.remove(force=True)
