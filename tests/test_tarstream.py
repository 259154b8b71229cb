"""The forward-only tar reader agrees with the standard library's on what layers contain."""

import io
import tarfile

import pytest

from helpers.image.archive import ChunkReader, scan_layer
from helpers.image.tarstream import members


def make_tar(format_: int) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=format_) as tar:

        def add(name, data=b"", kind=tarfile.REGTYPE, linkname=""):
            info = tarfile.TarInfo(name)
            info.type, info.linkname, info.size = kind, linkname, len(data)
            tar.addfile(info, io.BytesIO(data) if data else None)

        add("usr/", kind=tarfile.DIRTYPE)
        add("usr/a.txt", b"x" * 1000)
        add("usr/" + "very-long-directory-name/" * 8 + "deep.txt", b"y" * 513)
        add("usr/link", kind=tarfile.SYMTYPE, linkname="/usr/" + "t" * 150)
        add("usr/hard", kind=tarfile.LNKTYPE, linkname="usr/a.txt")
        add("usr/.wh.gone")
        add("opt/.wh..wh..opq")
        add("naïve-ünïcode.txt", b"z")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "format_",
    [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT],
    ids=["gnu", "pax"],
)
def test_members_match_tarfile(format_):
    data = make_tar(format_)
    # tarfile drops a directory's trailing slash; the layer scanner normalises it too.
    ours = [(m.name.rstrip("/"), m.kind, m.size, m.linkname) for m, _ in members(io.BytesIO(data))]
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        theirs = [
            (
                t.name,
                {"0": "file", "5": "dir", "2": "symlink", "1": "hardlink"}[t.type.decode()],
                t.size if t.isreg() else 0,
                t.linkname,
            )
            for t in tar
        ]
    assert ours == theirs


def test_content_can_be_read_or_left_for_skipping():
    data = make_tar(tarfile.PAX_FORMAT)
    seen = {}
    for member, content in members(
        ChunkReader(data[i : i + 777] for i in range(0, len(data), 777))
    ):
        if member.name == "usr/a.txt":
            assert content.peek(10) == b"x" * 10
            seen[member.name] = content.read()
    assert seen == {"usr/a.txt": b"x" * 1000}


def test_a_layer_listing_notes_whiteouts_and_symlink_sizes():
    layer = scan_layer(io.BufferedReader(io.BytesIO(make_tar(tarfile.GNU_FORMAT))))
    assert layer.whiteouts == ["/usr/gone"]
    assert layer.opaque_dirs == ["/opt"]
    sizes = {path: (kind, size) for path, kind, size in layer.entries}
    assert sizes["/usr/link"] == ("symlink", 155)
    assert sizes["/usr/hard"] == ("hardlink", 0)
    assert sizes["/usr/a.txt"] == ("file", 1000)


def test_a_truncated_archive_is_an_error_not_a_short_listing():
    data = make_tar(tarfile.GNU_FORMAT)[:1500]
    with pytest.raises(EOFError):
        list(members(io.BytesIO(data)))
