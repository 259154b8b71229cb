"""What pip fetched in a build step, read from the step's own output."""

from __future__ import annotations

import re

from ..results.build import Step
from ..results.buildkit import PipDownloads

# `  Downloading numpy-2.1.3-...whl (16.3 MB)`; pip 23 and later print the size so.
_DOWNLOADING = re.compile(r"^\s*Downloading \S+ \((?P<size>[0-9.]+) (?P<unit>[kMG]?B)\)")
# pip's HTTP cache (`Using cached NAME`), or `pip download` finding the file in its folder.
_FROM_CACHE = re.compile(r"^\s*(Using cached \S+|File was already downloaded \S+)")
_UNITS = {"B": 1, "kB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}


def pip_downloads(step: Step) -> PipDownloads:
    """Files and bytes pip downloaded in `step` (built with `keep_log=True`), and the files
    it found already downloaded instead."""
    files = cached = size = 0
    for line in step.output:
        downloading = _DOWNLOADING.match(line)
        if downloading:
            files += 1
            size += round(float(downloading["size"]) * _UNITS[downloading["unit"]])
        elif _FROM_CACHE.match(line):
            cached += 1
    return PipDownloads(files, size, cached)
