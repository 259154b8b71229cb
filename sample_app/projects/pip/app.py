"""A tiny report: the sizes of a few layers, as a table in the terminal."""

import humanize
from rich.console import Console
from rich.table import Table

LAYERS = {"base": 74_600_000, "libraries": 568_000_000, "code": 36_500}

table = Table(title="Layers")
table.add_column("layer")
table.add_column("size", justify="right")
for name, size in LAYERS.items():
    table.add_row(name, humanize.naturalsize(size))
Console().print(table)
