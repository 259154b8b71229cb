"""JupyterHub's local-process spawner, with the learner's account, engine and course."""

from __future__ import annotations

import asyncio
import pwd
import subprocess
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

from .accounts import ensure_learner_account
from .engines import SYSTEM_PATH, Engine, engine_for
from .settings import ROOM_BASE_IMAGE, RoomSettings

COURSE_FOLDER = "layer-lab"
"""The learner's own copy of the lessons, in their home: theirs to edit, kept across restarts."""


class RoomSpawner(LocalProcessSpawner):
    """Starts the learner's engine, then their server; stops the server, then the engine."""

    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        # Its pid lives in a file of the room's, not in the hub's spawner state: clean-up
        # reads the same file, and a hub that was killed finds it again.
        if self._engine is None:
            self._engine = engine_for(self.user.name, RoomSettings.from_environment())
        return self._engine

    @property
    def room(self) -> RoomSettings:
        return self.engine.settings

    def _copy_course(self) -> None:
        home = Path(pwd.getpwnam(self.user.name).pw_dir)
        lessons = home / COURSE_FOLDER
        if lessons.exists():
            return
        # Copied as the learner, so the files are theirs.
        subprocess.run(
            ["runuser", "-u", self.user.name, "--", "cp", "-r",
             str(self.room.course_dir / "notebooks"), str(lessons)],
            check=True,
        )  # fmt: skip

    def get_env(self):
        env = super().get_env()
        room = self.room
        # Not the hub's PATH: root's own folders are no business of a learner's.
        env["PATH"] = f"{room.learner_venv / 'bin'}:{SYSTEM_PATH}"
        env["DOCKER_HOST"] = self.engine.docker_host
        env["LAYERLAB_ROOM_ENGINE"] = room.engine_mode
        if room.package_index:
            env["LAYERLAB_BASE_IMAGE"] = ROOM_BASE_IMAGE
        return env

    async def start(self):
        # Also here, not only at login: a browser's cookie may outlive a clean-up's account.
        await asyncio.to_thread(ensure_learner_account, self.user.name, self.engine.extra_groups())
        await asyncio.to_thread(self._copy_course)
        await self.engine.start()
        try:
            return await super().start()
        except BaseException:
            await self.engine.stop()
            raise

    async def stop(self, now=False):
        await super().stop(now=now)
        await self.engine.stop()

    async def poll(self):
        # A server that ended by itself (File > Shut Down, a crash) is never stopped by the
        # hub, which only cleans up after it: its engine must not outlive it.
        status = await super().poll()
        if status is not None:
            await self.engine.stop()
        return status
