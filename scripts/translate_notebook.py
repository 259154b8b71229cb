"""Make or refresh a Korean lesson from its English one: one source of code.

    python scripts/translate_notebook.py notebooks/07_inside_the_layers.ipynb TRANSLATIONS.json

TRANSLATIONS.json maps each markdown cell's id to its Korean text. The Korean notebook
(notebooks/ko/<same name>) gets the English code cells as they are, but for the language
choice in the setup cell, and the Korean text in every markdown cell. With no JSON, the
Korean notebook's own markdown is kept and its code refreshed from the English lesson.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LANGUAGE_CHOICE = ', language="ko")'


def korean_code(source: str) -> str:
    """The English code with the language chosen in the setup call."""
    if "helpers.start_lesson(" in source:
        start = source.index("helpers.start_lesson(")
        end = source.index(")", start)
        return source[:end] + LANGUAGE_CHOICE + source[end + 1 :]
    return source


def lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def main(english: Path, translations: dict[str, str] | None) -> Path:
    book = json.loads(english.read_text())
    target = english.parent / "ko" / english.name
    if translations is None:
        translations = {
            cell["id"]: "".join(cell["source"])
            for cell in json.loads(target.read_text())["cells"]
            if cell["cell_type"] == "markdown"
        }
    missing = [
        cell["id"]
        for cell in book["cells"]
        if cell["cell_type"] == "markdown" and cell["id"] not in translations
    ]
    if missing:
        raise SystemExit(f"{english.name}: no Korean text for markdown cells {missing}")
    for cell in book["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = lines(translations[cell["id"]].strip("\n"))
        else:
            cell["source"] = lines(korean_code("".join(cell["source"])))
    book["metadata"]["language_info"] = {"name": "python"}
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(book, indent=1, ensure_ascii=False) + "\n")
    return target


if __name__ == "__main__":
    source = Path(sys.argv[1])
    texts = json.loads(Path(sys.argv[2]).read_text()) if len(sys.argv) > 2 else None
    print(main(source, texts))
