"""Talking to a Docker engine: connect, build, read layers, run, clean up what the course made."""
