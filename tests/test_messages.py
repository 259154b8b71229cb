"""One message catalogue: everything the helpers show a learner is found in it, translated
into Korean with the same placeholders, and never pasted into the code in Korean."""

import re
import string
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import REPO

from helpers.i18n import _, current_language, use_language
from helpers.i18n._catalogue import catalogue_path

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def korean():
    with catalogue_path("ko").open("rb") as handle:
        return [message for message in read_po(handle, locale="ko") if message.id]


def fields(text: str) -> list[tuple[str, str, str | None]]:
    return sorted(
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def test_the_template_holds_every_message_of_the_code():
    checked = subprocess.run(
        [sys.executable, "scripts/messages.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_catalogue_is_not_empty_and_holds_the_templates_messages(korean):
    with (REPO / "helpers" / "i18n" / "layerlab.pot").open("rb") as handle:
        template = {message.id for message in read_po(handle) if message.id}
    assert len(korean) >= 100 and {message.id for message in korean} == template


def test_every_message_has_its_korean_translation(korean):
    missing = [m.id for m in korean if not m.string or m.fuzzy]
    assert not missing, f"{len(missing)} messages lack Korean, for example {missing[:3]}"


def test_each_translation_keeps_the_placeholders(korean):
    for message in korean:
        assert fields(message.id) == fields(message.string), message.id


def test_no_korean_is_pasted_into_the_code():
    pasted = [
        str(path.relative_to(REPO))
        for path in (REPO / "helpers").rglob("*.py")
        if HANGUL.search(path.read_text())
    ]
    assert not pasted, f"Korean belongs in the catalogue, not in {pasted}"


def test_the_lesson_chooses_the_language(korean):
    sample = next(m for m in korean if m.string and not fields(m.id))
    try:
        use_language("ko")
        assert current_language() == "ko" and _(sample.id) == sample.string
        use_language("en")
        assert _(sample.id) == sample.id
        with pytest.raises(ValueError, match="not 'fr'"):
            use_language("fr")
    finally:
        use_language(None)
