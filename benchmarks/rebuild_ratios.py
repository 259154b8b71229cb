"""How much the reordered Dockerfile saves, measured as ratios within one run.

    python benchmarks/rebuild_ratios.py [--fresh] [--repeat N]

Each run is the article's experiment on the sample app (`helpers.compare`): both
Dockerfiles built, one line of source/app.py changed, both rebuilt. Times from one run are
compared with each other only, since this machine's speed varies from run to run.
Targets (the foundation issue): the reordered rebuild at least 20 times faster, and writing
at least 10,000 times fewer new bytes. Exits 1 when a run misses one.
"""

from __future__ import annotations

import argparse
import sys

import helpers

SPEEDUP_TARGET = 20
BYTES_TARGET = 10_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="first builds ignore the cache")
    parser.add_argument("--repeat", type=int, default=1, metavar="N")
    args = parser.parse_args()

    missed = False
    for run in range(1, args.repeat + 1):
        comparison = helpers.compare(fresh=args.fresh, progress=None)
        common = comparison.variant("Dockerfile.common")
        reordered = comparison.variant("Dockerfile.reordered")
        speedup = common.rebuild_s / reordered.rebuild_s
        fewer_bytes = common.rebuild_new_bytes / max(reordered.rebuild_new_bytes, 1)
        missed |= speedup < SPEEDUP_TARGET or fewer_bytes < BYTES_TARGET
        print(
            f"run {run}: first builds {common.first_build_s:.1f} s / "
            f"{reordered.first_build_s:.1f} s; rebuild common {common.rebuild_s:.2f} s "
            f"({common.rebuild_new_bytes:,} new bytes, {common.steps_cached}/"
            f"{common.steps_total} cached), reordered {reordered.rebuild_s:.2f} s "
            f"({reordered.rebuild_new_bytes:,} new bytes, {reordered.steps_cached}/"
            f"{reordered.steps_total} cached)"
        )
        print(
            f"        reordered rebuild {speedup:.0f}x faster (target {SPEEDUP_TARGET}x), "
            f"{fewer_bytes:,.0f}x fewer new bytes (target {BYTES_TARGET:,}x)"
        )
    print(
        f"engine {comparison.engine.version}, {comparison.engine.cpus} CPUs, "
        f"base image {comparison.base_image}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
