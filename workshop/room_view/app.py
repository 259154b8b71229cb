"""The instructor's view of the room: a JupyterHub service, guarded by the hub.

- `GET  PREFIX`             the page (instructors only, through the hub's OAuth);
- `GET  PREFIX/api/room`    what the page draws, as JSON (instructors only);
- `GET  PREFIX/api/events`  the same, again on every change (server-sent events);
- `POST PREFIX/api/reports` a checkpoint, from a learner's kernel, with the learner's token;
- `GET  PREFIX/api/alive`   204 while the view runs (for a page waiting to sign in again).

Who may look is the hub's business: `access:services!service=NAME`, which the hub's admins
and the `instructor` role (the `instructors` group) hold, and learners do not. Who sent a
report is the hub's answer for the token that came with it, never a name in the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path
from urllib.parse import urlencode

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, web
from tornado.iostream import StreamClosedError

from .progress import RoomProgress

PAGE = Path(__file__).with_name("page.html")
# How often an open page hears the hub's idea of last activity, with no report in between.
ACTIVITY_REFRESH_S = 15.0
# The hub's largest page of users (JupyterHub's api_page_max_limit).
USERS_A_PAGE = 200
# A report is a few hundred bytes; anything much bigger is not one.
MAX_REPORT_BYTES = 64 * 1024


class Room:
    """The progress, the hub's users, and the pages waiting for the next change."""

    def __init__(self, progress: RoomProgress, instructors: frozenset[str]):
        self.progress = progress
        self.instructors = instructors
        self.changed = asyncio.Condition()
        self.version = 0
        """Counts changes: a page waits for a version it has not drawn, so a report that
        lands while the page's last snapshot is on its way is not missed."""
        self.users: list[dict] = []
        self.closing = False

    async def refresh_users(self) -> None:
        """The hub's users, page by page: a big room has more than one page of them."""
        api, users = os.environ["JUPYTERHUB_API_URL"], []
        client = httpclient.AsyncHTTPClient()
        while True:
            query = urlencode({"offset": len(users), "limit": USERS_A_PAGE})
            try:
                reply = await client.fetch(
                    url_path_join(api, "users") + f"?{query}",
                    headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"},
                )
            except (OSError, httpclient.HTTPClientError):
                return  # keep the last list: the page still has the reports
            page = json.loads(reply.body)
            users.extend(page)
            if len(page) < USERS_A_PAGE:
                break
        self.users = users

    def snapshot(self) -> dict:
        return self.progress.snapshot(self.users, self.instructors)

    async def announce(self) -> None:
        async with self.changed:
            self.version += 1
            self.changed.notify_all()

    async def next_change(self, seen: int, timeout: float) -> None:
        """Until a change after version `seen`, closing, or `timeout` seconds."""
        async with self.changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self.changed.wait_for(lambda: self.version != seen or self.closing),
                    timeout,
                )

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
                seen = room.version
                await room.refresh_users()
                self.write(f"data: {json.dumps(room.snapshot())}\n\n")
                await self.flush()
                await room.next_change(seen, ACTIVITY_REFRESH_S)
        except StreamClosedError:
            return


class AliveHandler(web.RequestHandler):
    """Whether the view answers, for an open page waiting to sign in again after a restart:
    a script's request cannot follow the hub's sign-in, a page's reload can. Says nothing
    else, so it needs no sign-in."""

    def get(self):
        self.set_status(204)


class ReportsHandler(web.RequestHandler):
    """A learner's checkpoint. Not HubOAuthenticated: learners may not see the view, but they
    may tell it what they did, and their token says who they are."""

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
        except (ValueError, RecursionError) as error:
            # BadReport, and JSON that is not JSON, not UTF-8, or nested past all reason.
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
            (url_path_join(prefix, "api/alive"), AliveHandler),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        # A new secret at each start: an open page then signs in again (page.html reloads).
        cookie_secret=os.urandom(32),
        hub_auth=hub_auth,
        room=room,
    )
