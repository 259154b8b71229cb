"""Why a build failed, said so that a learner knows what to do next."""

from __future__ import annotations

from pathlib import Path

from ..results.errors import BuildFailed
from .buildkit_log import BuildkitLogParser
from .buildlog import BuildLogParser

_LOG_TAIL_LINES = 12
_NETWORK_TROUBLE = (
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
    "Network is unreachable",
    "No matching distribution found",
    "ProxyError",
    "Read timed out",
    "Could not resolve host",
)


# How each builder says a COPY or ADD found nothing: the classic builder, then BuildKit.
_MISSING_SOURCE = (
    "copy failed",
    "add failed",
    "build context",
    "failed to compute cache key",
    "failed to calculate checksum",
    '" not found',
)
# How each builder says a RUN's command failed.
_COMMAND_FAILED = ("non-zero code", "exit code:")


def explain_failure(
    parser: BuildLogParser | BuildkitLogParser, dockerfile: Path, context_dir: Path
) -> BuildFailed:
    error = parser.error or "the engine ended the build without producing an image"
    last = parser.last_step
    step, instruction, output = last if last else (None, None, tuple(parser.before_first_step))
    tail = tuple(output[-_LOG_TAIL_LINES:])
    where = f"step {step} ({instruction})" if step else dockerfile.name
    lowered = error.lower()

    if "parse error" in lowered or "unknown instruction" in lowered or "unknown flag" in lowered:
        advice = (
            f"The builder could not read {dockerfile.name}: {error}\n"
            "What to do: fix that line of the Dockerfile (instructions such as FROM, RUN, "
            "COPY, ENV, CMD), then build again."
        )
        step = instruction = None
    elif any(sign in lowered for sign in _MISSING_SOURCE):
        advice = (
            f"{where} failed: {error}\n"
            f"What to do: COPY and ADD read paths relative to the build context {context_dir}. "
            "Check that the file exists there, and that .dockerignore does not exclude it."
        )
    elif "certificate_verify_failed" in "\n".join(tail).lower():
        advice = (
            f"{where} failed: the image does not trust the HTTPS certificate it was shown, "
            "which happens behind a company proxy that inspects TLS.\n"
            "What to do: get the proxy's root CA (a PEM file) and run "
            "`python -m helpers base-image --ca-file PATH`; the course then uses that base."
        )
    elif any(sign.lower() in "\n".join(tail).lower() for sign in _NETWORK_TROUBLE):
        advice = (
            f"{where} failed: it could not download what it needed.\n"
            "What to do: check that this computer is online (and that PyPI is reachable "
            "through any proxy), then build again. Steps that finished are cached."
        )
    elif any(sign in lowered for sign in _COMMAND_FAILED):
        advice = (
            f"{where} failed: {error}\n"
            "What to do: read the command's last lines below, fix the command or the files it "
            "uses, then build again."
        )
    else:
        advice = f"{where} failed: {error}"
    if tail:
        advice += "\nLast lines of its output:\n" + "\n".join(f"  | {line}" for line in tail)
    return BuildFailed(advice, step=step, instruction=instruction, log_tail=tail)
