"""What everything returns: frozen dataclasses that serialize to JSON and show themselves."""
