"""Numbers and instructions as people read them."""

from ..i18n import N_, _

BASE_LAYER = N_("(base image layer)")
"""What the history says of a layer no instruction of the Dockerfile made: the key code
compares, shown in the learner's language by `shown_instruction`."""


_BUILDERS = {"classic": N_("classic"), "buildkit": N_("buildkit")}


def shown_builder(name: str) -> str:
    """A builder's id (`classic`, `buildkit`) as a sentence names it."""
    return _(_BUILDERS[name]) if name in _BUILDERS else name


def shown_instruction(text: str) -> str:
    """An instruction as a table or chart shows it: the base's layers named in the learner's
    language, every instruction of a Dockerfile as written."""
    return _(BASE_LAYER) if text == BASE_LAYER else text


def human_bytes(count: float) -> str:
    """1023 -> '1,023 B', 36_500 -> '35.6 KiB', 568_000_000 -> '541.7 MiB'."""
    if count < 1024:
        return f"{int(count):,} B"
    for unit in ("KiB", "MiB", "GiB"):
        count /= 1024
        if count < 1024 or unit == "GiB":
            return f"{count:,.1f} {unit}"
    raise AssertionError("unreachable")


def short_instruction(text: str, width: int = 48) -> str:
    """One line, at most `width` characters, for chart labels."""
    flat = " ".join(shown_instruction(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
