"""What a built image's web app answered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .serialize import JsonSerializable


@dataclass(frozen=True)
class AppReply(JsonSerializable):
    status: int
    body: str
    seconds: float
    container: str = ""
    """The name of the container that ran the app (removed since)."""

    def json(self) -> Any:
        return json.loads(self.body)
