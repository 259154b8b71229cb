"""Layer contents on an image with exactly known contents, in both saved layouts."""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from conftest import size_matches

import helpers
from helpers.image.contents import read_archive

KNOWN = (
    "ARG BASE_IMAGE\n"
    "FROM ${BASE_IMAGE}\n"
    # 0 is the base. Layer 1: three files and a symlink (its target is 7 bytes long).
    "RUN mkdir -p /data/sub /keep && head -c 1000 /dev/zero > /data/a"
    " && head -c 2000 /dev/zero > /data/sub/b && head -c 300 /dev/zero > /keep/c"
    " && ln -s /keep/c /keep/link\n"
    # 2: delete one file, overwrite another.
    "RUN rm /data/a && head -c 500 /dev/zero > /keep/c\n"
    # 3: delete a whole directory.
    "RUN rm -rf /data\n"
    # 4 and 5: a directory removed and made again in one RUN becomes opaque.
    "RUN mkdir -p /opq && head -c 700 /dev/zero > /opq/old\n"
    "RUN rm -rf /opq && mkdir /opq && head -c 11 /dev/zero > /opq/new\n"
    # 6: a directory replaced by a file hides everything below it.
    "RUN rm -rf /keep && printf 12345 > /keep\n"
)
EXPECTED_SIZES = [3307, 500, 0, 700, 11, 5]
EXPECTED_HIDDEN = {
    ("/data/a", 1000, 1, 2, "deleted"),
    ("/keep/c", 300, 1, 2, "overwritten"),
    ("/data/sub/b", 2000, 1, 3, "deleted"),
    ("/opq/old", 700, 4, 5, "opaque directory"),
    ("/keep/c", 500, 2, 6, "parent replaced"),
    ("/keep/link", 7, 1, 6, "parent replaced"),
}


@pytest.fixture(scope="module")
def known_image(engine, base_image, tmp_path_factory):
    context = tmp_path_factory.mktemp("known")
    (context / "Dockerfile").write_text(KNOWN)
    result = helpers.build(
        context=context, tag="layerlab/contents-test:1", client=engine, progress=None
    )
    return result


# A directory removed and made again in one RUN: a builder that stores the upper directory
# as it is writes it as opaque (the classic builder on overlay2); one that compares the two
# trees writes a whiteout for the one file that went. Both hide the same 700 bytes.
OPQ_FORMS = {("/opq/old", 700, 4, 5, "opaque directory"), ("/opq/old", 700, 4, 5, "deleted")}


def check_known(contents, history_layers, block_sizes):
    ours = contents.layers[1:]
    assert [layer.size_bytes for layer in ours] == EXPECTED_SIZES
    # What the engine reports for every layer, the base's included: byte for byte on
    # overlay2; in whole disk blocks on the containerd store.
    reported = [layer.size_bytes for layer in history_layers if not layer.metadata_only]
    assert len(reported) == len(contents.layers)
    for layer, size in zip(contents.layers, reported, strict=True):
        entries = len(layer.added) + len(layer.changed)
        # BuildKit on overlay2 leaves symlinks (their target's length) out of the size.
        links = sum(e.size_bytes for e in (*layer.added, *layer.changed) if e.kind == "symlink")
        assert size_matches(size, layer.size_bytes, block_sizes, entries) or (
            size_matches(size, layer.size_bytes - links, block_sizes, entries)
        ), (layer.index, size)
    hidden = {(h.path, h.size_bytes, h.layer, h.hidden_by, h.how) for h in contents.hidden}
    assert hidden - OPQ_FORMS == EXPECTED_HIDDEN - OPQ_FORMS
    assert len(hidden & OPQ_FORMS) == 1
    opaque = ("/opq/old", 700, 4, 5, "opaque directory") in hidden
    assert contents.invisible_bytes == 4507
    assert [layer.invisible_bytes for layer in ours] == [3307, 500, 0, 700, 0, 0]
    first, second, third, _, fifth, sixth = ours
    assert {entry.path for entry in first.added} == {
        "/data/a",
        "/data/sub/b",
        "/keep/c",
        "/keep/link",
    }
    assert [(e.path, e.size_bytes) for e in second.changed] == [("/keep/c", 500)]
    assert [(e.path, e.size_bytes) for e in second.removed] == [("/data/a", 1000)]
    assert [(e.path, e.size_bytes) for e in third.removed] == [("/data", 2000)]
    assert [(e.path, e.size_bytes) for e in fifth.removed] == [
        ("/opq/*" if opaque else "/opq/old", 700)
    ]
    assert [(e.path, e.size_bytes, e.kind) for e in sixth.changed] == [("/keep", 5, "file")]
    assert "rm -rf /data" in third.instruction


def test_the_engines_own_save_format(engine, known_image, block_sizes):
    contents = helpers.read_image_contents(known_image.image_id, client=engine)
    engine_version = int(engine.version()["Version"].split(".")[0])
    assert contents.layout == ("oci" if engine_version >= 25 else "docker-archive")
    check_known(contents, known_image.layers, block_sizes)
    assert contents.layers[-1].diff_id == next(
        layer.diff_id for layer in reversed(known_image.layers) if not layer.metadata_only
    )


def skopeo_archive(image, path, *compression):
    if not shutil.which("skopeo"):
        missing = "skopeo makes the OCI archives: apt-get install skopeo"
        if os.environ.get("CI"):
            pytest.fail(f"CI must test the OCI layout, but {missing}")
        pytest.skip(missing)
    # From the engine's own `docker save`: skopeo 1.9 speaks API 1.22 to a daemon, which
    # Docker 25 and later refuse, and reads only the default socket.
    saved = path.with_suffix(".saved.tar")
    with saved.open("wb") as handle:
        for chunk in helpers.connect().images.get(image).save():
            handle.write(chunk)
    subprocess.run(
        [
            "skopeo",
            "copy",
            "--quiet",
            *compression,
            f"docker-archive:{saved}",
            f"oci-archive:{path}",
        ],
        check=True,
    )
    return path


@pytest.mark.parametrize(
    "compression",
    [
        [],
        ["--dest-compress", "--dest-compress-format", "gzip"],
        ["--dest-compress", "--dest-compress-format", "zstd"],
    ],
    ids=["plain", "gzip", "zstd"],
)
def test_the_oci_layout_with_each_compression(known_image, tmp_path, compression, block_sizes):
    archive = skopeo_archive("layerlab/contents-test:1", tmp_path / "oci.tar", *compression)
    with archive.open("rb") as stream:
        contents = read_archive(stream)
    assert contents.layout == "oci"
    check_known(contents, known_image.layers, block_sizes)


def test_the_layout_of_engines_25_and_later(known_image, tmp_path, block_sizes):
    # Engines 25+ write the OCI layout plus a Docker-style manifest.json naming blobs.
    archive = skopeo_archive("layerlab/contents-test:1", tmp_path / "oci.tar")
    with tarfile.open(archive) as source:
        index = json.load(source.extractfile("index.json"))
        digest = index["manifests"][0]["digest"].split(":")[1]
        manifest = json.load(source.extractfile(f"blobs/sha256/{digest}"))
        docker_manifest = [
            {
                "Config": "blobs/sha256/" + manifest["config"]["digest"].split(":")[1],
                "RepoTags": ["layerlab/contents-test:1"],
                "Layers": [
                    "blobs/sha256/" + layer["digest"].split(":")[1] for layer in manifest["layers"]
                ],
            }
        ]
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as target:
            for member in source.getmembers():
                target.addfile(member, source.extractfile(member) if member.isfile() else None)
            data = json.dumps(docker_manifest).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    contents = read_archive(buffer)
    assert contents.layout == "oci"
    check_known(contents, known_image.layers, block_sizes)


def test_contents_round_trip_through_json(engine, known_image):
    contents = helpers.read_image_contents(known_image.image_id, client=engine)
    again = type(contents).from_json(contents.to_json())
    assert again == contents


@pytest.fixture(scope="module")
def known_contents(engine, known_image):
    return helpers.read_image_contents(known_image.image_id, client=engine)


def test_the_file_tree_sums_to_the_layer(known_contents):
    figure = helpers.layer_files_chart(known_contents.layers[1])
    icicle = figure.data[0]
    values = dict(zip(icicle.ids, icicle.values, strict=True))
    assert values["/"] == 3307 and values["/data"] == 3000 and values["/data/sub/b"] == 2000


def test_a_big_layer_is_cut_to_its_largest_parts(known_contents):
    base = known_contents.layers[0]
    icicle = helpers.layer_files_chart(base, max_nodes=300).data[0]
    assert len(icicle.ids) == 300
    assert dict(zip(icicle.ids, icicle.values, strict=True))["/"] == base.size_bytes
    assert set(icicle.parents) - {""} <= set(icicle.ids)  # every parent is drawn


def test_the_invisible_bytes_chart_and_its_words(known_contents):
    figure = helpers.invisible_bytes_chart(known_contents)
    invisible = next(trace for trace in figure.data if trace.name == "stored but invisible")
    assert sum(invisible.x) == 4507
    assert "/data/sub/b" in invisible.customdata[1]
    words = str(helpers.describe_contents(known_contents))
    assert "4,507 of them" in words
    assert "/data/sub/b: 2,000 bytes, stored in layer 1, deleted by layer 3" in words


def test_inspect_prints_layers_and_invisible_bytes(known_image):
    reply = subprocess.run(
        [sys.executable, "-m", "helpers", "inspect", "layerlab/contents-test:1", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(reply.stdout)
    assert result["invisible_bytes"] == 4507
    assert [layer["size_bytes"] for layer in result["layers"]][1:] == EXPECTED_SIZES
    assert result["layers"][3]["files_removed"] == 1
    table = subprocess.run(
        [sys.executable, "-m", "helpers", "inspect", "layerlab/contents-test:1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "layerlab/contents-test:1: 7 layers" in table and "4,507 of them (4.4 KiB)" in table
