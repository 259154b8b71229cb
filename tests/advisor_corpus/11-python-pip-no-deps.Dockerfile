# why: dependencies from requirements.txt into a venv, then the package with pip install --no-deps .; slim final stage (good)
# expect: none
FROM python:3.12-slim AS build
WORKDIR /src
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY pyproject.toml README.md ./
COPY src/ src/
# Dependencies are already in the venv: install only the package
RUN pip install --no-cache-dir --no-deps .

FROM python:3.12-slim
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH
USER 65534
ENTRYPOINT ["pricing-cli"]
