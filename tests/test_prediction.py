"""The predictor's parsing and matching, without an engine."""

import json
import subprocess
import sys

import pytest

from helpers import predict
from helpers.cli.main import main
from helpers.dockerfile.parsing import parse_dockerfile
from helpers.dockerfile.prediction import _go_glob, _source_covers
from helpers.results.prediction import Prediction


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


def _context(tmp_path, dockerfile: str, files=("a.txt", "app.py", "requirements.txt")):
    (tmp_path / "Dockerfile").write_text(dockerfile)
    for name in files:
        (tmp_path / name).write_text(f"{name}\n")
    return tmp_path


# The Dockerfile BuildKit was watched building: it printed `[builder 2/2]`, `[stage-2 1/4]`...
# `[stage-2 4/4]`, and nothing of the unused stage.
THREE_STAGES = (
    "FROM base AS builder\nRUN echo building > /b.txt\n"
    "FROM base AS unused\nCOPY a.txt /a.txt\n"
    "FROM base\nARG X=1\nWORKDIR /app\nCOPY --from=builder /b.txt /app/b.txt\nRUN cat /app/b.txt\n"
)


def test_buildkit_numbers_a_single_stage_without_config_instructions(tmp_path):
    context = _context(
        tmp_path,
        "ARG BASE=base\nFROM ${BASE} AS app\nENV A=1\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install -r requirements.txt\nLABEL x=y\nCOPY . .\nEXPOSE 80\nCMD python app.py\n",
    )
    buildkit = predict(context, "Dockerfile", ["app.py"], builder="buildkit")
    assert buildkit.builder == "buildkit" and buildkit.skipped_stages == ()
    # One stage: no stage name, even a named one. ARG, ENV, LABEL, EXPOSE, CMD: no step.
    assert [s.label for s in buildkit.steps] == [f"[{n}/5]" for n in range(1, 6)]
    assert [s.instruction.split()[0] for s in buildkit.steps] == [
        "FROM", "WORKDIR", "COPY", "RUN", "COPY"
    ]  # fmt: skip
    assert [s.cached for s in buildkit.steps] == [True, True, True, True, False]
    assert buildkit.first_miss.label == "[5/5]" and buildkit.first_miss_step == 5
    assert buildkit.step(5).instruction == "COPY . ."
    assert str(buildkit).startswith("If app.py changes, [5/5] is the first to run again.")

    classic = predict(context, "Dockerfile", ["app.py"])  # the default: as it always was
    assert classic.builder == "classic"
    assert [s.step for s in classic.steps] == list(range(1, 11))
    assert [s.label for s in classic.steps][:2] == ["step 1", "step 2"]
    assert classic.first_miss_step == 8 and all(s.stage is None for s in classic.steps)
    assert str(classic).startswith("If app.py changes, step 8 is the first to run again.")


def test_buildkit_skips_an_unused_stage_that_the_classic_builder_builds(tmp_path):
    context = _context(tmp_path, THREE_STAGES)
    buildkit = predict(context, "Dockerfile", ["a.txt"], builder="buildkit")
    assert [f"{s.label} {s.instruction}" for s in buildkit.steps] == [
        "[builder 1/2] FROM base AS builder",
        "[builder 2/2] RUN echo building > /b.txt",
        "[stage-2 1/4] FROM base",
        "[stage-2 2/4] WORKDIR /app",
        "[stage-2 3/4] COPY --from=builder /b.txt /app/b.txt",
        "[stage-2 4/4] RUN cat /app/b.txt",
    ]
    assert buildkit.skipped_stages == ("unused",)
    assert buildkit.first_miss is None  # only the unused stage copies a.txt
    assert buildkit.step(3, "stage-2").instruction.startswith("COPY --from=builder")
    assert "unused" in str(buildkit) and "Predicted for BuildKit" in str(buildkit)

    classic = predict(context, "Dockerfile", ["a.txt"], builder="classic")
    assert classic.first_miss_step == 4 and classic.step(4).instruction == "COPY a.txt /a.txt"
    assert classic.skipped_stages == () and "classic builder" in str(classic)


def test_a_used_stage_that_runs_again_reaches_the_stages_built_on_it(tmp_path):
    context = _context(
        tmp_path,
        "FROM base AS builder\nCOPY requirements.txt /r\nRUN cat /r > /out\n"
        "FROM builder AS tested\nENV T=1\nRUN test -s /out\n"
        "FROM scratch AS spare\nCOPY app.py /\n"
        "FROM base\nCOPY --from=builder /out /out\nCOPY --from=1 /out /tested\n"
        "COPY app.py /app/\nRUN true\n",
    )
    changed = predict(context, "Dockerfile", ["requirements.txt"], builder="buildkit")
    said = {s.label: s for s in changed.steps}
    assert list(said) == [
        "[builder 1/3]", "[builder 2/3]", "[builder 3/3]",
        # FROM a stage is no step of BuildKit's: the stage goes on from the builder's state.
        "[tested 1/1]",
        "[stage-3 1/5]", "[stage-3 2/5]", "[stage-3 3/5]", "[stage-3 4/5]", "[stage-3 5/5]",
    ]  # fmt: skip
    assert changed.skipped_stages == ("spare",)
    assert changed.first_miss.label == "[builder 2/3]"
    assert said["[builder 3/3]"].cached is False
    assert said["[tested 1/1]"].cached is False and "stage builder" in said["[tested 1/1]"].reason
    # The files a COPY --from brings are compared by content: a stage that ran again may
    # have made the same ones, so that COPY and what follows cannot be known beforehand.
    assert said["[stage-3 1/5]"].cached is True
    assert [s.cached for s in changed.steps[5:]] == [None, None, None, None]
    assert "byte-identical" in said["[stage-3 2/5]"].reason

    code = predict(context, "Dockerfile", ["app.py"], builder="buildkit")
    assert [s.label for s in code.steps if s.cached is False] == ["[stage-3 4/5]", "[stage-3 5/5]"]
    assert predict(context, "Dockerfile", ["app.py"]).first_miss_step == 8  # classic: spare


def test_buildkit_follows_run_mounts(tmp_path):
    context = _context(
        tmp_path,
        "FROM base AS deps\nCOPY requirements.txt /r\n"
        "FROM base\nRUN --mount=type=cache,target=/root/.cache --mount=from=deps,source=/r,"
        "target=/r true\nRUN --mount=type=bind,source=app.py,target=/app.py python /app.py\n",
    )
    mounted = predict(context, "Dockerfile", ["app.py"], builder="buildkit")
    assert mounted.skipped_stages == ()  # deps is needed through a mount
    assert [(s.label, s.cached) for s in mounted.steps] == [
        ("[deps 1/2]", True), ("[deps 2/2]", True),
        ("[stage-1 1/3]", True), ("[stage-1 2/3]", True), ("[stage-1 3/3]", False),
    ]  # fmt: skip
    assert "mounts app.py" in mounted.steps[-1].reason
    deps = predict(context, "Dockerfile", ["requirements.txt"], builder="buildkit")
    assert [s.cached for s in deps.steps] == [True, False, True, None, None]
    # A cache mount is a source of its own: BuildKit then names even a single stage. A bind
    # mount of the context is not (as Docker 20.10's BuildKit was seen to print).
    (context / "Dockerfile").write_text("FROM base\nRUN --mount=type=cache,target=/c true\n")
    assert [s.label for s in predict(context, builder="buildkit").steps] == [
        "[stage-0 1/2]", "[stage-0 2/2]"
    ]  # fmt: skip
    (context / "Dockerfile").write_text("FROM base\nRUN --mount=source=app.py,target=/a true\n")
    bound = predict(context, "Dockerfile", ["app.py"], builder="buildkit")
    assert [(s.label, s.cached) for s in bound.steps] == [("[1/2]", True), ("[2/2]", False)]


def test_the_builder_travels_with_the_prediction(tmp_path, capsys):
    context = _context(tmp_path, THREE_STAGES)
    prediction = predict(context, "Dockerfile", ["a.txt"], builder="buildkit")
    assert Prediction.from_json(prediction.to_json()) == prediction
    assert prediction.to_dict()["builder"] == "buildkit"
    with pytest.raises(ValueError, match="buildkit"):
        predict(context, "Dockerfile", ["a.txt"], builder="kaniko")

    argv = ["predict", "--context", str(context), "--changed", "a.txt", "--builder", "buildkit"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "Predicted for BuildKit" in text and "[stage-2 3/4]" in text
    assert main([*argv, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["builder"] == "buildkit" and result["skipped_stages"] == ["unused"]
    assert result["steps"][1]["label"] == "[builder 2/2]"
    assert result["steps"][1]["stage"] == "builder" and result["steps"][1]["step"] == 2
    assert main([*argv[:-2], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["builder"] == "classic"


def test_a_changed_folder_runs_what_copies_it_and_leaves_its_files_unknown(tmp_path):
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "a.py").write_text("A = 1\n")
    (tmp_path / "Dockerfile").write_text("FROM x\nCOPY src/pkg/a.py /app/\nCOPY src /src\n")
    for builder in ("classic", "buildkit"):
        for folder in ("src", "src/pkg", "src/pkg/"):
            steps = predict(tmp_path, "Dockerfile", [folder], builder=builder).steps
            assert [s.cached for s in steps] == [True, None, False], (builder, folder)
        whole = predict(tmp_path, "Dockerfile", ["."], builder=builder).steps
        assert [s.cached for s in whole] == [True, None, None]
        assert "inside the context" in whole[1].reason


def test_the_default_dockerfile_is_the_contexts_never_the_current_folders(tmp_path, monkeypatch):
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (here / "Dockerfile").write_text("FROM x\nRUN one\nRUN two\nRUN three\n")
    (there / "dockerfile").write_text("FROM x\nCOPY . /app\n")  # lower case, as docker allows
    monkeypatch.chdir(here)
    prediction = predict(there, changed=["app.py"])
    assert prediction.dockerfile == str(there / "dockerfile")
    assert [s.instruction for s in prediction.steps] == ["FROM x", "COPY . /app"]
    # One named is looked for in the context, then from the current folder.
    assert predict(there, "Dockerfile", ["app.py"]).dockerfile == str(there / "dockerfile")
    assert predict(there, "../here/Dockerfile", []).dockerfile.endswith("Dockerfile")
