"""The workshop room: JupyterHub's side of Layer Lab.

`jupyterhub_config.py` imports this package; nothing in the course's `helpers` does. It runs
in the hub's own environment (workshop/requirements/room.txt), as root, and gives each
learner a Unix account on first login, a Docker engine, and a JupyterLab on the course.
"""

from .accounts import USERNAME_PATTERN, ensure_learner_account
from .engines import Engine, EngineFailed, engine_for
from .settings import ENGINE_MODES, ROOM_BASE_IMAGE, RoomSettings

# The spawner is not re-exported: it needs JupyterHub, which only the hub's environment has,
# and the rest is checked from the course's (tests/test_workshop_config.py).
__all__ = [
    "ENGINE_MODES",
    "ROOM_BASE_IMAGE",
    "USERNAME_PATTERN",
    "Engine",
    "EngineFailed",
    "RoomSettings",
    "engine_for",
    "ensure_learner_account",
]
