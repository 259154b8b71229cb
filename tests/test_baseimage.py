"""Choosing the base image, and trusting a corporate proxy's CA."""

import re
from pathlib import Path

import certifi
import pytest

import helpers


@pytest.fixture
def a_ca_file(tmp_path) -> Path:
    # Any real root certificate will do; certifi ships many.
    first = re.search(
        r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\n",
        Path(certifi.where()).read_text(),
        re.DOTALL,
    )
    path = tmp_path / "corporate-root.pem"
    path.write_text(first.group(0))
    return path


def test_an_explicit_base_image_must_exist(engine, monkeypatch):
    monkeypatch.setenv("LAYERLAB_BASE_IMAGE", "layerlab/no-such-base:1")
    with pytest.raises(helpers.BaseImageUnavailable, match="unset LAYERLAB_BASE_IMAGE"):
        helpers.resolve_base_image(engine)


def test_an_explicit_base_image_wins(engine, base_image, monkeypatch):
    engine.images.get(base_image).tag("layerlab/base", "explicit-test")
    try:
        monkeypatch.setenv("LAYERLAB_BASE_IMAGE", "layerlab/base:explicit-test")
        assert helpers.resolve_base_image(engine) == "layerlab/base:explicit-test"
    finally:
        engine.images.remove("layerlab/base:explicit-test")


def test_a_base_with_an_extra_ca_trusts_it_and_pip_uses_it(engine, base_image, a_ca_file):
    had_one = any(helpers.WITH_CA_BASE_IMAGE in image.tags for image in engine.images.list())
    if had_one:
        pytest.skip("a learner's layerlab/base:with-ca exists; not replacing it in a test")
    try:
        assert helpers.make_base_with_ca(a_ca_file, client=engine, progress=None) == (
            helpers.WITH_CA_BASE_IMAGE
        )
        # Once made, the course uses it without being told.
        assert helpers.resolve_base_image(engine) == helpers.WITH_CA_BASE_IMAGE
        output = engine.containers.run(
            helpers.WITH_CA_BASE_IMAGE,
            ["sh", "-c", "tail -c 4000 $PIP_CERT"],
            remove=True,
            network_mode="none",
        )
        assert a_ca_file.read_text().strip().splitlines()[-2] in output.decode()
        assert not helpers.built_by_course(engine.images.get(helpers.WITH_CA_BASE_IMAGE))
    finally:
        engine.images.remove(helpers.WITH_CA_BASE_IMAGE)


def test_a_ca_file_that_is_not_a_certificate_is_refused(tmp_path):
    (tmp_path / "key.txt").write_text("not a certificate")
    with pytest.raises(ValueError, match="not a PEM certificate"):
        helpers.make_base_with_ca(tmp_path / "key.txt")
    with pytest.raises(FileNotFoundError, match="Ask your IT team"):
        helpers.make_base_with_ca(tmp_path / "missing.pem")


def test_a_room_base_points_pip_at_the_rooms_index(engine, base_image):
    had_one = any(helpers.ROOM_BASE_IMAGE in image.tags for image in engine.images.list())
    if had_one:
        pytest.skip("a workshop room's layerlab/base:room exists; not replacing it in a test")
    index = "http://192.0.2.9:3141/root/pypi/+simple/"
    try:
        made = helpers.make_base_with_index(index, client=engine, progress=None)
        assert made == helpers.ROOM_BASE_IMAGE
        output = engine.containers.run(
            made,
            ["sh", "-c", 'echo "$PIP_INDEX_URL $PIP_TRUSTED_HOST"'],
            remove=True,
            network_mode="none",
        )
        assert output.decode().split() == [index, "192.0.2.9"]
        # Only a room chooses it (LAYERLAB_BASE_IMAGE): outside one its index is not there.
        assert helpers.resolve_base_image(engine) != made
    finally:
        if not had_one:
            engine.images.remove(helpers.ROOM_BASE_IMAGE)


def test_a_room_index_must_be_an_address():
    with pytest.raises(ValueError, match="not a package index address"):
        helpers.make_base_with_index("192.0.2.9:3141")
