"""One message catalogue for everything the helpers show a learner.

The code speaks English; each other language is a gettext catalogue beside this file
(`ko/LC_MESSAGES/layerlab.po`), read with Babel. `helpers.start_lesson(..., language="ko")`
chooses the language for a notebook; LAYERLAB_LANGUAGE chooses it for `python -m helpers`.
`scripts/messages extract` collects every message into `layerlab.pot`.
"""

from ._catalogue import LANGUAGE_ENV, LANGUAGES, N_, _, current_language, use_language

__all__ = ["LANGUAGES", "LANGUAGE_ENV", "N_", "_", "current_language", "use_language"]
