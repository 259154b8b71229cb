"""The chosen language, and each catalogue read once, when first needed."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("en", "ko")
"""English, in the code itself, and the languages with a catalogue here."""
LANGUAGE_ENV = "LAYERLAB_LANGUAGE"
DOMAIN = "layerlab"
FOLDER = Path(__file__).resolve().parent

_chosen: str | None = None


def use_language(language: str | None) -> None:
    """Speak `language` from now on in this process; None goes back to LAYERLAB_LANGUAGE."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(
            f"The course speaks {', '.join(LANGUAGES)}, not {language!r}: "
            f'use one of those, for example language="ko".'
        )
    _chosen = language


def current_language() -> str:
    chosen = _chosen or os.environ.get(LANGUAGE_ENV, "en")
    # A language we have no catalogue for is English, not an error: the variable may be
    # set for other tools too.
    return chosen if chosen in LANGUAGES else "en"


def catalogue_path(language: str) -> Path:
    return FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(language: str) -> dict[str, str]:
    with catalogue_path(language).open("rb") as handle:
        catalog = read_po(handle)
    return {
        message.id: message.string
        for message in catalog
        if isinstance(message.id, str) and message.id and message.string and not message.fuzzy
    }


def _(message: str) -> str:
    """`message` in the learner's language: English as written, or its catalogue's
    translation. Placeholders are named (`{size}`) and filled after, with `.format`."""
    language = current_language()
    if language == "en" or not message:
        return message
    return _translations(language).get(message, message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined (a constant); `_` translates it
    where it is shown."""
    return message
