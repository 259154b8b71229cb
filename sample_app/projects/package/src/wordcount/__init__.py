import sys

import click


@click.command()
def main() -> None:
    click.echo(len(sys.stdin.read().split()))
