"""Why a build failed, said so that a learner knows what to do next."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
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
    error = parser.error or _("the engine ended the build without producing an image")
    last = parser.last_step
    step, instruction, output = last if last else (None, None, tuple(parser.before_first_step))
    tail = tuple(output[-_LOG_TAIL_LINES:])
    # What failed: a step, or (before any step ran) the Dockerfile. Each sentence is written
    # out for both, so that a translation need not glue "step N" into it.
    where = {"step": step, "instruction": instruction, "dockerfile": dockerfile.name}
    lowered = error.lower()

    if "parse error" in lowered or "unknown instruction" in lowered or "unknown flag" in lowered:
        advice = (
            _("The builder could not read {dockerfile}: {error}").format(
                dockerfile=dockerfile.name, error=error
            )
            + "\n"
            + _(
                "What to do: fix that line of the Dockerfile (instructions such as FROM, RUN, "
                "COPY, ENV, CMD), then build again."
            )
        )
        step = instruction = None
    elif any(sign in lowered for sign in _MISSING_SOURCE):
        advice = (
            _failed(where, error)
            + "\n"
            + _(
                "What to do: COPY and ADD read paths relative to the build context {context}. "
                "Check that the file exists there, and that .dockerignore does not exclude it."
            ).format(context=context_dir)
        )
    elif "certificate_verify_failed" in "\n".join(tail).lower():
        if step:
            failed = _(
                "step {step} ({instruction}) failed: the image does not trust the HTTPS "
                "certificate it was shown, which happens behind a company proxy that inspects "
                "TLS."
            )
        else:
            failed = _(
                "{dockerfile} failed: the image does not trust the HTTPS certificate it was "
                "shown, which happens behind a company proxy that inspects TLS."
            )
        advice = (
            failed.format(**where)
            + "\n"
            + _(
                "What to do: get the proxy's root CA (a PEM file) and run "
                "`python -m helpers base-image --ca-file PATH`; the course then uses that base."
            )
        )
    elif any(sign.lower() in "\n".join(tail).lower() for sign in _NETWORK_TROUBLE):
        if step:
            failed = _("step {step} ({instruction}) failed: it could not download what it needed.")
        else:
            failed = _("{dockerfile} failed: it could not download what it needed.")
        advice = (
            failed.format(**where)
            + "\n"
            + _(
                "What to do: check that this computer is online (and that PyPI is reachable "
                "through any proxy), then build again. Steps that finished are cached."
            )
        )
    elif any(sign in lowered for sign in _COMMAND_FAILED):
        advice = (
            _failed(where, error)
            + "\n"
            + _(
                "What to do: read the command's last lines below, fix the command or the files "
                "it uses, then build again."
            )
        )
    else:
        advice = _failed(where, error)
    if tail:
        advice += (
            "\n" + _("Last lines of its output:") + "\n" + "\n".join(f"  | {line}" for line in tail)
        )
    return BuildFailed(advice, step=step, instruction=instruction, log_tail=tail)


def _failed(where: dict, error: str) -> str:
    if where["step"]:
        failed = _("step {step} ({instruction}) failed: {error}")
    else:
        failed = _("{dockerfile} failed: {error}")
    return failed.format(error=error, **where)


def failed_summary(failure: BuildFailed) -> str:
    """The progress's last line for a failed build: the first line of what went wrong."""
    return _("Failed: {reason}").format(reason=failure.args[0].splitlines()[0])
