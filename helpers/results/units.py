"""Numbers as people read them."""


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
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
