"""Each example project's rebuild after a one-line code change, as written and rewritten.

    python benchmarks/fix_examples.py [--builder classic|buildkit] [--json]

For every project in `helpers.EXAMPLE_PROJECTS`, in one run: `verify_fix` builds the
Dockerfile as written and its rewrite (`lint --fix`), checks they make the same image, adds
one line to a source file and rebuilds both. The table gives each rebuild's time, the steps
it took from the cache and the bytes of new layers it wrote, and the ratios. Times are of one
run on one machine: compare within a row, not across machines.
"""

from __future__ import annotations

import argparse
import json
import sys

import helpers
from helpers.results.units import human_bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", default=None, help="classic or buildkit (default: auto)")
    parser.add_argument("--json", action="store_true", help="one JSON object per project")
    arguments = parser.parse_args()
    failed = False
    header = (
        f"{'project':<12} {'same image':<10} {'rebuild s':>16} {'steps reused':>14} "
        f"{'new bytes':>24} {'time':>6} {'bytes':>8}"
    )
    if not arguments.json:
        print(header)
    for name, folder in helpers.EXAMPLE_PROJECTS.items():
        verdict = helpers.verify_fix(
            folder / "Dockerfile", builder=arguments.builder, progress=None
        )
        failed |= not verdict.same_image
        if arguments.json:
            print(json.dumps({"project": name, **verdict.summary()}))
            continue
        time_ratio = verdict.rebuild_before_s / max(verdict.rebuild_after_s, 1e-3)
        bytes_ratio = verdict.new_bytes_before / max(verdict.new_bytes_after, 1)
        print(
            f"{name:<12} {'yes' if verdict.same_image else 'NO':<10} "
            f"{verdict.rebuild_before_s:>7.1f} → {verdict.rebuild_after_s:>5.1f} "
            f"{verdict.reused_before:>3}/{verdict.steps_before} → "
            f"{verdict.reused_after}/{verdict.steps_after} "
            f"{human_bytes(verdict.new_bytes_before):>11} → "
            f"{human_bytes(verdict.new_bytes_after):>9} "
            f"{time_ratio:>5.1f}x {bytes_ratio:>7.0f}x"
        )
    if not arguments.json:
        print(f"builder: {verdict.builder}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
