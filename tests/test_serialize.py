"""Results survive JSON: a later issue replays recorded runs for learners without Docker."""

import json

from conftest import DATA

from helpers import BuildResult, Comparison, EngineInfo, Step, Variant
from helpers.image.history import layers_from_history


def recorded(name):
    recording = json.loads((DATA / name).read_text())
    return layers_from_history(recording["history"], recording["rootfs_layers"])


def make_comparison() -> Comparison:
    before, after = recorded("stream-common-before.json"), recorded("stream-common-rebuild.json")
    steps = (
        Step(1, "FROM base", False, 0.1, "abcdef012345"),
        Step(2, "COPY source/ /app/source/", False, 0.2, "bcdef0123456"),
        Step(3, "RUN pip install -r r.txt", True, 0.3, "cdef01234567"),
        Step(4, "LABEL org.layerlab.course=1", False, 0.1, None, added_by_course=True),
    )
    first = BuildResult(
        "Dockerfile.common", "sha256:aa", "layerlab/common:before", 12.5, steps, before
    )
    rebuild = BuildResult(
        "Dockerfile.common", "sha256:bb", "layerlab/common:after", 11.0, steps, after
    )
    variant = Variant("Dockerfile.common", first, rebuild, after[-4:])
    engine = EngineInfo("20.10.24", "1.41", "Debian GNU/Linux 12", "overlay2", 2, 1 << 34)
    return Comparison(
        "/ctx", "source/app.py", "# edit", "base", engine, "2026-11-30T08:00:00+00:00", (variant,)
    )


def test_a_comparison_round_trips_through_json():
    comparison = make_comparison()
    text = comparison.to_json()
    assert isinstance(json.loads(text)["variants"][0]["rebuild"]["steps"], list)
    restored = Comparison.from_json(text)
    assert restored == comparison
    assert isinstance(restored.variants[0].rebuild.steps, tuple)
    assert isinstance(restored.variants[0].rebuild.layers[0].size_bytes, int)


def test_counts_leave_out_the_label_step_the_course_adds():
    variant = make_comparison().variants[0]
    assert variant.steps_total == 3
    assert variant.steps_cached == 1
    assert variant.first_miss.number == 2


def test_summary_has_the_numbers_the_command_line_promises():
    summary = make_comparison().summary()
    row = summary["variants"][0]
    assert {
        "dockerfile",
        "first_build_s",
        "rebuild_s",
        "rebuild_new_bytes",
        "steps_total",
        "steps_cached",
    } <= set(row)
    assert row["rebuild_new_bytes"] == sum(
        layer.size_bytes for layer in make_comparison().variants[0].new_layers
    )
    json.dumps(summary)  # plain data only
