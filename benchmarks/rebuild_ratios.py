"""The article's experiment on each engine and builder, measured as ratios within one run.

    python benchmarks/rebuild_ratios.py [--engine NAME=DOCKER_HOST ...] [--builder B ...]
                                        [--overhead N] [--json]

Each cell is `helpers.compare` on the sample app: both Dockerfiles built, one line of
source/app.py changed, both rebuilt. Times are compared within a run only (this machine's
speed varies between runs). Without --engine: this machine's default engine, plus the CI's
Docker 26 engines where `scripts/start-engines` started them.

`--overhead N` also times BuildKit through the course against the same rebuild typed by hand
(`docker buildx build ...`, default progress), alternating N times each on every engine. The
build as the course runs it (the CLI with its progress parsed: `BuildResult.seconds`) should
take at most 5% longer; the whole call, which then reads the image's history and measures the
context, is reported beside it.

Targets: on each engine, the default builder (auto) rebuilds the reordered Dockerfile at least
20 times faster than the common one. Exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docker

import helpers
from helpers.engine.buildkit import choose_builder
from helpers.engine.buildkit_cli import find_buildkit_cli

SPEEDUP_TARGET = 20
OVERHEAD_TARGET = 1.05
CI_ENGINES = {
    "26 overlay2": "unix:///run/layerlab-engines/docker26-overlay2/docker.sock",
    "26 containerd store": "unix:///run/layerlab-engines/docker26-containerd/docker.sock",
}


def engines(chosen: list[str]) -> dict[str, str]:
    if chosen:
        return dict(pair.split("=", 1) for pair in chosen)
    found = {"default": os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")}
    for name, host in CI_ENGINES.items():
        if Path(host.removeprefix("unix://")).exists():
            found[name] = host
    return found


def experiment(client: docker.DockerClient, builder: str) -> dict:
    comparison = helpers.compare(client=client, builder=builder, progress=None)
    common = comparison.variant("Dockerfile.common")
    reordered = comparison.variant("Dockerfile.reordered")
    return {
        "engine": f"{comparison.engine.version} {comparison.engine.image_store}",
        "builder": comparison.builder,
        "common_rebuild_s": round(common.rebuild_s, 2),
        "reordered_rebuild_s": round(reordered.rebuild_s, 2),
        "ratio": round(common.rebuild_s / reordered.rebuild_s, 1),
        "common_new_bytes": common.rebuild_new_bytes,
        "reordered_new_bytes": reordered.rebuild_new_bytes,
        "common_cached": f"{common.steps_cached}/{common.steps_total}",
        "reordered_cached": f"{reordered.steps_cached}/{reordered.steps_total}",
    }


def overhead(client: docker.DockerClient, host: str, repeat: int) -> dict:
    """Median seconds of the same BuildKit rebuild by the course and by hand, alternating."""
    cli = find_buildkit_cli()
    base = helpers.resolve_base_image(client)
    ours, calls, by_hand = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        context = Path(scratch) / "app"
        shutil.copytree(helpers.SAMPLE_APP, context)
        hand = [*cli.command, "--network", "host", "-f"]
        hand += [str(context / "Dockerfile.reordered"), "--build-arg", f"BASE_IMAGE={base}"]
        hand += ["--tag", "layerlab/overhead:hand", str(context)]
        environment = dict(os.environ, DOCKER_HOST=host, **dict(cli.environment))
        for _ in range(repeat):
            helpers.one_line_change(context / "source" / "app.py")
            started = time.perf_counter()
            built = helpers.build(
                "Dockerfile.reordered",
                context,
                tag="layerlab/overhead:course",
                client=client,
                base_image=base,
                builder="buildkit",
                progress=None,
            )
            calls.append(time.perf_counter() - started)
            ours.append(built.seconds)
            helpers.one_line_change(context / "source" / "app.py")
            started = time.perf_counter()
            subprocess.run(hand, env=environment, check=True, capture_output=True)
            by_hand.append(time.perf_counter() - started)
    hand_s = statistics.median(by_hand)
    return {
        "course_build_s": round(statistics.median(ours), 3),
        "course_call_s": round(statistics.median(calls), 3),
        "by_hand_s": round(hand_s, 3),
        "overhead": round(statistics.median(ours) / hand_s, 3),
        "call_overhead": round(statistics.median(calls) / hand_s, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", action="append", default=[], metavar="NAME=DOCKER_HOST")
    parser.add_argument("--builder", action="append", choices=("classic", "buildkit"))
    parser.add_argument("--overhead", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--overhead-only", action="store_true", help="skip the experiment, time the overhead"
    )
    args = parser.parse_args()
    os.environ.setdefault("LAYERLAB_MODE", "live")

    rows, missed = [], False
    for name, host in engines(args.engine).items():
        client = docker.DockerClient(base_url=host)
        default = "classic" if choose_builder(None, client) is None else "buildkit"
        for builder in () if args.overhead_only else args.builder or ("classic", "buildkit"):
            row = {"name": name, **experiment(client, builder), "default": builder == default}
            if row["default"] and row["ratio"] < SPEEDUP_TARGET:
                missed = True
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
        if args.overhead:
            cost = overhead(client, host, args.overhead)
            rows.append({"name": name, "overhead": cost})
            missed |= cost["overhead"] > OVERHEAD_TARGET
            print(json.dumps(cost), file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 1 if missed else 0
    print(
        "| engine | builder | common rebuild | reordered rebuild | ratio "
        "| new bytes (common / reordered) | steps cached (common / reordered) |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        if "overhead" in row:
            continue
        print(
            f"| {row['engine']} | {row['builder']}{' (default)' if row['default'] else ''} "
            f"| {row['common_rebuild_s']:.2f} s | {row['reordered_rebuild_s']:.2f} s "
            f"| {row['ratio']:,.0f}x | {row['common_new_bytes']:,} / "
            f"{row['reordered_new_bytes']:,} | {row['common_cached']} / "
            f"{row['reordered_cached']} |"
        )
    for row in rows:
        if "overhead" in row:
            cost = row["overhead"]
            print(
                f"BuildKit on {row['name']}: by hand {cost['by_hand_s']:.3f} s; through the "
                f"course, the build {cost['course_build_s']:.3f} s ({cost['overhead']:.3f}x, "
                f"target at most {OVERHEAD_TARGET}x), the whole call with the image's history "
                f"read {cost['course_call_s']:.3f} s ({cost['call_overhead']:.3f}x)"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
