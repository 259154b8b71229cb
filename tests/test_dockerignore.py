"""`.dockerignore` matching without the SDK (helpers/dockerfile/dockerignore.py) answers as the
SDK's own matcher and walk do, on every pattern and path of a generated corpus; BuildKit's
reading differs where Go's matcher differs (the real-builder suite checks it on the engine)."""

import itertools

import pytest
from docker.utils.build import PatternMatcher

from helpers.dockerfile.dockerignore import (
    BuildKitIgnore,
    DockerignoreMatcher,
    context_filter,
    dockerignore_patterns,
)

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


# A tree with folders that patterns exclude, at the top and deeper down.
TREE = [
    "app.py", "README.md", "Dockerfile", "src/app.py", "src/keep.py", "src/__pycache__/m.pyc",
    "pkg/sub/__pycache__/m.pyc", "pkg/sub/__pycache__/keep.pyc", "pkg/sub/mod.py",
    "node_modules/lib/index.js", "web/node_modules/x/index.js", "build/out.txt",
    "build/keep/k.txt", "data/keep.csv", "data/big.bin", "docs/a.md", "docs/img/a.png",
]  # fmt: skip
DIR_PATTERNS = [
    "**/__pycache__", "!pkg/sub/__pycache__/keep.pyc", "!src/__pycache__/m.pyc", "node_modules",
    "**/node_modules", "build/", "!build/keep", "data", "!data/keep.csv", "docs/**", "*.md",
    "!docs/a.md", "src", "!src/keep.py", "/build", "pkg/*/__pycache__",
]  # fmt: skip


def test_what_the_sdk_sends_from_a_tree_with_excluded_folders(tmp_path):
    """`sends` walks as the SDK's `exclude_paths` walks: a file inside an excluded folder is
    not sent, unless an exception reopens the folder."""
    from docker.utils.build import exclude_paths

    for path in TREE:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    lists = [[p] for p in DIR_PATTERNS] + [
        list(pair) for pair in itertools.permutations(DIR_PATTERNS, 2)
    ]
    differ_from_matches = 0
    for patterns in lists:
        sdk_sends = exclude_paths(str(tmp_path), list(patterns), "Dockerfile")
        ours = DockerignoreMatcher(patterns, "Dockerfile")
        for path in TREE:
            assert ours.sends(path) == (path in sdk_sends), (patterns, path)
            differ_from_matches += ours.sends(path) == ours.matches(path)
    # The walk matters: for many lists, a file's own match says "send" where the walk does not.
    assert differ_from_matches > 50


@pytest.mark.parametrize(
    ("patterns", "path", "classic", "buildkit"),
    [
        (["**/__pycache__"], "pkg/sub/__pycache__/m.pyc", False, False),
        (["node_modules"], "node_modules/lib/index.js", False, False),
        (["node_modules"], "web/node_modules/x/index.js", True, True),
        (["build/"], "build/out.txt", False, False),
        (["data", "!data/keep.csv"], "data/keep.csv", True, True),
        (["data", "!data/keep.csv"], "data/big.bin", False, False),
        # The SDK checks a pattern against one parent folder only, as deep as the pattern:
        # once an exception makes its walk enter the folder, a deeper file escapes.
        (
            ["**/__pycache__", "!pkg/sub/__pycache__/keep.pyc"],
            "pkg/sub/__pycache__/m.pyc",
            True,
            False,
        ),
        (
            ["**/__pycache__", "!pkg/sub/__pycache__/keep.pyc"],
            "pkg/sub/__pycache__/keep.pyc",
            True,
            True,
        ),
        # The SDK matches without regard to case; Go does not.
        (["readme.md"], "README.md", False, True),
    ],
)
def test_each_builder_decides_for_itself(tmp_path, patterns, path, classic, buildkit):
    (tmp_path / ".dockerignore").write_text("\n".join(patterns) + "\n")
    dockerfile = tmp_path / "Dockerfile"
    assert context_filter(tmp_path, dockerfile, "classic").sends(path) is classic
    assert context_filter(tmp_path, dockerfile, "buildkit").sends(path) is buildkit


def test_buildkit_prefers_the_dockerfiles_own_ignore_file(tmp_path):
    (tmp_path / ".dockerignore").write_text("app.py\n")
    (tmp_path / "web.Dockerfile.dockerignore").write_text("lib\n")
    web = tmp_path / "web.Dockerfile"
    assert context_filter(tmp_path, web, "buildkit").sends("app.py")
    assert not context_filter(tmp_path, web, "buildkit").sends("lib/x.py")
    assert not context_filter(tmp_path, web, "classic").sends("app.py")


def test_go_reads_patterns_as_buildkit_does():
    ignore = BuildKitIgnore(["# note", "  /build/  ", "./src/../lib", "!  lib/keep", "", "**"])
    assert [p.cleaned for p in ignore.patterns] == ["build", "lib", "lib/keep", "**"]
    assert [p.exclusion for p in ignore.patterns] == [False, False, True, False]
