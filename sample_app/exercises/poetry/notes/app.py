"""Serves a few notes, written in Markdown, as HTML."""

import markdown
from flask import Flask

app = Flask(__name__)

NOTES = {
    "layers": "Every instruction adds a *layer*.",
    "cache": "Once a step misses the cache, **every later step** runs again.",
}


@app.get("/")
def index():
    items = "".join(f"<li><a href='/{name}'>{name}</a></li>" for name in NOTES)
    return f"<ul>{items}</ul>"


@app.get("/<name>")
def note(name: str):
    return markdown.markdown(NOTES.get(name, "No such note."))
