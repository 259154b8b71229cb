"""The sample app's native variant: a library compiled at install time (netifaces).

Run it with `python app.py` and open http://127.0.0.1:8000/ (PORT changes the port).
"""

import os

import netifaces
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    return jsonify(message="Hello from Layer Lab", interfaces=netifaces.interfaces())


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
