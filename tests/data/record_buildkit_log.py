"""Record a real BuildKit build for the pure tests: what the CLI wrote, and (when it succeeds)
the image's history and RootFS layer digests.

    python tests/data/record_buildkit_log.py STYLE CONTEXT DOCKERFILE OUT.json [BASE_IMAGE]

STYLE is `rawjson` (`docker buildx build`, buildx 0.13 here) or `plain` (Debian's 20.10 CLI,
`DOCKER_BUILDKIT=1 /usr/bin/docker build`). The Dockerfile goes in on stdin with the course's
LABEL appended, as the helpers send it. DOCKER_HOST chooses the engine.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import docker

style, context, dockerfile, out = sys.argv[1:5]
base = sys.argv[5] if len(sys.argv) > 5 else "layerlab/base:bookworm"
text = (Path(context) / dockerfile).read_text().rstrip("\n") + "\nLABEL org.layerlab.course=1\n"
with tempfile.TemporaryDirectory() as scratch:
    iidfile = Path(scratch) / "id"
    if style == "rawjson":
        command = ["docker", "buildx", "build", "--load"]
        environment = dict(os.environ)
    else:
        command = ["/usr/bin/docker", "build"]
        environment = dict(os.environ, DOCKER_BUILDKIT="1")
    command += ["--progress", style, "--network", "host", "--iidfile", str(iidfile), "-f", "-"]
    command += ["--build-arg", f"BASE_IMAGE={base}", context]
    done = subprocess.run(command, input=text.encode(), capture_output=True, env=environment)
    recording = {
        "style": style,
        "dockerfile": text,
        "exit_code": done.returncode,
        "output": (done.stdout + done.stderr).decode(),
    }
    if done.returncode == 0:
        image = docker.from_env().images.get(iidfile.read_text().strip())
        recording["image_id"] = image.id
        recording["history"] = image.history()
        recording["rootfs_layers"] = image.attrs["RootFS"]["Layers"]
with open(out, "w") as handle:
    json.dump(recording, handle, indent=1)
