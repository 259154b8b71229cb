"""What each lesson claims, checked against the numbers measured on this run.

A notebook's checkpoint cell is one call to one of these: the learner sees each claim with
the evidence (a ✅ line), and a claim that does not hold stops the notebook, which is how CI
knows a lesson still tells the truth on today's engines. Functions are in lesson order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import reduce
from pathlib import Path

from ..course.sample_app import SAMPLE_APP
from ..dockerfile.prediction import predict
from ..engine.running import read_file_in_image, request_app
from ..i18n import _
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


def _and(items: Sequence[str]) -> str:
    """Things listed in a sentence: `A and B` (and `A and B and C`) in English; none, empty."""
    if not items:
        return ""
    return reduce(
        # Translators: two things listed, as "Poetry itself (3 files, 1.2 MB) and Poetry's cache".
        lambda first, second: _("{first} and {second}").format(first=first, second=second),
        items,
    )


def _same_layers(before: BuildResult, after: BuildResult) -> bool:
    """The same filesystem layers, digest for digest. Not the same image id: BuildKit on the
    containerd store attaches a provenance record with the build's time to every image.
    Where the history gave no digests, the image id decides (the classic builder's is stable)."""
    digests = [layer.diff_id for layer in before.layers if not layer.metadata_only]
    again = [layer.diff_id for layer in after.layers if not layer.metadata_only]
    if None in digests or None in again:
        return before.image_id == after.image_id
    return digests == again


def _sizes(this: int, that: int) -> str:
    """A checkpoint's evidence when two sizes are compared: "12.0 MiB against 3.4 MiB"."""
    return _("{this} against {that}").format(this=human_bytes(this), that=human_bytes(that))


# 01: setup
@checks_for("01_setup_check", 1)
def ready(report: SetupReport) -> None:
    if report.mode == "recorded":
        checkpoint(
            _("No engine here: the course runs on a recording of a real run"),
            report.ok,
            report.check("Mode").detail,
        )
        return
    checkpoint(
        _("This machine is ready for the course"),
        report.ok,
        report.problems()
        or _("{engine}; base image {base}").format(
            engine=report.check("Docker engine").detail, base=report.check("Base image").detail
        ),
    )


# 02: what a layer is
@checks_for("02_what_is_a_layer", 1)
def deleting_later_keeps_the_bytes(base: BuildResult, two_runs: BuildResult) -> None:
    writer = next(row for row in two_runs.rows if "/dev/urandom" in row.instruction)
    grew_by = two_runs.size_bytes - base.size_bytes
    checkpoint(
        _("Deleting the file in a later RUN did not make the image smaller"),
        writer.size_bytes >= 20_000_000 and grew_by >= 20_000_000,
        _(
            "{label} holds {size:,} bytes; the image is {grew_by:,} bytes bigger than its base"
        ).format(label=writer.label, size=writer.size_bytes, grew_by=grew_by),
    )


@checks_for("02_what_is_a_layer", 1)
def one_run_keeps_it_out(two_runs: BuildResult, one_run: BuildResult) -> None:
    saved = two_runs.size_bytes - one_run.size_bytes
    checkpoint(
        _("Writing and deleting in one RUN keeps the 20 MB out of the image"),
        saved >= 19_000_000,
        _("{two_runs} with two RUNs, {one_run} with one: {saved:,} bytes saved").format(
            two_runs=human_bytes(two_runs.size_bytes),
            one_run=human_bytes(one_run.size_bytes),
            saved=saved,
        ),
    )


# 03: the common Dockerfile
@checks_for("03_common_dockerfile", 1)
def common_order_reinstalls(first: BuildResult, second: BuildResult) -> None:
    copy, install = second.step("COPY"), second.step(_INSTALL)
    new_bytes = sum(layer.size_bytes for layer in new_layers(first.layers, second.layers))
    checkpoint(
        _("A one-line change made the common Dockerfile reinstall every library"),
        not copy.cached and not install.cached and new_bytes > 50_000_000,
        _("{copy} (COPY) and {install} (pip install) ran again; {size} of new layers").format(
            copy=copy.label, install=install.label, size=human_bytes(new_bytes)
        ),
    )


# 04: the reordered Dockerfile
@checks_for("04_reordered_dockerfile", 3)
def reordered_reuses_the_install(comparison: Comparison) -> None:
    common = comparison.variant("Dockerfile.common")
    reordered = comparison.variant("Dockerfile.reordered")
    checkpoint(
        _("The reordered rebuild reused the dependency install; the common one did not"),
        reordered.rebuild.step(_INSTALL).cached and not common.rebuild.step(_INSTALL).cached,
        _(
            "reordered: {cached} of {total} steps from the cache; "
            "common: {common_cached} of {common_total}"
        ).format(
            cached=reordered.steps_cached,
            total=reordered.steps_total,
            common_cached=common.steps_cached,
            common_total=common.steps_total,
        ),
        # The instructor's view shows each learner's ratio: how much faster their rebuild was.
        measured={"rebuild_ratio": common.rebuild_s / max(reordered.rebuild_s, 0.001)},
    )
    checkpoint(
        _("The reordered rebuild wrote under 1% of the common one's new bytes"),
        reordered.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes,
        _("{reordered:,} against {common:,} bytes").format(
            reordered=reordered.rebuild_new_bytes, common=common.rebuild_new_bytes
        ),
    )
    first_miss = reordered.first_miss
    checkpoint(
        _("The first step to run again was the last COPY"),
        first_miss is not None and first_miss.instruction == "COPY source/ /app/source/",
        f"{first_miss.label}: {first_miss.instruction}" if first_miss else _("no step ran"),
    )


# 05: try it yourself
@checks_for("05_try_it_yourself", 1)
def requirements_change_reinstalls(after: BuildResult) -> None:
    first_miss = after.first_rebuilt_step
    checkpoint(
        _("Changing requirements.txt makes even the reordered Dockerfile reinstall the libraries"),
        first_miss is not None and first_miss.instruction.startswith("COPY source/requirements"),
        _("first step to run again: {label}, {instruction}").format(
            label=first_miss.label, instruction=first_miss.instruction
        )
        if first_miss
        else _("no step ran again"),
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
            _("Question {number}'s answer is the step the predictor names too").format(
                number=number
            ),
            predicted is not None and one_line(predicted.instruction) == answer,
            _("{answer}; the predictor: {instruction}").format(
                answer=answer, instruction=predicted.instruction
            )
            if predicted
            else _("{answer}; the predictor: nothing").format(answer=answer),
        )
    second = recap_question(2, comparison)
    written = sum(layer.size_bytes for layer in reordered.new_layers)
    checkpoint(
        _("Question 2's answer matches the new layers the reordered rebuild wrote"),
        written == reordered.rebuild_new_bytes
        and (written < 0.01 * common.rebuild_new_bytes) == second.answer.startswith("a few"),
        _("{written} against {common}: {answer}").format(
            written=human_bytes(written),
            common=human_bytes(common.rebuild_new_bytes),
            answer=_(second.answer),
        ),
    )
    third = recap_question(3, comparison)
    third.buttons.value = third.choices[0]
    checkpoint(
        _("A wrong choice is refused, and the answer is shown only on request"),
        third.check().startswith("❌") and third.answer in third.reveal(),
        _("{choice!r} refused; the answer: {answer!r}").format(
            choice=third.choices[0], answer=third.answer
        ),
    )


# 07: inside the layers
@checks_for("07_inside_the_layers", 2)
def download_is_invisible(
    inside: ImageContents, two_runs: BuildResult, one_run: BuildResult
) -> None:
    download = next(layer for layer in inside.layers if "pip download" in layer.instruction)
    wheel_bytes = download.bytes_under("/downloads")
    checkpoint(
        _("The deleted download still ships: every byte of it is invisible, not gone"),
        wheel_bytes > 10_000_000 and inside.invisible_bytes == wheel_bytes,
        _("the wheel is {wheel:,} bytes; the image hides {invisible:,} bytes").format(
            wheel=wheel_bytes, invisible=inside.invisible_bytes
        ),
    )
    checkpoint(
        _("Downloading and deleting in one RUN keeps it out of the image"),
        two_runs.size_bytes - one_run.size_bytes >= wheel_bytes,
        _("{two_runs} with two RUNs, {one_run} with one").format(
            two_runs=human_bytes(two_runs.size_bytes), one_run=human_bytes(one_run.size_bytes)
        ),
    )


@checks_for("07_inside_the_layers", 1)
def no_cache_dir_keeps_the_cache_out(pip_layers: Mapping[str, LayerContents]) -> None:
    cache_bytes = pip_layers["cache"].bytes_under("/root/.cache/pip")
    checkpoint(
        _("--no-cache-dir keeps pip's cache out of the layer"),
        cache_bytes > 0 and pip_layers["no cache"].bytes_under("/root/.cache/pip") == 0,
        _("the cache took {size:,} bytes ({human}) of the layer").format(
            size=cache_bytes, human=human_bytes(cache_bytes)
        ),
    )


@checks_for("07_inside_the_layers", 1)
def same_run_cleans_apt_lists(apt_layers: Mapping[str, LayerContents]) -> None:
    lists_bytes = apt_layers["lists"].bytes_under("/var/lib/apt/lists")
    smaller = apt_layers["lists"].size_bytes - apt_layers["clean"].size_bytes
    checkpoint(
        _("Cleaning apt's lists in the same RUN keeps them out of the layer"),
        lists_bytes > 1_000_000 and apt_layers["clean"].bytes_under("/var/lib/apt/lists") == 0,
        _("the lists took {lists}; the cleaned layer is {smaller} smaller").format(
            lists=human_bytes(lists_bytes), smaller=human_bytes(smaller)
        ),
    )


# 08: multi-stage builds
@checks_for("08_multi_stage", 3)
def multi_stage_leaves_the_tools(images: Mapping[str, BuildResult]) -> None:
    single, removed, multi = (
        images[name] for name in ("single-stage", "tools-removed", "multi-stage")
    )
    tools = next(row for row in single.rows if row.instruction.startswith("RUN apt-get update"))
    checkpoint(
        _("Removing the compiler in a later RUN did not make the image smaller"),
        removed.size_bytes >= single.size_bytes,
        _sizes(removed.size_bytes, single.size_bytes),
    )
    checkpoint(
        _("The multi-stage image is smaller by at least the build tools' size"),
        single.size_bytes - multi.size_bytes >= tools.size_bytes,
        _(
            "the tools' layer ({label}) is {size:,} bytes; the multi-stage image is "
            "{smaller:,} bytes smaller"
        ).format(
            label=tools.label, size=tools.size_bytes, smaller=single.size_bytes - multi.size_bytes
        ),
    )
    checkpoint(
        _("The multi-stage image still works"),
        request_app(multi.image_id).json()["message"] == "Hello from Layer Lab",
        _("its web app answered"),
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
        _("The secret is in the leaky image and not in the fixed one"),
        bool(leaked)
        and not kept_out
        and read_file_in_image(fixed_contents.image, "/app/.env") is None,
        _("leaky: {leaked}; fixed: {kept_out}").format(leaked=list(leaked), kept_out=list(kept_out))
        if kept_out
        else _("leaky: {leaked}; fixed: no .env anywhere").format(leaked=list(leaked)),
    )
    checkpoint(
        _("With the right .dockerignore, a touched README rebuilds nothing"),
        fixed_again.first_rebuilt_step is None and _same_layers(fixed, fixed_again),
        _("{cached} of {total} steps from the cache").format(
            cached=fixed_again.steps_cached, total=fixed_again.steps_total
        ),
    )
    checkpoint(
        _("The context shrank to what the image needs"),
        fixed.context_bytes * 100 < leaky.context_bytes,
        _("{before} before, {after} after").format(
            before=human_bytes(leaky.context_bytes), after=human_bytes(fixed.context_bytes)
        ),
    )


# 10: the journey
@checks_for("10_the_journey", 2)
def every_reorder_rebuilds_little(journey: Comparison) -> None:
    common = journey.variant("Dockerfile.common")
    others = [variant for variant in journey.variants if variant is not common]
    best = min(journey.variants, key=lambda variant: variant.rebuild.size_bytes)
    checkpoint(
        _("Every reordered variant rebuilt with under 1% of the common one's new bytes"),
        all(v.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes for v in others),
        ", ".join(f"{v.dockerfile}: {v.rebuild_new_bytes:,}" for v in journey.variants),
    )
    checkpoint(
        _("The smallest image is smaller than the common one"),
        best.rebuild.size_bytes < common.rebuild.size_bytes,
        _("{dockerfile}: {size} against {common}").format(
            dockerfile=best.dockerfile,
            size=human_bytes(best.rebuild.size_bytes),
            common=human_bytes(common.rebuild.size_bytes),
        ),
    )


@checks_for("10_the_journey", 1)
def classic_builder_refuses_buildkit_syntax(refusal: str) -> None:
    checkpoint(
        _("The classic builder refuses BuildKit-only syntax"),
        "BuildKit" in refusal,
        refusal.splitlines()[0] if refusal else _("it built"),
    )


# 11: the exercise
@checks_for("11_exercise", 3)
def exercise_judges_both_ways(project: Path) -> None:
    """Judge the exercise's Dockerfile as given (neither part done) and its worked solution
    (both), each in its own scratch copy, showing only the verdicts: never the solution."""
    as_given = DockerfileExercise(project).check()
    checkpoint(
        _(
            "The Dockerfile as given reinstalls the dependencies after a code edit, and ships "
            "Poetry"
        ),
        as_given is not None
        and not as_given.fixed
        and as_given.rebuilt_install_cached is False
        and as_given.predicted_install_cached is False
        and bool(as_given.leftovers),
        (
            _("{label} ran again, as predicted; the image holds {leftovers}").format(
                label=as_given.install_label, leftovers=_and(as_given.leftovers)
            )
            if as_given.leftovers
            else _("{label} ran again, as predicted; the image holds no Poetry").format(
                label=as_given.install_label
            )
        )
        if as_given
        else _("it failed"),
    )
    solved = DockerfileExercise(project)
    solved.use_solution()
    result = solved.check()
    checkpoint(
        _("The worked solution keeps the dependencies in the cache, and the app still works"),
        result is not None and result.fixed and result.app_answered,
        _("{label} came from the cache; the rebuild took {seconds:.1f} s").format(
            label=result.install_label, seconds=result.rebuild_s
        )
        if result
        else _("it failed"),
    )
    checkpoint(
        _("and its final image holds neither Poetry nor Poetry's cache"),
        result is not None and result.solved,
        _("nothing of Poetry in the final image")
        if result and result.solved
        else _("still there: {leftovers}").format(leftovers=_and(result.leftovers))
        if result
        else _("still there: it failed"),
    )


# 12: same rules, another builder
@checks_for("12_buildkit", 4)
def same_lesson_on_both_builders(classic: Comparison, buildkit: Comparison) -> None:
    for comparison in (classic, buildkit):
        common = comparison.variant("Dockerfile.common")
        reordered = comparison.variant("Dockerfile.reordered")
        buildkit_ran = comparison.builder == "buildkit"
        checkpoint(
            _("BuildKit: the same first miss, and the reordered rebuild reused the install")
            if buildkit_ran
            else _(
                "The classic builder: the same first miss, and the reordered rebuild reused the "
                "install"
            ),
            common.first_miss is not None
            and common.first_miss.instruction == "COPY source/ /app/source/"
            and reordered.first_miss is not None
            and reordered.first_miss.instruction == "COPY source/ /app/source/"
            and reordered.rebuild.step(_INSTALL).cached
            and not common.rebuild.step(_INSTALL).cached,
            _("first miss {common} in the common rebuild, {reordered} in the reordered one").format(
                common=common.first_miss.label, reordered=reordered.first_miss.label
            )
            if common.first_miss and reordered.first_miss
            else _("no step ran again"),
        )
        checkpoint(
            _("BuildKit: the reordered rebuild was faster and wrote under 1% of the new bytes")
            if buildkit_ran
            else _(
                "The classic builder: the reordered rebuild was faster and wrote under 1% of the "
                "new bytes"
            ),
            reordered.rebuild_s < common.rebuild_s
            and reordered.rebuild_new_bytes < 0.01 * common.rebuild_new_bytes,
            _(
                "{seconds:.2f} s against {common_seconds:.2f} s; "
                "{new_bytes:,} against {common_bytes:,} bytes"
            ).format(
                seconds=reordered.rebuild_s,
                common_seconds=common.rebuild_s,
                new_bytes=reordered.rebuild_new_bytes,
                common_bytes=common.rebuild_new_bytes,
            ),
        )


@checks_for("12_buildkit", 1)
def log_shows_the_cache(rebuild: BuildResult) -> None:
    install = rebuild.step(_INSTALL)
    shown = "\n".join(rebuild.log)
    checkpoint(
        _("The log names each step as BuildKit numbers it, and marks the install CACHED"),
        rebuild.builder == "buildkit"
        and f"{install.label} {install.instruction}" in shown
        and any(line.endswith("CACHED") for line in rebuild.log),
        _("{label} {instruction}: from the cache").format(
            label=install.label, instruction=install.instruction
        ),
    )


@checks_for("12_buildkit", 2)
def unused_stage_skipped(classic: Comparison, buildkit: Comparison) -> None:
    skipped = buildkit.variants[0].rebuild
    ran = classic.variants[0].rebuild
    checkpoint(
        _("BuildKit rebuilt nothing after a change only an unused stage copies"),
        not skipped.rebuilt_steps and _same_layers(buildkit.variants[0].first_build, skipped),
        _("{cached} of {total} steps from the cache, the same layers").format(
            cached=skipped.steps_cached, total=skipped.steps_total
        ),
    )
    docs = ran.matching_step("COPY docs/ /docs/")
    checkpoint(
        _("The classic builder built the unused stage again"),
        docs is not None and not docs.cached,
        _("{label} ({instruction}) ran again").format(
            label=docs.label, instruction=docs.instruction
        )
        if docs
        else _("it has no such step"),
    )


@checks_for("12_buildkit", 2)
def cache_mount_saves_downloads(
    plain: PipDownloads, mounted: PipDownloads, comparison: Comparison
) -> None:
    checkpoint(
        _("With a cache mount the rebuild downloaded under a tenth of what it did without"),
        plain.downloaded_bytes > 1_000_000
        and mounted.downloaded_bytes < 0.1 * plain.downloaded_bytes,
        _(
            "{mounted} ({mounted_files} files; {cached_files} from pip's cache) against "
            "{plain} ({plain_files} files)"
        ).format(
            mounted=human_bytes(mounted.downloaded_bytes),
            mounted_files=mounted.downloaded_files,
            cached_files=mounted.cached_files,
            plain=human_bytes(plain.downloaded_bytes),
            plain_files=plain.downloaded_files,
        ),
    )
    without = comparison.variant("Dockerfile.pip")
    with_mount = comparison.variant("Dockerfile.pip-cache-mount")
    checkpoint(
        _("The cache mount kept pip's cache out of the image"),
        with_mount.rebuild.size_bytes < without.rebuild.size_bytes,
        _sizes(with_mount.rebuild.size_bytes, without.rebuild.size_bytes),
    )


@checks_for("12_buildkit", 1)
def ci_cache_reused(reuse: CacheReuse) -> None:
    checkpoint(
        _("A fresh runner reused the previous image's cache and skipped the install"),
        reuse.reused and not reuse.cold.step("RUN pip install").cached,
        _(
            "{cached} of {total} steps from the imported cache; "
            "{seconds:.2f} s against {cold_seconds:.2f} s with an empty cache"
        ).format(
            cached=reuse.warm.steps_cached,
            total=reuse.warm.steps_total,
            seconds=reuse.warm.seconds,
            cold_seconds=reuse.cold.seconds,
        ),
    )


# 13: your own project
@checks_for("13_your_own_project", 3)
def rewrite_proved(verdict: FixVerdict) -> None:
    checkpoint(
        _("The rewrite builds the same image: every file, and the config"),
        verdict.same_image,
        verdict.sentence(),
    )
    checkpoint(
        _("After the same change, the rewrite's rebuild reused more steps"),
        verdict.reused_after > verdict.reused_before,
        _(
            "{cached} of {total} steps from the cache, against {cached_before} of {total_before}"
        ).format(
            cached=verdict.reused_after,
            total=verdict.steps_after,
            cached_before=verdict.reused_before,
            total_before=verdict.steps_before,
        ),
    )
    checkpoint(
        _("and wrote fewer new bytes"),
        verdict.new_bytes_after < verdict.new_bytes_before,
        _sizes(verdict.new_bytes_after, verdict.new_bytes_before),
    )


@checks_for("13_your_own_project", 1)
def refusal_explained(fix: Fix) -> None:
    refused = [step for step in fix.steps if not step.rewritten]
    checkpoint(
        _("The rewrite left the Dockerfile as it was, and said what to do by hand"),
        not fix.changed and bool(refused) and all(step.what for step in refused),
        refused[0].what if refused else _("nothing was refused"),
    )


# 14: what learners ask next
@checks_for("14_what_learners_ask_next", 2)
def late_arg_keeps_the_cache(early: BuildResult, late: BuildResult) -> None:
    """`early` and `late`: the rebuilds with a new GIT_SHA, its ARG at the top or at the end."""
    install = "RUN pip install"
    checkpoint(
        _("With the ARG at the top, a new value ran the install again"),
        not early.step(install).cached,
        _("{label}: {seconds:.1f} s; {size} of new layers").format(
            label=early.step(install).label,
            seconds=early.step(install).seconds,
            size=human_bytes(early.written_bytes()),
        ),
    )
    checkpoint(
        _("With the ARG just before the step that uses it, the install came from the cache"),
        late.step(install).cached and late.written_bytes() < early.written_bytes(),
        _("{cached} of {total} steps from the cache; {size} of new layers").format(
            cached=late.steps_cached,
            total=late.steps_total,
            size=human_bytes(late.written_bytes()),
        ),
    )


@checks_for("14_what_learners_ask_next", 2)
def update_goes_stale(split: BuildResult, joined: BuildResult) -> None:
    """The rebuilds after one package was added to the install line."""
    update = split.step("RUN apt-get update")
    checkpoint(
        _("Alone on its line, `apt-get update` came from the cache: the lists are the old ones"),
        update.cached and not split.step("RUN apt-get install").cached,
        _("{label} from the cache; the install ran again with those lists").format(
            label=update.label
        ),
    )
    joined_run = joined.step("RUN apt-get update")
    checkpoint(
        _("Joined to the install, the update ran again with it: new text, new cache key"),
        not joined_run.cached,
        _("{label} ran again, update and install: {seconds:.1f} s").format(
            label=joined_run.label, seconds=joined_run.seconds
        ),
    )


@checks_for("14_what_learners_ask_next", 2)
def chown_copies_every_file(
    chowned: ImageContents, copied: ImageContents, files_bytes: int
) -> None:
    checkpoint(
        _("`RUN chown -R` stored every file twice: the copy below it cannot be seen"),
        chowned.invisible_bytes >= 0.9 * files_bytes
        and chowned.stored_bytes - copied.stored_bytes >= 0.9 * files_bytes,
        _("{invisible} invisible, for {files} of files; {more} more stored").format(
            invisible=human_bytes(chowned.invisible_bytes),
            files=human_bytes(files_bytes),
            more=human_bytes(chowned.stored_bytes - copied.stored_bytes),
        ),
    )
    checkpoint(
        _("`COPY --chown` stored them once"),
        copied.invisible_bytes < 0.1 * files_bytes,
        _("{invisible} invisible").format(invisible=human_bytes(copied.invisible_bytes)),
    )


@checks_for("14_what_learners_ask_next", 2)
def bases_compared(apps: Mapping[str, BuildResult], tools_base: BuildResult) -> None:
    """`apps`: the same app on the course's base, then on the one with build tools."""
    slim, tools = apps.values()
    extra = tools.size_bytes - slim.size_bytes
    tools_layer = tools_base.own_bytes()
    checkpoint(
        _("On the base with build tools, the app's image is bigger by the tools' size"),
        extra >= 0.9 * tools_layer,
        _("{extra} bigger; the tools' layer is {tools}").format(
            extra=human_bytes(extra), tools=human_bytes(tools_layer)
        ),
    )
    own = [build.own_bytes() for build in (slim, tools)]
    checkpoint(
        _("The app's own layers are the same size on either: pip installed the same wheels"),
        abs(own[0] - own[1]) <= 0.05 * max(own),
        _and([human_bytes(own[0]), human_bytes(own[1])]),
    )


@checks_for("14_what_learners_ask_next", 2)
def secret_mount_leaves_nothing(leaky: ValueSearch, mounted: ValueSearch) -> None:
    checkpoint(
        _("The token passed as a build argument is in the history, and in the deleted file"),
        bool(leaky.seen_in("history"))
        and any(not item.in_final_filesystem for item in leaky.seen_in("file")),
        _("{entries} history entries; {files} stored file(s)").format(
            entries=len(leaky.seen_in("history")), files=len(leaky.seen_in("file"))
        ),
    )
    checkpoint(
        _("The token passed as a secret is nowhere in the image"),
        not mounted.found,
        _("history, config and every layer's files searched"),
    )
