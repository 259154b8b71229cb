"""A workshop room, measured: how long until N learners are ready, what each learner's engine
costs, and what crosses the venue's network with and without the room's package cache.

    sudo python benchmarks/workshop.py [--learners N] [--engine MODE] [--room-dir DIR] [--json FILE]

Starts the room with `workshop/start` (a package cache emptied first, so that what it fetches
from PyPI is counted from nothing), signs N learners in at once through the hub's login form,
starts their servers, and has each run lesson 04 in their own server at the same time. Then:

- seconds from "start the room" to the hub answering, and to N learners ready;
- per learner, the peak memory of their engine's processes and of their JupyterLab server and
  kernel (resident set sizes, sampled each second while the lessons run), and their engine's
  disk after the lesson (rootless: the data root in their home; dedicated: theirs in the room);
- upstream bytes: what the cache fetched from PyPI (files it read remotely, warm-up included),
  against what it handed to the learners' builds, which is what those builds would have fetched
  from PyPI without it (the same pip requests, each going out).

Run it with --learners 1 and with --learners N to compare. Needs root, like the room. The
accounts it makes are removed afterwards (workshop/clean-up); the room's folder is kept, so a
second run reuses its environments.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hub_client import Learner, RunningRoom

LESSON = "layer-lab/04_reordered_dockerfile.ipynb"
_FILE = re.compile(r"/\+f/[0-9a-f]+/[0-9a-f]+/(?P<name>[^ )'\"?]+)")


def _processes_of(uid: int) -> dict[int, tuple[int, str]]:
    """pid -> (resident bytes, command line) of every process running as `uid`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        real_uid = int(re.search(r"^Uid:\s+(\d+)", status, re.M)[1])
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if real_uid == uid and rss:
            found[int(entry.name)] = (int(rss[1]) * 1024, command)
    return found


class MemorySampler(threading.Thread):
    """Each learner's peak memory, split into their engine and their JupyterLab (rootless
    engines run as the learner, so everything the learner's uid runs is theirs)."""

    def __init__(self, names: list[str]):
        super().__init__(daemon=True)
        self.uids = {name: pwd.getpwnam(name).pw_uid for name in names}
        self.peak = {name: {"engine": 0, "jupyter": 0} for name in names}
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(1):
            for name, uid in self.uids.items():
                engine = jupyter = 0
                for rss, command in _processes_of(uid).values():
                    if "jupyterhub-singleuser" in command or "ipykernel" in command:
                        jupyter += rss
                    else:
                        engine += rss
                peak = self.peak[name]
                peak["engine"] = max(peak["engine"], engine)
                peak["jupyter"] = max(peak["jupyter"], jupyter)


def _disk(path: Path) -> int:
    done = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True)
    return int(done.stdout.split()[0]) if done.returncode == 0 else 0


def _file_sizes(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_size for path in cache.rglob("*") if path.is_file()}


def upstream_bytes(room: RunningRoom) -> dict[str, int]:
    """From devpi's own log lines: files read from PyPI, and files handed to the builds."""
    sizes = _file_sizes(room.room_dir / "package-cache")
    # The hub's log holds the cache's lines while the room runs; the warm-up, before it, has
    # a log of its own: it fetches from PyPI, but hands nothing to a learner.
    served = room.log.read_text(errors="replace")
    warming = room.room_dir / "logs" / "package-cache-warming.log"
    logs = served + (warming.read_text(errors="replace") if warming.exists() else "")
    fetched = {
        match["name"]
        for line in logs.splitlines()
        if "reading remote" in line
        for match in [_FILE.search(line)]
        if match
    }
    handed = [
        match["name"]
        for line in served.splitlines()
        if "GET /root/pypi/+f/" in line
        for match in [_FILE.search(line)]
        if match
    ]
    return {
        "fetched_from_pypi_files": len(fetched),
        "fetched_from_pypi_bytes": sum(sizes.get(name, 0) for name in fetched),
        "handed_to_builds_files": len(handed),
        "handed_to_builds_bytes": sum(sizes.get(name, 0) for name in handed),
    }


def measure(learners: int, mode: str, room_dir: Path) -> dict:
    room_dir.mkdir(parents=True, exist_ok=True)
    # Count the cache's fetches from nothing; the environments are kept for speed.
    shutil.rmtree(room_dir / "package-cache", ignore_errors=True)
    (room_dir / "logs" / "package-cache-warming.log").unlink(missing_ok=True)
    log = room_dir.parent / f"layerlab-room-benchmark-{mode}.log"
    began = time.monotonic()
    room = RunningRoom(mode, room_dir, log)
    hub_up = time.monotonic() - began
    names = [f"learner{number:02d}" for number in range(1, learners + 1)]
    people = [Learner(room.url, name) for name in names]
    try:

        def arrive(learner: Learner) -> None:
            learner.sign_in(room.password)
            learner.make_token()
            learner.start_server(timeout=900)

        with ThreadPoolExecutor(learners) as pool:
            list(pool.map(arrive, people))
        ready = time.monotonic() - began
        sampler = MemorySampler(names)
        sampler.start()
        lesson_began = time.monotonic()
        with ThreadPoolExecutor(learners) as pool:
            outputs = list(pool.map(lambda learner: learner.run_notebook(LESSON), people))
        lesson = time.monotonic() - lesson_began
        sampler.done.set()
        sampler.join()
        checkpoints = [sum(text.count("✅") for text in output) for output in outputs]
        disks = {}
        for name in names:
            home = Path(pwd.getpwnam(name).pw_dir)
            root = (
                home / ".local/share/docker" if mode == "rootless" else room_dir / "engines" / name
            )
            disks[name] = _disk(root)
        network = upstream_bytes(room)
    finally:
        stopped = room.stop()
        RunningRoom.clean_up_room(room_dir)
    return {
        "mode": mode,
        "learners": learners,
        "seconds_to_hub": round(hub_up, 1),
        "seconds_to_all_ready": round(ready, 1),
        "seconds_for_lesson_04_together": round(lesson, 1),
        "seconds_to_stop": round(stopped, 1),
        "checkpoints_passed": checkpoints,
        "peak_memory_bytes": sampler.peak,
        "engine_disk_bytes": disks,
        "network": network,
    }


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def report(result: dict) -> str:
    n = result["learners"]
    memory = result["peak_memory_bytes"]
    engine = sum(m["engine"] for m in memory.values()) / n
    jupyter = sum(m["jupyter"] for m in memory.values()) / n
    disk = sum(result["engine_disk_bytes"].values()) / n
    net = result["network"]
    return "\n".join(
        [
            f"{n} learner(s), {result['mode']} engines:",
            f"  hub answering after {result['seconds_to_hub']} s; all ready after "
            f"{result['seconds_to_all_ready']} s; lesson 04 together "
            f"{result['seconds_for_lesson_04_together']} s; stopped in "
            f"{result['seconds_to_stop']} s",
            f"  checkpoints passed per learner: {result['checkpoints_passed']}",
            f"  per learner: engine peak {_mib(engine)}, JupyterLab and kernel peak "
            f"{_mib(jupyter)}, engine disk {_mib(disk)}",
            f"  from PyPI through the cache: {_mib(net['fetched_from_pypi_bytes'])} "
            f"({net['fetched_from_pypi_files']} files, the warm-up included); handed to the "
            f"builds: {_mib(net['handed_to_builds_bytes'])} ({net['handed_to_builds_files']} "
            "files), which is what they would have fetched from PyPI without the cache",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=3)
    parser.add_argument("--engine", default="rootless", choices=("rootless", "dedicated"))
    parser.add_argument("--room-dir", type=Path, default=Path("/opt/layerlab-room-benchmark"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("The room makes Unix accounts: run me as root (sudo).", file=sys.stderr)
        return 2
    result = measure(args.learners, args.engine, args.room_dir)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if all(passed >= 3 for passed in result["checkpoints_passed"]) else 1


if __name__ == "__main__":
    sys.exit(main())
