"""A Docker engine for each learner, or one for the room: started when the learner's server
starts, stopped when it stops. The trade-offs are the README's instructor's guide."""

from __future__ import annotations

import asyncio
import contextlib
import grp
import json
import os
import pwd
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .settings import ROOM_BASE_IMAGE, RoomSettings

ROOTLESS_SCRIPT = "/usr/share/docker.io/contrib/dockerd-rootless.sh"
# No default bridge: the course builds with host networking, so a bridge would only claim a
# private subnet that may clash with the venue's network.
_DOCKERD_FLAGS = ("--bridge=none", "--iptables=false", "--ip6tables=false")
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
START_TIMEOUT = 90.0
RUN_DIR = Path("/run/layerlab-room")
"""Each learner's engine's socket and runtime files, in a folder of the learner's name."""


class EngineFailed(RuntimeError):
    """The learner's engine did not start; the message says why and what to do."""


async def answers(socket: str) -> bool:
    """Whether a Docker engine answers `GET /_ping` on this unix socket."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_unix_connection(socket), 5)
    except (OSError, TimeoutError):
        return False
    try:
        writer.write(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 10)
        return b" 200 " in status
    except (OSError, TimeoutError):
        return False
    finally:
        writer.close()


async def inspect_image(socket: str, reference: str) -> dict | None:
    """The engine's `docker image inspect` of `reference`, or None when it has no such image."""
    reader, writer = await asyncio.open_unix_connection(socket)
    try:
        writer.write(f"GET /images/{reference}/json HTTP/1.0\r\nHost: docker\r\n\r\n".encode())
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return json.loads(body) if b" 200 " in head.split(b"\r\n", 1)[0] else None


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


async def _run(*command: str, env: dict[str, str], stdin_path: Path | None = None) -> None:
    stdin = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
    try:
        process = await asyncio.create_subprocess_exec(
            *command, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output, _ = await process.communicate()
    finally:
        if stdin_path:
            stdin.close()
    if process.returncode:
        raise EngineFailed(f"{' '.join(command)} failed:\n{output.decode(errors='replace')}")


@dataclass
class Engine:
    """One learner's engine. Subclasses say how it starts; this says what every engine the
    room gives a learner must hold before the learner's server starts."""

    learner: str
    settings: RoomSettings
    pid: int = 0

    @property
    def run_dir(self) -> Path:
        """The engine's socket and runtime files, in a folder of the learner's name."""
        return RUN_DIR / self.learner

    @property
    def socket(self) -> str:
        return str(self.run_dir / "docker.sock")

    @property
    def _pid_file(self) -> Path:
        # Beside the learner's folder, not in it: a rootless learner owns theirs.
        return RUN_DIR / f"{self.learner}.engine-pid"

    @property
    def docker_host(self) -> str:
        return f"unix://{self.socket}"

    def extra_groups(self) -> tuple[str, ...]:
        """Unix groups the learner's account needs to reach the engine's socket."""
        return ()

    def _command(self) -> tuple[list[str], dict[str, str]]:
        raise NotImplementedError

    @property
    def log(self) -> Path:
        return self.settings.log_dir / f"engine-{self.learner}.log"

    async def start(self) -> str:
        if await answers(self.socket):
            # Left running (a hub that was killed): adopt it, so that stopping reaches it.
            self.pid = self.pid or _read_pid(self._pid_file)
        else:
            command, env = self._command()
            self.log.parent.mkdir(parents=True, exist_ok=True)
            with self.log.open("ab") as log:
                # Its own session, so that stopping it reaches every process it started.
                process = subprocess.Popen(
                    command,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            self.pid = process.pid
            self._pid_file.write_text(str(self.pid))
            await self._wait_until_answering(process)
        await self._hold_course_images()
        return self.docker_host

    async def _wait_until_answering(self, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if await answers(self.socket):
                return
            if process.poll() is not None:
                raise EngineFailed(
                    f"{self.learner}'s Docker engine stopped as it started "
                    f"(exit {process.returncode}). Its log, {self.log}, ends:\n{_tail(self.log)}"
                )
            await asyncio.sleep(0.5)
        await self.stop()
        raise EngineFailed(
            f"{self.learner}'s Docker engine did not answer within {START_TIMEOUT:.0f} s. "
            f"Its log, {self.log}, ends:\n{_tail(self.log)}"
        )

    async def _hold_course_images(self) -> None:
        """The course's base image, and the room's variant of it that installs from the room's
        package cache, so that no learner pulls from a registry or PyPI on the day."""
        env = {**os.environ, "DOCKER_HOST": self.docker_host}
        if await inspect_image(self.socket, "layerlab/base:bookworm") is None:
            archive = self.settings.base_image_archive
            if not archive.is_file():
                raise EngineFailed(
                    f"No base image to give {self.learner}'s engine: {archive} is missing. "
                    "Run workshop/start again: it saves the base image there."
                )
            await _run("docker", "load", "--quiet", env=env, stdin_path=archive)
        index = self.settings.package_index
        room_base = await inspect_image(self.socket, ROOM_BASE_IMAGE) or {}
        room_env = (room_base.get("Config") or {}).get("Env") or ()
        # Missing, or made for another room (another address or port for the cache).
        if index and f"PIP_INDEX_URL={index}" not in room_env:
            python = str(self.settings.learner_venv / "bin" / "python")
            make = [python, "-m", "helpers", "base-image", "--index-url", index]
            await _run(*make, env={**env, "LAYERLAB_BUILDER": "classic"})

    async def stop(self) -> None:
        self.pid = self.pid or _read_pid(self._pid_file)
        self._pid_file.unlink(missing_ok=True)
        if not self.pid:
            return
        try:
            os.killpg(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            self.pid = 0
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(self.pid, 0)
            except ProcessLookupError:
                break
            _reap(self.pid)
            await asyncio.sleep(0.25)
        else:
            os.killpg(self.pid, signal.SIGKILL)
        _reap(self.pid)
        self.pid = 0


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return 0


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


class RootlessEngine(Engine):
    """`dockerd-rootless.sh` run as the learner: root inside the engine is the learner's own
    account outside it, so a learner never gets root on the machine."""

    def _command(self) -> tuple[list[str], dict[str, str]]:
        account = pwd.getpwnam(self.learner)
        # The room's own runtime folder, not /run/user/UID: an account made again after a
        # clean-up may get the same uid, and an earlier engine's sockets there would stop
        # this one starting.
        runtime = self.run_dir
        # Nothing answers on its socket (see start), so whatever is left here is stale.
        shutil.rmtree(runtime, ignore_errors=True)
        runtime.mkdir(mode=0o700, parents=True)
        os.chown(runtime, account.pw_uid, account.pw_gid)
        script = shutil.which("dockerd-rootless.sh") or ROOTLESS_SCRIPT
        env = {
            "HOME": account.pw_dir,
            "USER": self.learner,
            "XDG_RUNTIME_DIR": str(runtime),
            "PATH": SYSTEM_PATH,
        }
        return ["runuser", "-u", self.learner, "--", script, *_DOCKERD_FLAGS], env


class DedicatedEngine(Engine):
    """A root `dockerd` per learner with its own data root and socket. A learner who can
    reach a root engine can become root on the machine: only on a machine thrown away after
    the day."""

    def _command(self) -> tuple[list[str], dict[str, str]]:
        self.run_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
        data_root = self.settings.room_dir / "engines" / self.learner
        command = [
            "dockerd", *_DOCKERD_FLAGS,
            f"--host={self.docker_host}",
            f"--group={grp.getgrgid(pwd.getpwnam(self.learner).pw_gid).gr_name}",
            f"--data-root={data_root}",
            f"--exec-root={self.run_dir / 'exec'}",
            f"--pidfile={self.run_dir / 'docker.pid'}",
        ]  # fmt: skip
        return command, {"PATH": SYSTEM_PATH}


class SharedEngine(Engine):
    """One engine for the room; the course keeps learners' images apart by name only. Anyone
    who can reach it can see and remove everyone's images, and become root on the machine."""

    @property
    def socket(self) -> str:
        return self.settings.shared_engine.removeprefix("unix://")

    def extra_groups(self) -> tuple[str, ...]:
        try:
            group = os.stat(self.socket).st_gid
        except OSError as error:
            raise EngineFailed(
                f"The room's shared engine has no socket at {self.socket} ({error.strerror}). "
                "Start it, or choose another mode in workshop/start."
            ) from error
        if group == 0:
            # Putting learners in root's group would give them far more than the engine.
            raise EngineFailed(
                f"The shared engine's socket {self.socket} belongs to group root: give it a "
                "group of its own (dockerd --group docker) before sharing it with a room."
            )
        return (grp.getgrgid(group).gr_name,)

    async def start(self) -> str:
        if not await answers(self.socket):
            raise EngineFailed(
                f"The room's shared engine does not answer on {self.socket}. Start it "
                "(systemctl start docker), or choose another mode in workshop/start."
            )
        # Learners arriving together would each build the room's base image at once.
        async with _SHARED_IMAGES:
            await self._hold_course_images()
        return self.docker_host

    async def stop(self) -> None:
        """Other learners are still using it."""


_SHARED_IMAGES = asyncio.Lock()

_ENGINES: dict[str, type[Engine]] = {
    "rootless": RootlessEngine,
    "dedicated": DedicatedEngine,
    "shared": SharedEngine,
}


def engine_for(learner: str, settings: RoomSettings) -> Engine:
    return _ENGINES[settings.engine_mode](learner, settings)
