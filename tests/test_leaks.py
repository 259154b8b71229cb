"""Searching an image for a value: every place a token passed the wrong way can be read back,
and none when it was passed as a secret mount."""

import io
import json
import tarfile

import pytest

import helpers
from helpers.image.archive import _READ_SIZE, _holds
from helpers.image.leaks import search_archive

TOKEN = "lltok-TEST-5e8d2c"


class ShortReads(io.BytesIO):
    """A stream that hands out at most `most` bytes a read, as a pipe may."""

    def __init__(self, data: bytes, most: int) -> None:
        super().__init__(data)
        self.most = most

    def read(self, size: int = -1) -> bytes:
        return super().read(min(self.most, size if size >= 0 else self.most))


@pytest.mark.parametrize("offset", [0, _READ_SIZE - 7, _READ_SIZE - len(TOKEN), _READ_SIZE + 3])
def test_a_value_is_found_wherever_it_falls_in_a_file(offset):
    data = bytearray(_READ_SIZE * 2 + 100)
    data[offset : offset + len(TOKEN)] = TOKEN.encode()
    assert _holds(io.BytesIO(bytes(data)), TOKEN.encode())
    assert not _holds(io.BytesIO(bytes(data)), b"lltok-OTHER")


@pytest.mark.parametrize("most", [1, 3, 5, 1000])
def test_a_value_is_found_across_short_reads(most):
    data = b"x" * 997 + TOKEN.encode() + b"y" * 50
    assert _holds(ShortReads(data, most), TOKEN.encode())
    assert not _holds(ShortReads(data, most), b"lltok-OTHER")


def _tar(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def _saved_image(
    history: list[str], env: list[str], layers: list[dict[str, bytes]], cmd: list[str] = ()
) -> bytes:
    """A `docker save` archive (the layout of engines before 25), made by hand."""
    config = {
        "config": {"Env": env, "Labels": {"org.example.build": "1"}, "Cmd": list(cmd)},
        "history": [{"created_by": line} for line in history],
        "rootfs": {"type": "layers", "diff_ids": [f"sha256:{i:064x}" for i in range(len(layers))]},
    }
    members = {"config.json": json.dumps(config).encode()}
    for index, files in enumerate(layers):
        members[f"{index}/layer.tar"] = _tar(files)
    members["manifest.json"] = json.dumps(
        [{"Config": "config.json", "Layers": [f"{i}/layer.tar" for i in range(len(layers))]}]
    ).encode()
    return _tar(members)


def test_history_config_and_a_deleted_file_are_all_found():
    saved = _saved_image(
        cmd=["python", f"--token={TOKEN}"],
        history=[
            "/bin/sh -c #(nop) ADD file:base in /",
            f"/bin/sh -c #(nop)  ENV INDEX_URL=https://__token__:{TOKEN}@example.com/simple",
            f"|1 INDEX_TOKEN={TOKEN} /bin/sh -c echo $INDEX_TOKEN > /root/.netrc",
            f"|1 INDEX_TOKEN={TOKEN} /bin/sh -c rm /root/.netrc",
        ],
        env=["PATH=/usr/bin", f"INDEX_URL=https://__token__:{TOKEN}@example.com/simple"],
        layers=[
            {"etc/hostname": b"base\n"},
            {"root/.netrc": f"password {TOKEN}\n".encode(), "root/other": b"nothing"},
            {"root/.wh..netrc": b""},
        ],
    )
    search = search_archive(io.BytesIO(saved), TOKEN, "leaky")
    assert [item.detail.split()[0] for item in search.seen_in("history")] == ["ENV", "|1", "|1"]
    assert [item.detail for item in search.seen_in("config")] == [
        "ENV INDEX_URL=https://__token__:llto…@example.com/simple",
        'Cmd: ["python", "--token=llto…"]',
    ]
    (stored,) = search.seen_in("file")
    assert (stored.detail, stored.layer, stored.in_final_filesystem) == ("/root/.netrc", 1, False)
    # What it shows never repeats the value it found.
    assert TOKEN not in search.table().text() and TOKEN not in search.to_json()


def test_a_clean_image_says_so():
    saved = _saved_image(["/bin/sh -c #(nop) ADD file:base in /"], [], [{"etc/x": b"x"}])
    search = search_archive(io.BytesIO(saved), TOKEN, "clean")
    assert not search.found and "appears nowhere" in search.table().text()


LEAKY = """\
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG INDEX_TOKEN
ENV INDEX_URL=https://__token__:${INDEX_TOKEN}@packages.example.com/simple
RUN echo "password $INDEX_TOKEN" > /root/.netrc
RUN rm /root/.netrc
"""
MOUNTED = """\
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN --mount=type=secret,id=netrc,target=/root/.netrc grep -q lltok /root/.netrc
"""


def test_a_build_argument_leaks_where_a_secret_mount_does_not(
    engine, base_image, builder, make_context
):
    context = make_context({"Dockerfile.leaky": LEAKY, "Dockerfile.mounted": MOUNTED})
    tag = f"layerlab/leaks-test:{builder}"
    helpers.build(
        "Dockerfile.leaky",
        context,
        tag=tag,
        build_args={"INDEX_TOKEN": TOKEN},
        builder=builder,
        client=engine,
        progress=None,
    )
    leaked = helpers.find_in_image(tag, TOKEN, client=engine)
    assert len(leaked.seen_in("history")) == 3  # the ENV, and each RUN after the ARG
    assert len(leaked.seen_in("config")) == 1
    assert [(i.detail, i.in_final_filesystem) for i in leaked.seen_in("file")] == [
        ("/root/.netrc", False)
    ]

    if builder == "classic":
        with pytest.raises(helpers.BuilderUnavailable, match="need BuildKit"):
            helpers.build("Dockerfile.mounted", context, builder=builder, secrets={"netrc": TOKEN})
        return
    # The RUN's grep fails the build unless the secret reached it.
    helpers.build(
        "Dockerfile.mounted",
        context,
        tag=tag,
        builder=builder,
        secrets={"netrc": f"password {TOKEN}\n"},
        client=engine,
        progress=None,
    )
    assert not helpers.find_in_image(tag, TOKEN, client=engine).found


def test_a_recording_keeps_no_value_it_searched_for(tmp_path, monkeypatch):
    from helpers.replay import session, store
    from helpers.replay.recordable import recordable

    @recordable(conceal=("value",))
    def look(image: str, value: str) -> bool:
        return True

    monkeypatch.setattr(store, "RECORDINGS", tmp_path)
    session.begin_lesson("conceal", "record")
    try:
        look("some:image", TOKEN)
    finally:
        session.end_lesson()
    written = store.load_recording("conceal")
    assert TOKEN not in json.dumps(written) and "some:image" in json.dumps(written)
