"""The predictor's parsing and matching, without an engine."""

import json
import subprocess
import sys

from helpers import predict
from helpers.dockerfile.parsing import parse_dockerfile
from helpers.dockerfile.prediction import _go_glob, _source_covers


def test_steps_are_numbered_as_the_builder_numbers_them():
    steps = parse_dockerfile(
        "# comment\nARG A=1\nfrom base as b\n\nrun echo a \\\n  # note\n  && echo b\n"
        'COPY --chown=1:1 ["x y", "z", "/d/"]\nFROM b\n'
    )
    assert [(s.number, s.keyword, s.stage) for s in steps] == [
        (1, "ARG", -1),
        (2, "FROM", 0),
        (3, "RUN", 0),
        (4, "COPY", 0),
        (5, "FROM", 1),
    ]
    assert steps[2].line == 5
    assert steps[3].flags == {"chown": "1:1"}
    assert steps[3].arguments == ("x y", "z", "/d/")


def test_sources_follow_go_matching():
    assert _go_glob("*.txt").match("a.txt") and not _go_glob("*.txt").match("lib/a.txt")
    assert _go_glob("li?/[a-c]*").match("lib/b.py")
    assert _source_covers(".", "anything/at/all.py")
    assert _source_covers("./lib/", "lib/deep/util.py")
    assert _source_covers("/lib", "lib/util.py")
    assert not _source_covers("lib", "library/util.py")
    assert _source_covers("li*", "lib/util.py")  # a matching folder brings its contents
    assert not _source_covers("*.py", "lib/util.py")


def test_predict_on_the_sample_app_and_its_command_line(tmp_path):
    from helpers import SAMPLE_APP

    common = predict(SAMPLE_APP, "Dockerfile.common", ["source/app.py"])
    assert common.first_miss_step == 4
    ignored = predict(SAMPLE_APP, "Dockerfile.common", ["source/__pycache__/app.cpython-311.pyc"])
    assert ignored.first_miss_step is None  # .dockerignore leaves caches out
    reply = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "predict",
            "--context",
            str(SAMPLE_APP),
            "--dockerfile",
            "Dockerfile.reordered",
            "--changed",
            "source/app.py",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(reply.stdout)
    assert result["first_miss_step"] == 7
    assert [s["cached"] for s in result["steps"]] == [True] * 6 + [False] * 2
    assert set(result["steps"][0]) >= {"step", "instruction", "cached"}
