"""`.dockerignore` matching without the SDK (helpers/dockerfile/dockerignore.py) answers as the
SDK's own matcher does, on every pattern and path of a generated corpus."""

import itertools

from docker.utils.build import PatternMatcher

from helpers.dockerfile.dockerignore import DockerignoreMatcher, dockerignore_patterns

PATTERNS = [
    "*", "*.py", "**/*.py", "src", "src/", "/src", "./src", "src/*", "src/**", "src/**/*.pyc",
    "**/__pycache__", "data/", "!data/keep.csv", "!src/keep.py", ".git", ".env", "*.md",
    "!README.md", "docs/**/*.png", "a?c", "[a-c]*", "[!a]*", "src/../lib", "lib/./x", "**",
    "Dockerfile*", "!Dockerfile", "SRC/*.PY", "weird[", "node_modules", "**/node_modules/**",
]  # fmt: skip
PATHS = [
    "app.py", "src", "src/app.py", "src/keep.py", "src/sub/mod.pyc", "src/__pycache__/m.pyc",
    "data/keep.csv", "data/big.bin", ".git/HEAD", ".env", "README.md", "NOTES.md",
    "docs/img/a.png", "docs/a.png", "abc", "bbc", "lib/x", "lib", "Dockerfile",
    "Dockerfile.common", "web/node_modules/x/index.js", "node_modules/y", "weird[", ".dockerignore",
]  # fmt: skip


def test_the_same_answers_as_the_sdk_for_every_pattern_list():
    compared = 0
    # Every single pattern, and every pair (order matters: the last match wins).
    lists = [[p] for p in PATTERNS] + [list(pair) for pair in itertools.permutations(PATTERNS, 2)]
    for patterns in lists:
        ours, sdk = DockerignoreMatcher(patterns), PatternMatcher(patterns)
        for path in PATHS:
            assert ours.matches(path) == sdk.matches(path), (patterns, path)
            compared += 1
    assert compared > 20_000


def test_patterns_are_read_as_the_sdk_reads_them(tmp_path):
    (tmp_path / ".dockerignore").write_text("# comment\n\n  .git  \n*.md\n!README.md\n")
    assert dockerignore_patterns(tmp_path) == [".git", "*.md", "!README.md"]
    assert DockerignoreMatcher(dockerignore_patterns(tmp_path)).matches("NOTES.md")
    assert not DockerignoreMatcher(dockerignore_patterns(tmp_path)).matches("README.md")
    assert dockerignore_patterns(tmp_path / "nowhere") == []
