"""Charts and their plain-text twins, from recorded real builds."""

from recorded import recorded_build

import helpers
from helpers import Comparison, EngineInfo, Variant


def reordered_rebuild():
    return recorded_build("stream-reordered-rebuild.json")


def test_layers_are_told_apart_by_where_they_came_from():
    build = reordered_rebuild()
    origins = [build.layer_origin(layer) for layer in build.layers if not layer.metadata_only]
    # base, COPY requirements (cache), pip upgrade (cache), pip install (cache), COPY source.
    assert origins == ["base image", "from cache", "from cache", "from cache", "built"]
    assert [build.layer_instruction(layer) for layer in build.layers][-3] == (
        "COPY source/ /app/source/"
    )


def test_the_layers_chart_has_a_bar_per_layer_coloured_by_origin():
    build = reordered_rebuild()
    figure = helpers.layers_chart(build)
    bars = {trace.name: trace for trace in figure.data}
    assert set(bars) == {"base image", "from cache", "built", "config only"}
    assert sum(len(trace.y) for trace in figure.data) == len(build.layers)
    install = next(
        i
        for i, label in enumerate(bars["from cache"].y)
        if "requirements.txt" in label and "RUN" in label
    )
    assert bars["from cache"].x[install] > 80_000_000
    assert "bytes" in bars["from cache"].hovertemplate
    assert figure.layout.xaxis.type == "log"


def test_the_timeline_starts_each_step_where_the_last_ended():
    build = reordered_rebuild()
    figure = helpers.timeline_chart(build)
    starts = sorted(base for trace in figure.data for base in trace.base)
    assert starts[0] == 0
    assert sum(len(trace.y) for trace in figure.data) == len(build.steps)


def comparison():
    build = reordered_rebuild()
    common = recorded_build("stream-common-rebuild.json")
    engine = EngineInfo("20.10.24", "1.41", "Debian", "overlay2", 2, 1)
    variants = (
        Variant("Dockerfile.common", common, common, common.layers[-4:]),
        Variant("Dockerfile.reordered", build, build, build.layers[-3:-2]),
    )
    return Comparison("/ctx", "source/app.py", "# x", "base", engine, "now", variants)


def test_the_comparison_chart_uses_a_log_scale_for_bytes():
    figure = helpers.comparison_chart(comparison())
    assert figure.layout.yaxis2.type == "log"
    assert list(figure.data[0].x) == ["Dockerfile.common", "Dockerfile.reordered"]


def test_every_chart_has_its_numbers_in_words():
    build = reordered_rebuild()
    layers = helpers.describe_layers(build).data
    assert "| 6 | `COPY source/ /app/source/` | 1,027 | built |" in layers
    steps = helpers.describe_steps(build).data
    assert "4 of 8 steps came from the cache" in steps
    both = helpers.describe_comparison(comparison()).data
    assert "| Dockerfile.reordered |" in both and "times fewer new bytes" in both


def test_sizes_read_like_people_write_them():
    assert helpers.human_bytes(1023) == "1,023 B"
    assert helpers.human_bytes(36_500) == "35.6 KiB"
    assert helpers.human_bytes(568_000_000) == "541.7 MiB"


def test_the_journey_chart_has_three_panels_from_the_same_runs():
    figure = helpers.journey_chart(comparison())
    assert len(figure.data) == 3
    sizes, seconds, new_bytes = (list(trace.y) for trace in figure.data)
    assert sizes == [v.rebuild.size_bytes for v in comparison().variants]
    assert seconds == [v.rebuild_s for v in comparison().variants]
    assert new_bytes[1] < new_bytes[0]
    assert figure.layout.yaxis3.type == "log"
    assert list(figure.data[0].x) == ["common", "reordered"]
