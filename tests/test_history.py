"""Reading layers from history, on the history of real images (tests/data)."""

import json

from conftest import DATA

from helpers import new_layers
from helpers.image.history import instruction_from_history, layers_from_history


def recorded_layers(name: str):
    recording = json.loads((DATA / name).read_text())
    return layers_from_history(recording["history"], recording["rootfs_layers"])


def test_instructions_read_as_the_learner_wrote_them():
    assert instruction_from_history("/bin/sh -c #(nop)  ENV PYTHONUNBUFFERED=1") == (
        "ENV PYTHONUNBUFFERED=1"
    )
    assert instruction_from_history("/bin/sh -c pip install --upgrade pip") == (
        "RUN pip install --upgrade pip"
    )
    assert instruction_from_history("|1 BASE_IMAGE=x:y /bin/sh -c make") == "RUN make"
    assert instruction_from_history("") == "(base image layer)"
    # What BuildKit records, as seen in official images: read as the classic builder's are.
    assert instruction_from_history("RUN /bin/sh -c apt-get update # buildkit") == (
        "RUN apt-get update"
    )
    assert instruction_from_history("RUN |1 X=1 /bin/sh -c make # buildkit") == "RUN make"
    assert instruction_from_history("COPY source/ /app/source/ # buildkit") == (
        "COPY source/ /app/source/"
    )
    assert instruction_from_history("ENV LANG=C.UTF-8") == "ENV LANG=C.UTF-8"


def test_layers_are_oldest_first_with_sizes_and_digests():
    layers = recorded_layers("stream-common-rebuild.json")
    assert layers[0].instruction == "(base image layer)"
    assert layers[-1].instruction == "LABEL org.layerlab.course=1"
    writers = [layer for layer in layers if not layer.metadata_only]
    assert [layer.instruction.split()[0] for layer in writers] == ["(base", "COPY", "RUN", "RUN"]
    assert all(layer.diff_id and layer.diff_id.startswith("sha256:") for layer in writers)
    assert all(
        layer.diff_id is None and layer.size_bytes == 0 for layer in layers if layer.metadata_only
    )
    # The base, COPY source/, pip upgrade, and the sample app's libraries (heavy on purpose).
    assert [layer.size_bytes for layer in writers] == [297_306_610, 1_035, 12_096_805, 152_025_249]


def test_digests_are_left_unknown_when_the_counts_disagree():
    recording = json.loads((DATA / "stream-common-rebuild.json").read_text())
    layers = layers_from_history(recording["history"], recording["rootfs_layers"][:-1])
    assert all(layer.diff_id is None for layer in layers)


def test_the_common_rebuild_writes_the_libraries_again():
    before = recorded_layers("stream-common-before.json")
    after = recorded_layers("stream-common-rebuild.json")
    fresh = new_layers(before, after)
    assert [(layer.instruction.split()[0], layer.size_bytes) for layer in fresh] == [
        ("COPY", 1_035), ("RUN", 12_096_805), ("RUN", 152_025_249)
    ]  # fmt: skip


def test_without_digests_everything_from_the_first_difference_is_new():
    before = recorded_layers("stream-common-before.json")
    after = recorded_layers("stream-common-rebuild.json")
    strip = lambda layers: tuple(  # noqa: E731
        type(layer)(**{**layer.to_dict(), "diff_id": None}) for layer in layers
    )
    fresh = new_layers(strip(before), strip(after))
    assert [layer.instruction.split()[0] for layer in fresh] == ["COPY", "RUN", "RUN"]
