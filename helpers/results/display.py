"""Results that show themselves: one table, drawn as HTML in a notebook and as text in a terminal.

A result describes itself once, as a `Table` (a sentence, columns, rows, notes); the notebook
and the terminal draw that same table, so neither formats a result by hand.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..i18n import _


@dataclass(frozen=True)
class Table:
    headline: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    recorded: str | None = None
    """When and where the recording was made, for results replayed from one."""
    numeric: tuple[int, ...] = ()
    """Columns to right-align (numbers)."""

    def text(self) -> str:
        lines = [f"({self._recorded_line()})"] if self.recorded else []
        lines.append(self.headline)
        if self.columns:
            widths = [
                max(len(cell) for cell in (column, *(row[i] for row in self.rows)))
                for i, column in enumerate(self.columns)
            ]
            lines.append(self._text_row(self.columns, widths))
            lines.append("  ".join("-" * width for width in widths))
            lines += [self._text_row(row, widths) for row in self.rows]
        lines += self.notes
        return "\n".join(line.rstrip() for line in lines)

    def _recorded_line(self) -> str:
        return _("Recorded run: {recorded}.").format(recorded=self.recorded)

    def _text_row(self, cells: Sequence[str], widths: list[int]) -> str:
        return "  ".join(
            cell.rjust(width) if i in self.numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    def html(self) -> str:
        parts = [f"<p><i>{html.escape(self._recorded_line())}</i></p>"] if self.recorded else []
        parts.append(f"<p>{html.escape(self.headline)}</p>")
        if self.columns:

            def cell(tag: str, i: int, value: str) -> str:
                # JupyterLab right-aligns every cell unless told: words read from the left.
                side = "right" if i in self.numeric else "left"
                align = f' style="text-align:{side}"'
                return f"<{tag}{align}>{html.escape(value)}</{tag}>"

            head = "".join(cell("th", i, column) for i, column in enumerate(self.columns))
            body = "".join(
                "<tr>" + "".join(cell("td", i, value) for i, value in enumerate(row)) + "</tr>"
                for row in self.rows
            )
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        parts += [f"<p>{html.escape(note)}</p>" for note in self.notes]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.text()


def recorded_of(results: Iterable) -> str | None:
    """The recording label of results shown together (replayed from one recording, or live)."""
    return next((result.recorded for result in results), None)


class ShowsItself:
    """Mixin: a result that defines `table()` shows it in a notebook and prints it in a terminal."""

    def table(self) -> Table:
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self.table().html()

    def __str__(self) -> str:
        return self.table().text()
