"""Whose build filled the cache a build came from: the learner's own, the instructor's
warm-up, or another learner's on a shared engine."""

from __future__ import annotations

import docker

from ..replay.recordable import recordable
from ..results.build import BUILT_ORIGIN, CACHED_ORIGIN, BuildResult
from ..results.cache_origin import (
    ANOTHER_LEARNER,
    BUILT_HERE,
    GONE,
    UNKNOWN,
    WARM_UP,
    YOURS,
    CacheOrigin,
)
from .connection import connect
from .learner import WARM_UP_LEARNER, current_learner
from .room import course_images, owner

# Other learners' images looked at, newest first: enough for a room, and bounded, since each
# look is one request to the engine.
_MOST_IMAGES_SEARCHED = 200


@recordable
def cache_origin(result: BuildResult, client: docker.DockerClient | None = None) -> CacheOrigin:
    """How much of `result` came from the cache, and, if most did, whose image holds it."""
    cached = sum(row.size_bytes for row in result.rows if row.origin == CACHED_ORIGIN)
    built = sum(row.size_bytes for row in result.rows if row.origin == BUILT_ORIGIN)
    if cached <= built:
        return CacheOrigin(cached, built, BUILT_HERE)
    heaviest = max(
        (row for row in result.rows if row.origin == CACHED_ORIGIN and not row.metadata_only),
        key=lambda row: row.size_bytes,
    )
    digest = heaviest.layer.diff_id
    if digest is None:
        return CacheOrigin(cached, built, UNKNOWN)
    if digest in result.tag_held_layers:
        return CacheOrigin(cached, built, YOURS, result.tag or "")
    client = connect(client)
    me = current_learner().name
    # The image just built counts only if another tag names it too: then it was there before.
    summaries = [
        summary
        for summary in course_images(client)
        if summary["Id"] != result.image_id or set(summary.get("RepoTags") or []) - {result.tag}
    ]
    summaries.sort(key=lambda summary: summary.get("Created", 0), reverse=True)

    searches = (
        (YOURS, [s for s in summaries if owner(s) == me]),
        (WARM_UP, [s for s in summaries if owner(s) == WARM_UP_LEARNER]),
        (ANOTHER_LEARNER, [s for s in summaries if owner(s) not in (me, WARM_UP_LEARNER)]),
    )
    looked = 0
    for source, candidates in searches:
        for summary in candidates:
            if looked >= _MOST_IMAGES_SEARCHED:
                return CacheOrigin(cached, built, GONE)
            looked += 1
            try:
                layers = client.api.inspect_image(summary["Id"])["RootFS"].get("Layers", [])
            except docker.errors.NotFound:
                continue  # removed since the list was made
            if digest in layers:
                tags = summary.get("RepoTags") or []
                others = [tag for tag in tags if tag != result.tag] or tags
                shown = others[0] if others and source != ANOTHER_LEARNER else ""
                return CacheOrigin(cached, built, source, shown)
    return CacheOrigin(cached, built, GONE)
