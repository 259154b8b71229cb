import click


@click.command()
@click.option("--name", default="layer", help="Whom to greet.")
def main(name: str) -> None:
    click.secho(f"Hello, {name}!", fg="green")


main()
