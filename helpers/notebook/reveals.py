"""Each lesson's predictions: the choices a question offers, and which of them this run's
measurement makes right. `helpers.reveals.NAME(...)` in the notebooks."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..dockerfile.reading import read_dockerfile
from ..results.build import BuildResult
from ..results.contents import LayerContents
from ..results.experiment import Comparison
from ..results.guess import Guess
from ..results.units import human_bytes
from .predictions import PredictionQuestion, reveal_prediction

NOTHING_RAN = "none: every step from the cache"


def one_line(instruction: str) -> str:
    """An instruction as one line, its continuations and runs of spaces folded."""
    return " ".join(instruction.split())


def step_choices(dockerfile: str | os.PathLike[str]) -> list[str]:
    """The Dockerfile's steps, as choices for "which step is the first to run again?"."""
    steps = [
        one_line(f"{step.keyword} {step.value}")
        for step in read_dockerfile(dockerfile)
        if step.keyword not in ("ARG",)
    ]
    return [*dict.fromkeys(steps), NOTHING_RAN]


def first_miss(asked: PredictionQuestion, rebuild: BuildResult) -> Guess:
    step = rebuild.first_rebuilt_step
    # The builder's words for the step (as its log prints it) are the Dockerfile's, on one line.
    return reveal_prediction(
        asked,
        one_line(step.instruction) if step else NOTHING_RAN,
        "The first step whose inputs changed misses the cache: for a COPY, the checksum of the "
        "files it copies. Every step after a miss runs again, since its parent is new.",
    )


SHARE_OF_BYTES = ("about as many", "about half as many", "under 1% as many")


def share_of_bytes(asked: PredictionQuestion, comparison: Comparison) -> Guess:
    """How many new bytes the reordered rebuild wrote, next to the common one's."""
    common = comparison.variant("Dockerfile.common").rebuild_new_bytes
    reordered = comparison.variant("Dockerfile.reordered").rebuild_new_bytes
    share = reordered / common if common else 1.0
    measured = SHARE_OF_BYTES[0 if share > 0.75 else 1 if share > 0.01 else 2]
    return reveal_prediction(
        asked,
        measured,
        f"{human_bytes(reordered)} against {human_bytes(common)}: only the source's COPY wrote "
        "a layer; the libraries' layers came from the cache.",
    )


BIGGER_IMAGE = ("two RUNs (download, then delete)", "one RUN", "the same size")


def bigger_image(asked: PredictionQuestion, two_runs: BuildResult, one_run: BuildResult) -> Guess:
    difference = two_runs.size_bytes - one_run.size_bytes
    measured = BIGGER_IMAGE[0 if difference > 1_000_000 else 1 if difference < -1_000_000 else 2]
    return reveal_prediction(
        asked,
        measured,
        f"{human_bytes(two_runs.size_bytes)} against {human_bytes(one_run.size_bytes)}: the "
        "deleting RUN adds a layer that hides the download; the layer below still holds it.",
    )


LISTS_SIZE = ("under 1 MB", "1 to 50 MB", "over 50 MB")


def lists_size(asked: PredictionQuestion, apt_layers: Mapping[str, LayerContents]) -> Guess:
    """How many bytes of package lists the install's layer keeps when they are not removed."""
    kept = apt_layers["lists"].bytes_under("/var/lib/apt/lists")
    measured = LISTS_SIZE[0 if kept < 1_000_000 else 1 if kept <= 50_000_000 else 2]
    return reveal_prediction(
        asked, measured, f"{human_bytes(kept)} of lists in the layer that did not remove them."
    )


def copy_reruns(asked: PredictionQuestion, touched: BuildResult) -> Guess:
    copy = touched.step("COPY . ")
    return reveal_prediction(
        asked,
        "yes" if not copy.cached else "no",
        "A COPY's cache key is a checksum of every file it copies, read or not by the app.",
    )
