"""Searching a saved image for a value: its history, its config, and every layer's files,
those deleted by a later layer included."""

from __future__ import annotations

import json
from typing import IO

from ..i18n import _
from ..results.leaks import Sighting, ValueSearch, mask
from ..results.units import short_instruction
from .archive import read_manifest, scan_archive
from .contents import analyse


def search_archive(stream: IO[bytes], value: str, image: str = "") -> ValueSearch:
    """Every place of a saved image (`docker save`, either layout) that holds `value`."""
    if not value:
        raise ValueError(_("Give the value to look for: an empty one is everywhere."))
    archive = scan_archive(stream, looking_for=value.encode())
    _layout, paths, config = read_manifest(archive)
    hidden = {(item.path, item.layer) for item in analyse(archive, image).hidden}
    shown = mask(value)

    def masked(text: str) -> str:
        return short_instruction(text.replace(value, shown), 96)

    # As `docker history` prints it: a RUN's entry starts with the build arguments it saw.
    sightings = [
        Sighting("history", masked(entry["created_by"].replace("/bin/sh -c #(nop) ", "")))
        for entry in config.get("history", [])
        if value in entry.get("created_by", "")
    ]
    # Every setting of the image's config: the environment and labels most often, but a
    # value can as well sit in CMD, ENTRYPOINT, ONBUILD, HEALTHCHECK or USER.
    for key, setting in (config.get("config") or {}).items():
        if key == "Env":
            written = [f"ENV {variable}" for variable in setting or [] if value in variable]
        elif key == "Labels":
            written = [
                f"LABEL {name}={text}"
                for name, text in (setting or {}).items()
                if value in f"{name}={text}"
            ]
        else:
            text = json.dumps(setting)
            written = [f"{key}: {text}"] if value in text else []
        sightings += [Sighting("config", masked(item)) for item in written]
    for index, path in enumerate(paths):
        for file in archive.layers[path].holding:
            sightings.append(Sighting("file", masked(file), index, (file, index) not in hidden))
    return ValueSearch(image=image, masked=shown, sightings=tuple(sightings))
