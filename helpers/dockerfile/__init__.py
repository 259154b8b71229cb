"""Reading Dockerfiles without an engine: parsing, .dockerignore, cache prediction, advice."""
