"""Results survive JSON (helpers/results/serialize.py): recorded on one machine, replayed on
another. Made from real recorded builds by the code `helpers.build` uses."""

import json

from recorded import recorded_variant

from helpers import Comparison, EngineInfo


def make_comparison() -> Comparison:
    variant = recorded_variant("common")
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
    assert restored.variants[0].rebuild.rows == comparison.variants[0].rebuild.rows


def test_counts_leave_out_the_label_step_the_course_adds():
    variant = make_comparison().variants[0]
    # ARG, FROM, ENV (cached), COPY source/, two RUNs, CMD; the course's LABEL is step 8.
    assert variant.steps_total == 7
    assert variant.steps_cached == 1
    assert variant.first_miss.number == 4


def test_summary_has_the_numbers_the_command_line_promises():
    summary = make_comparison().summary()
    assert summary["variants"] == [
        {
            "dockerfile": "Dockerfile.common",
            "first_build_s": 15.5,
            "rebuild_s": 38.5,
            # COPY source/ (1,035) + pip upgrade (12,096,805) + pip install (152,025,249)
            "rebuild_new_bytes": 164_123_089,
            "steps_total": 7,
            "steps_cached": 1,
            "first_rebuilt_step": 4,
            "image_size_bytes": 461_429_699,
        }
    ]
    json.dumps(summary)  # plain data only
