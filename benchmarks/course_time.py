"""How long the whole course takes to run, cold and then warm.

    python benchmarks/course_time.py

Cold: the course's images removed first (`helpers.cleanup()`, which removes only what the
course built, so the build cache of the sample app is gone too); the base image stays.
Warm: the same run again straight after. Each run is every notebook top to bottom under
nbval, as CI runs them. Targets (the course issue): under 10 minutes cold, 3 minutes warm.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import helpers

REPO = Path(__file__).resolve().parent.parent
COLD_TARGET_S, WARM_TARGET_S = 600, 180


def run_course() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval-lax", "--nbval-current-env", "notebooks"],
        cwd=REPO,
        check=True,
    )
    return time.perf_counter() - started


def main() -> int:
    report = helpers.cleanup()
    print(f"cold start: removed {len(report.removed_images)} course images")
    cold = run_course()
    warm = run_course()
    print(
        f"course cold {cold:.0f} s (target {COLD_TARGET_S} s), "
        f"warm {warm:.0f} s (target {WARM_TARGET_S} s)"
    )
    return 0 if cold < COLD_TARGET_S and warm < WARM_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
