# why: conda env create -f environment.yml before the code is copied (good)
# expect: none
FROM continuumio/miniconda3:24.4.0-0

WORKDIR /opt/geo
# The environment file alone: the slow solve is cached until it changes
COPY environment.yml /tmp/environment.yml
RUN conda env create -f /tmp/environment.yml \
    && conda clean --all --yes

COPY . /opt/geo

SHELL ["conda", "run", "-n", "geo", "/bin/bash", "-c"]
EXPOSE 8050
ENTRYPOINT ["conda", "run", "--no-capture-output", "-n", "geo", "python", "dashboard.py"]
