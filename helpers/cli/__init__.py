"""The terminal: `python -m helpers COMMAND`, one module per command (see `main.COMMANDS`)."""
