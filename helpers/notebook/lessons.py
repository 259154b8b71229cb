"""What each lesson claims, checked against the numbers measured on this run.

A notebook's checkpoint cell is one call to one of these: the learner sees each claim with
the evidence (a ✅ line), and a claim that does not hold stops the notebook, which is how CI
knows a lesson still tells the truth on today's engines. Functions are in lesson order.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..course.sample_app import SAMPLE_APP
from ..dockerfile.prediction import predict
from ..engine.running import read_file_in_image, request_app
from ..image.history import new_layers
from ..results.build import BuildResult
from ..results.buildkit import CacheReuse, PipDownloads
from ..results.contents import ImageContents, LayerContents
from ..results.experiment import Comparison
from ..results.fix import Fix, FixVerdict
from ..results.leaks import ValueSearch
from ..results.setup import SetupReport
from ..results.units import human_bytes
from .checks import checkpoint, checks_for
from .exercise import DockerfileExercise
from .recap import recap_question
from .reveals import one_line

_INSTALL = "RUN pip install -r"


def _same_layers(before: BuildResult, after: BuildResult) -> bool:
    """The same filesystem layers, digest for digest. Not the same image id: BuildKit on the
    containerd store attaches a provenance record with the build's time to every image.
    Where the history gave no digests, the image id decides (the classic builder's is stable)."""
    digests = [layer.diff_id for layer in before.layers if not layer.metadata_only]
    again = [layer.diff_id for layer in after.layers if not layer.metadata_only]
    if None in digests or None in again:
        return before.image_id == after.image_id
    return digests == again


# 01: setup
@checks_for("01_setup_check", 1)
def ready(report: SetupReport) -> None:
    if report.mode == "recorded":
        checkpoint(
            "No engine here: the course runs on a recording of a real run",
            report.ok,
            report.check("Mode").detail,
        )
        return
    checkpoint(
        "This machine is ready for the course",
        report.ok,
        report.problems()
        or f"{report.check('Docker engine').detail}; "
        f"base image {report.check('Base image').detail}",
    )


# 02: what a layer is
@checks_for("02_what_is_a_layer", 1)
def deleting_later_keeps_the_bytes(base: BuildResult, two_runs: BuildResult) -> None:
    writer = next(row for row in two_runs.rows if "/dev/urandom" in row.instruction)
    grew_by = two_runs.size_bytes - base.size_bytes
    checkpoint(
        "Deleting the file in a later RUN did not make the image smaller",
        writer.size_bytes >= 20_000_000 and grew_by >= 20_000_000,
        f"{writer.label} holds {writer.size_bytes:,} bytes; the image is {grew_by:,} bytes "
        "bigger than its base",
    )


@checks_for("02_what_is_a_layer", 1)
def one_run_keeps_it_out(two_runs: BuildResult, one_run: BuildResult) -> None:
    saved = two_runs.size_bytes - one_run.size_bytes
    checkpoint(
        "Writing and deleting in one RUN keeps the 20 MB out of the image",
        saved >= 19_000_000,
        f"{human_bytes(two_runs.size_bytes)} with two RUNs, "
        f"{human_bytes(one_run.size_bytes)} with one: {saved:,} bytes saved",
    )


# 03: the common Dockerfile
@checks_for("03_common_dockerfile", 1)
def common_order_reinstalls(first: BuildResult, second: BuildResult) -> None:
    copy, install = second.step("COPY"), second.step(_INSTALL)
    new_bytes = sum(layer.size_bytes for layer in new_layers(first.layers, second.layers))
    checkpoint(
        "A one-line change made the common Dockerfile reinstall every library",
        not copy.cached and not install.cached and new_bytes > 50_000_000,
        f"{copy.label} (COPY) and {install.label} (pip install) ran again; "
        f"{human_bytes(new_bytes)} of new layers",
    )


# 04: the reordered Dockerfile
@checks_for("04_reordered_dockerfile", 3)
def reordered_reuses_the_install(comparison: Comparison) -> None:
    common = comparison.variant("Dockerfile.common")
    reordered = comparison.variant("Dockerfile.reordered")
    checkpoint(
        "The reordered rebuild reused the dependency install; the common one did not",
        reordered.rebuild.step(_INSTALL).cached and not common.rebuild.step(_INSTALL).cached,
        f"reordered: {reordered.steps_cached} of {reordered.steps_total} steps from the cache; "
        f"common: {common.steps_cached} of {common.steps_total}",
        # The instructor's view shows each learner's ratio: how much faster their rebuild was.
        measured={"rebuild_ratio": common.rebuild_s / max(reordered.rebuild_s, 0.001)},
    )
    checkpoint(
        "The reordered rebuild wrote under 1% of the common one's new bytes",
        reordered.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes,
        f"{reordered.rebuild_new_bytes:,} against {common.rebuild_new_bytes:,} bytes",
    )
    first_miss = reordered.first_miss
    checkpoint(
        "The first step to run again was the last COPY",
        first_miss is not None and first_miss.instruction == "COPY source/ /app/source/",
        f"{first_miss.label}: {first_miss.instruction}" if first_miss else "no step ran",
    )


# 05: try it yourself
@checks_for("05_try_it_yourself", 1)
def requirements_change_reinstalls(after: BuildResult) -> None:
    first_miss = after.first_rebuilt_step
    checkpoint(
        "Changing requirements.txt makes even the reordered Dockerfile reinstall the libraries",
        first_miss is not None and first_miss.instruction.startswith("COPY source/requirements"),
        f"first step to run again: {first_miss.label}, {first_miss.instruction}"
        if first_miss
        else "no step ran again",
    )


# 06: recap
@checks_for("06_recap", 4)
def recap_answers(comparison: Comparison) -> None:
    """The recap's answers, each held against a second source: the predictor (which reads
    the Dockerfiles and builds nothing) for the steps, the new layers themselves for the
    bytes. Then a wrong choice must be refused, and the answer shown on request."""
    common = comparison.variant("Dockerfile.common")
    reordered = comparison.variant("Dockerfile.reordered")
    context = SAMPLE_APP  # the recap is on the sample app, wherever the run was recorded
    for number, dockerfile, changed in (
        (1, common.dockerfile, comparison.changed_path),
        (4, reordered.dockerfile, "source/requirements.txt"),
    ):
        answer = recap_question(number, comparison).answer
        predicted = predict(context, dockerfile, [changed], builder=comparison.builder).first_miss
        checkpoint(
            f"Question {number}'s answer is the step the predictor names too",
            predicted is not None and one_line(predicted.instruction) == answer,
            f"{answer}; the predictor: {predicted.instruction if predicted else 'nothing'}",
        )
    second = recap_question(2, comparison)
    written = sum(layer.size_bytes for layer in reordered.new_layers)
    checkpoint(
        "Question 2's answer matches the new layers the reordered rebuild wrote",
        written == reordered.rebuild_new_bytes
        and (written < 0.01 * common.rebuild_new_bytes) == second.answer.startswith("a few"),
        f"{human_bytes(written)} against {human_bytes(common.rebuild_new_bytes)}: {second.answer}",
    )
    third = recap_question(3, comparison)
    third.buttons.value = third.choices[0]
    checkpoint(
        "A wrong choice is refused, and the answer is shown only on request",
        third.check().startswith("❌") and third.answer in third.reveal(),
        f"{third.choices[0]!r} refused; the answer: {third.answer!r}",
    )


# 07: inside the layers
@checks_for("07_inside_the_layers", 2)
def download_is_invisible(
    inside: ImageContents, two_runs: BuildResult, one_run: BuildResult
) -> None:
    download = next(layer for layer in inside.layers if "pip download" in layer.instruction)
    wheel_bytes = download.bytes_under("/downloads")
    checkpoint(
        "The deleted download still ships: every byte of it is invisible, not gone",
        wheel_bytes > 10_000_000 and inside.invisible_bytes == wheel_bytes,
        f"the wheel is {wheel_bytes:,} bytes; the image hides {inside.invisible_bytes:,} bytes",
    )
    checkpoint(
        "Downloading and deleting in one RUN keeps it out of the image",
        two_runs.size_bytes - one_run.size_bytes >= wheel_bytes,
        f"{human_bytes(two_runs.size_bytes)} with two RUNs, "
        f"{human_bytes(one_run.size_bytes)} with one",
    )


@checks_for("07_inside_the_layers", 1)
def no_cache_dir_keeps_the_cache_out(pip_layers: Mapping[str, LayerContents]) -> None:
    cache_bytes = pip_layers["cache"].bytes_under("/root/.cache/pip")
    checkpoint(
        "--no-cache-dir keeps pip's cache out of the layer",
        cache_bytes > 0 and pip_layers["no cache"].bytes_under("/root/.cache/pip") == 0,
        f"the cache took {cache_bytes:,} bytes ({human_bytes(cache_bytes)}) of the layer",
    )


@checks_for("07_inside_the_layers", 1)
def same_run_cleans_apt_lists(apt_layers: Mapping[str, LayerContents]) -> None:
    lists_bytes = apt_layers["lists"].bytes_under("/var/lib/apt/lists")
    smaller = apt_layers["lists"].size_bytes - apt_layers["clean"].size_bytes
    checkpoint(
        "Cleaning apt's lists in the same RUN keeps them out of the layer",
        lists_bytes > 1_000_000 and apt_layers["clean"].bytes_under("/var/lib/apt/lists") == 0,
        f"the lists took {human_bytes(lists_bytes)}; the cleaned layer is "
        f"{human_bytes(smaller)} smaller",
    )


# 08: multi-stage builds
@checks_for("08_multi_stage", 3)
def multi_stage_leaves_the_tools(images: Mapping[str, BuildResult]) -> None:
    single, removed, multi = (
        images[name] for name in ("single-stage", "tools-removed", "multi-stage")
    )
    tools = next(row for row in single.rows if row.instruction.startswith("RUN apt-get update"))
    checkpoint(
        "Removing the compiler in a later RUN did not make the image smaller",
        removed.size_bytes >= single.size_bytes,
        f"{human_bytes(removed.size_bytes)} against {human_bytes(single.size_bytes)}",
    )
    checkpoint(
        "The multi-stage image is smaller by at least the build tools' size",
        single.size_bytes - multi.size_bytes >= tools.size_bytes,
        f"the tools' layer ({tools.label}) is {tools.size_bytes:,} bytes; the multi-stage "
        f"image is {single.size_bytes - multi.size_bytes:,} bytes smaller",
    )
    checkpoint(
        "The multi-stage image still works",
        request_app(multi.image_id).json()["message"] == "Hello from Layer Lab",
        "its web app answered",
    )


# 09: the build context
@checks_for("09_build_context", 3)
def dockerignore_keeps_the_secret_out(
    leaky_contents: ImageContents,
    fixed_contents: ImageContents,
    leaky: BuildResult,
    fixed: BuildResult,
    fixed_again: BuildResult,
) -> None:
    leaked, kept_out = leaky_contents.layers_with(".env"), fixed_contents.layers_with(".env")
    checkpoint(
        "The secret is in the leaky image and not in the fixed one",
        bool(leaked)
        and not kept_out
        and read_file_in_image(fixed_contents.image, "/app/.env") is None,
        f"leaky: {list(leaked)}; fixed: {list(kept_out) or 'no .env anywhere'}",
    )
    checkpoint(
        "With the right .dockerignore, a touched README rebuilds nothing",
        fixed_again.first_rebuilt_step is None and _same_layers(fixed, fixed_again),
        f"{fixed_again.steps_cached} of {fixed_again.steps_total} steps from the cache",
    )
    checkpoint(
        "The context shrank to what the image needs",
        fixed.context_bytes * 100 < leaky.context_bytes,
        f"{human_bytes(leaky.context_bytes)} before, {human_bytes(fixed.context_bytes)} after",
    )


# 10: the journey
@checks_for("10_the_journey", 2)
def every_reorder_rebuilds_little(journey: Comparison) -> None:
    common = journey.variant("Dockerfile.common")
    others = [variant for variant in journey.variants if variant is not common]
    best = min(journey.variants, key=lambda variant: variant.rebuild.size_bytes)
    checkpoint(
        "Every reordered variant rebuilt with under 1% of the common one's new bytes",
        all(v.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes for v in others),
        ", ".join(f"{v.dockerfile}: {v.rebuild_new_bytes:,}" for v in journey.variants),
    )
    checkpoint(
        "The smallest image is smaller than the common one",
        best.rebuild.size_bytes < common.rebuild.size_bytes,
        f"{best.dockerfile}: {human_bytes(best.rebuild.size_bytes)} against "
        f"{human_bytes(common.rebuild.size_bytes)}",
    )


@checks_for("10_the_journey", 1)
def classic_builder_refuses_buildkit_syntax(refusal: str) -> None:
    checkpoint(
        "The classic builder refuses BuildKit-only syntax",
        "BuildKit" in refusal,
        refusal.splitlines()[0] if refusal else "it built",
    )


# 11: the exercise
@checks_for("11_exercise", 3)
def exercise_judges_both_ways(project: Path) -> None:
    """Judge the exercise's Dockerfile as given (neither part done) and its worked solution
    (both), each in its own scratch copy, showing only the verdicts: never the solution."""
    as_given = DockerfileExercise(project).check()
    checkpoint(
        "The Dockerfile as given reinstalls the dependencies after a code edit, and ships Poetry",
        as_given is not None
        and not as_given.fixed
        and as_given.rebuilt_install_cached is False
        and as_given.predicted_install_cached is False
        and bool(as_given.leftovers),
        f"{as_given.install_label} ran again, as predicted; the image holds "
        f"{' and '.join(as_given.leftovers) or 'no Poetry'}"
        if as_given
        else "it failed",
    )
    solved = DockerfileExercise(project)
    solved.use_solution()
    result = solved.check()
    checkpoint(
        "The worked solution keeps the dependencies in the cache, and the app still works",
        result is not None and result.fixed and result.app_answered,
        f"{result.install_label} came from the cache; the rebuild took {result.rebuild_s:.1f} s"
        if result
        else "it failed",
    )
    checkpoint(
        "and its final image holds neither Poetry nor Poetry's cache",
        result is not None and result.solved,
        "nothing of Poetry in the final image"
        if result and result.solved
        else f"still there: {' and '.join(result.leftovers) if result else 'it failed'}",
    )


# 12: same rules, another builder
@checks_for("12_buildkit", 4)
def same_lesson_on_both_builders(classic: Comparison, buildkit: Comparison) -> None:
    for comparison in (classic, buildkit):
        common = comparison.variant("Dockerfile.common")
        reordered = comparison.variant("Dockerfile.reordered")
        name = "BuildKit" if comparison.builder == "buildkit" else "The classic builder"
        checkpoint(
            f"{name}: the same first miss, and the reordered rebuild reused the install",
            common.first_miss is not None
            and common.first_miss.instruction == "COPY source/ /app/source/"
            and reordered.first_miss is not None
            and reordered.first_miss.instruction == "COPY source/ /app/source/"
            and reordered.rebuild.step(_INSTALL).cached
            and not common.rebuild.step(_INSTALL).cached,
            f"first miss {common.first_miss.label} in the common rebuild, "
            f"{reordered.first_miss.label} in the reordered one"
            if common.first_miss and reordered.first_miss
            else "no step ran again",
        )
        checkpoint(
            f"{name}: the reordered rebuild was faster and wrote under 1% of the new bytes",
            reordered.rebuild_s < common.rebuild_s
            and reordered.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes,
            f"{reordered.rebuild_s:.2f} s against {common.rebuild_s:.2f} s; "
            f"{reordered.rebuild_new_bytes:,} against {common.rebuild_new_bytes:,} bytes",
        )


@checks_for("12_buildkit", 1)
def log_shows_the_cache(rebuild: BuildResult) -> None:
    install = rebuild.step(_INSTALL)
    shown = "\n".join(rebuild.log)
    checkpoint(
        "The log names each step as BuildKit numbers it, and marks the install CACHED",
        rebuild.builder == "buildkit"
        and f"{install.label} {install.instruction}" in shown
        and any(line.endswith("CACHED") for line in rebuild.log),
        f"{install.label} {install.instruction}: from the cache",
    )


@checks_for("12_buildkit", 2)
def unused_stage_skipped(classic: Comparison, buildkit: Comparison) -> None:
    skipped = buildkit.variants[0].rebuild
    ran = classic.variants[0].rebuild
    checkpoint(
        "BuildKit rebuilt nothing after a change only an unused stage copies",
        not skipped.rebuilt_steps and _same_layers(buildkit.variants[0].first_build, skipped),
        f"{skipped.steps_cached} of {skipped.steps_total} steps from the cache, the same layers",
    )
    docs = ran.matching_step("COPY docs/ /docs/")
    checkpoint(
        "The classic builder built the unused stage again",
        docs is not None and not docs.cached,
        f"{docs.label} ({docs.instruction}) ran again" if docs else "it has no such step",
    )


@checks_for("12_buildkit", 2)
def cache_mount_saves_downloads(
    plain: PipDownloads, mounted: PipDownloads, comparison: Comparison
) -> None:
    checkpoint(
        "With a cache mount the rebuild downloaded under a tenth of what it did without",
        plain.downloaded_bytes > 1_000_000
        and mounted.downloaded_bytes < 0.1 * plain.downloaded_bytes,
        f"{human_bytes(mounted.downloaded_bytes)} ({mounted.downloaded_files} files; "
        f"{mounted.cached_files} from pip's cache) against "
        f"{human_bytes(plain.downloaded_bytes)} ({plain.downloaded_files} files)",
    )
    without = comparison.variant("Dockerfile.pip")
    with_mount = comparison.variant("Dockerfile.pip-cache-mount")
    checkpoint(
        "The cache mount kept pip's cache out of the image",
        with_mount.rebuild.size_bytes < without.rebuild.size_bytes,
        f"{human_bytes(with_mount.rebuild.size_bytes)} against "
        f"{human_bytes(without.rebuild.size_bytes)}",
    )


@checks_for("12_buildkit", 1)
def ci_cache_reused(reuse: CacheReuse) -> None:
    checkpoint(
        "A fresh runner reused the previous image's cache and skipped the install",
        reuse.reused and not reuse.cold.step("RUN pip install").cached,
        f"{reuse.warm.steps_cached} of {reuse.warm.steps_total} steps from the imported cache; "
        f"{reuse.warm.seconds:.2f} s against {reuse.cold.seconds:.2f} s with an empty cache",
    )


# 13: your own project
@checks_for("13_your_own_project", 3)
def rewrite_proved(verdict: FixVerdict) -> None:
    checkpoint(
        "The rewrite builds the same image: every file, and the config",
        verdict.same_image,
        verdict.sentence(),
    )
    checkpoint(
        "After the same change, the rewrite's rebuild reused more steps",
        verdict.reused_after > verdict.reused_before,
        f"{verdict.reused_after} of {verdict.steps_after} steps from the cache, against "
        f"{verdict.reused_before} of {verdict.steps_before}",
    )
    checkpoint(
        "and wrote fewer new bytes",
        verdict.new_bytes_after < verdict.new_bytes_before,
        f"{human_bytes(verdict.new_bytes_after)} against {human_bytes(verdict.new_bytes_before)}",
    )


@checks_for("13_your_own_project", 1)
def refusal_explained(fix: Fix) -> None:
    refused = [step for step in fix.steps if not step.rewritten]
    checkpoint(
        "The rewrite left the Dockerfile as it was, and said what to do by hand",
        not fix.changed and bool(refused) and all(step.what for step in refused),
        refused[0].what if refused else "nothing was refused",
    )


# 14: what learners ask next
@checks_for("14_what_learners_ask_next", 2)
def late_arg_keeps_the_cache(early: BuildResult, late: BuildResult) -> None:
    """`early` and `late`: the rebuilds with a new GIT_SHA, its ARG at the top or at the end."""
    install = "RUN pip install"
    checkpoint(
        "With the ARG at the top, a new value ran the install again",
        not early.step(install).cached,
        f"{early.step(install).label}: {early.step(install).seconds:.1f} s; "
        f"{human_bytes(early.written_bytes())} of new layers",
    )
    checkpoint(
        "With the ARG just before the step that uses it, the install came from the cache",
        late.step(install).cached and late.written_bytes() < early.written_bytes(),
        f"{late.steps_cached} of {late.steps_total} steps from the cache; "
        f"{human_bytes(late.written_bytes())} of new layers",
    )


@checks_for("14_what_learners_ask_next", 2)
def update_goes_stale(split: BuildResult, joined: BuildResult) -> None:
    """The rebuilds after one package was added to the install line."""
    update = split.step("RUN apt-get update")
    checkpoint(
        "Alone on its line, `apt-get update` came from the cache: the lists are the old ones",
        update.cached and not split.step("RUN apt-get install").cached,
        f"{update.label} from the cache; the install ran again with those lists",
    )
    joined_run = joined.step("RUN apt-get update")
    checkpoint(
        "Joined to the install, the update ran again with it: new text, new cache key",
        not joined_run.cached,
        f"{joined_run.label} ran again, update and install: {joined_run.seconds:.1f} s",
    )


@checks_for("14_what_learners_ask_next", 2)
def chown_copies_every_file(
    chowned: ImageContents, copied: ImageContents, files_bytes: int
) -> None:
    checkpoint(
        "`RUN chown -R` stored every file twice: the copy below it cannot be seen",
        chowned.invisible_bytes >= 0.9 * files_bytes
        and chowned.stored_bytes - copied.stored_bytes >= 0.9 * files_bytes,
        f"{human_bytes(chowned.invisible_bytes)} invisible, for {human_bytes(files_bytes)} of "
        f"files; {human_bytes(chowned.stored_bytes - copied.stored_bytes)} more stored",
    )
    checkpoint(
        "`COPY --chown` stored them once",
        copied.invisible_bytes < 0.1 * files_bytes,
        f"{human_bytes(copied.invisible_bytes)} invisible",
    )


@checks_for("14_what_learners_ask_next", 2)
def bases_compared(apps: Mapping[str, BuildResult], tools_base: BuildResult) -> None:
    """`apps`: the same app on the course's base, then on the one with build tools."""
    slim, tools = apps.values()
    extra = tools.size_bytes - slim.size_bytes
    tools_layer = tools_base.own_bytes()
    checkpoint(
        "On the base with build tools, the app's image is bigger by the tools' size",
        extra >= 0.9 * tools_layer,
        f"{human_bytes(extra)} bigger; the tools' layer is {human_bytes(tools_layer)}",
    )
    own = [build.own_bytes() for build in (slim, tools)]
    checkpoint(
        "The app's own layers are the same size on either: pip installed the same wheels",
        abs(own[0] - own[1]) <= 0.05 * max(own),
        f"{human_bytes(own[0])} and {human_bytes(own[1])}",
    )


@checks_for("14_what_learners_ask_next", 2)
def secret_mount_leaves_nothing(leaky: ValueSearch, mounted: ValueSearch) -> None:
    checkpoint(
        "The token passed as a build argument is in the history, and in the deleted file",
        bool(leaky.seen_in("history"))
        and any(not item.in_final_filesystem for item in leaky.seen_in("file")),
        f"{len(leaky.seen_in('history'))} history entries; "
        f"{len(leaky.seen_in('file'))} stored file(s)",
    )
    checkpoint(
        "The token passed as a secret is nowhere in the image",
        not mounted.found,
        "history, config and every layer's files searched",
    )
