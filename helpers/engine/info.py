"""Which engine answered: its version, storage driver and size."""

from __future__ import annotations

import docker

from ..replay.recordable import recordable
from ..results.experiment import EngineInfo
from .connection import connect


@recordable
def engine_info(client: docker.DockerClient | None = None) -> EngineInfo:
    client = connect(client)
    info = client.info()
    version = client.version()
    return EngineInfo(
        version=str(version.get("Version", "unknown")),
        api_version=str(version.get("ApiVersion", "unknown")),
        os=str(info.get("OperatingSystem", "unknown")),
        storage_driver=str(info.get("Driver", "unknown")),
        cpus=int(info.get("NCPU", 0)),
        memory_bytes=int(info.get("MemTotal", 0)),
        containerd_store=uses_containerd_store(info),
    )


def uses_containerd_store(info: dict) -> bool:
    """`docker info` lists the snapshotter as the driver type on the containerd store."""
    return any(
        isinstance(pair, list | tuple) and len(pair) == 2 and "snapshotter" in str(pair[1])
        for pair in info.get("DriverStatus") or ()
    )
