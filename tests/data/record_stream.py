"""Record a real build for the pure tests: its raw stream chunks, and (when it succeeds) the
image's history and RootFS layer digests.

    python tests/data/record_stream.py CONTEXT DOCKERFILE OUT.json [BASE_IMAGE]

The recordings in this folder were made with it on dockerd 20.10 (classic builder), with the
course label the helpers add: `*-before.json` is the first build of a scratch copy of the
sample app, `*-rebuild.json` the build after one line was added to its source/app.py.
"""

import json
import sys

import docker

context, dockerfile, out = sys.argv[1:4]
base = sys.argv[4] if len(sys.argv) > 4 else "layerlab/base:bookworm"
client = docker.from_env()
chunks = list(
    client.api.build(
        path=context,
        dockerfile=dockerfile,
        buildargs={"BASE_IMAGE": base},
        labels={"org.layerlab.course": "1"},
        network_mode="host",
        rm=True,
        forcerm=True,
        decode=True,
    )
)
recording = {"chunks": chunks}
built = [chunk["aux"]["ID"] for chunk in chunks if "ID" in chunk.get("aux", {})]
if built:
    image = client.images.get(built[-1])
    recording["history"] = image.history()
    recording["rootfs_layers"] = image.attrs["RootFS"]["Layers"]
with open(out, "w") as handle:
    json.dump(recording, handle, indent=1)
