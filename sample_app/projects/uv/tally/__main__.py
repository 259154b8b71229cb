import collections
import sys

import click
from tabulate import tabulate


@click.command()
def main() -> None:
    words = collections.Counter(sys.stdin.read().split())
    click.echo(tabulate(words.most_common(5), headers=["word", "count"]))


main()
