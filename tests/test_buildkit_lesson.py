"""Lesson 12's plumbing without an engine: pip's log, the cache records the course may forget,
and the checkpoints on results made of recorded builds."""

import dataclasses

import pytest
from recorded import ENGINE, recorded_comparison
from test_buildkit_log import result_of

import helpers
from helpers.engine.buildcache import records_descending_from

PIP_WITHOUT_MOUNT = (
    "Collecting flask==3.0.3 (from -r /app/requirements.txt (line 3))",
    "  Downloading flask-3.0.3-py3-none-any.whl (101 kB)",
    "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 101.7/101.7 kB 143.2 MB/s eta 0:00:00",
    "  Downloading numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.whl (16.3 MB)",
    "Saved /root/.cache/pip/downloads/numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.whl",
)
PIP_WITH_MOUNT = (
    "  File was already downloaded /root/.cache/pip/downloads/flask-3.0.3-py3-none-any.whl",
    "  Using cached numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.whl (16.3 MB)",
    "  Downloading tabulate-0.9.0-py3-none-any.whl (35 kB)",
)


def step_printing(lines):
    return helpers.Step(3, "RUN pip download ...", False, 1.0, None, output=lines)


def test_pip_downloads_counts_what_came_from_the_index_and_what_was_there():
    fetched = helpers.pip_downloads(step_printing(PIP_WITHOUT_MOUNT))
    assert fetched == helpers.PipDownloads(2, 101_000 + 16_300_000, 0)
    kept = helpers.pip_downloads(step_printing(PIP_WITH_MOUNT))
    assert kept == helpers.PipDownloads(1, 35_000, 2)


def test_only_the_records_of_the_marked_build_are_forgotten():
    records = [
        {"ID": "base", "Parent": "", "Description": "pulled from docker.io/library/python"},
        {"ID": "mark", "Parent": "base", "Description": "exec /bin/sh -c echo run-123"},
        {"ID": "copy", "Parent": "mark", "Description": "fileop target"},
        {"ID": "pip", "Parents": ["copy"], "Description": "exec /bin/sh -c pip install"},
        # Docker 26 names the list " Parents", with a space.
        {"ID": "app", " Parents": ["pip"], "Description": "fileop target"},
        {"ID": "theirs", "Parent": "base", "Description": "exec /bin/sh -c make"},
        {"ID": "theirs-2", "Parent": "theirs", "Description": "fileop target"},
    ]
    family = records_descending_from(records, "run-123")
    assert [record["ID"] for record in family] == ["mark", "copy", "pip", "app"]
    assert records_descending_from(records, "run-456") == []


def test_the_ci_checkpoint_needs_the_install_from_the_imported_cache():
    rebuild = result_of("rawjson-reordered-rebuild.json")  # the last COPY ran again
    everything_cached = dataclasses.replace(
        rebuild,
        steps=tuple(dataclasses.replace(step, cached=True) for step in rebuild.steps),
    )
    nothing_cached = dataclasses.replace(
        rebuild,
        steps=tuple(dataclasses.replace(step, cached=False) for step in rebuild.steps),
        seconds=20.0,
    )
    reuse = helpers.CacheReuse(
        rebuild, nothing_cached, everything_cached, "an inline cache", 1, ENGINE
    )
    assert reuse.reused and "times faster" in reuse.table().headline
    with pytest.raises(AssertionError, match="skipped the install"):
        helpers.lessons.ci_cache_reused(dataclasses.replace(reuse, warm=rebuild))
    assert "did not reuse an inline cache: steps [5/5] ran again" in (
        dataclasses.replace(reuse, warm=rebuild).table().headline
    )


def test_both_builders_must_show_the_same_first_miss(common, reordered):
    classic = recorded_comparison(common, reordered)
    helpers.lessons.same_lesson_on_both_builders(classic, classic)
    swapped = recorded_comparison(
        dataclasses.replace(reordered, dockerfile="Dockerfile.common"),
        dataclasses.replace(common, dockerfile="Dockerfile.reordered"),
    )
    with pytest.raises(AssertionError, match="the reordered rebuild reused the install"):
        helpers.lessons.same_lesson_on_both_builders(classic, swapped)


def test_the_builders_table_names_each_builder_and_its_first_miss(common, reordered):
    classic = recorded_comparison(common, reordered)
    table = helpers.describe_builders(classic).text()
    assert "classic  Dockerfile.common" in table
    assert "step 4: COPY source/ /app/source/" in table
