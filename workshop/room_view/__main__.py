"""Run the view as the hub starts it: `python -m room_view`, with the hub's service variables.

Also read:
- LAYERLAB_ROOM_VIEW_BIND: the address to listen on (default: the host of the service's URL;
  on Kubernetes 0.0.0.0, since the hub's service name is not an address of the hub's pod);
- LAYERLAB_ROOM_VIEW_STATE: a JSON file that keeps the reports across restarts;
- LAYERLAB_ROOM_COURSE: the course's notebooks folder, or LAYERLAB_ROOM_LESSONS, their names
  (comma-separated): a column per lesson from the start, and reports for no other lesson;
- LAYERLAB_ROOM_INSTRUCTORS: comma-separated names that are not learners.
"""

import asyncio
import logging
import os
import signal
from pathlib import Path
from urllib.parse import urlparse

from .app import MAX_REPORT_BYTES, Room, make_app
from .progress import RoomProgress


def _lessons() -> tuple[str, ...]:
    named = os.environ.get("LAYERLAB_ROOM_LESSONS", "")
    if named:
        return tuple(sorted(lesson.strip() for lesson in named.split(",") if lesson.strip()))
    folder = Path(os.environ.get("LAYERLAB_ROOM_COURSE") or "/nonexistent")
    return tuple(sorted(notebook.stem for notebook in folder.glob("[0-9][0-9]_*.ipynb")))


async def main() -> None:
    # Into the hub's own output, where an instructor looks when something is wrong.
    logging.basicConfig(level=logging.INFO, format="[room-view] %(levelname)s %(message)s")
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    state = os.environ.get("LAYERLAB_ROOM_VIEW_STATE")
    progress = RoomProgress.load(Path(state) if state else None, _lessons())
    instructors = os.environ.get("LAYERLAB_ROOM_INSTRUCTORS", "instructor")
    room = Room(progress, frozenset(name.strip() for name in instructors.split(",")))
    server = make_app(room).listen(
        url.port,
        os.environ.get("LAYERLAB_ROOM_VIEW_BIND", url.hostname),
        max_body_size=MAX_REPORT_BYTES,
    )
    # The hub stops a service with SIGINT, then SIGTERM; Ctrl-C reaches the whole room too.
    # Either way: stop listening, let open pages go, and exit at once.
    stopping = asyncio.Event()
    for ending in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(ending, stopping.set)
    await stopping.wait()
    server.stop()
    await room.close()
    await asyncio.wait_for(server.close_all_connections(), timeout=5)


asyncio.run(main())
