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
from ..results.leaks import ValueSearch
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


UPDATE_RERUNS = ("yes: it fetches fresh lists", "no: it comes from the cache")


def update_reruns(asked: PredictionQuestion, rebuild: BuildResult) -> Guess:
    """Whether `RUN apt-get update`, alone on its line, ran again when the install changed."""
    update = rebuild.step("RUN apt-get update")
    return reveal_prediction(
        asked,
        UPDATE_RERUNS[1 if update.cached else 0],
        "A RUN's cache key is its text and its parent, never what it would fetch: the "
        "update's text did not change, so its old lists came back from the cache.",
    )


CHOWN_COST = ("about the same", "bigger by about the files' size", "bigger by twice their size")


def chown_cost(
    asked: PredictionQuestion, chowned: BuildResult, copied: BuildResult, files_bytes: int
) -> Guess:
    """How much bigger `COPY` then `RUN chown -R` makes the image than `COPY --chown`."""
    extra = chowned.size_bytes - copied.size_bytes
    measured = CHOWN_COST[0 if extra < files_bytes / 2 else 1 if extra < 1.5 * files_bytes else 2]
    return reveal_prediction(
        asked,
        measured,
        f"{human_bytes(extra)} bigger, for {human_bytes(files_bytes)} of files: changing a "
        "file's owner writes the whole file again, into the chown's own layer.",
    )


STILL_THERE = ("yes", "no")


def token_still_there(asked: PredictionQuestion, search: ValueSearch) -> Guess:
    """Whether the token could be read back from the image after the RUN that deleted it."""
    places = sorted({item.place for item in search.sightings})
    return reveal_prediction(
        asked,
        STILL_THERE[0 if search.found else 1],
        f"Found in {len(search.sightings)} places ({', '.join(places) or 'none'}): a file "
        "deleted by a later RUN is still stored in the layer that wrote it.",
    )
