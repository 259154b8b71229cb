# why: the whole project is copied, then env-docker.yml to /tmp/env.yaml for micromamba install -f: the env file is a manifest, but the source before it reruns the solve on every edit (bad)
# expect: cache-order 6
FROM mambaorg/micromamba:1.5.10
WORKDIR /app

COPY --chown=$MAMBA_USER:$MAMBA_USER ./ /app
COPY --chown=$MAMBA_USER:$MAMBA_USER env-docker.yml /tmp/env.yaml
RUN micromamba install -y -n base -f /tmp/env.yaml \
    && micromamba clean --all --yes

# Activate the base environment for the RUNs and the CMD below
ARG MAMBA_DOCKERFILE_ACTIVATE=1
EXPOSE 8050
CMD ["python", "dashboard/app.py"]
