"""JSON for every result: results are recorded on one machine and replayed on another."""

from __future__ import annotations

import json
from typing import Any, TypeVar

import cattrs

_converter = cattrs.Converter()

T = TypeVar("T", bound="JsonSerializable")


class JsonSerializable:
    """Mixin for frozen dataclasses: `to_dict`/`to_json` and their inverses."""

    def to_dict(self) -> dict[str, Any]:
        return _converter.unstructure(self)

    def to_json(self, **dumps_kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **dumps_kwargs)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _converter.structure(data, cls)

    @classmethod
    def from_json(cls: type[T], text: str) -> T:
        return cls.from_dict(json.loads(text))
