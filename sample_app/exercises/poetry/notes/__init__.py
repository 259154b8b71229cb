"""A tiny notes web app, the project of Layer Lab's exercise."""
