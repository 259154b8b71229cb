"""The instructor's view of a workshop room: who has passed which lesson's checkpoints.

`progress` is the room's state, plain data (tested without a hub); `app` serves it as a
JupyterHub service (`python -m room_view`, started by the hub).
"""

from .progress import BadReport, Report, RoomProgress

__all__ = ["BadReport", "Report", "RoomProgress"]
