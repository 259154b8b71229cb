"""The instructor's view of the room: a JupyterHub service, guarded by the hub.

- `GET  PREFIX`             the page (instructors only, through the hub's OAuth);
- `GET  PREFIX/api/room`    what the page draws, as JSON (instructors only);
- `GET  PREFIX/api/events`  the same, again on every change (server-sent events);
- `POST PREFIX/api/reports` a checkpoint, from a learner's kernel, with the learner's token.

Who may look is the hub's business: the instructor role holds
`access:services!service=NAME`, and learners do not. Who sent a report is the hub's answer
for the token that came with it, never a name in the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, web
from tornado.iostream import StreamClosedError

from .progress import BadReport, RoomProgress

PAGE = Path(__file__).with_name("page.html")
# How often an open page hears the hub's idea of last activity, with no report in between.
ACTIVITY_REFRESH_S = 15.0


class Room:
    """The progress, the hub's users, and the pages waiting for the next change."""

    def __init__(self, progress: RoomProgress, instructors: frozenset[str]):
        self.progress = progress
        self.instructors = instructors
        self.changed = asyncio.Condition()
        self.users: list[dict] = []
        self.closing = False

    async def refresh_users(self) -> None:
        api = os.environ["JUPYTERHUB_API_URL"]
        reply = await httpclient.AsyncHTTPClient().fetch(
            url_path_join(api, "users"),
            headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"},
            raise_error=False,
        )
        if reply.code == 200:
            self.users = json.loads(reply.body)

    def snapshot(self) -> dict:
        return self.progress.snapshot(self.users, self.instructors)

    async def announce(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def close(self) -> None:
        """Let every open page's stream end."""
        self.closing = True
        await self.announce()


class _InstructorsOnly(HubOAuthenticated, web.RequestHandler):
    @property
    def room(self) -> Room:
        return self.settings["room"]


class PageHandler(_InstructorsOnly):
    @web.authenticated
    def get(self):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        # The page's EventSource cannot send headers, and the hub's auth accepts a cookie on
        # a script's request only with the XSRF token: the page carries it in the address.
        self.write(PAGE.read_text().replace("{{xsrf}}", self.xsrf_token.decode()))


class SnapshotHandler(_InstructorsOnly):
    @web.authenticated
    async def get(self):
        await self.room.refresh_users()
        self.write(self.room.snapshot())


class EventsHandler(_InstructorsOnly):
    """Server-sent events: the page's EventSource reconnects by itself if the line drops."""

    @web.authenticated
    async def get(self):
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        # A proxy that buffers would hold the events back: ask it not to.
        self.set_header("X-Accel-Buffering", "no")
        room = self.room
        try:
            while not room.closing:
                await room.refresh_users()
                self.write(f"data: {json.dumps(room.snapshot())}\n\n")
                await self.flush()
                async with room.changed:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(room.changed.wait(), ACTIVITY_REFRESH_S)
        except StreamClosedError:
            return


class ReportsHandler(web.RequestHandler):
    """A learner's checkpoint. Not HubOAuthenticated: learners may not see the view, but they
    may tell it what they did, and their token says who they are."""

    def check_xsrf_cookie(self):
        # Token-authenticated, never cookie-authenticated: nothing for a forged form to ride on.
        return

    async def post(self):
        room: Room = self.settings["room"]
        token = self.request.headers.get("Authorization", "").removeprefix("token ").strip()
        hub_auth = self.settings["hub_auth"]
        user = await hub_auth.user_for_token(token, sync=False) if token else None
        if not user or user.get("kind", "user") != "user":
            raise web.HTTPError(403, "A report needs the learner's own JupyterHub token.")
        try:
            body = json.loads(self.request.body or b"null")
            room.progress.add(user["name"], body)
        except (BadReport, json.JSONDecodeError) as error:
            raise web.HTTPError(400, f"Not a checkpoint report: {error}") from error
        await room.announce()
        self.set_status(204)


def make_app(room: Room) -> web.Application:
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    hub_auth = HubOAuth(api_token=os.environ["JUPYTERHUB_API_TOKEN"], cache_max_age=60)
    return web.Application(
        [
            (prefix.rstrip("/"), web.RedirectHandler, {"url": prefix}),
            (prefix, PageHandler),
            (url_path_join(prefix, "api/room"), SnapshotHandler),
            (url_path_join(prefix, "api/events"), EventsHandler),
            (url_path_join(prefix, "api/reports"), ReportsHandler),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        cookie_secret=os.urandom(32),
        hub_auth=hub_auth,
        room=room,
    )
