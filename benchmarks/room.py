"""A room of learners on one engine, at once: does every learner still see the lesson?

    python benchmarks/room.py --learners N [--builder B] [--no-warm] [--json FILE]

Starts N learners as separate Python processes (each its own LAYERLAB_LEARNER, as each
JupyterHub user's kernel would be), releases them at the same instant, and has each do what a
learner does in lessons 3 to 5: both Dockerfiles built, one line of source/app.py changed,
both rebuilt (`helpers.compare`), then the rebuild widget's checked press (lesson 5: the
reordered Dockerfile, requirements.txt changed), then the rebuilt image started and asked for
its page (lesson 3's `request_app`).

Reported per learner: success, first-build and rebuild times, the ratio of the common rebuild
to the reordered one, whether the lessons' checkpoints held; for the room: p50/p95, the
engine's errors, the peak memory the room added on this machine, and the disk it used. Then
it checks that no tag, container or scratch folder was shared, and that one learner's
cleanup left every other learner's images in place. Without --no-warm the engine is first
warmed as an instructor would (`python -m helpers warm`), so that the room's first builds
come from the cache, as the README advises.

Target: every learner succeeds and sees the reordered rebuild at least 10 times faster than
the common one. Exits 1 when a learner fails or the room's checks do not hold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import docker

import helpers
from helpers.course.scratch import folders_made
from helpers.course.warm import warm_engine
from helpers.engine.learner import LEARNER_ENV

LESSON_SPEEDUP = 10
_READY_TIMEOUT_S = 120
_LEARNER_TIMEOUT_S = 3600


# ----------------------------------------------------------------------------- one learner
def _claim(check, *args) -> str:
    """ "" when the lesson's checkpoint holds on these numbers, else what it says failed."""
    try:
        check(*args)
    except AssertionError as error:
        return str(error)
    return ""


def learn(out: Path, go: Path, builder: str | None) -> None:
    """One learner, in a process of their own: lessons 3 to 5 as the notebooks do them."""
    from helpers.notebook.widgets import RebuildExplorer

    result: dict = {"learner": helpers.current_learner().name, "ok": False}
    (out.with_suffix(".ready")).touch()
    while not go.exists():  # the room starts together: wait for the instructor's signal
        time.sleep(0.05)
    started = time.perf_counter()
    try:
        comparison = helpers.compare(builder=builder, progress=None)
        common = comparison.variant("Dockerfile.common")
        reordered = comparison.variant("Dockerfile.reordered")
        explorer = RebuildExplorer()
        explorer.dockerfile.value = "Dockerfile.reordered"
        explorer.changed_file.value = "source/requirements.txt"
        pressed = explorer.rebuild()
        if pressed is None:
            raise RuntimeError(f"the rebuild widget's press failed: {explorer.summary.value}")
        before, after = pressed
        reply = helpers.request_app(reordered.rebuild.image_id)
        # Each rebuilt image must hold this learner's own edit: a rebuild served from another
        # learner's layers would show their numbers as this learner's.
        own_edit = {
            variant.dockerfile: _holds_line(variant.rebuild.image_id, comparison)
            for variant in comparison.variants
        }
        builds = [
            *(v.first_build for v in comparison.variants),
            *(v.rebuild for v in comparison.variants),
            before,
            after,
        ]
        result.update(
            ok=reply.status == 200,
            builder=common.rebuild.builder,
            first_common_s=common.first_build.seconds,
            first_reordered_s=reordered.first_build.seconds,
            rebuild_common_s=common.rebuild.seconds,
            rebuild_reordered_s=reordered.rebuild.seconds,
            widget_rebuild_s=after.seconds,
            ratio=common.rebuild.seconds / reordered.rebuild.seconds,
            first_build_from_others=[
                v.first_cache.to_dict() if v.first_cache else None for v in comparison.variants
            ],
            lesson_04=_claim(helpers.lessons.reordered_reuses_the_install, comparison),
            lesson_05=_claim(helpers.lessons.requirements_change_reinstalls, after),
            tags={build.tag: build.image_id for build in builds},
            containers=[reply.container],
            folders=[str(folder) for folder in folders_made()],
            app_status=reply.status,
            own_edit_in_rebuilds=own_edit,
            other_learners_seen=comparison.other_learners,
        )
    except Exception as error:  # the room's report says what broke, learner by learner
        result.update(error=f"{type(error).__name__}: {error}")
    result["seconds"] = time.perf_counter() - started
    out.write_text(json.dumps(result))


def _holds_line(image_id: str, comparison) -> bool:
    changed = helpers.read_file_in_image(image_id, f"/app/{comparison.changed_path}") or b""
    return comparison.added_line in changed.decode("utf-8", "replace")


# ----------------------------------------------------------------------------- the machine
def _memory_used() -> int:
    """This machine's memory in use (MemTotal - MemAvailable), in bytes."""
    fields = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) * 1024
    return fields["MemTotal"] - fields["MemAvailable"]


class MemoryPeak:
    """Samples this machine's memory in use twice a second, from start() to stop()."""

    def __init__(self) -> None:
        self.baseline = self.peak = _memory_used()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, _memory_used())

    def __enter__(self) -> MemoryPeak:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()


def _disk_used(client: docker.DockerClient) -> int:
    """Bytes the engine says its images and build cache take (`docker system df`): what
    the room adds to the engine's disk, on a local engine or a remote one alike."""
    usage = client.df()
    cache = sum(record["Size"] for record in usage.get("BuildCache") or [] if not record["Shared"])
    return int(usage.get("LayersSize") or 0) + cache


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ----------------------------------------------------------------------------- the room
def isolation_problems(learners: list[dict], client: docker.DockerClient) -> list[str]:
    """Anything two learners shared, or a learner's tag that names another's image."""
    problems = []
    seen: dict[str, dict[str, str]] = {"tag": {}, "image": {}, "container": {}, "folder": {}}
    for learner in learners:
        name = learner["learner"]
        owned = {
            "tag": list(learner["tags"]),
            "image": list(set(learner["tags"].values())),
            "container": learner["containers"],
            "folder": learner["folders"],
        }
        for kind, items in owned.items():
            for item in items:
                other = seen[kind].setdefault(item, name)
                if other != name:
                    problems.append(f"{kind} {item} is both {other}'s and {name}'s")
        for tag in learner["tags"]:
            if not tag.startswith(f"layerlab/{name}/"):
                problems.append(f"{name}'s tag {tag} does not carry their name")
        for container in learner["containers"]:
            if f"-{name}-" not in container:
                problems.append(f"{name}'s container {container} does not carry their name")
        for folder in learner["folders"]:
            if not Path(folder).name.startswith(f"layerlab-{name}-"):
                problems.append(f"{name}'s folder {folder} does not carry their name")
        for dockerfile, held in learner.get("own_edit_in_rebuilds", {}).items():
            if not held:
                problems.append(f"{name}'s rebuild of {dockerfile} lacks {name}'s own edit")
        for tag, image_id in learner["tags"].items():
            try:
                image = client.images.get(image_id)
            except docker.errors.ImageNotFound:
                problems.append(f"{name}'s {tag} ({image_id}) is gone before any cleanup")
                continue
            owner = (image.labels or {}).get(helpers.LEARNER_LABEL)
            if owner != name:
                problems.append(f"{tag} is labelled as {owner}'s, not {name}'s")
    return problems


def _clean_up_as(name: str, *, check: bool) -> None:
    """A learner's own `python -m helpers cleanup`, in a process of theirs."""
    subprocess.run(
        [sys.executable, "-m", "helpers", "cleanup", "--json"],
        env=dict(os.environ, **{LEARNER_ENV: name}),
        check=check,
        capture_output=True,
    )


def cleanup_problems(learners: list[dict], client: docker.DockerClient) -> list[str]:
    """The first learner cleans up as lesson 6 does; every other learner's images stay."""
    first, *others = learners
    _clean_up_as(first["learner"], check=True)
    problems = []
    for tag in first["tags"]:
        try:
            client.images.get(tag)
            problems.append(f"{first['learner']}'s cleanup left their {tag}")
        except docker.errors.ImageNotFound:
            pass
    for learner in others:
        for tag, image_id in learner["tags"].items():
            try:
                still = client.images.get(tag).id
            except docker.errors.ImageNotFound:
                still = None
            if still != image_id:
                problems.append(f"after {first['learner']}'s cleanup, {tag} names {still}")
    return problems


def run_room(count: int, builder: str | None, warm: bool, client: docker.DockerClient) -> dict:
    room_id = os.urandom(3).hex()
    names = [f"room{room_id}-learner{index + 1}" for index in range(count)]
    warmed = warm_engine(("Dockerfile.common", "Dockerfile.reordered"), client=client,
                         builder=builder, progress=None) if warm else None  # fmt: skip
    disk_before = _disk_used(client)
    memory_before = _memory_used()
    with tempfile.TemporaryDirectory(prefix="layerlab-room-") as scratch:
        folder, go = Path(scratch), Path(scratch) / "go"
        outputs = [folder / f"{name}.json" for name in names]
        processes = [
            subprocess.Popen(
                [sys.executable, __file__, "--as-learner", str(out), "--go", str(go)]
                + (["--builder", builder] if builder else []),
                env=dict(os.environ, **{LEARNER_ENV: name}),
                # What a lesson displays has no screen here; the learner's JSON tells it all.
                stdout=subprocess.DEVNULL,
            )
            for name, out in zip(names, outputs, strict=True)
        ]
        deadline = time.monotonic() + _READY_TIMEOUT_S
        while not all(out.with_suffix(".ready").exists() for out in outputs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                break
            time.sleep(0.1)
        with MemoryPeak() as memory:
            started = time.perf_counter()
            go.touch()
            for process in processes:
                process.wait(timeout=_LEARNER_TIMEOUT_S)
            wall = time.perf_counter() - started
        learners = []
        for name, out in zip(names, outputs, strict=True):
            if out.exists():
                learners.append(json.loads(out.read_text()))
            else:
                learners.append({"learner": name, "ok": False, "error": "the process died"})
    disk_after = _disk_used(client)
    report = summarize(learners, wall, memory, memory_before, disk_after - disk_before, warmed)
    complete = [learner for learner in learners if learner.get("tags")]
    report["isolation_problems"] = isolation_problems(complete, client)
    report["cleanup_problems"] = cleanup_problems(complete, client) if len(complete) > 1 else []
    for name in names:  # leave nothing of the room behind, as each learner's cleanup would
        _clean_up_as(name, check=False)
    return report


def summarize(learners, wall, memory, memory_before, disk, warmed) -> dict:
    done = [learner for learner in learners if learner.get("ok")]

    def spread(key: str) -> dict:
        values = [learner[key] for learner in done]
        if not values:
            return {}
        return {
            "p50": statistics.median(values),
            "p95": _percentile(values, 0.95),
            "max": max(values),
        }

    return {
        "learners": len(learners),
        "succeeded": len(done),
        "lesson_intact": sum(
            1
            for learner in done
            if learner["ratio"] >= LESSON_SPEEDUP
            and not learner["lesson_04"]
            and not learner["lesson_05"]
        ),
        "wall_s": wall,
        "first_common_s": spread("first_common_s"),
        "rebuild_common_s": spread("rebuild_common_s"),
        "rebuild_reordered_s": spread("rebuild_reordered_s"),
        "widget_rebuild_s": spread("widget_rebuild_s"),
        "min_ratio": min((learner["ratio"] for learner in done), default=None),
        "engine_errors": sorted({learner["error"] for learner in learners if "error" in learner}),
        "peak_memory_added_bytes": memory.peak - memory_before,
        "peak_build_memory_bytes": memory.peak - memory.baseline,
        "disk_used_bytes": disk,
        "warm_up": warmed.to_dict() if warmed else None,
        "per_learner": learners,
    }


def show(report: dict) -> str:
    mib = 1024 * 1024
    lines = [
        f"{report['learners']} learners at once: {report['succeeded']} succeeded, "
        f"{report['lesson_intact']} saw the lesson (reordered rebuild >= {LESSON_SPEEDUP}x "
        f"faster, checkpoints held), in {report['wall_s']:.0f} s.",
        "",
        f"{'learner':<28} {'ok':<3} {'1st common':>10} {'common':>8} {'reordered':>9} "
        f"{'ratio':>6} {'widget':>7}",
    ]
    for learner in report["per_learner"]:
        if learner.get("ok"):
            lines.append(
                f"{learner['learner']:<28} {'yes':<3} {learner['first_common_s']:>9.1f}s "
                f"{learner['rebuild_common_s']:>7.1f}s {learner['rebuild_reordered_s']:>8.2f}s "
                f"{learner['ratio']:>5.0f}x {learner['widget_rebuild_s']:>6.1f}s"
            )
        else:
            lines.append(f"{learner['learner']:<28} no  {learner.get('error', '?')[:200]}")
    lines.append("")
    for key, title in (
        ("first_common_s", "first build, common"),
        ("rebuild_common_s", "rebuild, common"),
        ("rebuild_reordered_s", "rebuild, reordered"),
        ("widget_rebuild_s", "widget's rebuild"),
    ):
        spread = report[key]
        if spread:
            lines.append(
                f"{title:<22} p50 {spread['p50']:7.2f} s   p95 {spread['p95']:7.2f} s   "
                f"max {spread['max']:7.2f} s"
            )
    if report["min_ratio"] is not None:
        lines.append(f"smallest ratio a learner saw: {report['min_ratio']:.0f}x")
    for key, what in (
        ("peak_memory_added_bytes", "peak memory the room added (learners' Python and builds)"),
        ("peak_build_memory_bytes", "of which the engine's builds, at most"),
    ):
        lines.append(
            f"{what}: {report[key] / mib:,.0f} MiB "
            f"({report[key] / mib / report['learners']:,.0f} MiB a learner)"
        )
    lines.append(
        f"disk the room added to the engine (images and build cache): "
        f"{report['disk_used_bytes'] / mib:,.0f} MiB "
        f"({report['disk_used_bytes'] / mib / report['learners']:,.0f} MiB a learner)"
    )
    for title, key in (("engine errors", "engine_errors"), ("shared", "isolation_problems"),
                       ("cleanup", "cleanup_problems")):  # fmt: skip
        for problem in report[key]:
            lines.append(f"{title}: {problem}")
    if not report["isolation_problems"] and not report["cleanup_problems"]:
        lines.append(
            "No tag, image, container or folder was shared; one learner's cleanup left "
            "the others' images in place."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=3)
    parser.add_argument("--builder", choices=("auto", "buildkit", "classic"), default=None)
    parser.add_argument("--no-warm", action="store_true", help="skip the instructor's warm-up")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON here")
    parser.add_argument("--as-learner", metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--go", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.as_learner:
        learn(Path(args.as_learner), Path(args.go), args.builder)
        return 0
    client = helpers.connect()
    report = run_room(args.learners, args.builder, not args.no_warm, client)
    print(show(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    room_ok = (
        report["succeeded"] == report["learners"]
        and not report["isolation_problems"]
        and not report["cleanup_problems"]
    )
    return 0 if room_ok else 1


if __name__ == "__main__":
    sys.exit(main())
