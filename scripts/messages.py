"""Collect every message the helpers show a learner into helpers/i18n/layerlab.pot, and bring
each language's catalogue up to date with it (new messages arrive untranslated).

    python scripts/messages.py            # after adding or changing a message
    python scripts/messages.py --check    # exit 1 if layerlab.pot is out of date

Messages are found by Babel: `_("...")` and `N_("...")` in helpers/, and the texts the English
lessons pass to the helpers (a prediction's question, a chart's title).
"""

from __future__ import annotations

import ast
import json
import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
I18N = REPO / "helpers" / "i18n"
TEMPLATE = I18N / "layerlab.pot"
KEYWORDS = {"_": None, "N_": None}
# What a lesson's code hands to the helpers for them to show: {function: (position, keyword)}.
NOTEBOOK_MESSAGES = {
    "ask_prediction": (1, "question"),
    "layers_chart": (1, "title"),
    "timeline_chart": (1, "title"),
}
# Fixed, so that the files change only when a message does.
STAMP = datetime(2026, 12, 1)


def notebook_messages(path: Path):
    """The texts a lesson's code passes to the helpers to show (read with ast: Babel's own
    reader sees positional arguments only, and the lessons name `title=`)."""
    book = json.loads(path.read_text())
    for cell in book["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            wanted = NOTEBOOK_MESSAGES.get(node.func.attr)
            if wanted is None:
                continue
            position, keyword = wanted
            given = [kw.value for kw in node.keywords if kw.arg == keyword]
            if len(node.args) > position:
                given.append(node.args[position])
            for value in given:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.value, f"notebooks/{path.name}"


def template() -> Catalog:
    catalog = Catalog(project="Layer Lab", domain="layerlab", creation_date=STAMP)
    for filename, _line, message, comments, _context in extract_from_dir(
        REPO / "helpers", [("**.py", "python")], KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(message, locations=[(f"helpers/{filename}", 0)], auto_comments=comments)
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for message, where in notebook_messages(path):
            catalog.add(message, locations=[(where, 0)])
    return catalog


def catalogue_paths() -> list[tuple[str, Path]]:
    return [
        (folder.name, folder / "LC_MESSAGES" / "layerlab.po")
        for folder in sorted(I18N.iterdir())
        if (folder / "LC_MESSAGES").is_dir()
    ]


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(
            handle, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True
        )


def main(check: bool) -> int:
    fresh = template()
    if check:
        with TEMPLATE.open("rb") as handle:
            known = {m.id for m in read_po(handle) if m.id}
        wanted = {m.id for m in fresh if m.id}
        if known != wanted:
            print(
                f"{TEMPLATE.relative_to(REPO)} is out of date: run python scripts/messages.py "
                f"({len(wanted - known)} new, {len(known - wanted)} gone)"
            )
            return 1
        return 0
    write(fresh, TEMPLATE)
    for language, path in catalogue_paths():
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, domain="layerlab", creation_date=STAMP)
        catalog.update(fresh, no_fuzzy_matching=True)
        catalog.revision_date = STAMP
        write(catalog, path)
        missing = sum(1 for m in catalog if m.id and not m.string)
        print(f"{path.relative_to(REPO)}: {len(catalog)} messages, {missing} untranslated")
    print(f"{TEMPLATE.relative_to(REPO)}: {len(fresh)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
