"""How long `python -m helpers predict` and `lint` take on a big Dockerfile and a big context.

    python benchmarks/predict_speed.py [--repeat N] [--compare-with GIT_REV]

Makes a scratch project: a 100-instruction Dockerfile (multi-stage, COPYs of folders and
wildcards, RUN installs) and a 10,000-file build context with a `.dockerignore`. Then runs
each command as a learner would, a fresh Python process each time, and reports the median
wall time and what the process imported (`python -X importtime`: total import time, and
whether `docker` or `plotly` was among the modules).

With `--compare-with REV` it also runs the same commands on that revision of this repository
(checked out into a scratch worktree), in the same run, so that the two can be compared as a
ratio: the machine's speed varies between runs, not within one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILES = 10_000
INSTRUCTIONS = 100


def make_project(root: Path) -> Path:
    """A context of FILES files in nested folders, and a Dockerfile of INSTRUCTIONS lines."""
    context = root / "project"
    for index in range(FILES):
        folder = context / "src" / f"pkg{index % 50:02d}" / f"mod{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file{index}.py").write_text(f"VALUE = {index}\n")
    (context / "requirements.txt").write_text("flask==3.0.3\n")
    (context / ".dockerignore").write_text("**/__pycache__\n*.log\nsrc/pkg49\n!src/pkg49/keep.py\n")
    lines = ["ARG BASE_IMAGE=python:3.12-slim", "FROM ${BASE_IMAGE} AS builder"]
    lines += ["COPY requirements.txt /app/", "RUN pip install -r /app/requirements.txt"]
    while len(lines) < INSTRUCTIONS - 3:
        n = len(lines)
        lines.append(
            (
                f"COPY src/pkg{n % 50:02d}/ /app/src/pkg{n % 50:02d}/",
                f"RUN echo step {n} > /tmp/step{n}",
                f"ENV STEP_{n}={n}",
                f"COPY src/pkg{n % 50:02d}/mod*/file{n}*.py /app/extra/",
            )[n % 4]
        )
    lines += ["FROM ${BASE_IMAGE}", "COPY --from=builder /app /app", 'CMD ["python"]']
    (context / "Dockerfile").write_text("\n".join(lines) + "\n")
    return context


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def import_profile(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, set[str]]:
    """Total import time (seconds) and the top-level packages imported, from -X importtime."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    total_us, packages = 0, set()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|")
        total_us += int(self_us)
        packages.add(name.strip().split(".")[0])
    return total_us / 1e6, packages


def measure(label: str, checkout: Path, context: Path, repeat: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    python = sys.executable
    commands = {
        "predict": [
            python,
            "-m",
            "helpers",
            "predict",
            "--context",
            str(context),
            "--changed",
            "src/pkg03/mod3/file3.py",
            "--json",
        ],
        "lint": [python, "-m", "helpers", "lint", str(context / "Dockerfile"), "--json"],
    }
    medians = {}
    for name, command in commands.items():
        times = [timed(command, checkout, env) for _ in range(repeat)]
        imports_s, packages = import_profile(command, checkout, env)
        heavy = sorted(packages & {"docker", "plotly", "ipywidgets", "IPython", "requests"})
        medians[name] = statistics.median(times)
        print(
            f"{label:>8} {name:<8} median {medians[name]:6.3f} s over {repeat} runs; "
            f"imports {imports_s:5.3f} s; heavy packages imported: {', '.join(heavy) or 'none'}"
        )
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, metavar="N")
    parser.add_argument("--compare-with", metavar="GIT_REV", help="also run this revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="layerlab-bench-") as scratch:
        context = make_project(Path(scratch))
        print(f"{INSTRUCTIONS}-instruction Dockerfile, {FILES:,}-file context")
        now = measure("this", REPO, context, args.repeat)
        if args.compare_with:
            old = Path(scratch) / "old"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(REPO),
                    "worktree",
                    "add",
                    "--detach",
                    str(old),
                    args.compare_with,
                ],
                check=True,
                capture_output=True,
            )
            try:
                then = measure(args.compare_with[:10], old, context, args.repeat)
            finally:
                subprocess.run(
                    ["git", "-C", str(REPO), "worktree", "remove", "--force", str(old)],
                    check=True,
                    capture_output=True,
                )
            for name in now:
                print(f"{name}: {then[name] / now[name]:.1f}x faster than {args.compare_with[:10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
