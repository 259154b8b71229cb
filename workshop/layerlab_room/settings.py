"""What `workshop/start` decided, handed to the hub through its environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENGINE_MODES = ("rootless", "dedicated", "shared")
LEARNERS_GROUP = "layerlab-learners"
"""Every account the room made is in this group: the room touches no other account."""
ROOM_BASE_IMAGE = "layerlab/base:room"
"""The course's base image with the room's package index set: learners' builds use it."""


@dataclass(frozen=True)
class RoomSettings:
    room_dir: Path
    engine_mode: str
    shared_engine: str
    package_index: str

    @property
    def learner_venv(self) -> Path:
        return self.room_dir / "learner-venv"

    @property
    def course_dir(self) -> Path:
        return self.room_dir / "course"

    @property
    def state_dir(self) -> Path:
        return self.room_dir / "state"

    @property
    def log_dir(self) -> Path:
        return self.room_dir / "logs"

    @property
    def base_image_archive(self) -> Path:
        """`docker save` of the course's base image, loaded into each learner's own engine."""
        return self.room_dir / "base-image.tar"

    @classmethod
    def from_environment(cls, environ: os._Environ[str] | dict[str, str] = os.environ):
        mode = environ.get("LAYERLAB_ROOM_ENGINE", "rootless")
        if mode not in ENGINE_MODES:
            raise ValueError(
                f"LAYERLAB_ROOM_ENGINE={mode!r}: choose one of {', '.join(ENGINE_MODES)}."
            )
        return cls(
            room_dir=Path(environ.get("LAYERLAB_ROOM_DIR", "/opt/layerlab-room")),
            engine_mode=mode,
            shared_engine=environ.get("LAYERLAB_ROOM_SHARED_ENGINE", "unix:///var/run/docker.sock"),
            package_index=environ.get("LAYERLAB_ROOM_INDEX", ""),
        )
