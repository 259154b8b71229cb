"""BuildKit's progress parser, on what the CLI printed in real builds (tests/data/buildkit,
made by tests/data/record_buildkit_log.py): buildx 0.13's rawjson on Docker 26 with the
containerd store, and Debian's 20.10 CLI's plain progress on 20.10."""

import json
from pathlib import Path

import pytest
from conftest import DATA

import helpers
from helpers import BuildFailed
from helpers.dockerfile.parsing import parse_dockerfile
from helpers.engine.buildkit import _final_stage_entries, _stage_names
from helpers.engine.buildkit_log import BuildkitLogParser
from helpers.engine.buildlog import OutputLine, StepCached, StepStarted
from helpers.engine.failures import explain_failure
from helpers.image.history import layers_from_history
from helpers.results.build import BASE_IMAGE_ORIGIN, BUILT_ORIGIN, CACHED_ORIGIN

BUILDKIT = DATA / "buildkit"
STYLES = ("rawjson", "plain")


def _compact(output: str) -> str:
    """buildx 0.15 and later print each JSON object on one line; 0.13 spreads it over many.
    The objects are the same, so the recorded ones rewritten one per line stand for 0.15."""
    decoder, objects, text = json.JSONDecoder(), [], output
    position = 0
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        if text[position] != "{":
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            objects.append(text[position:end])
            position = end
            continue
        value, position = decoder.raw_decode(text, position)
        objects.append(json.dumps(value))
    return "\n".join(objects) + "\n"


def replay(name: str, chunk_size: int = 4096, compact: bool = False):
    recording = json.loads((BUILDKIT / name).read_text())
    output = _compact(recording["output"]) if compact else recording["output"]
    instructions = parse_dockerfile(recording["dockerfile"])
    parser = BuildkitLogParser(
        recording["style"], _stage_names(instructions), label_added_by_course="org.layerlab.course"
    )
    events = []
    for tick, start in enumerate(range(0, len(output), chunk_size)):
        events.extend(parser.feed(output[start : start + chunk_size], float(tick)))
    events.extend(parser.close(1000.0))
    return recording, instructions, parser, events


def result_of(name: str):
    recording, instructions, parser, _ = replay(name)
    parser.image_id = recording["image_id"]
    return parser.result(
        dockerfile=name,
        tag=None,
        started=0.0,
        finished=10.0,
        layers=layers_from_history(recording["history"], recording["rootfs_layers"]),
        # The recorded Dockerfile already ends with the course's LABEL.
        own_entries=_final_stage_entries(instructions),
    )


@pytest.mark.parametrize("style", STYLES)
def test_a_reordered_rebuild_reuses_the_install_and_reruns_the_last_copy(style):
    result = result_of(f"{style}-reordered-rebuild.json")
    assert [step.label for step in result.steps] == [f"[{n}/5]" for n in range(1, 6)]
    assert [step.cached for step in result.steps[1:]] == [True, True, True, False]
    assert result.steps[-1].instruction == "COPY source/ /app/source/"
    assert result.steps[0].instruction == "FROM docker.io/layerlab/base:bookworm"
    assert result.first_rebuilt_step.instruction == "COPY source/ /app/source/"
    assert result.steps_cached == 3 and result.steps_total == 5
    assert result.builder == "buildkit"


@pytest.mark.parametrize("style", STYLES)
def test_history_rows_are_placed_by_the_final_stages_instructions(style):
    result = result_of(f"{style}-reordered-rebuild.json")
    own = [row for row in result.rows if row.origin != BASE_IMAGE_ORIGIN]
    assert [row.label for row in own] == [
        "config 1",
        "[2/5]",
        "[3/5]",
        "[4/5]",
        "[5/5]",
        "config 2",
        "config 3",
    ]
    assert [row.origin for row in own[1:5]] == [CACHED_ORIGIN] * 3 + [BUILT_ORIGIN]
    assert own[0].instruction == "ENV PYTHONUNBUFFERED=1" and own[0].metadata_only
    assert own[-1].instruction == "LABEL org.layerlab.course=1 (added by the course)"
    # The only bytes this rebuild wrote are the source folder's.
    assert 0 < result.written_bytes() == own[4].size_bytes < 100_000


@pytest.mark.parametrize("style", STYLES)
def test_a_multi_stage_build_names_stages_and_skips_the_unused_one(style):
    result = result_of(f"{style}-stages.json")
    labels = [step.label for step in result.steps]
    assert "[builder 2/2] RUN echo building > /b.txt" in [
        f"{step.label} {step.instruction}" for step in result.steps
    ]
    assert not any(step.stage == "unused" for step in result.steps)
    # The final stage is unnamed: BuildKit calls it by its index. Its FROM is the builder's
    # FROM (the same image), so BuildKit prints that step once, as the builder's.
    assert labels == ["[builder 1/2]", "[builder 2/2]", "[stage-2 2/3]", "[stage-2 3/3]"]
    own = [row for row in result.rows if row.origin != BASE_IMAGE_ORIGIN]
    # ARG, WORKDIR, COPY --from, ENV, CMD and the course's LABEL: BuildKit's history holds one
    # entry for each, WORKDIR and COPY numbered as steps.
    assert [row.label for row in own] == [
        "config 1",
        "[stage-2 2/3]",
        "[stage-2 3/3]",
        "config 2",
        "config 3",
        "config 4",
    ]


@pytest.mark.parametrize("chunk_size", [1, 7, 300])
def test_pieces_of_any_size_and_one_object_per_line_give_the_same_steps(chunk_size):
    _, _, whole, _ = replay("rawjson-reordered-rebuild.json")
    _, _, pieces, _ = replay("rawjson-reordered-rebuild.json", chunk_size=chunk_size)
    _, _, compact, _ = replay("rawjson-reordered-rebuild.json", chunk_size, compact=True)
    assert pieces.steps(10.0) == whole.steps(10.0) == compact.steps(10.0)
    _, _, plain, _ = replay("plain-reordered-rebuild.json", chunk_size=chunk_size)
    assert [(s.label, s.cached) for s in plain.steps(10.0)] == [
        (s.label, s.cached) for s in whole.steps(10.0)
    ]


@pytest.mark.parametrize("style", STYLES)
def test_events_announce_each_step_once_with_cache_hits_after_it(style):
    _, _, _, events = replay(f"{style}-reordered-rebuild.json")
    started = [event for event in events if isinstance(event, StepStarted)]
    assert [event.shown_label for event in started] == [f"[{n}/5]" for n in range(1, 6)]
    for event in events:
        if isinstance(event, StepCached):
            before = events[: events.index(event)]
            assert any(isinstance(e, StepStarted) and e.number == event.number for e in before)


def _failure(name: str) -> BuildFailed:
    recording, _, parser, _ = replay(name)
    parser.fail(recording["exit_code"])
    return explain_failure(parser, Path("Dockerfile"), Path("/context"))


@pytest.mark.parametrize("style", STYLES)
def test_a_failing_run_names_its_step_and_keeps_its_output(style):
    failure = _failure(f"{style}-failing-run.json")
    assert failure.step == 2  # [2/2]: ENV is not a numbered step on BuildKit
    assert failure.instruction.startswith("RUN echo starting")
    assert failure.log_tail == ("starting", "oops")
    assert "exit code: 3" in str(failure)
    assert "fix the command" in str(failure)


@pytest.mark.parametrize("style", STYLES)
def test_a_missing_file_says_where_copy_looks(style):
    failure = _failure(f"{style}-missing-file.json")
    assert "nothere.txt" in str(failure)
    assert "relative to the build context /context" in str(failure)


@pytest.mark.parametrize("style", STYLES)
def test_a_parse_error_says_which_line_to_fix(style):
    failure = _failure(f"{style}-parse-error.json")
    assert failure.step is None
    assert "line 3: unknown instruction: COPPY" in str(failure)
    assert "fix that line of the Dockerfile" in str(failure)


def test_output_lines_belong_to_their_step():
    _, _, _, events = replay("rawjson-failing-run.json")
    assert [e.text for e in events if isinstance(e, OutputLine)][-2:] == ["starting", "oops"]


def test_block_rounded_sizes_are_recognised_and_explained():
    on_containerd = result_of("rawjson-reordered-rebuild.json")
    assert on_containerd.sizes_in_blocks
    assert "4 KiB blocks" in helpers.describe_layers(on_containerd).text()
    on_overlay2 = result_of("plain-reordered-rebuild.json")
    assert not on_overlay2.sizes_in_blocks
    assert "4 KiB blocks" not in helpers.describe_layers(on_overlay2).text()


def test_a_step_cancelled_by_another_failure_does_not_hide_the_cause():
    # BuildKit cancels the steps still running when one fails; they may report first.
    digest_a, digest_b = "sha256:" + "a" * 64, "sha256:" + "b" * 64
    cancelled = {
        "vertexes": [
            {"digest": digest_a, "name": "[2/3] COPY nope.txt /", "started": "2026-11-30T20:00:00Z"}
        ]
    }
    parser = BuildkitLogParser("rawjson")
    parser.feed(json.dumps(cancelled), 0.0)
    parser.feed(
        json.dumps(
            {
                "vertexes": [
                    {
                        "digest": digest_b,
                        "name": "[internal] load build context",
                        "error": "context canceled: context canceled",
                    },
                    {
                        "digest": digest_a,
                        "name": "[2/3] COPY nope.txt /",
                        "error": 'failed to calculate checksum of ref x: "/nope.txt": not found',
                    },
                ]
            }
        ),
        1.0,
    )
    parser.fail(1)
    assert "/nope.txt" in parser.error and parser.last_step[1] == "COPY nope.txt /"
    only_cancelled = BuildkitLogParser("rawjson")
    only_cancelled.feed(
        json.dumps(cancelled).replace('"started"', '"error": "context canceled", "started"'), 0.0
    )
    only_cancelled.feed("\nERROR: failed to solve: the real reason\n", 1.0)
    only_cancelled.close(2.0)
    only_cancelled.fail(1)
    assert only_cancelled.error == "failed to solve: the real reason"
