"""Charts of build results, from recorded real builds (helpers/notebook/charts.py)."""

import itertools

import pytest
from recorded import recorded_comparison

import helpers


@pytest.fixture(scope="module")
def comparison(common, reordered):
    return recorded_comparison(common, reordered)


def test_rows_number_layers_as_the_builder_numbers_steps(reordered):
    rows = reordered.rebuild.rows
    assert [row.label for row in rows] == [
        "base 1", "step 3", "step 4", "step 5", "step 6", "step 7", "step 8", "step 9"
    ]  # fmt: skip
    written = [row.origin for row in rows if not row.metadata_only]
    # The base's layer, COPY requirements, pip upgrade, pip install (all cached), COPY source.
    assert written == ["base image", "from cache", "from cache", "from cache", "built"]
    copy = next(row for row in rows if row.step == 7)
    assert copy.instruction == "COPY source/ /app/source/" and copy.origin == "built"
    assert reordered.rebuild.first_rebuilt_step.number == copy.step


def test_the_layers_chart_labels_bars_with_the_step_numbers(reordered):
    rebuild = reordered.rebuild
    figure = helpers.layers_chart(rebuild)
    bars = {trace.name: trace for trace in figure.data}
    assert set(bars) == {"base image", "from cache", "built", "config only"}
    assert sum(len(trace.y) for trace in figure.data) == len(rebuild.layers)
    assert bars["built"].y[0] == "step 7: COPY source/ /app/source/"
    cached = list(bars["from cache"].y)
    install = cached.index("step 6: RUN pip install -r /app/source/requirements.txt")
    assert bars["from cache"].x[install] == rebuild.rows[4].size_bytes > 80_000_000
    assert "bytes" in bars["from cache"].hovertemplate
    assert figure.layout.xaxis.type == "log"


def test_the_timeline_starts_each_step_where_the_last_ended(reordered):
    rebuild = reordered.rebuild
    figure = helpers.timeline_chart(rebuild)
    bars = sorted(
        (start, length)
        for trace in figure.data
        for start, length in zip(trace.base, trace.x, strict=True)
    )
    assert len(bars) == len(rebuild.steps)
    assert bars[0][0] == 0
    for (start, length), (next_start, _) in itertools.pairwise(bars):
        # A bar is at least 1 ms wide, so that a step that took no time still shows.
        assert next_start == pytest.approx(start + length) or length == 0.001
    assert bars[-1][0] + bars[-1][1] == pytest.approx(sum(s.seconds for s in rebuild.steps))


def test_the_comparison_chart_shows_each_variants_own_numbers(comparison):
    figure = helpers.comparison_chart(comparison)
    assert figure.layout.yaxis2.type == "log"
    assert list(figure.data[0].x) == ["Dockerfile.common", "Dockerfile.reordered"]
    # Recorded chunks count as half a second each; new bytes are the real layers' sizes.
    assert list(figure.data[0].y) == [38.5, 18.0]
    assert list(figure.data[1].y) == [164_123_089, 1_035]


def test_the_journey_chart_has_three_panels_from_the_same_runs(comparison):
    figure = helpers.journey_chart(comparison)
    assert len(figure.data) == 3
    sizes, seconds, new_bytes = (list(trace.y) for trace in figure.data)
    assert sizes == [461_429_699, 461_429_919]
    assert seconds == [38.5, 18.0]
    assert new_bytes == [164_123_089, 1_035]
    assert figure.layout.yaxis3.type == "log"
    assert list(figure.data[0].x) == ["common", "reordered"]
