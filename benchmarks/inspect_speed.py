"""How fast, and in how little memory, the helpers read an image's layer contents.

    python benchmarks/inspect_speed.py [--image IMAGE] [--rounds N]

Reading is compared with the floor: receiving the same `docker save` stream and throwing it
away. Each is timed inside its own fresh process, alternately, and the median of the
ratios is reported (this machine's speed varies between runs, less within one). Peak
memory is the reading process's maximum resident size, interpreter included.
Targets (the layer-contents issue): at most 1.5 times the floor, under 200 MB.
By default it reads the sample app's image, building it first if needed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

import helpers

RATIO_TARGET, MEMORY_TARGET_MB = 1.5, 200

_MEASURE = """
import json, resource, sys, time
from helpers.engine.saving import read_image_contents, stream_save_to_nowhere
image, what = sys.argv[1], sys.argv[2]
started = time.perf_counter()
if what == "read":
    contents = read_image_contents(image)
    files = sum(len(layer.added) + len(layer.changed) for layer in contents.layers)
else:
    stream_save_to_nowhere(image)
    files = 0
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "files": files}))
"""


def measure(image: str, what: str) -> dict:
    reply = subprocess.run(
        [sys.executable, "-c", _MEASURE, image, what], check=True, capture_output=True, text=True
    )
    return json.loads(reply.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", help="default: the sample app's reordered image")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    image = args.image
    if image is None:
        image = "layerlab/reordered:benchmark"
        helpers.build("Dockerfile.reordered", helpers.SAMPLE_APP, tag=image, progress=None)

    measure(image, "save")  # warm the engine's and the kernel's caches first
    ratios, peaks = [], []
    for round_number in range(1, args.rounds + 1):
        floor = measure(image, "save")
        read = measure(image, "read")
        ratios.append(read["seconds"] / floor["seconds"])
        peaks.append(read["peak_mb"])
        print(
            f"round {round_number}: save to nowhere {floor['seconds']:.2f} s, read "
            f"{read['seconds']:.2f} s ({read['files']:,} files), ratio {ratios[-1]:.2f}, "
            f"peak {read['peak_mb']:.0f} MB"
        )
    ratio, peak = statistics.median(ratios), max(peaks)
    print(
        f"{image}: median ratio {ratio:.2f} (target <= {RATIO_TARGET}), "
        f"peak memory {peak:.0f} MB (target < {MEMORY_TARGET_MB} MB)"
    )
    return 0 if ratio <= RATIO_TARGET and peak < MEMORY_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
