# why: pyproject.toml + pdm.lock alone, pdm install --no-self, then src/ and a second pdm install that only adds the project itself (good)
# expect: none
FROM python:3.12-slim AS build
ENV PDM_CHECK_UPDATE=false
# A tool install before anything is copied: fine
RUN pip install --no-cache-dir pdm==2.19.2
WORKDIR /project

# Project metadata and the lock file only
COPY pyproject.toml pdm.lock ./
RUN pdm install --check --prod --no-editable --no-self

# Dependencies are in the venv: this adds the package alone
COPY README.md ./
COPY src/ src/
RUN pdm install --check --prod --no-editable

FROM python:3.12-slim
WORKDIR /project
COPY --from=build /project/.venv/ /project/.venv/
ENV PATH="/project/.venv/bin:$PATH"
CMD ["python", "-m", "feedsync"]
