"""Checkpoints reported to the instructor's view, when a lesson runs in a workshop room.

The room's hub gives each learner's server LAYERLAB_ROOM_VIEW_URL, and JupyterHub gives it
JUPYTERHUB_API_TOKEN, the learner's own token: the view learns who sent a report from the
token, never from the report. Anywhere else (a laptop, Binder, CI) the address is unset and
nothing is sent. A learner could send a made-up report with their own token: the view shows
progress, it does not grade.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import urllib.request

from ..replay import session
from ..results.checkpoint import Checkpoint

VIEW_URL_ENV = "LAYERLAB_ROOM_VIEW_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
# Per checkpoint: a view that is slow or gone must not hold up a lesson for long.
_TIMEOUT_S = 3.0


def report_checkpoint(checkpoint: Checkpoint) -> bool:
    """Send one checkpoint to the room's view; whether it was taken. Never raises.

    A checkpoint made outside any lesson function goes under the lesson being run, if any."""
    url, token = os.environ.get(VIEW_URL_ENV), os.environ.get(TOKEN_ENV)
    lesson = checkpoint.lesson or session.current().lesson
    if not url or not token or not lesson:
        return False
    try:
        report = dataclasses.replace(
            checkpoint,
            lesson=lesson,
            mode=session.mode(),
            # A figure may come as numpy's or Decimal's number: JSON knows floats.
            measured={name: float(value) for name, value in checkpoint.measured.items()},
        )
        request = urllib.request.Request(
            url,
            data=report.to_json().encode(),
            method="POST",
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as reply:
            return 200 <= reply.status < 300
    except (OSError, ValueError, TypeError, http.client.HTTPException):
        # The learner's lesson goes on: the view is the instructor's aid, not the learner's.
        return False
