"""JSON for every result, through one converter: results are recorded on one machine and
replayed on another, and every result type decodes the same way."""

from __future__ import annotations

import base64
import json
from typing import Any, Self

import cattrs

converter = cattrs.Converter()
# Bytes (a file read from an image) travel as base64 text.
converter.register_unstructure_hook(bytes, lambda value: base64.b64encode(value).decode())
converter.register_structure_hook(bytes, lambda value, _kind: base64.b64decode(value))


class JsonSerializable:
    """Mixin for frozen dataclasses: `to_dict`/`to_json` and their inverses."""

    def to_dict(self) -> dict[str, Any]:
        return converter.unstructure(self)

    def to_json(self, **dumps_kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **dumps_kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return converter.structure(data, cls)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return cls.from_dict(json.loads(text))
