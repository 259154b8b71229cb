"""`python -m helpers`, as an instructor runs it from a terminal."""

import json
import subprocess
import sys

import pytest


def run_cli(*args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


@pytest.fixture
def two_orders(make_context):
    body = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
    return make_context(
        {
            "Dockerfile.slow": body + "COPY . /app\nRUN date +%s%N > /installed\n",
            "Dockerfile.fast": body + "RUN date +%s%N > /installed\nCOPY . /app\n",
            "app.py": "print('hi')\n",
        }
    )


def test_compare_json_has_one_row_per_dockerfile(engine, base_image, two_orders, default_builder):
    reply = run_cli(
        "compare",
        "--context",
        str(two_orders),
        "--dockerfile",
        "Dockerfile.slow",
        "--dockerfile",
        "Dockerfile.fast",
        "--change",
        "app.py",
        "--json",
    )
    result = json.loads(reply.stdout)
    rows = {row["dockerfile"]: row for row in result["variants"]}
    assert set(rows) == {"Dockerfile.slow", "Dockerfile.fast"}
    for row in rows.values():
        assert {
            "first_build_s",
            "rebuild_s",
            "rebuild_new_bytes",
            "steps_total",
            "steps_cached",
        } <= set(row)
        # ARG, FROM, COPY, RUN for the classic builder; BuildKit numbers no ARG.
        assert row["steps_total"] == (4 if default_builder == "classic" else 3)
    assert result["builder"] == default_builder
    assert rows["Dockerfile.fast"]["steps_cached"] == 1  # the RUN before the COPY
    assert rows["Dockerfile.slow"]["steps_cached"] == 0
    slow, fast = rows["Dockerfile.slow"], rows["Dockerfile.fast"]
    assert slow["rebuild_new_bytes"] > fast["rebuild_new_bytes"]


def test_compare_prints_a_table_by_default(engine, base_image, two_orders, default_builder):
    reply = run_cli(
        "compare",
        "--context",
        str(two_orders),
        "--dockerfile",
        "Dockerfile.fast",
        "--change",
        "app.py",
    )
    assert "Dockerfile.fast" in reply.stdout and "new bytes" in reply.stdout
    # Live progress goes to the terminal, numbered as the builder numbers its steps.
    progress = "Step 3/6: RUN date" if default_builder == "classic" else "[2/3]: RUN date"
    assert progress in reply.stderr


def test_a_missing_file_to_change_is_a_clear_error(tmp_path):
    (tmp_path / "Dockerfile.common").write_text("FROM scratch\n")
    (tmp_path / "Dockerfile.reordered").write_text("FROM scratch\n")
    reply = run_cli("compare", "--context", str(tmp_path), "--change", "src/nope.py", check=False)
    assert reply.returncode == 1
    assert "The file to change, src/nope.py, is not in" in reply.stderr
    assert "Traceback" not in reply.stderr


def test_no_engine_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    reply = run_cli("cleanup", check=False)
    assert reply.returncode == 1
    assert reply.stderr.startswith("error: No Docker engine answered")
