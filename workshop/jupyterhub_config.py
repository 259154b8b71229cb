# The workshop room's JupyterHub. Started by workshop/start, which sets the LAYERLAB_ROOM_*
# variables read here; see the instructor's guide in README.md.
import asyncio
import os
import sys
from pathlib import Path

from tornado import web

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here))

from layerlab_room import (  # noqa: E402
    USERNAME_PATTERN,
    EngineFailed,
    RoomSettings,
    engine_for,
    ensure_learner_account,
)
from layerlab_room.spawner import COURSE_FOLDER, RoomSpawner  # noqa: E402

c = get_config()  # noqa: F821 (JupyterHub provides it)
room = RoomSettings.from_environment()
state = room.state_dir


def _secret(name: str) -> str:
    """A password workshop/start made and printed, kept in the room's state."""
    return (state / name).read_text().strip()


# Accounts: one room password, said aloud or written on the board, and a name each learner
# chooses. Nothing to hand out and nothing to forget; the price is that anyone with the
# password can sign in under any learner's name. An instructor signs in as `instructor`
# with a password of their own.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = _secret("room-password")
c.SharedPasswordAuthenticator.admin_password = _secret("instructor-password")
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = True
c.Authenticator.username_pattern = USERNAME_PATTERN


async def _make_account(authenticator, handler, authentication):
    name = authentication["name"]
    try:
        groups = engine_for(name, room).extra_groups()
    except EngineFailed as error:
        raise web.HTTPError(503, str(error)) from error
    # useradd takes a moment: not on the hub's event loop, which serves everyone else.
    await asyncio.to_thread(ensure_learner_account, name, groups)
    return authentication


c.Authenticator.post_auth_hook = _make_account

# Each learner's server runs as their own account, from the room's course environment,
# opened on their copy of the course's index.
c.JupyterHub.spawner_class = RoomSpawner
c.Spawner.cmd = [str(room.learner_venv / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{COURSE_FOLDER}/index.ipynb"
# Engine, base image and JupyterLab: the first start of thirty at once takes a while.
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 120
# How soon the hub notices a server that ended by itself, and so stops its engine.
c.Spawner.poll_interval = 10

c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [
    str(room.room_dir / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")
]
# Stopping the room stops every learner's server, and so their engines.
c.JupyterHub.cleanup_servers = True
# The hub's and the proxy's own ports follow the room's, so two rooms (or a room and a
# test) on one machine do not collide.
public_port = int(os.environ.get("LAYERLAB_ROOM_PORT", "8000"))
c.JupyterHub.hub_port = int(os.environ.get("LAYERLAB_ROOM_HUB_PORT", public_port + 1))
api_port = int(os.environ.get("LAYERLAB_ROOM_PROXY_API_PORT", public_port + 2))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{api_port}"
view_port = int(os.environ.get("LAYERLAB_ROOM_VIEW_PORT", public_port + 3))

# The instructor's view (workshop/room_view), at /services/room-view/. The hub guards it:
# only the instructor role may open it. Learners' kernels report their checkpoints to it
# with their own token, which tells the view who they are.
view = {
    "name": "room-view",
    "display": True,
    "oauth_no_confirm": True,
    "url": f"http://127.0.0.1:{view_port}",
    "command": [sys.executable, "-m", "room_view"],
    # It parses what learners send: not as root. workshop/start makes its account, copies it
    # into the course's folder and gives it a folder of its own for the room's progress.
    "user": "layerlab-view",
    "environment": {
        "PYTHONPATH": str(room.course_dir),
        "LAYERLAB_ROOM_VIEW_STATE": str(room.room_dir / "view" / "room-view.json"),
        "LAYERLAB_ROOM_COURSE": str(room.course_dir / "notebooks"),
        "LAYERLAB_ROOM_INSTRUCTORS": "instructor",
    },
}
# Admins hold every service's access already; the role is for anyone else the instructor
# adds to the `instructors` group from the admin page: a co-instructor signed in with the
# room's password under their own name.
c.JupyterHub.load_groups = {"instructors": {"users": ["instructor"]}}
c.JupyterHub.load_roles = [
    {
        "name": "instructor",
        "description": "Sees the room's progress in the instructor's view",
        "scopes": ["access:services!service=room-view"],
        "groups": ["instructors"],
    },
    {
        "name": "room-view",
        "description": "The view reads who is in the room and when they were last active",
        "scopes": [
            "list:users",
            "read:users:name",
            "read:users:activity",
            "read:users:groups",
            "read:servers",
        ],
        "services": ["room-view"],
    },
]
c.Spawner.environment = {
    "LAYERLAB_ROOM_VIEW_URL": f"{view['url']}/services/room-view/api/reports",
}

services = [view]

# The package cache, started and stopped with the hub. devpi-server fetches a file from PyPI
# the first time any learner's build asks for it, and serves its own copy after that.
if room.package_index:
    services.append(
        {
            "name": "package-cache",
            "command": [
                str(room.room_dir / "hub-venv" / "bin" / "devpi-server"),
                f"--serverdir={room.room_dir / 'package-cache'}",
                # Only devpi's root (password in the room's state/) may change the mirror.
                "--restrict-modify=root",
                f"--host={os.environ['LAYERLAB_ROOM_CACHE_HOST']}",
                f"--port={os.environ['LAYERLAB_ROOM_CACHE_PORT']}",
            ],
            # This machine's CA bundle, in case the venue's network inspects TLS.
            "environment": {
                "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
                "REQUESTS_CA_BUNDLE": "/etc/ssl/certs/ca-certificates.crt",
            },
        }
    )
c.JupyterHub.services = services
