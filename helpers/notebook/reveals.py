"""Each lesson's predictions: the choices a question offers, and which of them this run's
measurement makes right. `helpers.reveals.NAME(...)` in the notebooks."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..dockerfile.reading import read_dockerfile
from ..i18n import N_, _
from ..results.build import BuildResult
from ..results.contents import LayerContents
from ..results.experiment import Comparison
from ..results.guess import Guess
from ..results.leaks import ValueSearch
from ..results.units import human_bytes
from .predictions import PredictionQuestion, reveal_prediction

# Translators: a choice beside the Dockerfile's steps, for "which step is the first to run again?".
NOTHING_RAN = N_("none: every step from the cache")


def _band(value: float, *bands: tuple[float, str], above: str) -> str:
    """The choice of the first band whose upper edge `value` does not pass, or `above`: how a
    measurement picks the right one of a question's choices."""
    return next((choice for edge, choice in bands if value <= edge), above)


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
        _(
            "The first step whose inputs changed misses the cache: for a COPY, the checksum of "
            "the files it copies. Every step after a miss runs again, since its parent is new."
        ),
    )


# Translators: the reordered rebuild writes ... new bytes as the common one's.
SHARE_OF_BYTES = (N_("about as many"), N_("about half as many"), N_("under 1% as many"))


def share_of_bytes(asked: PredictionQuestion, comparison: Comparison) -> Guess:
    """How many new bytes the reordered rebuild wrote, next to the common one's."""
    common = comparison.variant("Dockerfile.common").rebuild_new_bytes
    reordered = comparison.variant("Dockerfile.reordered").rebuild_new_bytes
    share = reordered / common if common else 1.0
    measured = _band(
        share, (0.01, SHARE_OF_BYTES[2]), (0.75, SHARE_OF_BYTES[1]), above=SHARE_OF_BYTES[0]
    )
    return reveal_prediction(
        asked,
        measured,
        _(
            "{reordered} against {common}: only the source's COPY wrote a layer; the libraries' "
            "layers came from the cache."
        ).format(reordered=human_bytes(reordered), common=human_bytes(common)),
    )


BIGGER_IMAGE = (N_("two RUNs (download, then delete)"), N_("one RUN"), N_("the same size"))


def bigger_image(asked: PredictionQuestion, two_runs: BuildResult, one_run: BuildResult) -> Guess:
    difference = two_runs.size_bytes - one_run.size_bytes
    measured = _band(
        difference,
        (-1_000_000, BIGGER_IMAGE[1]),
        (1_000_000, BIGGER_IMAGE[2]),
        above=BIGGER_IMAGE[0],
    )
    return reveal_prediction(
        asked,
        measured,
        _(
            "{two_runs} against {one_run}: the deleting RUN adds a layer that hides the download; "
            "the layer below still holds it."
        ).format(
            two_runs=human_bytes(two_runs.size_bytes), one_run=human_bytes(one_run.size_bytes)
        ),
    )


LISTS_SIZE = (N_("under 1 MB"), N_("1 to 50 MB"), N_("over 50 MB"))


def lists_size(asked: PredictionQuestion, apt_layers: Mapping[str, LayerContents]) -> Guess:
    """How many bytes of package lists the install's layer keeps when they are not removed."""
    kept = apt_layers["lists"].bytes_under("/var/lib/apt/lists")
    measured = _band(
        kept, (1_000_000, LISTS_SIZE[0]), (50_000_000, LISTS_SIZE[1]), above=LISTS_SIZE[2]
    )
    return reveal_prediction(
        asked,
        measured,
        _("{size} of lists in the layer that did not remove them.").format(size=human_bytes(kept)),
    )


def copy_reruns(asked: PredictionQuestion, touched: BuildResult) -> Guess:
    copy = touched.step("COPY . ")
    return reveal_prediction(
        asked,
        "yes" if not copy.cached else "no",
        _("A COPY's cache key is a checksum of every file it copies, read or not by the app."),
    )


UPDATE_RERUNS = (N_("yes: it fetches fresh lists"), N_("no: it comes from the cache"))


def update_reruns(asked: PredictionQuestion, rebuild: BuildResult) -> Guess:
    """Whether `RUN apt-get update`, alone on its line, ran again when the install changed."""
    update = rebuild.step("RUN apt-get update")
    return reveal_prediction(
        asked,
        UPDATE_RERUNS[1 if update.cached else 0],
        _(
            "A RUN's cache key is its text and its parent, never what it would fetch: the "
            "update's text did not change, so its old lists came back from the cache."
        ),
    )


CHOWN_COST = (
    N_("about the same"),
    N_("bigger by about the files' size"),
    N_("bigger by twice their size"),
)


def chown_cost(
    asked: PredictionQuestion, chowned: BuildResult, copied: BuildResult, files_bytes: int
) -> Guess:
    """How much bigger `COPY` then `RUN chown -R` makes the image than `COPY --chown`."""
    extra = chowned.size_bytes - copied.size_bytes
    measured = _band(
        extra,
        (files_bytes / 2, CHOWN_COST[0]),
        (1.5 * files_bytes, CHOWN_COST[1]),
        above=CHOWN_COST[2],
    )
    return reveal_prediction(
        asked,
        measured,
        _(
            "{extra} bigger, for {files} of files: changing a file's owner writes the whole file "
            "again, into the chown's own layer."
        ).format(extra=human_bytes(extra), files=human_bytes(files_bytes)),
    )


STILL_THERE = (N_("yes"), N_("no"))


_PLACE_NAMES = {"history": N_("the history"), "config": N_("the config"), "file": N_("a file")}


def token_still_there(asked: PredictionQuestion, search: ValueSearch) -> Guess:
    """Whether the token could be read back from the image after the RUN that deleted it."""
    places = sorted({item.place for item in search.sightings})
    return reveal_prediction(
        asked,
        STILL_THERE[0 if search.found else 1],
        _(
            "Found in {count} places ({places}): a file deleted by a later RUN is still "
            "stored in the layer that wrote it."
        ).format(
            count=len(search.sightings),
            places=", ".join(_(_PLACE_NAMES[place]) for place in places) or _("none"),
        ),
    )
