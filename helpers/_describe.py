"""The numbers behind every chart, as a sentence and a table, for readers who cannot see it."""

from __future__ import annotations

from IPython.display import Markdown

from ._contents import ImageContents
from ._results import BuildResult, Comparison
from ._units import human_bytes, short_instruction


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _recorded(lines: list[str], recorded: str | None) -> Markdown:
    """Tables of replayed results say so first."""
    if recorded:
        lines = [f"*Recorded run: {recorded}.*", "", *lines]
    return Markdown("\n".join(lines))


def describe_layers(build: BuildResult) -> Markdown:
    written = [layer for layer in build.layers if build.layer_origin(layer) == "built"]
    lines = [
        f"The image has {len(build.layers)} history entries, "
        f"{sum(not layer.metadata_only for layer in build.layers)} of them filesystem layers, "
        f"{human_bytes(build.size_bytes)} in all. This build wrote "
        f"{human_bytes(sum(layer.size_bytes for layer in written))} of it.",
        "",
        "| # | instruction | bytes | this layer was |",
        "|---:|---|---:|---|",
    ]
    for number, layer in enumerate(build.layers, start=1):
        origin = "config only" if layer.metadata_only else build.layer_origin(layer)
        lines.append(
            f"| {number} | `{_cell(build.layer_instruction(layer))}` | {layer.size_bytes:,} | "
            f"{origin} |"
        )
    return _recorded(lines, build.recorded)


def describe_steps(build: BuildResult) -> Markdown:
    rebuilt = build.rebuilt_steps
    lines = [
        f"{build.steps_cached} of {build.steps_total} steps came from the cache; the build "
        f"took {build.seconds:.2f} s.",
        "",
        "| step | instruction | from cache | seconds |",
        "|---:|---|:---:|---:|",
    ]
    for step in build.steps:
        mark = "yes" if step.cached else "no"
        note = " (added by the course)" if step.added_by_course else ""
        lines.append(
            f"| {step.number} | `{_cell(step.instruction)}`{note} | {mark} | {step.seconds:.3f} |"
        )
    if rebuilt:
        slowest = max(rebuilt, key=lambda step: step.seconds)
        lines += ["", f"The slowest step was step {slowest.number} ({slowest.seconds:.2f} s)."]
    else:
        lines += ["", "No step ran a command again: the image is the one built before."]
    return _recorded(lines, build.recorded)


def describe_comparison(comparison: Comparison) -> Markdown:
    lines = [
        f"After the same one-line change to `{comparison.changed_path}`:",
        "",
        "| Dockerfile | image bytes | first build (s) | rebuild (s) | steps from cache | "
        "new bytes |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for variant in comparison.variants:
        lines.append(
            f"| {variant.dockerfile} | {variant.rebuild.size_bytes:,} | "
            f"{variant.first_build_s:.2f} | {variant.rebuild_s:.2f} | "
            f"{variant.steps_cached} of {variant.steps_total} | "
            f"{variant.rebuild_new_bytes:,} ({human_bytes(variant.rebuild_new_bytes)}) |"
        )
    if len(comparison.variants) == 2:
        slow, fast = sorted(comparison.variants, key=lambda v: v.rebuild_s, reverse=True)
        faster = slow.rebuild_s / max(fast.rebuild_s, 1e-9)
        fewer = slow.rebuild_new_bytes / max(fast.rebuild_new_bytes, 1)
        lines += [
            "",
            f"{fast.dockerfile} rebuilt {faster:,.0f} times faster than {slow.dockerfile} and "
            f"wrote {fewer:,.0f} times fewer new bytes.",
        ]
    lines += ["", f"Measured {comparison.measured_at} on Docker {comparison.engine.version}."]
    return _recorded(lines, comparison.recorded)


def describe_contents(contents: ImageContents, largest: int = 10) -> Markdown:
    lines = [
        f"{len(contents.layers)} layers store {contents.stored_bytes:,} bytes "
        f"({human_bytes(contents.stored_bytes)}); {contents.invisible_bytes:,} of them "
        f"({human_bytes(contents.invisible_bytes)}) cannot be seen in the final image.",
        "",
        "| layer | instruction | stored bytes | added | changed | removed | invisible bytes |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for layer in contents.layers:
        lines.append(
            f"| {layer.index} | `{_cell(short_instruction(layer.instruction, 60))}` | "
            f"{layer.size_bytes:,} | {len(layer.added):,} | {len(layer.changed):,} | "
            f"{len(layer.removed):,} | {layer.invisible_bytes:,} |"
        )
    hidden = sorted(contents.hidden, key=lambda item: -item.size_bytes)[:largest]
    if hidden:
        lines += [
            "",
            "Largest invisible files:",
            "",
            "| path | bytes | stored in layer | hidden by layer | how |",
            "|---|---:|---:|---:|---|",
        ]
        lines += [
            f"| `{_cell(h.path)}` | {h.size_bytes:,} | {h.layer} | {h.hidden_by} | {h.how} |"
            for h in hidden
        ]
    return _recorded(lines, contents.recorded)
