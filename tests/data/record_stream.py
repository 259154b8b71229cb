"""Record the raw chunks of a real build, for the parser's tests.

    python tests/data/record_stream.py CONTEXT DOCKERFILE OUT.json [BASE_IMAGE]

The recordings in this folder were made with it on dockerd 20.10 (classic builder).
"""

import json
import sys

import docker

context, dockerfile, out = sys.argv[1:4]
base = sys.argv[4] if len(sys.argv) > 4 else "layerlab/base:bookworm"
client = docker.from_env()
chunks = list(
    client.api.build(
        path=context, dockerfile=dockerfile, buildargs={"BASE_IMAGE": base},
        labels={"org.layerlab.course": "1"}, network_mode="host", rm=True, forcerm=True,
        decode=True,
    )
)
with open(out, "w") as handle:
    json.dump(chunks, handle, indent=1)
