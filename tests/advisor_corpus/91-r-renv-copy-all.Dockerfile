# why: the whole project is copied before renv::restore(), so every edit to an R script reinstalls every package pinned in renv.lock (bad)
# expect: cache-order 12
FROM rocker/r-ver:4.4.1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2-dev libcurl4-openssl-dev libssl-dev \
    && rm -rf /var/lib/apt/lists/*
# renv itself, a named package: fine before the copy
RUN R -q -e "install.packages('renv', repos = 'https://cloud.r-project.org')"
ENV RENV_PATHS_LIBRARY=/opt/renv/library
WORKDIR /project

COPY . .
RUN R -q -e "renv::restore(prompt = FALSE)"

EXPOSE 3838
CMD ["R", "-e", "shiny::runApp('/project', host = '0.0.0.0', port = 3838)"]
