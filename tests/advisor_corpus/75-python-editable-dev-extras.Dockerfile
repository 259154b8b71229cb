# why: requirements.txt is installed first, but COPY . . precedes pip install -e ".[dev]", whose dev extras (pytest, ruff, mypy) are dependencies, not only the project: they reinstall on every edit (bad)
# expect: cache-order 11
FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /workspace

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Editable install plus the [dev] extras from pyproject.toml, for the dev container
RUN pip install -e ".[dev]"

CMD ["pytest", "-q"]
