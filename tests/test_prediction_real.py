"""The predictor against the real classic builder: build, change files, rebuild, compare.

Every case is built twice on the engine. Where the predictor says "unknown" (None) it is not
compared; everywhere else it must agree with what the builder did, step by step.
"""

import os
import random

import pytest

import helpers
from helpers import predict

FILES = {
    "app.py": "print('app')\n",
    "lib/util.py": "X = 1\n",
    "lib/more.txt": "more\n",
    "requirements.txt": "flask\n",
    "README.md": "# readme\n",
    "docs/guide.md": "# guide\n",
    "docs/notes.txt": "notes\n",
    "data/x.csv": "a,b\n",
}
# Folders that .dockerignore files leave out, at the top and deeper down: in every context,
# but never picked as a change by the generated cases, whose seeds stay as they were.
FOLDERS = {
    "pkg/sub/mod.py": "M = 1\n",
    "pkg/sub/__pycache__/mod.pyc": "bytecode\n",
    "pkg/sub/__pycache__/keep.pyc": "kept\n",
    "node_modules/lib/index.js": "module.exports = 1\n",
    "build/out.txt": "built\n",
    "data/keep.csv": "k\n",
}
HEAD = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
COPY_ALL = HEAD + "COPY . /app\nRUN true\n"

HAND_CASES = [
    ("copy-all", HEAD + "COPY . /app\nRUN ls /app > /list\n", "", ["app.py"]),
    (
        "deps-first, code changed",
        HEAD + "COPY requirements.txt /app/\nRUN cat /app/requirements.txt\nCOPY . /app\n",
        "",
        ["app.py"],
    ),
    (
        "deps-first, deps changed",
        HEAD + "COPY requirements.txt /app/\nRUN cat /app/requirements.txt\nCOPY . /app\n",
        "",
        ["requirements.txt"],
    ),
    ("ignored readme", HEAD + "COPY . /app\nRUN true\n", "README.md\n", ["README.md"]),
    (
        "exception kept",
        HEAD + "COPY . /app\nRUN true\n",
        "**/*.md\n!docs/guide.md\n",
        ["docs/guide.md"],
    ),
    (
        "exception, other md",
        HEAD + "COPY . /app\nRUN true\n",
        "**/*.md\n!docs/guide.md\n",
        ["README.md"],
    ),
    ("wildcard hit", HEAD + "COPY *.txt /app/\nRUN true\n", "", ["requirements.txt"]),
    ("wildcard miss", HEAD + "COPY *.txt /app/\nRUN true\n", "", ["app.py"]),
    ("wildcard folder", HEAD + "COPY li* /app/lib/\nRUN true\n", "", ["lib/util.py"]),
    (
        "chown, lower case",
        HEAD + "copy --chown=1000:1000 lib/ /app/lib/\nrun true\n",
        "",
        ["app.py"],
    ),
    ("chown, hit", HEAD + "copy --chown=1000:1000 lib/ /app/lib/\nrun true\n", "", ["lib/util.py"]),
    (
        "continuation",
        HEAD + "COPY app.py \\\n    requirements.txt /app/\nRUN true\n",
        "",
        ["requirements.txt"],
    ),
    ("json form", HEAD + 'COPY ["app.py", "/app/"]\nENV A=1\nRUN true\n', "", ["app.py"]),
    ("no context read", HEAD + "ENV A=1\nWORKDIR /w\nRUN echo hi > f\n", "", ["app.py"]),
    ("ignored folder", HEAD + "COPY . /app\nRUN true\n", "data\n", ["data/x.csv"]),
    (
        "stages, code changed",
        HEAD.replace("FROM ${BASE_IMAGE}", "FROM ${BASE_IMAGE} AS builder")
        + "COPY requirements.txt /r\nRUN cat /r > /out\n"
        "FROM ${BASE_IMAGE}\nCOPY --from=builder /out /out\nCOPY app.py /app/\nRUN true\n",
        "",
        ["app.py"],
    ),
    (
        "stages, builder changed",
        HEAD.replace("FROM ${BASE_IMAGE}", "FROM ${BASE_IMAGE} AS builder")
        + "COPY requirements.txt /r\nRUN cat /r > /out\n"
        "FROM ${BASE_IMAGE}\nCOPY --from=builder /out /out\nCOPY app.py /app/\nRUN true\n",
        "",
        ["requirements.txt"],
    ),
    (
        "from a stage",
        HEAD.replace("FROM ${BASE_IMAGE}", "FROM ${BASE_IMAGE} AS base")
        + "COPY lib/ /lib/\nFROM base\nRUN true\nENV B=2\n",
        "",
        ["lib/util.py"],
    ),
    ("pycache anywhere", COPY_ALL, "**/__pycache__", ["pkg/sub/__pycache__/mod.pyc"]),
    ("node_modules at the top", COPY_ALL, "node_modules", ["node_modules/lib/index.js"]),
    ("a folder with a slash", COPY_ALL, "build/", ["build/out.txt"]),
    ("a file reopened", COPY_ALL, "data\n!data/keep.csv", ["data/keep.csv"]),
    ("its folder stays out", COPY_ALL, "data\n!data/keep.csv", ["data/x.csv"]),
    # The SDK's walk enters the folder for the exception, then lets its other files through;
    # BuildKit carries the folder's match down to them: the builders disagree, as predicted.
    (
        "reopened deep down",
        COPY_ALL,
        "**/__pycache__\n!pkg/sub/__pycache__/keep.pyc",
        ["pkg/sub/__pycache__/mod.pyc"],
    ),
    (
        "two changes",
        HEAD + "COPY app.py /\nCOPY lib /lib\nRUN true\n",
        "",
        ["lib/more.txt", "README.md"],
    ),
]


def generated_cases(count: int, seed: int = 20261130):
    rng = random.Random(seed)
    sources = [
        ".",
        "app.py",
        "lib/",
        "lib/*.py",
        "*.txt",
        "docs",
        "requirements.txt",
        "d*",
        "lib/more.txt",
    ]
    others = ["RUN echo {n} > /f{n}", "ENV K{n}={n}", "WORKDIR /w{n}"]
    ignores = ["README.md", "**/*.md", "!docs/guide.md", "data", "lib/*.txt", "docs/*.txt"]
    for index in range(count):
        lines = []
        for n in range(rng.randint(2, 5)):
            if rng.random() < 0.55:
                lines.append(f"COPY {rng.choice(sources)} /c{n}/")
            else:
                lines.append(rng.choice(others).format(n=n))
        ignore = "\n".join(rng.sample(ignores, rng.randint(0, 3)))
        changed = rng.sample(sorted(FILES), rng.randint(1, 2))
        yield (f"generated-{index}", HEAD + "\n".join(lines) + "\n", ignore, changed)


CASES = HAND_CASES + list(generated_cases(24))


# Every case on both builders; CI runs both on one engine and the default builder on the
# others, where LAYERLAB_PREDICTOR_BUILDERS names it (the classic builder takes minutes there).
SUITE_BUILDERS = os.environ.get("LAYERLAB_PREDICTOR_BUILDERS", "classic,buildkit").split(",")


@pytest.mark.parametrize("builder", SUITE_BUILDERS, indirect=True)
@pytest.mark.parametrize(
    ("name", "dockerfile", "ignore", "changed"), CASES, ids=[case[0] for case in CASES]
)
def test_prediction_agrees_with_the_builder(
    engine, base_image, make_context, builder, name, dockerfile, ignore, changed
):
    files = {**FILES, **FOLDERS, "Dockerfile": dockerfile}
    if ignore:
        files[".dockerignore"] = ignore + "\n"
    context = make_context(files)
    helpers.build(context=context, client=engine, progress=None, builder=builder)
    for path in changed:
        helpers.one_line_change(context / path)
    prediction = predict(context, "Dockerfile", changed, builder=builder)
    # However the paths are written, the answer is the same.
    for spelled_context, spelled_changed in (
        (f"{context}/", [str(context / path) for path in changed]),
        (context, [f"./{path}" for path in changed]),
    ):
        again = predict(spelled_context, "Dockerfile", spelled_changed, builder=builder)
        assert again.steps == prediction.steps
    rebuilt = helpers.build(context=context, client=engine, progress=None, builder=builder)
    assert prediction.builder == rebuilt.builder == builder

    if builder == "classic":
        pairs = list(zip(rebuilt.dockerfile_steps, prediction.steps, strict=True))
        for step, said in pairs:
            assert step.number == said.step
    else:
        # BuildKit prints a FROM once when stages share it, so steps pair by their label.
        said_by_label = {said.label: said for said in prediction.steps}
        pairs = [(step, said_by_label[step.label]) for step in rebuilt.dockerfile_steps]
        printed = {step.label for step in rebuilt.dockerfile_steps}
        unprinted = [said.label for said in prediction.steps if said.label not in printed]
        assert all(label.split()[-1].startswith("1/") for label in unprinted), unprinted

    compared = 0
    for step, said in pairs:
        if step.instruction.upper().startswith(("FROM", "ARG")):
            continue  # they run no command: FROM's cache mark says how the image resolved
        if said.cached is None:
            continue
        assert said.cached == step.cached, (
            f"{step.label} `{step.instruction}`: predicted "
            f"{'cached' if said.cached else 'runs'} ({said.reason}), the builder "
            f"{'used the cache' if step.cached else 'ran it'}"
        )
        compared += 1
    assert compared >= 1
