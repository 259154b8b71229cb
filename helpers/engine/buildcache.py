"""BuildKit's build cache: finding the records one build made, and forgetting only those.

`docker builder prune` empties the whole cache, a learner's included. The course never does:
its builds start with a step whose text holds a marker no one else writes, every later
record descends from that step's record, and only that family is pruned.
"""

from __future__ import annotations

import docker

from ..replay.recordable import recordable
from .connection import connect


def _parents(record: dict) -> list[str]:
    # Engines before API 1.42 name one Parent; later ones a list of Parents, which Docker 26
    # sends under the key " Parents" (a space in moby's JSON tag).
    parents = list(record.get("Parents") or record.get(" Parents") or ())
    if record.get("Parent"):
        parents.append(record["Parent"])
    return parents


def records_descending_from(records: list[dict], marker: str) -> list[dict]:
    """The records whose description holds `marker`, and every record made on top of them."""
    children: dict[str, list[dict]] = {}
    for record in records:
        for parent in _parents(record):
            children.setdefault(parent, []).append(record)
    family = [record for record in records if marker in (record.get("Description") or "")]
    seen = {record["ID"] for record in family}
    for record in family:  # grows while it is walked: children, then theirs
        for child in children.get(record["ID"], ()):
            if child["ID"] not in seen:
                seen.add(child["ID"])
                family.append(child)
    return family


@recordable
def forget_build_cache(marker: str, client: docker.DockerClient | None = None) -> int:
    """Prune the build-cache records descending from the step that holds `marker`, newest
    first, as a fresh CI runner would not have them. Returns the bytes reclaimed."""
    client = connect(client)
    family = records_descending_from(client.df().get("BuildCache") or [], marker)
    reclaimed = 0
    for record in reversed(family):
        # all=True: without it the engine prunes only records it thinks are dangling.
        reply = client.api.prune_builds(filters={"id": [record["ID"]]}, all=True)
        reclaimed += int((reply or {}).get("SpaceReclaimed") or 0)
    return reclaimed
