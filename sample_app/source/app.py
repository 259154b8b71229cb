"""A small web app shaped like the article's: the code changes often, its libraries rarely.

Run it with `python app.py` and open http://127.0.0.1:8000/ (PORT changes the port).
"""

import os

import numpy as np
import pandas as pd
from flask import Flask, jsonify

app = Flask(__name__)

GREETING = "Hello from Layer Lab"


@app.get("/")
def index():
    week = pd.Series(np.array([3.1, 4.2, 2.8, 5.0, 4.4, 3.9, 4.7]), name="build_minutes")
    return jsonify(
        message=GREETING,
        mean_build_minutes=round(float(week.mean()), 2),
        numpy=np.__version__,
        pandas=pd.__version__,
    )


@app.get("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
