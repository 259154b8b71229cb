"""The build-stream parser, on streams recorded from real builds (tests/data)."""

import json

import pytest
from conftest import DATA

from helpers.engine.buildlog import BuildLogParser, OutputLine, StepCached, StepStarted


def replay(name: str, label: str | None = "org.layerlab.course"):
    parser = BuildLogParser(labels_added_by_course=(label,) if label else ())
    events = []
    for tick, chunk in enumerate(json.loads((DATA / name).read_text())["chunks"]):
        events.extend(parser.feed(chunk, float(tick)))
    return parser, events, parser.steps(finished_at=1000.0)


def test_common_rebuild_reruns_everything_after_the_copy():
    parser, _, steps = replay("stream-common-rebuild.json")
    assert [s.number for s in steps] == list(range(1, 9))
    assert steps[3].instruction == "COPY source/ /app/source/"
    assert [s.cached for s in steps] == [False, False, True, False, False, False, False, False]
    assert parser.image_id and parser.image_id.startswith("sha256:")
    assert parser.error is None


def test_reordered_rebuild_reuses_the_dependency_install():
    _, _, steps = replay("stream-reordered-rebuild.json")
    assert [s.cached for s in steps] == [False, False, True, True, True, True, False, False, False]
    assert steps[5].instruction.startswith("RUN pip install -r")
    assert steps[6].instruction == "COPY source/ /app/source/"


def test_the_course_label_step_is_marked_and_only_it():
    _, _, steps = replay("stream-common-rebuild.json")
    assert [s.added_by_course for s in steps] == [False] * 7 + [True]
    _, _, unlabelled = replay("stream-common-rebuild.json", label=None)
    assert not any(s.added_by_course for s in unlabelled)


def test_steps_record_the_image_each_produced_and_time_until_the_next():
    _, _, steps = replay("stream-reordered-rebuild.json")
    assert steps[1].image_id and len(steps[1].image_id) == 12
    assert steps[0].image_id is None  # an ARG before FROM produces no image
    assert all(s.seconds >= 0 for s in steps)
    assert steps[-1].seconds == pytest.approx(1000.0 - 33.0, abs=40)


def test_events_arrive_in_order_with_cache_hits_after_their_step():
    _, events, _ = replay("stream-reordered-rebuild.json")
    kinds = [type(e) for e in events]
    assert kinds[0] is StepStarted
    for index, event in enumerate(events):
        if isinstance(event, StepCached):
            previous_start = next(e for e in reversed(events[:index]) if isinstance(e, StepStarted))
            assert previous_start.number == event.number


def test_a_failing_run_keeps_its_output_and_the_engines_error():
    parser, events, _steps = replay("stream-failing-run.json")
    assert parser.error and "returned a non-zero code: 3" in parser.error
    assert parser.image_id is None
    number, instruction, output = parser.last_step
    assert number == 2 and instruction.startswith("RUN echo hello")
    # The stderr line arrives wrapped in terminal colour codes; they must be gone.
    assert sorted(output) == ["bad", "hello"]  # stdout and stderr may interleave either way
    assert OutputLine("bad") in events


def test_lines_split_across_chunks_are_joined():
    parser = BuildLogParser()
    events = []
    pieces = ("Step 1/2 : FR", "OM base\n ---> ", "abcdef012345\nStep 2/2 : RUN ec")
    pieces += ("ho hi\nh", "i\n")
    for piece in pieces:
        events += parser.feed({"stream": piece}, 0.0)
    assert [e for e in events if isinstance(e, StepStarted)] == [
        StepStarted(1, 2, "FROM base"),
        StepStarted(2, 2, "RUN echo hi"),
    ]
    assert parser.last_step == (2, "RUN echo hi", ("hi",))
    assert parser.steps(1.0)[0].image_id == "abcdef012345"
